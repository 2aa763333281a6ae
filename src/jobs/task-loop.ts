import type { EventEmitter } from 'node:events';
import type PgBoss from 'pg-boss';
import type { Logger } from 'pino';
import type { JobTask } from './tasks';

export interface JobOutcome {
  task: string;
  jobId: string;
  result?: object;
}

/**
 * One task's worker: fetches a job (SKIP LOCKED, so two instances never take the same one), runs
 * it, and records the outcome before fetching again. Ours rather than pg-boss's `work()`, which
 * records the outcome without waiting for it: here 'completed' is emitted once the queue says so,
 * and stopping waits for exactly the run in flight.
 */
export class TaskLoop {
  private stopping = false;
  private wakeUp: (() => void) | undefined;
  readonly finished: Promise<void>;

  constructor(
    private readonly boss: PgBoss,
    private readonly task: JobTask,
    private readonly pollMs: number,
    private readonly run: () => Promise<object>,
    private readonly logger: Logger,
    private readonly events: EventEmitter,
  ) {
    this.finished = this.loop();
  }

  /** Looks for work now instead of at the next poll (a job was just queued here). */
  wake(): void {
    this.wakeUp?.();
  }

  /** Takes no new job; `finished` resolves when the run in flight, if any, is recorded. */
  stop(): void {
    this.stopping = true;
    this.wake();
  }

  private async loop(): Promise<void> {
    while (!this.stopping) {
      let job: PgBoss.Job | undefined;
      try {
        [job] = await this.boss.fetch(this.task.name, { batchSize: 1 });
      } catch (error) {
        this.logger.error({ task: this.task.name, err: error }, 'job queue unavailable; trying again at the next poll');
      }
      if (job) await this.runOne(job.id);
      else await this.idle();
    }
  }

  private idle(): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.wakeUp = undefined;
        resolve();
      };
      const timer = setTimeout(done, this.pollMs);
      this.wakeUp = done;
    });
  }

  private async runOne(jobId: string): Promise<void> {
    const name = this.task.name;
    const started = Date.now();
    let result: object;
    try {
      result = await this.run();
    } catch (error) {
      // The logger's error serializer keeps the class and SQLSTATE of a database error, not its message.
      this.logger.error({ task: name, jobId, err: error }, 'job failed; it is retried with backoff');
      // pg-boss keeps what it is given as the job's output: never a driver message, which can quote a value.
      await this.boss.fail(name, jobId, { error: describeError(error) })
        .catch((failure) => this.logger.error({ task: name, jobId, err: failure }, 'could not record the failure; the job expires and is retried'));
      this.events.emit('failed', { task: name, jobId } satisfies JobOutcome);
      return;
    }
    try {
      await this.boss.complete(name, jobId, result);
    } catch (error) {
      // Done but not recorded: it expires and runs again, which the task's idempotence makes harmless.
      this.logger.error({ task: name, jobId, err: error }, 'could not record a finished job');
      return;
    }
    // A sweep that found nothing to do, every minute, is no news.
    const didSomething = Object.values(result).some((value) => typeof value === 'number' && value > 0);
    this.logger[didSomething ? 'info' : 'debug']({ task: name, jobId, ms: Date.now() - started, ...result }, 'job done');
    this.events.emit('completed', { task: name, jobId, result } satisfies JobOutcome);
  }
}

/** The class and SQLSTATE of an error: enough to act on, nothing from the data. */
export function describeError(error: unknown): string {
  const type = error instanceof Error ? error.constructor.name : typeof error;
  const code = (error as { code?: unknown; driverError?: { code?: unknown } } | null);
  const sqlState = code?.driverError?.code ?? code?.code;
  return typeof sqlState === 'string' && /^[0-9A-Z]{5}$/.test(sqlState) ? `${type} (SQLSTATE ${sqlState})` : type;
}
