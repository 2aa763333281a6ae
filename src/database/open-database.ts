import type { DataSource } from 'typeorm';
import type { AppConfig } from '../config';
import { createDataSource, type DataSourceOptions } from './data-source';

export interface OpenDatabase {
  dataSource: DataSource;
  /** True when running on the embedded PGlite database. */
  embedded: boolean;
  /** The embedded database as a tarball (undefined on a real server). */
  dumpEmbedded?: () => Promise<Blob>;
  close(): Promise<void>;
}

/**
 * Connects to `DATABASE_URL`, or starts the embedded database when there is none, and runs
 * pending migrations so the schema is always the one the code expects.
 */
export async function openDatabase(
  config: Pick<AppConfig, 'databaseUrl' | 'embeddedDataDir'>,
  options: Pick<DataSourceOptions, 'entities' | 'subscribers'> & { runMigrations?: boolean; embeddedFrom?: Blob },
): Promise<OpenDatabase> {
  // PGlite (its WebAssembly Postgres and socket server) is loaded only when it is used: a server
  // on DATABASE_URL does not keep it in its heap, where it would raise V8's old-space limits.
  const embedded = config.databaseUrl
    ? undefined
    : await (require('./embedded-postgres') as typeof import('./embedded-postgres')).startEmbeddedPostgres(config.embeddedDataDir, options.embeddedFrom);
  const dataSource = createDataSource({ url: config.databaseUrl ?? embedded!.url, entities: options.entities, subscribers: options.subscribers });
  try {
    await dataSource.initialize();
    if (options.runMigrations !== false) await migrate(dataSource);
  } catch (error) {
    if (dataSource.isInitialized) await dataSource.destroy();
    await embedded?.stop();
    throw error;
  }
  return {
    dataSource,
    embedded: Boolean(embedded),
    dumpEmbedded: embedded?.dump,
    async close() {
      await dataSource.destroy();
      await embedded?.stop();
    },
  };
}

/** Any fixed 64-bit key: one per application, so instances of this API queue behind each other. */
const MIGRATION_LOCK = 7_305_841_977_001;

/**
 * Runs pending migrations under a session advisory lock: instances starting together on one
 * database take turns, and the later ones find nothing left to run (several instances on one
 * Postgres is the scale-out path).
 */
export async function migrate(dataSource: DataSource): Promise<void> {
  const session = dataSource.createQueryRunner();
  await session.connect();
  try {
    await session.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
    try {
      await dataSource.runMigrations({ transaction: 'each' });
    } finally {
      await session.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]);
    }
  } finally {
    await session.release();
  }
}
