// Headers (WHATWG Fetch). Names are stored lowercased in a Map, in first-insertion order; values
// of one name are combined with ", " except set-cookie, kept as a list. Guards: 'none',
// 'request', 'response' (both unfiltered, as in Node) and 'immutable'.
//
// Defined on __kw:
//   __kw.headersFromList(list, guard) → Headers from [[name, value], ...] (host input: names
//     must be valid, values are normalized; invalid ones throw TypeError).
//   __kw.headersFromTrusted(list, guard) → the same for a list already checked by the host.
//   __kw.headersList(h)   → [[lowercase name, value], ...] in insertion order, set-cookie split.
//   __kw.headersFill(h, init) → appends a HeadersInit (Headers, sequence or record) to h.
//   __kw.headersCopy(h, guard) → a new Headers with h's entries and the given guard.
//   __kw.headersGet(h, lowercaseName) → the combined value or null (no validation).
//   __kw.headersSetGuard(h, guard), __kw.headersGuard(h) → the guard.
//   __kw.headersAdd(h, lowercaseName, value) → appends without validation (trusted input).

const VALUE_BAD = /[\0\r\n]/;
const WS_EDGES = /^[\t\n\r ]+|[\t\n\r ]+$/g;

// Valid names seen before, as given -> lowercased: every request and response repeats the
// same few dozen names, and validating them costs more than the rest of a Headers operation.
const knownNames = new Map();
function checkName(name) {
  if (typeof name === 'string') {
    const known = knownNames.get(name);
    if (known !== undefined) return known;
  }
  const n = __kw.toByteString(name);
  if (!__kw.isToken(n)) throw new TypeError(`Invalid header name: "${n}"`);
  const lower = n.toLowerCase();
  if (knownNames.size < 512) knownNames.set(n, lower);
  return lower;
}
const isHttpWS = (c) => c === 9 || c === 10 || c === 13 || c === 32;
function checkValue(value) {
  let v = __kw.toByteString(value);
  if (v.length > 0 && (isHttpWS(v.charCodeAt(0)) || isHttpWS(v.charCodeAt(v.length - 1)))) v = v.replace(WS_EDGES, '');
  if (VALUE_BAD.test(v)) throw new TypeError(`Invalid header value: "${v}"`);
  return v;
}

function needArgs(n, min, what) {
  if (n < min) throw new TypeError(`Failed to execute '${what}' on 'Headers': ${min} argument${min > 1 ? 's' : ''} required, but only ${n} present.`);
}

let sorted;
class Headers {
  #map = new Map();
  #guard = 'none';
  #sorted = null;
  constructor(init = undefined) {
    if (init !== undefined) this.#fill(init);
  }
  #fill(init) {
    if (init === null || (typeof init !== 'object' && typeof init !== 'function')) {
      throw new TypeError("Failed to construct 'Headers': The provided value is not of type '(record<ByteString, ByteString> or sequence<sequence<ByteString>>)'.");
    }
    if (#map in init) {
      for (const [k, v] of init.#map) {
        if (typeof v === 'string') this.#add(k, v); else for (const c of v) this.#add(k, c);
      }
    } else if (typeof init[Symbol.iterator] === 'function') {
      for (const pair of init) {
        if (pair === null || typeof pair !== 'object' || typeof pair[Symbol.iterator] !== 'function') {
          throw new TypeError('Header pairs must be sequences of ByteString');
        }
        const p = Array.from(pair);
        if (p.length !== 2) throw new TypeError('Header pairs must contain exactly 2 items');
        this.#add(checkName(p[0]), checkValue(p[1]));
      }
    } else {
      for (const key of Reflect.ownKeys(init)) {
        const d = Reflect.getOwnPropertyDescriptor(init, key);
        if (d === undefined || !d.enumerable) continue;
        if (typeof key === 'symbol') throw new TypeError('Cannot convert a Symbol value to a string');
        this.#add(checkName(key), checkValue(init[key]));
      }
    }
  }
  #add(name, value) {
    this.#sorted = null;
    const map = this.#map;
    const cur = map.get(name);
    if (name === 'set-cookie') {
      if (cur === undefined) map.set(name, [value]); else cur.push(value);
    } else {
      map.set(name, cur === undefined ? value : cur + ', ' + value);
    }
  }
  #mutable() {
    if (this.#guard === 'immutable') throw new TypeError('Headers are immutable');
  }
  append(name, value) {
    needArgs(arguments.length, 2, 'append');
    const n = checkName(name);
    const v = checkValue(value);
    this.#mutable();
    this.#add(n, v);
  }
  delete(name) {
    needArgs(arguments.length, 1, 'delete');
    const n = checkName(name);
    this.#mutable();
    if (this.#map.delete(n)) this.#sorted = null;
  }
  get(name) {
    needArgs(arguments.length, 1, 'get');
    const v = this.#map.get(checkName(name));
    return v === undefined ? null : typeof v === 'string' ? v : v.join(', ');
  }
  getSetCookie() {
    const v = this.#map.get('set-cookie');
    return v === undefined ? [] : v.slice();
  }
  has(name) {
    needArgs(arguments.length, 1, 'has');
    return this.#map.has(checkName(name));
  }
  set(name, value) {
    needArgs(arguments.length, 2, 'set');
    const n = checkName(name);
    const v = checkValue(value);
    this.#mutable();
    this.#sorted = null;
    this.#map.set(n, n === 'set-cookie' ? [v] : v);
  }
  static {
    sorted = (h) => {
      if (h.#sorted !== null) return h.#sorted;
      const out = [];
      for (const k of Array.from(h.#map.keys()).sort()) {
        const v = h.#map.get(k);
        if (typeof v === 'string') out.push([k, v]); else for (const c of v) out.push([k, c]);
      }
      return (h.#sorted = out);
    };
    __kw.headersList = (h) => {
      const out = [];
      for (const [k, v] of h.#map) {
        if (typeof v === 'string') out.push([k, v]); else for (const c of v) out.push([k, c]);
      }
      return out;
    };
    // headersFromTrusted is headersFromList for a list the host has checked: lowercase token
    // names, normalized values (wasmhost/serve.go, requestHeaders).
    __kw.headersFromTrusted = (list, guard) => {
      const h = new Headers();
      for (let i = 0; i < list.length; i++) h.#add(list[i][0], list[i][1]);
      h.#guard = guard;
      return h;
    };
    __kw.headersFromList = (list, guard) => {
      const h = new Headers();
      for (const [k, v] of list) h.#add(checkName(k), checkValue(v));
      h.#guard = guard;
      return h;
    };
    __kw.headersFill = (h, init) => h.#fill(init);
    // headersAdd appends a name (lowercase) and value the caller knows to be valid.
    __kw.headersAdd = (h, name, value) => h.#add(name, value);
    __kw.headersCopy = (src, guard) => {
      const h = new Headers();
      for (const [k, v] of src.#map) h.#map.set(k, typeof v === 'string' ? v : v.slice());
      h.#guard = guard;
      return h;
    };
    __kw.headersGet = (h, name) => {
      const v = h.#map.get(name);
      return v === undefined ? null : typeof v === 'string' ? v : v.join(', ');
    };
    __kw.headersSetGuard = (h, guard) => { h.#guard = guard; };
    __kw.headersGuard = (h) => h.#guard;
  }
}
__kw.pairIterable(Headers, sorted);
__kw.webidlClass(Headers);
__kw.defineGlobal('Headers', Headers);
