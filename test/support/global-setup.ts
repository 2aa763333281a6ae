import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import 'reflect-metadata';
import { buildTemplates, TEMPLATE_DIR_ENV } from './templates';

/**
 * Embedded runs: the migrated database and the one with the demo data are built once per run and
 * kept as files every test file (in every worker) starts from, instead of once per file (about 5 s
 * of WASM work each).
 */
export default async function globalSetup(): Promise<void> {
  if (process.env.DATABASE_URL || process.env[TEMPLATE_DIR_ENV]) return;
  const dir = mkdtempSync(join(tmpdir(), 'cmg-test-templates-'));
  const { migrated, seeded } = await buildTemplates();
  writeFileSync(join(dir, 'migrated.tar'), Buffer.from(await migrated.arrayBuffer()));
  writeFileSync(join(dir, 'seeded.tar'), Buffer.from(await seeded.arrayBuffer()));
  process.env[TEMPLATE_DIR_ENV] = dir;
}
