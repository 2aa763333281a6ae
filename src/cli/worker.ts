import 'reflect-metadata';
import { systemClock } from '../common/clock';
import { loadConfigOrExit } from '../config';
import { openDatabase } from '../database/open-database';
import { startJobRunner } from '../jobs/job-runner';
import { scheduledTasks } from '../jobs/tasks';
import { ENTITIES, SUBSCRIBERS } from '../modules/entities';
import { createLogger } from '../server/logger';

/**
 * `npm run worker`: the scheduled work (src/jobs) apart from the API, as many as wanted on one
 * Postgres (each run's effects happen once). It migrates like the API does, so either may start
 * first. With the embedded database only one process may open its folder: run `npm start` alone
 * (it runs the jobs itself in development), or use DATABASE_URL.
 * SIGTERM/SIGINT: takes no new work, lets the runs in flight finish, then exits.
 */
async function main() {
  const config = loadConfigOrExit();
  const logger = createLogger(config);
  const database = await openDatabase(config, { entities: ENTITIES, subscribers: SUBSCRIBERS });
  const runner = await startJobRunner({ dataSource: database.dataSource, clock: systemClock, logger, config, tasks: scheduledTasks(config) });
  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'worker shutting down: finishing the jobs in flight');
    try {
      await runner.stop();
      await database.close();
      process.exit(0);
    } catch (error) {
      logger.error({ err: error }, 'worker shutdown failed');
      process.exit(1);
    }
  };
  process.once('SIGINT', () => void shutdown('SIGINT'));
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
