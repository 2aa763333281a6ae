import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { openDatabase, type OpenDatabase } from '../../src/database/open-database';
import { ENTITIES } from '../../src/modules/entities';

/**
 * A fresh, migrated database for one test file: an in-memory embedded Postgres, or, when
 * DATABASE_URL is set, a new database on that server, dropped afterwards.
 */
export async function openTestDatabase(options: { runMigrations?: boolean } = {}): Promise<OpenDatabase> {
  const serverUrl = process.env.DATABASE_URL;
  if (!serverUrl) return openDatabase({ embeddedDataDir: 'memory' }, { ...options, entities: ENTITIES });

  const name = `cmg_test_${randomBytes(6).toString('hex')}`;
  const admin = new Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const database = await openDatabase({ databaseUrl: url.toString(), embeddedDataDir: 'memory' }, { ...options, entities: ENTITIES });
  return {
    ...database,
    async close() {
      await database.close();
      const cleanup = new Client({ connectionString: serverUrl });
      await cleanup.connect();
      await cleanup.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await cleanup.end();
    },
  };
}

export const usingRealPostgres = () => Boolean(process.env.DATABASE_URL);
