// FormData (XHR Standard) and its multipart/form-data serializer and parser.
//
// Defined on __kw:
//   __kw.pairIterator(name, pairs) → creates the prototype of "<name> Iterator" objects once and
//     returns make(target, kind): an iterator over pairs(target) (called at every step, so
//     iteration is live), kind 'key' | 'value' | 'entries'. Used here and by Headers.
//   __kw.formDataEntries(fd) → the FormData's entry list: an array of [name, string|File].
//   __kw.formDataFromPairs(pairs) → a FormData with those [name, string|File] entries.
//   __kw.multipartSerialize(fd) → {bytes: Uint8Array, type: 'multipart/form-data; boundary=…'}.
//   __kw.multipartParse(bytes, boundary) → a FormData, or throws TypeError.

const ITER_PROTO = Object.getPrototypeOf(Object.getPrototypeOf([][Symbol.iterator]()));

__kw.pairIterator = function pairIterator(name, pairs) {
  const proto = Object.create(ITER_PROTO);
  const state = new WeakMap();
  Object.defineProperty(proto, 'next', {
    value: function next() {
      const s = state.get(this);
      if (s === undefined) throw new TypeError(`next method called on incompatible receiver`);
      const list = pairs(s.target);
      if (s.index >= list.length) return { value: undefined, done: true };
      const p = list[s.index++];
      return { value: s.kind === 'key' ? p[0] : s.kind === 'value' ? p[1] : [p[0], p[1]], done: false };
    },
    writable: true, enumerable: true, configurable: true,
  });
  Object.defineProperty(proto, Symbol.toStringTag, { value: `${name} Iterator`, configurable: true });
  return (target, kind) => {
    const it = Object.create(proto);
    state.set(it, { target, kind, index: 0 });
    return it;
  };
};

// Adds keys, values, entries, forEach and @@iterator (Web IDL pair iterable) to cls.prototype.
__kw.pairIterable = function pairIterable(cls, pairs) {
  const make = __kw.pairIterator(cls.name, pairs);
  const methods = {
    entries() { pairs(this); return make(this, 'entries'); },
    keys() { pairs(this); return make(this, 'key'); },
    values() { pairs(this); return make(this, 'value'); },
    forEach(callback, thisArg = undefined) {
      const list = pairs(this);
      if (typeof callback !== 'function') throw new TypeError(`Failed to execute 'forEach' on '${cls.name}': parameter 1 is not of type 'Function'.`);
      for (let i = 0; i < list.length; i++) {
        const p = list[i];
        callback.call(thisArg, p[1], p[0], this);
      }
    },
  };
  for (const k of Object.keys(methods)) {
    Object.defineProperty(cls.prototype, k, { value: methods[k], writable: true, enumerable: true, configurable: true });
  }
  Object.defineProperty(cls.prototype, Symbol.iterator, { value: methods.entries, writable: true, enumerable: false, configurable: true });
};

function entryValue(value, filename, nargs) {
  if (!__kw.isBlob(value)) {
    if (nargs > 2) throw new TypeError("Failed to execute 'append' on 'FormData': parameter 2 is not of type 'Blob'.");
    return __kw.toUSVString(value);
  }
  const isFile = value instanceof File;
  if (isFile && filename === undefined) return value;
  return __kw.fileFromBytes(__kw.blobBytes(value), filename === undefined ? 'blob' : __kw.toUSVString(filename),
    value.type, isFile ? value.lastModified : undefined);
}

function needArgs(n, min, what) {
  if (n < min) throw new TypeError(`Failed to execute '${what}' on 'FormData': ${min} argument${min > 1 ? 's' : ''} required, but only ${n} present.`);
}

let entriesOf;
class FormData {
  #list = [];
  constructor(form = undefined) {
    if (form !== undefined) throw new TypeError("Failed to construct 'FormData': parameter 1 is not of type 'HTMLFormElement'.");
  }
  append(name, value, filename = undefined) {
    needArgs(arguments.length, 2, 'append');
    this.#list.push([__kw.toUSVString(name), entryValue(value, filename, arguments.length)]);
  }
  delete(name) {
    needArgs(arguments.length, 1, 'delete');
    const n = __kw.toUSVString(name);
    this.#list = this.#list.filter((e) => e[0] !== n);
  }
  get(name) {
    needArgs(arguments.length, 1, 'get');
    const n = __kw.toUSVString(name);
    const e = this.#list.find((x) => x[0] === n);
    return e ? e[1] : null;
  }
  getAll(name) {
    needArgs(arguments.length, 1, 'getAll');
    const n = __kw.toUSVString(name);
    return this.#list.filter((x) => x[0] === n).map((x) => x[1]);
  }
  has(name) {
    needArgs(arguments.length, 1, 'has');
    const n = __kw.toUSVString(name);
    return this.#list.some((x) => x[0] === n);
  }
  set(name, value, filename = undefined) {
    needArgs(arguments.length, 2, 'set');
    const entry = [__kw.toUSVString(name), entryValue(value, filename, arguments.length)];
    const list = this.#list;
    const i = list.findIndex((x) => x[0] === entry[0]);
    if (i < 0) { list.push(entry); return; }
    list[i] = entry;
    this.#list = list.filter((x, j) => j <= i || x[0] !== entry[0]);
  }
  static {
    entriesOf = (fd) => fd.#list;
    __kw.formDataFromPairs = (pairs) => { const fd = new FormData(); fd.#list = pairs; return fd; };
  }
}
__kw.formDataEntries = entriesOf;
__kw.pairIterable(FormData, entriesOf);
__kw.webidlClass(FormData);
__kw.defineGlobal('FormData', FormData);

// multipart/form-data (https://html.spec.whatwg.org/#multipart-form-data), as undici writes it.
const escapeName = (s) => s.replace(/\n/g, '%0A').replace(/\r/g, '%0D').replace(/"/g, '%22');
const crlf = (s) => s.replace(/\r\n|\r|\n/g, '\r\n');

__kw.multipartSerialize = function multipartSerialize(fd) {
  const rnd = __kw.hostRandom(8);
  let boundary = '----formdata-kitwasm-';
  for (const b of rnd) boundary += (b % 100).toString().padStart(2, '0');
  const enc = __kw.utf8Encode;
  const parts = [];
  let total = 0;
  const add = (u) => { parts.push(u); total += u.length; };
  for (const [name, value] of entriesOf(fd)) {
    let head = `--${boundary}\r\nContent-Disposition: form-data; name="${escapeName(crlf(name))}"`;
    if (typeof value === 'string') {
      add(enc(`${head}\r\n\r\n${crlf(value)}\r\n`));
    } else {
      head += `; filename="${escapeName(value.name)}"\r\nContent-Type: ${value.type || 'application/octet-stream'}\r\n\r\n`;
      add(enc(head));
      add(__kw.blobBytes(value));
      add(enc('\r\n'));
    }
  }
  add(enc(`--${boundary}--\r\n`));
  return { bytes: __kw.concatBytes(parts, total), type: `multipart/form-data; boundary=${boundary}` };
};

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
function base64Lenient(u) {
  const out = [];
  let acc = 0;
  let n = 0;
  for (const c of u) {
    const v = B64.indexOf(String.fromCharCode(c));
    if (v < 0) continue;
    acc = (acc << 6) | v;
    n += 6;
    if (n >= 8) { n -= 8; out.push((acc >> n) & 255); }
  }
  return new Uint8Array(out);
}

function indexOfBytes(hay, needle, from) {
  const first = needle[0];
  const last = hay.length - needle.length;
  outer: for (let i = hay.indexOf(first, from); i >= 0 && i <= last; i = hay.indexOf(first, i + 1)) {
    for (let j = 1; j < needle.length; j++) if (hay[i + j] !== needle[j]) continue outer;
    return i;
  }
  return -1;
}

const unescapeName = (s) => s.replace(/%0A/g, '\n').replace(/%0D/g, '\r').replace(/%22/g, '"');
const failParse = () => { throw new TypeError('Failed to parse body as FormData.'); };

// Parses the part's header lines at `pos`; returns {name, filename, type, base64, pos}.
function parsePartHeaders(u, pos) {
  const h = { name: null, filename: null, type: null, base64: false, pos };
  for (;;) {
    if (u[pos] === 13 && u[pos + 1] === 10) { h.pos = pos + 2; break; }
    const eol = indexOfBytes(u, [13, 10], pos);
    if (eol < 0) failParse();
    const line = __kw.utf8Decode(u.subarray(pos, eol));
    pos = eol + 2;
    const colon = line.indexOf(':');
    if (colon < 0) failParse();
    const key = line.slice(0, colon).replace(/[\t ]+$/, '');
    if (!__kw.isToken(key)) failParse();
    const value = line.slice(colon + 1).replace(/^[\t ]+/, '');
    switch (key.toLowerCase()) {
      case 'content-disposition': {
        const m = /^form-data; name="([^"]*)"(?:; filename="([^"]*)")?$/.exec(value);
        if (!m) failParse();
        h.name = unescapeName(m[1]);
        h.filename = m[2] === undefined ? null : unescapeName(m[2]);
        break;
      }
      case 'content-type':
        h.type = /^[\x00-\x7f]*$/.test(value) ? value.replace(/^[\t\n\r ]+|[\t\n\r ]+$/g, '') : '';
        break;
      case 'content-transfer-encoding':
        h.base64 = value === 'base64';
        break;
    }
  }
  if (h.name === null) failParse();
  return h;
}

__kw.multipartParse = function multipartParse(input, boundary) {
  let start = 0;
  let end = input.length;
  while (input[start] === 13 && input[start + 1] === 10) start += 2;
  while (end - start >= 2 && input[end - 2] === 13 && input[end - 1] === 10) end -= 2;
  const u = input.subarray(0, end);
  const delim = __kw.utf8Encode('\r\n--' + boundary);
  const dashB = delim.subarray(2);
  const entries = [];
  let pos = start;
  for (;;) {
    for (let j = 0; j < dashB.length; j++) if (u[pos + j] !== dashB[j]) failParse();
    pos += dashB.length;
    if (pos === u.length - 2 && u[pos] === 45 && u[pos + 1] === 45) break;
    if (u[pos] !== 13 || u[pos + 1] !== 10) failParse();
    const h = parsePartHeaders(u, pos + 2);
    const next = indexOfBytes(u, delim, h.pos);
    if (next < 0) failParse();
    let body = u.subarray(h.pos, Math.max(next, h.pos));
    if (h.base64) body = base64Lenient(body);
    pos = next + 2;
    entries.push([h.name, h.filename === null ? __kw.utf8Decode(body)
      : __kw.fileFromBytes(body.slice(), h.filename, h.type === null ? 'text/plain' : h.type)]);
  }
  return __kw.formDataFromPairs(entries);
};
