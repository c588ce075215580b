// Blob and File (W3C File API), plus the MIME type parser/serializer (WHATWG MIME Sniffing) that
// bodies and FormData share.
//
// A Blob holds its bytes in one immutable Uint8Array (parts are concatenated at construction;
// slices share memory). Defined on __kw:
//   __kw.isBlob(x)            → whether x is a Blob (or File).
//   __kw.blobBytes(blob)      → the blob's bytes: shared memory, callers must not mutate them.
//   __kw.blobFromBytes(u8, type) → a Blob owning u8 (not copied: the caller gives it up).
//   __kw.fileFromBytes(u8, name, type, lastModified) → a File owning u8.
//   __kw.parseMimeType(s)     → {type, subtype, params: Map} or null (failure).
//   __kw.serializeMimeType(m) → the MIME type's string.
//   __kw.isToken(s)           → whether s is an HTTP token.
//   __kw.collectQuoted(s, i)  → [value, next index]: an HTTP quoted string starting at s[i] '"'.

const TOKEN_RE = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
// Web IDL sequence conversion: an iterable object, else TypeError.
function toSequence(v, what) {
  if (v === null || (typeof v !== 'object' && typeof v !== 'function') || typeof v[Symbol.iterator] !== 'function') {
    throw new TypeError(`${what} must be a sequence`);
  }
  return v;
}
// Web IDL dictionary conversion: undefined/null give no members, other non-objects TypeError.
function toDict(v, what) {
  if (v === undefined || v === null) return {};
  if (typeof v !== 'object' && typeof v !== 'function') throw new TypeError(`${what} must be a dictionary`);
  return v;
}
__kw.toDict = toDict; // shared with 45..58: dictionary argument conversion.

function concatBytes(list, total) {
  if (list.length === 1) return list[0];
  const out = new Uint8Array(total);
  let o = 0;
  for (const u of list) { out.set(u, o); o += u.length; }
  return out;
}
__kw.concatBytes = concatBytes; // (Uint8Array[], totalLength) → one Uint8Array (may be list[0]).

function viewBytes(v) {
  return ArrayBuffer.isView(v) ? new Uint8Array(v.buffer, v.byteOffset, v.byteLength) : new Uint8Array(v);
}
function isBufferSource(v) {
  return ArrayBuffer.isView(v) || v instanceof ArrayBuffer ||
    (typeof SharedArrayBuffer === 'function' && v instanceof SharedArrayBuffer);
}
__kw.isBufferSource = isBufferSource;
__kw.copyBufferSource = (v) => viewBytes(v).slice(); // a fresh Uint8Array copy of a BufferSource.

function normalizeType(t) {
  const s = String(t);
  return /[^\x20-\x7e]/.test(s) ? '' : s.toLowerCase();
}

const INTERNAL = Symbol('internal');
let blobBytes;

class Blob {
  #bytes;
  #type;
  constructor(blobParts = undefined, options = undefined) {
    if (blobParts === INTERNAL) { this.#bytes = options[0]; this.#type = options[1]; return; }
    const opts = toDict(options, 'options');
    const endings = opts.endings === undefined ? 'transparent' : String(opts.endings);
    if (endings !== 'transparent' && endings !== 'native') throw new TypeError(`'${endings}' is not a valid value for enumeration EndingType`);
    const type = opts.type === undefined ? '' : normalizeType(opts.type);
    const list = [];
    let total = 0;
    if (blobParts !== undefined) {
      for (const part of toSequence(blobParts, 'blobParts')) {
        let u;
        if (part instanceof Blob) u = part.#bytes;
        else if (isBufferSource(part)) u = viewBytes(part).slice();
        else {
          let s = __kw.toUSVString(part);
          if (endings === 'native') s = s.replace(/\r\n|\r/g, '\n');
          u = __kw.utf8Encode(s);
        }
        if (u.length) { list.push(u); total += u.length; }
      }
    }
    this.#bytes = list.length ? concatBytes(list, total) : new Uint8Array(0);
    this.#type = type;
  }
  get size() { return this.#bytes.length; }
  get type() { return this.#type; }
  slice(start = undefined, end = undefined, contentType = undefined) {
    const size = this.#bytes.length;
    const rel = (v, d) => {
      if (v === undefined) return d;
      let n = Math.trunc(Number(v)) || 0;
      return n < 0 ? Math.max(size + n, 0) : Math.min(n, size);
    };
    const from = rel(start, 0);
    const to = rel(end, size);
    const type = contentType === undefined ? '' : normalizeType(contentType);
    return new Blob(INTERNAL, [this.#bytes.subarray(from, Math.max(to, from)), type]);
  }
  stream() { return __kw.streamFromBytes(this.#bytes.slice()); }
  async text() { return __kw.utf8Decode(this.#bytes); }
  async arrayBuffer() { return this.#bytes.slice().buffer; }
  async bytes() { return this.#bytes.slice(); }
  static {
    blobBytes = (b) => b.#bytes;
    __kw.isBlob = (x) => x !== null && typeof x === 'object' && #bytes in x;
  }
}
__kw.blobBytes = blobBytes;
__kw.blobFromBytes = (u8, type) => new Blob(INTERNAL, [u8, normalizeType(type)]);

class File extends Blob {
  #name;
  #lastModified;
  constructor(fileBits, fileName, options = undefined) {
    if (fileBits === INTERNAL) {
      super(INTERNAL, fileName);
      this.#name = fileName[2]; this.#lastModified = fileName[3];
      return;
    }
    if (arguments.length < 2) throw new TypeError(`Failed to construct 'File': 2 arguments required, but only ${arguments.length} present.`);
    super(fileBits, options);
    this.#name = __kw.toUSVString(fileName);
    const lm = toDict(options, 'options').lastModified;
    this.#lastModified = lm === undefined ? Date.now() : (Math.trunc(Number(lm)) || 0);
  }
  get name() { return this.#name; }
  get lastModified() { return this.#lastModified; }
}
__kw.fileFromBytes = (u8, name, type, lastModified = Date.now()) => new File(INTERNAL, [u8, normalizeType(type), name, lastModified]);

__kw.webidlClass(Blob);
__kw.webidlClass(File);
__kw.defineGlobal('Blob', Blob);
__kw.defineGlobal('File', File);

// MIME types (https://mimesniff.spec.whatwg.org/#parsing-a-mime-type).
const HTTP_WS = /^[\t\n\r ]+|[\t\n\r ]+$/g;
const QUOTED_OK = /^[\t\x20-\x7e\x80-\xff]*$/;

// Collects an HTTP quoted string starting at s[i] === '"'; returns [value, next index].
function collectQuoted(s, i) {
  let value = '';
  i++;
  for (;;) {
    let j = i;
    while (j < s.length && s[j] !== '"' && s[j] !== '\\') j++;
    value += s.slice(i, j);
    i = j;
    if (i >= s.length) break;
    const q = s[i++];
    if (q === '\\') {
      if (i >= s.length) { value += '\\'; break; }
      value += s[i++];
    } else break;
  }
  return [value, i];
}
__kw.collectQuoted = collectQuoted;

__kw.parseMimeType = function parseMimeType(input) {
  const s = input.replace(HTTP_WS, '');
  const slash = s.indexOf('/');
  if (slash <= 0) return null;
  const type = s.slice(0, slash);
  let i = s.indexOf(';', slash);
  if (i < 0) i = s.length;
  const subtype = s.slice(slash + 1, i).replace(HTTP_WS, '');
  if (!TOKEN_RE.test(type) || !TOKEN_RE.test(subtype)) return null;
  const m = { type: type.toLowerCase(), subtype: subtype.toLowerCase(), params: new Map() };
  while (i < s.length) {
    i++; // ';'
    while (i < s.length && /[\t\n\r ]/.test(s[i])) i++;
    let j = i;
    while (j < s.length && s[j] !== ';' && s[j] !== '=') j++;
    const name = s.slice(i, j).toLowerCase();
    i = j;
    if (i < s.length) {
      if (s[i] === ';') continue;
      i++;
    }
    if (i >= s.length) break;
    let value;
    if (s[i] === '"') {
      [value, i] = collectQuoted(s, i);
      while (i < s.length && s[i] !== ';') i++;
    } else {
      j = s.indexOf(';', i);
      if (j < 0) j = s.length;
      value = s.slice(i, j).replace(/[\t\n\r ]+$/, '');
      i = j;
      if (value === '') continue;
    }
    if (name !== '' && TOKEN_RE.test(name) && QUOTED_OK.test(value) && !m.params.has(name)) m.params.set(name, value);
  }
  return m;
};

__kw.serializeMimeType = function serializeMimeType(m) {
  let out = m.type + '/' + m.subtype;
  for (const [k, v] of m.params) {
    out += ';' + k + '=' + (v !== '' && TOKEN_RE.test(v) ? v : '"' + v.replace(/["\\]/g, '\\$&') + '"');
  }
  return out;
};
__kw.isToken = (s) => TOKEN_RE.test(s);
