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
	/**
	 * The platforms the build must run on: `'kitwasm'` (`kitwasm serve`), `'cloudflare'`
	 * (Cloudflare Workers), `'fastly'` (Fastly Compute). A route that uses `read` from
	 * `$app/server` and cannot read on one of them fails the build, with the route, the target,
	 * the reason and the ways out; on the edge targets a route says how its files get there with
	 * `export const config: KitwasmRouteConfig`. `kitwasm check` answers for every target.
	 * With `'cloudflare'`, the build also holds `<out>/cloudflare/` (the Worker and its static
	 * assets), which `wrangler dev` / `wrangler deploy` run with the repository's
	 * `wrangler.toml.example` as the app's `wrangler.toml`.
	 * With `'fastly'`, the build also holds `<out>/fastly/<name>.tar.gz`, the Fastly Compute
	 * package (`fastly compute deploy --package ...`): building it needs Go on the build
	 * machine (README.md, "Fastly Compute").
	 * README.md ("Targets", "Cloudflare Workers") has each platform's limits.
	 * @default ['kitwasm']
	 */
	targets?: Target[];
	/** The Fastly Compute package, with `'fastly'` in `targets`. */
	fastly?: FastlyOptions;
}

/** The Fastly Compute package's options (adapter option `fastly`). */
export interface FastlyOptions {
	/**
	 * The package's name: `fastly.toml`'s `name` and `<out>/fastly/<name>.tar.gz`. Letters,
	 * digits, `.`, `_` and `-`.
	 * @default the app directory's name
	 */
	name?: string;
	/**
	 * The Compute backend for each host the app's `fetch` may reach, e.g.
	 * `{ 'api.example.com': 'api_backend' }` (a host, or host:port). A fetch to another host
	 * is refused as `--allow-fetch` refuses it; the app's own origin is answered in the
	 * instance. The backends go into `fastly.toml`'s `[local_server.backends]`; declare them on
	 * the service too.
	 * @default {}
	 */
	backends?: Record<string, string>;
}

/** A platform a build can run on. */
export type Target = 'kitwasm' | 'cloudflare' | 'fastly';

/**
 * A route's (or layout's) `export const config`, as far as kitwasm reads it:
 * `export const config = { kitwasm: { read: { fastly: 'embed' } } }`.
 */
export interface KitwasmRouteConfig {
	kitwasm?: {
		/**
		 * How `read()` gets this route's server assets on each target:
		 * - `cloudflare: 'assets'`: uploaded with the static assets and fetched through the assets
		 *   binding (each file at most 25 MiB; public at their URL);
		 * - `cloudflare: 'embed'`: embedded in the Worker bundle (counts against the Worker size
		 *   limit, compressed);
		 * - `fastly: 'embed'`: embedded in the Wasm package (counts against the package size limit).
		 * kitwasm serve always streams them from `build/server-assets`.
		 */
		read?: {
			kitwasm?: 'files';
			cloudflare?: 'assets' | 'embed';
			fastly?: 'embed';
		};
	};
}

/** One target's answer for one route. */
export interface RouteSupport {
	target: Target;
	supported: boolean;
	/** How read() gets the route's files there, for a route that uses it. */
	mode?: string;
	reason: string;
	/** The ways out, for an unsupported route. */
	fix?: string;
}

/** What `kitwasm check --json` prints, and `checkRoutes` returns. */
export interface CheckReport {
	/** The build's targets: a route that fails one of them makes `ok` false. */
	targets: Target[];
	ok: boolean;
	routes: Array<{
		id: string;
		prerendered: boolean;
		read: boolean;
		/** The server assets the route references, by name (relative to the assets root) and size. */
		assets: Array<{ file: string; size: number }>;
		/** Every known target, whatever `targets` says. */
		support: RouteSupport[];
	}>;
}

/**
 * Runs `kitwasm check --json <dir>` (the kitwasm command found as the adapter finds it) and
 * returns its answers, for tests in an app.
 * @param dir the build directory (default `'build'`)
 */
export function checkRoutes(dir?: string): Promise<CheckReport>;

/**
 * The adapter. An app's `src/instrumentation.server.js` runs before any other server module,
 * once per isolate, on every target (`supports.instrumentation`); with it, the worker is
 * bundled with async functions lowered so that `KitwasmContextManager` from
 * `@kitwasm/adapter/instrumentation` can follow requests (README.md, "Tracing").
 */
export default function plugin(options?: AdapterOptions): Adapter;
