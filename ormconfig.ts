import 'reflect-metadata';
import { loadConfig } from './src/config';
import { createDataSource } from './src/database/data-source';
import { startEmbeddedPostgres } from './src/database/embedded-postgres';
import { ENTITIES, SUBSCRIBERS } from './src/modules/entities';

/**
 * The DataSource for the TypeORM CLI (`npm run migration:generate` / `migration:run`).
 * With DATABASE_URL it is that server; without, the embedded database in its data folder
 * (the CLI awaits an exported promise, so the embedded server can start first).
 */
async function cliDataSource() {
  const config = loadConfig();
  const url = config.databaseUrl ?? (await startEmbeddedPostgres(config.embeddedDataDir)).url;
  return createDataSource({ url, entities: ENTITIES, subscribers: SUBSCRIBERS, poolSize: 2 });
}

export const dataSource = cliDataSource();
