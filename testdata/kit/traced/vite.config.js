// The app of adapter/instrumentation_test.go: src/instrumentation.server.js sets up an
// OpenTelemetry tracer provider that exports kit's spans over OTLP/HTTP (JSON) to the URL in
// OTLP_URL at build time (the test's receiver on loopback). TRACING=0 builds the same app with
// tracing.server off (the instrumentation file still runs), for the requests/s comparison.
import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig } from 'vite';
import kitwasm from '@kitwasm/adapter';

export default defineConfig({
	plugins: [
		sveltekit({
			adapter: kitwasm({
				out: process.env.KITWASM_OUT ?? 'build',
				allowFetch: ['127.0.0.1'],
				targets: process.env.KITWASM_TARGETS?.split(',') ?? ['kitwasm']
			}),
			version: { name: 'traced' },
			tracing: { server: process.env.TRACING !== '0' }
		})
	],
	define: {
		__OTLP_URL__: JSON.stringify(process.env.OTLP_URL ?? 'http://127.0.0.1:4318/v1/traces')
	},
	preview: { allowedHosts: ['traced.test'] }
});
