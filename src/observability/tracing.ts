import { context, propagation, trace, type Tracer } from '@opentelemetry/api';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { defaultResource, detectResources, envDetector, resourceFromAttributes } from '@opentelemetry/resources';
import { BatchSpanProcessor, NodeTracerProvider, type SpanProcessor } from '@opentelemetry/sdk-trace-node';

/**
 * OpenTelemetry traces: a span per HTTP request, per GraphQL operation and per database query.
 * Off unless OTEL_EXPORTER_OTLP_(TRACES_)ENDPOINT is set (config.tracing.enabled): then this SDK
 * is not even loaded (main.ts imports it on demand) and the request path skips every span.
 * On, spans go by OTLP/HTTP in batches; the exporter reads the standard OTEL_EXPORTER_OTLP_*
 * variables (headers, timeout), the provider OTEL_TRACES_SAMPLER(_ARG), the resource
 * OTEL_SERVICE_NAME and OTEL_RESOURCE_ATTRIBUTES.
 *
 * Attributes are names, types, codes and statuses only: never variables, documents, SQL text,
 * parameters or who the caller is (a trace backend is not cleared for personal data).
 */
export const SERVICE_NAME = 'cmg-backoffice-api';

export interface Tracing {
  readonly tracer: Tracer;
  /** Exports the spans not yet sent, then unregisters. */
  shutdown(): Promise<void>;
}

/**
 * Registers a provider globally: AsyncLocalStorage carries the active span from the HTTP request
 * to its operation and queries, and W3C trace context is read from incoming `traceparent`.
 * `spanProcessors` replaces the OTLP exporter (tests: an in-memory exporter).
 */
export function startTracing(options: { spanProcessors?: SpanProcessor[] } = {}): Tracing {
  const resource = defaultResource()
    .merge(resourceFromAttributes({ 'service.name': SERVICE_NAME }))
    .merge(detectResources({ detectors: [envDetector] }));
  const provider = new NodeTracerProvider({
    resource,
    spanProcessors: options.spanProcessors ?? [new BatchSpanProcessor(new OTLPTraceExporter())],
  });
  provider.register();
  return {
    tracer: provider.getTracer(SERVICE_NAME),
    async shutdown() {
      await provider.shutdown();
      trace.disable();
      context.disable();
      propagation.disable();
    },
  };
}
