// The Body mixin (WHATWG Fetch): extracting bodies and consuming them, shared by Request and
// Response.
//
// A body is a plain object {bytes, text, stream, used, shared}:
//   bytes  — a Uint8Array while the body has not been turned into a stream (fast path: bodies
//            from strings, buffers, blobs, URLSearchParams and FormData never build a stream
//            unless `.body` is touched); null otherwise.
//   text   — for a body made from a string (a string, URLSearchParams, Response.json): the
//            string, in place of bytes until someone needs them (bodyBytes). The runtime hands
//            it to the host as it is, and text()/json() take it back without a round trip
//            through UTF-8; null otherwise. At most one of bytes and text is set.
//   stream — the ReadableStream once there is one; then it is the only source of truth.
//   used   — set when a consumer took the bytes.
//   shared — bytes may be shared with a Blob or a clone: copy them before exposing them.
//   source — false when the body came from a stream (Fetch's "body's source is null").
// Defined on __kw:
//   __kw.extractBody(object, keepalive) → [body, contentType | null]; TypeError for a disturbed
//     or locked stream, or a stream with keepalive.
//   __kw.bodyFromStream(stream) / __kw.bodyFromBytes(u8) / __kw.bodyFromText(string) → a body
//     (no Content-Type).
//   __kw.bodyBytes(body) → the bytes of a body not turned into a stream (encodes its text).
//   __kw.bodyStream(body) → the body's ReadableStream (created on first use).
//   __kw.bodyUnusable(body) → disturbed or locked.
//   __kw.cloneBody(body) → the clone's body (tees a stream; shares bytes).
//   __kw.takeBody(body) → for moving a body: returns a new body with the same source and marks
//     the old one used (its `.body` then reports a disturbed, locked stream).
//   __kw.bodyMixin(cls, stateOf, after) → installs body, bodyUsed, then the members named in
//     `after` (moved from cls.prototype), then arrayBuffer/blob/bytes/formData/json/text.
//     stateOf(obj) returns {body, headers} or throws TypeError for a foreign receiver.

const newBody = (bytes, stream, shared, source = stream === null, text = null) => ({ bytes, text, stream, used: false, shared, source });
const textBody = (s) => newBody(null, null, false, true, s);
__kw.bodyFromBytes = (u8) => newBody(u8, null, false);
__kw.bodyFromStream = (s) => newBody(null, s, false);
__kw.bodyFromText = textBody;

// bodyBytes turns a text body into bytes (once) and returns them.
function bodyBytes(b) {
  if (b.text !== null) {
    b.bytes = __kw.utf8Encode(b.text);
    b.text = null;
    b.shared = false;
  }
  return b.bytes;
}
__kw.bodyBytes = bodyBytes;

function iterableStream(object) {
  const it = object[Symbol.asyncIterator]();
  return new ReadableStream({
    async pull(c) {
      const r = await it.next();
      if (r.done) c.close(); else c.enqueue(typeof r.value === 'string' ? __kw.utf8Encode(r.value) : r.value);
    },
    async cancel(reason) {
      if (typeof it.return === 'function') await it.return(reason);
    },
  });
}

__kw.extractBody = function extractBody(object, keepalive = false) {
  if (typeof object === 'string') return [textBody(object), 'text/plain;charset=UTF-8'];
  if (__kw.isBlob(object)) return [newBody(__kw.blobBytes(object), null, true), object.type || null];
  if (__kw.isBufferSource(object)) return [newBody(__kw.copyBufferSource(object), null, false), null];
  if (object instanceof FormData) {
    const m = __kw.multipartSerialize(object);
    return [newBody(m.bytes, null, false), m.type];
  }
  if (typeof URLSearchParams === 'function' && object instanceof URLSearchParams) {
    return [textBody(object.toString()), 'application/x-www-form-urlencoded;charset=UTF-8'];
  }
  let stream = null;
  if (__kw.isReadableStream(object)) {
    if (keepalive) throw new TypeError('keepalive cannot be used with a ReadableStream body');
    if (__kw.isDisturbed(object) || object.locked) throw new TypeError('Response body object should not be disturbed or locked');
    stream = object;
  } else if (object !== null && typeof object === 'object' && typeof object[Symbol.asyncIterator] === 'function') {
    if (keepalive) throw new TypeError('keepalive cannot be used with an async iterable body');
    stream = iterableStream(object);
  }
  if (stream !== null) return [newBody(null, stream, false), null];
  return [textBody(__kw.toUSVString(object)), 'text/plain;charset=UTF-8'];
};

const isUsed = (b) => b.used || (b.stream !== null && __kw.isDisturbed(b.stream));
const unusable = (b) => isUsed(b) || (b.stream !== null && b.stream.locked);
__kw.bodyUnusable = unusable;

function bodyStream(b) {
  if (b.stream === null) {
    if (b.used) {
      // Consumed on the fast path: expose what a consumed stream looks like (disturbed, locked).
      b.stream = __kw.streamFromBytes(new Uint8Array(0));
      b.stream.getReader().read();
    } else {
      b.stream = __kw.streamFromBytes(b.text !== null ? bodyBytes(b) : b.bytes.slice());
      b.bytes = null;
    }
  }
  return b.stream;
}
__kw.bodyStream = bodyStream;

__kw.cloneBody = function cloneBody(b) {
  if (b.stream === null) { b.shared = true; return newBody(b.bytes, null, true, true, b.text); }
  const [s1, s2] = b.stream.tee();
  b.stream = s1;
  return newBody(null, s2, false, b.source);
};

__kw.takeBody = function takeBody(b) {
  const out = newBody(b.bytes, b.stream, b.shared, b.source, b.text);
  b.bytes = null;
  b.text = null;
  b.stream = null;
  b.used = true;
  return out;
};

// Reads the whole body: resolves to [bytes, shared].
async function consume(s) {
  const b = s.body;
  if (b === null) return [new Uint8Array(0), false];
  if (unusable(b)) throw new TypeError('Body is unusable: Body has already been read');
  b.used = true;
  if (b.stream === null) {
    const u = bodyBytes(b);
    b.bytes = null;
    return [u, b.shared];
  }
  return [await __kw.readAllBytes(b.stream), false];
}

// consumeText is consume for text() and json(): a text body's string is the answer itself
// (as UTF-8 encoding and decoding would make it: lone surrogates replaced, a BOM dropped).
async function consumeText(s) {
  const b = s.body;
  if (b !== null && b.stream === null && b.text !== null && !unusable(b)) {
    b.used = true;
    let t = b.text;
    b.text = null;
    if (!t.isWellFormed()) t = t.toWellFormed();
    return t.charCodeAt(0) === 0xFEFF ? t.slice(1) : t;
  }
  return __kw.utf8Decode((await consume(s))[0]);
}

// https://fetch.spec.whatwg.org/#concept-header-extract-mime-type
function extractMimeType(headers) {
  const raw = __kw.headersGet(headers, 'content-type');
  if (raw === null) return null;
  let charset = null;
  let essence = null;
  let mime = null;
  for (const value of splitValues(raw)) {
    const m = __kw.parseMimeType(value);
    if (m === null || (m.type === '*' && m.subtype === '*')) continue;
    mime = m;
    const e = m.type + '/' + m.subtype;
    if (e !== essence) {
      charset = m.params.has('charset') ? m.params.get('charset') : null;
      essence = e;
    } else if (!m.params.has('charset') && charset !== null) {
      m.params.set('charset', charset);
    }
  }
  return mime;
}

// https://fetch.spec.whatwg.org/#header-value-get-decode-and-split
function splitValues(input) {
  const values = [];
  let i = 0;
  let value = '';
  for (;;) {
    let j = i;
    while (j < input.length && input[j] !== '"' && input[j] !== ',') j++;
    value += input.slice(i, j);
    i = j;
    if (i < input.length && input[i] === '"') {
      const k = __kw.collectQuoted(input, i)[1];
      value += input.slice(i, k);
      i = k;
      if (i < input.length) continue;
    }
    values.push(value.replace(/^[\t ]+|[\t ]+$/g, ''));
    if (i >= input.length) break;
    i++;
    value = '';
  }
  return values;
}

function ownedBytes([u, shared]) { return shared ? u.slice() : u; }

function consumers(stateOf) {
  return {
    async blob() {
      const s = stateOf(this);
      const [u] = await consume(s);
      const m = extractMimeType(s.headers);
      return __kw.blobFromBytes(u, m === null ? '' : __kw.serializeMimeType(m));
    },
    async arrayBuffer() {
      const u = ownedBytes(await consume(stateOf(this)));
      return u.byteOffset === 0 && u.byteLength === u.buffer.byteLength ? u.buffer : u.slice().buffer;
    },
    async text() { return consumeText(stateOf(this)); },
    async json() { return JSON.parse(await consumeText(stateOf(this))); },
    async formData() {
      const s = stateOf(this);
      const [u] = await consume(s);
      const m = extractMimeType(s.headers);
      const essence = m === null ? '' : m.type + '/' + m.subtype;
      if (essence === 'multipart/form-data') {
        const boundary = m.params.get('boundary');
        if (!boundary) throw new TypeError('Failed to parse body as FormData.');
        return __kw.multipartParse(u, boundary);
      }
      if (essence === 'application/x-www-form-urlencoded') {
        return __kw.formDataFromPairs(__kw.urlencodedParse(u));
      }
      throw new TypeError('Content-Type was not one of "multipart/form-data" or "application/x-www-form-urlencoded".');
    },
    async bytes() { return ownedBytes(await consume(stateOf(this))); },
  };
}

__kw.bodyMixin = function bodyMixin(cls, stateOf, after) {
  const proto = cls.prototype;
  const moved = after.map((k) => [k, Object.getOwnPropertyDescriptor(proto, k)]);
  for (const k of after) delete proto[k];
  const getters = {
    get body() { const b = stateOf(this).body; return b === null ? null : bodyStream(b); },
    get bodyUsed() { const b = stateOf(this).body; return b !== null && isUsed(b); },
  };
  for (const k of ['body', 'bodyUsed']) {
    Object.defineProperty(proto, k, { get: Object.getOwnPropertyDescriptor(getters, k).get, enumerable: true, configurable: true });
  }
  for (const [k, d] of moved) Object.defineProperty(proto, k, d);
  const methods = consumers(stateOf);
  for (const k of Object.keys(methods)) {
    Object.defineProperty(proto, k, { value: methods[k], writable: true, enumerable: true, configurable: true });
  }
};
