import 'reflect-metadata';
import { loadConfigOrExit } from './config';
import { systemClock } from './common/clock';
import { openDatabase } from './database/open-database';
import { DEMO_STAFF, loadDemoIfDevelopment } from './cli/seed/demo-data';
import { queueDepth, startJobRunner } from './jobs/job-runner';
import { scheduledTasks } from './jobs/tasks';
import { checkpointKey } from './audit-trail/audit-checkpoint';
import { scheduleChainHeadPublishing } from './audit-trail/publish-head';
import { startApp } from './server/http-server';
import { createLogger } from './server/logger';
import { ENTITIES, SUBSCRIBERS } from './modules/entities';

/** Start: config -> database (migrations) -> demo data on an empty database -> server. */
async function main() {
  const config = loadConfigOrExit();
  const logger = createLogger(config);
  // The OpenTelemetry SDK (about 270 ms and 6 MB at start) is loaded only when traces are exported.
  const tracing = config.tracing.enabled
    ? (require('./observability/tracing') as typeof import('./observability/tracing')).startTracing()
    : undefined;
  if (tracing) logger.info('tracing: spans exported by OTLP/HTTP');
  const database = await openDatabase(config, { entities: ENTITIES, subscribers: SUBSCRIBERS });
  if (await loadDemoIfDevelopment(config, database.dataSource.manager)) logger.info('empty database: demo data loaded');
  const app = await startApp({ config, dataSource: database.dataSource, clock: systemClock, logger, tracer: tracing?.tracer }, config.port, '0.0.0.0');
  app.metrics.registerGauge('job_queue_depth', 'Jobs waiting to run (created or retrying), all queues.', () => queueDepth(database.dataSource));
  // The scheduled work (grant notices, escalation, reminders, letter batch) in this process when
  // configured (RUN_WORKER, default in development); otherwise `npm run worker` runs it apart.
  const jobs = config.jobs.inProcess
    ? await startJobRunner({ dataSource: database.dataSource, clock: systemClock, logger, config, tasks: scheduledTasks(config) })
    : undefined;
  // AUD-3: the audit chain head (and the policy version), signed, stored and logged at start-up and
  // every 15 minutes when it has moved: the copy outside the database that shows truncation.
  const stopCheckpoints = scheduleChainHeadPublishing(database.dataSource, checkpointKey(config.secretsKey), systemClock, logger);
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
    stopCheckpoints();
    // The HTTP server and the jobs in flight finish together, before the database closes.
    await Promise.all([app.close(), jobs?.stop()]);
    await tracing?.shutdown();
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
