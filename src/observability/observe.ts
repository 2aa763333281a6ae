import type { ApolloServerPlugin } from '@apollo/server';
import { context, propagation, ROOT_CONTEXT, type Span, SpanKind, SpanStatusCode, trace, type Tracer } from '@opentelemetry/api';
import type { GraphQLFormattedError } from 'graphql';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { performance } from 'node:perf_hooks';
import type { RequestContext } from '../request/context';
import { type AppMetrics, routeOf } from './metrics';
import { OPERATION_SLOT, type OperationSlot } from './spans';

/**
 * Where the server meets metrics and traces: a wrapper around each HTTP request, and an Apollo
 * plugin plus an error-formatter wrapper for each GraphQL operation. With no tracer, the path is
 * a clock read and a few counter increments.
 */
export interface Observability {
  metrics: AppMetrics;
  /** Present only when tracing is on. */
  tracer?: Tracer;
}

type Handler = () => Promise<void>;

/** Counts and times each request and, when tracing, runs it inside its server span (parent: an incoming `traceparent`). */
export function observeHttp({ metrics, tracer }: Observability) {
  return async (req: IncomingMessage, res: ServerResponse, handle: Handler): Promise<void> => {
    const started = performance.now();
    const route = routeOf(req.url);
    let span: Span | undefined;
    try {
      if (!tracer) return await handle();
      const parent = propagation.extract(ROOT_CONTEXT, req.headers);
      const method = req.method ?? 'GET';
      span = tracer.startSpan(route === 'other' ? method : `${method} ${route}`, {
        kind: SpanKind.SERVER,
        attributes: { 'http.request.method': method, ...(route === 'other' ? {} : { 'http.route': route }) },
      }, parent);
      const slot: OperationSlot = {};
      await context.with(trace.setSpan(parent, span).setValue(OPERATION_SLOT, slot), handle);
    } finally {
      const status = res.statusCode;
      metrics.httpRequest(req.method, route, status, (performance.now() - started) / 1000);
      if (span) {
        span.setAttribute('http.response.status_code', status);
        // Server spans: a 4xx is the caller's problem, not an error of ours (OpenTelemetry HTTP conventions).
        if (status >= 500) span.setStatus({ code: SpanStatusCode.ERROR });
        span.end();
      }
    }
  };
}

type FormatError = (formatted: GraphQLFormattedError, error: unknown) => GraphQLFormattedError;

export interface GraphQLObservation {
  /** Times and counts each operation and, when tracing, gives it a span. */
  plugin: ApolloServerPlugin<RequestContext>;
  /**
   * Counts every error by the code the client finally sees, including those Apollo answers before
   * any plugin hook runs (a bad token fails context creation).
   */
  countingErrors(format: FormatError): FormatError;
}

const codesOf = (errors: readonly GraphQLFormattedError[]) => [...new Set(errors.map((error) => String(error.extensions?.code ?? 'UNKNOWN')))];

export function observeGraphQL({ metrics, tracer }: Observability): GraphQLObservation {
  return {
    countingErrors: (format) => (formatted, error) => {
      const answer = format(formatted, error);
      metrics.graphqlError(answer.extensions?.code);
      return answer;
    },
    plugin: {
      async requestDidStart() {
        const started = performance.now();
        // Until an operation is resolved (a syntax or validation error), it has no name or type.
        let operation = 'invalid';
        let type = 'unknown';
        let span: Span | undefined;
        if (tracer) {
          const active = context.active();
          span = tracer.startSpan('graphql', { kind: SpanKind.INTERNAL }, active);
          const slot = active.getValue(OPERATION_SLOT) as OperationSlot | undefined;
          if (slot) slot.span = span;
        }
        return {
          async didResolveOperation({ operation: resolved, operationName, contextValue }) {
            type = resolved?.operation ?? 'unknown';
            operation = metrics.operationLabel(operationName, contextValue.principal !== null);
            if (span) {
              // A GraphQL name, but the caller's text: kept short (an anonymous document may be 4 kB).
              const name = operationName?.slice(0, 100);
              span.updateName(name ? `${type} ${name}` : type);
              span.setAttribute('graphql.operation.type', type);
              if (name) span.setAttribute('graphql.operation.name', name);
            }
          },
          async willSendResponse({ response }) {
            const errors = response.body.kind === 'single' ? response.body.singleResult.errors : undefined;
            const failed = errors !== undefined && errors.length > 0;
            metrics.graphqlOperation(operation, type, failed ? 'error' : 'ok', (performance.now() - started) / 1000);
            if (span) {
              if (failed) {
                const codes = codesOf(errors);
                span.setAttribute('graphql.error.codes', codes);
                span.setStatus({ code: SpanStatusCode.ERROR, message: codes.join(', ') });
              }
              span.end();
            }
          },
        };
      },
    },
  };
}
