import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { openDatabase, type OpenDatabase } from '../../src/database/open-database';
import { ENTITIES, SUBSCRIBERS } from '../../src/modules/entities';

/**
 * A fresh, migrated database for one test file: an in-memory embedded Postgres, or, when
 * DATABASE_URL is set, a new database on that server, dropped afterwards.
 */
export async function openTestDatabase(options: { runMigrations?: boolean } = {}): Promise<OpenDatabase> {
  const serverUrl = process.env.DATABASE_URL;
  if (!serverUrl) {
    const from = options.runMigrations === false ? undefined : await migratedTemplate();
    return openDatabase({ embeddedDataDir: 'memory' }, { ...options, entities: ENTITIES, subscribers: SUBSCRIBERS, embeddedFrom: from });
  }

  const scratch = await scratchDatabase(serverUrl);
  const database = await openDatabase({ databaseUrl: scratch.url, embeddedDataDir: 'memory' }, { ...options, entities: ENTITIES, subscribers: SUBSCRIBERS });
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

/**
 * A freshly migrated embedded database, dumped once per test file: every later database of the file
 * starts from it, which skips initdb and the migrations (about 3 s each on this machine).
 */
let template: Promise<Blob> | undefined;
function migratedTemplate(): Promise<Blob> {
  template ??= (async () => {
    const database = await openDatabase({ embeddedDataDir: 'memory' }, { entities: ENTITIES, subscribers: SUBSCRIBERS });
    try {
      return await database.dumpEmbedded!();
    } finally {
      await database.close();
    }
  })();
  return template;
}

export const usingRealPostgres = () => Boolean(process.env.DATABASE_URL);
