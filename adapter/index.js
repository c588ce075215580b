// @kitwasm/adapter: builds a SvelteKit app into one module worker for the kitwasm runtime.
//
// adapt() writes the client, prerendered and server output, generates the server entry and a
// handoff description, then runs `kitwasm build`, the Go side, which bundles everything with
// esbuild, precompiles it to QuickJS bytecode and writes the manifest that `kitwasm serve`
// uses to answer static files without entering JavaScript.
//
// `vite preview` is answered by the same runtime: a Vite plugin that the adapter adds through
// kit's adapter `vite.plugins` starts `kitwasm serve <out>` with the preview server and proxies
// every request to it (see preview_plugin).
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import http from 'node:http';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { styleText } from 'node:util';
import { isMainThread } from 'node:worker_threads';
import { dev_conditions, dev_instrumentation_file, dev_lowering, instrumentation_supported, wire_instrumentation } from './instrumentation.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const files = path.join(here, 'files');

// What each target gives and forbids: the same file the Go side embeds (adapter/targets.go).
/** @type {{ order: string[]; targets: Record<string, { name: string; read: { default: string | null; modes: Record<string, { how: string }>; without: string } }> }} */
const model = JSON.parse(fs.readFileSync(path.join(here, 'targets.json'), 'utf8'));

// Kit asks supports.read during its route analysis, which runs in a worker thread with its own
// copy of this adapter (kit loads the Vite config again there), so what it learns there does
// not reach adapt() in memory. The worker appends the routes to a file named by this variable,
// which the main thread sets when the config is loaded (the worker inherits the environment).
const READ_LOG = 'KITWASM_READ_ROUTES_LOG';

/** @type {import('./index.js').default} */
export default function kitwasm(options = {}) {
	const { out = 'build', precompress = true, minify = false, targets = ['kitwasm'], fastly } = options;
	check_targets(targets);
	check_fastly(fastly, targets);
	const preview = preview_plugin(options);
	const dev = dev_plugin(options);
	// Routes whose server code uses read() from $app/server, recorded as kit asks.
	const read_routes = new Set();
	if (isMainThread) {
		process.env[READ_LOG] ??= path.join(os.tmpdir(), `kitwasm-read-routes-${process.pid}.txt`);
		fs.rmSync(process.env[READ_LOG], { force: true });
	}

	return {
		name: '@kitwasm/adapter',

		vite: { plugins: { pre: [preview, dev] } },

		async adapt(builder) {
			const bin = find_cli((msg) => builder.log.minor(msg));
			const kit2 = typeof builder.generateServerInstance !== 'function';
			const tmp = builder.getBuildDirectory('kitwasm');
			fs.rmSync(out, { force: true, recursive: true });
			fs.rmSync(tmp, { force: true, recursive: true });
			fs.mkdirSync(tmp, { recursive: true });

			// Kit 3 flattens the config (reading config.kit warns there); kit 2 nests it.
			const paths = kit2 ? builder.config.kit.paths : builder.config.paths;
			const base = paths.base;
			builder.log.minor('Copying assets');
			const client_files = builder.writeClient(`${out}/client${base}`);
			const prerendered_files = builder.writePrerendered(`${out}/prerendered${base}`);

			builder.log.minor(precompress ? 'Compressing assets' : 'Skipping compression');
			const [client_compressed, prerendered_compressed] = precompress
				? await Promise.all([
						builder.compress(`${out}/client${base}`),
						builder.compress(`${out}/prerendered${base}`)
					])
				: [[], []];
			// Kit 2's compress() returns nothing: list the files it wrote variants of, so the
			// manifest offers them (kit 3 returns that list itself).
			const with_variants = (dir, files) =>
				files.filter((f) => fs.existsSync(`${dir}/${f}.gz`) || fs.existsSync(`${dir}/${f}.br`));
			const client_variants = Array.isArray(client_compressed)
				? client_compressed
				: with_variants(`${out}/client${base}`, client_files);
			const prerendered_variants = Array.isArray(prerendered_compressed)
				? prerendered_compressed
				: with_variants(`${out}/prerendered${base}`, prerendered_files);

			builder.log.minor('Generating the server entry');
			const server_dir = `${tmp}/server`;
			builder.writeServer(server_dir);
			let instance = './server/server.js';
			if (kit2) {
				// Kit 2 has no generateServerInstance: the same shape, built from its manifest.
				fs.writeFileSync(
					`${tmp}/server-instance.js`,
					`import { Server } from './server/index.js';\n` +
						`export const manifest = ${builder.generateManifest({ relativePath: './server' })};\n` +
						`export const server = new Server(manifest);\n`
				);
				instance = './server-instance.js';
			} else {
				builder.generateServerInstance(`${server_dir}/server.js`, { serverDirectory: server_dir });
			}
			builder.copy(`${files}/entry.js`, `${tmp}/entry.js`, { replace: { SERVER: instance } });
			// src/instrumentation.server.js runs before the app in every isolate (adapter/instrumentation.js).
			const instrumented = builder.hasServerInstrumentationFile?.() === true;
			if (instrumented && kit2) {
				throw new Error('@kitwasm/adapter runs src/instrumentation.server.js with SvelteKit 3 only; upgrade @sveltejs/kit to 3, or remove the file');
			}
			const entry = instrumented
				? wire_instrumentation(builder, { tmp, server_dir, entry: `${tmp}/entry.js` })
				: `${tmp}/entry.js`;

			const log = process.env[READ_LOG];
			if (log && fs.existsSync(log)) {
				for (const id of fs.readFileSync(log, 'utf8').split('\n')) if (id) read_routes.add(id);
				fs.rmSync(log, { force: true });
			}
			const routes_dir = (kit2 ? builder.config.kit.files.routes : builder.config.files?.routes) ?? 'src/routes';
			for (const id of routes_using_read(server_dir, routes_dir, builder.routes)) read_routes.add(id);
			const routes = builder.routes.map((route) => ({
				id: route.id,
				pattern: route.pattern.source,
				prerender: route.prerender,
				config: route.config ?? {},
				methods: [...new Set([...(route.api?.methods ?? []), ...(route.page?.methods ?? [])])],
				read: read_routes.has(route.id),
				// The server assets this route references, for kitwasm check (sized by kitwasm build).
				assets:
					route.prerender === true ? [] : builder.findServerAssets([route]).map((file) => ({ file }))
			}));
			const handoff = {
				version: 1,
				kit: kit2 ? 2 : 3,
				root: process.cwd(),
				out: path.resolve(out),
				entry: path.resolve(entry),
				// Async functions lowered so that KitwasmContextManager can follow them.
				instrumentation: instrumented,
				base,
				appPath: builder.getAppPath(),
				origin: paths.origin ?? '',
				minify,
				client: { files: client_files, compressed: client_variants },
				prerendered: {
					files: prerendered_files,
					compressed: prerendered_variants,
					paths: builder.prerendered.paths,
					pages: Object.fromEntries(builder.prerendered.pages),
					assets: Object.fromEntries(builder.prerendered.assets),
					redirects: Object.fromEntries(builder.prerendered.redirects)
				},
				serverAssets: {
					dir: path.resolve(server_dir),
					files: builder.findServerAssets(builder.routes.filter((r) => r.prerender !== true))
				},
				mimeTypes: builder.mimeTypes ?? kit2_mime_types([...client_files, ...prerendered_files]),
				routes,
				targets,
				// The Fastly Compute package's name and backends (kitwasm build writes it with 'fastly' in targets).
				fastly: fastly ? { name: fastly.name, backends: fastly.backends } : undefined
			};
			fs.writeFileSync(`${tmp}/handoff.json`, JSON.stringify(handoff, null, '\t'));

			builder.log.minor(`Bundling with ${bin.join(' ')} build`);
			const result = spawnSync(bin[0], [...bin.slice(1), 'build', `${tmp}/handoff.json`], {
				stdio: 'inherit'
			});
			if (result.error) throw result.error;
			if (result.status !== 0) {
				throw new Error(`kitwasm build failed (exit status ${result.status}); its messages are above`);
			}
		},

		supports: {
			// kitwasm serves read() for every route from the build's server assets; the other
			// targets need the route to say how its files get there (config.kitwasm.read). The
			// sizes are checked later, by kitwasm build, when the files exist.
			read: ({ config, route }) => {
				if (!read_routes.has(route.id)) {
					read_routes.add(route.id);
					if (!isMainThread && process.env[READ_LOG]) fs.appendFileSync(process.env[READ_LOG], route.id + '\n');
				}
				for (const target of targets) {
					const problem = read_problem(config ?? {}, route.id, target);
					if (problem) fail(problem);
				}
				return true;
			},
			// Every target runs the one bundled module, instrumentation first (adapter/instrumentation.js).
			instrumentation: () => instrumentation_supported(model, targets)
		}
	};
}

/**
 * The routes whose server code uses read() from $app/server, found in kit's server output.
 * Kit (3.2, with Vite 8) asks supports.read only about routes whose own chunks call read():
 * when several routes use it, it lands in a shared chunk, which kit's feature tracking misses
 * (it records the chunk by name, `server.js`, and looks it up by file, `chunks/server.js`).
 * So the adapter looks itself, the way kit means to: a route uses read() if a server chunk it
 * loads (its +page.server / +server, the +layout.server files above it, hooks.server), or one
 * they import, contains kit's $app/server module, as the chunk's source map says.
 * @param {string} server_dir the output of builder.writeServer
 * @param {string} routes_dir kit's files.routes
 * @param {Array<{ id: string; prerender: boolean | 'auto' }>} routes
 * @returns {string[]}
 */
function routes_using_read(server_dir, routes_dir, routes) {
	const manifest_file = path.join(server_dir, '.vite', 'manifest.json');
	if (!fs.existsSync(manifest_file)) return [];
	/** @type {Record<string, { file: string; imports?: string[] }>} */
	const manifest = JSON.parse(fs.readFileSync(manifest_file, 'utf8'));
	/** @type {Map<string, boolean>} */
	const memo = new Map();
	/** @param {string} key */
	const contains_read = (key) => {
		if (memo.has(key)) return /** @type {boolean} */ (memo.get(key));
		memo.set(key, false); // cycles
		const chunk = manifest[key];
		if (!chunk) return false;
		let found = false;
		try {
			const map = JSON.parse(fs.readFileSync(path.join(server_dir, `${chunk.file}.map`), 'utf8'));
			found = map.sources.some((/** @type {string} */ s) => s.endsWith('@sveltejs/kit/src/runtime/app/server/index.js'));
		} catch {
			// no source map: nothing to learn from this chunk
		}
		found ||= (chunk.imports ?? []).some(contains_read);
		memo.set(key, found);
		return found;
	};
	const rel = path.relative(process.cwd(), path.resolve(routes_dir)).split(path.sep).join('/');
	const keys = Object.keys(manifest);
	/** @param {string} prefix */
	const with_prefix = (prefix) => keys.filter((k) => k.startsWith(prefix) && !k.slice(prefix.length).includes('/'));
	const hooks = keys.filter((k) => /^src\/hooks\.server\.[jt]s$/.test(k));
	const ids = [];
	for (const route of routes) {
		if (route.prerender === true) continue;
		const segments = route.id === '/' ? [] : route.id.slice(1).split('/');
		const candidates = [...hooks];
		const own = `${rel}${route.id === '/' ? '' : route.id}/`;
		candidates.push(...with_prefix(`${own}+page.server.`), ...with_prefix(`${own}+server.`));
		for (let i = 0; i <= segments.length; i++) {
			const dir = segments.slice(0, i).join('/');
			candidates.push(...with_prefix(`${rel}/${dir ? dir + '/' : ''}+layout.server.`));
		}
		if (candidates.some(contains_read)) ids.push(route.id);
	}
	return ids;
}

/**
 * The fastly option: { name?: string, backends?: { [host]: backend } }.
 * @param {unknown} fastly
 * @param {string[]} targets
 */
function check_fastly(fastly, targets) {
	if (fastly === undefined) return;
	const bad = (/** @type {string} */ what) => new Error(`@kitwasm/adapter: fastly.${what}`);
	if (typeof fastly !== 'object' || fastly === null || Array.isArray(fastly)) {
		throw new Error('@kitwasm/adapter: fastly must be an object { name, backends }');
	}
	const { name, backends, ...rest } = /** @type {Record<string, unknown>} */ (fastly);
	for (const key of Object.keys(rest)) throw bad(`${key}: unknown option (fastly takes name and backends)`);
	if (name !== undefined && (typeof name !== 'string' || !/^[A-Za-z0-9][A-Za-z0-9._-]*$/.test(name))) {
		throw bad(`name ${JSON.stringify(name)}: use letters, digits, '.', '_' and '-'`);
	}
	if (backends !== undefined) {
		if (typeof backends !== 'object' || backends === null || Array.isArray(backends)) {
			throw bad("backends: want an object mapping a host to a backend name, e.g. { 'api.example.com': 'api_backend' }");
		}
		for (const [host, backend] of Object.entries(backends)) {
			if (!host || /[\/\s]/.test(host) || typeof backend !== 'string' || !backend) {
				throw bad(`backends[${JSON.stringify(host)}]: want a host (name or name:port) mapped to a backend name`);
			}
		}
	}
	if (!targets.includes('fastly')) {
		throw new Error("@kitwasm/adapter: the fastly option configures the Fastly Compute package: add 'fastly' to targets, or remove the option");
	}
}

/**
 * @param {unknown} targets
 */
function check_targets(targets) {
	if (!Array.isArray(targets) || targets.length === 0) {
		throw new Error(`@kitwasm/adapter: targets must be a non-empty array of ${model.order.map((t) => `'${t}'`).join(', ')}`);
	}
	for (const t of targets) {
		if (!model.order.includes(t)) {
			throw new Error(`@kitwasm/adapter: unknown target ${JSON.stringify(t)} in targets; known targets: ${model.order.join(', ')}`);
		}
	}
}

/**
 * Why route `id`, which uses read(), cannot read on `target` with this config, or undefined if
 * it can as far as the config goes (sizes are checked by kitwasm build). The same answers and
 * texts as routeMode / noModeReason / fixText in adapter/targets.go.
 * @param {Record<string, any>} config the route's config, merged over its layouts'
 * @param {string} id
 * @param {string} target
 * @returns {string | undefined}
 */
function read_problem(config, id, target) {
	const t = model.targets[target];
	const modes = Object.keys(t.read.modes).sort();
	const chosen = config.kitwasm?.read;
	const set = chosen != null && typeof chosen === 'object' && Object.hasOwn(chosen, target);
	let reason;
	if (set) {
		const mode = chosen[target];
		if (typeof mode === 'string' && Object.hasOwn(t.read.modes, mode)) return;
		reason = `config.kitwasm.read.${target} is ${JSON.stringify(mode)}, not a mode ${t.name} has (${modes.map((m) => `'${m}'`).join(' or ')})`;
	} else if (t.read.default !== null) {
		return;
	} else {
		reason = `${t.name} ${t.read.without}`;
	}
	const ways = [
		...modes.map(
			(m) => `export const config = { kitwasm: { read: { ${target}: '${m}' } } } from the route ${id} (or a layout above it)`
		),
		`remove '${target}' from the adapter's targets option`,
		'stop using read() in this route'
	];
	return `route ${id} uses read() from $app/server and cannot run on ${target} (${t.name}): ${reason}\n  fix: ${ways.join('; or ')}`;
}

/**
 * The answers of `kitwasm check --json` for a build directory: for each route, whether it is
 * prerendered, whether it uses read(), the server assets it reads (name and size), and for
 * every known target whether it runs there and why. For tests in an app:
 * `expect((await checkRoutes('build')).ok).toBe(true)`.
 * @param {string} [dir] the build directory
 * @returns {Promise<import('./index.js').CheckReport>}
 */
export async function checkRoutes(dir = 'build') {
	const bin = find_cli(() => {});
	const r = spawnSync(bin[0], [...bin.slice(1), 'check', '--json', dir], { encoding: 'utf8' });
	if (r.error) throw r.error;
	if (r.status !== 0 && r.status !== 1) {
		throw new Error(`kitwasm check ${dir} failed (exit status ${r.status}): ${r.stderr.trim()}`);
	}
	return JSON.parse(r.stdout);
}

/**
 * The Vite plugin behind `vite preview` (kit 3 places it before its own plugins, so its
 * middleware comes before kit's Node preview): it starts `kitwasm serve <out>` on a free
 * loopback port when the preview server starts, proxies every request to it unchanged, and
 * stops it with the preview server. There is no fallback to Node: without a build or a
 * kitwasm binary, `vite preview` fails and says what to do.
 * @param {import('./index.js').AdapterOptions} options
 * @returns {import('vite').Plugin}
 */
function preview_plugin(options) {
	const { out = 'build', env = {}, envFile, allowFetch = [] } = options;
	return {
		name: '@kitwasm/adapter:preview',
		async configurePreviewServer(server) {
			const root = server.config.root;
			const dir = path.resolve(root, out);
			const rel = path.relative(process.cwd(), dir);
			const shown = rel === '' ? '.' : rel.startsWith('..') || path.isAbsolute(rel) ? dir : rel;
			const missing = ['manifest.json', 'worker.js'].filter((f) => !fs.existsSync(path.join(dir, f)));
			if (missing.length > 0) {
				fail(
					`@kitwasm/adapter: vite preview serves the kitwasm build in ${shown}/, but it has no ` +
						`${missing.join(' and ')}. Run \`vite build\` first (with @kitwasm/adapter, out: '${out}').`
				);
			}
			let bin;
			try {
				bin = find_cli((msg) => server.config.logger.info(msg));
			} catch (err) {
				fail(`vite preview runs the build in kitwasm and cannot start it: ${/** @type {Error} */ (err).message}`);
			}

			// --trust-proxy: the proxy below sets X-Forwarded-For and -Proto (and drops the
			// client's own), so that getClientAddress() and the URL's scheme are the browser's.
			const args = [...bin.slice(1), 'serve', '--quiet', '--trust-proxy', '--addr', '127.0.0.1:0'];
			const env_file = envFile ?? (fs.existsSync(path.join(root, '.env')) ? '.env' : false);
			if (env_file) args.push('--env-file', path.resolve(root, env_file));
			for (const [k, v] of Object.entries(env)) args.push('--env', `${k}=${v}`);
			if (allowFetch.length > 0) args.push('--allow-fetch', allowFetch.join(','));
			args.push(dir);

			const runtime = await start_runtime(bin[0], args, root);
			const stop = () => {
				if (runtime.child.exitCode === null && runtime.child.signalCode === null) runtime.child.kill('SIGTERM');
			};
			server.httpServer.once('close', stop);
			process.once('exit', stop);
			// Vite ends the process itself on SIGTERM (closing the server, so stop runs). SIGINT
			// sent to this process alone would orphan the child: stop it, then let the signal do
			// what it would have done.
			const on_sigint = () => {
				stop();
				if (process.listenerCount('SIGINT') === 0) process.kill(process.pid, 'SIGINT');
			};
			process.once('SIGINT', on_sigint);
			runtime.child.once('exit', () => {
				process.off('exit', stop);
				process.off('SIGINT', on_sigint);
			});

			server.config.logger.info(
				`  kitwasm: preview served by the Wasm runtime (kitwasm serve ${shown}, pid ${runtime.child.pid}) at http://${runtime.addr}`
			);
			const agent = new http.Agent({ keepAlive: true });
			server.middlewares.use((req, res) => proxy(req, res, runtime, agent));
		}
	};
}

// The kit versions whose internals the dev plugin relies on (see dev_plugin).
const DEV_KIT_RANGE = { min: [3, 2, 0], below: [3, 3, 0], text: '>=3.2.0 <3.3.0' };

/**
 * The Vite plugin behind `vite dev`: kit's own dev middleware stays in charge of routing,
 * static files, logging and its error page, but the one module it loads to render, kit's
 * server runtime, is swapped (in the ssr environment's runner) for a stub whose respond()
 * forwards the request to `kitwasm serve` running a fixed worker (files/dev-worker.js). That
 * worker holds Vite's module runner and loads kit's runtime, hooks, routes and components
 * from the ssr environment through the /@kitwasm/invoke middleware, so that all server code
 * runs in the Wasm runtime and edits show on the next request. No fallback to Node: if the
 * runtime cannot start, `vite dev` fails and says how to fix it.
 * @param {import('./index.js').AdapterOptions} options
 * @returns {import('vite').Plugin}
 */
function dev_plugin(options) {
	const { env = {}, envFile, allowFetch = [] } = options;
	const token = crypto.randomUUID();
	/** With src/instrumentation.server.js: lowers the ssr environment's async functions (adapter/instrumentation.js). */
	/** @type {((code: string, id: string) => Promise<any>) | undefined} */
	let lower;
	let config_root = process.cwd();
	return {
		name: '@kitwasm/adapter:dev',
		apply: 'serve',
		transform: {
			order: 'post',
			handler(code, id) {
				if (lower && this.environment?.name === 'ssr') return lower(code, id);
			}
		},
		// With an instrumentation file, the ssr environment resolves packages as `kitwasm build`
		// does (a worker, not Node): tracing packages pick their Node platform code (node:util,
		// process.env) under Node's condition (adapter/instrumentation.js).
		config(config) {
			config_root = path.resolve(config.root ?? process.cwd());
		},
		configEnvironment(name, config) {
			if (name === 'ssr' && dev_instrumentation_file({}, config_root)) dev_conditions(config);
		},
		async configureServer(server) {
			const root = server.config.root;
			const from_app = createRequire(path.join(root, 'package.json'));
			const kit_pkg = from_app.resolve('@sveltejs/kit/package.json');
			const kit_dir = path.dirname(kit_pkg);
			const kit_version = JSON.parse(fs.readFileSync(kit_pkg, 'utf8')).version;
			if (!version_in(kit_version, DEV_KIT_RANGE)) {
				fail(
					`@kitwasm/adapter: vite dev renders in the kitwasm runtime, which supports @sveltejs/kit ` +
						`${DEV_KIT_RANGE.text}; this app has ${kit_version}. Install a supported version ` +
						`(npm install -D @sveltejs/kit@~3.2.0) or remove @kitwasm/adapter from vite.config.js for dev.`
				);
			}
			const setup = server.config.plugins.find((p) => p.name === 'vite-plugin-sveltekit-setup');
			const svelte_config = setup?.api?.options;
			if (!svelte_config) fail('@kitwasm/adapter: vite dev needs the sveltekit() plugin in vite.config.js.');
			const ssr = server.environments.ssr;
			// Tracing in the runtime (issue 12): the worker imports the instrumentation first.
			const instrumentation = () => dev_instrumentation_file(svelte_config, root);
			const instrumented = instrumentation();
			if (instrumented) lower = await dev_lowering(from_app, path.relative(root, instrumented));

			let bin;
			try {
				bin = find_cli((msg) => server.config.logger.info(msg));
			} catch (err) {
				fail(`@kitwasm/adapter: vite dev renders in kitwasm and cannot start it: ${/** @type {Error} */ (err).message}`);
			}
			const worker = path.resolve(root, svelte_config.outDir ?? '.svelte-kit', 'kitwasm', 'dev-worker.js'); // kit's outDir is absolute once resolved
			fs.mkdirSync(path.dirname(worker), { recursive: true });
			fs.copyFileSync(path.join(files, 'dev-worker.js'), worker);
			// The worker reaches the Vite side on 127.0.0.1: allowed, with the app's own list.
			const allow = [...new Set(['127.0.0.1', ...allowFetch])];
			const args = [...bin.slice(1), 'serve', '--quiet', '--trust-proxy', '--addr', '127.0.0.1:0', '--isolates', '1'];
			args.push('--timeout', '120s', '--allow-fetch', allow.join(','));
			const env_file = envFile ?? (fs.existsSync(path.join(root, '.env')) ? '.env' : false);
			if (env_file) args.push('--env-file', path.resolve(root, env_file));
			for (const [k, v] of Object.entries(env)) args.push('--env', `${k}=${v}`);
			args.push(worker);
			const runtime = await start_runtime(bin[0], args, root, 'vite dev renders in kitwasm');
			const stop = () => {
				if (runtime.child.exitCode === null && runtime.child.signalCode === null) runtime.child.kill('SIGTERM');
			};
			server.httpServer?.once('close', stop);
			process.once('exit', stop);
			runtime.child.once('exit', () => process.off('exit', stop));
			server.config.logger.info(
				`  kitwasm: server-side rendering in the Wasm runtime (pid ${runtime.child.pid}, http://${runtime.addr})`
			);

			// What the worker needs to rebuild kit's dev manifest, per manifest kit makes.
			const { default: create_manifest_data } = await import(
				pathToFileURL(path.join(kit_dir, 'src/core/sync/create_manifest_data/index.js')).href
			);
			/** @type {WeakMap<object, { version: number; body: string }>} */
			const described = new WeakMap();
			let version = 0;
			let current = '';
			/** @param {any} manifest @param {Record<string, string>} env @param {string} assets */
			const describe = (manifest, env, assets, server_url) => {
				let d = described.get(manifest);
				if (!d) {
					d = { version: ++version, body: JSON.stringify(describe_manifest(manifest, env, assets, server_url), encode) };
					described.set(manifest, d);
				}
				current = d.body;
				return d.version;
			};
			/** @param {any} manifest @param {Record<string, string>} env @param {string} assets @param {string} server_url */
			function describe_manifest(manifest, env, assets, server_url) {
				const data = create_manifest_data(svelte_config, root);
				const url_of = (/** @type {string | undefined} */ id) =>
					id && (id.startsWith('..') ? to_fs(path.resolve(root, id)) : `/${id}`);
				return {
					version: version,
					server: server_url,
					env,
					assets,
					manifest: {
						app_dir: manifest.app_dir,
						app_path: manifest.app_path,
						assets: [...manifest.assets],
						mime_types: manifest.mime_types,
						client: manifest.client,
						nodes: data.nodes.map((/** @type {any} */ n) => ({
							component: url_of(n.component),
							universal: url_of(n.universal),
							universal_options: n.universal && n.page_options?.ssr === false ? n.page_options : null,
							universal_id: n.universal,
							server: url_of(n.server),
							server_id: n.server
						})),
						routes: manifest.routes.map((/** @type {any} */ r) => ({
							id: r.id,
							pattern: r.pattern,
							params: r.params,
							page: r.page,
							endpoint: r.endpoint_id ? path.resolve(root, r.endpoint_id) : null,
							endpoint_id: r.endpoint_id
						})),
						matchers: data.params ? path.resolve(root, data.params) : null
					}
				};
			}

			// Kit loads its server runtime through the ssr runner on every request: this
			// answers that one import with the stub; everything else goes to the real runner.
			const proto_runner = find_getter(ssr, 'runner');
			const real = () => proto_runner.call(ssr);
			/** @type {Map<string, string>} */
			const externals = new Map();
			/** @type {Map<string, string>} the last load error logged per module */
			const load_errors = new Map();
			const stub = (/** @type {string} */ server_url) => ({
				configure: async (/** @type {any} */ opts) => ({
					init: async () => {},
					respond: (/** @type {Request} */ request, /** @type {any} */ ropts) =>
						forward(request, ropts, describe(opts.manifest, opts.env, opts.assets, server_url))
				}),
				format_response: async (/** @type {number} */ status, /** @type {Request} */ request) => {
					const url = new URL(request.url);
					return `${styleText(status < 400 ? ['cyan'] : ['bold', 'red'], String(status))} ${url.href.replace(url.origin, '')}`;
				}
			});
			const runner_proxy = new Proxy(
				{},
				{
					get(_, key) {
						const r = real();
						if (key === 'import') {
							return (/** @type {string} */ url, /** @type {any[]} */ ...rest) =>
								url.endsWith('/@sveltejs/kit/src/runtime/server/index.js')
									? Promise.resolve(stub(url))
									: // evaluated by the worker, in the runtime, not in Vite's process
										instrumented && path.resolve(root, url) === instrumentation()
										? Promise.resolve({})
										: r.import(url, ...rest);
						}
						const v = Reflect.get(r, key);
						return typeof v === 'function' ? v.bind(r) : v;
					}
				}
			);
			Object.defineProperty(ssr, 'runner', { configurable: true, get: () => runner_proxy });

			// Counts the ssr module graph's invalidations (an edit, a dependency re-optimized):
			// the worker re-checks the modules it holds with Vite only when this has changed
			// since it last did, instead of one round trip per module and request.
			let generation = 0;
			// Which modules each generation invalidated (the worker asks what changed since the
			// generation it saw last); bounded: past that, the worker starts afresh.
			/** @type {{ gen: number; id?: string; all?: boolean }[]} */
			let changes = [];
			let changes_from = 0;
			let last_forwarded = 0;
			// The modules whose code the worker's runner was sent (cleared per module when Vite
			// invalidates it, and when the worker has a new runner): see prefetch.
			/** @type {{ runner: string | undefined; ids: Set<string> }} */
			let sent = { runner: undefined, ids: new Set() };
			/** @type {Map<string, string>} importer and bare specifier -> module id */
			const bare = new Map();
			const graph = /** @type {any} */ (ssr.moduleGraph);
			for (const method of ['invalidateModule', 'invalidateAll']) {
				const original = graph[method];
				graph[method] = function (/** @type {any[]} */ ...args) {
					generation++;
					changes.push(method === 'invalidateAll' ? { gen: generation, all: true } : { gen: generation, id: args[0]?.id });
					if (changes.length > 20000) {
						changes_from = changes[10000].gen - 1;
						changes = changes.slice(10000);
					}
					if (method === 'invalidateAll') {
						sent.ids.clear();
						bare.clear();
					}
					else if (args[0]?.id) sent.ids.delete(args[0].id);
					return original.apply(this, args);
				};
			}

			/**
			 * @param {Request} request
			 * @param {{ getClientAddress: () => string }} ropts
			 * @param {number} v
			 */
			async function forward(request, ropts, v) {
				const url = new URL(request.url);
				const headers = new Headers();
				for (const [k, val] of request.headers) {
					if (hop_by_hop.has(k) || forwarded.has(k) || k === 'host' || k === 'x-vite-kitwasm') continue;
					headers.append(k, val);
				}
				headers.set('x-forwarded-for', ropts.getClientAddress());
				headers.set('x-forwarded-proto', url.protocol.slice(0, -1));
				headers.set('x-forwarded-host', url.host);
				// What changed since the previous request went out, which saves the worker a
				// round trip when it saw that one (else it asks; the list is bounded).
				const prev = last_forwarded;
				last_forwarded = generation;
				const since = prev === generation ? [] : changes.filter((c) => c.gen > prev);
				const ids =
					prev >= changes_from && since.length <= 256 && !since.some((c) => c.all)
						? [...new Set(since.map((c) => c.id).filter(Boolean))]
						: undefined;
				const instr = instrumented && instrumentation();
				const instr_url = instr && (instr.startsWith(root + path.sep) ? '/' + path.relative(root, instr).split(path.sep).join('/') : to_fs(instr));
				// Percent-encoded: module ids and paths may hold any character, a header value only bytes.
				headers.set('x-vite-kitwasm', encodeURIComponent(JSON.stringify({ version: v, invoke: invoke_url, token, gen: generation, prev, ids, instrumentation: instr_url || undefined })));
				const has_body = request.method !== 'GET' && request.method !== 'HEAD';
				try {
					return await fetch(`http://${runtime.addr}${url.pathname}${url.search}`, {
						method: request.method,
						headers,
						body: has_body ? request.body : undefined,
						// @ts-expect-error Node's fetch streams a request body only with duplex
						duplex: has_body ? 'half' : undefined,
						redirect: 'manual'
					});
				} catch (err) {
					throw new Error(
						runtime.exited
							? 'kitwasm, which renders vite dev, has stopped (its output is above); restart vite dev.'
							: `vite dev could not reach kitwasm at ${runtime.addr}: ${/** @type {Error} */ (err).message}`
					);
				}
			}

			// The worker's calls back into Vite: module fetches, the manifest, bundled external
			// packages, and the stylesheets a page's modules import.
			// On a loopback server of its own: a URL on the dev server would be the app's own
			// origin, which the runtime answers itself instead of fetching.
			/** @param {any} payload */
			async function invoke_vite(payload) {
				const call = payload.data;
				let out = await ssr.hot.handleInvoke(payload);
				// An ES module package that the environment leaves external is fetched by
				// its file path instead, which Vite inlines: one instance per module (kit's
				// HttpError seen by the app and by kit's runtime is the same class).
				const ext = out.result?.externalize;
				if (call.name === 'fetchModule' && out.result?.type === 'module' && ext?.startsWith('file:')) {
					const args = [fileURLToPath(ext), call.data[1], call.data[2]];
					out = await ssr.hot.handleInvoke({ ...payload, data: { ...call, data: args } });
				}
				// The worker maps stack frames in the app's files only (see dev-worker.js): the
				// inline source maps of dependencies, often larger than their code, stay here.
				const r = out.result;
				if (typeof r?.code === 'string' && /[\\/]node_modules[\\/]/.test(r.file ?? r.id ?? '')) {
					const at = r.code.lastIndexOf('\n//# sourceMappingURL=data:application/json;');
					if (at >= 0) out.result = { ...r, code: r.code.slice(0, at + 1) };
				}
				return out;
			}

			/**
			 * With a module's code, the fetch results of every module it imports statically,
			 * transitively, that the runner was not sent yet: the runner evaluates a module's
			 * imports one at a time, and the first request would otherwise make one round trip
			 * per module (hundreds). Keyed as the runner asks: by URL, or by importer and bare
			 * specifier.
			 * @param {any} result
			 * @param {number | undefined} startOffset
			 */
			async function prefetch(result, startOffset) {
				/** @type {[string, any][]} */
				const found = [];
				sent.ids.add(result.id);
				let level = [result];
				while (level.length > 0 && found.length < 5000) {
					/** @type {any[]} */
					const next = [];
					await Promise.all(
						level.flatMap((/** @type {any} */ r) =>
							static_imports(r.code).map(async (spec) => {
								if (spec.startsWith('data:')) return;
								const importer = r.file || r.id;
								// A URL means one module whoever imports it; a bare specifier is
								// resolved from its importer.
								const key = spec.startsWith('/') ? spec : `${importer}\0${spec}`;
								// Sent and not invalidated since: the runner may keep its copy.
								const known = spec.startsWith('/') ? (await ssr.moduleGraph.getModuleByUrl(spec))?.id : bare.get(key);
								if (known && sent.ids.has(known)) {
									// (A URL names the same module for every importer: one entry.)
									if (!spec.startsWith('/')) found.push([key, { $same: known }]);
									return;
								}
								let out;
								try {
									out = await invoke_vite({
										type: 'custom',
										event: 'vite:invoke',
										data: { id: 'prefetch', name: 'fetchModule', data: [spec, importer, { cached: false, startOffset }] }
									});
								} catch {
									return; // the runner will ask, and get the error then
								}
								const got = out.result;
								if (!got) return;
								const id = got.id ?? got.externalize;
								if (got.code !== undefined) {
									if (!spec.startsWith('/')) bare.set(key, id);
									if (sent.ids.has(id)) {
										if (!spec.startsWith('/')) found.push([key, { $same: id }]);
										return;
									}
									sent.ids.add(id);
									next.push(got);
								}
								found.push([key, got]);
							})
						)
					);
					level = next;
				}
				return found;
			}

			// KITWASM_DEV_TRACE=1 logs each call from the worker (what, size, time).
			const trace =
				process.env.KITWASM_DEV_TRACE &&
				((/** @type {any} */ msg, /** @type {number} */ size, /** @type {number} */ t0) =>
					server.config.logger.info(
						`  kitwasm dev: ${msg.type} ${msg.payload?.data?.name ?? ''} ${msg.payload?.data?.data?.[0] ?? msg.file ?? ''} ${size} B ${(performance.now() - t0).toFixed(1)} ms`
					));
			const invoke_server = http.createServer(async (req, res) => {
				if (req.method !== 'POST' || req.url !== '/invoke' || req.headers['x-kitwasm-token'] !== token) {
					res.writeHead(403).end();
					return;
				}
				const t0 = performance.now();
				try {
					const chunks = [];
					for await (const c of req) chunks.push(c);
					const msg = JSON.parse(Buffer.concat(chunks).toString('utf8'));
					let body;
					if (msg.type === 'vite') {
						const out = await invoke_vite(msg.payload);
						const call = msg.payload.data;
						if (call.name === 'fetchModule' && out.result?.code !== undefined) {
							if (sent.runner !== msg.runner) sent = { runner: msg.runner, ids: new Set() };
							out.prefetched = await prefetch(out.result, call.data[2]?.startOffset);
						}
						body = JSON.stringify(out);
					} else if (msg.type === 'changes') {
						const since = changes.filter((c) => c.gen > msg.since);
						body = JSON.stringify(
							msg.since < changes_from || since.some((c) => c.all)
								? { all: true }
								: { ids: [...new Set(since.map((c) => c.id).filter(Boolean))] }
						);
					} else if (msg.type === 'manifest') {
						body = current;
					} else if (msg.type === 'external') {
						let code = externals.get(msg.file);
						if (code === undefined) {
							code = await bundle_external(from_app, fileURLToPath(msg.file));
							externals.set(msg.file, code);
						}
						body = JSON.stringify({ code });
					} else if (msg.type === 'asset' || msg.type === 'read') {
						// read() of $app/server: files Vite's dev server may serve, as kit's dev
						// manifest finds them (a /@fs path, or one relative to the root).
						const file = path.resolve(root, msg.file.startsWith('/@fs/') ? msg.file.slice(4) : msg.file);
						const allowed = server.config.server.fs.allow.some((/** @type {string} */ dir) => file === dir || file.startsWith(dir.endsWith('/') ? dir : dir + '/'));
						const stat = allowed ? fs.statSync(file, { throwIfNoEntry: false }) : undefined;
						if (msg.type === 'asset') {
							body = JSON.stringify({ size: stat?.isFile() ? stat.size : null });
						} else {
							if (!stat?.isFile()) throw new Error(`${msg.file} is not a file Vite's dev server may read`);
							res.writeHead(200, { 'content-type': 'application/octet-stream' }).end(fs.readFileSync(file));
							return;
						}
					} else if (msg.type === 'load_error') {
						// As kit's loud_ssr_load_module: logged (once per error) and shown in the overlay.
						if (load_errors.get(msg.url) !== msg.stack) {
							load_errors.set(msg.url, msg.stack);
							const frames = msg.stack.split('\n').filter((/** @type {string} */ l) => /^\s+at /.test(l));
							server.config.logger.error(
								[styleText('red', `Internal server error: ${msg.message}`), ...frames.map((/** @type {string} */ l) => `  ${l}`)].join('\n')
							);
						}
						server.environments.client.hot.send({ type: 'error', err: { message: msg.message, stack: msg.stack } });
						body = '{}';
					} else if (msg.type === 'styles') {
						body = JSON.stringify({ styles: await find_styles(server, msg.urls) });
					} else {
						throw new Error(`unknown call ${msg.type}`);
					}
					res.writeHead(200, { 'content-type': 'application/json' }).end(body);
					if (trace) trace(msg, body.length, t0);
				} catch (err) {
					res.writeHead(500, { 'content-type': 'text/plain' }).end(String(/** @type {Error} */ (err)?.stack ?? err));
				}
			});
			await new Promise((resolve) => invoke_server.listen(0, '127.0.0.1', () => resolve(undefined)));
			invoke_server.unref();
			const invoke_url = `http://127.0.0.1:${/** @type {import('node:net').AddressInfo} */ (invoke_server.address()).port}/invoke`;
			server.httpServer?.once('close', () => invoke_server.close());
		}
	};
}

/**
 * The specifiers a module transformed by Vite for SSR imports statically.
 * @param {string} code
 */
function static_imports(code) {
	/** @type {string[]} */
	const out = [];
	for (const m of code.matchAll(/__vite_ssr_import__\(("(?:[^"\\\n]|\\.)*")/g)) {
		try {
			out.push(JSON.parse(m[1]));
		} catch {}
	}
	return [...new Set(out)];
}

/** @param {string} str */
function to_fs(str) {
	str = str.replaceAll('\\', '/');
	return `/@fs${str.startsWith('/') ? '' : '/'}${str}`;
}

/** JSON replacer: RegExps as { $re: [source, flags] }, Sets as arrays. @param {string} _ @param {any} v */
function encode(_, v) {
	if (v instanceof RegExp) return { $re: [v.source, v.flags] };
	if (v instanceof Set) return [...v];
	return v;
}

/** @param {object} obj @param {string} key */
function find_getter(obj, key) {
	for (let o = obj; o; o = Object.getPrototypeOf(o)) {
		const d = Object.getOwnPropertyDescriptor(o, key);
		if (d?.get) return d.get;
	}
	throw new Error(`@kitwasm/adapter: the ssr environment has no ${key}; is this Vite 8?`);
}

/**
 * @param {string} v
 * @param {{ min: number[]; below: number[] }} range
 */
function version_in(v, range) {
	const n = v.split(/[.+-]/).slice(0, 3).map(Number);
	const cmp = (/** @type {number[]} */ a, /** @type {number[]} */ b) => {
		for (let i = 0; i < 3; i++) if (a[i] !== b[i]) return a[i] - b[i];
		return 0;
	};
	return cmp(n, range.min) >= 0 && cmp(n, range.below) < 0;
}

/**
 * A package the ssr environment leaves external, bundled with Vite's own bundler (rolldown)
 * into one CommonJS function body for the worker, resolved with the runtime's conditions.
 * @param {NodeJS.Require} from_app
 * @param {string} file
 */
async function bundle_external(from_app, file) {
	const vite_dir = path.dirname(from_app.resolve('vite/package.json'));
	const { rolldown } = await import(pathToFileURL(createRequire(path.join(vite_dir, 'package.json')).resolve('rolldown')).href);
	const bundle = await rolldown({
		input: file,
		platform: 'neutral',
		resolve: { conditionNames: ['worker', 'import', 'module', 'default'], mainFields: ['module', 'main'] },
		external: [/^node:/],
		logLevel: 'silent'
	});
	const { output } = await bundle.generate({ format: 'cjs' });
	await bundle.close();
	return output[0].code;
}

/**
 * The stylesheets that the modules at urls import, directly or not, in the ssr module graph,
 * each with the URL that imports it as a string (what kit's dev manifest inlines).
 * @param {import('vite').ViteDevServer} server
 * @param {string[]} urls
 */
async function find_styles(server, urls) {
	const graph = server.environments.ssr.moduleGraph;
	const seen = new Set();
	/** @param {any} node */
	const walk = async (node) => {
		if (!node || seen.has(node)) return;
		seen.add(node);
		const deps = node.transformResult
			? await Promise.all([...(node.transformResult.deps ?? []), ...(node.transformResult.dynamicDeps ?? [])].map((u) => graph.getModuleByUrl(u)))
			: [...node.importedModules];
		await Promise.all(deps.map(walk));
	};
	for (const url of urls) await walk(await graph.getModuleByUrl(url));
	const styles = [];
	for (const node of seen) {
		const url = node.url;
		if (is_css(url) && !/(?:\?|&)(?:raw|url|inline)(?:&|$)/.test(url)) {
			styles.push([url, url.includes('?') ? url.replace('?', '?inline&') : url + '?inline']);
		}
	}
	return styles;
}

/** @param {string} url */
function is_css(url) {
	return /\.(css|less|sass|scss|styl|stylus|pcss|postcss|sss)(?:$|\?)/.test(url);
}

/**
 * Throws an error that Vite prints as it is (it shows the stack of an error that stops the
 * preview server).
 * @param {string} message
 * @returns {never}
 */
function fail(message) {
	const err = new Error(message);
	err.stack = message;
	throw err;
}

/**
 * Starts `kitwasm serve` and waits for the address it prints; its output before that is kept
 * for the error if it exits first, and passed through after it (the app's console output).
 * @param {string} cmd
 * @param {string[]} args
 * @param {string} cwd
 * @param {string} [what] what runs in kitwasm, for the error
 * @returns {Promise<{ child: import('node:child_process').ChildProcess; addr: string; exited: boolean }>}
 */
function start_runtime(cmd, args, cwd, what = 'vite preview runs the build in kitwasm') {
	return new Promise((resolve, reject) => {
		const child = spawn(cmd, args, { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
		let output = '';
		let ready = false;
		const runtime = { child, addr: '', exited: false };
		const describe = () => `\`${[cmd, ...args].join(' ')}\``;
		child.stdout.setEncoding('utf8');
		child.stderr.setEncoding('utf8');
		child.stdout.on('data', (chunk) => {
			if (ready) return void process.stdout.write(chunk);
			output += chunk;
			const m = /listening on http:\/\/(\S+)/.exec(output);
			if (m) {
				ready = true;
				runtime.addr = m[1];
				resolve(runtime);
			}
		});
		child.stderr.on('data', (chunk) => {
			if (ready) return void process.stderr.write(chunk);
			output += chunk;
		});
		child.once('error', (err) => {
			if (!ready) fail_start(`${describe()} did not start: ${err.message}`);
		});
		child.once('exit', (code, signal) => {
			runtime.exited = true;
			if (!ready) {
				fail_start(`${describe()} exited (${signal ?? 'status ' + code}) before serving:\n${output.trimEnd()}`);
			}
		});
		/** @param {string} message */
		function fail_start(message) {
			try {
				fail(`@kitwasm/adapter: ${what}, which could not start. ${message}`);
			} catch (err) {
				reject(err);
			}
		}
	});
}

// Hop-by-hop headers (RFC 9110 §7.6.1) belong to one connection and are not forwarded.
// X-Forwarded-* headers that kitwasm serve --trust-proxy believes: a client's are dropped.
const forwarded = new Set(['x-forwarded-for', 'x-forwarded-proto', 'x-forwarded-host']);
const hop_by_hop = new Set(['connection', 'keep-alive', 'proxy-connection', 'transfer-encoding', 'te', 'trailer', 'upgrade']);

/**
 * Forwards one request to the runtime and its response back, both streamed: method, URL and
 * headers as received (Host included, so that the app sees the URL the browser used).
 * @param {import('node:http').IncomingMessage} req
 * @param {import('node:http').ServerResponse} res
 * @param {{ addr: string; exited: boolean }} runtime
 * @param {import('node:http').Agent} agent
 */
function proxy(req, res, runtime, agent) {
	const [host, port] = split_addr(runtime.addr);
	/** @type {string[]} */
	const headers = [];
	for (let i = 0; i < req.rawHeaders.length; i += 2) {
		const name = req.rawHeaders[i];
		const lower = name.toLowerCase();
		if (hop_by_hop.has(lower) && lower !== 'transfer-encoding') continue; // the body keeps its framing
		if (forwarded.has(lower)) continue; // the runtime trusts these: only this proxy sets them
		headers.push(name, req.rawHeaders[i + 1]);
	}
	headers.push('X-Forwarded-For', req.socket.remoteAddress ?? '');
	headers.push('X-Forwarded-Proto', /** @type {any} */ (req.socket).encrypted ? 'https' : 'http');
	const upstream = http.request({
		host,
		port,
		agent,
		method: req.method,
		path: /** @type {any} */ (req).originalUrl ?? req.url,
		headers,
		setHost: false
	});
	upstream.on('response', (up) => {
		/** @type {Map<string, { name: string; values: string[] }>} */
		const fields = new Map();
		for (let i = 0; i < up.rawHeaders.length; i += 2) {
			const name = up.rawHeaders[i];
			const lower = name.toLowerCase();
			if (hop_by_hop.has(lower)) continue;
			const field = fields.get(lower) ?? { name, values: [] };
			field.values.push(up.rawHeaders[i + 1]);
			fields.set(lower, field);
		}
		for (const [lower, { name, values }] of fields) {
			// Keep what Vite's own middleware (CORS) added to Vary.
			const before = lower === 'vary' ? res.getHeader('vary') : undefined;
			if (before) values.unshift(String(before));
			res.setHeader(name, values.length === 1 ? values[0] : values);
		}
		res.writeHead(/** @type {number} */ (up.statusCode), up.statusMessage);
		up.pipe(res);
		up.on('error', () => res.destroy());
		up.on('aborted', () => res.destroy());
	});
	upstream.on('error', (err) => {
		if (res.headersSent) return void res.destroy();
		res.writeHead(502, { 'content-type': 'text/plain; charset=utf-8' });
		res.end(
			runtime.exited
				? `kitwasm serve, which answers vite preview, has stopped; restart vite preview. (${err.message})\n`
				: `vite preview could not reach kitwasm serve at ${runtime.addr}: ${err.message}\n`
		);
	});
	res.on('close', () => {
		if (!res.writableFinished) upstream.destroy();
	});
	req.pipe(upstream);
}

/**
 * @param {string} addr host:port, the host possibly in brackets
 * @returns {[string, number]}
 */
function split_addr(addr) {
	const i = addr.lastIndexOf(':');
	return [addr.slice(0, i).replace(/^\[(.*)\]$/, '$1'), Number(addr.slice(i + 1))];
}

/**
 * The kitwasm command line: $KITWASM_BIN, then `kitwasm` on PATH, then, when this package is
 * installed from a kitwasm checkout, built from it with `go build`.
 * @param {(message: string) => void} log
 * @returns {string[]}
 */
function find_cli(log) {
	const tried = [];
	if (process.env.KITWASM_BIN) {
		if (works([process.env.KITWASM_BIN])) return [process.env.KITWASM_BIN];
		throw new Error(`KITWASM_BIN is set to ${process.env.KITWASM_BIN}, which does not run (\`${process.env.KITWASM_BIN} version\` failed). Point it at a kitwasm binary or unset it.`);
	}
	if (works(['kitwasm'])) return ['kitwasm'];
	tried.push('`kitwasm` is not on PATH');

	const checkout = path.resolve(here, '..');
	const gomod = path.join(checkout, 'go.mod');
	if (fs.existsSync(gomod) && fs.readFileSync(gomod, 'utf8').includes('module github.com/kitwasm/kitwasm')) {
		const dest = path.join(checkout, '.tools', 'bin', 'kitwasm');
		log(`Building kitwasm from ${checkout}`);
		const r = spawnSync('go', ['build', '-o', dest, './cmd/kitwasm'], { cwd: checkout, stdio: 'inherit' });
		if (!r.error && r.status === 0 && works([dest])) return [dest];
		tried.push(`building it from ${checkout} with \`go build\` failed${r.error ? ': ' + r.error.message : ''}`);
	} else {
		tried.push('this package is not inside a kitwasm checkout');
	}
	throw new Error(
		`@kitwasm/adapter needs the kitwasm command line (${tried.join('; ')}). Install it with ` +
			'`go install github.com/kitwasm/kitwasm/cmd/kitwasm@latest`, or set KITWASM_BIN to its path.'
	);
}

/** @param {string[]} cmd */
function works(cmd) {
	try {
		execFileSync(cmd[0], [...cmd.slice(1), 'version'], { stdio: 'ignore' });
		return true;
	} catch {
		return false;
	}
}

/**
 * Kit 2's builder has no mimeTypes: look the extensions up with mrmime, the table kit and
 * adapter-node use (a dependency of @sveltejs/kit, resolved from the app's copy of kit).
 * @param {string[]} files
 * @returns {Record<string, string>}
 */
function kit2_mime_types(files) {
	const from_app = createRequire(path.resolve('package.json'));
	const { lookup } = createRequire(from_app.resolve('@sveltejs/kit/package.json'))('mrmime');
	/** @type {Record<string, string>} */
	const types = {};
	for (const file of files) {
		const ext = path.extname(file);
		if (ext && !(ext in types)) types[ext] = lookup(ext) || '';
	}
	return types;
}
