// Streams: the WHATWG Streams Standard (https://streams.spec.whatwg.org/).
//
// Every public object (stream, reader, writer, controller) keeps its state in an internal
// record held in one private field; the abstract operations below work on records, so the
// layer's own readers (pipeTo, tee, __kw.readAllBytes) never allocate public objects.
// Names follow the spec's abstract operations.
//
// Hooks for other files (on __kw):
//   __kw.readAllBytes(stream) -> Promise<Uint8Array>: reads every chunk (each must be a
//     Uint8Array, else TypeError) and concatenates them; leaves the stream locked. The caller
//     owns the result's buffer (it may be a partial view of it).
//   __kw.isDisturbed(stream) -> boolean: whether the stream was ever read or canceled.
//   __kw.isReadableStream(x) -> boolean.
//   __kw.streamFromBytes(u8) -> ReadableStream: a byte stream yielding u8 then closing; the
//     stream takes ownership of u8 (callers pass a copy they no longer touch).
//   __kw.createPullStream(pull, cancel) -> ReadableStream: a byte stream (high-water mark 0)
//     whose chunks come from `pull()`, returning (a promise of) a Uint8Array, or null at the
//     end; `cancel(reason)` is called when the consumer cancels.

const { webidlClass, defineGlobal } = __kw;
const then = Promise.prototype.then;
const noop = () => {};
const resolvedWith = (v) => Promise.resolve(v);
const rejectedWith = (e) => Promise.reject(e);
const KEY = {}; // constructs public objects around internal records
const tick = Promise.resolve();
const AsyncIteratorPrototype = Object.getPrototypeOf(Object.getPrototypeOf((async function* () {}).prototype));

function markHandled(p) { then.call(p, undefined, noop); }
function upon(p, f, r) { then.call(p, f, r || noop); }
const isObject = (x) => (typeof x === 'object' && x !== null) || typeof x === 'function';
const illegal = () => new TypeError('Illegal invocation');

class Deferred {
  constructor() {
    this.pending = true;
    this.promise = new Promise((res, rej) => { this.res = res; this.rej = rej; });
  }
  resolve(v) { if (this.pending) { this.pending = false; this.res(v); } }
  reject(e) { if (this.pending) { this.pending = false; this.rej(e); } }
}
function settled(ok, v) {
  const d = new Deferred();
  if (ok) d.resolve(v); else { d.reject(v); markHandled(d.promise); }
  return d;
}

// A FIFO: an array with a head index, so dequeuing is O(1).
class Queue {
  constructor() { this.a = []; this.h = 0; }
  get size() { return this.a.length - this.h; }
  push(v) { this.a.push(v); }
  peek() { return this.a[this.h]; }
  shift() {
    const a = this.a; const v = a[this.h];
    a[this.h++] = undefined;
    if (this.h === a.length) { a.length = 0; this.h = 0; } else if (this.h > 1024 && this.h * 2 > a.length) { this.a = a.slice(this.h); this.h = 0; }
    return v;
  }
}

// Web IDL helpers.
function dictionary(v, what) {
  if (v !== undefined && v !== null && !isObject(v)) throw new TypeError(`${what} must be an object`);
  return v == null ? {} : v;
}
function callback(v, what) {
  if (v !== undefined && typeof v !== 'function') throw new TypeError(`${what} must be a function`);
  return v;
}
function enforceRange(v, what) {
  const n = Number(v);
  if (!Number.isFinite(n)) throw new TypeError(`${what} must be a finite number`);
  const t = Math.trunc(n) + 0;
  if (t < 0 || t > Number.MAX_SAFE_INTEGER) throw new TypeError(`${what} is out of range`);
  return t;
}
// QueuingStrategy conversion: returns [highWaterMark or undefined, size or undefined].
function strategyOf(s) {
  s = dictionary(s, 'strategy');
  let hwm = s.highWaterMark;
  if (hwm !== undefined) hwm = Number(hwm);
  return [hwm, callback(s.size, 'size')];
}
function extractHWM(hwm, dflt) {
  if (hwm === undefined) return dflt;
  if (Number.isNaN(hwm) || hwm < 0) throw new RangeError('Invalid highWaterMark');
  return hwm;
}
const one = () => 1;
const extractSize = (size) => (size === undefined ? one : (chunk) => size(chunk));
// Calls an underlying source/sink/transformer method; the result as a promise.
function invoke(fn, obj, args) {
  try { return resolvedWith(Reflect.apply(fn, obj, args)); } catch (e) { return rejectedWith(e); }
}
const resolvedAlgorithm = () => resolvedWith(undefined);
// Algorithms from optional methods taking no argument, one argument, or one plus the controller.
const alg0 = (obj, fn, a) => (fn === undefined ? resolvedAlgorithm : () => invoke(fn, obj, a));
const alg1 = (obj, fn) => (fn === undefined ? resolvedAlgorithm : (x) => invoke(fn, obj, [x]));

// Queue-with-sizes (values and sizes interleaved).
function enqueueValueWithSize(c, v, size) {
  if (typeof size !== 'number' || Number.isNaN(size) || size < 0 || size === Infinity) throw new RangeError('Invalid chunk size');
  c.queue.push(v); c.queue.push(size);
  c.total += size;
}
function dequeueValue(c) {
  const v = c.queue.shift();
  c.total -= c.queue.shift();
  if (c.total < 0) c.total = 0;
  return v;
}
function resetQueue(c) { c.queue = new Queue(); c.total = 0; }

// Buffers.
const transfer = (buf) => {
  if (buf.detached) throw new TypeError('ArrayBuffer is detached');
  return buf.transfer();
};
const isDetached = (buf) => buf.detached === true;
function copyBytes(dst, dstOff, src, srcOff, n) {
  new Uint8Array(dst, dstOff, n).set(new Uint8Array(src, srcOff, n));
}
const cloneAsUint8 = (v) => new Uint8Array(new Uint8Array(v.buffer, v.byteOffset, v.byteLength));

// ===== ReadableStream internals =====

class RS {
  constructor() {
    this.state = 'readable'; this.reader = undefined; this.storedError = undefined;
    this.disturbed = false; this.controller = undefined; this.pub = undefined;
  }
}
class DefaultReader {
  constructor(s) {
    if (s.reader) throw new TypeError('ReadableStream is locked');
    this.byob = false; this.requests = new Queue(); this.pub = undefined;
    genericInitialize(this, s);
  }
}
class BYOBReader {
  constructor(s) {
    if (s.reader) throw new TypeError('ReadableStream is locked');
    if (!s.controller.byte) throw new TypeError('Cannot use a BYOB reader with a non-byte stream');
    this.byob = true; this.requests = new Queue(); this.pub = undefined;
    genericInitialize(this, s);
  }
}
function genericInitialize(r, s) {
  r.stream = s; s.reader = r;
  r.closed = s.state === 'readable' ? new Deferred() : settled(s.state === 'closed', s.storedError);
}
function genericRelease(r) {
  const s = r.stream;
  const e = new TypeError('Reader was released');
  if (s.state === 'readable') r.closed.reject(e); else r.closed = settled(false, e);
  markHandled(r.closed.promise);
  s.controller.releaseSteps();
  s.reader = undefined; r.stream = undefined;
}
function readerRelease(r) {
  genericRelease(r);
  errorRequests(r, new TypeError('Reader was released'));
}
function errorRequests(r, e) {
  const q = r.requests;
  r.requests = new Queue();
  while (q.size) q.shift().error(e);
}
function genericCancel(r, reason) { return readableStreamCancel(r.stream, reason); }

// A read request with the given steps (chunk/close/error).
class ReadRequest {
  constructor(chunk, close, error) { this.chunk = chunk; this.close = close; this.error = error; }
}
// The read request behind reader.read(): settles `promise` with a read result.
class PromiseReadRequest {
  constructor() { this.promise = new Promise((res, rej) => { this.res = res; this.rej = rej; }); }
  chunk(value) { this.res({ value, done: false }); }
  close(value) { this.res({ value, done: true }); }
  error(e) { this.rej(e); }
}

function readableStreamCancel(s, reason) {
  s.disturbed = true;
  if (s.state === 'closed') return resolvedWith(undefined);
  if (s.state === 'errored') return rejectedWith(s.storedError);
  readableStreamClose(s);
  const r = s.reader;
  if (r && r.byob) {
    const q = r.requests;
    r.requests = new Queue();
    while (q.size) q.shift().close(undefined);
  }
  return then.call(s.controller.cancelSteps(reason), noop);
}
function readableStreamClose(s) {
  s.state = 'closed';
  const r = s.reader;
  if (!r) return;
  r.closed.resolve(undefined);
  if (!r.byob) {
    const q = r.requests;
    r.requests = new Queue();
    while (q.size) q.shift().close(undefined);
  }
}
function readableStreamError(s, e) {
  s.state = 'errored'; s.storedError = e;
  const r = s.reader;
  if (!r) return;
  r.closed.reject(e);
  markHandled(r.closed.promise);
  errorRequests(r, e);
}
function fulfillReadRequest(s, chunk, done) {
  const req = s.reader.requests.shift();
  if (done) req.close(chunk); else req.chunk(chunk);
}
const numReadRequests = (s) => s.reader.requests.size;
const hasDefaultReader = (s) => s.reader !== undefined && !s.reader.byob;
const hasBYOBReader = (s) => s.reader !== undefined && s.reader.byob;

function defaultReaderRead(r, req) {
  const s = r.stream;
  s.disturbed = true;
  if (s.state === 'closed') req.close(undefined);
  else if (s.state === 'errored') req.error(s.storedError);
  else s.controller.pullSteps(req);
}

function callPullIfNeeded(c) {
  if (!c.shouldCallPull()) return;
  if (c.pulling) { c.pullAgain = true; return; }
  c.pulling = true;
  if (c.pulled === undefined) {
    c.pulled = () => {
      c.pulling = false;
      if (c.pullAgain) { c.pullAgain = false; callPullIfNeeded(c); }
    };
    c.pullFailed = (e) => c.error(e);
  }
  then.call(c.pull(), c.pulled, c.pullFailed);
}
function startController(c, start) {
  c.stream.controller = c;
  const r = start();
  upon(resolvedWith(r), () => { c.started = true; callPullIfNeeded(c); }, (e) => c.error(e));
}

// ReadableStreamDefaultController's record.
class DefaultController {
  constructor(s, pull, cancel, hwm, size) {
    this.stream = s; resetQueue(this); this.started = false; this.closeRequested = false;
    this.pulling = false; this.pullAgain = false; this.pull = pull; this.cancel = cancel;
    this.hwm = hwm; this.size = size; this.byte = false; this.pub = undefined;
    this.pulled = undefined; this.pullFailed = undefined;
  }
  canCloseOrEnqueue() { return !this.closeRequested && this.stream.state === 'readable'; }
  desiredSize() {
    const st = this.stream.state;
    return st === 'errored' ? null : st === 'closed' ? 0 : this.hwm - this.total;
  }
  shouldCallPull() {
    if (!this.canCloseOrEnqueue() || !this.started) return false;
    if (this.stream.reader && numReadRequests(this.stream) > 0) return true;
    return this.desiredSize() > 0;
  }
  clear() { this.pull = undefined; this.cancel = undefined; this.size = undefined; }
  close() {
    if (!this.canCloseOrEnqueue()) return;
    this.closeRequested = true;
    if (this.queue.size === 0) { this.clear(); readableStreamClose(this.stream); }
  }
  enqueue(chunk) {
    if (!this.canCloseOrEnqueue()) return;
    const s = this.stream;
    if (s.reader && numReadRequests(s) > 0) fulfillReadRequest(s, chunk, false);
    else {
      try { enqueueValueWithSize(this, chunk, this.size(chunk)); } catch (e) { this.error(e); throw e; }
    }
    callPullIfNeeded(this);
  }
  error(e) {
    if (this.stream.state !== 'readable') return;
    resetQueue(this); this.clear();
    readableStreamError(this.stream, e);
  }
  cancelSteps(reason) {
    resetQueue(this);
    const r = this.cancel(reason);
    this.clear();
    return r;
  }
  pullSteps(req) {
    if (this.queue.size > 0) {
      const chunk = dequeueValue(this);
      if (this.closeRequested && this.queue.size === 0) { this.clear(); readableStreamClose(this.stream); } else callPullIfNeeded(this);
      req.chunk(chunk);
    } else {
      this.stream.reader.requests.push(req);
      callPullIfNeeded(this);
    }
  }
  releaseSteps() {}
}

// ReadableByteStreamController's record.
class ByteController {
  constructor(s, pull, cancel, hwm, autoAllocateChunkSize) {
    this.stream = s; resetQueue(this); this.started = false; this.closeRequested = false;
    this.pulling = false; this.pullAgain = false; this.pull = pull; this.cancel = cancel;
    this.hwm = hwm; this.autoAllocateChunkSize = autoAllocateChunkSize; this.byobRequest = null;
    this.pendingPullIntos = []; this.byte = true; this.pub = undefined;
    this.pulled = undefined; this.pullFailed = undefined;
  }
  desiredSize() {
    const st = this.stream.state;
    return st === 'errored' ? null : st === 'closed' ? 0 : this.hwm - this.total;
  }
  shouldCallPull() {
    const s = this.stream;
    if (s.state !== 'readable' || this.closeRequested || !this.started) return false;
    if (s.reader && numReadRequests(s) > 0) return true;
    return this.desiredSize() > 0;
  }
  clear() { this.pull = undefined; this.cancel = undefined; }
  clearPendingPullIntos() { invalidateBYOBRequest(this); this.pendingPullIntos = []; }
  error(e) {
    if (this.stream.state !== 'readable') return;
    this.clearPendingPullIntos(); resetQueue(this); this.clear();
    readableStreamError(this.stream, e);
  }
  close() {
    const s = this.stream;
    if (this.closeRequested || s.state !== 'readable') return;
    if (this.total > 0) { this.closeRequested = true; return; }
    if (this.pendingPullIntos.length > 0) {
      const first = this.pendingPullIntos[0];
      if (first.bytesFilled % first.elementSize !== 0) {
        const e = new TypeError('Insufficient bytes to fill elements in the given buffer');
        this.error(e);
        throw e;
      }
    }
    this.clear();
    readableStreamClose(s);
  }
  enqueue(chunk) {
    const s = this.stream;
    if (this.closeRequested || s.state !== 'readable') return;
    const { buffer, byteOffset, byteLength } = chunk;
    if (isDetached(buffer)) throw new TypeError('chunk\'s buffer is detached');
    const transferred = transfer(buffer);
    if (this.pendingPullIntos.length > 0) {
      const first = this.pendingPullIntos[0];
      if (isDetached(first.buffer)) throw new TypeError('The BYOB request\'s buffer has been detached');
      invalidateBYOBRequest(this);
      first.buffer = transfer(first.buffer);
      if (first.readerType === 'none') enqueueDetachedPullInto(this, first);
    }
    if (hasDefaultReader(s)) {
      processReadRequestsUsingQueue(this);
      if (numReadRequests(s) === 0) enqueueChunk(this, transferred, byteOffset, byteLength);
      else {
        if (this.pendingPullIntos.length > 0) shiftPendingPullInto(this);
        fulfillReadRequest(s, new Uint8Array(transferred, byteOffset, byteLength), false);
      }
    } else if (hasBYOBReader(s)) {
      enqueueChunk(this, transferred, byteOffset, byteLength);
      commitAll(s, processPullIntosUsingQueue(this));
    } else enqueueChunk(this, transferred, byteOffset, byteLength);
    callPullIfNeeded(this);
  }
  cancelSteps(reason) {
    this.clearPendingPullIntos(); resetQueue(this);
    const r = this.cancel(reason);
    this.clear();
    return r;
  }
  pullSteps(req) {
    const s = this.stream;
    if (this.total > 0) { fillReadRequestFromQueue(this, req); return; }
    const size = this.autoAllocateChunkSize;
    if (size !== undefined) {
      let buffer;
      try { buffer = new ArrayBuffer(size); } catch (e) { req.error(e); return; }
      this.pendingPullIntos.push(new PullInto(buffer, 0, size, 1, 1, Uint8Array, 'default'));
    }
    s.reader.requests.push(req);
    callPullIfNeeded(this);
  }
  releaseSteps() {
    if (this.pendingPullIntos.length > 0) {
      const first = this.pendingPullIntos[0];
      first.readerType = 'none';
      this.pendingPullIntos = [first];
    }
  }
}
class PullInto {
  constructor(buffer, byteOffset, byteLength, minimumFill, elementSize, ctor, readerType) {
    this.buffer = buffer; this.bufferByteLength = buffer.byteLength; this.byteOffset = byteOffset;
    this.byteLength = byteLength; this.bytesFilled = 0; this.minimumFill = minimumFill;
    this.elementSize = elementSize; this.ctor = ctor; this.readerType = readerType;
  }
}
class QueueEntry {
  constructor(buffer, byteOffset, byteLength) { this.buffer = buffer; this.byteOffset = byteOffset; this.byteLength = byteLength; }
}
function enqueueChunk(c, buffer, byteOffset, byteLength) {
  c.queue.push(new QueueEntry(buffer, byteOffset, byteLength));
  c.total += byteLength;
}
function enqueueClonedChunk(c, buffer, byteOffset, byteLength) {
  let clone;
  try { clone = buffer.slice(byteOffset, byteOffset + byteLength); } catch (e) { c.error(e); throw e; }
  enqueueChunk(c, clone, 0, byteLength);
}
function enqueueDetachedPullInto(c, p) {
  if (p.bytesFilled > 0) enqueueClonedChunk(c, p.buffer, p.byteOffset, p.bytesFilled);
  shiftPendingPullInto(c);
}
function processReadRequestsUsingQueue(c) {
  const r = c.stream.reader;
  while (r.requests.size > 0) {
    if (c.total === 0) return;
    fillReadRequestFromQueue(c, r.requests.shift());
  }
}
function fillReadRequestFromQueue(c, req) {
  const e = c.queue.shift();
  c.total -= e.byteLength;
  handleQueueDrain(c);
  req.chunk(new Uint8Array(e.buffer, e.byteOffset, e.byteLength));
}
function handleQueueDrain(c) {
  if (c.total === 0 && c.closeRequested) { c.clear(); readableStreamClose(c.stream); } else callPullIfNeeded(c);
}
function processPullIntosUsingQueue(c) {
  const filled = [];
  while (c.pendingPullIntos.length > 0) {
    if (c.total === 0) break;
    const p = c.pendingPullIntos[0];
    if (fillPullIntoFromQueue(c, p)) { shiftPendingPullInto(c); filled.push(p); }
  }
  return filled;
}
function fillPullIntoFromQueue(c, p) {
  const maxBytesToCopy = Math.min(c.total, p.byteLength - p.bytesFilled);
  const maxBytesFilled = p.bytesFilled + maxBytesToCopy;
  let remaining = maxBytesToCopy; let ready = false;
  const maxAligned = maxBytesFilled - (maxBytesFilled % p.elementSize);
  if (maxAligned >= p.minimumFill) { remaining = maxAligned - p.bytesFilled; ready = true; }
  while (remaining > 0) {
    const head = c.queue.peek();
    const n = Math.min(remaining, head.byteLength);
    copyBytes(p.buffer, p.byteOffset + p.bytesFilled, head.buffer, head.byteOffset, n);
    if (head.byteLength === n) c.queue.shift(); else { head.byteOffset += n; head.byteLength -= n; }
    c.total -= n;
    p.bytesFilled += n;
    remaining -= n;
  }
  return ready;
}
function convertPullInto(p) {
  return new p.ctor(transfer(p.buffer), p.byteOffset, p.bytesFilled / p.elementSize);
}
function commitPullInto(s, p) {
  const done = s.state === 'closed';
  // Read requests and read-into requests share the chunk/close/error shape.
  fulfillReadRequest(s, convertPullInto(p), done);
}
function commitAll(s, list) { for (const p of list) commitPullInto(s, p); }
function shiftPendingPullInto(c) { return c.pendingPullIntos.shift(); }
function invalidateBYOBRequest(c) {
  const req = c.byobRequest;
  if (req === null) return;
  req.controller = undefined; req.view = null;
  c.byobRequest = null;
}
function getBYOBRequest(c) {
  if (c.byobRequest === null && c.pendingPullIntos.length > 0) {
    const p = c.pendingPullIntos[0];
    const view = new Uint8Array(p.buffer, p.byteOffset + p.bytesFilled, p.byteLength - p.bytesFilled);
    const q = { controller: c, view, pub: undefined };
    q.pub = new ReadableStreamBYOBRequest(KEY, q);
    c.byobRequest = q;
  }
  return c.byobRequest;
}
function byteRespond(c, bytesWritten) {
  const first = c.pendingPullIntos[0];
  if (c.stream.state === 'closed') {
    if (bytesWritten !== 0) throw new TypeError('bytesWritten must be 0 when the stream is closed');
  } else {
    if (bytesWritten === 0) throw new TypeError('bytesWritten must be greater than 0 when the stream is readable');
    if (first.bytesFilled + bytesWritten > first.byteLength) throw new RangeError('bytesWritten out of range');
  }
  first.buffer = transfer(first.buffer);
  respondInternal(c, bytesWritten);
}
function respondInternal(c, bytesWritten) {
  const first = c.pendingPullIntos[0];
  const s = c.stream;
  invalidateBYOBRequest(c);
  if (s.state === 'closed') {
    if (first.readerType === 'none') shiftPendingPullInto(c);
    if (hasBYOBReader(s)) {
      const filled = [];
      while (filled.length < numReadRequests(s)) filled.push(shiftPendingPullInto(c));
      commitAll(s, filled);
    }
  } else {
    first.bytesFilled += bytesWritten;
    if (first.readerType === 'none') {
      enqueueDetachedPullInto(c, first);
      commitAll(s, processPullIntosUsingQueue(c));
    } else if (first.bytesFilled >= first.minimumFill) {
      shiftPendingPullInto(c);
      const rem = first.bytesFilled % first.elementSize;
      if (rem > 0) enqueueClonedChunk(c, first.buffer, first.byteOffset + first.bytesFilled - rem, rem);
      first.bytesFilled -= rem;
      const filled = processPullIntosUsingQueue(c);
      commitPullInto(s, first);
      commitAll(s, filled);
    }
  }
  callPullIfNeeded(c);
}
function byteRespondWithNewView(c, view) {
  const first = c.pendingPullIntos[0];
  if (c.stream.state === 'closed') {
    if (view.byteLength !== 0) throw new TypeError('The view\'s length must be 0 when the stream is closed');
  } else if (view.byteLength === 0) throw new TypeError('The view\'s length must be greater than 0 when the stream is readable');
  if (first.byteOffset + first.bytesFilled !== view.byteOffset) throw new RangeError('The region specified by view does not match byobRequest');
  if (first.bufferByteLength !== view.buffer.byteLength) throw new RangeError('The buffer of view has different capacity than byobRequest');
  if (first.bytesFilled + view.byteLength > first.byteLength) throw new RangeError('The region specified by view is larger than byobRequest');
  const n = view.byteLength;
  first.buffer = transfer(view.buffer);
  respondInternal(c, n);
}
function bytePullInto(c, view, min, req) {
  const s = c.stream;
  let elementSize = 1; let ctor = DataView;
  if (!(view instanceof DataView)) { elementSize = view.BYTES_PER_ELEMENT; ctor = view.constructor; }
  const { byteOffset, byteLength } = view;
  let buffer;
  try { buffer = transfer(view.buffer); } catch (e) { req.error(e); return; }
  const p = new PullInto(buffer, byteOffset, byteLength, min * elementSize, elementSize, ctor, 'byob');
  if (c.pendingPullIntos.length > 0) {
    c.pendingPullIntos.push(p);
    s.reader.requests.push(req);
    return;
  }
  if (s.state === 'closed') { req.close(new ctor(p.buffer, p.byteOffset, 0)); return; }
  if (c.total > 0) {
    if (fillPullIntoFromQueue(c, p)) {
      const filled = convertPullInto(p);
      handleQueueDrain(c);
      req.chunk(filled);
      return;
    }
    if (c.closeRequested) {
      const e = new TypeError('Insufficient bytes to fill elements in the given buffer');
      c.error(e);
      req.error(e);
      return;
    }
  }
  c.pendingPullIntos.push(p);
  s.reader.requests.push(req);
  callPullIfNeeded(c);
}

function createReadableStream(start, pull, cancel, hwm = 1, size = one) {
  const s = new RS();
  new ReadableStream(KEY, s);
  startController(new DefaultController(s, pull, cancel, hwm, size), start);
  return s;
}
function createByteStream(start, pull, cancel, hwm = 0) {
  const s = new RS();
  new ReadableStream(KEY, s);
  startController(new ByteController(s, pull, cancel, hwm, undefined), start);
  return s;
}

// ----- tee -----
function defaultTee(s) {
  const reader = new DefaultReader(s);
  let reading = false; let readAgain = false; let canceled1 = false; let canceled2 = false;
  let reason1; let reason2; let b1; let b2;
  const cancelPromise = new Deferred();
  const req = new ReadRequest((chunk) => {
    upon(tick, () => {
      readAgain = false;
      if (!canceled1) b1.controller.enqueue(chunk);
      if (!canceled2) b2.controller.enqueue(chunk);
      reading = false;
      if (readAgain) pull();
    });
  }, () => {
    reading = false;
    if (!canceled1) b1.controller.close();
    if (!canceled2) b2.controller.close();
    if (!canceled1 || !canceled2) cancelPromise.resolve(undefined);
  }, () => { reading = false; });
  function pull() {
    if (reading) { readAgain = true; return resolvedWith(undefined); }
    reading = true;
    defaultReaderRead(reader, req);
    return resolvedWith(undefined);
  }
  const cancel1 = (reason) => {
    canceled1 = true; reason1 = reason;
    if (canceled2) cancelPromise.resolve(readableStreamCancel(s, [reason1, reason2]));
    return cancelPromise.promise;
  };
  const cancel2 = (reason) => {
    canceled2 = true; reason2 = reason;
    if (canceled1) cancelPromise.resolve(readableStreamCancel(s, [reason1, reason2]));
    return cancelPromise.promise;
  };
  b1 = createReadableStream(noop, pull, cancel1);
  b2 = createReadableStream(noop, pull, cancel2);
  upon(reader.closed.promise, undefined, (r) => {
    b1.controller.error(r); b2.controller.error(r);
    if (!canceled1 || !canceled2) cancelPromise.resolve(undefined);
  });
  return [b1.pub, b2.pub];
}

function byteTee(s) {
  let reader = new DefaultReader(s);
  let reading = false; let readAgain1 = false; let readAgain2 = false;
  let canceled1 = false; let canceled2 = false; let reason1; let reason2; let b1; let b2;
  const cancelPromise = new Deferred();
  function forwardReaderError(r) {
    upon(r.closed.promise, undefined, (e) => {
      if (r !== reader) return;
      b1.controller.error(e); b2.controller.error(e);
      if (!canceled1 || !canceled2) cancelPromise.resolve(undefined);
    });
  }
  function afterChunk() {
    reading = false;
    if (readAgain1) pull1(); else if (readAgain2) pull2();
  }
  function cloneFailed(e) {
    b1.controller.error(e); b2.controller.error(e);
    cancelPromise.resolve(readableStreamCancel(s, e));
  }
  function pullWithDefaultReader() {
    if (reader.byob) { readerRelease(reader); reader = new DefaultReader(s); forwardReaderError(reader); }
    defaultReaderRead(reader, new ReadRequest((chunk) => {
      upon(tick, () => {
        readAgain1 = false; readAgain2 = false;
        let chunk2 = chunk;
        if (!canceled1 && !canceled2) {
          try { chunk2 = cloneAsUint8(chunk); } catch (e) { cloneFailed(e); return; }
        }
        if (!canceled1) b1.controller.enqueue(chunk);
        if (!canceled2) b2.controller.enqueue(chunk2);
        afterChunk();
      });
    }, () => {
      reading = false;
      if (!canceled1) b1.controller.close();
      if (!canceled2) b2.controller.close();
      if (b1.controller.pendingPullIntos.length > 0) byteRespond(b1.controller, 0);
      if (b2.controller.pendingPullIntos.length > 0) byteRespond(b2.controller, 0);
      if (!canceled1 || !canceled2) cancelPromise.resolve(undefined);
    }, () => { reading = false; }));
  }
  function pullWithBYOBReader(view, forBranch2) {
    if (!reader.byob) { readerRelease(reader); reader = new BYOBReader(s); forwardReaderError(reader); }
    const byobBranch = forBranch2 ? b2 : b1;
    const otherBranch = forBranch2 ? b1 : b2;
    byobReaderRead(reader, view, 1, new ReadRequest((chunk) => {
      upon(tick, () => {
        readAgain1 = false; readAgain2 = false;
        const byobCanceled = forBranch2 ? canceled2 : canceled1;
        const otherCanceled = forBranch2 ? canceled1 : canceled2;
        if (!otherCanceled) {
          let clone;
          try { clone = cloneAsUint8(chunk); } catch (e) { cloneFailed(e); return; }
          if (!byobCanceled) byteRespondWithNewView(byobBranch.controller, chunk);
          otherBranch.controller.enqueue(clone);
        } else if (!byobCanceled) byteRespondWithNewView(byobBranch.controller, chunk);
        afterChunk();
      });
    }, (chunk) => {
      reading = false;
      const byobCanceled = forBranch2 ? canceled2 : canceled1;
      const otherCanceled = forBranch2 ? canceled1 : canceled2;
      if (!byobCanceled) byobBranch.controller.close();
      if (!otherCanceled) otherBranch.controller.close();
      if (chunk !== undefined) {
        if (!byobCanceled) byteRespondWithNewView(byobBranch.controller, chunk);
        if (!otherCanceled && otherBranch.controller.pendingPullIntos.length > 0) byteRespond(otherBranch.controller, 0);
      }
      if (!byobCanceled || !otherCanceled) cancelPromise.resolve(undefined);
    }, () => { reading = false; }));
  }
  function pullBranch(branch, forBranch2) {
    if (reading) {
      if (forBranch2) readAgain2 = true; else readAgain1 = true;
      return resolvedWith(undefined);
    }
    reading = true;
    const req = getBYOBRequest(branch.controller);
    if (req === null) pullWithDefaultReader(); else pullWithBYOBReader(req.view, forBranch2);
    return resolvedWith(undefined);
  }
  const pull1 = () => pullBranch(b1, false);
  const pull2 = () => pullBranch(b2, true);
  const cancel1 = (reason) => {
    canceled1 = true; reason1 = reason;
    if (canceled2) cancelPromise.resolve(readableStreamCancel(s, [reason1, reason2]));
    return cancelPromise.promise;
  };
  const cancel2 = (reason) => {
    canceled2 = true; reason2 = reason;
    if (canceled1) cancelPromise.resolve(readableStreamCancel(s, [reason1, reason2]));
    return cancelPromise.promise;
  };
  b1 = createByteStream(noop, pull1, cancel1);
  b2 = createByteStream(noop, pull2, cancel2);
  forwardReaderError(reader);
  return [b1.pub, b2.pub];
}

function byobReaderRead(r, view, min, req) {
  const s = r.stream;
  s.disturbed = true;
  if (s.state === 'errored') req.error(s.storedError);
  else bytePullInto(s.controller, view, min, req);
}

// ----- pipeTo -----
function pipeTo(source, dest, preventClose, preventAbort, preventCancel, signal) {
  const reader = new DefaultReader(source);
  const writer = new Writer(dest);
  source.disturbed = true;
  let shuttingDown = false;
  let currentWrite = resolvedWith(undefined);
  const done = new Deferred();
  let abortAlgorithm;
  const pending = () => dest.state === 'writable' && !closeQueuedOrInFlight(dest);

  function waitForWritesToFinish() {
    const old = currentWrite;
    return then.call(currentWrite, () => (old !== currentWrite ? waitForWritesToFinish() : undefined));
  }
  function finalize(isError, error) {
    writerRelease(writer);
    readerRelease(reader);
    if (signal) signal.removeEventListener('abort', abortAlgorithm);
    if (isError) done.reject(error); else done.resolve(undefined);
  }
  function shutdownWithAction(action, isError, error) {
    if (shuttingDown) return;
    shuttingDown = true;
    const rest = () => upon(action(), () => finalize(isError, error), (e) => finalize(true, e));
    if (pending()) upon(waitForWritesToFinish(), rest); else rest();
  }
  function shutdown(isError, error) {
    if (shuttingDown) return;
    shuttingDown = true;
    if (pending()) upon(waitForWritesToFinish(), () => finalize(isError, error)); else finalize(isError, error);
  }
  if (signal) {
    abortAlgorithm = () => {
      const error = signal.reason;
      shutdownWithAction(() => Promise.all([
        !preventAbort && dest.state === 'writable' ? writableStreamAbort(dest, error) : undefined,
        !preventCancel && source.state === 'readable' ? readableStreamCancel(source, error) : undefined,
      ]), true, error);
    };
    if (signal.aborted) { abortAlgorithm(); return done.promise; }
    signal.addEventListener('abort', abortAlgorithm);
  }

  const step = (resolveLoop, rejectLoop) => {
    const next = (finished) => {
      if (finished) { resolveLoop(); return; }
      if (shuttingDown) { resolveLoop(); return; }
      upon(writer.ready.promise, () => {
        if (shuttingDown) { resolveLoop(); return; }
        defaultReaderRead(reader, new ReadRequest((chunk) => {
          currentWrite = then.call(writerWrite(writer, chunk), undefined, noop);
          next(false);
        }, () => next(true), rejectLoop));
      }, rejectLoop);
    };
    next(false);
  };

  // Errors must be propagated forward.
  if (source.state === 'errored') sourceErrored(source.storedError);
  else upon(reader.closed.promise, undefined, sourceErrored);
  function sourceErrored(e) {
    if (!preventAbort) shutdownWithAction(() => writableStreamAbort(dest, e), true, e); else shutdown(true, e);
  }
  // Errors must be propagated backward.
  if (dest.state === 'errored') destErrored(dest.storedError);
  else upon(writer.closed.promise, undefined, destErrored);
  function destErrored(e) {
    if (!preventCancel) shutdownWithAction(() => readableStreamCancel(source, e), true, e); else shutdown(true, e);
  }
  // Closing must be propagated forward.
  if (source.state === 'closed') sourceClosed();
  else upon(reader.closed.promise, sourceClosed);
  function sourceClosed() {
    if (!preventClose) shutdownWithAction(() => writerCloseWithErrorPropagation(writer)); else shutdown();
  }
  // Closing must be propagated backward.
  if (closeQueuedOrInFlight(dest) || dest.state === 'closed') {
    const e = new TypeError('the destination writable stream closed before all data could be piped to it');
    if (!preventCancel) shutdownWithAction(() => readableStreamCancel(source, e), true, e); else shutdown(true, e);
  }
  markHandled(new Promise(step));
  return done.promise;
}

// ----- async iteration -----
class AsyncIter {
  constructor(reader, preventCancel) {
    this.reader = reader; this.preventCancel = preventCancel; this.ongoing = null; this.finished = false;
  }
}
const END = {};
function iterNext(it) {
  const r = it.reader;
  const d = new Deferred();
  defaultReaderRead(r, new ReadRequest((chunk) => d.resolve(chunk), () => { readerRelease(r); d.resolve(END); }, (e) => { readerRelease(r); d.reject(e); }));
  return d.promise;
}
function iterReturn(it, value) {
  const r = it.reader;
  if (!it.preventCancel) {
    const result = genericCancel(r, value);
    readerRelease(r);
    return result;
  }
  readerRelease(r);
  return resolvedWith(undefined);
}
let iterOf;
class ReadableStreamAsyncIterator {
  #it;
  constructor(key, it) { if (key !== KEY) throw illegal(); this.#it = it; }
  static { iterOf = (x) => (isObject(x) && #it in x ? x.#it : undefined); }
  next() {
    const it = iterOf(this);
    if (!it) return rejectedWith(illegal());
    const nextSteps = () => {
      if (it.finished) return resolvedWith({ value: undefined, done: true });
      return then.call(iterNext(it), (v) => {
        it.ongoing = null;
        if (v === END) { it.finished = true; return { value: undefined, done: true }; }
        return { value: v, done: false };
      }, (e) => { it.ongoing = null; it.finished = true; throw e; });
    };
    it.ongoing = it.ongoing ? then.call(it.ongoing, nextSteps, nextSteps) : nextSteps();
    return it.ongoing;
  }
  return(value = undefined) {
    const it = iterOf(this);
    if (!it) return rejectedWith(illegal());
    const returnSteps = () => {
      if (it.finished) return resolvedWith({ value, done: true });
      it.finished = true;
      return iterReturn(it, value);
    };
    it.ongoing = it.ongoing ? then.call(it.ongoing, returnSteps, returnSteps) : returnSteps();
    return then.call(it.ongoing, () => ({ value, done: true }));
  }
}
Object.setPrototypeOf(ReadableStreamAsyncIterator.prototype, AsyncIteratorPrototype);
delete ReadableStreamAsyncIterator.prototype.constructor;
Object.defineProperty(ReadableStreamAsyncIterator.prototype, Symbol.toStringTag, { value: 'ReadableStream AsyncIterator', configurable: true });

// ----- ReadableStream.from -----
function getAsyncIterator(obj) {
  let m = obj == null ? undefined : obj[Symbol.asyncIterator];
  if (m == null) {
    const syncMethod = obj == null ? undefined : obj[Symbol.iterator];
    if (syncMethod === undefined || syncMethod === null) throw new TypeError('value is not async iterable');
    const syncIt = syncMethod.call(obj);
    if (!isObject(syncIt)) throw new TypeError('the iterator is not an object');
    const iterable = { [Symbol.iterator]: () => syncIt };
    const it = (async function* () { return yield* iterable; })();
    return [it, it.next];
  }
  if (typeof m !== 'function') throw new TypeError('value is not async iterable');
  const it = m.call(obj);
  if (!isObject(it)) throw new TypeError('the async iterator is not an object');
  return [it, it.next];
}
function readableStreamFromIterable(iterable) {
  const [iterator, nextMethod] = getAsyncIterator(iterable);
  let s;
  const pull = () => {
    let p;
    try { p = resolvedWith(nextMethod.call(iterator)); } catch (e) { return rejectedWith(e); }
    return then.call(p, (res) => {
      if (!isObject(res)) throw new TypeError('iterator result is not an object');
      if (res.done) s.controller.close(); else s.controller.enqueue(res.value);
    });
  };
  const cancel = (reason) => {
    let p;
    try {
      const ret = iterator.return;
      if (ret === undefined || ret === null) return resolvedWith(undefined);
      if (typeof ret !== 'function') throw new TypeError('iterator.return is not a function');
      p = resolvedWith(ret.call(iterator, reason));
    } catch (e) { return rejectedWith(e); }
    return then.call(p, (res) => { if (!isObject(res)) throw new TypeError('iterator result is not an object'); });
  };
  s = createReadableStream(noop, pull, cancel, 0);
  return s.pub;
}

// ===== public ReadableStream classes =====

let rsOf;
class ReadableStream {
  #s;
  constructor(underlyingSource = undefined, strategy = undefined) {
    if (underlyingSource === KEY) { this.#s = strategy; strategy.pub = this; return; }
    if (underlyingSource !== undefined && !isObject(underlyingSource)) throw new TypeError('underlyingSource must be an object');
    const [hwm, size] = strategyOf(strategy);
    const src = dictionary(underlyingSource);
    const autoAllocate = src.autoAllocateChunkSize;
    const chunkSize = autoAllocate === undefined ? undefined : enforceRange(autoAllocate, 'autoAllocateChunkSize');
    const cancel = callback(src.cancel, 'cancel');
    const pull = callback(src.pull, 'pull');
    const start = callback(src.start, 'start');
    let type = src.type;
    if (type !== undefined) {
      type = String(type);
      if (type !== 'bytes') throw new TypeError(`'${type}' is not a valid ReadableStream type`);
    }
    const s = new RS();
    this.#s = s; s.pub = this;
    let c;
    const cancelAlg = alg1(underlyingSource, cancel);
    if (type === 'bytes') {
      if (size !== undefined) throw new RangeError('The strategy for a byte stream cannot have a size function');
      const h = extractHWM(hwm, 0);
      if (chunkSize === 0) throw new TypeError('autoAllocateChunkSize must be greater than 0');
      c = new ByteController(s, undefined, cancelAlg, h, chunkSize);
      c.pub = new ReadableByteStreamController(KEY, c);
    } else {
      c = new DefaultController(s, undefined, cancelAlg, extractHWM(hwm, 1), extractSize(size));
      c.pub = new ReadableStreamDefaultController(KEY, c);
    }
    const args = [c.pub];
    c.pull = alg0(underlyingSource, pull, args);
    startController(c, start === undefined ? noop : () => Reflect.apply(start, underlyingSource, args));
  }
  static { rsOf = (x) => (isObject(x) && #s in x ? x.#s : undefined); }
  static from(asyncIterable) { return readableStreamFromIterable(asyncIterable); }
  get locked() { return this.#s.reader !== undefined; }
  cancel(reason = undefined) {
    const s = rsOf(this);
    if (!s) return rejectedWith(illegal());
    if (s.reader) return rejectedWith(new TypeError('ReadableStream is locked'));
    return readableStreamCancel(s, reason);
  }
  getReader(options = undefined) {
    const s = this.#s;
    let mode = dictionary(options, 'options').mode;
    if (mode === undefined) return readerPub(new DefaultReader(s));
    mode = String(mode);
    if (mode !== 'byob') throw new TypeError(`'${mode}' is not a valid reader mode`);
    return readerPub(new BYOBReader(s));
  }
  pipeThrough(transform, options = undefined) {
    const s = this.#s;
    transform = dictionary(transform, 'transform');
    const readable = transform.readable;
    if (!rsOf(readable)) throw new TypeError('transform.readable must be a ReadableStream');
    const ws = wsOf(transform.writable);
    if (!ws) throw new TypeError('transform.writable must be a WritableStream');
    const [preventAbort, preventCancel, preventClose, signal] = pipeOptions(options);
    if (s.reader) throw new TypeError('ReadableStream is locked');
    if (ws.writer) throw new TypeError('WritableStream is locked');
    markHandled(pipeTo(s, ws, preventClose, preventAbort, preventCancel, signal));
    return readable;
  }
  pipeTo(destination, options = undefined) {
    try {
      const s = rsOf(this);
      if (!s) throw illegal();
      const ws = wsOf(destination);
      if (!ws) throw new TypeError('destination must be a WritableStream');
      const [preventAbort, preventCancel, preventClose, signal] = pipeOptions(options);
      if (s.reader) throw new TypeError('ReadableStream is locked');
      if (ws.writer) throw new TypeError('WritableStream is locked');
      return pipeTo(s, ws, preventClose, preventAbort, preventCancel, signal);
    } catch (e) { return rejectedWith(e); }
  }
  tee() {
    const s = this.#s;
    return s.controller.byte ? byteTee(s) : defaultTee(s);
  }
  values(options = undefined) {
    const s = this.#s;
    const preventCancel = !!dictionary(options, 'options').preventCancel;
    return new ReadableStreamAsyncIterator(KEY, new AsyncIter(new DefaultReader(s), preventCancel));
  }
}
ReadableStream.prototype[Symbol.asyncIterator] = ReadableStream.prototype.values;
Object.defineProperty(ReadableStream, 'from', { enumerable: true });
Object.defineProperty(ReadableStream.prototype, Symbol.asyncIterator, { enumerable: false });

function pipeOptions(options) {
  options = dictionary(options, 'options');
  const preventAbort = !!options.preventAbort;
  const preventCancel = !!options.preventCancel;
  const preventClose = !!options.preventClose;
  const signal = options.signal;
  if (signal !== undefined && !(typeof AbortSignal === 'function' && signal instanceof AbortSignal)) throw new TypeError('options.signal must be an AbortSignal');
  return [preventAbort, preventCancel, preventClose, signal];
}

function readerPub(r) {
  if (r.byob) new ReadableStreamBYOBReader(KEY, r); else new ReadableStreamDefaultReader(KEY, r);
  return r.pub;
}

let readerOf;
class ReadableStreamDefaultReader {
  #r;
  constructor(stream, rec = undefined) {
    if (stream === KEY) { this.#r = rec; rec.pub = this; return; }
    const s = rsOf(stream);
    if (!s) throw new TypeError('stream must be a ReadableStream');
    this.#r = new DefaultReader(s); this.#r.pub = this;
  }
  static { readerOf = (x) => (isObject(x) && #r in x ? x.#r : undefined); }
  get closed() {
    const r = readerOf(this);
    return r ? r.closed.promise : rejectedWith(illegal());
  }
  read() {
    const r = readerOf(this);
    if (!r) return rejectedWith(illegal());
    if (!r.stream) return rejectedWith(new TypeError('Reader has no stream'));
    const req = new PromiseReadRequest();
    defaultReaderRead(r, req);
    return req.promise;
  }
  releaseLock() {
    const r = this.#r;
    if (r.stream) readerRelease(r);
  }
  cancel(reason = undefined) {
    const r = readerOf(this);
    if (!r) return rejectedWith(illegal());
    if (!r.stream) return rejectedWith(new TypeError('Reader has no stream'));
    return genericCancel(r, reason);
  }
}

let byobReaderOf;
class ReadableStreamBYOBReader {
  #r;
  constructor(stream, rec = undefined) {
    if (stream === KEY) { this.#r = rec; rec.pub = this; return; }
    const s = rsOf(stream);
    if (!s) throw new TypeError('stream must be a ReadableStream');
    this.#r = new BYOBReader(s); this.#r.pub = this;
  }
  static { byobReaderOf = (x) => (isObject(x) && #r in x ? x.#r : undefined); }
  get closed() {
    const r = byobReaderOf(this);
    return r ? r.closed.promise : rejectedWith(illegal());
  }
  read(view, options = undefined) {
    try {
      const r = byobReaderOf(this);
      if (!r) throw illegal();
      if (!ArrayBuffer.isView(view)) throw new TypeError('view must be an ArrayBufferView');
      options = dictionary(options, 'options');
      const min = options.min === undefined ? 1 : enforceRange(options.min, 'options.min');
      if (view.byteLength === 0) throw new TypeError('view must have non-zero byteLength');
      if (view.buffer.byteLength === 0) throw new TypeError('view\'s buffer must have non-zero byteLength');
      if (isDetached(view.buffer)) throw new TypeError('view\'s buffer has been detached');
      if (min === 0) throw new TypeError('options.min must be greater than 0');
      if (view instanceof DataView) {
        if (min > view.byteLength) throw new RangeError('options.min must be less than or equal to view\'s byteLength');
      } else if (min > view.length) throw new RangeError('options.min must be less than or equal to view\'s length');
      if (!r.stream) throw new TypeError('Reader has no stream');
      const req = new PromiseReadRequest();
      byobReaderRead(r, view, min, req);
      return req.promise;
    } catch (e) { return rejectedWith(e); }
  }
  releaseLock() {
    const r = this.#r;
    if (r.stream) readerRelease(r);
  }
  cancel(reason = undefined) {
    const r = byobReaderOf(this);
    if (!r) return rejectedWith(illegal());
    if (!r.stream) return rejectedWith(new TypeError('Reader has no stream'));
    return genericCancel(r, reason);
  }
}

class ReadableStreamDefaultController {
  #c;
  constructor(key = undefined, c = undefined) { if (key !== KEY) throw new TypeError('Illegal constructor'); this.#c = c; }
  get desiredSize() { return this.#c.desiredSize(); }
  close() {
    const c = this.#c;
    if (!c.canCloseOrEnqueue()) throw new TypeError('The stream is not in a state that permits close');
    c.close();
  }
  enqueue(chunk = undefined) {
    const c = this.#c;
    if (!c.canCloseOrEnqueue()) throw new TypeError('The stream is not in a state that permits enqueue');
    c.enqueue(chunk);
  }
  error(e = undefined) { this.#c.error(e); }
}

class ReadableByteStreamController {
  #c;
  constructor(key = undefined, c = undefined) { if (key !== KEY) throw new TypeError('Illegal constructor'); this.#c = c; }
  get byobRequest() {
    const q = getBYOBRequest(this.#c);
    return q === null ? null : q.pub;
  }
  get desiredSize() { return this.#c.desiredSize(); }
  close() {
    const c = this.#c;
    if (c.closeRequested) throw new TypeError('The stream is already closing');
    if (c.stream.state !== 'readable') throw new TypeError('The stream is not readable');
    c.close();
  }
  enqueue(chunk) {
    const c = this.#c;
    if (!ArrayBuffer.isView(chunk)) throw new TypeError('chunk must be an ArrayBufferView');
    if (chunk.byteLength === 0) throw new TypeError('chunk must have non-zero byteLength');
    if (chunk.buffer.byteLength === 0) throw new TypeError('chunk\'s buffer must have non-zero byteLength');
    if (c.closeRequested) throw new TypeError('The stream is already closing');
    if (c.stream.state !== 'readable') throw new TypeError('The stream is not readable');
    c.enqueue(chunk);
  }
  error(e = undefined) { this.#c.error(e); }
}

class ReadableStreamBYOBRequest {
  #q;
  constructor(key = undefined, q = undefined) { if (key !== KEY) throw new TypeError('Illegal constructor'); this.#q = q; }
  get view() { return this.#q.view; }
  respond(bytesWritten) {
    const q = this.#q;
    bytesWritten = enforceRange(bytesWritten, 'bytesWritten');
    if (q.controller === undefined) throw new TypeError('This BYOB request has been invalidated');
    if (isDetached(q.view.buffer)) throw new TypeError('The BYOB request\'s buffer has been detached');
    byteRespond(q.controller, bytesWritten);
  }
  respondWithNewView(view) {
    const q = this.#q;
    if (!ArrayBuffer.isView(view)) throw new TypeError('view must be an ArrayBufferView');
    if (q.controller === undefined) throw new TypeError('This BYOB request has been invalidated');
    if (isDetached(view.buffer)) throw new TypeError('The given view\'s buffer has been detached');
    byteRespondWithNewView(q.controller, view);
  }
}

// ===== WritableStream internals =====

class WS {
  constructor() {
    this.state = 'writable'; this.storedError = undefined; this.writer = undefined; this.controller = undefined;
    this.inFlightWriteRequest = undefined; this.closeRequest = undefined; this.inFlightCloseRequest = undefined;
    this.pendingAbortRequest = undefined; this.writeRequests = new Queue(); this.backpressure = false; this.pub = undefined;
  }
}
const CLOSE = {}; // the close sentinel in a writable controller's queue

class Writer {
  constructor(s) {
    if (s.writer) throw new TypeError('WritableStream is locked');
    this.stream = s; s.writer = this; this.pub = undefined;
    const st = s.state;
    if (st === 'writable') {
      this.ready = !closeQueuedOrInFlight(s) && s.backpressure ? new Deferred() : settled(true);
      this.closed = new Deferred();
    } else if (st === 'erroring') {
      this.ready = settled(false, s.storedError);
      this.closed = new Deferred();
    } else if (st === 'closed') {
      this.ready = settled(true); this.closed = settled(true);
    } else {
      this.ready = settled(false, s.storedError); this.closed = settled(false, s.storedError);
    }
  }
}

function writableStreamAbort(s, reason) {
  if (s.state === 'closed' || s.state === 'errored') return resolvedWith(undefined);
  s.controller.signalAbort(reason);
  const st = s.state;
  if (st === 'closed' || st === 'errored') return resolvedWith(undefined);
  if (s.pendingAbortRequest) return s.pendingAbortRequest.promise;
  let wasAlreadyErroring = false;
  if (st === 'erroring') { wasAlreadyErroring = true; reason = undefined; }
  const d = new Deferred();
  s.pendingAbortRequest = { d, promise: d.promise, reason, wasAlreadyErroring };
  if (!wasAlreadyErroring) startErroring(s, reason);
  return d.promise;
}
function writableStreamClose(s) {
  const st = s.state;
  if (st === 'closed' || st === 'errored') return rejectedWith(new TypeError('The stream is closed or errored'));
  const d = new Deferred();
  s.closeRequest = d;
  const w = s.writer;
  if (w && s.backpressure && st === 'writable') w.ready.resolve(undefined);
  const c = s.controller;
  enqueueValueWithSize(c, CLOSE, 0);
  advanceQueueIfNeeded(c);
  return d.promise;
}
function dealWithRejection(s, e) {
  if (s.state === 'writable') startErroring(s, e); else finishErroring(s);
}
function startErroring(s, reason) {
  const c = s.controller;
  s.state = 'erroring'; s.storedError = reason;
  if (s.writer) ensureRejected(s.writer, 'ready', reason);
  if (!hasOperationMarkedInFlight(s) && c.started) finishErroring(s);
}
function finishErroring(s) {
  s.state = 'errored';
  resetQueue(s.controller);
  const e = s.storedError;
  const q = s.writeRequests;
  s.writeRequests = new Queue();
  while (q.size) q.shift().reject(e);
  const abort = s.pendingAbortRequest;
  if (!abort) { rejectCloseAndClosedIfNeeded(s); return; }
  s.pendingAbortRequest = undefined;
  if (abort.wasAlreadyErroring) { abort.d.reject(e); rejectCloseAndClosedIfNeeded(s); return; }
  const c = s.controller;
  const p = c.abort(abort.reason);
  c.clear();
  upon(p, () => { abort.d.resolve(undefined); rejectCloseAndClosedIfNeeded(s); },
    (r) => { abort.d.reject(r); rejectCloseAndClosedIfNeeded(s); });
}
function finishInFlightWrite(s) { s.inFlightWriteRequest.resolve(undefined); s.inFlightWriteRequest = undefined; }
function finishInFlightWriteWithError(s, e) {
  s.inFlightWriteRequest.reject(e); s.inFlightWriteRequest = undefined;
  dealWithRejection(s, e);
}
function finishInFlightClose(s) {
  s.inFlightCloseRequest.resolve(undefined); s.inFlightCloseRequest = undefined;
  if (s.state === 'erroring') {
    s.storedError = undefined;
    if (s.pendingAbortRequest) { s.pendingAbortRequest.d.resolve(undefined); s.pendingAbortRequest = undefined; }
  }
  s.state = 'closed';
  if (s.writer) s.writer.closed.resolve(undefined);
}
function finishInFlightCloseWithError(s, e) {
  s.inFlightCloseRequest.reject(e); s.inFlightCloseRequest = undefined;
  if (s.pendingAbortRequest) { s.pendingAbortRequest.d.reject(e); s.pendingAbortRequest = undefined; }
  dealWithRejection(s, e);
}
const closeQueuedOrInFlight = (s) => s.closeRequest !== undefined || s.inFlightCloseRequest !== undefined;
const hasOperationMarkedInFlight = (s) => s.inFlightWriteRequest !== undefined || s.inFlightCloseRequest !== undefined;
function rejectCloseAndClosedIfNeeded(s) {
  if (s.closeRequest) { s.closeRequest.reject(s.storedError); s.closeRequest = undefined; }
  const w = s.writer;
  if (w) { w.closed.reject(s.storedError); markHandled(w.closed.promise); }
}
function updateBackpressure(s, bp) {
  const w = s.writer;
  if (w && bp !== s.backpressure) {
    if (bp) w.ready = new Deferred(); else w.ready.resolve(undefined);
  }
  s.backpressure = bp;
}
// Rejects writer.ready or writer.closed, replacing it if already settled.
function ensureRejected(w, which, e) {
  if (w[which].pending) w[which].reject(e); else w[which] = settled(false, e);
  markHandled(w[which].promise);
}
function writerCloseWithErrorPropagation(w) {
  const s = w.stream;
  if (closeQueuedOrInFlight(s) || s.state === 'closed') return resolvedWith(undefined);
  if (s.state === 'errored') return rejectedWith(s.storedError);
  return writableStreamClose(s);
}
function writerDesiredSize(w) {
  const st = w.stream.state;
  if (st === 'errored' || st === 'erroring') return null;
  if (st === 'closed') return 0;
  const c = w.stream.controller;
  return c.hwm - c.total;
}
function writerRelease(w) {
  const e = new TypeError('Writer was released');
  ensureRejected(w, 'ready', e);
  ensureRejected(w, 'closed', e);
  w.stream.writer = undefined; w.stream = undefined;
}
function writerWrite(w, chunk) {
  const s = w.stream;
  const c = s.controller;
  const size = c.chunkSize(chunk);
  if (s !== w.stream) return rejectedWith(new TypeError('Writer was released'));
  const st = s.state;
  if (st === 'errored') return rejectedWith(s.storedError);
  if (closeQueuedOrInFlight(s) || st === 'closed') return rejectedWith(new TypeError('The stream is closing or closed'));
  if (st === 'erroring') return rejectedWith(s.storedError);
  const d = new Deferred();
  s.writeRequests.push(d);
  try { enqueueValueWithSize(c, chunk, size); } catch (e) { c.errorIfNeeded(e); return d.promise; }
  if (!closeQueuedOrInFlight(s) && s.state === 'writable') updateBackpressure(s, c.hwm - c.total <= 0);
  advanceQueueIfNeeded(c);
  return d.promise;
}
function advanceQueueIfNeeded(c) {
  const s = c.stream;
  if (!c.started || s.inFlightWriteRequest !== undefined) return;
  if (s.state === 'erroring') { finishErroring(s); return; }
  if (c.queue.size === 0) return;
  const value = c.queue.peek();
  if (value === CLOSE) {
    s.inFlightCloseRequest = s.closeRequest; s.closeRequest = undefined;
    dequeueValue(c);
    const p = c.close();
    c.clear();
    upon(p, () => finishInFlightClose(s), (e) => finishInFlightCloseWithError(s, e));
  } else {
    s.inFlightWriteRequest = s.writeRequests.shift();
    upon(c.write(value), () => {
      finishInFlightWrite(s);
      dequeueValue(c);
      if (!closeQueuedOrInFlight(s) && s.state === 'writable') updateBackpressure(s, c.hwm - c.total <= 0);
      advanceQueueIfNeeded(c);
    }, (e) => {
      if (s.state === 'writable') c.clear();
      finishInFlightWriteWithError(s, e);
    });
  }
}

// WritableStreamDefaultController's record. The AbortController behind `signal` is created
// on first access; an abort before that is remembered.
class WController {
  constructor(s, write, close, abort, hwm, size) {
    this.stream = s; resetQueue(this); this.started = false; this.write = write; this.close = close;
    this.abort = abort; this.hwm = hwm; this.size = size; this.abortController = undefined;
    this.aborted = false; this.abortReason = undefined; this.pub = undefined;
  }
  signalAbort(reason) {
    if (this.abortController) this.abortController.abort(reason);
    else if (!this.aborted) { this.aborted = true; this.abortReason = reason; }
  }
  signal() {
    if (!this.abortController) {
      this.abortController = new AbortController();
      if (this.aborted) this.abortController.abort(this.abortReason);
    }
    return this.abortController.signal;
  }
  clear() { this.write = undefined; this.close = undefined; this.abort = undefined; this.size = undefined; }
  chunkSize(chunk) {
    if (this.size === undefined) return 1;
    try { return this.size(chunk); } catch (e) { this.errorIfNeeded(e); return 1; }
  }
  errorIfNeeded(e) { if (this.stream.state === 'writable') this.error(e); }
  error(e) { this.clear(); startErroring(this.stream, e); }
}
function setUpWritable(s, c, start) {
  s.controller = c;
  updateBackpressure(s, c.hwm - c.total <= 0);
  const r = start();
  upon(resolvedWith(r), () => { c.started = true; advanceQueueIfNeeded(c); },
    (e) => { c.started = true; dealWithRejection(s, e); });
}
function createWritableStream(start, write, close, abort, hwm, size) {
  const s = new WS();
  new WritableStream(KEY, s);
  setUpWritable(s, new WController(s, write, close, abort, hwm, size), start);
  return s;
}

let wsOf;
class WritableStream {
  #s;
  constructor(underlyingSink = undefined, strategy = undefined) {
    if (underlyingSink === KEY) { this.#s = strategy; strategy.pub = this; return; }
    if (underlyingSink !== undefined && !isObject(underlyingSink)) throw new TypeError('underlyingSink must be an object');
    const [hwm, size] = strategyOf(strategy);
    const sink = dictionary(underlyingSink);
    const abort = callback(sink.abort, 'abort');
    const close = callback(sink.close, 'close');
    const start = callback(sink.start, 'start');
    const type = sink.type;
    const write = callback(sink.write, 'write');
    if (type !== undefined) throw new RangeError('Invalid type is specified');
    const s = new WS();
    this.#s = s; s.pub = this;
    const c = new WController(s, undefined, alg0(sink, close, []), alg1(sink, abort), extractHWM(hwm, 1), extractSize(size));
    const pub = c.pub = new WritableStreamDefaultController(KEY, c);
    c.write = write === undefined ? resolvedAlgorithm : (chunk) => invoke(write, sink, [chunk, pub]);
    setUpWritable(s, c, start === undefined ? noop : () => Reflect.apply(start, sink, [pub]));
  }
  static { wsOf = (x) => (isObject(x) && #s in x ? x.#s : undefined); }
  get locked() { return this.#s.writer !== undefined; }
  abort(reason = undefined) {
    const s = wsOf(this);
    if (!s) return rejectedWith(illegal());
    if (s.writer) return rejectedWith(new TypeError('WritableStream is locked'));
    return writableStreamAbort(s, reason);
  }
  close() {
    const s = wsOf(this);
    if (!s) return rejectedWith(illegal());
    if (s.writer) return rejectedWith(new TypeError('WritableStream is locked'));
    if (closeQueuedOrInFlight(s)) return rejectedWith(new TypeError('The stream is already closing'));
    return writableStreamClose(s);
  }
  getWriter() { return writerPub(new Writer(this.#s)); }
}
function writerPub(w) { new WritableStreamDefaultWriter(KEY, w); return w.pub; }

let writerOf;
class WritableStreamDefaultWriter {
  #w;
  constructor(stream, rec = undefined) {
    if (stream === KEY) { this.#w = rec; rec.pub = this; return; }
    const s = wsOf(stream);
    if (!s) throw new TypeError('stream must be a WritableStream');
    this.#w = new Writer(s); this.#w.pub = this;
  }
  static { writerOf = (x) => (isObject(x) && #w in x ? x.#w : undefined); }
  get closed() {
    const w = writerOf(this);
    return w ? w.closed.promise : rejectedWith(illegal());
  }
  get desiredSize() {
    const w = this.#w;
    if (!w.stream) throw new TypeError('Writer has no stream');
    return writerDesiredSize(w);
  }
  get ready() {
    const w = writerOf(this);
    return w ? w.ready.promise : rejectedWith(illegal());
  }
  abort(reason = undefined) {
    const w = writerOf(this);
    if (!w) return rejectedWith(illegal());
    if (!w.stream) return rejectedWith(new TypeError('Writer has no stream'));
    return writableStreamAbort(w.stream, reason);
  }
  close() {
    const w = writerOf(this);
    if (!w) return rejectedWith(illegal());
    const s = w.stream;
    if (!s) return rejectedWith(new TypeError('Writer has no stream'));
    if (closeQueuedOrInFlight(s)) return rejectedWith(new TypeError('The stream is already closing'));
    return writableStreamClose(s);
  }
  releaseLock() {
    const w = this.#w;
    if (w.stream) writerRelease(w);
  }
  write(chunk = undefined) {
    const w = writerOf(this);
    if (!w) return rejectedWith(illegal());
    if (!w.stream) return rejectedWith(new TypeError('Writer has no stream'));
    return writerWrite(w, chunk);
  }
}

class WritableStreamDefaultController {
  #c;
  constructor(key = undefined, c = undefined) { if (key !== KEY) throw new TypeError('Illegal constructor'); this.#c = c; }
  get signal() { return this.#c.signal(); }
  error(e = undefined) {
    const c = this.#c;
    if (c.stream.state === 'writable') c.error(e);
  }
}

// ===== TransformStream =====

class TS {
  constructor() {
    this.readable = undefined; this.writable = undefined; this.backpressure = undefined;
    this.backpressureChange = undefined; this.controller = undefined;
  }
}
class TController {
  constructor(ts, transform, flush, cancel) {
    this.stream = ts; ts.controller = this; this.transform = transform; this.flush = flush;
    this.cancel = cancel; this.finish = undefined;
  }
  clear() { this.transform = undefined; this.flush = undefined; this.cancel = undefined; }
  enqueue(chunk) {
    const ts = this.stream;
    const rc = ts.readable.controller;
    if (!rc.canCloseOrEnqueue()) throw new TypeError('Readable side is not in a state that permits enqueue');
    try { rc.enqueue(chunk); } catch (e) { errorWritableAndUnblockWrite(ts, e); throw ts.readable.storedError; }
    const backpressure = !rc.shouldCallPull();
    if (backpressure !== ts.backpressure) setBackpressure(ts, true);
  }
  terminate() {
    const ts = this.stream;
    ts.readable.controller.close();
    errorWritableAndUnblockWrite(ts, new TypeError('TransformStream terminated'));
  }
  performTransform(chunk) {
    return then.call(this.transform(chunk), undefined, (r) => { transformStreamError(this.stream, r); throw r; });
  }
}
function transformStreamError(ts, e) {
  ts.readable.controller.error(e);
  errorWritableAndUnblockWrite(ts, e);
}
function errorWritableAndUnblockWrite(ts, e) {
  ts.controller.clear();
  ts.writable.controller.errorIfNeeded(e);
  if (ts.backpressure) setBackpressure(ts, false);
}
function setBackpressure(ts, bp) {
  if (ts.backpressureChange) ts.backpressureChange.resolve(undefined);
  ts.backpressureChange = new Deferred();
  ts.backpressure = bp;
}
function initializeTransformStream(ts, startPromise, wHWM, wSize, rHWM, rSize) {
  const start = () => startPromise;
  ts.writable = createWritableStream(start, (chunk) => {
    const c = ts.controller;
    if (ts.backpressure) {
      return then.call(ts.backpressureChange.promise, () => {
        const w = ts.writable;
        if (w.state === 'erroring') throw w.storedError;
        return c.performTransform(chunk);
      });
    }
    return c.performTransform(chunk);
  }, () => {
    const c = ts.controller;
    if (c.finish) return c.finish.promise;
    const readable = ts.readable;
    c.finish = new Deferred();
    const p = c.flush();
    c.clear();
    upon(p, () => {
      if (readable.state === 'errored') c.finish.reject(readable.storedError);
      else { readable.controller.close(); c.finish.resolve(undefined); }
    }, (r) => { readable.controller.error(r); c.finish.reject(r); });
    return c.finish.promise;
  }, (reason) => {
    const c = ts.controller;
    if (c.finish) return c.finish.promise;
    const readable = ts.readable;
    c.finish = new Deferred();
    const p = c.cancel(reason);
    c.clear();
    upon(p, () => {
      if (readable.state === 'errored') c.finish.reject(readable.storedError);
      else { readable.controller.error(reason); c.finish.resolve(undefined); }
    }, (r) => { readable.controller.error(r); c.finish.reject(r); });
    return c.finish.promise;
  }, wHWM, wSize);
  ts.readable = createReadableStream(start, () => {
    setBackpressure(ts, false);
    return ts.backpressureChange.promise;
  }, (reason) => {
    const c = ts.controller;
    if (c.finish) return c.finish.promise;
    const writable = ts.writable;
    c.finish = new Deferred();
    const p = c.cancel(reason);
    c.clear();
    upon(p, () => {
      if (writable.state === 'errored') c.finish.reject(writable.storedError);
      else {
        writable.controller.errorIfNeeded(reason);
        if (ts.backpressure) setBackpressure(ts, false);
        c.finish.resolve(undefined);
      }
    }, (r) => {
      writable.controller.errorIfNeeded(r);
      if (ts.backpressure) setBackpressure(ts, false);
      c.finish.reject(r);
    });
    return c.finish.promise;
  }, rHWM, rSize);
  setBackpressure(ts, true);
}

class TransformStream {
  #t;
  constructor(transformer = undefined, writableStrategy = undefined, readableStrategy = undefined) {
    if (transformer !== undefined && !isObject(transformer)) throw new TypeError('transformer must be an object');
    const [wHWM, wSizeFn] = strategyOf(writableStrategy);
    const [rHWM, rSizeFn] = strategyOf(readableStrategy);
    const t = dictionary(transformer);
    const cancel = callback(t.cancel, 'cancel');
    const flush = callback(t.flush, 'flush');
    const readableType = t.readableType;
    const start = callback(t.start, 'start');
    const transform = callback(t.transform, 'transform');
    const writableType = t.writableType;
    if (readableType !== undefined) throw new RangeError('Invalid readableType specified');
    if (writableType !== undefined) throw new RangeError('Invalid writableType specified');
    const readableHWM = extractHWM(rHWM, 0);
    const readableSize = extractSize(rSizeFn);
    const writableHWM = extractHWM(wHWM, 1);
    const writableSize = extractSize(wSizeFn);
    const startPromise = new Deferred();
    const ts = new TS();
    this.#t = ts;
    initializeTransformStream(ts, startPromise.promise, writableHWM, writableSize, readableHWM, readableSize);
    const c = new TController(ts, undefined, undefined, alg1(transformer, cancel));
    const args = [new TransformStreamDefaultController(KEY, c)];
    c.transform = transform === undefined
      ? (chunk) => { try { c.enqueue(chunk); return resolvedWith(undefined); } catch (e) { return rejectedWith(e); } }
      : (chunk) => invoke(transform, transformer, [chunk, args[0]]);
    c.flush = alg0(transformer, flush, args);
    startPromise.resolve(start === undefined ? undefined : Reflect.apply(start, transformer, args));
  }
  get readable() { return this.#t.readable.pub; }
  get writable() { return this.#t.writable.pub; }
}

class TransformStreamDefaultController {
  #c;
  constructor(key = undefined, c = undefined) { if (key !== KEY) throw new TypeError('Illegal constructor'); this.#c = c; }
  get desiredSize() { return this.#c.stream.readable.controller.desiredSize(); }
  enqueue(chunk = undefined) { this.#c.enqueue(chunk); }
  error(reason = undefined) { transformStreamError(this.#c.stream, reason); }
  terminate() { this.#c.terminate(); }
}

// ===== queuing strategies =====

function strategyInit(init, name) {
  init = dictionary(init, `${name} init`);
  if (init.highWaterMark === undefined) throw new TypeError(`${name}: highWaterMark is required`);
  return Number(init.highWaterMark);
}
const countSize = function size() { return 1; };
const byteLengthSize = function size(chunk) { return chunk.byteLength; };

class CountQueuingStrategy {
  #h;
  constructor(init) { this.#h = strategyInit(init, 'CountQueuingStrategy'); }
  get highWaterMark() { return this.#h; }
  get size() { this.#h; return countSize; }
}
class ByteLengthQueuingStrategy {
  #h;
  constructor(init) { this.#h = strategyInit(init, 'ByteLengthQueuingStrategy'); }
  get highWaterMark() { return this.#h; }
  get size() { this.#h; return byteLengthSize; }
}

// ===== encoding streams =====

class TextEncoderStream {
  #t;
  constructor() {
    let pending = '';
    let encoder;
    this.#t = new TransformStream({
      transform(chunk, c) {
        let s = pending + String(chunk);
        pending = '';
        const last = s.charCodeAt(s.length - 1);
        if (last >= 0xd800 && last <= 0xdbff) { pending = s[s.length - 1]; s = s.slice(0, -1); }
        if (s.length) c.enqueue((encoder ||= new TextEncoder()).encode(s));
      },
      flush(c) { if (pending) c.enqueue(new Uint8Array([0xef, 0xbf, 0xbd])); },
    });
  }
  get encoding() { this.#t; return 'utf-8'; }
  get readable() { return this.#t.readable; }
  get writable() { return this.#t.writable; }
}

class TextDecoderStream {
  #t; #d;
  constructor(label = 'utf-8', options = undefined) {
    const d = this.#d = new TextDecoder(label, options);
    this.#t = new TransformStream({
      transform(chunk, c) {
        if (!(chunk instanceof ArrayBuffer || ArrayBuffer.isView(chunk))) throw new TypeError('chunk must be an ArrayBuffer or ArrayBufferView');
        const s = d.decode(chunk, { stream: true });
        if (s) c.enqueue(s);
      },
      flush(c) {
        const s = d.decode();
        if (s) c.enqueue(s);
      },
    });
  }
  get encoding() { return this.#d.encoding; }
  get fatal() { return this.#d.fatal; }
  get ignoreBOM() { return this.#d.ignoreBOM; }
  get readable() { return this.#t.readable; }
  get writable() { return this.#t.writable; }
}

for (const cls of [ReadableStream, ReadableStreamDefaultReader, ReadableStreamBYOBReader,
  ReadableStreamDefaultController, ReadableByteStreamController, ReadableStreamBYOBRequest,
  WritableStream, WritableStreamDefaultWriter, WritableStreamDefaultController, TransformStream,
  TransformStreamDefaultController, CountQueuingStrategy, ByteLengthQueuingStrategy,
  TextEncoderStream, TextDecoderStream]) {
  defineGlobal(cls.name, webidlClass(cls));
}

// ===== hooks for the other files =====

__kw.isReadableStream = (x) => rsOf(x) !== undefined;
__kw.isDisturbed = (x) => rsOf(x).disturbed;
__kw.readAllBytes = (stream) => {
  const s = rsOf(stream);
  let r;
  try { r = new DefaultReader(s); } catch (e) { return rejectedWith(e); }
  const chunks = [];
  let total = 0;
  const d = new Deferred();
  // Queued chunks arrive synchronously: loop rather than recurse, so the depth stays constant.
  let inRead = false; let again = false;
  const next = () => {
    do { again = false; inRead = true; defaultReaderRead(r, req); inRead = false; } while (again);
  };
  const req = new ReadRequest((chunk) => {
    if (!(chunk instanceof Uint8Array)) { d.reject(new TypeError('Received non-Uint8Array chunk')); return; }
    chunks.push(chunk); total += chunk.byteLength;
    if (inRead) again = true; else next();
  }, () => {
    if (chunks.length === 1 && s.controller.byte) { d.resolve(chunks[0]); return; }
    const out = new Uint8Array(total);
    let off = 0;
    for (const c of chunks) { out.set(c, off); off += c.byteLength; }
    d.resolve(out);
  }, (e) => d.reject(e));
  next();
  return d.promise;
};
__kw.streamFromBytes = (u8) => {
  const c = createByteStream(noop, resolvedAlgorithm, resolvedAlgorithm).controller;
  if (u8.byteLength > 0) enqueueChunk(c, u8.buffer, u8.byteOffset, u8.byteLength);
  c.close();
  return c.stream.pub;
};
__kw.createPullStream = (pull, cancel) => {
  let st;
  const pullAlgorithm = () => then.call(resolvedWith(pull()), (chunk) => {
    const c = st.controller;
    if (chunk === null) {
      c.close();
      if (c.pendingPullIntos.length > 0) byteRespond(c, 0);
    } else if (chunk.byteLength === 0) return pullAlgorithm();
    else c.enqueue(chunk);
  });
  st = createByteStream(noop, () => { try { return pullAlgorithm(); } catch (e) { return rejectedWith(e); } },
    (reason) => { try { return resolvedWith(cancel(reason)); } catch (e) { return rejectedWith(e); } });
  return st.pub;
};
