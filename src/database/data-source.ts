import { join } from 'node:path';
import { DataSource } from 'typeorm';
import type { MixedList, EntitySchema } from 'typeorm';

export interface DataSourceOptions {
  url: string;
  /** The entity classes, from the modules' registry (src/modules/entities.ts): the kernel names no feature. */
  entities: MixedList<Function | string | EntitySchema>;
  /** Entity subscribers from the same registry: writes that go with an entity on every path (SR-8). */
  subscribers: MixedList<Function | string>;
  /** Connections in the pool; the embedded database serialises queries anyway. */
  poolSize?: number;
}

/**
 * The one way to build the DataSource, used by the CLI (ormconfig.ts), the app and the tests.
 * Schema changes only through migrations: `synchronize` stays off.
 */
export function createDataSource({ url, entities, subscribers, poolSize = 10 }: DataSourceOptions): DataSource {
  return new DataSource({
    type: 'postgres',
    url,
    entities,
    subscribers,
    migrations: [join(__dirname, '..', '..', 'migrations', '*.{ts,js}')],
    migrationsTableName: 'migrations',
    migrationsTransactionMode: 'each',
    synchronize: false,
    migrationsRun: false,
    // gen_random_uuid() is built into Postgres 13+; PGlite has no pgcrypto to install.
    installExtensions: false,
    uuidExtension: 'pgcrypto',
    extra: { max: poolSize, application_name: 'cmg-backoffice-api' },
    // TypeORM would print failed SQL with its parameters (personal data, hashes) to stdout: errors are
    // logged once, structured and with the request id, by the server instead.
    logging: false,
  });
}
