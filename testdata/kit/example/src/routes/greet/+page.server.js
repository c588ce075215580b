import { fail } from '@sveltejs/kit';

/** @type {import('./$types').PageServerLoad} */
export function load({ cookies }) {
	return { name: cookies.get('name') ?? null };
}

/** @type {import('./$types').Actions} */
export const actions = {
	default: async ({ request, cookies, url }) => {
		const name = String((await request.formData()).get('name') ?? '').trim();
		if (!name) return fail(400, { missing: true });
		cookies.set('name', name.slice(0, 40), { path: '/', httpOnly: true, sameSite: 'lax', secure: url.protocol === 'https:' });
		return { greeted: true };
	}
};
