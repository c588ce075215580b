// The module worker behind `vite dev` (see dev_plugin in ../index.js). It is fixed: it holds
// Vite's module runner, and loads the app's server code (kit's runtime, hooks, routes,
// components) from the Vite dev server's `ssr` environment, module by module, as kit's own
// Node dev server does; only here it is evaluated inside the kitwasm runtime.
//
// The Vite side forwards each request that kit would answer with respond() to this worker,
// with an X-Vite-Kitwasm header: the manifest's version and where to reach the dev server.
import {
	ESModulesEvaluator,
	ModuleRunner,
	ssrDynamicImportKey,
	ssrExportAllKey,
	ssrExportNameKey,
	ssrImportKey,
	ssrImportMetaKey,
	ssrModuleExportsKey
} from 'vite/module-runner';

const host_fetch = globalThis.fetch;
// Kit's Node dev server defines this (feature checks per adapter); nothing to check here.
globalThis.__SVELTEKIT_TRACK__ = () => {};

/** @type {{ invoke: string; token: string }} */
let link;

/** One call to the dev server's /@kitwasm/invoke middleware. */
async function call(payload) {
	const res = await host_fetch(link.invoke, {
		method: 'POST',
		headers: { 'content-type': 'application/json', 'x-kitwasm-token': link.token },
		body: JSON.stringify(payload)
	});
	const text = await res.text();
	if (!res.ok) throw new Error(`kitwasm dev: the Vite dev server answered ${res.status}: ${text}`);
	return JSON.parse(text, revive);
}

// RegExps (route patterns) travel as { $re: [source, flags] }.
function revive(key, value) {
	if (value && typeof value === 'object' && Array.isArray(value.$re)) return new RegExp(value.$re[0], value.$re[1]);
	return value;
}

// ---- Stacks that name the user's files ----------------------------------------------------
// The runner evaluates each module with `new AsyncFunction(...)`, whose frames QuickJS names
// "<input>", with positions in Vite's transformed code. The engine implements V8's
// Error.prepareStackTrace with CallSite frames; this one finds each frame's module (the
// frame's function is the module's own body, or a function whose source text sits at the
// frame's position in one module's code) and maps the position through the module's inline
// source map (Vite shifts it by the evaluator's startOffset), as Node's source-map support
// does for kit's own dev server.
const AsyncFunction = async function () {}.constructor;
/** @type {WeakMap<Function, Loaded>} */
const bodies = new WeakMap();
/** @typedef {{ code: string; file: string; lines?: number[]; map?: any }} Loaded */
/** @type {Map<string, Loaded>} the code of every module evaluated, by module id */
const loaded = new Map();
/** @type {Map<string, Loaded | null>} */
const located = new Map();
const PADDING = 3; // lines before the code: "async function anonymous(...", ") {", '"use strict";'

/** The module a frame runs in, or undefined. */
function module_of(frame) {
	let fn;
	try {
		fn = frame.getFunction();
	} catch {}
	if (typeof fn !== 'function') return undefined;
	const body = bodies.get(fn);
	if (body) return body;
	let src;
	try {
		src = Function.prototype.toString.call(fn);
	} catch {
		return undefined;
	}
	const line = frame.getLineNumber() - PADDING - 1;
	const column = frame.getColumnNumber() - 1;
	if (line < 0) return undefined;
	const key = `${line}:${column}:${src}`;
	if (located.has(key)) return located.get(key) ?? undefined;
	let found = null;
	for (const m of loaded.values()) {
		let i = m.code.indexOf(src);
		if (i < 0) continue;
		const lines = (m.lines ??= line_starts(m.code));
		if (line >= lines.length) continue;
		const offset = lines[line] + column;
		for (; i >= 0 && i <= offset; i = m.code.indexOf(src, i + 1)) {
			if (offset < i + src.length) {
				found = m;
				break;
			}
		}
		if (found) break;
	}
	located.set(key, found);
	return found ?? undefined;
}

function line_starts(code) {
	const out = [0];
	for (let i = code.indexOf('\n'); i >= 0; i = code.indexOf('\n', i + 1)) out.push(i + 1);
	return out;
}

const B64 = new Int8Array(128).fill(-1);
for (let i = 0; i < 64; i++) B64['ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/'.charCodeAt(i)] = i;

/** The module's source map, decoded from its inline comment, or null. */
function source_map(m) {
	if (m.map !== undefined) return m.map;
	m.map = null;
	const marker = '//# sourceMappingURL=data:application/json;base64,';
	const at = m.code.lastIndexOf(marker);
	if (at < 0) return null;
	try {
		const b64 = m.code.slice(at + marker.length).trim();
		const bin = atob(b64);
		const bytes = new Uint8Array(bin.length);
		for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
		m.map = JSON.parse(new TextDecoder().decode(bytes));
	} catch {}
	return m.map;
}

/**
 * The original position of (line, column), both 0-based, in the generated code: the last
 * mapping on that line at or before the column (else the line's first), or null.
 */
function original(map, line, column) {
	const s = map.mappings;
	let gl = 0, gc = 0, src = 0, ol = 0, oc = 0;
	let best = null, first = null;
	const fields = [0, 0, 0, 0, 0];
	let pos = 0;
	while (pos < s.length && gl <= line) {
		const ch = s.charCodeAt(pos);
		if (ch === 59) { gl++; gc = 0; pos++; continue; } // ;
		if (ch === 44) { pos++; continue; } // ,
		let n = 0;
		while (pos < s.length && s.charCodeAt(pos) !== 44 && s.charCodeAt(pos) !== 59) {
			let value = 0, shift = 0, digit;
			do {
				digit = B64[s.charCodeAt(pos++)];
				value += (digit & 31) << shift;
				shift += 5;
			} while (digit & 32);
			fields[n++] = value & 1 ? -(value >>> 1) : value >>> 1;
		}
		gc += fields[0];
		if (n >= 4) {
			src += fields[1]; ol += fields[2]; oc += fields[3];
			if (gl === line) {
				const here = { source: src, line: ol, column: oc };
				first ??= here;
				if (gc <= column) best = here;
			}
		}
	}
	const hit = best ?? first;
	if (!hit) return null;
	let source = map.sources?.[hit.source] ?? '';
	if (map.sourceRoot) source = map.sourceRoot.replace(/\/?$/, '/') + source;
	return { source, line: hit.line + 1, column: hit.column + 1 };
}

/** file is absolute; source relative to it, or absolute (Vite's maps use both). */
function resolve_source(file, source) {
	if (source.startsWith('/')) return source;
	if (source.startsWith('file://')) return decodeURIComponent(new URL(source).pathname);
	const parts = file.split('/').slice(0, -1);
	for (const p of source.split('/')) {
		if (p === '..') parts.pop();
		else if (p !== '.' && p !== '') parts.push(p);
	}
	return parts.join('/');
}

function where(frame) {
	if (frame.isNative()) return 'native';
	const file = frame.getFileName();
	if (file === '<input>') {
		const m = module_of(frame);
		// Files under node_modules keep their positions in the transformed code (Vite's
		// pre-bundled dependencies are real files with these lines): their maps run to
		// hundreds of kilobytes, and decoding one in QuickJS for every Error made (svelte
		// makes some as it loads) cost a second.
		if (m && m.file.includes('/node_modules/')) return `${m.file}:${frame.getLineNumber() - PADDING}:${frame.getColumnNumber()}`;
		if (m) {
			const map = source_map(m);
			const pos = map && original(map, frame.getLineNumber() - 1, frame.getColumnNumber() - 1);
			if (pos) return `${resolve_source(m.file, pos.source)}:${pos.line}:${pos.column}`;
			return `${m.file}:${frame.getLineNumber() - PADDING}:${frame.getColumnNumber()}`;
		}
	}
	return `${file}:${frame.getLineNumber()}:${frame.getColumnNumber()}`;
}

Error.prepareStackTrace = function prepareStackTrace(error, frames) {
	let out;
	try {
		out = Error.prototype.toString.call(error);
	} catch {
		out = 'Error';
	}
	for (const f of frames) {
		let fn = null;
		try {
			fn = f.getFunctionName();
		} catch {}
		const at = where(f);
		out += `\n    at ${fn && fn !== 'anonymous' ? `${fn} (${at})` : at}`;
	}
	return out;
};

// ---- The module runner -------------------------------------------------------------------
// Packages that the ssr environment leaves external are bundled by the Vite side into one
// CommonJS function each; there is no file system here to import them from.
class Evaluator extends ESModulesEvaluator {
	// As ESModulesEvaluator's, keeping each module's code and body for the stacks above.
	async runInlinedModule(context, code, mod) {
		const body = new AsyncFunction(
			ssrModuleExportsKey,
			ssrImportMetaKey,
			ssrImportKey,
			ssrDynamicImportKey,
			ssrExportAllKey,
			ssrExportNameKey,
			'"use strict";\n' + code
		);
		const m = { code, file: mod.meta?.file || mod.file || mod.id };
		loaded.set(mod.id, m);
		bodies.set(body, m);
		located.clear();
		await body(
			context[ssrModuleExportsKey],
			context[ssrImportMetaKey],
			context[ssrImportKey],
			context[ssrDynamicImportKey],
			context[ssrExportAllKey],
			context[ssrExportNameKey]
		);
		Object.seal(context[ssrModuleExportsKey]);
	}

	async runExternalModule(file) {
		if (file.startsWith('node:') || !/^file:/.test(file)) {
			throw new Error(`kitwasm dev: ${file} is not available in the kitwasm runtime`);
		}
		const { code } = await call({ type: 'external', file });
		const module = { exports: {} };
		const require = (id) => {
			throw new Error(`kitwasm dev: ${file} requires ${id}, which is not available in the kitwasm runtime`);
		};
		new Function('module', 'exports', 'require', code)(module, module.exports, require);
		const ex = module.exports;
		if (ex && ex.__esModule) return ex;
		return Object.assign(Object.create(null), ex, { default: ex });
	}
}

// Vite's runner asks the dev server about every module it imports at the top level, cached or
// not (fetchModule with cached: true, answered { cache: true } unless the module was
// invalidated): a dozen round trips per request, and one per import of every module
// re-evaluated after an edit. Instead, the Vite side logs the ssr module graph's
// invalidations (an edit invalidates the file's modules and their importers) and sends the
// log's position with each request; when it moved, the worker asks once which modules were
// invalidated and drops them from the runner, as Vite's HMR would. Every other module the
// runner holds is current and taken without asking.
let generation = -1;
/** @type {Map<string, [string, string][]>} stylesheets per set of modules, while nothing changes */
const styles_cache = new Map();

/**
 * Fetch results the Vite side sent ahead with a module's code (the modules it imports), by
 * URL or by importer and bare specifier; valid while the generation stays the same.
 * @type {Map<string, any>}
 */
const prefetched = new Map();
// Which runner the Vite side has sent code to (made on the first request: isolates restored
// from one snapshot must differ).
let runner_id;

async function set_generation(gen, prev, sent_ids) {
	if (gen <= generation) return;
	styles_cache.clear();
	prefetched.clear();
	if (generation >= 0) {
		// The request brings what changed since the previous one; if this worker did not see
		// that one, it asks.
		const { all, ids } = sent_ids && prev === generation ? { ids: sent_ids } : await call({ type: 'changes', since: generation });
		if (all) runner.evaluatedModules.clear();
		else {
			for (const id of ids) {
				const mod = runner.evaluatedModules.getModuleById(id);
				if (mod) runner.evaluatedModules.invalidateModule(mod);
			}
		}
	}
	// Requests run concurrently: a later one may have moved on already.
	generation = Math.max(generation, gen);
}

// As `vite build` does (adapter/bundle.go, runtimeImports): a static import of a Node builtin
// fails, naming the importing file and line; a dynamic import rejects when it runs (kit
// probes node:async_hooks that way).
function node_only(url, importer_id) {
	const m = loaded.get(importer_id);
	let at = importer_id;
	if (m) {
		at = m.file;
		const i = m.code.indexOf(`__vite_ssr_import__(${JSON.stringify(url)}`);
		const map = i >= 0 && source_map(m);
		if (map) {
			const lines = (m.lines ??= line_starts(m.code));
			let line = 0;
			while (line + 1 < lines.length && lines[line + 1] <= i) line++;
			const pos = original(map, line + PADDING, i - lines[line]);
			if (pos) at = `${resolve_source(m.file, pos.source)}:${pos.line}:${pos.column}`;
		}
	}
	const err = new Error(
		`${at}: ${JSON.stringify(url)} is a Node.js builtin, which the kitwasm runtime does not provide (it offers the Web platform: fetch, streams, crypto.subtle, URL, TextEncoder, ...). ` +
			'Use a Web API instead, or move this code out of the worker\'s server path.'
	);
	err.stack = `Error: ${err.message}`;
	return err;
}

class Runner extends ModuleRunner {
	async cachedRequest(url, mod, callstack = [], metadata) {
		const meta = mod.meta;
		if (meta?.type === 'builtin' && !metadata?.isDynamicImport && callstack.length > 0 && !String(meta.externalize).startsWith('data:')) {
			throw node_only(url, callstack[callstack.length - 1]);
		}
		const exports = await super.cachedRequest(url, mod, callstack, metadata);
		// An asset imported with ?url, which read() of $app/server may be asked for: its size
		// is needed synchronously there (kit's dev manifest stats the file).
		if (/[?&]url(?:[&=]|$)/.test(meta?.id ?? url) && typeof exports?.default === 'string') await note_asset(exports.default);
		return exports;
	}

	async getModuleInformation(url, importer, cached) {
		// Not invalidated since it was fetched (see set_generation).
		if (cached?.meta) return cached;
		return super.getModuleInformation(url, importer, cached);
	}
}

const runner = new Runner(
	{
		transport: {
			invoke: async (payload) => {
				const req = payload.data;
				if (req?.name === 'fetchModule') {
					const [spec, importer] = req.data;
					const key = spec.startsWith('/') ? spec : `${importer}\0${spec}`;
					const got = prefetched.get(key);
					if (got?.$same) {
						// A module sent before and not changed since: the runner's copy stands.
						const mod = runner.evaluatedModules.getModuleById(got.$same);
						if (mod?.meta) return { result: { ...mod.meta, invalidate: false } };
					} else if (got) {
						prefetched.delete(key);
						return { result: got };
					}
				}
				const out = await call({ type: 'vite', payload, runner: runner_id });
				// New code can bring new stylesheets into a page's module graph.
				if (out.result?.code !== undefined) styles_cache.clear();
				if (out.prefetched) {
					for (const [k, v] of out.prefetched) if (!(v.$same && prefetched.get(k)?.code !== undefined)) prefetched.set(k, v);
				}
				return out;
			}
		},
		hmr: false,
		sourcemapInterceptor: false
	},
	new Evaluator()
);

// ---- read() of $app/server ---------------------------------------------------------------
// Kit's dev manifest answers server_assets from the file system; here the sizes of the assets
// that modules import with ?url are asked of the Vite side when the import is evaluated, and
// read() streams the file from there.
/** @type {Map<string, number>} */
const asset_sizes = new Map();
const server_assets = new Proxy(
	{},
	{
		has: (_, file) => asset_sizes.has(file),
		get: (_, file) => asset_sizes.get(file)
	}
);

/** As kit's read(): the manifest's key for an asset URL. */
async function note_asset(asset) {
	if (asset.startsWith('data:')) return;
	const base = state?.assets ?? '';
	const pathname = asset.replace(/[?#].*$/, '');
	let file;
	try {
		file = decodeURIComponent(pathname.startsWith(base + '/@fs') ? pathname.slice(base.length) : pathname.slice(base.length + 1));
	} catch {
		return;
	}
	if (asset_sizes.has(file)) return;
	const { size } = await call({ type: 'asset', file });
	if (typeof size === 'number') asset_sizes.set(file, size);
}

function read_asset(file) {
	return new ReadableStream({
		async start(controller) {
			try {
				const res = await host_fetch(link.invoke, {
					method: 'POST',
					headers: { 'content-type': 'application/json', 'x-kitwasm-token': link.token },
					body: JSON.stringify({ type: 'read', file })
				});
				if (!res.ok) throw new Error(`kitwasm dev: read('${file}'): ${await res.text()}`);
				controller.enqueue(new Uint8Array(await res.arrayBuffer()));
				controller.close();
			} catch (err) {
				controller.error(err);
			}
		}
	});
}

/**
 * A route's module, as kit's dev server loads it (loud_ssr_load_module): a failure is also
 * reported to the Vite side, which logs it and shows it in Vite's overlay.
 */
async function load(url) {
	try {
		return await runner.import(url);
	} catch (err) {
		try {
			await call({ type: 'load_error', url, message: String(err?.message ?? err), stack: String(err?.stack ?? '') });
		} catch {}
		throw err;
	}
}

/** @type {{ version: number; server: string; env: Record<string, string>; assets: string; manifest: any } | undefined} */
let state;

function build_manifest(d) {
	const undef = (a) => a && a.map((x) => (x === null ? undefined : x));
	return {
		app_dir: d.app_dir,
		app_path: d.app_path,
		assets: new Set(d.assets),
		mime_types: d.mime_types,
		client: d.client,
		server_assets,
		nodes: d.nodes.map((node, index) => async () => {
			const result = {
				index,
				universal_id: node.universal_id,
				server_id: node.server_id,
				imports: [],
				stylesheets: [],
				fonts: []
			};
			/** @type {string[]} */
			const urls = [];
			if (node.component) {
				result.component = async () => {
					const module = await load(node.component);
					urls.push(node.component);
					return module.default;
				};
			}
			if (node.universal) {
				if (node.universal_options) result.universal = node.universal_options;
				else {
					result.universal = await load(node.universal);
					urls.push(node.universal);
				}
			}
			if (node.server) result.server = await load(node.server);
			// Styles are inlined in dev, as kit's Node dev server does: the Vite side walks the
			// module graph for CSS, and each stylesheet is imported here with ?inline.
			result.inline_styles = async () => {
				const key = urls.join('\n');
				let styles = styles_cache.get(key);
				if (!styles) {
					const gen = generation;
					({ styles } = await call({ type: 'styles', urls }));
					if (gen === generation) styles_cache.set(key, styles);
				}
				/** @type {Record<string, string>} */
				const out = {};
				for (const [url, inline] of styles) {
					try {
						out[url] = (await runner.import(inline)).default;
					} catch {
						// as kit does: a stylesheet that cannot be loaded is left out
					}
				}
				return out;
			};
			return result;
		}),
		prerendered_routes: new Set(),
		remotes: {},
		routes: d.routes.map((route) => ({
			id: route.id,
			pattern: route.pattern,
			params: route.params,
			page: route.page && { ...route.page, layouts: undef(route.page.layouts), errors: undef(route.page.errors) },
			endpoint: route.endpoint ? () => load(route.endpoint) : null,
			endpoint_id: route.endpoint_id
		})),
		matchers: async () => {
			if (!d.matchers) return {};
			const module = await load(d.matchers);
			if (!module.params) throw new Error(`${d.matchers} does not export params`);
			return module.params;
		}
	};
}

export default {
	async fetch(request, env, ctx) {
		const meta = request.headers.get('x-vite-kitwasm');
		if (!meta) return new Response('kitwasm dev: this runtime answers the Vite dev server only\n', { status: 421 });
		runner_id ??= crypto.randomUUID();
		const { version, invoke, token, gen, prev, ids, instrumentation } = JSON.parse(decodeURIComponent(meta));
		link = { invoke, token };
		await set_generation(gen, prev, ids);
		if (!state || state.version !== version) {
			const d = await call({ type: 'manifest' });
			state = { version: d.version, server: d.server, env: d.env, assets: d.assets, manifest: build_manifest(d.manifest) };
		}
		const headers = new Headers(request.headers);
		headers.delete('x-vite-kitwasm');
		const req = new Request(request, { headers });

		// src/instrumentation.server.js, before any other module of the app, as kit's dev server
		// does (with the env set first); evaluated again only when it was edited.
		if (instrumentation) {
			const { set_env } = await runner.import('<sveltekit:generated>/env/config.js');
			set_env(state.env);
			await runner.import(instrumentation);
		}
		const { configure } = await runner.import(state.server);
		const { init, respond } = await configure({
			manifest: state.manifest,
			env: state.env,
			read: read_asset,
			assets: state.assets,
			fix_stack_trace: () => {}
		});
		await init();
		try {
			return await respond(req, {
				getClientAddress() {
					if (ctx.clientAddress == null) throw new Error('Could not determine clientAddress');
					return ctx.clientAddress;
				},
				platform: { env, context: { waitUntil: (promise) => ctx.waitUntil(promise) } }
			});
		} finally {
			if (instrumentation) after_response(ctx);
		}
	}
};

const FLUSH = Symbol.for('kitwasm.instrumentation.flush');

// As the entry `kitwasm build` generates for an instrumented app (adapter/instrumentation.js):
// the flush functions registered with flushAfterResponse run after the response (a timer
// fires once the runtime has taken it), inside waitUntil.
function after_response(ctx) {
	const fns = globalThis[FLUSH];
	if (!fns || fns.length === 0) return;
	ctx.waitUntil(
		new Promise((resolve) => setTimeout(resolve, 0)).then(() =>
			Promise.all(fns.map((fn) => Promise.resolve().then(fn).catch((err) => console.error('flushAfterResponse:', err))))
		)
	);
}
