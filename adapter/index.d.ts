import { Adapter } from '@sveltejs/kit';
import './ambient.js';

export interface AdapterOptions {
	/**
	 * The directory to write the build to: the module worker (`worker.js`), its bytecode, the
	 * static files and `manifest.json`. Serve it with `kitwasm serve <out>`.
	 * @default 'build'
	 */
	out?: string;
	/**
	 * Precompress client and prerendered files with gzip and brotli; `kitwasm serve` negotiates
	 * `Accept-Encoding` and serves the smaller file.
	 * @default true
	 */
	precompress?: boolean;
	/**
	 * Minify the bundled worker. Identifiers are kept either way, so stack traces stay readable.
	 * @default false
	 */
	minify?: boolean;
}

export default function plugin(options?: AdapterOptions): Adapter;
