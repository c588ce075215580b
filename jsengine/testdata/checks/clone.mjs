// HTML structured clone: structuredClone.
import { check } from './harness.mjs';

const attempt = (fn) => { try { return fn(); } catch (e) { return { $throws: e && e.name }; } };
const tagOf = (v) => Object.prototype.toString.call(v);
const sc = (v, o) => structuredClone(v, o);

check('clone/shape', () => ({
  type: typeof structuredClone, name: structuredClone.name,
  enumerable: Object.getOwnPropertyDescriptor(globalThis, 'structuredClone').enumerable,
  none: attempt(() => structuredClone()),
  badOptions: attempt(() => structuredClone(1, 2)),
  nullOptions: structuredClone(1, null),
  undefinedOptions: structuredClone('x', undefined),
}));

check('clone/primitives', () => [undefined, null, true, false, 0, -0, 1.5, NaN, Infinity, -Infinity, '', 'str',
  '\uD800', 10n, -(2n ** 70n)].map((v) => {
  const c = sc(v);
  return [c, Object.is(c, v)];
}));

check('clone/uncloneable values', () => {
  function* gen() {}
  return [() => 1, function f() {}, class A {}, Symbol('s'), Object(Symbol('w')), new WeakMap(), new WeakSet(),
    new WeakRef({}), Promise.resolve(1), gen(), [1].values(), new Map().entries(), 'abc'[Symbol.iterator](),
    (function () { return arguments; })(1), { a: { b: () => 1 } }, [1, Symbol('x')], new Map([[1, () => 1]]),
    new FinalizationRegistry(() => {})].map((v) => attempt(() => sc(v)));
});

check('clone/wrappers', () => [Object(true), Object(false), Object(0), Object(-0), Object(NaN), Object('abc'), Object(5n)].map((v) => {
  const c = sc(v);
  return [tagOf(c), c !== v, typeof c, Object.is(c.valueOf(), v.valueOf()), Object.keys(c)];
}));

check('clone/date', () => {
  const d = new Date(1700000000123);
  const c = sc(d);
  d.foo = 1;
  return { same: c.getTime() === d.getTime(), distinct: c !== d, tag: tagOf(c), invalid: Number.isNaN(sc(new Date(NaN)).getTime()), fooCopied: 'foo' in sc(d) };
});

check('clone/regexp', () => {
  const r = /a(b)+c/gimsuy;
  r.lastIndex = 3;
  r.extra = 1;
  const c = sc(r);
  return {
    src: c.source, flags: c.flags, lastIndex: c.lastIndex, distinct: c !== r, extra: 'extra' in c,
    d: sc(/x/d).flags, v: sc(/[\p{L}]/v).flags, empty: sc(new RegExp('')).source, slash: sc(/a\/b/).source,
    works: sc(/(\d+)/).exec('ab12')[1],
  };
});

check('clone/arraybuffer', () => {
  const ab = new Uint8Array([1, 2, 3, 4]).buffer;
  const c = sc(ab);
  new Uint8Array(c)[0] = 9;
  const detached = new ArrayBuffer(2);
  detached.transfer();
  const rab = new ArrayBuffer(2, { maxByteLength: 8 });
  const cr = sc(rab);
  return {
    c, orig: ab, distinct: c !== ab, tag: tagOf(c),
    detached: attempt(() => sc(detached)),
    resizable: [cr.resizable, cr.maxByteLength, cr.byteLength],
    empty: sc(new ArrayBuffer(0)).byteLength,
  };
});

check('clone/typed arrays', () => {
  const buf = new ArrayBuffer(16);
  new Uint8Array(buf).forEach((_, i, a) => { a[i] = i * 7; });
  const out = {};
  for (const C of [Int8Array, Uint8Array, Uint8ClampedArray, Int16Array, Uint16Array, Int32Array, Uint32Array,
    Float32Array, Float64Array, BigInt64Array, BigUint64Array]) {
    const v = new C(buf, 8, 8 / C.BYTES_PER_ELEMENT);
    const c = sc(v);
    out[C.name] = [c.constructor === C, c.byteOffset, c.length, c.buffer.byteLength, c.buffer !== buf, Array.from(new Uint8Array(c.buffer))];
  }
  return out;
});

check('clone/views share one buffer', () => {
  const buf = new ArrayBuffer(8);
  const a = new Uint8Array(buf, 0, 4);
  const b = new DataView(buf, 2, 4);
  const c = sc({ a, b, buf, again: a });
  c.a[2] = 77;
  return {
    shared: c.a.buffer === c.b.buffer && c.b.buffer === c.buf, again: c.again === c.a,
    dv: [tagOf(c.b), c.b.byteOffset, c.b.byteLength, c.b.getUint8(0)], orig: new Uint8Array(buf)[2],
  };
});

check('clone/map and set', () => {
  const key = { k: 1 };
  const m = new Map([[key, 'v'], ['s', key], [NaN, -0], [1, new Set([key])]]);
  m.extra = 1;
  const c = sc(m);
  const keys = Array.from(c.keys());
  const s = sc(new Set([1, 'a', key, [key]]));
  const sv = Array.from(s);
  return {
    tag: tagOf(c), size: c.size, firstKeyCloned: keys[0] !== key && keys[0].k === 1,
    sharedRef: c.get('s') === keys[0], nan: Object.is(c.get(NaN), -0), nested: Array.from(c.get(1))[0] === keys[0],
    extra: 'extra' in c, order: keys.map((k) => typeof k),
    set: [tagOf(s), s.size, sv[2] !== key, sv[3][0] === sv[2]],
    subclass: tagOf(sc(new (class M extends Map {})([[1, 2]]))), subclassProto: Object.getPrototypeOf(sc(new (class M extends Map {})())) === Map.prototype,
    fake: (() => { const f = sc(Object.create(Map.prototype)); return [tagOf(f), Object.getPrototypeOf(f) === Object.prototype]; })(),
  };
});

check('clone/errors', () => {
  const kinds = [Error, EvalError, RangeError, ReferenceError, SyntaxError, TypeError, URIError];
  const out = kinds.map((K) => {
    const e = new K('msg');
    const c = sc(e);
    return [c.constructor.name, c.name, c.message, c instanceof K, c !== e, c.stack === e.stack, Object.keys(c)];
  });
  const renamed = new Error('x'); renamed.name = 'TypeError';
  const foreign = new TypeError('x'); foreign.name = 'Foo';
  class MyErr extends Error { constructor(m) { super(m); this.name = 'MyErr'; this.code = 'E1'; } }
  const mine = sc(new MyErr('mine'));
  const noMsg = sc(new Error());
  const withCause = sc(new Error('c', { cause: { deep: [1] } }));
  const selfCause = new Error('self'); selfCause.cause = selfCause;
  const sCause = sc(selfCause);
  const getterMsg = new Error('x'); Object.defineProperty(getterMsg, 'message', { get() { return 'g'; } });
  const numMsg = new Error('x'); numMsg.message = 42;
  return {
    out,
    renamed: [sc(renamed).constructor.name, sc(renamed).name],
    foreign: [sc(foreign).constructor.name, sc(foreign).name],
    mine: [mine.constructor.name, mine.name, mine.message, 'code' in mine],
    agg: [sc(new AggregateError([1], 'a')).constructor.name, 'errors' in sc(new AggregateError([1], 'a'))],
    noMsg: ['message' in noMsg, Object.prototype.hasOwnProperty.call(noMsg, 'message')],
    cause: [withCause.cause, Object.getOwnPropertyDescriptor(withCause, 'cause').enumerable],
    selfCause: sCause.cause === sCause,
    getterMsg: Object.prototype.hasOwnProperty.call(sc(getterMsg), 'message'),
    numMsg: sc(numMsg).message,
    stackDesc: (({ enumerable, configurable }) => ({ enumerable, configurable }))(Object.getOwnPropertyDescriptor(sc(new Error('s')), 'stack')),
    nested: sc({ e: new RangeError('r') }).e instanceof RangeError,
  };
});

check('clone/plain objects', () => {
  const sym = Symbol('k');
  const o = { b: 1, a: 'x', 2: 'two', 1: 'one', nested: { deep: { deeper: [1, { x: null }] } }, u: undefined, [sym]: 1 };
  Object.defineProperty(o, 'hidden', { value: 1, enumerable: false });
  let calls = 0;
  Object.defineProperty(o, 'getter', { get() { calls++; return 'got'; }, enumerable: true });
  const c = sc(o);
  const proto = sc({ ['__proto__']: 5, constructor: 1 });
  return {
    c, keys: Object.keys(c), hidden: 'hidden' in c, sym: sym in c, calls,
    getterIsData: 'value' in Object.getOwnPropertyDescriptor(c, 'getter'),
    distinct: c !== o && c.nested !== o.nested,
    proto: [Object.getPrototypeOf(proto) === Object.prototype, Object.keys(proto), proto.__proto__ === 5],
    nullProto: Object.getPrototypeOf(sc(Object.create(null))) === Object.prototype,
    frozen: Object.isFrozen(sc(Object.freeze({ a: 1 }))),
  };
});

check('clone/class instances', () => {
  class Point { #secret = 1; constructor() { this.x = 1; this.y = 2; } get len() { return 3; } method() {} }
  const c = sc(new Point());
  const withAccessor = sc(Object.create({ inherited: 1 }, { own: { value: 2, enumerable: true } }));
  return {
    c, proto: Object.getPrototypeOf(c) === Object.prototype, tag: tagOf(c), hasLen: 'len' in c,
    withAccessor, tagged: sc({ [Symbol.toStringTag]: 'Map', a: 1 }),
    fakeDate: tagOf(sc(Object.create(Date.prototype))),
  };
});

check('clone/arrays', () => {
  const sparse = [1, , 3]; // eslint-disable-line no-sparse-arrays
  sparse[10] = 'ten';
  sparse.prop = 'p';
  const c = sc(sparse);
  const big = sc(Array.from({ length: 1000 }, (_, i) => i * 2));
  const holes = sc(new Array(5));
  return {
    length: c.length, has1: 1 in c, has10: c[10], prop: c.prop, keys: Object.keys(c), isArray: Array.isArray(c),
    big: [big.length, big[999]], holes: [holes.length, Object.keys(holes)],
    nested: sc([[1, [2, [3]]]]),
  };
});

check('clone/cycles and sharing', () => {
  const o = { name: 'root' };
  o.self = o;
  const shared = { s: 1 };
  o.list = [shared, shared, o];
  o.map = new Map([[o, shared]]);
  const c = sc(o);
  const arr = [];
  arr.push(arr);
  const ca = sc(arr);
  return {
    self: c.self === c, distinct: c !== o, sharedKept: c.list[0] === c.list[1] && c.list[0] !== shared,
    backRef: c.list[2] === c, mapKey: c.map.keys().next().value === c, mapVal: c.map.get(c) === c.list[0],
    arr: ca[0] === ca && ca !== arr,
  };
});

check('clone/transfer', () => {
  const ab = new Uint8Array([5, 6, 7]).buffer;
  const view = new Uint8Array(ab, 1);
  const c = sc({ ab, view }, { transfer: [ab] });
  const failing = new ArrayBuffer(4);
  const failed = attempt(() => sc({ f() {} }, { transfer: [failing] }));
  const dup = new ArrayBuffer(2);
  const rab = new ArrayBuffer(2, { maxByteLength: 4 });
  const cr = sc(rab, { transfer: [rab] });
  const unreferenced = new ArrayBuffer(3);
  const cu = sc(1, { transfer: [unreferenced] });
  const detached = new ArrayBuffer(1); detached.transfer();
  return {
    data: Array.from(new Uint8Array(c.ab)), view: [Array.from(c.view), c.view.buffer === c.ab],
    origDetached: [ab.detached, ab.byteLength, view.length],
    failed, failingIntact: [failing.detached, failing.byteLength],
    dup: attempt(() => sc(dup, { transfer: [dup, dup] })), dupIntact: dup.detached,
    notTransferable: attempt(() => sc(1, { transfer: [{}] })),
    primitive: attempt(() => sc(1, { transfer: [1] })),
    notIterable: attempt(() => sc(1, { transfer: 5 })),
    notIterableObj: attempt(() => sc(1, { transfer: {} })),
    view2: attempt(() => sc(1, { transfer: [new Uint8Array(2)] })),
    sab: attempt(() => sc(1, { transfer: [new SharedArrayBuffer(2)] })),
    detached: attempt(() => sc(1, { transfer: [detached] })),
    resizable: [cr.resizable, cr.maxByteLength, rab.detached],
    unreferenced: [cu, unreferenced.detached],
    emptyList: sc('x', { transfer: [] }),
    iterable: (() => { const b = new ArrayBuffer(1); sc(b, { transfer: new Set([b]) }); return b.detached; })(),
  };
});

check('clone/blob', () => {
  if (typeof Blob !== 'function') return 'no Blob';
  const b = new Blob(['hello'], { type: 'text/plain' });
  const c = sc({ b });
  return { tag: tagOf(c.b), size: c.b.size, type: c.b.type, distinct: c.b !== b, isBlob: c.b instanceof Blob };
});

check('clone/domexception', () => {
  const e = new DOMException('gone', 'AbortError');
  const c = sc(e);
  return { tag: tagOf(c), name: c.name, message: c.message, code: c.code, distinct: c !== e, isDom: c instanceof DOMException };
});

check('clone/web platform objects', () => [
  () => new URL('http://a/'), () => new Headers({ a: '1' }), () => new Request('http://a/'), () => new Response('x'),
].map((f) => attempt(() => { let v; try { v = f(); } catch { return 'unavailable'; } return tagOf(sc(v)); })));
