// The quick-start app: `npx vite build` builds it for kitwasm (into build/, served with
// `kitwasm serve build`); ADAPTER=node builds it with @sveltejs/adapter-node into build-node/.
import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig } from 'vite';
import node from '@sveltejs/adapter-node';
import kitwasm from '@kitwasm/adapter';

const adapter = process.env.ADAPTER === 'node' ? node({ out: 'build-node' }) : kitwasm({ out: 'build' });

export default defineConfig({
	plugins: [sveltekit({ adapter })]
});
