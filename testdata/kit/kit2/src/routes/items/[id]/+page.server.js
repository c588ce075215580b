import { error } from '@sveltejs/kit';
import { items } from '$lib/items.js';

/** @type {import('./$types').PageServerLoad} */
export function load({ params }) {
	const item = items.find((i) => String(i.id) === params.id);
	if (!item) error(404, `No item ${params.id}`);
	return { item };
}
