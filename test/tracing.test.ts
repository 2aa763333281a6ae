/**
 * OpenTelemetry traces, collected by an in-memory exporter: a server span per HTTP request that
 * continues an incoming W3C `traceparent`, a span per GraphQL operation under it, a span per
 * database query under the operation; names, codes and statuses only, never variables or data.
 */
import { context, type Span, SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import { InMemorySpanExporter, type ReadableSpan, SimpleSpanProcessor, type SpanProcessor } from '@opentelemetry/sdk-trace-node';
import { Writable } from 'node:stream';
import { signAccessToken } from '../src/auth/jwt';
import { seedDemo } from '../src/cli/seed/demo-data';
import { ManualClock } from '../src/common/clock';
import { loadConfig } from '../src/config';
import type { OpenDatabase } from '../src/database/open-database';
import { sqlOperation } from '../src/observability/spans';
import { startTracing, type Tracing } from '../src/observability/tracing';
import { type App, startApp } from '../src/server/http-server';
import { createLogger } from '../src/server/logger';
import { openTestDatabase } from './support/database';
import { contactByScin, DEMO } from './support/demo';

/** Resolves when the n-th server span has ended: the span ends just after the answer is sent. */
class ServerSpanSignal implements SpanProcessor {
  private ended = 0;
  private waiters: { count: number; resolve: () => void }[] = [];
  onStart() {}
  onEnd(span: ReadableSpan) {
    if (span.kind !== SpanKind.SERVER) return;
    this.ended += 1;
    this.waiters = this.waiters.filter((waiter) => (waiter.count <= this.ended ? (waiter.resolve(), false) : true));
  }
  serverSpansEnded(count: number): Promise<void> {
    return count <= this.ended ? Promise.resolve() : new Promise((resolve) => this.waiters.push({ count, resolve }));
  }
  async forceFlush() {}
  async shutdown() {}
}

const exporter = new InMemorySpanExporter();
const signal = new ServerSpanSignal();
let tracing: Tracing;
let database: OpenDatabase;
let app: App;
const logLines: string[] = [];
const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'info' });
const clock = new ManualClock('2026-03-02T09:00:00Z');
const token = () => signAccessToken(config.jwt, { subject: 'CW1002', principalType: 'staff' }, { now: clock.now(), expiresInSeconds: 3600 });

beforeAll(async () => {
  tracing = startTracing({ spanProcessors: [new SimpleSpanProcessor(exporter), signal] });
  database = await openTestDatabase();
  await seedDemo(database.dataSource.manager);
  const sink = new Writable({
    write(chunk, _encoding, done) {
      logLines.push(String(chunk));
      done();
    },
  });
  app = await startApp({ config, dataSource: database.dataSource, clock, logger: createLogger(config, sink), tracer: tracing.tracer }, 0);
});
afterAll(async () => {
  await app.close();
  await database.close();
  await tracing.shutdown();
});

let requests = 0;
/** One request; returns the spans of its trace once its server span has ended. */
async function traced(path: string, init: RequestInit = {}): Promise<{ status: number; body: string; spans: ReadableSpan[] }> {
  exporter.reset();
  const response = await fetch(`${app.url}${path}`, { ...init, signal: AbortSignal.timeout(10_000) });
  const body = await response.text();
  requests += 1;
  await signal.serverSpansEnded(requests);
  const server = exporter.getFinishedSpans().find((span) => span.kind === SpanKind.SERVER)!;
  const traceId = server.spanContext().traceId;
  return { status: response.status, body, spans: exporter.getFinishedSpans().filter((span) => span.spanContext().traceId === traceId) };
}

const graphql = (query: string, variables: Record<string, unknown>, headers: Record<string, string> = {}) =>
  traced('/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ query, variables }),
  });

const parentOf = (span: ReadableSpan) => span.parentSpanContext?.spanId;
const idOf = (span: ReadableSpan) => span.spanContext().spanId;
const only = (spans: ReadableSpan[], kind: SpanKind) => {
  const found = spans.filter((span) => span.kind === kind);
  expect(found).toHaveLength(1);
  return found[0];
};

describe('a GraphQL request', () => {
  const callerTrace = '4bf92f3577b34da6a3ce929d0e0e4736';
  const callerSpan = '00f067aa0ba902b7';
  let result: Awaited<ReturnType<typeof traced>>;
  let contact: Awaited<ReturnType<typeof contactByScin>>;

  beforeAll(async () => {
    contact = await contactByScin(database.dataSource, DEMO.ordinaryPwc);
    result = await graphql('query OneContact($id: ID!) { contact(id: $id) { id firstName lastName scin } }', { id: contact.id }, {
      authorization: `Bearer ${token()}`,
      traceparent: `00-${callerTrace}-${callerSpan}-01`,
    });
    expect(result.status).toBe(200);
    expect(result.body).toContain(contact.lastName);
  });

  it('continues the trace of an incoming traceparent in a server span', () => {
    const server = only(result.spans, SpanKind.SERVER);
    expect(server.spanContext().traceId).toBe(callerTrace);
    expect(parentOf(server)).toBe(callerSpan);
    expect(server.name).toBe('POST /graphql');
    expect(server.attributes).toMatchObject({ 'http.request.method': 'POST', 'http.route': '/graphql', 'http.response.status_code': 200 });
    expect(server.status.code).toBe(SpanStatusCode.UNSET);
  });

  it('gives the operation a span named by type and name under the server span', () => {
    const server = only(result.spans, SpanKind.SERVER);
    const operation = only(result.spans, SpanKind.INTERNAL);
    expect(operation.name).toBe('query OneContact');
    expect(parentOf(operation)).toBe(idOf(server));
    expect(operation.attributes).toEqual({ 'graphql.operation.type': 'query', 'graphql.operation.name': 'OneContact' });
  });

  it('gives each database query a span: sign-in under the request, the resolvers under the operation', () => {
    const server = only(result.spans, SpanKind.SERVER);
    const operation = only(result.spans, SpanKind.INTERNAL);
    const queries = result.spans.filter((span) => span.kind === SpanKind.CLIENT);
    expect(queries.filter((span) => parentOf(span) === idOf(operation)).length).toBeGreaterThanOrEqual(1);
    for (const query of queries) {
      expect([idOf(server), idOf(operation)]).toContain(parentOf(query));
      expect(query.attributes).toEqual({ 'db.system.name': 'postgresql', 'db.operation.name': query.name });
    }
    expect(queries.map((span) => span.name)).toContain('SELECT');
  });

  it('no span carries variables, data, the caller or the token', () => {
    const everything = JSON.stringify(result.spans.map((span) => [span.name, span.attributes, span.events, span.status, span.resource.attributes]));
    for (const leak of [contact.id, contact.firstName, contact.lastName, contact.scin, 'CW1002', token().slice(-20)]) {
      expect(everything).not.toContain(leak);
    }
  });

  it('the request log line carries the trace id', () => {
    const line = logLines.map((text) => JSON.parse(text)).find((entry) => entry.msg === 'request' && entry.traceId === callerTrace);
    expect(line).toMatchObject({ operation: 'OneContact', status: 200 });
  });
});

describe('other requests', () => {
  it('without traceparent a request starts a trace; a refused operation is an error span, its 401 is not', async () => {
    const { status, spans } = await graphql('query Sneaky { contacts(first: 1) { totalCount } }', {});
    expect(status).toBe(401);
    const server = only(spans, SpanKind.SERVER);
    expect(server.parentSpanContext).toBeUndefined();
    expect(server.status.code).toBe(SpanStatusCode.UNSET);
    const operation = only(spans, SpanKind.INTERNAL);
    expect(operation.status).toEqual({ code: SpanStatusCode.ERROR, message: 'UNAUTHENTICATED' });
    expect(operation.attributes['graphql.error.codes']).toEqual(['UNAUTHENTICATED']);
  });

  it('health checks and unknown paths get a server span; an unknown path is not named', async () => {
    expect(only((await traced('/healthz')).spans, SpanKind.SERVER).name).toBe('GET /healthz');
    const unknown = only((await traced('/admin/Jane-Doe')).spans, SpanKind.SERVER);
    expect(unknown.name).toBe('GET');
    expect(JSON.stringify(unknown.attributes)).not.toContain('Jane');
  });
});

describe('database query spans', () => {
  it('a failed query records its SQLSTATE only; queries outside a request make no span', async () => {
    exporter.reset();
    const parent: Span = tracing.tracer.startSpan('job');
    await expect(context.with(trace.setSpan(context.active(), parent), () => database.dataSource.query('SELECT 1 / 0'))).rejects.toThrow();
    parent.end();
    await database.dataSource.query('SELECT 1');
    const [failed] = exporter.getFinishedSpans().filter((span) => span.kind === SpanKind.CLIENT);
    expect(exporter.getFinishedSpans().filter((span) => span.kind === SpanKind.CLIENT)).toHaveLength(1);
    expect(failed.attributes).toEqual({ 'db.system.name': 'postgresql', 'db.operation.name': 'SELECT', 'error.type': '22012' });
    expect(failed.status.code).toBe(SpanStatusCode.ERROR);
  });

  it('names a statement by its first keyword only', () => {
    expect(sqlOperation('  select * from contact where last_name = \'Doe\'')).toBe('SELECT');
    expect(sqlOperation('WITH x AS (SELECT 1) SELECT * FROM x')).toBe('WITH');
    expect(sqlOperation('Doe; DROP TABLE contact')).toBe('OTHER');
  });
});
