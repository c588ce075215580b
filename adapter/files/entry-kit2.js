// The module worker that @kitwasm/adapter generates for a SvelteKit 2 app (>= 2.31), whose
// builder still has generateManifest: SERVER and MANIFEST are replaced with the server output
// and the generated manifest module.
import { Server } from 'SERVER';
import { manifest } from 'MANIFEST';

const server = new Server(manifest);
let ready;

function reader(env, origin) {
	return (file) => {
		if (globalThis.__kitwasm) return globalThis.__kitwasm.readAsset(file);
		if (env.ASSETS) return env.ASSETS.fetch(new URL('/' + file, origin)).then((r) => (r.ok ? r.body : null));
		throw new Error(`read('${file}'): this platform offers no server assets`);
	};
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
			platform: { env, context: { waitUntil: (promise) => ctx.waitUntil(promise) } },
		});
	},
};
