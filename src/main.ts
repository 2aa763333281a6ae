import 'reflect-metadata';
import { ConfigError, loadConfig } from './config';
import { systemClock } from './common/clock';
import { openDatabase } from './database/open-database';
import { DEMO_STAFF, loadDemoIfDevelopment } from './cli/seed/demo-data';
import { scheduleGrantSweep } from './modules/access-requests/grant-sweep';
import { startApp } from './server/http-server';
import { createLogger } from './server/logger';
import { ENTITIES, SUBSCRIBERS } from './modules/entities';

/** Start: config -> database (migrations) -> demo data on an empty database -> server. */
async function main() {
  let config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(1);
    }
    throw error;
  }
  const logger = createLogger(config);
  const database = await openDatabase(config, { entities: ENTITIES, subscribers: SUBSCRIBERS });
  if (await loadDemoIfDevelopment(config, database.dataSource.manager)) logger.info('empty database: demo data loaded');
  const app = await startApp({ config, dataSource: database.dataSource, clock: systemClock, logger }, config.port, '0.0.0.0');
  // Expiry and near-expiry notices and the expiry audit record (TAR-7, TAR-8).
  const stopSweep = scheduleGrantSweep(database.dataSource, systemClock, logger);
  const where = database.embedded ? `embedded Postgres in ${config.embeddedDataDir}` : 'DATABASE_URL';
  console.log(
    [
      '',
      `CMG back-office API: http://localhost:${config.port}/graphql (database: ${where})`,
      'Get a token:  npm run token -- <staff number>',
      `Demo staff:   ${DEMO_STAFF.map((staff) => `${staff.staffNumber} (${staff.role})`).join(', ')}`,
      'Then:         curl -s localhost:' + config.port + '/graphql -H "content-type: application/json" \\',
      '                -H "authorization: Bearer $TOKEN" -d \'{"query":"{ me { staff { firstName role } } }"}\'',
      '',
    ].join('\n'),
  );
  const shutdown = async (signal: string) => {
    logger.info({ signal }, 'shutting down');
    stopSweep();
    await app.close();
    await database.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void shutdown('SIGINT'));
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
