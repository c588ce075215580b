// The Web platform layer: base.
//
// The layer is every file in jsengine/web, in name order, concatenated into one script. Each
// file is wrapped in its own block, so its top-level `const`, `let`, `class` and `function`
// declarations are private to it. Files share two things only:
//   - the globals they define (through __kw.defineGlobal), e.g. Response uses ReadableStream;
//   - `__kw`, the layer's private namespace (a null-prototype object in the enclosing scope,
//     never reachable from user code), for internals such as a body's bytes.
// Load order: 00 base, 10 dom (DOMException, events)/encoding, 15 abort, 20 streams, 30 url,
// 40 blob, 45 formdata, 50 headers, 55 body, 57 request, 58 response, 60 crypto, 65 clone
// (structuredClone), 70 intl, 80 fetch, 85 console, 86 globals (performance, navigator, self),
// 90 runtime (timers, the event loop's entry points). A file may use, at load time, only what
// files earlier in this order define; at call time it may use any global.
//
// The host: `__kw.host(op, ...args)` is the one function the Go host grants. Arguments are
// numbers, strings, or ArrayBuffers/typed arrays; the answer is undefined, a number, a string
// or an ArrayBuffer. Files call the typed wrappers below, never `__kw.host` with a raw op.

const hostFn = globalThis.__kitwasm_host;
delete globalThis.__kitwasm_host;

// Host operations; the numbers are the contract with wasmhost/hostcall.go.
const OP = Object.freeze({
  LOG: 1,          // (level:number, message:string)
  RANDOM: 2,       // (n:number) -> ArrayBuffer of n random bytes
  DIGEST: 3,       // (alg:string, data:ArrayBuffer) -> ArrayBuffer
  HMAC: 4,         // (alg:string, key:ArrayBuffer, data:ArrayBuffer) -> ArrayBuffer
  NOW: 5,          // () -> number: ms since the isolate's time origin (monotonic)
  NEXT_EVENT: 6,   // () -> string (JSON of the pending host event) | undefined
  EVENT_BODY: 7,   // () -> ArrayBuffer | undefined: the binary payload of that event
  SEND: 8,         // (kind:string, json:string, payload?:ArrayBuffer) -> number|string|undefined
  TIME_ORIGIN: 9,  // () -> number: wall-clock ms at the isolate's time origin
  UTF8_ENCODE: 10, // (well-formed string, its length) -> ArrayBuffer of its UTF-8 | undefined
  SERVICE: 11,     // (name:string, json:string, payload?:ArrayBuffer) -> string|ArrayBuffer|undefined
});

__kw.OP = OP;
// The kitwasm version, substituted by jsengine.Layer (navigator.userAgent is `kitwasm/<version>`).
__kw.version = '__KITWASM_VERSION__';
__kw.host = hostFn;

function toArrayBuffer(data) {
  if (data instanceof ArrayBuffer) return data;
  if (ArrayBuffer.isView(data)) {
    if (data.byteOffset === 0 && data.byteLength === data.buffer.byteLength) return data.buffer;
    return data.buffer.slice(data.byteOffset, data.byteOffset + data.byteLength);
  }
  throw new TypeError('expected an ArrayBuffer or a view');
}
__kw.toArrayBuffer = toArrayBuffer;

// Typed wrappers over the host. Each returns fresh memory owned by JS.
__kw.hostRandom = (n) => new Uint8Array(hostFn(OP.RANDOM, n));
__kw.hostDigest = (alg, data) => new Uint8Array(hostFn(OP.DIGEST, alg, toArrayBuffer(data)));
__kw.hostHmac = (alg, key, data) =>
  new Uint8Array(hostFn(OP.HMAC, alg, toArrayBuffer(key), toArrayBuffer(data)));
__kw.hostNow = () => hostFn(OP.NOW);
// UTF-8 of a well-formed string: the engine's own conversion, far faster than a byte loop in
// JavaScript. The engine hands strings to the host as C strings, so a string with a NUL
// arrives cut short: the host sees that from the length and answers undefined (null here).
__kw.hostUtf8Encode = (s) => {
  const b = hostFn(OP.UTF8_ENCODE, s, s.length);
  return b === undefined ? null : new Uint8Array(b);
};
__kw.hostTimeOrigin = () => hostFn(OP.TIME_ORIGIN);
// hostService calls a named host service (wasmhost/services.go) with JSON-able args and an
// optional binary payload; it answers a string, an ArrayBuffer or undefined. A service's own
// errors ("[Name] message") are thrown as a DOMException of that name (TypeError for
// "TypeError"); anything else as the host's TypeError.
const SERVICE_ERROR = /^kitwasm host: \[(\w+)\] ([\s\S]*)$/;
__kw.hostService = (name, args, payload) => {
  try {
    return hostFn(OP.SERVICE, name, JSON.stringify(args === undefined ? null : args),
      payload === undefined ? undefined : toArrayBuffer(payload));
  } catch (err) {
    const m = err instanceof TypeError ? SERVICE_ERROR.exec(err.message) : null;
    if (!m) throw err;
    if (m[1] === 'TypeError') throw new TypeError(m[2]);
    throw new DOMException(m[2], m[1]);
  }
};
// Levels: 0 debug, 1 info (console.log), 2 warn, 3 error.
__kw.hostLog = (level, message) => { hostFn(OP.LOG, level, String(message)); };

// defineGlobal installs a Web API the way Web IDL does: writable, configurable, not enumerable.
__kw.defineGlobal = function defineGlobal(name, value) {
  Object.defineProperty(globalThis, name, {
    value, writable: true, configurable: true, enumerable: false,
  });
};

// Make class members non-enumerable-free of surprises: Web IDL members are enumerable on the
// prototype, and the prototype has a Symbol.toStringTag of the interface name.
__kw.webidlClass = function webidlClass(cls, name = cls.name) {
  Object.defineProperty(cls.prototype, Symbol.toStringTag, {
    value: name, writable: false, enumerable: false, configurable: true,
  });
  for (const key of Object.getOwnPropertyNames(cls.prototype)) {
    if (key === 'constructor') continue;
    const d = Object.getOwnPropertyDescriptor(cls.prototype, key);
    if (!d.enumerable) { d.enumerable = true; Object.defineProperty(cls.prototype, key, d); }
  }
  return cls;
};

// Web IDL conversions used across files.
__kw.toUSVString = function toUSVString(v) {
  const s = typeof v === 'symbol' ? (() => { throw new TypeError('Cannot convert a Symbol value to a string'); })() : String(v);
  return s.toWellFormed ? s.toWellFormed() : s.replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(^|[^\uD800-\uDBFF])[\uDC00-\uDFFF]/g, (m, p) => (p === undefined ? '\uFFFD' : p + '\uFFFD'));
};
const NOT_BYTE = /[^\x00-\xff]/;
__kw.toByteString = function toByteString(v) {
  const s = typeof v === 'string' ? v : String(v);
  if (NOT_BYTE.test(s)) {
    const i = s.search(NOT_BYTE);
    throw new TypeError(`Cannot convert argument to a ByteString because the character at index ${i} has a value of ${s.charCodeAt(i)} which is greater than 255.`);
  }
  return s;
};
