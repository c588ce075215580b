import { error, json } from '@sveltejs/kit';
import { items } from '$lib/items.js';

/** @type {import('./$types').RequestHandler} */
export function GET({ url }) {
	const q = url.searchParams.get('q') ?? '';
	return json(items.filter((i) => i.name.includes(q)), { headers: { 'x-count': String(items.length) } });
}

/** @type {import('./$types').RequestHandler} */
export async function POST({ request }) {
	let body;
	try {
		body = await request.json();
	} catch {
		error(400, 'bad JSON');
	}
	return json({ created: { id: items.length + 1, ...body } }, { status: 201 });
}
