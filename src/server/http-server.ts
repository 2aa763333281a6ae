import { HeaderMap } from '@apollo/server';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { AppError } from '../common/errors';
import { createApollo } from './apollo';
import { attachWebSocket, type LiveEndpoint } from './websocket';
import { createRateLimits } from './rate-limit';
import { createIde } from './ide';
import { isDatabaseUnavailable, OutageLog, RETRY_AFTER_SECONDS, serviceUnavailable } from './database-outage';
import { principalRef } from '../authorization/principal';
import type { RequestContext } from '../request/context';
import { buildRequestContext, type ContextDeps, requestIdsOf, type RequestIds } from '../request/build-context';
import type { Tracer } from '@opentelemetry/api';
import { AppMetrics } from '../observability/metrics';
import { serveMetrics } from '../observability/metrics-endpoint';
import { observeGraphQL, observeHttp } from '../observability/observe';
import { currentTraceId, traceQueries } from '../observability/spans';

const MAX_BODY_BYTES = 1024 * 1024;

export interface App {
  server: Server;
  url: string;
  /** This app's metrics: `app.metrics.registerGauge(...)` adds a gauge (the job queue's depth). */
  metrics: AppMetrics;
  /** Subscriptions over WebSocket (graphql-ws) on the same /graphql. */
  live: LiveEndpoint;
  /** Stops accepting, finishes requests in flight (up to `graceMs`), then stops. */
  close(graceMs?: number): Promise<void>;
}

/** A problem with the HTTP request itself, answered before GraphQL sees it (code BAD_REQUEST, as Apollo's own). */
class HttpProblem extends Error {
  constructor(readonly status: number, message: string, readonly closeConnection = false) {
    super(message);
  }
}

const tooLarge = () => new HttpProblem(413, 'Request body too large (limit 1 MB).', true);

/**
 * Reads the body up to MAX_BODY_BYTES. A body declared or found larger is refused with 413 and the
 * connection is closed after the answer: the unread rest of the body must never be parsed as the
 * next request on a kept-alive connection (that left the next request on it hanging).
 */
async function readBody(req: IncomingMessage): Promise<string> {
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > MAX_BODY_BYTES) throw tooLarge();
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) throw tooLarge();
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

function parseBody(req: IncomingMessage, raw: string): unknown {
  if (req.method !== 'POST') return undefined;
  const contentType = req.headers['content-type'] ?? '';
  if (!/^application\/(graphql-response\+)?json\b/i.test(contentType)) return raw;
  try {
    return JSON.parse(raw);
  } catch {
    throw new HttpProblem(400, 'The request body is not valid JSON.');
  }
}

const CORS_ALLOWED_HEADERS = 'authorization, content-type, accept, x-request-id, apollo-require-preflight';

/**
 * CORS for the browser apps of CORS_ORIGINS only: their origin is echoed back, any other gets no
 * CORS header (the browser then keeps the answer from the page). Tokens travel in the
 * Authorization header, never cookies, so credentials are not allowed.
 */
function allowCors(req: IncomingMessage, res: ServerResponse, allowed: string[]): 'preflight' | 'done' {
  const origin = req.headers.origin;
  const permitted = typeof origin === 'string' && allowed.includes(origin);
  if (permitted) {
    res.setHeader('access-control-allow-origin', origin);
    res.setHeader('access-control-expose-headers', 'x-request-id, www-authenticate');
  }
  res.setHeader('vary', 'Origin');
  if (req.method !== 'OPTIONS') return 'done';
  if (permitted) {
    res.setHeader('access-control-allow-methods', 'GET, POST, OPTIONS');
    res.setHeader('access-control-allow-headers', CORS_ALLOWED_HEADERS);
    res.setHeader('access-control-max-age', '600');
  }
  res.statusCode = 204;
  res.end();
  return 'preflight';
}

/** Longest GraphQL document an anonymous caller may send, in characters (introspection fits). */
export const ANONYMOUS_MAX_DOCUMENT = 4096;

function documentLength(body: unknown, url: URL): number {
  const query = body && typeof body === 'object' ? (body as { query?: unknown }).query : url.searchParams.get('query');
  return typeof query === 'string' ? query.length : 0;
}

function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers });
  res.end(JSON.stringify(body));
}

/**
 * The HTTP front: GraphQL on /graphql through Apollo, /healthz (process up) and /readyz
 * (database reachable). Plain node:http keeps the hot path short.
 */
export interface AppDeps extends ContextDeps {
  /** Made here when not given; give one to register gauges before the server starts. */
  metrics?: AppMetrics;
  /** Only when tracing is on (src/observability/tracing.ts). */
  tracer?: Tracer;
}

export async function startApp(deps: AppDeps, port = deps.config.port, host = '127.0.0.1'): Promise<App> {
  const observability = { metrics: deps.metrics ?? new AppMetrics({ dataSource: deps.dataSource }), tracer: deps.tracer };
  const apollo = createApollo(deps.config, deps.logger, observeGraphQL(observability));
  // GraphiQL on GET /graphql for browsers, outside production only.
  const ide = createIde(deps.config);
  const stopTracingQueries = deps.tracer ? traceQueries(deps.dataSource, deps.tracer) : undefined;
  await apollo.start();

  /** Builds the request context; an unexpected failure is logged here, where the request id is known. */
  const outage = new OutageLog(deps.logger);
  const limits = createRateLimits(deps.dataSource, deps.config.rateLimit, deps.logger);
  const contextFor = async (req: IncomingMessage, ids: RequestIds) => {
    const { requestId } = ids;
    try {
      const ctx = await buildRequestContext(deps, req.headers, ids);
      if (ctx.principal) outage.available(requestId);
      // Before the document is parsed or anything runs; keyed by the principal's id, never the token.
      if (ctx.principal) await limits.checkPrincipal(ctx.principal);
      return ctx;
    } catch (error) {
      if (isDatabaseUnavailable(error)) {
        outage.unavailable(error, requestId);
        throw serviceUnavailable();
      }
      if (!(error instanceof AppError)) deps.logger.error({ err: error, requestId }, 'unexpected error');
      throw error;
    }
  };

  const handle = async (req: IncomingMessage, res: ServerResponse, ids: RequestIds) => {
    const { requestId, correlationId } = ids;
    const started = process.hrtime.bigint();
    let ctx: RequestContext | undefined;
    res.setHeader('x-request-id', requestId);
    const url = new URL(req.url ?? '/', 'http://localhost');
    try {
      if (allowCors(req, res, deps.config.corsOrigins) === 'preflight') return;
      if (url.pathname === '/healthz') return sendJson(res, 200, { status: 'ok' });
      if (url.pathname === '/metrics' && (await serveMetrics(req, res, observability.metrics, deps.config.metrics))) return;
      if (url.pathname === '/readyz') {
        await deps.dataSource.query('SELECT 1');
        outage.available(requestId);
        return sendJson(res, 200, { status: 'ready' });
      }
      if (ide?.handle(req, res, url)) return;
      if (url.pathname !== '/graphql') return sendJson(res, 404, { error: 'Not found. GraphQL is served on /graphql.' });
      // Before the body is read: a flood from one address costs one counter update each, then nothing.
      if (await limits.refuseAddress(req, res)) return;
      const body = parseBody(req, await readBody(req));
      // No expensive work before authentication: an anonymous caller may only send small documents
      // (every operation refuses them anyway); a big one is answered 401 without being parsed.
      if (req.headers.authorization === undefined && documentLength(body, url) > ANONYMOUS_MAX_DOCUMENT) {
        res.setHeader('www-authenticate', 'Bearer realm="cmg-backoffice-api"');
        return sendJson(res, 401, { errors: [{ message: 'Sign in with a valid bearer token.', extensions: { code: 'UNAUTHENTICATED' } }] });
      }
      const headers = new HeaderMap();
      for (const [name, value] of Object.entries(req.headers)) {
        if (value !== undefined) headers.set(name, Array.isArray(value) ? value.join(', ') : value);
      }
      const response = await apollo.executeHTTPGraphQLRequest({
        httpGraphQLRequest: { method: req.method ?? 'GET', headers, search: url.search, body },
        context: async () => (ctx = await contextFor(req, ids)),
      });
      for (const [name, value] of response.headers) res.setHeader(name, value);
      res.statusCode = response.status ?? 200;
      // RFC 6750: a 401 names the scheme it wants.
      if (res.statusCode === 401) res.setHeader('www-authenticate', 'Bearer realm="cmg-backoffice-api"');
      if (response.body.kind === 'complete') {
        res.end(response.body.string);
      } else {
        for await (const chunk of response.body.asyncIterator) res.write(chunk);
        res.end();
      }
    } catch (error) {
      if (error instanceof HttpProblem) {
        return sendJson(
          res,
          error.status,
          { errors: [{ message: error.message, extensions: { code: 'BAD_REQUEST' } }] },
          error.closeConnection ? { connection: 'close' } : {},
        );
      }
      if (url.pathname === '/readyz') {
        outage.unavailable(error, requestId);
        return sendJson(res, 503, { status: 'unavailable' }, { 'retry-after': String(RETRY_AFTER_SECONDS) });
      }
      deps.logger.error({ err: error, requestId }, 'request failed');
      if (res.headersSent) res.destroy();
      else sendJson(res, 500, { errors: [{ message: 'Internal server error', extensions: { code: 'INTERNAL_SERVER_ERROR' } }] });
    } finally {
      const traceId = currentTraceId();
      deps.logger.info({
        requestId,
        ...(correlationId ? { correlationId } : {}),
        ...(traceId ? { traceId } : {}),
        // Who and what, never with personal data: a staff or contact id and the operation's name.
        ...(ctx ? { principal: principalRef(ctx.principal), operation: ctx.log.operation } : {}),
        method: req.method,
        path: url.pathname,
        status: res.statusCode,
        ms: Number(process.hrtime.bigint() - started) / 1e6,
      }, 'request');
    }
  };

  const observe = observeHttp(observability);
  const server = createServer((req, res) => void observe(req, res, () => handle(req, res, requestIdsOf(req.headers))));
  server.keepAliveTimeout = 65_000;
  const live = attachWebSocket(server, deps);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  const address = server.address() as AddressInfo;
  return {
    server,
    url: `http://${host}:${address.port}`,
    metrics: observability.metrics,
    live,
    async close(graceMs = 10_000) {
      // Graceful: stop accepting, let requests in flight finish (up to graceMs), then cut what is left.
      // WebSockets first: an upgraded socket would keep server.close() waiting.
      const liveClosed = live.close(graceMs);
      await new Promise<void>((resolve) => {
        const deadline = setTimeout(() => server.closeAllConnections(), graceMs);
        // A keep-alive connection whose last request just finished is idle: close it as soon as it is.
        const sweep = setInterval(() => server.closeIdleConnections(), 50);
        server.close(() => {
          clearTimeout(deadline);
          clearInterval(sweep);
          resolve();
        });
        server.closeIdleConnections();
      });
      await liveClosed;
      await apollo.stop();
      stopTracingQueries?.();
      limits.close();
    },
  };
}
