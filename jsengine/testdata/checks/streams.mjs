// Streams Standard checks: ReadableStream (default and byte), readers, tee, pipes, async
// iteration, WritableStream, TransformStream, queuing strategies, encoding streams.
import { check } from './harness.mjs';

// Lets pending promise jobs run (no timers: the order stays deterministic).
async function settle(n = 60) { for (let i = 0; i < n; i++) await null; }
const errName = (e) => (e && e.name) || String(e);
// Observes a promise's outcome as data.
async function outcome(p) {
  try { return { ok: await p }; } catch (e) { return { err: errName(e), reason: typeof e === 'string' ? e : undefined }; }
}
async function readAll(stream) {
  const reader = stream.getReader();
  const out = [];
  for (;;) {
    const { value, done } = await reader.read();
    if (done) return out;
    out.push(value);
  }
}
const bytes = (...a) => new Uint8Array(a);
const collectText = async (stream) => (await readAll(stream)).join('|');
// A writable stream that records every sink call into log.
function recordingSink(log, extra = {}) {
  return new WritableStream({
    start() { log.push('start'); },
    write(chunk) { log.push('write:' + (ArrayBuffer.isView(chunk) ? Array.from(chunk).join(',') : String(chunk))); },
    close() { log.push('close'); },
    abort(r) { log.push('abort:' + (typeof r === 'string' ? r : errName(r))); },
    ...extra,
  }, { highWaterMark: 2 });
}

// ---------- shape ----------
check('streams/globals', () => ['ReadableStream', 'ReadableStreamDefaultReader', 'ReadableStreamBYOBReader',
  'ReadableStreamDefaultController', 'ReadableByteStreamController', 'ReadableStreamBYOBRequest',
  'WritableStream', 'WritableStreamDefaultWriter', 'WritableStreamDefaultController', 'TransformStream',
  'TransformStreamDefaultController', 'CountQueuingStrategy', 'ByteLengthQueuingStrategy',
  'TextEncoderStream', 'TextDecoderStream'].map((n) => [n, typeof globalThis[n], Object.keys(Object.getOwnPropertyDescriptor(globalThis, n) || {}).join(), Object.getOwnPropertyDescriptor(globalThis, n)?.enumerable]));
check('streams/toStringTag', () => [new ReadableStream(), new WritableStream(), new TransformStream(),
  new ReadableStream().getReader(), new WritableStream().getWriter(), new CountQueuingStrategy({ highWaterMark: 1 })]
  .map((o) => Object.prototype.toString.call(o)));
check('streams/prototype members', () => [ReadableStream, WritableStream, TransformStream, ReadableStreamDefaultReader,
  ReadableStreamBYOBReader, WritableStreamDefaultWriter, ReadableByteStreamController, ReadableStreamBYOBRequest]
  .map((C) => Object.keys(C.prototype).sort().join()));
check('streams/static from', () => [typeof ReadableStream.from, Object.keys(ReadableStream).join()]);
check('streams/asyncIterator is values', () => ReadableStream.prototype[Symbol.asyncIterator] === ReadableStream.prototype.values);
check('streams/illegal constructors', () => [ReadableStreamDefaultController, ReadableByteStreamController,
  ReadableStreamBYOBRequest, WritableStreamDefaultController, TransformStreamDefaultController].map((C) => {
  try { new C(); return 'constructed'; } catch (e) { return errName(e); }
}));
check('streams/brand checks', async () => {
  const out = [];
  for (const f of [() => ReadableStream.prototype.getReader.call({}), () => Object.getOwnPropertyDescriptor(ReadableStream.prototype, 'locked').get.call({}),
    () => WritableStream.prototype.getWriter.call({}), () => Object.getOwnPropertyDescriptor(TransformStream.prototype, 'readable').get.call({})]) {
    try { f(); out.push('ok'); } catch (e) { out.push(errName(e)); }
  }
  out.push(await outcome(ReadableStream.prototype.cancel.call({})));
  out.push(await outcome(WritableStream.prototype.abort.call({})));
  out.push(await outcome(ReadableStreamDefaultReader.prototype.read.call({})));
  return out;
});

// ---------- ReadableStream construction ----------
check('streams/rs constructor args', () => {
  const out = [];
  for (const args of [[null], [1], ['x'], [{ type: 'nope' }], [{ type: 'bytes' }, { size() { return 1; } }], [{ start: 1 }],
    [{ pull: {} }], [{}, { highWaterMark: -1 }], [{}, { highWaterMark: NaN }], [{}, { size: 5 }], [{}, 3], [{ type: 'bytes', autoAllocateChunkSize: 0 }],
    [{ type: 'bytes', autoAllocateChunkSize: 2 ** 40 }], [{}, { highWaterMark: '4' }], [undefined, undefined], [{ type: undefined }]]) {
    try { const s = new ReadableStream(...args); out.push('ok:' + s.locked); } catch (e) { out.push(errName(e)); }
  }
  return out;
});
check('streams/bytes autoAllocateChunkSize range', () => [-1, Infinity, 1.5, NaN, 2 ** 60].map((v) => {
  try { new ReadableStream({ type: 'bytes', autoAllocateChunkSize: v }); return 'ok'; } catch (e) { return errName(e); }
}));
check('streams/dictionary getter order', () => {
  const log = [];
  const spy = (name, keys) => {
    const o = {};
    for (const k of keys) Object.defineProperty(o, k, { get() { log.push(name + '.' + k); } });
    return o;
  };
  const strategy = ['highWaterMark', 'size'];
  new ReadableStream(spy('src', ['start', 'pull', 'cancel', 'type', 'autoAllocateChunkSize']), spy('strat', strategy));
  new WritableStream(spy('sink', ['start', 'write', 'close', 'abort', 'type']), spy('strat', strategy));
  new TransformStream(spy('t', ['start', 'transform', 'flush', 'cancel', 'readableType', 'writableType']), spy('w', strategy), spy('r', strategy));
  return log;
});
check('streams/start throws', () => {
  try { new ReadableStream({ start() { throw new RangeError('x'); } }); return 'no'; } catch (e) { return errName(e); }
});
check('streams/start this and args', () => {
  const out = [];
  const src = { start(c) { out.push(this === src, arguments.length, Object.prototype.toString.call(c)); } };
  new ReadableStream(src);
  const src2 = { type: 'bytes', start(c) { out.push(Object.prototype.toString.call(c), c.byobRequest); } };
  new ReadableStream(src2);
  return out;
});

// ---------- default controller, ordering ----------
check('streams/start pull order', async () => {
  const log = [];
  let n = 0;
  const rs = new ReadableStream({
    start(c) { log.push('start ds=' + c.desiredSize); return Promise.resolve().then(() => log.push('start resolved')); },
    pull(c) { log.push('pull ' + n + ' ds=' + c.desiredSize); c.enqueue(n++); if (n === 4) c.close(); },
    cancel() { log.push('cancel'); },
  }, { highWaterMark: 2 });
  log.push('constructed');
  await settle();
  log.push('settled');
  const r = rs.getReader();
  for (;;) {
    const p = r.read();
    log.push('read called');
    const res = await p;
    log.push('read ' + JSON.stringify(res));
    if (res.done) break;
  }
  return log;
});
check('streams/desiredSize over time', async () => {
  let ctrl;
  const rs = new ReadableStream({ start(c) { ctrl = c; } }, { highWaterMark: 3 });
  const ds = [ctrl.desiredSize];
  ctrl.enqueue('a'); ds.push(ctrl.desiredSize);
  ctrl.enqueue('b'); ctrl.enqueue('c'); ctrl.enqueue('d'); ds.push(ctrl.desiredSize);
  const r = rs.getReader();
  await r.read(); ds.push(ctrl.desiredSize);
  ctrl.close(); ds.push(ctrl.desiredSize);
  await r.read(); await r.read(); await r.read(); ds.push(ctrl.desiredSize);
  return ds;
});
check('streams/size strategy', async () => {
  let ctrl;
  const log = [];
  const rs = new ReadableStream({ start(c) { ctrl = c; } }, { highWaterMark: 10, size(ch) { log.push('size:' + ch + ':' + arguments.length); return ch.length; } });
  ctrl.enqueue('abcd'); log.push(ctrl.desiredSize);
  ctrl.enqueue('efghijk'); log.push(ctrl.desiredSize);
  const r = rs.getReader();
  const p = r.read(); log.push((await p).value, ctrl.desiredSize);
  return log;
});
check('streams/size returns bad', async () => {
  const out = [];
  for (const v of [-1, NaN, Infinity, 'x']) {
    let ctrl;
    const rs = new ReadableStream({ start(c) { ctrl = c; } }, { size: () => v });
    try { ctrl.enqueue(1); out.push('ok'); } catch (e) { out.push(errName(e)); }
    out.push(await outcome(rs.getReader().closed));
  }
  let ctrl;
  const rs = new ReadableStream({ start(c) { ctrl = c; } }, { size() { throw new SyntaxError('s'); } });
  try { ctrl.enqueue(1); } catch (e) { out.push(errName(e)); }
  out.push(await outcome(rs.getReader().read()));
  return out;
});
check('streams/size with waiting reader skips size', async () => {
  let ctrl; let calls = 0;
  const rs = new ReadableStream({ start(c) { ctrl = c; } }, { size() { calls++; return 1; } });
  const r = rs.getReader();
  const p = r.read();
  ctrl.enqueue('x');
  return [(await p).value, calls];
});
check('streams/close then read', async () => {
  let ctrl;
  const rs = new ReadableStream({ start(c) { ctrl = c; c.enqueue(1); c.enqueue(2); c.close(); } });
  const out = [];
  try { ctrl.enqueue(3); } catch (e) { out.push(errName(e)); }
  try { ctrl.close(); } catch (e) { out.push(errName(e)); }
  out.push(await readAll(rs));
  out.push(ctrl.desiredSize);
  return out;
});
check('streams/error', async () => {
  let ctrl;
  const rs = new ReadableStream({ start(c) { ctrl = c; c.enqueue(1); } });
  const r = rs.getReader();
  ctrl.error(new RangeError('boom'));
  const out = [ctrl.desiredSize];
  out.push(await outcome(r.read()));
  out.push(await outcome(r.closed));
  ctrl.error(new TypeError('again'));
  ctrl.close && out.push((() => { try { ctrl.close(); return 'closed'; } catch (e) { return errName(e); } })());
  out.push(await outcome(rs.cancel()));
  return out;
});
check('streams/pull rejects errors stream', async () => {
  const rs = new ReadableStream({ pull() { return Promise.reject(new SyntaxError('p')); } });
  const r = rs.getReader();
  return [await outcome(r.read()), await outcome(r.closed)];
});
check('streams/pull throws errors stream', async () => {
  const rs = new ReadableStream({ pull() { throw new URIError('p'); } });
  return outcome(rs.getReader().read());
});
check('streams/start rejects errors stream', async () => {
  let pulled = false;
  const rs = new ReadableStream({ start() { return Promise.reject(new EvalError('s')); }, pull() { pulled = true; } });
  return [await outcome(rs.getReader().read()), pulled];
});
check('streams/pull not reentrant', async () => {
  const log = [];
  let resolvePull;
  const rs = new ReadableStream({
    pull(c) { log.push('pull'); c.enqueue('x'); return new Promise((r) => { resolvePull = r; }); },
  }, { highWaterMark: 0 });
  const r = rs.getReader();
  r.read(); r.read(); r.read();
  await settle();
  log.push('after reads');
  resolvePull(); await settle();
  log.push('after resolve 1');
  resolvePull(); await settle();
  log.push('after resolve 2');
  return log;
});
check('streams/hwm 0 pulls on read only', async () => {
  const log = [];
  let i = 0;
  const rs = new ReadableStream({ pull(c) { log.push('pull' + i); c.enqueue(i++); } }, { highWaterMark: 0 });
  await settle();
  log.push('idle');
  const r = rs.getReader();
  log.push((await r.read()).value);
  await settle();
  log.push((await r.read()).value);
  return log;
});
check('streams/enqueue undefined and objects', async () => {
  const obj = { a: 1 };
  const rs = new ReadableStream({ start(c) { c.enqueue(); c.enqueue(undefined); c.enqueue(obj); c.close(); } });
  const got = await readAll(rs);
  return [got.length, got[0], got[1], got[2] === obj];
});

// ---------- readers ----------
check('streams/reader locking', async () => {
  const rs = new ReadableStream();
  const out = [rs.locked];
  const r = rs.getReader();
  out.push(rs.locked);
  try { rs.getReader(); } catch (e) { out.push(errName(e)); }
  try { new ReadableStreamDefaultReader(rs); } catch (e) { out.push(errName(e)); }
  out.push(await outcome(rs.cancel()));
  r.releaseLock();
  out.push(rs.locked);
  r.releaseLock();
  out.push(await outcome(r.read()));
  out.push(await outcome(r.closed));
  out.push(await outcome(r.cancel()));
  const r2 = new ReadableStreamDefaultReader(rs);
  out.push(rs.locked, r2 instanceof ReadableStreamDefaultReader);
  return out;
});
check('streams/reader bad mode', () => {
  const out = [];
  for (const o of [{ mode: 'byob' }, { mode: 'foo' }, { mode: undefined }, null, 5]) {
    try { out.push(Object.prototype.toString.call(new ReadableStream().getReader(o))); } catch (e) { out.push(errName(e)); }
  }
  try { new ReadableStreamDefaultReader({}); } catch (e) { out.push(errName(e)); }
  return out;
});
check('streams/releaseLock rejects pending reads', async () => {
  const rs = new ReadableStream();
  const r = rs.getReader();
  const p1 = r.read(); const p2 = r.read();
  const closed = r.closed;
  r.releaseLock();
  return [await outcome(p1), await outcome(p2), await outcome(closed), r.closed === closed, await outcome(r.closed)];
});
check('streams/closed promise states', async () => {
  const closedRs = new ReadableStream({ start(c) { c.close(); } });
  const erroredRs = new ReadableStream({ start(c) { c.error('bad'); } });
  const r1 = closedRs.getReader(); const r2 = erroredRs.getReader();
  const out = [await outcome(r1.closed), await outcome(r2.closed)];
  r1.releaseLock(); r2.releaseLock();
  out.push(await outcome(r1.closed), await outcome(r2.closed));
  out.push(await outcome(closedRs.getReader().read()), await outcome(erroredRs.getReader().read()));
  return out;
});
check('streams/cancel', async () => {
  const log = [];
  const rs = new ReadableStream({
    start(c) { c.enqueue('a'); },
    cancel(reason) { log.push('cancel:' + reason + ':' + arguments.length); return new Promise((r) => setTimeout(() => { log.push('cancel done'); r('ignored'); }, 1)); },
  });
  const r = rs.getReader();
  const pending = r.read();
  log.push(await outcome(pending));
  const p = r.cancel('why');
  log.push(await outcome(r.read()));
  log.push(await outcome(p));
  log.push(await outcome(r.closed));
  log.push(await outcome(rs.cancel()));
  return log;
});
check('streams/cancel rejects', async () => {
  const rs = new ReadableStream({ cancel() { throw new RangeError('c'); } });
  const rs2 = new ReadableStream({ cancel() { return Promise.reject(new SyntaxError('c')); } });
  return [await outcome(rs.cancel()), await outcome(rs2.cancel()), await outcome(rs.getReader().closed)];
});
check('streams/cancel clears queue and pending reads', async () => {
  let ctrl;
  const rs = new ReadableStream({ start(c) { ctrl = c; } });
  const r = rs.getReader();
  const p = r.read();
  await r.cancel();
  return [await outcome(p), ctrl.desiredSize, (() => { try { ctrl.enqueue(1); return 'ok'; } catch (e) { return errName(e); } })()];
});
check('streams/read result shape', async () => {
  const rs = new ReadableStream({ start(c) { c.enqueue(1); c.close(); } });
  const r = rs.getReader();
  const a = await r.read(); const b = await r.read();
  return [Object.getPrototypeOf(a) === Object.prototype, Object.keys(a), Object.keys(b), b];
});

// ---------- tee ----------
check('streams/tee basic', async () => {
  const rs = new ReadableStream({ start(c) { c.enqueue('a'); c.enqueue('b'); c.close(); } });
  const [b1, b2] = rs.tee();
  return [rs.locked, await readAll(b1), await readAll(b2), b1 instanceof ReadableStream];
});
check('streams/tee same chunk objects', async () => {
  const o = {};
  const rs = new ReadableStream({ start(c) { c.enqueue(o); c.close(); } });
  const [b1, b2] = rs.tee();
  const [x] = await readAll(b1); const [y] = await readAll(b2);
  return [x === o, y === o];
});
check('streams/tee cancel one branch', async () => {
  const log = [];
  const rs = new ReadableStream({ start(c) { c.enqueue(1); c.enqueue(2); c.close(); }, cancel(r) { log.push('cancel ' + JSON.stringify(r)); } });
  const [b1, b2] = rs.tee();
  const p = b1.cancel('r1');
  log.push(await readAll(b2), await outcome(p));
  return log;
});
check('streams/tee cancel both composite', async () => {
  const log = [];
  const rs = new ReadableStream({ cancel(r) { log.push(r); return 'x'; } });
  const [b1, b2] = rs.tee();
  const p1 = b1.cancel('r1');
  log.push('after first');
  const p2 = b2.cancel('r2');
  log.push(await outcome(p1), await outcome(p2));
  return log;
});
check('streams/tee error propagates', async () => {
  let ctrl;
  const rs = new ReadableStream({ start(c) { ctrl = c; c.enqueue(1); } });
  const [b1, b2] = rs.tee();
  const r1 = b1.getReader(); const r2 = b2.getReader();
  const first = await r1.read();
  ctrl.error(new RangeError('e'));
  await settle();
  return [first, await outcome(r1.read()), await outcome(r2.read()), await outcome(r2.closed)];
});
check('streams/tee pull order', async () => {
  const log = [];
  let i = 0;
  const rs = new ReadableStream({ pull(c) { log.push('pull ' + i); c.enqueue(i++); if (i > 3) c.close(); } }, { highWaterMark: 0 });
  const [b1, b2] = rs.tee();
  const r1 = b1.getReader(); const r2 = b2.getReader();
  log.push(JSON.stringify(await r1.read()));
  log.push(JSON.stringify(await r1.read()));
  log.push(JSON.stringify(await r2.read()));
  log.push(JSON.stringify(await r1.read()));
  return log;
});
check('streams/tee locked', () => {
  const rs = new ReadableStream();
  rs.getReader();
  try { rs.tee(); return 'no'; } catch (e) { return errName(e); }
});

// ---------- async iteration ----------
check('streams/async iterate', async () => {
  const rs = new ReadableStream({ start(c) { for (const x of 'abc') c.enqueue(x); c.close(); } });
  const out = [];
  for await (const x of rs) out.push(x);
  out.push(rs.locked);
  return out;
});
check('streams/async iterate break cancels', async () => {
  const log = [];
  const rs = new ReadableStream({ start(c) { c.enqueue(1); c.enqueue(2); }, cancel(r) { log.push('cancel:' + r); } });
  for await (const x of rs) { log.push(x); break; }
  log.push(rs.locked);
  log.push(await outcome(rs.getReader().closed));
  return log;
});
check('streams/async iterate preventCancel', async () => {
  const log = [];
  const rs = new ReadableStream({ start(c) { c.enqueue(1); c.enqueue(2); c.close(); }, cancel() { log.push('cancel'); } });
  for await (const x of rs.values({ preventCancel: true })) { log.push(x); break; }
  log.push(rs.locked);
  log.push(await readAll(rs));
  return log;
});
check('streams/async iterator return and next', async () => {
  const log = [];
  const rs = new ReadableStream({ start(c) { c.enqueue(1); c.enqueue(2); }, cancel(r) { log.push('cancel:' + r); } });
  const it = rs.values();
  log.push(Object.getPrototypeOf(Object.getPrototypeOf(it)) === Object.getPrototypeOf(Object.getPrototypeOf((async function* () {}).prototype)));
  log.push(typeof it[Symbol.asyncIterator], it[Symbol.asyncIterator]() === it);
  const vd = (r) => [r.value, r.done];
  log.push(vd(await it.next()));
  const p1 = it.next();
  const p2 = it.return('bye');
  const p3 = it.next();
  log.push(vd(await p2), vd(await p3), vd(await it.return('again')));
  log.push(vd(await p1));
  return log;
});
check('streams/async iterator toStringTag', () => {
  const it = new ReadableStream().values();
  return [Object.prototype.toString.call(it), Object.getOwnPropertyNames(Object.getPrototypeOf(it)).sort()];
});
check('streams/async iterator error', async () => {
  let ctrl;
  const rs = new ReadableStream({ start(c) { ctrl = c; } });
  const it = rs[Symbol.asyncIterator]();
  const p = it.next();
  ctrl.error(new RangeError('x'));
  const end = await it.next();
  return [await outcome(p), rs.locked, end.value, end.done];
});
check('streams/async iterator locked', () => {
  const rs = new ReadableStream();
  rs.getReader();
  try { rs.values(); return 'no'; } catch (e) { return errName(e); }
});
check('streams/async iterator concurrent nexts', async () => {
  let i = 0;
  const rs = new ReadableStream({ pull(c) { c.enqueue(i++); if (i === 3) c.close(); } }, { highWaterMark: 0 });
  const it = rs.values();
  return (await Promise.all([it.next(), it.next(), it.next(), it.next(), it.next()])).map((r) => [r.value, r.done]);
});

// ---------- ReadableStream.from ----------
check('streams/from array', async () => readAll(ReadableStream.from([1, 2, 3])));
check('streams/from generator', async () => readAll(ReadableStream.from((function* () { yield 'a'; yield 'b'; })())));
check('streams/from async generator', async () => readAll(ReadableStream.from((async function* () { yield 'a'; await null; yield 'b'; })())));
check('streams/from string and set', async () => [await readAll(ReadableStream.from('hi')), await readAll(ReadableStream.from(new Set([1, 2])))]);
check('streams/from promises in array', async () => readAll(ReadableStream.from([Promise.resolve(1), 2])));
check('streams/from invalid', () => [null, undefined, 5, {}, { [Symbol.asyncIterator]: 1 }, { [Symbol.iterator]() { return 1; } }].map((v) => {
  try { ReadableStream.from(v); return 'ok'; } catch (e) { return errName(e); }
}));
check('streams/from cancel calls return', async () => {
  const log = [];
  const it = { [Symbol.asyncIterator]() { return this; }, next() { return { value: 1, done: false }; }, return(r) { log.push('return:' + r); return { done: true }; } };
  const rs = ReadableStream.from(it);
  const r = rs.getReader();
  log.push((await r.read()).value);
  log.push(await outcome(r.cancel('stop')));
  return log;
});
check('streams/from next rejects', async () => {
  const it = { [Symbol.asyncIterator]() { return this; }, next() { return Promise.reject(new RangeError('n')); } };
  const it2 = { [Symbol.asyncIterator]() { return this; }, next() { return 5; } };
  return [await outcome(ReadableStream.from(it).getReader().read()), await outcome(ReadableStream.from(it2).getReader().read())];
});
check('streams/from lazy pulling', async () => {
  const log = [];
  const gen = (function* () { for (let i = 0; i < 3; i++) { log.push('gen ' + i); yield i; } })();
  const rs = ReadableStream.from(gen);
  await settle();
  log.push('created');
  const r = rs.getReader();
  log.push((await r.read()).value);
  await settle();
  log.push('idle');
  return log;
});
check('streams/from stream', async () => {
  const inner = new ReadableStream({ start(c) { c.enqueue('z'); c.close(); } });
  const rs = ReadableStream.from(inner);
  return [rs === inner, await readAll(rs), inner.locked];
});

// ---------- byte streams ----------
check('streams/bytes default reader', async () => {
  const rs = new ReadableStream({ type: 'bytes', start(c) { c.enqueue(bytes(1, 2, 3)); c.enqueue(new Uint16Array([0x0504])); c.close(); } });
  const chunks = await readAll(rs);
  return chunks.map((c) => [c.constructor.name, Array.from(c)]);
});
check('streams/bytes enqueue transfers', () => {
  let ctrl;
  new ReadableStream({ type: 'bytes', start(c) { ctrl = c; } });
  const u = bytes(1, 2, 3);
  ctrl.enqueue(u);
  return [u.byteLength, u.buffer.byteLength];
});
check('streams/bytes enqueue errors', () => {
  let ctrl;
  new ReadableStream({ type: 'bytes', start(c) { ctrl = c; } });
  const out = [];
  for (const v of ['x', new ArrayBuffer(2), new Uint8Array(0), new Uint8Array(new ArrayBuffer(4), 4), {}, undefined]) {
    try { ctrl.enqueue(v); out.push('ok'); } catch (e) { out.push(errName(e)); }
  }
  ctrl.close();
  try { ctrl.enqueue(bytes(1)); } catch (e) { out.push(errName(e)); }
  try { ctrl.close(); } catch (e) { out.push(errName(e)); }
  return out;
});
check('streams/bytes byob read', async () => {
  let ctrl;
  const rs = new ReadableStream({ type: 'bytes', start(c) { ctrl = c; } });
  const r = rs.getReader({ mode: 'byob' });
  const out = [Object.prototype.toString.call(r)];
  ctrl.enqueue(bytes(1, 2, 3, 4, 5));
  const buf = new ArrayBuffer(3);
  const res = await r.read(new Uint8Array(buf));
  out.push(res.done, Array.from(res.value), res.value.buffer.byteLength, buf.byteLength);
  const res2 = await r.read(new Uint8Array(10));
  out.push(Array.from(res2.value), res2.value.byteOffset, res2.value.buffer.byteLength);
  ctrl.close();
  const res3 = await r.read(new Uint8Array(4));
  out.push(res3.done, res3.value.constructor.name, res3.value.byteLength, res3.value.buffer.byteLength);
  return out;
});
check('streams/bytes byob request respond', async () => {
  const log = [];
  const rs = new ReadableStream({
    type: 'bytes',
    pull(c) {
      const req = c.byobRequest;
      log.push('pull', req && req.view.constructor.name, req && req.view.byteOffset, req && req.view.byteLength);
      req.view[0] = 7; req.view[1] = 8;
      req.respond(2);
      log.push('after respond', c.byobRequest, req.view);
    },
  });
  const r = rs.getReader({ mode: 'byob' });
  const res = await r.read(new Uint8Array(new ArrayBuffer(8), 2, 4));
  log.push(Array.from(res.value), res.value.byteOffset, res.value.buffer.byteLength);
  return log;
});
check('streams/bytes respondWithNewView', async () => {
  const rs = new ReadableStream({
    type: 'bytes',
    pull(c) {
      const v = c.byobRequest.view;
      const nv = new Uint8Array(v.buffer, v.byteOffset, 2);
      nv.set([9, 9]);
      c.byobRequest.respondWithNewView(nv);
    },
  });
  const r = rs.getReader({ mode: 'byob' });
  const res = await r.read(new Uint8Array(5));
  return [Array.from(res.value), res.done];
});
check('streams/bytes respond errors', async () => {
  const out = [];
  const rs = new ReadableStream({
    type: 'bytes',
    pull(c) {
      const req = c.byobRequest;
      for (const n of [0, 100]) { try { req.respond(n); out.push('ok'); } catch (e) { out.push(errName(e)); } }
      for (const v of [new Uint8Array(1), new Uint8Array(req.view.buffer, 1, 1), new Uint8Array(new ArrayBuffer(8), 0, 1), 'x']) { try { req.respondWithNewView(v); out.push('ok'); } catch (e) { out.push(errName(e)); } }
      req.respond(1);
      try { req.respond(1); } catch (e) { out.push('stale:' + errName(e)); }
    },
  });
  const r = rs.getReader({ mode: 'byob' });
  const res = await r.read(new Uint8Array(4));
  out.push(res.value.length);
  return out;
});
check('streams/bytes autoAllocateChunkSize', async () => {
  const log = [];
  let n = 0;
  const rs = new ReadableStream({
    type: 'bytes', autoAllocateChunkSize: 4,
    pull(c) {
      const req = c.byobRequest;
      log.push(req ? req.view.byteLength : null);
      if (n++ === 2) { c.close(); req.respond(0); return; }
      req.view.set([n, n]);
      req.respond(2);
    },
  });
  const chunks = await readAll(rs);
  log.push(chunks.map((c) => [Array.from(c), c.buffer.byteLength]));
  return log;
});
check('streams/bytes no autoAllocate default reader has no byobRequest', async () => {
  const log = [];
  const rs = new ReadableStream({ type: 'bytes', pull(c) { log.push(c.byobRequest); c.enqueue(bytes(1)); c.close(); } });
  log.push((await readAll(rs)).map((c) => Array.from(c)));
  return log;
});
check('streams/bytes byob reader on default stream', () => {
  try { new ReadableStream().getReader({ mode: 'byob' }); return 'no'; } catch (e) { return errName(e); }
});
check('streams/bytes byob read errors', async () => {
  const rs = new ReadableStream({ type: 'bytes' });
  const r = rs.getReader({ mode: 'byob' });
  const out = [];
  for (const v of [undefined, new ArrayBuffer(4), new Uint8Array(0), new Uint8Array(new ArrayBuffer(0))]) out.push(await outcome(r.read(v)));
  const detached = new Uint8Array(4); detached.buffer.transfer();
  out.push(await outcome(r.read(detached)));
  r.releaseLock();
  out.push(await outcome(r.read(new Uint8Array(1))));
  return out;
});
check('streams/bytes byob min', async () => {
  let ctrl;
  const rs = new ReadableStream({ type: 'bytes', start(c) { ctrl = c; } });
  const r = rs.getReader({ mode: 'byob' });
  const out = [];
  out.push(await outcome(r.read(new Uint8Array(4), { min: 5 })));
  out.push(await outcome(r.read(new Uint8Array(4), { min: 0 })));
  const p = r.read(new Uint8Array(4), { min: 3 });
  ctrl.enqueue(bytes(1));
  ctrl.enqueue(bytes(2));
  await settle();
  out.push('waiting');
  ctrl.enqueue(bytes(3, 4, 5));
  const res = await p;
  out.push(Array.from(res.value));
  const res2 = await r.read(new Uint8Array(4));
  out.push(Array.from(res2.value));
  return out;
});
check('streams/bytes byob Uint16 partial', async () => {
  let ctrl;
  const rs = new ReadableStream({ type: 'bytes', start(c) { ctrl = c; } });
  const r = rs.getReader({ mode: 'byob' });
  const p = r.read(new Uint16Array(2));
  ctrl.enqueue(bytes(1, 2, 3));
  const res = await p;
  const res2 = r.read(new Uint8Array(4));
  const v2 = await res2;
  const out = [res.value.constructor.name, Array.from(res.value), Array.from(v2.value)];
  ctrl.enqueue(bytes(9));
  const p3 = r.read(new Uint16Array(1));
  try { ctrl.close(); } catch (e) { out.push(errName(e)); }
  out.push(await outcome(p3));
  return out;
});
check('streams/bytes close with partial element', async () => {
  let ctrl;
  const rs = new ReadableStream({ type: 'bytes', start(c) { ctrl = c; c.enqueue(bytes(1)); c.close(); } });
  const r = rs.getReader({ mode: 'byob' });
  return [await outcome(r.read(new Uint16Array(1))), await outcome(r.closed), ctrl.desiredSize];
});
check('streams/bytes DataView read', async () => {
  const rs = new ReadableStream({ type: 'bytes', start(c) { c.enqueue(bytes(1, 2, 3)); c.close(); } });
  const r = rs.getReader({ mode: 'byob' });
  const res = await r.read(new DataView(new ArrayBuffer(2)));
  return [res.value.constructor.name, res.value.byteLength, res.value.getUint8(1)];
});
check('streams/bytes desiredSize', async () => {
  let ctrl;
  const rs = new ReadableStream({ type: 'bytes', start(c) { ctrl = c; } }, { highWaterMark: 10 });
  const out = [ctrl.desiredSize];
  ctrl.enqueue(new Uint8Array(4)); out.push(ctrl.desiredSize);
  ctrl.enqueue(new Uint8Array(8)); out.push(ctrl.desiredSize);
  await rs.getReader().read(); out.push(ctrl.desiredSize);
  return out;
});
check('streams/bytes default read of queued', async () => {
  const rs = new ReadableStream({ type: 'bytes', start(c) { c.enqueue(new Uint8Array([1, 2, 3, 4]).subarray(1, 3)); c.close(); } });
  const r = rs.getReader();
  const { value } = await r.read();
  return [Array.from(value), value.byteOffset, value.buffer.byteLength, await r.read()];
});
check('streams/bytes releaseLock with pending byob', async () => {
  const log = [];
  let ctrl;
  const rs = new ReadableStream({ type: 'bytes', start(c) { ctrl = c; }, pull(c) { log.push('pull ' + (c.byobRequest ? c.byobRequest.view.byteLength : null)); } });
  const r = rs.getReader({ mode: 'byob' });
  const p = r.read(new Uint8Array(4));
  await settle();
  r.releaseLock();
  log.push(await outcome(p));
  log.push(ctrl.byobRequest && ctrl.byobRequest.view.byteLength);
  ctrl.byobRequest.view[0] = 5;
  ctrl.byobRequest.respond(1);
  const r2 = rs.getReader();
  const res = await r2.read();
  log.push(Array.from(res.value));
  return log;
});
check('streams/bytes tee', async () => {
  const rs = new ReadableStream({ type: 'bytes', start(c) { c.enqueue(bytes(1, 2)); c.enqueue(bytes(3)); c.close(); } });
  const [b1, b2] = rs.tee();
  const r1 = b1.getReader({ mode: 'byob' });
  const a = await r1.read(new Uint8Array(1));
  const rest = await readAll(b2);
  const b = await r1.read(new Uint8Array(4));
  const c = await r1.read(new Uint8Array(4));
  const d = await r1.read(new Uint8Array(4));
  return [Array.from(a.value), rest.map((x) => Array.from(x)), Array.from(b.value), Array.from(c.value), d.done, d.value && d.value.byteLength];
});
check('streams/bytes tee chunks are copies', async () => {
  const rs = new ReadableStream({ type: 'bytes', start(c) { c.enqueue(bytes(1, 2)); c.close(); } });
  const [b1, b2] = rs.tee();
  const [x] = await readAll(b1); const [y] = await readAll(b2);
  return [x.buffer === y.buffer, Array.from(x), Array.from(y)];
});
check('streams/bytes async iterate', async () => {
  const rs = new ReadableStream({ type: 'bytes', start(c) { c.enqueue(bytes(1)); c.enqueue(bytes(2, 3)); c.close(); } });
  const out = [];
  for await (const c of rs) out.push(Array.from(c));
  return out;
});
check('streams/bytes cancel with pending byob', async () => {
  const log = [];
  const rs = new ReadableStream({ type: 'bytes', cancel(r) { log.push('cancel:' + r); } });
  const r = rs.getReader({ mode: 'byob' });
  const p = r.read(new Uint8Array(3));
  await r.cancel('stop');
  const res = await p;
  log.push(res.done, res.value);
  return log;
});
check('streams/bytes closed stream byob respond 0', async () => {
  const rs = new ReadableStream({ type: 'bytes', pull(c) { c.close(); c.byobRequest.respond(0); } });
  const r = rs.getReader({ mode: 'byob' });
  const res = await r.read(new Uint8Array(3));
  return [res.done, res.value.byteLength, res.value.buffer.byteLength];
});

// ---------- WritableStream ----------
check('streams/ws basic order', async () => {
  const log = [];
  const ws = recordingSink(log);
  const w = ws.getWriter();
  log.push('ds ' + w.desiredSize);
  const p1 = w.write('a'); log.push('ds ' + w.desiredSize);
  const p2 = w.write('b'); log.push('ds ' + w.desiredSize);
  const p3 = w.close();
  p1.then(() => log.push('p1')); p2.then(() => log.push('p2')); p3.then(() => log.push('p3'));
  w.closed.then(() => log.push('closed'));
  await settle();
  log.push('ds ' + w.desiredSize);
  return log;
});
check('streams/ws backpressure and ready', async () => {
  const log = [];
  const resolvers = [];
  const ws = new WritableStream({ write(chunk) { log.push('write ' + chunk); return new Promise((r) => resolvers.push(r)); } }, { highWaterMark: 2 });
  const w = ws.getWriter();
  await w.ready;
  const ready0 = w.ready;
  w.write(1); log.push('ds ' + w.desiredSize);
  w.write(2); log.push('ds ' + w.desiredSize);
  const ready1 = w.ready;
  log.push('ready replaced ' + (ready0 !== ready1));
  ready1.then(() => log.push('ready1 resolved'));
  w.write(3); log.push('ds ' + w.desiredSize);
  await settle();
  resolvers.shift()(); await settle(); log.push('ds ' + w.desiredSize);
  resolvers.shift()(); await settle(); log.push('ds ' + w.desiredSize);
  resolvers.shift()(); await settle(); log.push('ds ' + w.desiredSize);
  return log;
});
check('streams/ws size strategy', async () => {
  const ws = new WritableStream({}, new ByteLengthQueuingStrategy({ highWaterMark: 8 }));
  const w = ws.getWriter();
  const out = [w.desiredSize];
  w.write(new Uint8Array(5)); out.push(w.desiredSize);
  w.write(new Uint8Array(5)); out.push(w.desiredSize);
  await settle(); out.push(w.desiredSize);
  return out;
});
check('streams/ws write rejects', async () => {
  const log = [];
  const ws = new WritableStream({ write(c) { if (c === 2) throw new RangeError('w'); log.push('wrote ' + c); } });
  const w = ws.getWriter();
  const ps = [w.write(1), w.write(2), w.write(3)];
  for (const p of ps) log.push(await outcome(p));
  log.push(await outcome(w.closed), await outcome(w.ready), w.desiredSize === null);
  log.push(await outcome(w.write(4)), await outcome(w.close()));
  return log;
});
check('streams/ws abort', async () => {
  const log = [];
  const ws = recordingSink(log);
  const w = ws.getWriter();
  const p1 = w.write('x');
  const pa = w.abort('stop');
  log.push(await outcome(p1), await outcome(pa), await outcome(w.closed), await outcome(w.ready));
  log.push(await outcome(w.abort('again')));
  return log;
});
check('streams/ws abort while write in flight', async () => {
  const log = [];
  let finish;
  const ws = new WritableStream({ write() { log.push('write'); return new Promise((r) => { finish = r; }); }, abort(r) { log.push('abort ' + r); } });
  const w = ws.getWriter();
  const p1 = w.write(1); const p2 = w.write(2);
  await settle();
  const pa = w.abort('why');
  p1.then(() => log.push('p1 ok'), (e) => log.push('p1 ' + e));
  p2.then(() => log.push('p2 ok'), (e) => log.push('p2 ' + e));
  pa.then(() => log.push('abort resolved'));
  await settle();
  log.push('finish');
  finish();
  await settle();
  log.push(await outcome(w.closed));
  return log;
});
check('streams/ws abort signal', async () => {
  const log = [];
  let ctrl;
  const ws = new WritableStream({ start(c) { ctrl = c; } });
  const sig = ctrl.signal;
  log.push(Object.prototype.toString.call(sig), sig.aborted, ctrl.signal === sig);
  sig.addEventListener('abort', () => log.push('abort event ' + sig.reason));
  await ws.abort('because');
  log.push(sig.aborted, sig.reason);
  let ctrl2;
  const ws2 = new WritableStream({ start(c) { ctrl2 = c; } });
  await ws2.abort();
  log.push(ctrl2.signal.aborted, errName(ctrl2.signal.reason));
  return log;
});
check('streams/ws close', async () => {
  const log = [];
  const ws = new WritableStream({ close() { log.push('close ' + arguments.length); } });
  const out = [await outcome(ws.close()), await outcome(ws.close()), await outcome(ws.abort('x'))];
  const w = ws.getWriter();
  out.push(await outcome(w.closed), w.desiredSize, await outcome(w.write(1)));
  return [log, out];
});
check('streams/ws close twice', async () => {
  const ws = new WritableStream();
  const w = ws.getWriter();
  const p1 = w.close();
  return [await outcome(w.close()), await outcome(p1)];
});
check('streams/ws close rejects', async () => {
  const ws = new WritableStream({ close() { throw new URIError('c'); } });
  const w = ws.getWriter();
  return [await outcome(w.close()), await outcome(w.closed), await outcome(w.ready)];
});
check('streams/ws locked', async () => {
  const ws = new WritableStream();
  const w = ws.getWriter();
  const out = [ws.locked];
  try { ws.getWriter(); } catch (e) { out.push(errName(e)); }
  try { new WritableStreamDefaultWriter(ws); } catch (e) { out.push(errName(e)); }
  out.push(await outcome(ws.abort()), await outcome(ws.close()));
  const closed = w.closed;
  w.releaseLock();
  out.push(ws.locked, await outcome(closed), await outcome(w.ready), await outcome(w.write(1)), await outcome(w.close()), await outcome(w.abort()));
  try { w.desiredSize; } catch (e) { out.push(errName(e)); }
  w.releaseLock();
  out.push(new WritableStreamDefaultWriter(ws) instanceof WritableStreamDefaultWriter);
  return out;
});
check('streams/ws start delays writes', async () => {
  const log = [];
  let go;
  const ws = new WritableStream({ start() { log.push('start'); return new Promise((r) => { go = r; }); }, write(c) { log.push('write ' + c); } });
  const w = ws.getWriter();
  w.write('a');
  await settle();
  log.push('before go');
  go();
  await settle();
  return log;
});
check('streams/ws start rejects', async () => {
  const ws = new WritableStream({ start() { return Promise.reject(new SyntaxError('s')); } });
  const w = ws.getWriter();
  return [await outcome(w.write(1)), await outcome(w.closed)];
});
check('streams/ws controller error', async () => {
  let ctrl;
  const ws = new WritableStream({ start(c) { ctrl = c; } });
  const w = ws.getWriter();
  ctrl.error(new RangeError('e'));
  ctrl.error(new TypeError('ignored'));
  return [await outcome(w.closed), await outcome(w.write(1)), w.desiredSize];
});
check('streams/ws write args', async () => {
  const log = [];
  const sink = { write(chunk, c) { log.push(this === sink, arguments.length, chunk, Object.prototype.toString.call(c)); } };
  const ws = new WritableStream(sink);
  await ws.getWriter().write('z');
  return log;
});
check('streams/ws constructor errors', () => [[{ type: 'x' }], [{ write: 1 }], [null], [5], [{}, { highWaterMark: -1 }], [{}, { size: 'a' }], [{ type: undefined }]].map((a) => {
  try { new WritableStream(...a); return 'ok'; } catch (e) { return errName(e); }
}));
check('streams/ws size throws', async () => {
  const ws = new WritableStream({}, { size() { throw new RangeError('sz'); } });
  const w = ws.getWriter();
  return [await outcome(w.write(1)), await outcome(w.closed)];
});
check('streams/writer ready when erroring', async () => {
  let finish;
  const ws = new WritableStream({ write() { return new Promise((r) => { finish = r; }); } });
  const w = ws.getWriter();
  w.write(1);
  await settle();
  w.abort('a');
  w.releaseLock();
  const w2 = ws.getWriter();
  const out = [await outcome(w2.ready), w2.desiredSize];
  finish();
  out.push(await outcome(w2.closed));
  return out;
});

// ---------- pipes ----------
check('streams/pipeTo basic', async () => {
  const log = [];
  const rs = new ReadableStream({ start(c) { c.enqueue('a'); c.enqueue('b'); c.close(); } });
  const p = rs.pipeTo(recordingSink(log));
  log.push(rs.locked);
  log.push(await outcome(p));
  log.push(rs.locked);
  return log;
});
check('streams/pipeTo preventClose', async () => {
  const log = [];
  const rs = new ReadableStream({ start(c) { c.enqueue('a'); c.close(); } });
  const ws = recordingSink(log);
  log.push(await outcome(rs.pipeTo(ws, { preventClose: true })));
  log.push(ws.locked);
  await ws.getWriter().write('after');
  return log;
});
check('streams/pipeTo source error aborts', async () => {
  const log = [];
  const rs = new ReadableStream({ start(c) { c.enqueue('a'); c.error('src'); } });
  log.push(await outcome(rs.pipeTo(recordingSink(log))));
  return log;
});
check('streams/pipeTo preventAbort', async () => {
  const log = [];
  const rs = new ReadableStream({ start(c) { c.error('src'); } });
  const ws = recordingSink(log);
  log.push(await outcome(rs.pipeTo(ws, { preventAbort: true })));
  log.push(ws.locked);
  return log;
});
check('streams/pipeTo dest error cancels', async () => {
  const log = [];
  const rs = new ReadableStream({ pull(c) { c.enqueue('x'); }, cancel(r) { log.push('cancel ' + r); } });
  const ws = new WritableStream({ write() { throw 'dest'; } });
  log.push(await outcome(rs.pipeTo(ws)));
  return log;
});
check('streams/pipeTo preventCancel', async () => {
  const log = [];
  const rs = new ReadableStream({ pull(c) { c.enqueue('x'); }, cancel(r) { log.push('cancel ' + r); } });
  const ws = new WritableStream({ write() { throw 'dest'; } });
  log.push(await outcome(rs.pipeTo(ws, { preventCancel: true })));
  log.push(rs.locked);
  return log;
});
check('streams/pipeTo closed dest', async () => {
  const log = [];
  const ws = new WritableStream();
  await ws.close();
  const rs = new ReadableStream({ cancel(r) { log.push('cancel ' + errName(r)); } });
  log.push(await outcome(rs.pipeTo(ws)));
  return log;
});
check('streams/pipeTo errored dest', async () => {
  const log = [];
  const ws = new WritableStream({ start(c) { c.error('werr'); } });
  await settle();
  const rs = new ReadableStream({ cancel(r) { log.push('cancel ' + r); } });
  log.push(await outcome(rs.pipeTo(ws)));
  return log;
});
check('streams/pipeTo signal already aborted', async () => {
  const log = [];
  const rs = new ReadableStream({ cancel(r) { log.push('cancel ' + errName(r)); } });
  const ws = recordingSink(log);
  const ac = new AbortController();
  ac.abort();
  log.push(await outcome(rs.pipeTo(ws, { signal: ac.signal })));
  return log;
});
check('streams/pipeTo signal abort with reason', async () => {
  const log = [];
  let i = 0;
  const rs = new ReadableStream({ pull(c) { c.enqueue(i++); }, cancel(r) { log.push('cancel ' + r); } }, { highWaterMark: 0 });
  const ws = new WritableStream({ write(c) { log.push('write ' + c); if (c === 2) ac.abort('stop'); }, abort(r) { log.push('abort ' + r); } });
  const ac = new AbortController();
  log.push(await outcome(rs.pipeTo(ws, { signal: ac.signal })));
  log.push(rs.locked, ws.locked);
  return log;
});
check('streams/pipeTo signal preventAbort preventCancel', async () => {
  const log = [];
  const rs = new ReadableStream({ cancel() { log.push('cancel'); } });
  const ws = new WritableStream({ abort() { log.push('abort'); } });
  const ac = new AbortController();
  const p = rs.pipeTo(ws, { signal: ac.signal, preventAbort: true, preventCancel: true });
  await settle();
  ac.abort(new RangeError('r'));
  log.push(await outcome(p), rs.locked, ws.locked);
  return log;
});
check('streams/pipeTo bad args', async () => {
  const rs = new ReadableStream();
  const out = [];
  out.push(await outcome(rs.pipeTo({})));
  out.push(await outcome(rs.pipeTo(new WritableStream(), { signal: {} })));
  const ws = new WritableStream(); ws.getWriter();
  out.push(await outcome(rs.pipeTo(ws)));
  rs.getReader();
  out.push(await outcome(rs.pipeTo(new WritableStream())));
  return out;
});
check('streams/pipeTo waits for writes before close', async () => {
  const log = [];
  const rs = new ReadableStream({ start(c) { c.enqueue(1); c.enqueue(2); c.close(); } });
  const ws = new WritableStream({
    write(c) { log.push('write ' + c); return new Promise((r) => setTimeout(() => { log.push('wrote ' + c); r(); }, 1)); },
    close() { log.push('close'); },
  });
  await rs.pipeTo(ws);
  log.push('done');
  return log;
});
check('streams/pipeTo backpressure', async () => {
  const log = [];
  let i = 0;
  const rs = new ReadableStream({ pull(c) { log.push('pull ' + i); c.enqueue(i++); if (i === 5) c.close(); } }, { highWaterMark: 1 });
  const ws = new WritableStream({ write(c) { log.push('write ' + c); return new Promise((r) => setTimeout(r, 1)); } }, { highWaterMark: 1 });
  await rs.pipeTo(ws);
  return log;
});
check('streams/pipeThrough', async () => {
  const rs = new ReadableStream({ start(c) { c.enqueue('a'); c.enqueue('b'); c.close(); } });
  const out = rs.pipeThrough(new TransformStream({ transform(ch, c) { c.enqueue(ch.toUpperCase()); } }));
  return [rs.locked, out instanceof ReadableStream, await readAll(out)];
});
check('streams/pipeThrough errors', () => {
  const out = [];
  const good = new TransformStream();
  for (const [rs, t] of [[new ReadableStream(), {}], [new ReadableStream(), { readable: new ReadableStream() }], [new ReadableStream(), { writable: new WritableStream() }], [new ReadableStream(), null]]) {
    try { rs.pipeThrough(t); out.push('ok'); } catch (e) { out.push(errName(e)); }
  }
  const locked = new ReadableStream(); locked.getReader();
  try { locked.pipeThrough(good); } catch (e) { out.push(errName(e)); }
  const t2 = new TransformStream(); t2.writable.getWriter();
  try { new ReadableStream().pipeThrough(t2); } catch (e) { out.push(errName(e)); }
  try { new ReadableStream().pipeThrough(new TransformStream(), { signal: 1 }); } catch (e) { out.push(errName(e)); }
  return out;
});
check('streams/pipeThrough readable getter', () => {
  const log = [];
  const pair = { get readable() { log.push('readable'); return new ReadableStream(); }, get writable() { log.push('writable'); return new WritableStream(); } };
  new ReadableStream().pipeThrough(pair);
  return log;
});

// ---------- TransformStream ----------
check('streams/ts identity', async () => {
  const ts = new TransformStream();
  const w = ts.writable.getWriter();
  w.write('a'); w.write('b'); w.close();
  return readAll(ts.readable);
});
check('streams/ts transform flush order', async () => {
  const log = [];
  const ts = new TransformStream({
    start(c) { log.push('start ' + c.desiredSize); },
    transform(chunk, c) { log.push('transform ' + chunk); c.enqueue(chunk + chunk); },
    flush(c) { log.push('flush ' + arguments.length); c.enqueue('end'); },
  });
  const w = ts.writable.getWriter();
  const r = ts.readable.getReader();
  w.write('x').then(() => log.push('write x done'));
  w.write('y').then(() => log.push('write y done'));
  w.close().then(() => log.push('close done'));
  for (;;) { const { value, done } = await r.read(); log.push('read ' + value); if (done) break; }
  return log;
});
check('streams/ts backpressure', async () => {
  const log = [];
  const ts = new TransformStream({ transform(chunk, c) { log.push('transform ' + chunk + ' ds ' + c.desiredSize); c.enqueue(chunk); } }, undefined, { highWaterMark: 1 });
  const w = ts.writable.getWriter();
  log.push('w ds ' + w.desiredSize);
  w.write(1); w.write(2); w.write(3);
  await settle();
  log.push('w ds ' + w.desiredSize);
  const r = ts.readable.getReader();
  log.push((await r.read()).value);
  await settle();
  log.push('w ds ' + w.desiredSize);
  log.push((await r.read()).value, (await r.read()).value);
  await settle();
  log.push('w ds ' + w.desiredSize);
  return log;
});
check('streams/ts strategies', () => {
  const ts = new TransformStream({}, { highWaterMark: 4 }, { highWaterMark: 3 });
  const w = ts.writable.getWriter();
  let rc;
  new TransformStream({ start(c) { rc = c; } }, undefined, { highWaterMark: 5, size: () => 2 });
  return [w.desiredSize, rc.desiredSize];
});
check('streams/ts transform throws', async () => {
  const ts = new TransformStream({ transform() { throw new RangeError('t'); } });
  const w = ts.writable.getWriter();
  const r = ts.readable.getReader();
  return Promise.all([outcome(w.write(1)), outcome(r.read()), outcome(w.closed)]);
});
check('streams/ts flush throws', async () => {
  const ts = new TransformStream({ flush() { throw new SyntaxError('f'); } });
  const w = ts.writable.getWriter();
  const r = ts.readable.getReader();
  return [await outcome(w.close()), await outcome(r.read())];
});
check('streams/ts controller error', async () => {
  const ts = new TransformStream({ transform(ch, c) { c.error(new URIError('u')); } });
  const w = ts.writable.getWriter();
  const r = ts.readable.getReader();
  return Promise.all([outcome(w.write(1)), outcome(r.read()), outcome(r.closed), outcome(w.closed)]);
});
check('streams/ts terminate', async () => {
  const log = [];
  const ts = new TransformStream({ transform(ch, c) { c.enqueue(ch); c.terminate(); } });
  const w = ts.writable.getWriter();
  const r = ts.readable.getReader();
  const first = r.read();
  log.push(await outcome(w.write('a')));
  log.push(await first, await r.read());
  log.push(await outcome(w.write('b')), await outcome(w.closed));
  return log;
});
check('streams/ts enqueue after terminate', async () => {
  let ctrl;
  const ts = new TransformStream({ start(c) { ctrl = c; } });
  ctrl.terminate();
  try { ctrl.enqueue(1); return 'no'; } catch (e) { return [errName(e), await outcome(ts.readable.getReader().read())]; }
});
check('streams/ts readable cancel', async () => {
  const log = [];
  const ts = new TransformStream({ cancel(r) { log.push('cancel ' + r); } });
  const w = ts.writable.getWriter();
  log.push(await outcome(ts.readable.cancel('rc')));
  log.push(await outcome(w.closed), await outcome(w.write(1)));
  return log;
});
check('streams/ts writable abort', async () => {
  const log = [];
  const ts = new TransformStream({ cancel(r) { log.push('cancel ' + r); } });
  const r = ts.readable.getReader();
  log.push(await outcome(ts.writable.abort('wa')));
  log.push(await outcome(r.closed));
  return log;
});
check('streams/ts constructor errors', () => [[{ readableType: 'bytes' }], [{ writableType: 'x' }], [{ transform: 1 }], [null], [{}, { highWaterMark: -1 }], [{}, {}, { size: 1 }], [1]].map((a) => {
  try { new TransformStream(...a); return 'ok'; } catch (e) { return errName(e); }
}));
check('streams/ts start async', async () => {
  const log = [];
  let go;
  const ts = new TransformStream({ start() { return new Promise((r) => { go = r; }); }, transform(ch, c) { log.push('t ' + ch); c.enqueue(ch); } });
  const w = ts.writable.getWriter();
  w.write(1);
  const r = ts.readable.getReader();
  const p = r.read();
  await settle();
  log.push('started?');
  go();
  log.push((await p).value);
  return log;
});
check('streams/ts chain', async () => {
  const rs = ReadableStream.from([1, 2, 3]);
  const double = new TransformStream({ transform(ch, c) { c.enqueue(ch * 2); } });
  const plusOne = new TransformStream({ transform(ch, c) { c.enqueue(ch + 1); c.enqueue(0); } });
  return readAll(rs.pipeThrough(double).pipeThrough(plusOne));
});
check('streams/ts async transform', async () => {
  const log = [];
  const ts = new TransformStream({
    async transform(ch, c) { log.push('begin ' + ch); await null; await null; c.enqueue(ch); log.push('end ' + ch); },
  });
  const w = ts.writable.getWriter();
  w.write(1); w.write(2); w.close();
  log.push(await readAll(ts.readable));
  return log;
});
check('streams/ts controller shape', () => {
  let ctrl;
  new TransformStream({ start(c) { ctrl = c; } });
  return [Object.prototype.toString.call(ctrl), Object.keys(TransformStreamDefaultController.prototype).sort()];
});

// ---------- queuing strategies ----------
check('streams/CountQueuingStrategy', () => {
  const s = new CountQueuingStrategy({ highWaterMark: 5 });
  const s2 = new CountQueuingStrategy({ highWaterMark: '3' });
  return [s.highWaterMark, s2.highWaterMark, s.size(), s.size('abc'), s.size === s2.size, s.size.name, s.size.length, Object.keys(s)];
});
check('streams/ByteLengthQueuingStrategy', () => {
  const s = new ByteLengthQueuingStrategy({ highWaterMark: 16 });
  return [s.highWaterMark, s.size(new Uint8Array(7)), s.size({ byteLength: 3 }), s.size.name, s.size.length, s.size === new ByteLengthQueuingStrategy({ highWaterMark: 1 }).size];
});
check('streams/strategy errors', () => [[], [{}], [null], [5], [{ highWaterMark: -1 }], [{ highWaterMark: 'x' }]].map((a) => {
  const r = [];
  for (const C of [CountQueuingStrategy, ByteLengthQueuingStrategy]) {
    try { r.push(new C(...a).highWaterMark); } catch (e) { r.push(errName(e)); }
  }
  return r;
}));
check('streams/strategy size throws on missing', () => {
  try { new ByteLengthQueuingStrategy({ highWaterMark: 1 }).size(); return 'no'; } catch (e) { return errName(e); }
});

// ---------- encoding streams ----------
check('streams/TextEncoderStream', async () => {
  const ts = new TextEncoderStream();
  const w = ts.writable.getWriter();
  w.write('h\u00e9'); w.write(''); w.write(123); w.write('\ud83d'); w.write('\ude00!'); w.write('\ud800'); w.write('x'); w.close();
  const chunks = await readAll(ts.readable);
  return [ts.encoding, chunks.map((c) => [c.constructor.name, Array.from(c)])];
});
check('streams/TextEncoderStream trailing surrogate', async () => {
  const ts = new TextEncoderStream();
  const w = ts.writable.getWriter();
  w.write('a\ud83d'); w.close();
  return (await readAll(ts.readable)).map((c) => Array.from(c));
});
check('streams/TextDecoderStream split multibyte', async () => {
  const ts = new TextDecoderStream();
  const w = ts.writable.getWriter();
  const euro = new TextEncoder().encode('a\u20acb\ud83d\ude00');
  for (let i = 0; i < euro.length; i++) w.write(euro.subarray(i, i + 1));
  w.close();
  return [ts.encoding, ts.fatal, ts.ignoreBOM, await readAll(ts.readable)];
});
check('streams/TextDecoderStream options', async () => {
  const ts = new TextDecoderStream('utf-16le', { fatal: true, ignoreBOM: true });
  const w = ts.writable.getWriter();
  w.write(new Uint8Array([0x61, 0]).buffer); w.write(new Uint8Array([0x62])); w.write(new Uint8Array([0])); w.close();
  return [ts.encoding, ts.fatal, ts.ignoreBOM, await readAll(ts.readable)];
});
check('streams/TextDecoderStream incomplete at end', async () => {
  const ts = new TextDecoderStream();
  const w = ts.writable.getWriter();
  w.write(new Uint8Array([0x61, 0xe2, 0x82])); w.close();
  const ts2 = new TextDecoderStream('utf-8', { fatal: true });
  const w2 = ts2.writable.getWriter();
  w2.write(new Uint8Array([0xe2])); w2.close().catch(() => {});
  return [await readAll(ts.readable), await outcome(readAll(ts2.readable))];
});
check('streams/TextDecoderStream bad chunk', async () => {
  const ts = new TextDecoderStream();
  const w = ts.writable.getWriter();
  return Promise.all([outcome(w.write('str')), outcome(ts.readable.getReader().read())]);
});
check('streams/TextDecoderStream bad label', () => {
  try { new TextDecoderStream('nope'); return 'no'; } catch (e) { return errName(e); }
});
check('streams/TextDecoderStream BOM', async () => {
  const ts = new TextDecoderStream();
  const w = ts.writable.getWriter();
  w.write(new Uint8Array([0xef, 0xbb])); w.write(new Uint8Array([0xbf, 0x41])); w.close();
  return readAll(ts.readable);
});
check('streams/encode decode pipeline', async () => {
  const text = 'h\u00e9llo w\u00f6rld \ud83c\udf0d';
  const out = ReadableStream.from(['h\u00e9llo ', 'w\u00f6rld ', '\ud83c', '\udf0d']).pipeThrough(new TextEncoderStream()).pipeThrough(new TextDecoderStream());
  const s = (await readAll(out)).join('');
  return [s === text, s];
});

// ---------- Response bodies over streams ----------
check('streams/response body stream', async () => {
  const rs = new ReadableStream({ start(c) { c.enqueue(new TextEncoder().encode('he')); c.enqueue(new TextEncoder().encode('llo')); c.close(); } });
  return new Response(rs).text();
});
check('streams/response non-bytes chunk', async () => {
  const rs = new ReadableStream({ start(c) { c.enqueue('str'); c.close(); } });
  return outcome(new Response(rs).text());
});
check('streams/response body is byte stream', async () => {
  const res = new Response('abc');
  const r = res.body.getReader({ mode: 'byob' });
  const { value } = await r.read(new Uint8Array(2));
  return [Array.from(value), res.bodyUsed];
});
check('streams/large pipeline', async () => {
  let i = 0;
  const rs = new ReadableStream({ pull(c) { if (i === 3000) c.close(); else c.enqueue(i++); } });
  let sum = 0; let count = 0;
  await rs.pipeThrough(new TransformStream({ transform(ch, c) { c.enqueue(ch * 2); } })).pipeTo(new WritableStream({ write(ch) { sum += ch; count++; } }));
  return [sum, count];
});
check('streams/response DataView chunk', async () => {
  const rs = new ReadableStream({ start(c) { c.enqueue(new DataView(new ArrayBuffer(2))); c.close(); } });
  return outcome(new Response(rs).arrayBuffer());
});
check('streams/response body disturbed after read', async () => {
  const res = new Response(new ReadableStream({ start(c) { c.enqueue(new Uint8Array([104, 105])); c.close(); } }));
  const body = res.body;
  const text = await res.text();
  return [text, res.bodyUsed, body.locked, res.body === body, await outcome(res.text())];
});
check('streams/response errored stream', async () => {
  const res = new Response(new ReadableStream({ start(c) { c.enqueue(new Uint8Array([1])); c.error(new RangeError('x')); } }));
  return outcome(res.arrayBuffer());
});
check('streams/blob stream byob', async () => {
  const s = new Blob(['hello']).stream();
  const r = s.getReader({ mode: 'byob' });
  const a = await r.read(new Uint8Array(3));
  const b = await r.read(new Uint8Array(3));
  const c = await r.read(new Uint8Array(3));
  return [Array.from(a.value), Array.from(b.value), c.done];
});
check('streams/ws abort during close in flight', async () => {
  const log = [];
  let finish;
  const ws = new WritableStream({ close() { log.push('close'); return new Promise((r) => { finish = r; }); }, abort() { log.push('abort'); } });
  const w = ws.getWriter();
  const pc = w.close();
  await settle();
  const pa = w.abort('late');
  finish();
  log.push(await outcome(pc), await outcome(pa), await outcome(w.closed));
  return log;
});
check('streams/ts readable cancel during backpressured write', async () => {
  const log = [];
  const ts = new TransformStream({ transform(ch) { log.push('transform ' + ch); }, cancel(r) { log.push('cancel ' + r); } });
  const w = ts.writable.getWriter();
  const p = w.write('a');
  await settle();
  log.push(await outcome(ts.readable.cancel('stop')), await outcome(p), await outcome(w.closed));
  return log;
});
check('streams/from throwing iterator', async () => {
  const it = { [Symbol.iterator]() { return { next() { throw new RangeError('n'); } }; } };
  const rs = ReadableStream.from(it);
  return outcome(rs.getReader().read());
});
check('streams/pipeTo preventClose closed source', async () => {
  const log = [];
  const rs = new ReadableStream({ start(c) { c.close(); } });
  const ws = recordingSink(log);
  log.push(await outcome(rs.pipeTo(ws, { preventClose: true })), ws.locked);
  return log;
});
check('streams/tee then cancel source via branch readers', async () => {
  const log = [];
  let i = 0;
  const rs = new ReadableStream({ pull(c) { c.enqueue(i++); }, cancel(r) { log.push(r); } });
  const [a, b] = rs.tee();
  const ra = a.getReader(); const rb = b.getReader();
  log.push((await ra.read()).value, (await rb.read()).value);
  await Promise.all([ra.cancel('x'), rb.cancel('y')]);
  return log;
});
check('streams/byob reader releaseLock then default reader', async () => {
  const rs = new ReadableStream({ type: 'bytes', start(c) { c.enqueue(new Uint8Array([1, 2, 3])); c.close(); } });
  const r = rs.getReader({ mode: 'byob' });
  const a = await r.read(new Uint8Array(1));
  r.releaseLock();
  const rest = await readAll(rs);
  return [Array.from(a.value), rest.map((x) => Array.from(x))];
});
check('streams/response many queued chunks', async () => {
  const rs = new ReadableStream({ start(c) { for (let i = 0; i < 20000; i++) c.enqueue(new Uint8Array([i & 255])); c.close(); } });
  const buf = new Uint8Array(await new Response(rs).arrayBuffer());
  return [buf.length, buf[0], buf[19999]];
});
