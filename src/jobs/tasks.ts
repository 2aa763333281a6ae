import type { DataSource } from 'typeorm';
import type { AppConfig } from '../config';
import { sweepGrantEvents } from '../modules/access-requests/grant-sweep';
import { stageLimitsOf, sweepStalledRequests } from '../modules/access-requests/request-escalation';
import { remindDueWork } from '../modules/due-work/due-work-reminders';
import { runLetterBatch } from '../modules/letters/letter-batch';

/** What a task may use; `now` comes from the runner's injectable clock, so tests move time, not wait for it. */
export interface TaskContext {
  dataSource: DataSource;
  now: Date;
}

/**
 * One kind of scheduled work: a queue of its own. `run` must be idempotent in the database
 * (unique keys, conditional updates, advisory locks): the queue delivers at least once (a retry, a
 * worker that died mid-run, two instances), so only the handler can make each effect happen once.
 * Its result (counts only, no personal data) is logged and kept as the job's output.
 */
export interface JobTask {
  name: string;
  description: string;
  /** 5-field cron expression in the configured time zone; none: run only when queued. */
  cron?: string;
  /** Retries after a failed run; the configured JOBS_RETRY_LIMIT when not given. */
  retryLimit?: number;
  run(ctx: TaskContext): Promise<object>;
}

/** Task names, also the queue names. */
export const TASK = {
  grantSweep: 'grant-sweep',
  accessRequestEscalation: 'access-request-escalation',
  dueWorkReminders: 'due-work-reminders',
  letterBatch: 'letter-batch',
} as const;

/** The scheduled work of the service (issue 10 point 9). */
export function scheduledTasks(config: Pick<AppConfig, 'jobs' | 'accessStage'>): JobTask[] {
  return [
    {
      name: TASK.grantSweep,
      description: 'TAR-7, TAR-8: near-expiry and expiry notices of grants, and the expiry audit record',
      cron: '* * * * *',
      run: ({ dataSource, now }) => sweepGrantEvents(dataSource, now),
    },
    {
      name: TASK.accessRequestEscalation,
      description: 'TAR-10: escalates requests waiting too long at a stage, then expires them',
      cron: '* * * * *',
      run: ({ dataSource, now }) => sweepStalledRequests(dataSource, now, stageLimitsOf(config)),
    },
    {
      name: TASK.dueWorkReminders,
      description: 'SR-4: tells owners when the next action date of their SR has passed (the 7-day waits)',
      cron: '*/5 * * * *',
      run: ({ dataSource, now }) => remindDueWork(dataSource, now),
    },
    {
      name: TASK.letterBatch,
      description: 'LET-2, LET-4: the end-of-day letter batch',
      cron: config.jobs.letterBatchCron,
      run: ({ dataSource, now }) => runLetterBatch(dataSource, now),
    },
  ];
}
