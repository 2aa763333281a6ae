import type { DataSource } from 'typeorm';
import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { openDatabase, type OpenDatabase } from '../../src/database/open-database';
import { ENTITIES, SUBSCRIBERS } from '../../src/modules/entities';
import { seedDemo } from '../../src/cli/seed/demo-data';
import { templates } from './templates';

/**
 * A fresh, migrated database for one test file: an in-memory embedded Postgres, or, when
 * DATABASE_URL is set, a new database on that server, dropped afterwards.
 */
export async function openTestDatabase(options: { runMigrations?: boolean; seeded?: boolean } = {}): Promise<OpenDatabase> {
  const serverUrl = process.env.DATABASE_URL;
  if (!serverUrl) {
    const from = options.runMigrations === false ? undefined : (await templates())[options.seeded ? 'seeded' : 'migrated'];
    return openDatabase({ embeddedDataDir: 'memory' }, { runMigrations: options.runMigrations, entities: ENTITIES, subscribers: SUBSCRIBERS, embeddedFrom: from });
  }

  const scratch = await scratchDatabase(serverUrl);
  const database = await openDatabase({ databaseUrl: scratch.url, embeddedDataDir: 'memory' }, { runMigrations: options.runMigrations, entities: ENTITIES, subscribers: SUBSCRIBERS });
  if (options.seeded) await seedDemo(database.dataSource.manager);
  return {
    ...database,
    async close() {
      await database.close();
      await scratch.drop();
    },
  };
}

/** A new, empty database on the server of `serverUrl`, and how to drop it. */
export async function scratchDatabase(serverUrl: string): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `cmg_test_${randomBytes(6).toString('hex')}`;
  const admin = async (sql: string) => {
    const client = new Client({ connectionString: serverUrl });
    await client.connect();
    try {
      await client.query(sql);
    } finally {
      await client.end();
    }
  };
  await admin(`CREATE DATABASE ${name}`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return { url: url.toString(), drop: () => admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`) };
}

export const usingRealPostgres = () => Boolean(process.env.DATABASE_URL);

/** Undoes migrations, newest first, until `migration` is no longer applied; how many were undone. */
export async function undoMigrationsThrough(dataSource: DataSource, migration: string): Promise<number> {
  let undone = 0;
  while ((await dataSource.query('SELECT 1 FROM migrations WHERE name = $1', [migration])).length > 0) {
    await dataSource.undoLastMigration({ transaction: 'each' });
    undone++;
  }
  return undone;
}
