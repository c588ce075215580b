/** @type {import('./$types').RequestHandler} */
export function GET({ url }) {
	return Response.json({ now: new Date().toISOString(), tz: url.searchParams.get('tz') ?? 'UTC' });
}
