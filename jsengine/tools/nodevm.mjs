// Development harness for the Web layer, before or beside the real engine:
//   node jsengine/tools/nodevm.mjs [--only prefix] [--show]
// runs jsengine/testdata/webcheck.mjs twice: natively under Node (the oracle) and inside a bare
// vm context (only JavaScript builtins, like QuickJS) after the Web layer from jsengine/web,
// then prints each check whose results differ. Exit status 1 when any differs.
// The real comparison, inside QuickJS, is the Go test in jsengine; this tool is for quick loops.
import { readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import vm from 'node:vm';
import crypto from 'node:crypto';
import { buildSync } from 'esbuild';

const here = path.dirname(fileURLToPath(import.meta.url));
const webDir = path.join(here, '..', 'web');
const worker = path.join(here, '..', 'testdata', 'webcheck.mjs');
const args = process.argv.slice(2);
const only = args.includes('--only') ? args[args.indexOf('--only') + 1] : '';
const show = args.includes('--show');

// The layer, assembled exactly as jsengine.Layer() assembles it in Go.
export function assembleLayer(skip = () => false) {
  const files = readdirSync(webDir).filter((f) => f.endsWith('.js') && !skip(f)).sort();
  let src = '(function () {\n"use strict";\nconst __kw = Object.create(null);\n';
  for (const f of files) src += `{ // ${f}\n${readFileSync(path.join(webDir, f), 'utf8')}\n}\n`;
  return src + '})();\n';
}

const t0 = performance.now();
function nodeHost(op, ...a) {
  const buf = (x) => Buffer.from(x instanceof ArrayBuffer ? x : x.buffer.slice(x.byteOffset, x.byteOffset + x.byteLength));
  const ab = (b) => b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength);
  switch (op) {
    case 1: (a[0] >= 2 ? console.error : console.log)('[vm]', a[1]); return undefined;
    case 2: return ab(crypto.randomBytes(a[0]));
    case 3: return ab(crypto.createHash(a[0].replace('-', '').toLowerCase()).update(buf(a[1])).digest());
    case 4: return ab(crypto.createHmac(a[0].replace('-', '').toLowerCase(), buf(a[1])).update(buf(a[2])).digest());
    case 5: return performance.now() - t0;
    case 9: return performance.timeOrigin + t0;
    case 10: return ab(Buffer.from(a[0], 'utf8'));
    default: throw new Error('nodevm: host op ' + op + ' is not emulated here');
  }
}

async function runVm() {
  // Timers and the event loop belong to the Go host; here Node's stand in.
  const ctx = vm.createContext({ __kitwasm_host: nodeHost, setTimeout, clearTimeout, setInterval, clearInterval, queueMicrotask });
  vm.runInContext(assembleLayer((f) => /^9\d_/.test(f)), ctx, { filename: 'web-layer.js' });
  const bundle = buildSync({ entryPoints: [worker], bundle: true, format: 'iife', globalName: '__worker', write: false, conditions: ['worker', 'import', 'module', 'default'], platform: 'neutral' });
  vm.runInContext(bundle.outputFiles[0].text, ctx, { filename: 'webcheck.js' });
  ctx.__url = 'http://localhost/?only=' + encodeURIComponent(only);
  const res = await vm.runInContext('__worker.default.fetch(new Request(__url))', ctx);
  return JSON.parse(await res.text());
}

async function runNode() {
  const mod = await import(worker);
  const res = await mod.default.fetch(new Request('http://localhost/?only=' + encodeURIComponent(only)));
  return JSON.parse(await res.text());
}

const [want, got] = [await runNode(), await runVm().catch((e) => { console.error('vm run failed:', e); process.exit(2); })];
let bad = 0;
for (const k of Object.keys(want)) {
  const a = JSON.stringify(want[k]); const b = JSON.stringify(got[k]);
  if (a !== b) { bad++; console.log(`DIFF ${k}\n  node: ${a}\n  vm:   ${b}`); } else if (show) console.log(`ok   ${k}: ${a}`);
}
for (const k of Object.keys(got)) if (!(k in want)) { bad++; console.log(`EXTRA ${k}`); }
console.log(`${Object.keys(want).length - bad} passed, ${bad} failed`);
process.exit(bad ? 1 : 0);
