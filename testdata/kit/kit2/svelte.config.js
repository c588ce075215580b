// The SvelteKit 2 app of adapter/kit2_test.go, configured the kit 2 way (svelte.config.js):
// built once with @sveltejs/adapter-node 5 (ADAPTER=node, into build-node/) and once with
// @kitwasm/adapter (into build/); the test sends the same requests to both servers.
import node from '@sveltejs/adapter-node';
import kitwasm from '@kitwasm/adapter';

const adapter = process.env.ADAPTER === 'node' ? node({ out: 'build-node' }) : kitwasm({ out: 'build' });

/** @type {import('@sveltejs/kit').Config} */
export default {
	kit: {
		adapter,
		// Deterministic output: no timestamp in the version. Kit 2 has no paths.origin; the test
		// sends `Host: fixture.test` and starts adapter-node with ORIGIN=http://fixture.test.
		version: { name: 'kit2' },
		prerender: { origin: 'http://fixture.test' }
	}
};
