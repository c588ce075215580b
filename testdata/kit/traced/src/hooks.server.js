// Evaluated after src/instrumentation.server.js: what it finds on globalThis at this point
// shows the order, and every response says so (x-instrumented-before-app).
const before_app = globalThis.__traced?.instrumented === true;

/** @type {import('@sveltejs/kit').Handle} */
export async function handle({ event, resolve }) {
	const response = await resolve(event);
	response.headers.set('x-instrumented-before-app', String(before_app));
	response.headers.set('x-instrumented-in-handle', String(globalThis.__traced?.instrumented === true));
	return response;
}
