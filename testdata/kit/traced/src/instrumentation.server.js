// Runs before any other server module of the app, once per isolate (and so is part of the
// snapshot every isolate is restored from). Kit's spans (tracing.server) go to an OTLP/HTTP
// collector through fetch; kitwasm serve must allow its host (--allow-fetch).
import { context, propagation, trace } from '@opentelemetry/api';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { BatchSpanProcessor, TracerProvider } from '@opentelemetry/sdk-trace';
import { KitwasmContextManager, flushAfterResponse } from '@kitwasm/adapter/instrumentation';

const provider = new TracerProvider({
	resource: resourceFromAttributes({ 'service.name': 'kitwasm-traced' }),
	// No scheduled export (an hour): spans leave only through the flush after each response,
	// so the tests that see them arrive prove that flushAfterResponse ran.
	spanProcessors: [new BatchSpanProcessor({ exporter: new OTLPTraceExporter({ url: __OTLP_URL__ }), scheduledDelayMillis: 3_600_000 })]
});
context.setGlobalContextManager(new KitwasmContextManager().enable());
propagation.setGlobalPropagator(new W3CTraceContextPropagator());
trace.setGlobalTracerProvider(provider);
// After every response, in ctx.waitUntil: the response is never held back by the export.
flushAfterResponse(() => provider.forceFlush());

// For the test: proof that this module ran before the app's (hooks.server.js reads it).
globalThis.__traced = { instrumented: true, at: Date.now() };
