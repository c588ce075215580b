import { greet, items } from '$lib/items.js';

/** @type {import('./$types').PageServerLoad} */
export function load({ url, setHeaders }) {
	setHeaders({ 'cache-control': 'max-age=60' });
	return {
		greeting: greet(url.searchParams.get('name') ?? 'kit 2'),
		count: items.length,
		query: [...url.searchParams]
	};
}
