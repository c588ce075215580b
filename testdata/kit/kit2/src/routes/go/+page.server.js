import { redirect } from '@sveltejs/kit';

/** @type {import('./$types').PageServerLoad} */
export function load({ url }) {
	redirect(307, url.searchParams.get('to') ?? '/');
}
