import type { Pool } from 'pg';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { DataSource } from 'typeorm';

/**
 * The Prometheus metrics of one app. Each app has its own registry (never prom-client's global
 * one), so several apps in one process (tests, the three-instance test) do not collide.
 *
 * Every label value comes from a small fixed set or is capped: no ids, no personal data, no input
 * values. The only client-chosen text is the GraphQL operation name (our front-ends name their
 * operations), admitted only from signed-in callers and only up to `maxOperationNames` names.
 */

/** The paths the server answers; anything else is `other`, so a scanner cannot add series. */
const ROUTES = new Set(['/graphql', '/healthz', '/readyz', '/metrics']);
const METHODS = new Set(['GET', 'POST', 'OPTIONS', 'HEAD']);
/** Error codes are ours or Apollo's (SCREAMING_SNAKE); a cap still bounds them should a library invent some. */
const ERROR_CODE = /^[A-Z][A-Z0-9_]{0,39}$/;
const MAX_ERROR_CODES = 50;
const MAX_OPERATION_NAME_LENGTH = 64;
/** A gauge whose source does not answer in time reads NaN instead of holding up the scrape. */
const COLLECT_TIMEOUT_MS = 2_000;
/** Seconds; finer at the low end: the list aims at p99 < 50 ms. */
const DURATION_BUCKETS = [0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

export type OperationOutcome = 'ok' | 'error';

export interface MetricsOptions {
  /** Its pg pool is reported at scrape time (open, idle, waiting, max). */
  dataSource?: DataSource;
  /** Distinct operation names before the rest are counted as `other`. */
  maxOperationNames?: number;
  /** Node process metrics (CPU, memory, event loop lag, GC): on unless turned off. */
  processMetrics?: boolean;
}

export const routeOf = (url: string | undefined): string => {
  const path = (url ?? '/').split('?', 1)[0];
  return ROUTES.has(path) ? path : 'other';
};

export class AppMetrics {
  readonly registry = new Registry();
  private readonly maxOperationNames: number;
  private readonly operationNames = new Set<string>();
  private readonly errorCodes = new Set<string>();

  private readonly httpRequests = new Counter({
    name: 'http_requests_total',
    help: 'HTTP requests answered, by method, route and status.',
    labelNames: ['method', 'route', 'status'] as const,
    registers: [this.registry],
  });
  private readonly httpDuration = new Histogram({
    name: 'http_request_duration_seconds',
    help: 'Time from the request to the end of the answer, by route.',
    labelNames: ['route'] as const,
    buckets: DURATION_BUCKETS,
    registers: [this.registry],
  });
  private readonly operations = new Counter({
    name: 'graphql_operations_total',
    help: 'GraphQL operations, by operation name, type and outcome (error: the answer carries errors).',
    labelNames: ['operation', 'type', 'outcome'] as const,
    registers: [this.registry],
  });
  private readonly operationDuration = new Histogram({
    name: 'graphql_operation_duration_seconds',
    help: 'Time Apollo spends on an operation (parse, validate, execute; sign-in is in http_request_duration_seconds).',
    labelNames: ['operation', 'type'] as const,
    buckets: DURATION_BUCKETS,
    registers: [this.registry],
  });
  private readonly errors = new Counter({
    name: 'graphql_errors_total',
    help: 'GraphQL errors answered, by extensions.code.',
    labelNames: ['code'] as const,
    registers: [this.registry],
  });
  private readonly collectFailures = new Counter({
    name: 'metrics_collect_failures_total',
    help: 'Registered gauges whose source failed or timed out at a scrape.',
    labelNames: ['metric'] as const,
    registers: [this.registry],
  });

  constructor(options: MetricsOptions = {}) {
    this.maxOperationNames = options.maxOperationNames ?? 100;
    if (options.processMetrics !== false) collectDefaultMetrics({ register: this.registry });
    if (options.dataSource) this.registerPool(options.dataSource);
  }

  httpRequest(method: string | undefined, route: string, status: number, seconds: number): void {
    this.httpRequests.inc({ method: method && METHODS.has(method) ? method : 'other', route, status });
    this.httpDuration.observe({ route }, seconds);
  }

  /**
   * The label for an operation name: unnamed operations are `anonymous`; a name is learned only
   * from a signed-in caller (an anonymous one cannot fill the slots) and only while there is room.
   */
  operationLabel(name: string | null | undefined, signedIn: boolean): string {
    if (!name) return 'anonymous';
    if (this.operationNames.has(name)) return name;
    if (!signedIn || name.length > MAX_OPERATION_NAME_LENGTH || this.operationNames.size >= this.maxOperationNames) return 'other';
    this.operationNames.add(name);
    return name;
  }

  graphqlOperation(operation: string, type: string, outcome: OperationOutcome, seconds: number): void {
    this.operations.inc({ operation, type, outcome });
    this.operationDuration.observe({ operation, type }, seconds);
  }

  graphqlError(code: unknown): void {
    let label = typeof code === 'string' && ERROR_CODE.test(code) ? code : 'OTHER';
    if (!this.errorCodes.has(label)) {
      if (this.errorCodes.size >= MAX_ERROR_CODES) label = 'OTHER';
      else this.errorCodes.add(label);
    }
    this.errors.inc({ code: label });
  }

  /**
   * A gauge read at each scrape, e.g. the job queue's depth:
   * `metrics.registerGauge('job_queue_depth', 'Jobs waiting to run.', () => queue.depth())`.
   * A source that throws or takes over 2 s reads NaN and the scrape still answers; the failure is
   * counted in metrics_collect_failures_total (seen from the next scrape: gauges are read
   * concurrently). Returns a function that removes the gauge.
   */
  registerGauge(name: string, help: string, collect: () => number | Promise<number>): () => void {
    const failures = this.collectFailures;
    new Gauge({
      name,
      help,
      registers: [this.registry],
      async collect() {
        try {
          this.set(await withTimeout(Promise.resolve().then(collect), COLLECT_TIMEOUT_MS));
        } catch {
          this.set(Number.NaN);
          failures.inc({ metric: name });
        }
      },
    });
    return () => this.registry.removeSingleMetric(name);
  }

  /** The text Prometheus scrapes, and its content type. */
  async render(): Promise<{ contentType: string; body: string }> {
    return { contentType: this.registry.contentType, body: await this.registry.metrics() };
  }

  /** TypeORM's pg pool (`driver.master`), read at scrape time: nothing is counted per request. */
  private registerPool(dataSource: DataSource): void {
    const pool = () => (dataSource.isInitialized ? ((dataSource.driver as unknown as { master?: Pool }).master ?? null) : null);
    const gauge = (name: string, help: string, read: (pool: Pool) => number) =>
      new Gauge({
        name,
        help,
        registers: [this.registry],
        collect() {
          const current = pool();
          this.set(current ? read(current) : Number.NaN);
        },
      });
    gauge('db_pool_connections', 'Open connections in the database pool (idle and in use).', (p) => p.totalCount);
    gauge('db_pool_connections_idle', 'Idle connections in the database pool.', (p) => p.idleCount);
    gauge('db_pool_clients_waiting', 'Queries waiting for a free connection of the database pool.', (p) => p.waitingCount);
    gauge('db_pool_connections_max', 'Largest size of the database pool.', (p) => p.options.max ?? Number.NaN);
  }
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error('timed out')), ms);
    timer.unref();
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
