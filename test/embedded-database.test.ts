import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startEmbeddedPostgres } from '../src/database/embedded-postgres';

/** The embedded database's data folder belongs to one process at a time (two writers lost data). */

const folder = mkdtempSync(join(tmpdir(), 'cmg-embedded-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

describe('embedded data folder lock', () => {
  it('a second opening of a folder in use is refused with a clear message; after stop it opens again', async () => {
    const first = await startEmbeddedPostgres(folder);
    const lock = join(folder, '.cmg-backoffice.lock');
    expect(readFileSync(lock, 'utf8')).toBe(String(process.pid));
    try {
      await expect(startEmbeddedPostgres(folder)).rejects.toThrow(/in use by process \d+: stop it first, or use DATABASE_URL/);
    } finally {
      await first.stop();
    }
    expect(existsSync(lock)).toBe(false);
    const again = await startEmbeddedPostgres(folder);
    await again.stop();
  });

  it('a lock left by a process that no longer runs is taken over', async () => {
    writeFileSync(join(folder, '.cmg-backoffice.lock'), '999999999');
    const database = await startEmbeddedPostgres(folder);
    expect(readFileSync(join(folder, '.cmg-backoffice.lock'), 'utf8')).toBe(String(process.pid));
    await database.stop();
  });
});
