import { fail } from '@sveltejs/kit';

/** @type {import('./$types').PageServerLoad} */
export function load({ cookies }) {
	const user = cookies.get('user');
	return { greeting: user ? `Welcome back, ${user}!` : 'Please log in.' };
}

/** @type {import('./$types').Actions} */
export const actions = {
	default: async ({ request, cookies }) => {
		const data = await request.formData();
		const name = String(data.get('name') ?? '').trim();
		if (!name) return fail(400, { missing: true });
		cookies.set('user', name, { path: '/', httpOnly: true, sameSite: 'lax', secure: false });
		return { success: true, name };
	}
};
