// Encoding: TextEncoder, TextDecoder (every encoding of the WHATWG Encoding Standard), atob,
// btoa, per the Encoding Standard and the HTML spec's forgiving-base64. UTF-8, UTF-16 and
// windows-1252 are decoded here; the other (legacy) encodings by the host's "encoding"
// service (wasmhost/svc_encoding.go), which holds their tables.
//
// Defines on __kw:
//   __kw.utf8Encode(string) -> Uint8Array: UTF-8 of the string (lone surrogates -> U+FFFD).
//   __kw.utf8Decode(bytes, keepBOM = false) -> string: UTF-8 decode of a Uint8Array, invalid
//     sequences -> U+FFFD; a leading BOM is dropped unless keepBOM (the spec's "UTF-8 decode").

// Performance: a JavaScript loop costs far more per character than the engine's native string
// functions, so the hot paths lean on those: String.fromCharCode.apply over bounded chunks of
// bytes (engines cap the argument count; 8192 is far below any cap), regular expressions to
// find non-ASCII text, and escape/unescape with the URI functions for UTF-8 (decodeURIComponent
// rejects every ill-formed sequence, so it is only a fast path for valid input).
const CHUNK = 8192;
const fromCodes = String.fromCharCode;
const NON_ASCII = /[^\x00-\x7f]/;

// A Sink collects UTF-16 code units and returns them as one string.
class Sink {
  constructor() { this.buf = new Uint16Array(CHUNK); this.n = 0; this.parts = []; }
  flush() {
    this.parts.push(fromCodes.apply(null, this.n === CHUNK ? this.buf : this.buf.subarray(0, this.n)));
    this.n = 0;
  }
  cp(c) {
    if (this.n >= CHUNK - 1) this.flush();
    if (c > 0xFFFF) {
      c -= 0x10000;
      this.buf[this.n++] = 0xD800 | (c >> 10);
      this.buf[this.n++] = 0xDC00 | (c & 0x3FF);
    } else this.buf[this.n++] = c;
  }
  done() {
    if (this.n) this.flush();
    return this.parts.length === 1 ? this.parts[0] : this.parts.join('');
  }
}

// The bytes as a "binary string": one code unit per byte.
function latin1(bytes) {
  if (bytes.length <= CHUNK) return fromCodes.apply(null, bytes);
  const parts = [];
  for (let i = 0; i < bytes.length; i += CHUNK) parts.push(fromCodes.apply(null, bytes.subarray(i, i + CHUNK)));
  return parts.join('');
}

// Decodes the longest prefix of `bytes` made of valid chunks natively, pushing strings to
// `parts`; returns the number of bytes consumed. Chunks end between sequences (when valid), and
// a chunk that holds an ill-formed or, at the end, incomplete sequence is left to the caller.
function utf8Native(bytes, parts) {
  const len = bytes.length;
  let start = 0;
  while (start < len) {
    let end = Math.min(start + CHUNK, len);
    let p = end - 1;
    for (let k = 0; k < 3 && p > start && (bytes[p] & 0xC0) === 0x80; k++) p--;
    const b = bytes[p];
    if (p + (b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : b >= 0xC0 ? 2 : 1) > end) end = p;
    if (end === start) break;
    let str = fromCodes.apply(null, bytes.subarray(start, end));
    if (NON_ASCII.test(str)) {
      try { str = decodeURIComponent(escape(str)); } catch { break; }
    }
    parts.push(str);
    start = end;
  }
  return start;
}

function decodeError() {
  return new TypeError('The encoded data was not valid for encoding');
}

// The UTF-8 decoder of the Encoding Standard, run over a whole chunk. `s` holds the decoder's
// state between chunks (code point, bytes seen/needed, boundaries). With fatal, errors throw.
function utf8Run(s, bytes, flush, fatal) {
  const len = bytes.length;
  let cp = s.cp, needed = s.needed, seen = s.seen, lower = s.lower, upper = s.upper;
  const parts = [];
  let i = needed ? 0 : utf8Native(bytes, parts);
  if (i === len && !needed) return parts.length === 1 ? parts[0] : parts.join('');
  const buf = new Uint16Array(len - i < CHUNK ? len - i + 1 : CHUNK);
  const max = buf.length - 1; // room for a surrogate pair
  let n = 0;
  while (i < len) {
    if (n >= max) { parts.push(fromCodes.apply(null, buf.subarray(0, n))); n = 0; }
    const b = bytes[i];
    if (needed === 0) {
      i++;
      if (b < 0x80) { buf[n++] = b; continue; }
      if (b >= 0xC2 && b <= 0xDF) { needed = 1; cp = b & 0x1F; continue; }
      if (b >= 0xE0 && b <= 0xEF) {
        if (b === 0xE0) lower = 0xA0; else if (b === 0xED) upper = 0x9F;
        needed = 2; cp = b & 0xF; continue;
      }
      if (b >= 0xF0 && b <= 0xF4) {
        if (b === 0xF0) lower = 0x90; else if (b === 0xF4) upper = 0x8F;
        needed = 3; cp = b & 0x7; continue;
      }
      if (fatal) throw decodeError();
      buf[n++] = 0xFFFD;
      continue;
    }
    if (b < lower || b > upper) {
      // The byte is not consumed: it starts the next sequence.
      cp = needed = seen = 0; lower = 0x80; upper = 0xBF;
      if (fatal) throw decodeError();
      buf[n++] = 0xFFFD;
      continue;
    }
    i++;
    lower = 0x80; upper = 0xBF;
    cp = (cp << 6) | (b & 0x3F);
    if (++seen === needed) {
      if (cp > 0xFFFF) {
        cp -= 0x10000;
        buf[n++] = 0xD800 | (cp >> 10);
        buf[n++] = 0xDC00 | (cp & 0x3FF);
      } else buf[n++] = cp;
      cp = needed = seen = 0;
    }
  }
  if (flush && needed) {
    cp = needed = seen = 0; lower = 0x80; upper = 0xBF;
    if (fatal) throw decodeError();
    buf[n++] = 0xFFFD;
  }
  s.cp = cp; s.needed = needed; s.seen = seen; s.lower = lower; s.upper = upper;
  if (n) parts.push(fromCodes.apply(null, n === buf.length ? buf : buf.subarray(0, n)));
  return parts.length === 1 ? parts[0] : parts.join('');
}

// The UTF-16 decoders (shared UTF-16 decoder of the Encoding Standard).
function utf16Run(s, bytes, flush, fatal, be) {
  const out = new Sink();
  const fail = () => { if (fatal) throw decodeError(); out.cp(0xFFFD); };
  let lead = s.leadByte, surrogate = s.leadSurrogate;
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i];
    if (lead < 0) { lead = b; continue; }
    const unit = be ? (lead << 8) | b : (b << 8) | lead;
    lead = -1;
    if (surrogate) {
      const hi = surrogate;
      surrogate = 0;
      if (unit >= 0xDC00 && unit <= 0xDFFF) { out.cp(0x10000 + ((hi - 0xD800) << 10) + (unit - 0xDC00)); continue; }
      // The unit's two bytes are put back into the stream: the unit is decoded anew below.
      fail();
    }
    if (unit >= 0xD800 && unit <= 0xDBFF) { surrogate = unit; continue; }
    if (unit >= 0xDC00 && unit <= 0xDFFF) { fail(); continue; }
    out.cp(unit);
  }
  if (flush && (lead >= 0 || surrogate)) {
    lead = -1; surrogate = 0;
    fail();
  }
  s.leadByte = lead; s.leadSurrogate = surrogate;
  return out.done();
}

// windows-1252: bytes 0x80-0x9F map through this table; all others are their own code point.
const W1252 = '\u20AC\x81\u201A\u0192\u201E\u2026\u2020\u2021\u02C6\u2030\u0160\u2039\u0152\x8D\u017D\x8F' +
  '\x90\u2018\u2019\u201C\u201D\u2022\u2013\u2014\u02DC\u2122\u0161\u203A\u0153\x9D\u017E\u0178';
function w1252Run(bytes) {
  return latin1(bytes).replace(/[\x80-\x9f]/g, (c) => W1252[c.charCodeAt(0) - 0x80]);
}

// A legacy encoding, decoded by the host. The host keeps nothing between calls: when streaming,
// it reports how many bytes it consumed, and the rest (an incomplete sequence) is kept here in
// `s.tail` and passed back in front of the next chunk, with the state byte it answers
// (ISO-2022-JP's mode). The answer is [consumed: u32 LE][state: u8][text as UTF-8].
function legacyRun(s, enc, bytes, flush, fatal) {
  let input;
  if (s.tail) {
    input = new Uint8Array(s.tail.length + bytes.length);
    input.set(s.tail);
    input.set(bytes, s.tail.length);
  } else {
    if (!bytes.length) return '';
    input = bytes.slice(); // a copy: the host reads an ArrayBuffer (never a shared one)
  }
  s.tail = null;
  const res = new Uint8Array(__kw.hostService('encoding', { op: 'decode', enc, fatal, flush, state: s.iso }, input));
  const consumed = (res[0] | (res[1] << 8) | (res[2] << 16) | (res[3] << 24)) >>> 0;
  s.iso = res[4];
  if (consumed < input.length) s.tail = input.slice(consumed);
  return utf8Run(freshState(), res.subarray(5), true, false);
}

function freshState() {
  return { cp: 0, needed: 0, seen: 0, lower: 0x80, upper: 0xBF, leadByte: -1, leadSurrogate: 0, tail: null, iso: 0 };
}

// Labels of the encodings decoded here (Encoding Standard, section 4.2), built on first use;
// the host knows the others.
let labels;
const ASCII_UPPER = /[A-Z]+/g;
const LABEL_CHARS = /^[\x21-\x7e]+$/;
function encodingForLabel(label) {
  if (!labels) {
    labels = new Map();
    const add = (name, list) => { for (const l of list.split(' ')) labels.set(l, name); };
    add('utf-8', 'unicode-1-1-utf-8 unicode11utf8 unicode20utf8 utf-8 utf8 x-unicode20utf8');
    add('utf-16be', 'unicodefffe utf-16be');
    add('utf-16le', 'csunicode iso-10646-ucs-2 ucs-2 unicode unicodefeff utf-16 utf-16le');
    add('windows-1252', 'ansi_x3.4-1968 ascii cp1252 cp819 csisolatin1 ibm819 iso-8859-1 iso-ir-100 ' +
      'iso8859-1 iso88591 iso_8859-1 iso_8859-1:1987 l1 latin1 us-ascii windows-1252 x-cp1252');
  }
  // Strip ASCII whitespace, ASCII lowercase (a Unicode lowercasing would match U+212A KELVIN SIGN).
  const l = label.replace(/^[\t\n\f\r ]+|[\t\n\f\r ]+$/g, '').replace(ASCII_UPPER, (c) => c.toLowerCase());
  const known = labels.get(l);
  if (known !== undefined || !LABEL_CHARS.test(l)) return known;
  return __kw.hostService('encoding', { op: 'label', label: l });
}

function dictionary(v, what) {
  if (v !== undefined && v !== null && typeof v !== 'object' && typeof v !== 'function') {
    throw new TypeError(`The "${what}" argument must be of type object`);
  }
  return v == null ? {} : v;
}

const abByteLength = Object.getOwnPropertyDescriptor(ArrayBuffer.prototype, 'byteLength').get;
const sabByteLength = typeof SharedArrayBuffer === 'function'
  ? Object.getOwnPropertyDescriptor(SharedArrayBuffer.prototype, 'byteLength').get : null;
function isBuffer(v, getter) {
  if (!getter || typeof v !== 'object' || v === null) return false;
  try { getter.call(v); return true; } catch { return false; }
}
// The bytes of an AllowSharedBufferSource, as a Uint8Array over the same memory.
function bufferSourceBytes(input, what) {
  if (ArrayBuffer.isView(input)) return new Uint8Array(input.buffer, input.byteOffset, input.byteLength);
  if (isBuffer(input, abByteLength) || isBuffer(input, sabByteLength)) return new Uint8Array(input);
  throw new TypeError(`The "${what}" argument must be an instance of ArrayBuffer, SharedArrayBuffer or ArrayBufferView`);
}

class TextDecoder {
  #encoding; #fatal; #ignoreBOM; #state = freshState(); #bomSeen = false; #streaming = false;
  constructor(label = 'utf-8', options = undefined) {
    const opts = dictionary(options, 'options');
    const enc = encodingForLabel(`${label}`);
    // The replacement encoding's labels (iso-2022-kr, ...) are refused like unknown ones.
    if (!enc || enc === 'replacement') throw new RangeError(`The "${label}" encoding is not supported`);
    this.#encoding = enc;
    this.#fatal = Boolean(opts.fatal);
    this.#ignoreBOM = Boolean(opts.ignoreBOM);
  }
  get encoding() { return this.#encoding; }
  get fatal() { return this.#fatal; }
  get ignoreBOM() { return this.#ignoreBOM; }
  decode(input = undefined, options = undefined) {
    const bytes = input === undefined ? new Uint8Array(0) : bufferSourceBytes(input, 'input');
    const stream = Boolean(dictionary(options, 'options').stream);
    if (!this.#streaming) { this.#state = freshState(); this.#bomSeen = false; }
    this.#streaming = stream;
    const enc = this.#encoding;
    if (enc === 'windows-1252') return w1252Run(bytes);
    const unicode = enc === 'utf-8' || enc === 'utf-16le' || enc === 'utf-16be';
    let out;
    try {
      out = enc === 'utf-8' ? utf8Run(this.#state, bytes, !stream, this.#fatal)
        : unicode ? utf16Run(this.#state, bytes, !stream, this.#fatal, enc === 'utf-16be')
          : legacyRun(this.#state, enc, bytes, !stream, this.#fatal);
    } catch (err) {
      // A fatal error ends the stream: the next call starts afresh.
      this.#streaming = false;
      throw err;
    }
    // Only the Unicode encodings have a BOM to remove (TextDecoder's "serialize I/O queue").
    if (unicode && !this.#ignoreBOM && !this.#bomSeen && out.length) {
      this.#bomSeen = true;
      if (out.charCodeAt(0) === 0xFEFF) out = out.slice(1);
    }
    return out;
  }
}

// UTF-8 encoding of a well-formed or ill-formed string into `dest` from index 0; stops before a
// code point that does not fit. Returns [code units read, bytes written].
function utf8Into(str, dest) {
  const len = str.length, cap = dest.length;
  let i = 0, w = 0;
  while (i < len) {
    let c = str.charCodeAt(i);
    if (c < 0x80) {
      if (w >= cap) break;
      dest[w++] = c; i++;
      continue;
    }
    if (c < 0x800) {
      if (w + 2 > cap) break;
      dest[w++] = 0xC0 | (c >> 6); dest[w++] = 0x80 | (c & 0x3F); i++;
      continue;
    }
    if (c >= 0xD800 && c <= 0xDFFF) {
      const d = c <= 0xDBFF && i + 1 < len ? str.charCodeAt(i + 1) : 0;
      if (d >= 0xDC00 && d <= 0xDFFF) {
        if (w + 4 > cap) break;
        c = 0x10000 + ((c - 0xD800) << 10) + (d - 0xDC00);
        dest[w++] = 0xF0 | (c >> 18); dest[w++] = 0x80 | ((c >> 12) & 0x3F);
        dest[w++] = 0x80 | ((c >> 6) & 0x3F); dest[w++] = 0x80 | (c & 0x3F);
        i += 2;
        continue;
      }
      c = 0xFFFD;
    }
    if (w + 3 > cap) break;
    dest[w++] = 0xE0 | (c >> 12); dest[w++] = 0x80 | ((c >> 6) & 0x3F); dest[w++] = 0x80 | (c & 0x3F);
    i++;
  }
  return [i, w];
}

// Strings from this length on are encoded by the host: one copy through the engine's C
// conversion beats the JavaScript loop below from a few dozen bytes on.
const HOST_ENCODE_MIN = 64;

function utf8Encode(str) {
  if (str.length >= HOST_ENCODE_MIN) {
    const bytes = __kw.hostUtf8Encode(str.toWellFormed());
    if (bytes !== null) return bytes;
  }
  // The UTF-8 bytes as a binary string, made natively, then copied out.
  const bin = NON_ASCII.test(str) ? unescape(encodeURIComponent(str.toWellFormed())) : str;
  const n = bin.length;
  const out = new Uint8Array(n);
  for (let i = 0; i < n; i++) out[i] = bin.charCodeAt(i);
  return out;
}

// Reading the private field #brand is the Web IDL brand check: a TypeError for other receivers.
class TextEncoder {
  #brand;
  get encoding() { this.#brand; return 'utf-8'; }
  encode(input = '') { this.#brand; return utf8Encode(`${input}`); }
  encodeInto(source, destination) {
    this.#brand;
    const str = `${source}`;
    if (!(destination instanceof Uint8Array)) {
      throw new TypeError('The "dest" argument must be an instance of Uint8Array');
    }
    const [read, written] = utf8Into(str, destination);
    return { read, written };
  }
}

__kw.utf8Encode = utf8Encode;
__kw.utf8Decode = function utf8Decode(bytes, keepBOM = false) {
  const out = utf8Run(freshState(), bytes, true, false);
  return !keepBOM && out.charCodeAt(0) === 0xFEFF ? out.slice(1) : out;
};

// Forgiving-base64 (HTML): the 6-bit value of each alphabet character, built on first use.
let b64Values;
const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

function invalidCharacter(msg) {
  return new DOMException(msg, 'InvalidCharacterError');
}

const B64_WS = /[\t\n\f\r ]/;
const B64_WS_ALL = /[\t\n\f\r ]+/g;

// Decodes four characters per step into a Uint8Array and makes the string natively (latin1):
// no per-character method calls or string building in the interpreter's loop.
function atob(data) {
  if (arguments.length === 0) throw new TypeError('The "data" argument must be specified');
  let s = `${data}`;
  if (B64_WS.test(s)) s = s.replace(B64_WS_ALL, '');
  let len = s.length;
  if (len % 4 === 0 && len > 0 && s.charCodeAt(len - 1) === 61) {
    len--;
    if (s.charCodeAt(len - 1) === 61) len--;
  }
  if (len % 4 === 1) throw invalidCharacter('The string to be decoded is not correctly encoded.');
  if (!b64Values) {
    b64Values = new Int8Array(256).fill(-1);
    for (let i = 0; i < 64; i++) b64Values[B64.charCodeAt(i)] = i;
  }
  const t = b64Values;
  const out = new Uint8Array((len * 3) >> 2);
  const full = len & ~3;
  let i = 0, o = 0, bad = 0;
  for (; i < full; i += 4) {
    const a = t[s.charCodeAt(i) & 0xFF], b = t[s.charCodeAt(i + 1) & 0xFF];
    const c = t[s.charCodeAt(i + 2) & 0xFF], d = t[s.charCodeAt(i + 3) & 0xFF];
    bad |= a | b | c | d;
    const v = (a << 18) | (b << 12) | (c << 6) | d;
    out[o++] = v >> 16; out[o++] = v >> 8; out[o++] = v;
  }
  if (i < len) {
    const a = t[s.charCodeAt(i) & 0xFF], b = t[s.charCodeAt(i + 1) & 0xFF];
    const c = len - i === 3 ? t[s.charCodeAt(i + 2) & 0xFF] : 0;
    bad |= a | b | c;
    const v = (a << 18) | (b << 12) | (c << 6);
    out[o++] = v >> 16;
    if (len - i === 3) out[o++] = v >> 8;
  }
  // A negative table value marks a non-alphabet character; any code unit above 0xFF is
  // invalid too (the & 0xFF above folds it onto the table, so it is checked here).
  if (bad < 0 || /[^\x00-\xff]/.test(s)) throw invalidCharacter('The string to be decoded is not correctly encoded.');
  return latin1(out);
}

function btoa(data) {
  if (arguments.length === 0) throw new TypeError('The "data" argument must be specified');
  const s = `${data}`;
  const out = new Sink();
  const len = s.length;
  for (let i = 0; i < len; i++) if (s.charCodeAt(i) > 0xFF) throw invalidCharacter('Invalid character');
  let i = 0;
  for (; i + 2 < len; i += 3) {
    const v = (s.charCodeAt(i) << 16) | (s.charCodeAt(i + 1) << 8) | s.charCodeAt(i + 2);
    out.cp(B64.charCodeAt(v >> 18)); out.cp(B64.charCodeAt((v >> 12) & 63));
    out.cp(B64.charCodeAt((v >> 6) & 63)); out.cp(B64.charCodeAt(v & 63));
  }
  if (i < len) {
    const two = i + 1 < len;
    const v = (s.charCodeAt(i) << 16) | (two ? s.charCodeAt(i + 1) << 8 : 0);
    out.cp(B64.charCodeAt(v >> 18)); out.cp(B64.charCodeAt((v >> 12) & 63));
    out.cp(two ? B64.charCodeAt((v >> 6) & 63) : 61); out.cp(61);
  }
  return out.done();
}

__kw.webidlClass(TextEncoder);
__kw.webidlClass(TextDecoder);
__kw.defineGlobal('TextEncoder', TextEncoder);
__kw.defineGlobal('TextDecoder', TextDecoder);
// Operations of the global object are enumerable in Web IDL, unlike interfaces.
for (const fn of [atob, btoa]) {
  Object.defineProperty(globalThis, fn.name, { value: fn, writable: true, enumerable: true, configurable: true });
}
