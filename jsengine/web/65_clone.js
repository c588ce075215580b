// structuredClone (HTML, "safe passing of structured data"): StructuredSerializeWithTransfer and
// StructuredDeserializeWithTransfer done in one pass from the value to its copy. Web platform
// objects are not serializable except Blob, File and DOMException; class instances are copied
// as plain objects; a transferred ArrayBuffer is copied, then detached once the clone succeeds.

function cloneError(what) {
  return new DOMException(`${what} could not be cloned.`, 'DataCloneError');
}

const objectToString = Object.prototype.toString;
// Per-kind brand checks (each throws a TypeError for objects without the internal slot) and
// typed array constructors, built on first use.
let brands, viewCtors, typedArrayTag;
function setup() {
  const get = (C, key) => Object.getOwnPropertyDescriptor(C.prototype, key).get;
  brands = {
    __proto__: null,
    Boolean: Boolean.prototype.valueOf, Number: Number.prototype.valueOf, String: String.prototype.valueOf,
    BigInt: BigInt.prototype.valueOf, Symbol: Symbol.prototype.valueOf, Date: Date.prototype.getTime,
    RegExp: get(RegExp, 'source'), ArrayBuffer: get(ArrayBuffer, 'byteLength'),
    SharedArrayBuffer: typeof SharedArrayBuffer === 'function' ? get(SharedArrayBuffer, 'byteLength') : null,
    Map: get(Map, 'size'), Set: get(Set, 'size'),
    WeakMap: WeakMap.prototype.has, WeakSet: WeakSet.prototype.has, WeakRef: WeakRef.prototype.deref,
    FinalizationRegistry: FinalizationRegistry.prototype.unregister,
  };
  typedArrayTag = Object.getOwnPropertyDescriptor(Object.getPrototypeOf(Int8Array.prototype), Symbol.toStringTag).get;
  viewCtors = {};
  for (const C of [Int8Array, Uint8Array, Uint8ClampedArray, Int16Array, Uint16Array, Int32Array, Uint32Array,
    Float32Array, Float64Array, BigInt64Array, BigUint64Array, globalThis.Float16Array]) {
    if (C) viewCtors[C.name] = C;
  }
}
function branded(kind, v) {
  try { brands[kind].call(v, {}); return true; } catch { return false; }
}

// Web platform interfaces that are not serializable (looked up when cloning, as other files
// define them).
const PLATFORM = ['URL', 'URLSearchParams', 'Headers', 'Request', 'Response', 'FormData', 'ReadableStream',
  'WritableStream', 'TransformStream', 'AbortController', 'AbortSignal', 'EventTarget', 'Event',
  'TextEncoder', 'TextDecoder', 'CryptoKey', 'SubtleCrypto', 'Crypto'];
const NOT_CLONEABLE = new Set(['Symbol', 'WeakMap', 'WeakSet', 'WeakRef', 'FinalizationRegistry', 'Promise',
  'Generator', 'AsyncGenerator', 'Arguments']);
const ERROR_NAMES = new Set(['Error', 'EvalError', 'RangeError', 'ReferenceError', 'SyntaxError', 'TypeError', 'URIError']);

function defineHidden(obj, key, value) {
  Object.defineProperty(obj, key, { value, writable: true, enumerable: false, configurable: true });
}

function copyBuffer(buf) {
  if (buf.detached) throw cloneError('An ArrayBuffer is detached and');
  if (!buf.resizable) return ArrayBuffer.prototype.slice.call(buf, 0);
  const out = new ArrayBuffer(buf.byteLength, { maxByteLength: buf.maxByteLength });
  new Uint8Array(out).set(new Uint8Array(buf));
  return out;
}

function clone(v, memory) {
  if (typeof v === 'symbol') throw cloneError('A symbol');
  if (typeof v !== 'object' || v === null) {
    if (typeof v === 'function') throw cloneError('A function');
    return v;
  }
  if (memory.has(v)) return memory.get(v);
  let out;
  if (Array.isArray(v)) {
    out = new Array(v.length);
    memory.set(v, out);
    return copyProperties(v, out, memory);
  }
  if (ArrayBuffer.isView(v)) {
    const tag = typedArrayTag.call(v);
    const buffer = clone(v.buffer, memory);
    out = tag ? new viewCtors[tag](buffer, v.byteOffset, v.length) : new DataView(buffer, v.byteOffset, v.byteLength);
    memory.set(v, out);
    return out;
  }
  const tag = objectToString.call(v).slice(8, -1);
  // An object whose tag names a kind it lacks the internal slots of is an ordinary object.
  const kind = !(tag in brands) || branded(tag, v) ? tag : '';
  switch (kind) {
    case 'Boolean': case 'Number': case 'String': case 'BigInt': out = Object(brands[tag].call(v)); break;
    case 'Date': out = new Date(brands.Date.call(v)); break;
    case 'RegExp': out = new RegExp(brands.RegExp.call(v), v.flags); break;
    case 'ArrayBuffer': out = copyBuffer(v); break;
    case 'SharedArrayBuffer': out = v; break;
    case 'Map': {
      out = new Map();
      memory.set(v, out);
      for (const [key, value] of Array.from(Map.prototype.entries.call(v))) out.set(clone(key, memory), clone(value, memory));
      return out;
    }
    case 'Set': {
      out = new Set();
      memory.set(v, out);
      for (const value of Array.from(Set.prototype.values.call(v))) out.add(clone(value, memory));
      return out;
    }
    default:
      if (NOT_CLONEABLE.has(kind) || kind.endsWith(' Iterator')) throw cloneError(`[object ${kind}]`);
      out = cloneSpecial(v, kind, memory);
  }
  if (out !== undefined) { memory.set(v, out); return out; }
  out = {};
  memory.set(v, out);
  return copyProperties(v, out, memory);
}

// Errors and the serializable platform objects; undefined for ordinary objects.
function cloneSpecial(v, tag, memory) {
  if (tag === 'Error') {
    let name = v.name;
    name = ERROR_NAMES.has(`${name}`) ? `${name}` : 'Error';
    const md = Object.getOwnPropertyDescriptor(v, 'message');
    const Ctor = globalThis[name];
    const out = md && 'value' in md ? new Ctor(`${md.value}`) : new Ctor();
    memory.set(v, out);
    const stack = v.stack;
    if (typeof stack === 'string') defineHidden(out, 'stack', stack);
    const cd = Object.getOwnPropertyDescriptor(v, 'cause');
    if (cd && 'value' in cd) defineHidden(out, 'cause', clone(cd.value, memory));
    return out;
  }
  const proto = Object.getPrototypeOf(v);
  if (proto === Object.prototype || proto === null) return undefined;
  const is = (name) => typeof globalThis[name] === 'function' && v instanceof globalThis[name];
  if (is('DOMException')) return new DOMException(v.message, v.name);
  if (is('File')) return new File([v], v.name, { type: v.type, lastModified: v.lastModified });
  if (is('Blob')) return new Blob([v], { type: v.type });
  for (const name of PLATFORM) if (is(name)) throw cloneError(`${name} object`);
  return undefined;
}

function copyProperties(v, out, memory) {
  for (const key of Object.keys(v)) {
    if (!Object.prototype.hasOwnProperty.call(v, key)) continue;
    const value = clone(v[key], memory);
    if (key === '__proto__') Object.defineProperty(out, key, { value, writable: true, enumerable: true, configurable: true });
    else out[key] = value;
  }
  return out;
}

function structuredClone(value, options = undefined) {
  if (arguments.length === 0) throw new TypeError('The "value" argument must be specified');
  if (options !== undefined && options !== null && typeof options !== 'object' && typeof options !== 'function') {
    throw new TypeError('The "options" argument must be of type object');
  }
  if (!brands) setup();
  const memory = new Map();
  let transfer = options == null ? undefined : options.transfer;
  if (transfer !== undefined) {
    if ((typeof transfer !== 'object' && typeof transfer !== 'function') || transfer === null ||
      typeof transfer[Symbol.iterator] !== 'function') {
      throw new TypeError('The "options.transfer" property must be an iterable object');
    }
    transfer = Array.from(transfer);
    for (const t of transfer) {
      if ((typeof t !== 'object' && typeof t !== 'function') || t === null) throw new TypeError('Transfer list items must be objects');
      if (!branded('ArrayBuffer', t)) throw cloneError('Value not transferable:');
      if (memory.has(t)) throw cloneError('An ArrayBuffer is transferred twice and');
      memory.set(t, copyBuffer(t));
    }
  }
  const out = clone(value, memory);
  if (transfer) for (const t of transfer) ArrayBuffer.prototype.transfer.call(t, 0);
  return out;
}

// An operation of the global object: enumerable in Web IDL, unlike interfaces.
Object.defineProperty(globalThis, 'structuredClone', { value: structuredClone, writable: true, enumerable: true, configurable: true });
