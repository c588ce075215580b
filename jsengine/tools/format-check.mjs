// Compares the Web layer's console formatting with Node's:
//   node jsengine/tools/format-check.mjs [--show]
// loads the layer (jsengine/web) in a bare vm context, runs __kw.format over many argument
// lists built inside that context, and prints each whose text differs from util.format's.
// Errors get a fixed stack so that both sides see the same one.
import { readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import vm from 'node:vm';
import util from 'node:util';

const webDir = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'web');
const show = process.argv.includes('--show');

// The argument lists, as source evaluated in each context (so values are that realm's own).
const CASES = String.raw`[
  ['plain string'], ['a', 'b', 1], [1, 2, 3], [undefined], [null], [true], [-0], [0.1], [1e21], [123n], [NaN],
  [Symbol('s')], [Symbol()], ['%s', 'x'], ['%s|%s', 1], ['%s', -0], ['%s', 5n], ['%s', null, undefined],
  ['%s', Symbol('q')], ['%s', { a: 1 }], ['%s', [1, [2, [3]]]], ['%s', { toString() { return 'custom'; } }],
  ['%s', new (class Foo { constructor() { this.a = 1; } })()], ['%s', new Date(0)], ['%s', () => 1],
  ['%d', 42.5], ['%d', '42'], ['%d', -0], ['%d', 5n], ['%d', {}], ['%d', '0x10'], ['%d', Symbol()],
  ['%i', 42.9], ['%i', '42.9abc'], ['%i', 7n], ['%i', 'x'], ['%f', '3.5'], ['%f', 'abc'], ['%f', 2],
  ['%j', { a: [1, 'x'] }], ['%j', 'str'], ['%j', undefined], ['%j', (() => { const c = {}; c.c = c; return c; })()],
  ['%O', { a: { b: { c: { d: 1 } } } }], ['%o', { a: { b: { c: { d: { e: 1 } } } } }], ['%c', 'color: red'],
  ['a%cb', 'css'], ['%%'], ['%%', 1], ['%% %s', 'x'], ['%x', 1], ['%', 1], ['100%'], ['%s %s', 'only'],
  ['%s', 'a', 'extra', { e: 1 }], [{ a: 1 }, 'str', 2], ['x%sy%dz', 'S', 4, 'rest'],
  [{ a: 1, b: 'x' }], [{}], [[]], [[1, 2, 3]], [{ a: { b: { c: { d: 1 } } } }], [[[[[1]]]]],
  [{ 'a-b': 1, 3: 4, _ok: 2, $no: 3, [Symbol('s')]: 5 }], [{ a: undefined, b: null }],
  [(() => { const o = { x: 1 }; o.self = o; return o; })()],
  [(() => { const a = { n: 'a' }; const b = { n: 'b', a }; a.b = b; return [a, b]; })()],
  [(() => { const s = { v: 1 }; return { s1: s, s2: s }; })()],
  [new Map([['a', 1], [{ k: 1 }, [2]]])], [new Map()], [new Set([1, 'a', { b: 2 }])], [new Set()],
  [new Map([[new Map([[1, new Map([[2, new Map()]])]]), 1]])],
  [new (class Foo { constructor() { this.a = 1; } })()], [new (class Bar {})()], [Object.create(null)],
  [Object.assign(Object.create(null), { a: 1 })], [{ [Symbol.toStringTag]: 'Tagged', a: 1 }],
  [new (class Baz { get [Symbol.toStringTag]() { return 'Tag'; } })()],
  [function foo() {}], [() => 1], [class A {}], [class B extends Array {}], [async function af() {}],
  [function* gen() {}], [async function* ag() {}], [Object.assign(function withProps() {}, { p: 1 })],
  [['a\'b', 'a"b\'c', 'x\ny', 'tab\there', 'back\\slash', '\u0001\u007f', 'a"\'b\`c']],
  [{ s: 'x'.repeat(100) }], [{ s: 'line one of text\nline two of text\nline three of text that is long enough to split it' }],
  [new Date(0)], [new Date(NaN)], [/ab+c/gi], [Object.assign(/x/, { p: 1 })],
  [[1, , 3]], [[, , ]], [new Array(5)], [Object.assign([1, 2], { extra: 'e' })],
  [Array.from({ length: 7 }, (_, i) => i)], [Array.from({ length: 30 }, (_, i) => i * 3)],
  [Array.from({ length: 101 }, (_, i) => i)], [Array.from({ length: 26 }, (_, i) => String.fromCharCode(97 + i).repeat(i % 5 + 1))],
  [Array.from({ length: 8 }, (_, i) => ({ i }))], [Array.from({ length: 12 }, (_, i) => -i * 1000)],
  [{ list: Array.from({ length: 10 }, (_, i) => i + 1), name: 'x' }],
  [new Uint8Array([1, 2, 3])], [new Float64Array(2)], [new BigInt64Array([1n, -2n])], [new Uint8Array(0)],
  [new Uint8Array(120)], [new ArrayBuffer(3)], [new Uint16Array([1, 2, 3, 4, 5, 6, 7, 8, 9, 10])],
  [{ get g() { return 1; }, set s(v) {}, get gs() { return 1; }, set gs(v) {} }],
  [[undefined, null, NaN, -0, 1e21, 123n, true]], [Object(5)], [Object('ab')], [Object(true)], [Object(2n)],
  [Object(Symbol('w'))], [new WeakMap()], [new WeakSet()],
  [{ a: 1, b: 2, c: 3, d: 4, e: 5, f: 6, g: 7, h: 8, i: 9, j: 10, k: 11, l: 12, m: 13, n: 14, o: 15, p: 16 }],
  [{ deep: { er: { est: [1, 2, { x: 1 }] } }, list: [[1, 2], [3, 4]] }],
  [{ name: 'kitwasm', version: '1.0.0', dependencies: { a: '^1.0.0', b: '~2.3.4' }, scripts: { build: 'go build ./...' } }],
  [[{ id: 1, title: 'First post', tags: ['a', 'b'] }, { id: 2, title: 'Second post', tags: [] }]],
  [errWith(new Error('boom'))], [errWith(new TypeError('bad type'))], [{ e: errWith(new Error('nested')) }],
  [Object.assign(errWith(new Error('coded')), { code: 'E_CODE' })], [errWith(new Error('with cause', { cause: 'why' }))],
  [(() => { const e = new Error('no frames'); e.stack = 'Error: no frames'; return e; })()],
  ['%s', errWith(new RangeError('r'))], ['prefix', errWith(new Error('after'))],
]`;
// A fixed V8-style stack, identical in both realms.
const PRELUDE = `var errWith = (e) => { e.stack = e.name + ': ' + e.message + '\\n    at fn (file.js:1:2)\\n    at other (file.js:3:4)'; return e; };`;

const files = readdirSync(webDir).filter((f) => f.endsWith('.js') && !/^9\d_/.test(f)).sort();
let layer = '(function () {\n"use strict";\nconst __kw = Object.create(null);\n';
for (const f of files) layer += `{ // ${f}\n${readFileSync(path.join(webDir, f), 'utf8')}\n}\n`;
layer += 'globalThis.__kwFormat = __kw.format;\n})();\n';

const ctx = vm.createContext({ __kitwasm_host: (op) => (op === 5 ? 0 : op === 9 ? 0 : undefined) });
vm.runInContext(layer, ctx, { filename: 'web-layer.js' });
const got = vm.runInContext(`${PRELUDE} ${CASES}.map((args) => { try { return __kwFormat(...args); } catch (e) { return 'THROWS ' + e; } })`, ctx);
const errWith = (e) => { e.stack = `${e.name}: ${e.message}\n    at fn (file.js:1:2)\n    at other (file.js:3:4)`; return e; };
const want = new Function('errWith', `return ${CASES};`)(errWith).map((args) => util.format(...args));

let bad = 0;
want.forEach((w, i) => {
  if (w !== got[i]) { bad++; console.log(`DIFF #${i}\n  node: ${JSON.stringify(w)}\n  ours: ${JSON.stringify(got[i])}`); } else if (show) console.log(`ok   #${i}: ${JSON.stringify(w)}`);
});
console.log(`${want.length - bad} identical, ${bad} differ`);
process.exit(bad ? 1 : 0);
