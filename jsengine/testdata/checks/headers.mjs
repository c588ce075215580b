// Fetch: Headers.
import { check } from './harness.mjs';

const attempt = (fn) => { try { return fn(); } catch (e) { return { $throws: e && e.name }; } };
const list = (h) => [...h];

check('headers/shape', () => ({
  tag: Object.prototype.toString.call(new Headers()),
  keys: Object.keys(Headers.prototype).sort(),
  length: Headers.length,
  iterIsEntries: Headers.prototype[Symbol.iterator] === Headers.prototype.entries,
  iterTag: Object.prototype.toString.call(new Headers().entries()),
  iterProtoKeys: Object.getOwnPropertyNames(Object.getPrototypeOf(new Headers().keys())),
  iterProtoProto: Object.getPrototypeOf(Object.getPrototypeOf(new Headers().keys())) === Object.getPrototypeOf(Object.getPrototypeOf([][Symbol.iterator]())),
  callable: attempt(() => Headers()),
  lengths: ['append', 'delete', 'get', 'getSetCookie', 'has', 'set', 'forEach'].map((k) => Headers.prototype[k].length),
}));

check('headers/init forms', () => [
  list(new Headers()),
  list(new Headers(undefined)),
  list(new Headers({ b: '2', A: '1', 'Content-Type': 'text/x' })),
  list(new Headers([['b', '2'], ['a', '1'], ['b', '3']])),
  list(new Headers(new Headers([['x', '1'], ['set-cookie', 'a=1'], ['set-cookie', 'b=2']]))),
  list(new Headers(new Map([['m', '1']]))),
  list(new Headers([new Set(['k', 'v'])])),
  list(new Headers({ A: '1', a: '2' })),
  list(new Headers(Object.create({ inherited: 'x' }, { own: { value: 'y', enumerable: true } }))),
  list(new Headers([])),
  list(new Headers({})),
]);

check('headers/record non-enumerable', () => list(new Headers(Object.defineProperty({ a: '1' }, 'hidden', { value: 'z' }))));

check('headers/init errors', () => [
  attempt(() => new Headers(null)),
  attempt(() => new Headers(5)),
  attempt(() => new Headers('a')),
  attempt(() => new Headers([['a']])),
  attempt(() => new Headers([['a', 'b', 'c']])),
  attempt(() => new Headers(['ab'])),
  attempt(() => new Headers([5])),
  attempt(() => new Headers({ 'a b': '1' })),
  attempt(() => new Headers({ a: 'x\ny' })),
  attempt(() => new Headers({ [Symbol('s')]: '1' })),
  attempt(() => new Headers([['\u0100', 'v']])),
  attempt(() => new Headers([['a', '\u0100']])),
]);

check('headers/names', () => {
  const names = ['a', 'A-b', "!#$%&'*+-.^_`|~", '0', 'x y', 'x:y', 'x\ty', '', '(', ')', ',', '/', ';', '<', '=', '>', '?', '@', '[', '\\', ']', '{', '}', '"', '\u00e9', '\x7f', 'é'];
  return names.map((n) => attempt(() => { const h = new Headers(); h.append(n, 'v'); return list(h); }));
});

check('headers/values', () => {
  const values = ['v', ' v ', '\tv\t', '\r\nv\r\n', 'a b', 'a\tb', '', '  ', 'a\x00b', 'a\rb', 'a\nb', 'a\x7fb', '\u00e9', '\u00ff', 'a\u0100', ' \x0b v \x0c', 'x ,y', 5, null];
  return values.map((v) => attempt(() => { const h = new Headers(); h.append('n', v); return [h.get('n'), list(h)]; }));
});

check('headers/combining', () => {
  const h = new Headers();
  h.append('Accept', 'a');
  h.append('accept', 'b');
  h.append('ACCEPT', '');
  h.append('x', '1');
  const r = [h.get('accept'), list(h)];
  h.set('Accept', 'c');
  r.push(h.get('ACCEPT'), list(h));
  h.delete('aCCept');
  r.push(h.has('accept'), h.get('accept'), list(h));
  return r;
});

check('headers/set-cookie', () => {
  const h = new Headers();
  h.append('Set-Cookie', 'a=1');
  h.append('set-cookie', 'b=2, c=3');
  h.append('x', 'y');
  h.append('set-cookie', 'd=4');
  const r = [h.get('set-cookie'), h.getSetCookie(), list(h), [...h.keys()], [...h.values()]];
  h.set('set-cookie', 'z=9');
  r.push(h.getSetCookie(), list(h));
  h.delete('set-cookie');
  r.push(h.getSetCookie(), h.get('set-cookie'));
  const g = h.getSetCookie();
  g.push('mut');
  r.push(h.getSetCookie());
  return r;
});

check('headers/sort order', () => {
  const h = new Headers();
  for (const n of ['zeta', 'Alpha', 'beta', 'a-b', 'a', 'a_b', 'A1', 'set-cookie', 'B', '_x', '~y']) h.append(n, n);
  h.append('set-cookie', 'second');
  return [list(h), [...h.keys()]];
});

check('headers/get has missing', () => {
  const h = new Headers({ a: '1' });
  return [h.get('b'), h.has('b'), h.has('A'), h.get('A'), attempt(() => h.get('a b')), attempt(() => h.has('')), attempt(() => h.delete('(')), h.getSetCookie()];
});

check('headers/arity', () => {
  const h = new Headers();
  return [attempt(() => h.append('a')), attempt(() => h.set('a')), attempt(() => h.get()), attempt(() => h.has()), attempt(() => h.delete()), h.append('a', undefined), h.get('a')];
});

check('headers/forEach', () => {
  const h = new Headers([['b', '2'], ['a', '1'], ['set-cookie', 'x'], ['set-cookie', 'y']]);
  const out = [];
  const ret = h.forEach(function (v, k, obj) { out.push([k, v, obj === h, this]); }, 'T');
  return [ret, out.map((x) => [x[0], x[1], x[2], String(x[3])]), attempt(() => h.forEach()), attempt(() => h.forEach(5))];
});

check('headers/live iteration', () => {
  const h = new Headers([['b', '2'], ['d', '4']]);
  const it = h.entries();
  const out = [it.next().value];
  h.append('a', '1');
  out.push(it.next().value);
  h.delete('d');
  out.push(it.next());
  out.push(it.next());
  return out;
});

check('headers/iterator next', () => {
  const h = new Headers([['a', '1']]);
  const it = h.keys();
  const next = it.next;
  return [it.next(), it.next(), it.next(), attempt(() => next.call({})), typeof it[Symbol.iterator], it[Symbol.iterator]() === it];
});

check('headers/wrong receiver', () => [
  attempt(() => Headers.prototype.get.call({}, 'a')),
  attempt(() => Headers.prototype.entries.call({})),
  attempt(() => Headers.prototype.forEach.call({}, () => {})),
  attempt(() => Headers.prototype.getSetCookie.call(new Map())),
]);

check('headers/copy independent', () => {
  const a = new Headers({ x: '1' });
  const b = new Headers(a);
  b.append('x', '2');
  a.append('set-cookie', 's');
  return [list(a), list(b)];
});

check('headers/bytestring conversion', () => {
  const h = new Headers();
  h.append({ toString: () => 'Obj' }, { toString: () => 'val' });
  h.append('n', 12);
  h.append('t', true);
  return list(h);
});

check('headers/guard response immutable', () => {
  const r = Response.error();
  const h = Response.redirect('http://x/').headers;
  return [
    attempt(() => r.headers.append('a', 'b')),
    attempt(() => r.headers.set('a', 'b')),
    attempt(() => r.headers.delete('a')),
    attempt(() => h.delete('location')),
    attempt(() => h.append('a', 'b c')),
    attempt(() => h.append('a b', 'c')),
    h.get('location'),
    list(h),
  ];
});

check('headers/guard request mutable', () => {
  const r = new Request('http://x/', { headers: { a: '1' } });
  r.headers.append('Host', 'evil');
  r.headers.set('cookie', 'c');
  r.headers.set('content-length', '5');
  const s = new Response('x');
  s.headers.append('set-cookie', 'a=1');
  return [list(r.headers), list(s.headers)];
});
