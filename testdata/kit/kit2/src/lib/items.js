// $lib is still there in kit 2.
export const items = [
	{ id: 1, name: 'apfel', tags: ['rot'] },
	{ id: 2, name: 'birne', tags: ['grün', 'süß'] },
	{ id: 3, name: 'kirsche', tags: ['日本'] }
];

/** @param {string} name */
export function greet(name) {
	return `Hello, ${name}!`;
}
