// Runs the conformance worker (jsengine/testdata/webcheck.mjs) under this Node and prints its
// JSON answer: the reference side of jsengine's TestWebConformance.
//   node jsengine/tools/run-checks.mjs [prefix]
import { fileURLToPath } from 'node:url';
import path from 'node:path';

// A check that leaves a rejected promise unobserved must not end the whole run (the engine
// only logs those): report it on stderr instead.
process.on('unhandledRejection', (err) => { console.error('unhandled rejection:', err); });

const here = path.dirname(fileURLToPath(import.meta.url));
const { default: worker } = await import(path.join(here, '..', 'testdata', 'webcheck.mjs'));
const only = process.argv[2] || '';
const res = await worker.fetch(new Request('http://localhost/?only=' + encodeURIComponent(only)), {}, { waitUntil() {} });
process.stdout.write(await res.text());
