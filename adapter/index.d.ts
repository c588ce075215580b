import { Adapter } from '@sveltejs/kit';
import './ambient.js';

export interface AdapterOptions {
	/**
	 * The directory to write the build to: the module worker (`worker.js`), its bytecode, the
	 * static files and `manifest.json`. Serve it with `kitwasm serve <out>`.
	 * @default 'build'
	 */
	out?: string;
	/**
	 * Precompress client and prerendered files with gzip and brotli; `kitwasm serve` negotiates
	 * `Accept-Encoding` and serves the smaller file.
	 * @default true
	 */
	precompress?: boolean;
	/**
	 * Minify the bundled worker. Identifiers are kept either way, so stack traces stay readable.
	 * @default false
	 */
	minify?: boolean;
	/**
	 * `vite preview` (kit 3) serves the build through the runtime: `kitwasm serve <out>`,
	 * started with the preview server and stopped with it, answers every request, static files
	 * included. These options are the `kitwasm serve` flags it gets; production is served with
	 * the same flags by hand. `event.platform` is `{ env, context: { waitUntil } }` there, as in
	 * production.
	 *
	 * A file of `KEY=VALUE` lines (`kitwasm serve --env-file`) whose bindings become
	 * `platform.env` (and kit's `env`) in `vite preview`, relative to the Vite root. `false`:
	 * none.
	 * @default '.env' when that file exists, else none
	 */
	envFile?: string | false;
	/**
	 * Bindings for `platform.env` in `vite preview` (`kitwasm serve --env KEY=VALUE`); they
	 * override those of `envFile`.
	 * @default {}
	 */
	env?: Record<string, string>;
	/**
	 * Hosts the app's `fetch` may reach in `vite preview` (`kitwasm serve --allow-fetch`),
	 * e.g. `['api.example.com']`, or `['*']` for any. The app's own origin is always reachable.
	 * @default []
	 */
	allowFetch?: string[];
}

export default function plugin(options?: AdapterOptions): Adapter;
