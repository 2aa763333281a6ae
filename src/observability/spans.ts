import { context, createContextKey, type Span, SpanKind, SpanStatusCode, trace, type Tracer } from '@opentelemetry/api';
import type { AfterQueryEvent, DataSource, EntitySubscriberInterface } from 'typeorm';

/**
 * The span helpers the server uses (the API only, not the SDK: see tracing.ts). Span attributes are
 * names, types, codes and statuses only: never variables, documents, SQL text, parameters or who
 * the caller is.
 */

/**
 * Where the GraphQL operation span of a request is put once it exists, so that queries run by its
 * resolvers hang under it (Apollo's plugin hooks cannot make it the active span themselves).
 */
export const OPERATION_SLOT = createContextKey('cmg.graphql-operation');
export interface OperationSlot {
  span?: Span;
}

/**
 * The trace id of the request in progress, for its log line (also when the trace is sampled out:
 * it still joins the caller's logs); undefined when tracing is off.
 */
export const currentTraceId = (): string | undefined => trace.getActiveSpan()?.spanContext().traceId;

const SQL_OPERATIONS = new Set([
  'SELECT', 'INSERT', 'UPDATE', 'DELETE', 'WITH', 'START', 'BEGIN', 'COMMIT', 'ROLLBACK',
  'SAVEPOINT', 'RELEASE', 'SET', 'SHOW', 'LOCK',
]);

/** The statement's first keyword only: the rest of the text may hold literals. */
export function sqlOperation(query: string): string {
  const keyword = /^\s*([A-Za-z]+)/.exec(query)?.[1]?.toUpperCase();
  return keyword && SQL_OPERATIONS.has(keyword) ? keyword : 'OTHER';
}

/**
 * A span per query run inside a traced request, from TypeORM's own afterQuery event (no patching
 * of pg). Queries outside a request (migrations, sweeps, jobs) make no span. TypeORM measures in
 * whole milliseconds, and not the wait for a pool connection. Returns a function that detaches it.
 */
export function traceQueries(dataSource: DataSource, tracer: Tracer): () => void {
  const subscriber: EntitySubscriberInterface = {
    afterQuery(event: AfterQueryEvent) {
      const active = context.active();
      if (!trace.getSpan(active)) return;
      const slot = active.getValue(OPERATION_SLOT) as OperationSlot | undefined;
      const parent = slot?.span ? trace.setSpan(active, slot.span) : active;
      const end = Date.now();
      const operation = sqlOperation(event.query);
      const span = tracer.startSpan(
        operation,
        {
          kind: SpanKind.CLIENT,
          startTime: end - (event.executionTime ?? 0),
          attributes: { 'db.system.name': 'postgresql', 'db.operation.name': operation },
        },
        parent,
      );
      if (!event.success) {
        const code = (event.error as { code?: unknown } | undefined)?.code;
        // SQLSTATE only: a driver message may quote a value.
        span.setAttribute('error.type', typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code) ? code : 'query_failed');
        span.setStatus({ code: SpanStatusCode.ERROR });
      }
      span.end(end);
    },
  };
  dataSource.subscribers.push(subscriber);
  return () => {
    const at = dataSource.subscribers.indexOf(subscriber);
    if (at >= 0) dataSource.subscribers.splice(at, 1);
  };
}
