export function load() {
	return { app: 'traced' };
}
