import { rmSync } from 'node:fs';
import { TEMPLATE_DIR_ENV } from './templates';

export default async function globalTeardown(): Promise<void> {
  const dir = process.env[TEMPLATE_DIR_ENV];
  if (dir && dir.includes('cmg-test-templates-')) rmSync(dir, { recursive: true, force: true });
}
