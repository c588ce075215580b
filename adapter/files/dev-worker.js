// The module worker behind `vite dev` (see dev_plugin in ../index.js). It is fixed: it holds
// Vite's module runner, and loads the app's server code (kit's runtime, hooks, routes,
// components) from the Vite dev server's `ssr` environment, module by module, as kit's own
// Node dev server does; only here it is evaluated inside the kitwasm runtime.
//
// The Vite side forwards each request that kit would answer with respond() to this worker,
// with an X-Vite-Kitwasm header: the manifest's version and where to reach the dev server.
import { ESModulesEvaluator, ModuleRunner } from 'vite/module-runner';

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

// Packages that the ssr environment leaves external are bundled by the Vite side into one
// CommonJS function each; there is no file system here to import them from.
class Evaluator extends ESModulesEvaluator {
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
// invalidated): a dozen round trips per request. The Vite side counts the ssr module graph's
// invalidations and sends the count with each request; while it stays the same, a module the
// runner has already checked is taken from its cache without asking.
let generation = -1;
/** @type {Set<string>} */
const fresh = new Set();
/** @type {Map<string, [string, string][]>} stylesheets per set of modules, while nothing changes */
const styles_cache = new Map();

function set_generation(gen) {
	if (gen === generation) return;
	generation = gen;
	fresh.clear();
	styles_cache.clear();
}

class Runner extends ModuleRunner {
	async getModuleInformation(url, importer, cached) {
		if (cached?.meta && fresh.has(url)) return cached;
		const gen = generation;
		const mod = await super.getModuleInformation(url, importer, cached);
		if (gen === generation) fresh.add(url);
		return mod;
	}
}

const runner = new Runner(
	{
		transport: {
			invoke: async (payload) => {
				const out = await call({ type: 'vite', payload });
				// New code can bring new stylesheets into a page's module graph.
				if (out.result?.code !== undefined) styles_cache.clear();
				return out;
			}
		},
		hmr: false,
		sourcemapInterceptor: false
	},
	new Evaluator()
);

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
		server_assets: {},
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
					const module = await runner.import(node.component);
					urls.push(node.component);
					return module.default;
				};
			}
			if (node.universal) {
				if (node.universal_options) result.universal = node.universal_options;
				else {
					result.universal = await runner.import(node.universal);
					urls.push(node.universal);
				}
			}
			if (node.server) result.server = await runner.import(node.server);
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
			endpoint: route.endpoint ? () => runner.import(route.endpoint) : null,
			endpoint_id: route.endpoint_id
		})),
		matchers: async () => {
			if (!d.matchers) return {};
			const module = await runner.import(d.matchers);
			if (!module.params) throw new Error(`${d.matchers} does not export params`);
			return module.params;
		}
	};
}

export default {
	async fetch(request, env, ctx) {
		const meta = request.headers.get('x-vite-kitwasm');
		if (!meta) return new Response('kitwasm dev: this runtime answers the Vite dev server only\n', { status: 421 });
		const { version, invoke, token, gen } = JSON.parse(meta);
		link = { invoke, token };
		set_generation(gen);
		if (!state || state.version !== version) {
			const d = await call({ type: 'manifest' });
			state = { version: d.version, server: d.server, env: d.env, assets: d.assets, manifest: build_manifest(d.manifest) };
		}
		const headers = new Headers(request.headers);
		headers.delete('x-vite-kitwasm');
		const req = new Request(request, { headers });

		const { configure } = await runner.import(state.server);
		const { init, respond } = await configure({
			manifest: state.manifest,
			env: state.env,
			read: (file) => {
				throw new Error(`read('${file}') of $app/server is not yet available under kitwasm's vite dev`);
			},
			assets: state.assets,
			fix_stack_trace: () => {}
		});
		await init();
		return respond(req, {
			getClientAddress() {
				if (ctx.clientAddress == null) throw new Error('Could not determine clientAddress');
				return ctx.clientAddress;
			},
			platform: { env, context: { waitUntil: (promise) => ctx.waitUntil(promise) } }
		});
	}
};
