// @kitwasm/adapter: builds a SvelteKit app into one module worker for the kitwasm runtime.
//
// adapt() writes the client, prerendered and server output, generates the server entry and a
// handoff description, then runs `kitwasm build`, the Go side, which bundles everything with
// esbuild, precompiles it to QuickJS bytecode and writes the manifest that `kitwasm serve`
// uses to answer static files without entering JavaScript.
import { execFileSync, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const files = path.join(here, 'files');

/** @type {import('./index.js').default} */
export default function kitwasm(options = {}) {
	const { out = 'build', precompress = true, minify = false } = options;
	// Routes whose server code uses read() from $app/server, recorded as kit asks.
	const read_routes = new Set();

	return {
		name: '@kitwasm/adapter',

		async adapt(builder) {
			const bin = find_cli(builder);
			const kit2 = typeof builder.generateServerInstance !== 'function';
			const tmp = builder.getBuildDirectory('kitwasm');
			fs.rmSync(out, { force: true, recursive: true });
			fs.rmSync(tmp, { force: true, recursive: true });
			fs.mkdirSync(tmp, { recursive: true });

			// Kit 3 flattens the config (reading config.kit warns there); kit 2 nests it.
			const paths = kit2 ? builder.config.kit.paths : builder.config.paths;
			const base = paths.base;
			builder.log.minor('Copying assets');
			const client_files = builder.writeClient(`${out}/client${base}`);
			const prerendered_files = builder.writePrerendered(`${out}/prerendered${base}`);

			builder.log.minor(precompress ? 'Compressing assets' : 'Skipping compression');
			const [client_compressed, prerendered_compressed] = precompress
				? await Promise.all([
						builder.compress(`${out}/client${base}`),
						builder.compress(`${out}/prerendered${base}`)
					])
				: [[], []];
			// Kit 2's compress() returns nothing: list the files it wrote variants of, so the
			// manifest offers them (kit 3 returns that list itself).
			const with_variants = (dir, files) =>
				files.filter((f) => fs.existsSync(`${dir}/${f}.gz`) || fs.existsSync(`${dir}/${f}.br`));
			const client_variants = Array.isArray(client_compressed)
				? client_compressed
				: with_variants(`${out}/client${base}`, client_files);
			const prerendered_variants = Array.isArray(prerendered_compressed)
				? prerendered_compressed
				: with_variants(`${out}/prerendered${base}`, prerendered_files);

			builder.log.minor('Generating the server entry');
			const server_dir = `${tmp}/server`;
			builder.writeServer(server_dir);
			let instance = './server/server.js';
			if (kit2) {
				// Kit 2 has no generateServerInstance: the same shape, built from its manifest.
				fs.writeFileSync(
					`${tmp}/server-instance.js`,
					`import { Server } from './server/index.js';\n` +
						`export const manifest = ${builder.generateManifest({ relativePath: './server' })};\n` +
						`export const server = new Server(manifest);\n`
				);
				instance = './server-instance.js';
			} else {
				builder.generateServerInstance(`${server_dir}/server.js`, { serverDirectory: server_dir });
			}
			builder.copy(`${files}/entry.js`, `${tmp}/entry.js`, { replace: { SERVER: instance } });

			const routes = builder.routes.map((route) => ({
				id: route.id,
				pattern: route.pattern.source,
				prerender: route.prerender,
				config: route.config ?? {},
				methods: [...new Set([...(route.api?.methods ?? []), ...(route.page?.methods ?? [])])],
				read: read_routes.has(route.id)
			}));
			const handoff = {
				version: 1,
				kit: kit2 ? 2 : 3,
				root: process.cwd(),
				out: path.resolve(out),
				entry: path.resolve(tmp, 'entry.js'),
				base,
				appPath: builder.getAppPath(),
				origin: paths.origin ?? '',
				minify,
				client: { files: client_files, compressed: client_variants },
				prerendered: {
					files: prerendered_files,
					compressed: prerendered_variants,
					paths: builder.prerendered.paths,
					pages: Object.fromEntries(builder.prerendered.pages),
					assets: Object.fromEntries(builder.prerendered.assets),
					redirects: Object.fromEntries(builder.prerendered.redirects)
				},
				serverAssets: {
					dir: path.resolve(server_dir),
					files: builder.findServerAssets(builder.routes.filter((r) => r.prerender !== true))
				},
				mimeTypes: builder.mimeTypes ?? kit2_mime_types([...client_files, ...prerendered_files]),
				routes
			};
			fs.writeFileSync(`${tmp}/handoff.json`, JSON.stringify(handoff, null, '\t'));

			builder.log.minor(`Bundling with ${bin.join(' ')} build`);
			const result = spawnSync(bin[0], [...bin.slice(1), 'build', `${tmp}/handoff.json`], {
				stdio: 'inherit'
			});
			if (result.error) throw result.error;
			if (result.status !== 0) {
				throw new Error(`kitwasm build failed (exit status ${result.status}); its messages are above`);
			}
		},

		supports: {
			// kitwasm serves read() for every route from the build's server assets. Which targets
			// support it is answered per route by `kitwasm check`.
			read: ({ route }) => {
				read_routes.add(route.id);
				return true;
			},
			instrumentation: () => false
		}
	};
}

/**
 * The kitwasm command line: $KITWASM_BIN, then `kitwasm` on PATH, then, when this package is
 * installed from a kitwasm checkout, built from it with `go build`.
 * @param {import('@sveltejs/kit').Builder} builder
 * @returns {string[]}
 */
function find_cli(builder) {
	const tried = [];
	if (process.env.KITWASM_BIN) {
		if (works([process.env.KITWASM_BIN])) return [process.env.KITWASM_BIN];
		throw new Error(`KITWASM_BIN is set to ${process.env.KITWASM_BIN}, which does not run (\`${process.env.KITWASM_BIN} version\` failed). Point it at a kitwasm binary or unset it.`);
	}
	if (works(['kitwasm'])) return ['kitwasm'];
	tried.push('`kitwasm` is not on PATH');

	const checkout = path.resolve(here, '..');
	const gomod = path.join(checkout, 'go.mod');
	if (fs.existsSync(gomod) && fs.readFileSync(gomod, 'utf8').includes('module github.com/kitwasm/kitwasm')) {
		const dest = path.join(checkout, '.tools', 'bin', 'kitwasm');
		builder.log.minor(`Building kitwasm from ${checkout}`);
		const r = spawnSync('go', ['build', '-o', dest, './cmd/kitwasm'], { cwd: checkout, stdio: 'inherit' });
		if (!r.error && r.status === 0 && works([dest])) return [dest];
		tried.push(`building it from ${checkout} with \`go build\` failed${r.error ? ': ' + r.error.message : ''}`);
	} else {
		tried.push('this package is not inside a kitwasm checkout');
	}
	throw new Error(
		`@kitwasm/adapter needs the kitwasm command line (${tried.join('; ')}). Install it with ` +
			'`go install github.com/kitwasm/kitwasm/cmd/kitwasm@latest`, or set KITWASM_BIN to its path.'
	);
}

/** @param {string[]} cmd */
function works(cmd) {
	try {
		execFileSync(cmd[0], [...cmd.slice(1), 'version'], { stdio: 'ignore' });
		return true;
	} catch {
		return false;
	}
}

/**
 * Kit 2's builder has no mimeTypes: look the extensions up with mrmime, the table kit and
 * adapter-node use (a dependency of @sveltejs/kit, resolved from the app's copy of kit).
 * @param {string[]} files
 * @returns {Record<string, string>}
 */
function kit2_mime_types(files) {
	const from_app = createRequire(path.resolve('package.json'));
	const { lookup } = createRequire(from_app.resolve('@sveltejs/kit/package.json'))('mrmime');
	/** @type {Record<string, string>} */
	const types = {};
	for (const file of files) {
		const ext = path.extname(file);
		if (ext && !(ext in types)) types[ext] = lookup(ext) || '';
	}
	return types;
}
