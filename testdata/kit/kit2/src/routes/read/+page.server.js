import { read } from '$app/server';
import big from '$lib/data/big.txt?url';
import small from '$lib/data/small.txt?url';

/** @type {import('./$types').PageServerLoad} */
export async function load() {
	const [b, s] = await Promise.all([read(big).text(), read(small).text()]);
	const lines = b.split('\n');
	return {
		big: { chars: b.length, lines: lines.length, first: lines[0], last: lines[lines.length - 2] },
		small: s.trim(),
		smallIsInlined: small.startsWith('data:')
	};
}
