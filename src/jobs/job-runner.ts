import { EventEmitter } from 'node:events';
import type { Pool } from 'pg';
import PgBoss from 'pg-boss';
import type { Logger } from 'pino';
import type { DataSource } from 'typeorm';
import type { Clock } from '../common/clock';
import type { AppConfig } from '../config';
import { TaskLoop } from './task-loop';
import type { JobTask } from './tasks';

export type { JobOutcome } from './task-loop';

/** The queue's schema, created by migrations/1795910000000-JobQueue.ts. */
const QUEUE_SCHEMA = 'pgboss';

export interface JobRunnerOptions {
  dataSource: DataSource;
  clock: Clock;
  logger: Logger;
  config: Pick<AppConfig, 'jobs'>;
  tasks: JobTask[];
  /** How often the schedules are checked, in seconds (pg-boss's default 30; tests 1). */
  cronCheckSeconds?: number;
}

export interface JobRunner {
  /** Queues a run of `task` now, as its schedule would; the job's id. */
  enqueue(task: string): Promise<string>;
  /** 'completed' and 'failed' (a JobOutcome) after each run, for tests and metrics. */
  readonly events: EventEmitter;
  /** Takes no new work and lets the runs in flight finish (up to `timeoutMs`; one still going then expires and is retried elsewhere). */
  stop(timeoutMs?: number): Promise<void>;
}

/**
 * Runs the scheduled work on a Postgres-backed queue (pg-boss): cron schedules kept in the
 * database and sent once per slot however many instances run (pg-boss takes a database lock on
 * the minute), workers that fetch with SKIP LOCKED, retries with exponential backoff. Exactly-once
 * *effects* are the tasks' own (see JobTask). Uses the data source's pool: no extra connections,
 * which the embedded database (one socket, a few connections) could not spare, and polling
 * rather than LISTEN/NOTIFY, which works on it too.
 */
export async function startJobRunner(options: JobRunnerOptions): Promise<JobRunner> {
  const { dataSource, clock, logger, config, tasks } = options;
  const jobs = config.jobs;
  const sql = sharedPool(dataSource);
  const boss = new PgBoss({
    db: sql.db,
    schema: QUEUE_SCHEMA,
    // The schema is ours to migrate: pg-boss checks its version and refuses a mismatch.
    migrate: false,
    pollingIntervalSeconds: jobs.pollSeconds,
    cronMonitorIntervalSeconds: options.cronCheckSeconds ?? 30,
    cronWorkerIntervalSeconds: Math.min(options.cronCheckSeconds ?? 5, 5),
  });
  boss.on('error', (error) => logger.error({ err: error }, 'job queue error'));
  const events = new EventEmitter();
  const loops = new Map<string, TaskLoop>();
  const stopLoops = () => Promise.all([...loops.values()].map((loop) => {
    loop.stop();
    return loop.finished;
  }));
  try {
    for (const task of tasks) {
      const queue = {
        name: task.name,
        policy: 'standard' as const,
        retryLimit: task.retryLimit ?? jobs.retryLimit,
        retryDelay: jobs.retryDelaySeconds,
        retryBackoff: true,
        // A run still active after this long is taken for dead (its worker gone) and retried.
        expireInSeconds: 15 * 60,
      };
      await boss.createQueue(task.name, queue);
      // Settings of a queue created by an earlier start follow the configuration.
      await boss.updateQueue(task.name, queue);
      if (task.cron) await boss.schedule(task.name, task.cron, {}, { tz: jobs.timezone });
      else await boss.unschedule(task.name);
    }
    // Started once the schedules are in: its first cron check, at start, then sees them all.
    await boss.start();
    for (const task of tasks) {
      const run = () => task.run({ dataSource, now: clock.now() });
      loops.set(task.name, new TaskLoop(boss, task, jobs.pollSeconds * 1000, run, logger, events));
    }
  } catch (error) {
    await stopLoops();
    await boss.stop({ graceful: false, close: false });
    throw error;
  }
  logger.info({ tasks: tasks.map((task) => `${task.name}${task.cron ? ` (${task.cron} ${jobs.timezone})` : ''}`) }, 'job runner started');

  let stopped: Promise<void> | undefined;
  return {
    events,
    async enqueue(name) {
      const loop = loops.get(name);
      if (!loop) throw new Error(`no task ${name}`);
      const id = await boss.send(name, {});
      loop.wake();
      return id!;
    },
    stop(timeoutMs = 30_000) {
      stopped ??= (async () => {
        let timer: NodeJS.Timeout | undefined;
        const timedOut = new Promise<'timeout'>((resolve) => (timer = setTimeout(() => resolve('timeout'), timeoutMs)));
        // A run still going at the deadline is left: its job expires and a worker retries it.
        if (await Promise.race([stopLoops(), timedOut]) === 'timeout') logger.warn({ timeoutMs }, 'job runner stopped with a run in flight');
        clearTimeout(timer);
        await boss.stop({ graceful: true, wait: true, close: false, timeout: 1_000 });
        // pg-boss's own last statements (schedules, maintenance) land before the pool closes.
        await sql.settled();
        logger.info('job runner stopped');
      })();
      return stopped;
    },
  };
}

/**
 * pg-boss's statements on the data source's own pg pool. Some of them are several statements
 * with their own BEGIN ... COMMIT: one that fails would hand back a connection inside an aborted
 * transaction, so each runs on a checked-out connection that is rolled back on error.
 */
function sharedPool(dataSource: DataSource) {
  const pool = (dataSource.driver as unknown as { master: Pool }).master;
  const inFlight = new Set<Promise<unknown>>();
  const run = async (text: string, values?: unknown[]) => {
    const client = await pool.connect();
    try {
      const result = await client.query(text, values);
      client.release();
      return result;
    } catch (error) {
      await client.query('ROLLBACK').then(() => client.release(), (failure: Error) => client.release(failure));
      throw error;
    }
  };
  const db: PgBoss.Db = {
    executeSql(text, values) {
      const query = run(text, values);
      inFlight.add(query);
      void query.finally(() => inFlight.delete(query)).catch(() => {});
      return query;
    },
  };
  return { db, settled: () => Promise.allSettled([...inFlight]) };
}

/**
 * Jobs waiting to run (created or retrying), over every queue: read from the queue's own table,
 * so the API's /metrics shows the depth whichever process runs the workers.
 */
export async function queueDepth(dataSource: DataSource): Promise<number> {
  const [row] = await dataSource.query(`SELECT count(*)::int AS waiting FROM pgboss.job WHERE state IN ('created', 'retry')`);
  return row.waiting;
}
