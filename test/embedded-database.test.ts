import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { Client } from 'pg';
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

describe('embedded database socket', () => {
  it('is a Unix socket in a folder only this user may enter (PGlite asks no password), and goes with the database', async () => {
    const database = await startEmbeddedPostgres('memory');
    const { hostname, port } = new URL(database.url);
    const folder = decodeURIComponent(hostname);
    try {
      expect(folder.startsWith('/')).toBe(true);
      const stat = statSync(folder);
      expect(stat.mode & 0o777).toBe(0o700);
      expect(stat.uid).toBe(process.getuid!());
      expect(statSync(join(folder, `.s.PGSQL.${port}`)).isSocket()).toBe(true);
      const client = new Client({ connectionString: database.url });
      await client.connect();
      expect((await client.query('SELECT 1 AS one')).rows).toEqual([{ one: 1 }]);
      await client.end();
    } finally {
      await database.stop();
    }
    expect(existsSync(folder)).toBe(false);
  });
});
