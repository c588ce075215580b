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

// The parser reads a body as Node 22's fetch (undici 6) does, byte for byte, because apps are
// tested against Node and the difference between accepting and rejecting a body must not depend
// on where they run. In particular (all observable, all pinned by checks/formdata.mjs):
//   - Content-Disposition is read as undici reads it when undici accepts it: it starts with
//     `form-data; name="`, and the only other parameter is `; filename="…"` (or
//     `; filename*="…"`, taken literally) right after the name. A value undici rejects is read
//     as workerd (1.20261123.1, the edge runtime) reads it (workerdDisposition below), and the
//     body fails only if workerd would fail it too (LEDGER.md: formdata/multipart disposition
//     as workerd*). Part framing and the other headers stay undici's.
//   - In undici's reading, a name is the raw bytes up to the next `"` (no backslash escapes),
//     UTF-8 decoded without a leading BOM, with %0A/%0D (either case) and %22 replaced by LF, CR
//     and `"`.
//   - A header line ends at CR or LF; the two bytes there are skipped unless neither is CR
//     (first) or LF (second), so `\rX` and `;\n` end a line too.
//   - A part's body ends 4 bytes before the next occurrence of the bare boundary (without the
//     leading `--`), which must then be preceded by CRLF and `--`.
//   - Content-Transfer-Encoding `base64` decodes like Buffer.from(utf8Text, 'base64').
const CR = 13;
const LF = 10;
const QUOTE = 34;
const FORM_DATA_NAME = __kw.utf8Encode('form-data; name="');
const SEMI_FILENAME = __kw.utf8Encode('; filename');
// undici's field-name token: RFC 7230 tchar without the backtick.
const HEADER_NAME_RE = /^[!#$%&'*+\-.^_|~0-9A-Za-z]+$/;

const failParse = () => { throw new TypeError('Failed to parse body as FormData.'); };
const startsAt = (u, pos, bytes) => { for (let i = 0; i < bytes.length; i++) if (u[pos + i] !== bytes[i]) return false; return true; };
const latin1 = (u, from, to) => { let s = ''; for (let i = from; i < to; i++) s += String.fromCharCode(u[i]); return s; };
const isSpace = (c) => c === 32 || c === 9;
function lineEnd(u, pos) { while (pos < u.length && u[pos] !== CR && u[pos] !== LF) pos++; return pos; }

// Buffer#indexOf: an empty needle is found where the search starts (clamped to the length).
function indexOfBytes(hay, needle, from) {
  if (needle.length === 0) return Math.min(from, hay.length);
  const first = needle[0];
  const last = hay.length - needle.length;
  outer: for (let i = hay.indexOf(first, from); i >= 0 && i <= last; i = hay.indexOf(first, i + 1)) {
    for (let j = 1; j < needle.length; j++) if (hay[i + j] !== needle[j]) continue outer;
    return i;
  }
  return -1;
}

// The quoted name that starts at pos (just after its opening quote): [name, position after the
// closing quote], or null when the line ends first.
function quotedName(u, pos) {
  let end = pos;
  while (end < u.length && u[end] !== CR && u[end] !== LF && u[end] !== QUOTE) end++;
  if (u[end] !== QUOTE) return null;
  const s = __kw.utf8Decode(u.subarray(pos, end));
  return [s.replace(/%(?:0[aAdD]|22)/g, (m) => (m === '%22' ? '"' : m[2] === 'A' || m[2] === 'a' ? '\n' : '\r')), end + 1];
}

// undici's reading of the Content-Disposition value at pos: [name, filename|null, position after
// it], or null when undici fails the body there (including the check of the line's end that
// follows every header).
function undiciDisposition(u, pos) {
  if (!startsAt(u, pos, FORM_DATA_NAME)) return null;
  const n = quotedName(u, pos + FORM_DATA_NAME.length);
  if (n === null) return null;
  let filename = null;
  pos = n[1];
  if (startsAt(u, pos, SEMI_FILENAME)) {
    let at = pos + SEMI_FILENAME.length;
    if (u[at] === 42) at++; // `filename*="…"` is read as a plain quoted filename
    if (u[at] !== 61 || u[at + 1] !== QUOTE) return null;
    const f = quotedName(u, at + 2);
    if (f === null) return null;
    [filename, pos] = f;
  }
  if (u[pos] !== CR && u[pos + 1] !== LF) return null;
  return [n[0], filename, pos];
}

// workerd's reading of a Content-Disposition value (the bytes from..to of one header line), found
// by posting bodies to workerd 1.20261123.1: {name, filename|null}, or null when workerd fails
// the body. Whitespace is SP, HT, VT and FF. The value is `form-data` (case-sensitive) and then
// `;`-separated parameters `key = "quoted"` with whitespace allowed around `;` and `=`; a key is
// [-0-9A-Za-z_]+ and matched case-sensitively (`name`, `filename`; a later one wins, others are
// ignored). Reading stops at the first thing that is not such a parameter (an unquoted or empty
// value, a key with other characters such as `filename*`, a missing `=` or closing quote, text
// after a closing quote other than `;`); the parameters before it count. In a quoted value `\`
// escapes the next byte; the unescaped bytes are UTF-8 decoded (U+FFFD for invalid sequences, a
// BOM kept); `%XX` stays as it is. A NUL byte or a missing name fails the body.
const FORM_DATA = __kw.utf8Encode('form-data');
const isWdSpace = (c) => c === 32 || c === 9 || c === 11 || c === 12;
const isWdKey = (c) => (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 45 || c === 95;
function workerdDisposition(u, from, to) {
  if (u.subarray(from, to).includes(0)) return null;
  let p = from;
  const skip = () => { while (p < to && isWdSpace(u[p])) p++; };
  skip();
  if (p + FORM_DATA.length > to || !startsAt(u, p, FORM_DATA)) return null;
  p += FORM_DATA.length;
  if (p < to && isWdKey(u[p])) return null;
  skip();
  let name = null;
  let filename = null;
  while (p < to && u[p] === 59) {
    p++;
    skip();
    const k = p;
    while (p < to && isWdKey(u[p])) p++;
    if (p === k) break;
    const key = latin1(u, k, p);
    skip();
    if (p >= to || u[p] !== 61) break;
    p++;
    skip();
    if (p >= to || u[p] !== QUOTE) break;
    p++;
    const bytes = [];
    let closed = false;
    while (p < to) {
      let c = u[p++];
      if (c === QUOTE) { closed = true; break; }
      if (c === 92) {
        if (p >= to) break;
        c = u[p++];
      }
      bytes.push(c);
    }
    if (!closed || bytes.length === 0) break;
    const value = __kw.utf8Decode(Uint8Array.from(bytes), true);
    if (key === 'name') name = value;
    else if (key === 'filename') filename = value;
    skip();
  }
  return name === null ? null : { name, filename };
}

// Parses the part's header lines at `pos`; returns {name, filename, type, encoding, pos} with
// pos at the CRLF of the empty line that ends them.
function parsePartHeaders(u, pos) {
  let name = null;
  let filename = null;
  let type = null;
  let encoding = null;
  let dispositions = 0;
  let asWorkerd = false;
  for (;;) {
    if (u[pos] === CR && u[pos + 1] === LF) {
      if (name === null) failParse();
      // undici fails such a part, and workerd would take the first Content-Disposition where
      // undici takes the last: keep failing it.
      if (asWorkerd && dispositions > 1) failParse();
      return { name, filename, type, encoding, pos };
    }
    let keyEnd = pos;
    while (keyEnd < u.length && u[keyEnd] !== CR && u[keyEnd] !== LF && u[keyEnd] !== 58) keyEnd++;
    const key = latin1(u, pos, keyEnd).replace(/^[\t ]+|[\t ]+$/g, '');
    if (!HEADER_NAME_RE.test(key) || u[keyEnd] !== 58) failParse();
    pos = keyEnd + 1;
    while (pos < u.length && isSpace(u[pos])) pos++;
    const lower = key.toLowerCase();
    switch (lower) {
      case 'content-disposition': {
        dispositions++;
        const d = undiciDisposition(u, pos);
        if (d !== null) {
          [name, filename, pos] = d;
          break;
        }
        const end = lineEnd(u, pos);
        const w = workerdDisposition(u, pos, end);
        if (w === null) failParse();
        ({ name, filename } = w);
        asWorkerd = true;
        pos = end;
        break;
      }
      case 'content-type':
      case 'content-transfer-encoding': {
        const end = lineEnd(u, pos);
        let trim = end;
        while (trim > pos + 1 && isSpace(u[trim - 1])) trim--;
        const value = latin1(u, pos, trim);
        if (lower === 'content-type') type = value; else encoding = value;
        pos = end;
        break;
      }
      default:
        pos = lineEnd(u, pos);
    }
    if (u[pos] !== CR && u[pos + 1] !== LF) failParse();
    pos += 2;
  }
}

// Buffer.from(text, 'base64') of the UTF-8 decoding of u: each UTF-16 code unit counts as its low
// byte; the standard and URL-safe alphabets both count, other characters are skipped, and the
// first `=` ends the data.
let b64Values;
function nodeBase64(u) {
  if (!b64Values) {
    b64Values = new Int8Array(256).fill(-1);
    const abc = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
    for (let i = 0; i < 64; i++) b64Values[abc.charCodeAt(i)] = i;
    b64Values[45] = 62; // -
    b64Values[95] = 63; // _
  }
  const s = __kw.utf8Decode(u, true);
  const out = new Uint8Array((s.length * 3) >>> 2);
  let n = 0;
  let acc = 0;
  let bits = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i) & 255;
    if (c === 61) break;
    const v = b64Values[c];
    if (v < 0) continue;
    acc = ((acc << 6) | v) & 0xfff;
    bits += 6;
    if (bits >= 8) { bits -= 8; out[n++] = (acc >> bits) & 255; }
  }
  return out.subarray(0, n);
}

// undici strips a leading BOM and then decodes with a TextDecoder that strips another.
function partText(u) {
  return __kw.utf8Decode(u[0] === 0xef && u[1] === 0xbb && u[2] === 0xbf ? u.subarray(3) : u);
}

__kw.multipartParse = function multipartParse(input, boundary) {
  let pos = 0;
  while (input[pos] === CR && input[pos + 1] === LF) pos += 2;
  let end = input.length;
  while (input[end - 1] === LF && input[end - 2] === CR) end -= 2;
  const u = input.subarray(0, end);
  const dashB = __kw.utf8Encode('--' + boundary);
  const bare = dashB.subarray(2);
  const entries = [];
  for (;;) {
    if (!startsAt(u, pos, dashB)) failParse();
    pos += dashB.length;
    if (pos === u.length - 2 && u[pos] === 45 && u[pos + 1] === 45) break;
    if (u[pos] !== CR || u[pos + 1] !== LF) failParse();
    const h = parsePartHeaders(u, pos + 2);
    pos = h.pos + 2;
    const at = indexOfBytes(u, bare, pos);
    if (at < 0) failParse();
    let body = u.subarray(pos, Math.max(pos, at - 4));
    pos += body.length;
    if (u[pos] !== CR || u[pos + 1] !== LF) failParse();
    pos += 2;
    if (h.encoding === 'base64') body = nodeBase64(body);
    let value;
    if (h.filename === null) {
      value = partText(body);
    } else {
      const type = h.type === null ? 'text/plain' : h.type;
      value = __kw.fileFromBytes(body.slice(), h.filename, /^[\x00-\x7f]*$/.test(type) ? type : '');
    }
    entries.push([h.name, value]);
  }
  return __kw.formDataFromPairs(entries);
};
