// Request (WHATWG Fetch), with Node 22 (undici) behavior where the spec leaves room: no base URL
// (relative URLs throw), no forbidden-header filtering.
//
// The request's signal is created on first use of `.signal`; until then the request keeps the
// signal it follows (`parent`), which is all fetch needs.
// Defined on __kw (for the Go host's runtime and fetch):
//   __kw.requestFromHost({method, url, headers: [[name, value], ...], trusted, body: ReadableStream|null,
//     signal: AbortSignal|null}) → a Request (method and url taken as given: the host sends a
//     valid method and a serialized absolute URL).
//   __kw.requestToHost(request) → {method, url, headers: [[name, value], ...], body:
//     ReadableStream|null, bytes: Uint8Array|null, redirect, signal: AbortSignal|null}; `bytes`
//     is set (and `body` null) for a body never turned into a stream. Marks the body used;
//     TypeError if it was already used or locked.

const INTERNAL = Symbol('internal');
const ENUMS = {
  mode: ['same-origin', 'no-cors', 'cors', 'navigate'],
  credentials: ['omit', 'same-origin', 'include'],
  cache: ['default', 'no-store', 'reload', 'no-cache', 'force-cache', 'only-if-cached'],
  redirect: ['follow', 'error', 'manual'],
  referrerPolicy: ['', 'no-referrer', 'no-referrer-when-downgrade', 'same-origin', 'origin',
    'strict-origin', 'origin-when-cross-origin', 'strict-origin-when-cross-origin', 'unsafe-url'],
  duplex: ['half'],
  priority: ['high', 'low', 'auto'],
};
const NORMALIZED = ['DELETE', 'GET', 'HEAD', 'OPTIONS', 'POST', 'PUT'];

function parseURL(s, what) {
  try {
    return new URL(s);
  } catch {
    throw new TypeError(`Failed to parse ${what} from ${s}`);
  }
}

function followSignal(parent) {
  const signal = __kw.newAbortController().signal;
  if (parent !== null) __kw.followSignal(signal, parent);
  return signal;
}

function defaults(url) {
  return {
    method: 'GET', url, headers: null, body: null, parent: null, signal: null,
    mode: 'cors', credentials: 'same-origin', cache: 'default', redirect: 'follow',
    referrer: 'client', referrerPolicy: '', integrity: '', keepalive: false,
    reload: false, history: false,
  };
}

let stateOf;
class Request {
  #s;
  constructor(input, init = undefined) {
    if (input === INTERNAL) { this.#s = init; return; }
    if (arguments.length < 1) throw new TypeError("Failed to construct 'Request': 1 argument required, but only 0 present.");
    const src = input !== null && typeof input === 'object' && #s in input ? input.#s : null;
    let s;
    if (src === null) {
      const str = __kw.toUSVString(input);
      const u = parseURL(str, 'URL');
      if (u.username !== '' || u.password !== '') throw new TypeError(`Request cannot be constructed from a URL that includes credentials: ${str}`);
      s = defaults(u.href);
    } else {
      s = { ...src, headers: null, body: null, signal: null, parent: src.signal ?? src.parent };
      if (s.mode === 'navigate') s.mode = 'same-origin';
    }
    const o = __kw.toDict(init, 'RequestInit');
    // Dictionary members, read once each in Web IDL (lexicographic) order.
    const enumOf = (key) => {
      const v = o[key];
      if (v === undefined) return undefined;
      const str = String(v);
      if (!ENUMS[key].includes(str)) throw new TypeError(`Failed to construct 'Request': '${str}' is not a valid value for ${key}.`);
      return str;
    };
    const body = o.body;
    const cache = enumOf('cache');
    const credentials = enumOf('credentials');
    const duplex = enumOf('duplex');
    const headersInit = o.headers;
    const integrity = o.integrity === undefined ? undefined : String(o.integrity);
    const keepalive = o.keepalive === undefined ? undefined : !!o.keepalive;
    const method = o.method === undefined ? undefined : __kw.toByteString(o.method);
    const mode = enumOf('mode');
    enumOf('priority');
    const redirect = enumOf('redirect');
    const referrer = o.referrer === undefined ? undefined : __kw.toUSVString(o.referrer);
    const referrerPolicy = enumOf('referrerPolicy');
    const signal = o.signal;
    if (signal !== undefined && signal !== null && !__kw.isAbortSignal(signal)) {
      throw new TypeError("Failed to construct 'Request': member signal is not of type AbortSignal.");
    }
    const win = o.window;
    if (win !== undefined && win !== null) throw new TypeError("Failed to construct 'Request': 'window' must be null.");

    if (body !== undefined || cache || credentials || duplex || headersInit !== undefined ||
        integrity !== undefined || keepalive !== undefined || method !== undefined || mode ||
        redirect || referrer !== undefined || referrerPolicy !== undefined || signal !== undefined || win !== undefined) {
      if (s.mode === 'navigate') s.mode = 'same-origin';
      s.reload = false;
      s.history = false;
      s.referrer = 'client';
      s.referrerPolicy = '';
    }
    if (referrer !== undefined) {
      if (referrer === '') s.referrer = 'no-referrer';
      else {
        const r = parseURL(referrer, 'referrer URL');
        s.referrer = r.protocol === 'about:' && r.pathname === 'client' ? 'client' : r.href;
      }
    }
    if (referrerPolicy !== undefined) s.referrerPolicy = referrerPolicy;
    if (mode === 'navigate') throw new TypeError("Failed to construct 'Request': Cannot construct a Request with a RequestInit whose mode member is set as 'navigate'.");
    if (mode !== undefined) s.mode = mode;
    if (credentials !== undefined) s.credentials = credentials;
    if (cache !== undefined) s.cache = cache;
    if (s.cache === 'only-if-cached' && s.mode !== 'same-origin') throw new TypeError("'only-if-cached' can be set only with 'same-origin' mode");
    if (redirect !== undefined) s.redirect = redirect;
    if (integrity !== undefined) s.integrity = integrity;
    if (keepalive !== undefined) s.keepalive = keepalive;
    if (method !== undefined) {
      if (!__kw.isToken(method)) throw new TypeError(`'${method}' is not a valid HTTP method.`);
      const up = method.toUpperCase();
      if (up === 'CONNECT' || up === 'TRACE' || up === 'TRACK') throw new TypeError(`'${method}' HTTP method is unsupported.`);
      s.method = NORMALIZED.includes(up) ? up : method;
    }
    if (signal !== undefined) s.parent = signal;
    if (s.mode === 'no-cors' && s.method !== 'GET' && s.method !== 'HEAD' && s.method !== 'POST') {
      throw new TypeError(`'${s.method}' is unsupported in no-cors mode.`);
    }
    if (headersInit !== undefined) {
      s.headers = new Headers(headersInit);
      __kw.headersSetGuard(s.headers, 'request');
    } else {
      s.headers = src === null ? __kw.headersFromList([], 'request') : __kw.headersCopy(src.headers, 'request');
    }
    const inputBody = src === null ? null : src.body;
    const hasInitBody = body !== undefined && body !== null;
    if ((hasInitBody || inputBody !== null) && (s.method === 'GET' || s.method === 'HEAD')) {
      throw new TypeError('Request with GET/HEAD method cannot have body.');
    }
    let initBody = null;
    if (hasInitBody) {
      const [b, type] = __kw.extractBody(body, s.keepalive);
      initBody = b;
      if (type !== null && __kw.headersGet(s.headers, 'content-type') === null) __kw.headersAdd(s.headers, 'content-type', type);
    }
    const finalBody = initBody ?? inputBody;
    if (finalBody !== null && !finalBody.source) {
      if (initBody !== null && duplex === undefined) throw new TypeError('RequestInit: duplex option is required when sending a body.');
      if (s.mode !== 'same-origin' && s.mode !== 'cors') throw new TypeError('A ReadableStream body requires mode "same-origin" or "cors".');
    }
    if (initBody === null && inputBody !== null) {
      if (__kw.bodyUnusable(inputBody)) throw new TypeError('Cannot construct a Request with a Request object that has already been used.');
      s.body = __kw.takeBody(inputBody);
    } else {
      s.body = finalBody;
    }
    this.#s = s;
  }
  get method() { return this.#s.method; }
  get url() { return this.#s.url; }
  get headers() { return this.#s.headers; }
  get destination() { this.#s; return ''; }
  get referrer() {
    const r = this.#s.referrer;
    return r === 'no-referrer' ? '' : r === 'client' ? 'about:client' : r;
  }
  get referrerPolicy() { return this.#s.referrerPolicy; }
  get mode() { return this.#s.mode; }
  get credentials() { return this.#s.credentials; }
  get cache() { return this.#s.cache; }
  get redirect() { return this.#s.redirect; }
  get integrity() { return this.#s.integrity; }
  get keepalive() { return this.#s.keepalive; }
  get isReloadNavigation() { return this.#s.reload; }
  get isHistoryNavigation() { return this.#s.history; }
  get signal() {
    const s = this.#s;
    return s.signal ?? (s.signal = followSignal(s.parent));
  }
  get duplex() { this.#s; return 'half'; }
  clone() {
    const s = this.#s;
    if (s.body !== null && __kw.bodyUnusable(s.body)) throw new TypeError('Request.clone: Body has already been consumed.');
    return new Request(INTERNAL, {
      ...s, signal: null, parent: s.signal ?? s.parent,
      headers: __kw.headersCopy(s.headers, 'request'),
      body: s.body === null ? null : __kw.cloneBody(s.body),
    });
  }
  static {
    stateOf = (r) => {
      if (r === null || typeof r !== 'object' || !(#s in r)) throw new TypeError('Illegal invocation');
      return r.#s;
    };
    __kw.requestFromHost = (o) => new Request(INTERNAL, {
      ...defaults(o.url), method: o.method,
      headers: o.trusted ? __kw.headersFromTrusted(o.headers, 'request') : __kw.headersFromList(o.headers, 'request'),
      body: o.body ? __kw.bodyFromStream(o.body) : null,
      parent: o.signal || null,
    });
  }
}
__kw.bodyMixin(Request, stateOf, ['duplex', 'clone']);
__kw.webidlClass(Request);
__kw.defineGlobal('Request', Request);

__kw.requestToHost = function requestToHost(request) {
  const s = stateOf(request);
  let body = null;
  let bytes = null;
  if (s.body !== null) {
    if (__kw.bodyUnusable(s.body)) throw new TypeError('Request body has already been used');
    const b = __kw.takeBody(s.body);
    if (b.stream === null) bytes = __kw.bodyBytes(b); else body = b.stream;
  }
  return {
    method: s.method, url: s.url, headers: __kw.headersList(s.headers), body, bytes,
    redirect: s.redirect, signal: s.signal ?? s.parent,
  };
};
