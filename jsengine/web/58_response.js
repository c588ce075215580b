// Response (WHATWG Fetch), with Node 22 (undici) behavior where the spec leaves room.
//
// Defined on __kw (for the Go host's runtime and fetch):
//   __kw.responseToHost(response) → {status, statusText, headers: [[name, value], ...] (insertion
//     order, set-cookie entries separate), body: ReadableStream|null, bytes: Uint8Array|null};
//     `bytes` is set (and `body` null) for a body never turned into a stream (buffer, blob,
//     form data...), or `text` (a string) in place of `bytes` for a body made from a string.
//     Marks the body used; TypeError if it was already used or locked.
//   __kw.responseFromHost({status, statusText, headers: [[name, value], ...], body:
//     ReadableStream|null, url, redirected}) → a Response of type 'basic' with immutable headers.

const INTERNAL = Symbol('internal');
const NULL_BODY = [101, 103, 204, 205, 304];
const REDIRECT = [301, 302, 303, 307, 308];

// Web IDL `unsigned short`.
function toUnsignedShort(v) {
  const n = Math.trunc(Number(v));
  return Number.isFinite(n) ? ((n % 65536) + 65536) % 65536 : 0;
}

function state(type, status, guard) {
  return {
    type, status, statusText: '', headers: __kw.headersFromList([], guard), body: null,
    url: '', redirected: false,
  };
}

// https://fetch.spec.whatwg.org/#initialize-a-response
function initialize(s, init, body, type) {
  const o = __kw.toDict(init, 'ResponseInit');
  const headers = o.headers;
  const status = o.status === undefined ? 200 : toUnsignedShort(o.status);
  const statusText = o.statusText === undefined ? '' : __kw.toByteString(o.statusText);
  if (status < 200 || status > 599) throw new RangeError(`init["status"] must be in the range of 200 to 599, inclusive.`);
  if (!/^[\t\x20-\x7e\x80-\xff]*$/.test(statusText)) throw new TypeError('Invalid statusText');
  s.status = status;
  s.statusText = statusText;
  if (headers !== undefined) __kw.headersFill(s.headers, headers);
  if (body !== null) {
    if (NULL_BODY.includes(status)) throw new TypeError(`Response constructor: Invalid response status code ${status}`);
    s.body = body;
    if (type !== null && __kw.headersGet(s.headers, 'content-type') === null) __kw.headersAdd(s.headers, 'content-type', type);
  }
}

let stateOf;
class Response {
  #s;
  constructor(body = null, init = undefined) {
    if (body === INTERNAL) { this.#s = init; return; }
    const s = state('default', 200, 'response');
    const [b, type] = body === null ? [null, null] : __kw.extractBody(body);
    initialize(s, init, b, type);
    this.#s = s;
  }
  static error() {
    return new Response(INTERNAL, state('error', 0, 'immutable'));
  }
  static json(data, init = undefined) {
    if (arguments.length < 1) throw new TypeError("Failed to execute 'json' on 'Response': 1 argument required, but only 0 present.");
    const text = JSON.stringify(data);
    if (typeof text !== 'string') throw new TypeError('Value is not JSON serializable');
    const s = state('default', 200, 'response');
    initialize(s, init, __kw.bodyFromText(text), 'application/json');
    return new Response(INTERNAL, s);
  }
  static redirect(url, status = 302) {
    if (arguments.length < 1) throw new TypeError("Failed to execute 'redirect' on 'Response': 1 argument required, but only 0 present.");
    const str = __kw.toUSVString(url);
    let parsed;
    try {
      parsed = new URL(str);
    } catch {
      throw new TypeError(`Failed to parse URL from ${str}`);
    }
    const code = toUnsignedShort(status);
    if (!REDIRECT.includes(code)) throw new RangeError(`Invalid status code ${code}`);
    const s = state('default', code, 'immutable');
    s.headers = __kw.headersFromList([['location', parsed.href]], 'immutable');
    return new Response(INTERNAL, s);
  }
  get type() { return this.#s.type; }
  get url() {
    const u = this.#s.url;
    const i = u.indexOf('#');
    return i < 0 ? u : u.slice(0, i);
  }
  get redirected() { return this.#s.redirected; }
  get status() { return this.#s.status; }
  get ok() { const st = this.#s.status; return st >= 200 && st <= 299; }
  get statusText() { return this.#s.statusText; }
  get headers() { return this.#s.headers; }
  clone() {
    const s = this.#s;
    if (s.body !== null && __kw.bodyUnusable(s.body)) throw new TypeError('Response.clone: Body has already been consumed.');
    return new Response(INTERNAL, {
      ...s,
      headers: __kw.headersCopy(s.headers, __kw.headersGuard(s.headers)),
      body: s.body === null ? null : __kw.cloneBody(s.body),
    });
  }
  static {
    stateOf = (r) => {
      if (r === null || typeof r !== 'object' || !(#s in r)) throw new TypeError('Illegal invocation');
      return r.#s;
    };
    __kw.responseFromHost = (o) => new Response(INTERNAL, {
      type: 'basic', status: o.status, statusText: o.statusText || '',
      headers: __kw.headersFromList(o.headers, 'immutable'),
      body: o.body ? __kw.bodyFromStream(o.body) : null,
      url: o.url || '', redirected: !!o.redirected,
    });
  }
}
__kw.bodyMixin(Response, stateOf, ['clone']);
__kw.webidlClass(Response);
__kw.defineGlobal('Response', Response);

__kw.responseToHost = function responseToHost(response) {
  const s = stateOf(response);
  let body = null;
  let bytes = null;
  let text = null;
  if (s.body !== null) {
    if (__kw.bodyUnusable(s.body)) throw new TypeError('Response body has already been used');
    const b = __kw.takeBody(s.body);
    if (b.stream !== null) body = b.stream; else if (b.text !== null) text = b.text; else bytes = b.bytes;
  }
  return { status: s.status, statusText: s.statusText, headers: __kw.headersList(s.headers), body, bytes, text };
};
