import type { DataSource } from 'typeorm';
import { Writable } from 'node:stream';
import type { Clock } from '../../src/common/clock';
import { loadConfig } from '../../src/config';
import { createDataSource } from '../../src/database/data-source';
import { startJobRunner, type JobOutcome, type JobRunner } from '../../src/jobs/job-runner';
import type { JobTask } from '../../src/jobs/tasks';
import { ENTITIES, SUBSCRIBERS } from '../../src/modules/entities';
import { createLogger } from '../../src/server/logger';

/** Quick polls and retries so a test takes seconds: a retry waits 1 s (pg-boss's least with backoff). */
export const JOB_TEST_CONFIG = loadConfig({
  NODE_ENV: 'test', JOBS_POLL_SECONDS: '1', JOBS_RETRY_DELAY_SECONDS: '0', JOBS_RETRY_LIMIT: '2',
});

export interface TestRunner extends JobRunner {
  logLines: string[];
  /** Ids of the jobs this runner completed, from its start: a run that ends before a test listens still counts. */
  completed: Set<string>;
}

export async function startTestRunner(
  dataSource: DataSource, clock: Clock, tasks: JobTask[], options: { cronCheckSeconds?: number } = {},
): Promise<TestRunner> {
  const logLines: string[] = [];
  const sink = new Writable({
    write(chunk, _encoding, done) {
      logLines.push(String(chunk));
      done();
    },
  });
  const logger = createLogger({ logLevel: 'info' }, sink);
  const runner = await startJobRunner({ dataSource, clock, logger, config: JOB_TEST_CONFIG, tasks, ...options });
  const completed = new Set<string>();
  runner.events.on('completed', (outcome: JobOutcome) => completed.add(outcome.jobId));
  return Object.assign(runner, { logLines, completed });
}

/** A second "instance": its own pool on the same database. */
export async function secondInstance(dataSource: DataSource): Promise<DataSource> {
  const url = (dataSource.options as { url: string }).url;
  const other = createDataSource({ url, entities: ENTITIES, subscribers: SUBSCRIBERS, poolSize: 3 });
  return other.initialize();
}

/**
 * Resolves with the outcome of the first run of `task` that `kind` reports (the event, not a
 * sleep); rejects after `timeoutMs` so a broken runner fails the test instead of hanging it.
 */
export function nextRun(runner: JobRunner, kind: 'completed' | 'failed', task: string, timeoutMs = 15_000): Promise<JobOutcome> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      runner.events.off(kind, listener);
      reject(new Error(`no ${kind} run of ${task} within ${timeoutMs} ms`));
    }, timeoutMs);
    const listener = (outcome: JobOutcome) => {
      if (outcome.task !== task) return;
      clearTimeout(timer);
      runner.events.off(kind, listener);
      resolve(outcome);
    };
    runner.events.on(kind, listener);
  });
}

/** Resolves once every job id in `ids` has completed on one of `runners`. */
export function allCompleted(runners: TestRunner[], ids: string[], timeoutMs = 20_000): Promise<void> {
  const waiting = new Set(ids.filter((id) => !runners.some((runner) => runner.completed.has(id))));
  if (waiting.size === 0) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const done = () => {
      clearTimeout(timer);
      for (const runner of runners) runner.events.off('completed', listener);
    };
    const timer = setTimeout(() => {
      done();
      reject(new Error(`jobs not completed within ${timeoutMs} ms: ${[...waiting].join(', ')}`));
    }, timeoutMs);
    const listener = (outcome: JobOutcome) => {
      waiting.delete(outcome.jobId);
      if (waiting.size === 0) {
        done();
        resolve();
      }
    };
    for (const runner of runners) runner.events.on('completed', listener);
  });
}

export interface QueuedJob {
  state: string;
  retry_count: number;
  retry_backoff: boolean;
  output: unknown;
}

export async function jobRow(dataSource: DataSource, id: string): Promise<QueuedJob> {
  const [row] = await dataSource.query('SELECT state, retry_count, retry_backoff, output FROM pgboss.job WHERE id = $1', [id]);
  return row;
}
