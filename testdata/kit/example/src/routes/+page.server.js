/** @type {import('./$types').PageServerLoad} */
export function load({ request, url }) {
	return {
		path: url.pathname,
		agent: request.headers.get('user-agent') ?? 'unknown',
		rendered: new Date().toISOString()
	};
}
