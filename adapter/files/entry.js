// The module worker that @kitwasm/adapter generates for a SvelteKit app. SERVER is replaced
// with a module exporting `server`: the one builder.generateServerInstance wrote (kit 3), or
// one the adapter writes from builder.generateManifest (kit 2). It runs unchanged in kitwasm
// (serve, tests) and, through wrangler, in Cloudflare Workers.
import { server } from 'SERVER';

let ready;

// read(file) of $app/server: the runtime's asset store in kitwasm; on Cloudflare Workers
// (build/cloudflare/worker.js, written by kitwasm build for the 'cloudflare' target) the files
// embedded in that Worker, else the static-assets binding (kit takes a promise of the stream).
// `file` is relative to the assets root, e.g. _app/immutable/assets/data.X.txt.
function reader(env, origin) {
	const cf = globalThis[Symbol.for('kitwasm.cloudflare')];
	return (file) => {
		if (globalThis.__kitwasm) return globalThis.__kitwasm.readAsset(file);
		const embedded = cf?.files?.[file];
		if (embedded !== undefined) return new Response(from_base64(embedded)).body;
		if (env.ASSETS) {
			const url = new URL(`${cf?.base ?? ''}/${file.split('/').map(encodeURIComponent).join('/')}`, origin);
			return env.ASSETS.fetch(url).then((r) => {
				if (!r.ok || !r.body) throw new Error(`read('${file}'): the assets binding answered ${r.status} for ${url.pathname}`);
				return r.body;
			});
		}
		throw new Error(`read('${file}'): this platform offers no server assets`);
	};
}

/** @param {string} s */
function from_base64(s) {
	if (typeof Uint8Array.fromBase64 === 'function') return Uint8Array.fromBase64(s);
	const bin = atob(s);
	const bytes = new Uint8Array(bin.length);
	for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
	return bytes;
}

export default {
	async fetch(request, env, ctx) {
		ready ??= server.init({ env, read: reader(env, new URL(request.url).origin) });
		await ready;
		return server.respond(request, {
			getClientAddress() {
				const address = ctx.clientAddress ?? request.headers.get('cf-connecting-ip');
				if (address == null) throw new Error('The client address is not available on this platform');
				return address;
			},
			// ctx.platform: what the edge adds (kitwasm's Fastly entry: { fastly: { client, geo, pop, ... } }).
			platform: { ...ctx.platform, env, context: { waitUntil: (promise) => ctx.waitUntil(promise) } },
		});
	},
};
