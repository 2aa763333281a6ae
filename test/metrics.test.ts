/**
 * Prometheus /metrics: counters and histograms by operation name, type and error code, HTTP
 * requests by route and status, the database pool, gauges registered by others (the job queue);
 * label values bounded and free of ids and input; who may read it (METRICS_TOKEN, off in production).
 */
import { loadConfig } from '../src/config';
import { AppMetrics } from '../src/observability/metrics';
import { startApp, type App } from '../src/server/http-server';
import { createLogger } from '../src/server/logger';
import { contactByScin, DEMO } from './support/demo';
import { codesOf, postGraphQL, startTestApp, type TestApp } from './support/test-app';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

/** The samples of one metric whose labels include `labels`, as numbers. */
function samples(text: string, name: string, labels: Record<string, string> = {}): number[] {
  return text
    .split('\n')
    .filter((line) => line.startsWith(`${name}{`) || line.startsWith(`${name} `))
    .filter((line) => Object.entries(labels).every(([key, value]) => line.includes(`${key}="${value}"`)))
    .map((line) => Number(line.slice(line.lastIndexOf(' ') + 1)));
}
const sample = (text: string, name: string, labels: Record<string, string> = {}) => {
  const found = samples(text, name, labels);
  expect(found).toHaveLength(1);
  return found[0];
};

const scrape = async (app: { url: string }, headers: Record<string, string> = {}) => {
  const response = await fetch(`${app.url}/metrics`, { headers, signal: AbortSignal.timeout(10_000) });
  return { status: response.status, headers: response.headers, text: await response.text() };
};

/** Another app on the same database with its own configuration (no second database needed). */
async function appWith(env: NodeJS.ProcessEnv): Promise<App> {
  const config = loadConfig({ NODE_ENV: 'test', ...env, LOG_LEVEL: 'silent' });
  return startApp({ config, dataSource: t.dataSource, clock: t.clock, logger: createLogger(config) }, 0);
}

describe('/metrics after some traffic', () => {
  let text: string;
  const secretName = 'Zebedee-Quillfeather';
  let contactId: string;

  beforeAll(async () => {
    const caseworker = t.as('CW1002');
    contactId = (await contactByScin(t.dataSource, DEMO.ordinaryPwc)).id;
    for (let i = 0; i < 3; i += 1) {
      expect(codesOf(await caseworker('query ListContacts { contacts(first: 2) { edges { node { id } } } }'))).toEqual([]);
    }
    expect(codesOf(await caseworker('query OneContact($id: ID!) { contact(id: $id) { id } }', { id: contactId }))).toEqual([]);
    expect(codesOf(await caseworker('{ me { staff { role } } }'))).toEqual([]);
    // Errors: bad input (a variable with a made-up value), a syntax error, no token, a bad token.
    expect(codesOf(await caseworker('query Search($f: ContactFilter) { contacts(first: 2, filter: $f) { totalCount } }', { f: { name: secretName, nope: 1 } })))
      .toEqual(['BAD_USER_INPUT']);
    expect(codesOf(await caseworker('query Broken { contacts('))).toEqual(['GRAPHQL_PARSE_FAILED']);
    expect(codesOf(await t.as()('query Sneaky { contacts(first: 2) { totalCount } }'))).toEqual(['UNAUTHENTICATED']);
    expect(codesOf(await postGraphQL(t.app.url, 'not-a-valid-token', '{ me { staff { role } } }'))).toEqual(['UNAUTHENTICATED']);
    expect((await fetch(`${t.app.url}/wp-admin/${secretName}`)).status).toBe(404);
    const scraped = await scrape(t.app);
    expect(scraped.status).toBe(200);
    expect(scraped.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
    text = scraped.text;
  });

  it('counts and times GraphQL operations by name and type', () => {
    expect(sample(text, 'graphql_operations_total', { operation: 'ListContacts', type: 'query', outcome: 'ok' })).toBe(3);
    expect(sample(text, 'graphql_operation_duration_seconds_count', { operation: 'ListContacts', type: 'query' })).toBe(3);
    expect(sample(text, 'graphql_operation_duration_seconds_bucket', { operation: 'ListContacts', le: '+Inf' })).toBe(3);
    expect(sample(text, 'graphql_operation_duration_seconds_sum', { operation: 'ListContacts' })).toBeGreaterThan(0);
    expect(sample(text, 'graphql_operations_total', { operation: 'OneContact', outcome: 'ok' })).toBe(1);
    expect(sample(text, 'graphql_operations_total', { operation: 'anonymous', type: 'query', outcome: 'ok' })).toBe(1);
    expect(sample(text, 'graphql_operations_total', { operation: 'Search', outcome: 'error' })).toBe(1);
    // Unresolved (syntax error): no name or type taken from the request.
    expect(sample(text, 'graphql_operations_total', { operation: 'invalid', type: 'unknown', outcome: 'error' })).toBe(1);
  });

  it('an anonymous caller cannot add an operation name', () => {
    expect(text).not.toContain('Sneaky');
    expect(sample(text, 'graphql_operations_total', { operation: 'other', outcome: 'error' })).toBe(1);
  });

  it('counts errors by the code the client sees, a failed sign-in included', () => {
    expect(sample(text, 'graphql_errors_total', { code: 'BAD_USER_INPUT' })).toBe(1);
    expect(sample(text, 'graphql_errors_total', { code: 'GRAPHQL_PARSE_FAILED' })).toBe(1);
    expect(sample(text, 'graphql_errors_total', { code: 'UNAUTHENTICATED' })).toBe(2);
  });

  it('counts HTTP requests by method, route and status; an unknown path is "other"', () => {
    expect(sample(text, 'http_requests_total', { method: 'POST', route: '/graphql', status: '200' })).toBe(5);
    // Bad variables and the syntax error are 400; no token and a bad token are 401.
    expect(sample(text, 'http_requests_total', { method: 'POST', route: '/graphql', status: '400' })).toBe(2);
    expect(sample(text, 'http_requests_total', { method: 'POST', route: '/graphql', status: '401' })).toBe(2);
    expect(sample(text, 'http_requests_total', { method: 'GET', route: 'other', status: '404' })).toBe(1);
    expect(sample(text, 'http_request_duration_seconds_count', { route: '/graphql' })).toBe(9);
  });

  it('reports the database pool and the Node process', () => {
    expect(sample(text, 'db_pool_connections_max')).toBe(10);
    const open = sample(text, 'db_pool_connections');
    expect(open).toBeGreaterThanOrEqual(1);
    expect(sample(text, 'db_pool_connections_idle')).toBeLessThanOrEqual(open);
    expect(sample(text, 'db_pool_clients_waiting')).toBe(0);
    expect(samples(text, 'process_cpu_user_seconds_total')).toHaveLength(1);
    expect(samples(text, 'nodejs_eventloop_lag_p99_seconds')).toHaveLength(1);
  });

  it('carries no ids, principals or input values', () => {
    for (const leak of [secretName, contactId, 'CW1002', 'not-a-valid-token', 'wp-admin']) expect(text).not.toContain(leak);
  });
});

describe('operation names are bounded', () => {
  it('learns names up to the cap, then counts the rest as "other"; unnamed is "anonymous"', () => {
    const metrics = new AppMetrics({ maxOperationNames: 2, processMetrics: false });
    expect(metrics.operationLabel('A', true)).toBe('A');
    expect(metrics.operationLabel('B', false)).toBe('other');
    expect(metrics.operationLabel('B', true)).toBe('B');
    expect(metrics.operationLabel('C', true)).toBe('other');
    expect(metrics.operationLabel('A', false)).toBe('A');
    expect(metrics.operationLabel(undefined, true)).toBe('anonymous');
    expect(metrics.operationLabel('L'.repeat(65), true)).toBe('other');
  });

  it('error codes outside the code alphabet are "OTHER"', async () => {
    const metrics = new AppMetrics({ processMetrics: false });
    metrics.graphqlError('NOT_FOUND');
    metrics.graphqlError('Jane Doe not found');
    metrics.graphqlError(undefined);
    const { body } = await metrics.render();
    expect(sample(body, 'graphql_errors_total', { code: 'NOT_FOUND' })).toBe(1);
    expect(sample(body, 'graphql_errors_total', { code: 'OTHER' })).toBe(2);
    expect(body).not.toContain('Jane');
  });
});

describe('gauges registered by others (the job queue)', () => {
  it('reads a registered gauge at each scrape, and removes it on request', async () => {
    let depth = 3;
    const remove = t.app.metrics.registerGauge('job_queue_depth', 'Jobs waiting to run.', async () => depth);
    expect(sample((await scrape(t.app)).text, 'job_queue_depth')).toBe(3);
    depth = 5;
    expect(sample((await scrape(t.app)).text, 'job_queue_depth')).toBe(5);
    remove();
    expect(samples((await scrape(t.app)).text, 'job_queue_depth')).toEqual([]);
  });

  it('a failing source reads NaN and is counted; the scrape still answers', async () => {
    const remove = t.app.metrics.registerGauge('broken_depth', 'Fails.', () => {
      throw new Error('queue table missing');
    });
    try {
      const scraped = await scrape(t.app);
      expect(scraped.status).toBe(200);
      expect(sample(scraped.text, 'broken_depth')).toBeNaN();
      // Gauges are read concurrently, so a failure shows in the counter from the next scrape on.
      const next = await scrape(t.app);
      expect(sample(next.text, 'broken_depth')).toBeNaN();
      expect(sample(next.text, 'metrics_collect_failures_total', { metric: 'broken_depth' })).toBeGreaterThanOrEqual(1);
    } finally {
      remove();
    }
  });
});

describe('who may read /metrics', () => {
  const token = 'm'.repeat(20) + 'T0k3n-for-the-scraper';

  it('with METRICS_TOKEN: 401 without the token or with another, 200 with it', async () => {
    const app = await appWith({ METRICS_TOKEN: token });
    try {
      const without = await scrape(app);
      expect(without.status).toBe(401);
      expect(without.headers.get('www-authenticate')).toBe('Bearer realm="metrics"');
      expect(without.text).not.toContain('http_requests_total');
      expect((await scrape(app, { authorization: `Bearer ${token}x` })).status).toBe(401);
      expect((await scrape(app, { authorization: token })).status).toBe(401);
      const granted = await scrape(app, { authorization: `Bearer ${token}` });
      expect(granted.status).toBe(200);
      expect(granted.text).toContain('http_requests_total{method="GET",route="/metrics",status="401"} 3');
    } finally {
      await app.close();
    }
  });

  it('in production without METRICS_TOKEN it is off (404, like any unknown path)', async () => {
    const production = {
      NODE_ENV: 'production',
      DATABASE_URL: 'postgres://db.invalid/unused',
      JWT_SECRET: 'p'.repeat(40),
      SECRETS_ENCRYPTION_KEY: Buffer.alloc(32, 9).toString('base64'),
    };
    expect(loadConfig(production).metrics).toEqual({ enabled: false, token: undefined });
    expect(loadConfig({ ...production, METRICS_TOKEN: token }).metrics).toEqual({ enabled: true, token });
    const app = await appWith(production);
    try {
      const response = await scrape(app);
      expect(response.status).toBe(404);
      expect(response.text).not.toContain('http_requests_total');
    } finally {
      await app.close();
    }
  });

  it('refuses a short or malformed METRICS_TOKEN and a non-http OTLP endpoint', () => {
    expect(() => loadConfig({ METRICS_TOKEN: 'short' })).toThrow(/METRICS_TOKEN must be at least 32 characters/);
    expect(() => loadConfig({ METRICS_TOKEN: `${'x'.repeat(32)} y` })).toThrow(/METRICS_TOKEN/);
    expect(() => loadConfig({ OTEL_EXPORTER_OTLP_ENDPOINT: 'collector:4318' })).toThrow(/OTEL_EXPORTER_OTLP_ENDPOINT/);
    expect(loadConfig({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318' }).tracing).toEqual({ enabled: true });
    expect(loadConfig({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318', OTEL_SDK_DISABLED: 'true' }).tracing).toEqual({ enabled: false });
    expect(loadConfig({}).tracing).toEqual({ enabled: false });
  });
});
