// The runtime: timers, the host event loop's entry point, and the module-worker protocol.
//
// The Go host (wasmhost/loop.go) owns the event loop. It evaluates `__kw_entry()` repeatedly;
// each call handles ONE host event (a request, a completed host operation, an abort) or, when
// there is none, ONE due timer, and QuickJS runs all microtasks before the call returns. The
// answer tells the host when to call again: 0 now, n > 0 in n ms (the next timer), -1 only
// when an event arrives.

const { OP } = __kw;
const host = __kw.host;
const hostNow = __kw.hostNow;

// The engine's libc layer installs std/os/bjson, gc, print and its own timers; none of them
// belong to the Web platform, and qjs timers would stall the host's loop.
for (const name of ['std', 'os', 'bjson', 'gc', 'print', 'scriptArgs', '__loadScript', 'QJS_PROXY_VALUE']) {
  delete globalThis[name];
}

// ---- Timers ----------------------------------------------------------------------------
// A binary heap ordered by (due time, sequence), so equal delays fire in creation order.
const heap = [];
const timers = new Map(); // id -> timer
let timerSeq = 0;
let lastTimerId = 0;

function less(a, b) { return a.at < b.at || (a.at === b.at && a.seq < b.seq); }
function heapPush(t) {
  heap.push(t);
  let i = heap.length - 1;
  while (i > 0) {
    const p = (i - 1) >> 1;
    if (!less(heap[i], heap[p])) break;
    [heap[i], heap[p]] = [heap[p], heap[i]];
    i = p;
  }
}
function heapPop() {
  const top = heap[0];
  const last = heap.pop();
  if (heap.length > 0) {
    heap[0] = last;
    let i = 0;
    for (;;) {
      const l = 2 * i + 1, r = l + 1;
      let m = i;
      if (l < heap.length && less(heap[l], heap[m])) m = l;
      if (r < heap.length && less(heap[r], heap[m])) m = r;
      if (m === i) break;
      [heap[i], heap[m]] = [heap[m], heap[i]];
      i = m;
    }
  }
  return top;
}

function addTimer(callback, delay, args, repeat) {
  if (typeof callback !== 'function') {
    // Strings are code; the Web allows it, workerd and we do not.
    throw new TypeError('The "callback" argument must be of type function.');
  }
  delay = Number(delay);
  if (!(delay >= 1) || delay > 2147483647) delay = repeat ? 1 : 0;
  const id = ++lastTimerId;
  const t = { id, at: hostNow() + delay, seq: ++timerSeq, callback, args, delay: repeat ? delay : -1, live: true };
  timers.set(id, t);
  heapPush(t);
  return id;
}
function clearTimer(id) {
  const t = timers.get(typeof id === 'object' && id !== null ? Number(id) : id);
  if (t) { t.live = false; timers.delete(t.id); }
}

__kw.defineGlobal('setTimeout', function setTimeout(callback, delay, ...args) { return addTimer(callback, delay, args, false); });
__kw.defineGlobal('setInterval', function setInterval(callback, delay, ...args) { return addTimer(callback, delay, args, true); });
__kw.defineGlobal('clearTimeout', function clearTimeout(id) { clearTimer(id); });
__kw.defineGlobal('clearInterval', function clearInterval(id) { clearTimer(id); });
__kw.defineGlobal('queueMicrotask', function queueMicrotask(callback) {
  if (typeof callback !== 'function') throw new TypeError('The "callback" argument must be of type function.');
  Promise.resolve().then(() => { try { callback(); } catch (err) { reportUncaught(err); } });
});

// runDueTimer fires the earliest due timer, if any; returns whether one fired.
function runDueTimer() {
  while (heap.length > 0 && !heap[0].live) heapPop();
  if (heap.length === 0 || heap[0].at > hostNow()) return false;
  const t = heapPop();
  if (t.delay >= 0) {
    t.at = Math.max(t.at + t.delay, hostNow());
    t.seq = ++timerSeq;
    heapPush(t);
  } else {
    t.live = false;
    timers.delete(t.id);
  }
  try { t.callback(...t.args); } catch (err) { reportUncaught(err); }
  return true;
}

function nextTimerDelay() {
  while (heap.length > 0 && !heap[0].live) heapPop();
  if (heap.length === 0) return -1;
  return Math.max(0, Math.ceil(heap[0].at - hostNow()));
}

// ---- Math.random ---------------------------------------------------------------------------
// xoshiro128** seeded from the host. QuickJS keeps its generator's state in the isolate's
// memory, so every isolate restored from one snapshot would replay the same sequence; this
// one is reseeded on restore (the 'restore' event).
const rng = new Uint32Array(4);
function seedRandom() {
  do { rng.set(new Uint32Array(__kw.hostRandom(16).buffer)); } while ((rng[0] | rng[1] | rng[2] | rng[3]) === 0);
}
function next32() {
  const r = Math.imul(rotl(Math.imul(rng[1], 5), 7), 9) >>> 0;
  const t = rng[1] << 9;
  rng[2] ^= rng[0]; rng[3] ^= rng[1]; rng[1] ^= rng[2]; rng[0] ^= rng[3];
  rng[2] ^= t; rng[3] = rotl(rng[3], 11);
  return r;
}
function rotl(x, k) { return (x << k) | (x >>> (32 - k)); }
seedRandom();
Object.defineProperty(Math, 'random', {
  value: function random() { return ((next32() >>> 5) * 67108864 + (next32() >>> 6)) / 9007199254740992; },
  writable: true, enumerable: false, configurable: true,
});

// ---- Errors ------------------------------------------------------------------------------
// QuickJS's error.stack holds only the frames; V8's (Node, workerd) starts with
// "Name: message", and code logs error.stack expecting it (SvelteKit's default error log
// does). QuickJS-NG implements V8's Error.prepareStackTrace hook with CallSite frames, so the
// layer installs V8's format as the default; a program may still set its own.
function formatFrame(f) {
  const fn = f.getFunctionName();
  const where = f.isNative() ? 'native' : `${f.getFileName()}:${f.getLineNumber()}:${f.getColumnNumber()}`;
  return fn ? `${fn} (${where})` : where;
}
Error.prepareStackTrace = function prepareStackTrace(error, frames) {
  let head;
  try { head = Error.prototype.toString.call(error); } catch { head = 'Error'; }
  let out = head;
  for (const f of frames) out += '\n    at ' + formatFrame(f);
  return out;
};

function errorText(err) {
  if (err instanceof Error || (err && typeof err.stack === 'string')) {
    const head = `${err.name || 'Error'}: ${err.message}`;
    const stack = typeof err.stack === 'string' ? err.stack : '';
    return stack.startsWith(head) ? stack : `${head}\n${stack}`.trimEnd();
  }
  try { return String(err); } catch { return Object.prototype.toString.call(err); }
}
function errorHead(err) {
  if (err instanceof Error) return `${err.name || 'Error'}: ${err.message}`;
  return errorText(err).split('\n')[0];
}
function reportUncaught(err) { __kw.hostLog(3, 'Uncaught ' + errorText(err)); }
__kw.errorText = errorText;

// ---- Host operations -----------------------------------------------------------------------
// hostAsync sends an asynchronous operation; its completion arrives as a 'done' event and
// settles the promise with { value, bytes }.
const ops = new Map();
let lastOp = 0;
const TEXT_REFUSED = -1; // SEND's answer to a string payload the host cannot take (loop.go)
function hostAsync(kind, message, payload) {
  const op = ++lastOp;
  return new Promise((resolve, reject) => {
    ops.set(op, { resolve, reject });
    message.op = op;
    try {
      host(OP.SEND, kind, JSON.stringify(message), payload);
    } catch (err) {
      ops.delete(op);
      reject(err);
    }
  });
}
__kw.hostAsync = hostAsync;
function send(kind, message, payload) {
  return host(OP.SEND, kind, JSON.stringify(message), payload);
}
__kw.hostSend = send;

// ---- Module workers --------------------------------------------------------------------------
let worker = null;
let env = Object.freeze({});
const requests = new Map(); // id -> { controller, waiting, ended }

function init(ev) {
  const envObj = Object.create(null);
  for (const [k, v] of Object.entries(ev.env || {})) envObj[k] = v;
  env = envObj;
  if (ev.worker === undefined) return;
  const mod = globalThis.__kw_worker_module;
  delete globalThis.__kw_worker_module;
  if (!mod || typeof mod.fetch !== 'function') {
    send('fatal', { message: `${ev.worker} does not look like a module worker: its default export must be an object with a fetch(request, env, ctx) method, e.g. export default { async fetch(request) { return new Response('hi') } }` });
    return;
  }
  worker = mod;
}

function startRequest(ev) {
  const id = ev.id;
  const controller = new AbortController();
  const state = { controller, waiting: 0, ended: false };
  requests.set(id, state);
  let body = null;
  if (ev.hasBody) {
    body = __kw.createPullStream(async () => {
      const { value, bytes } = await hostAsync('body.read', { id });
      if (value && value.end) return null;
      return new Uint8Array(bytes || new ArrayBuffer(0));
    }, () => {});
  }
  const request = __kw.requestFromHost({ method: ev.method, url: ev.url, headers: ev.headers, trusted: ev.trusted, body, signal: controller.signal });
  const ctx = {
    waitUntil(promise) {
      state.waiting++;
      Promise.resolve(promise).catch(reportUncaught).finally(() => { state.waiting--; maybeIdle(id); });
    },
    passThroughOnException() {},
    props: {},
  };
  Object.defineProperty(ctx, 'clientAddress', { value: ev.client, enumerable: false });
  // Fields an edge adds to SvelteKit's event.platform (wasmhost.Request.Platform), e.g. fastly.
  if (ev.platform) Object.defineProperty(ctx, 'platform', { value: ev.platform, enumerable: false });
  let result;
  try {
    result = worker.fetch(request, env, ctx);
  } catch (err) {
    result = Promise.reject(err);
  }
  Promise.resolve(result).then((response) => respond(id, response), (err) => fail(id, err));
}

async function respond(id, response) {
  const state = requests.get(id);
  if (!(response instanceof Response)) {
    fail(id, new TypeError(`The worker's fetch handler must return a Response (or a promise of one), not ${response === null ? 'null' : typeof response}.`));
    return;
  }
  try {
    const parts = __kw.responseToHost(response);
    if (!parts.body) {
      // A whole body goes with the head. A string body goes as the string and its length: the
      // host takes its UTF-8 from the engine in one copy, or refuses a string it cannot take as
      // a C string (a NUL, a lone surrogate), which is then encoded here. With no waitUntil
      // work pending, the request is idle once this is sent: the head says so instead of a
      // separate 'idle' message.
      const idle = state.waiting === 0;
      const lines = headLines(parts, idle);
      const text = parts.text;
      if (text === null || host(OP.SEND, 'head', lines, text, text.length) === TEXT_REFUSED) {
        host(OP.SEND, 'head', lines, __kw.toArrayBuffer(text !== null ? __kw.utf8Encode(text) : parts.bytes || new Uint8Array(0)));
      }
      if (idle) {
        state.ended = true;
        requests.delete(id);
        return;
      }
    } else {
      host(OP.SEND, 'head', headLines(parts, false));
      const reader = parts.body.getReader();
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        if (!(value instanceof Uint8Array)) {
          throw new TypeError('A response body stream must produce Uint8Array chunks.');
        }
        if (value.byteLength === 0) continue;
        if (send('chunk', { id }, __kw.toArrayBuffer(value)) !== 0) {
          reader.cancel(new DOMException('The client went away.', 'AbortError')).catch(() => {});
          break;
        }
      }
      send('end', { id });
    }
  } catch (err) {
    // The head is out: the client must see the body break off, not a short body that looks
    // whole. The error is logged here with its stack; the host aborts the response.
    reportUncaught(err);
    send('end', { id, error: errorHead(err) });
  }
  state.ended = true;
  maybeIdle(id);
}

// headLines is the response head as SEND's 'head' message: lines, not JSON (loop.go). No part
// holds a line feed: Headers refuses one in a value, names are tokens, and Response checks the
// status text.
function headLines(parts, idle) {
  let s = (idle ? '1\n' : '0\n') + parts.status + '\n' + parts.statusText;
  const h = parts.headers;
  for (let i = 0; i < h.length; i++) s += '\n' + h[i][0] + '\n' + h[i][1];
  return s;
}

function fail(id, err) {
  const state = requests.get(id);
  reportUncaught(err);
  if (err instanceof Error && /out of memory/i.test(err.message)) {
    send('fatal', { message: 'out of memory' });
  }
  send('error', { id, message: errorText(err) });
  state.ended = true;
  maybeIdle(id);
}

function maybeIdle(id) {
  const state = requests.get(id);
  if (state && state.ended && state.waiting === 0) {
    requests.delete(id);
    send('idle', { id });
  }
}

function dispatch(ev) {
  switch (ev.type) {
    case 'done': {
      const waiter = ops.get(ev.op);
      if (!waiter) return;
      ops.delete(ev.op);
      if (ev.ok) {
        const payload = host(OP.EVENT_BODY);
        waiter.resolve({ value: ev.value, bytes: payload });
      } else {
        waiter.reject(new TypeError(ev.error));
      }
      return;
    }
    case 'request':
      if (!worker) throw new Error('no worker is loaded');
      startRequest(ev);
      return;
    case 'abort': {
      const state = requests.get(ev.id);
      if (state) state.controller.abort(new DOMException('The client disconnected.', 'AbortError'));
      return;
    }
    case 'init':
      init(ev);
      return;
    case 'restore':
      // A copy of a snapshot: what must differ between isolates is made anew.
      seedRandom();
      return;
  }
}

function entry() {
  const raw = host(OP.NEXT_EVENT);
  if (raw !== undefined) {
    let ev;
    try {
      ev = JSON.parse(raw);
      dispatch(ev);
    } catch (err) {
      if (ev && ev.type === 'request') {
        if (!requests.has(ev.id)) requests.set(ev.id, { waiting: 0, ended: false });
        fail(ev.id, err);
      } else {
        reportUncaught(err);
      }
    }
    return 0;
  }
  if (runDueTimer()) return 0;
  return nextTimerDelay();
}
Object.defineProperty(globalThis, '__kw_entry', { value: entry, writable: false, enumerable: false, configurable: false });
