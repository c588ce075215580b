// Web Crypto: crypto.getRandomValues, crypto.randomUUID and crypto.subtle with the SHA digests
// and HMAC (sign, verify, importKey/exportKey raw|jwk, generateKey), over the host's random
// bytes, digests and HMAC. Other algorithms reject with NotSupportedError (the host has none).
// crypto.subtle.timingSafeEqual is workerd's extension.

const HASH_BLOCK_BITS = { 'SHA-1': 512, 'SHA-256': 512, 'SHA-384': 1024, 'SHA-512': 1024 };
const USAGES = ['encrypt', 'decrypt', 'sign', 'verify', 'deriveKey', 'deriveBits', 'wrapKey', 'unwrapKey'];
const FORMATS = ['raw', 'pkcs8', 'spki', 'jwk'];
const B64URL = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
const CONSTRUCT = Symbol('construct');
const typedArrayTag = Object.getOwnPropertyDescriptor(Object.getPrototypeOf(Uint8Array.prototype), Symbol.toStringTag).get;

const domError = (message, name) => new DOMException(message, name);

function requireArgs(args, n, method, iface = 'SubtleCrypto') {
  if (args.length < n) {
    throw new TypeError(`Failed to execute '${method}' on '${iface}': ${n} argument${n > 1 ? 's' : ''} required, but only ${args.length} present.`);
  }
}

// A copy of the bytes of a BufferSource.
function bufferSource(v, what) {
  if (v instanceof ArrayBuffer) return new Uint8Array(v.slice(0));
  if (ArrayBuffer.isView(v)) return new Uint8Array(v.buffer.slice(v.byteOffset, v.byteOffset + v.byteLength));
  throw new TypeError(`${what} is not instance of ArrayBuffer, Buffer, TypedArray, or DataView.`);
}

function enumValue(v, values, what) {
  const s = `${v}`;
  if (!values.includes(s)) throw new TypeError(`${what} value '${s}' is not a valid enum value`);
  return s;
}

function sequence(v, what) {
  if (v === null || typeof v !== 'object' || typeof v[Symbol.iterator] !== 'function') {
    throw new TypeError(`${what} can not be converted to sequence.`);
  }
  return [...v];
}

const toUsages = (v) => sequence(v, 'keyUsages').map((u) => enumValue(u, USAGES, 'KeyUsage'));

// Normalizes an AlgorithmIdentifier for an operation: {name} with the registered spelling, and
// for HMAC key import/generation {hash, length}.
function normalize(alg, op) {
  let name;
  if (alg !== null && typeof alg === 'object') {
    if (alg.name === undefined) throw new TypeError("Failed to normalize algorithm: 'name' is required in 'Algorithm'.");
    name = `${alg.name}`;
  } else {
    name = `${alg}`;
  }
  const upper = name.toUpperCase();
  const names = op === 'digest' ? Object.keys(HASH_BLOCK_BITS) : ['sign', 'verify', 'importKey', 'generateKey'].includes(op) ? ['HMAC'] : [];
  const found = names.find((n) => n === upper);
  if (!found) throw domError('Unrecognized algorithm name', 'NotSupportedError');
  if (found !== 'HMAC' || op === 'sign' || op === 'verify') return { name: found };
  if (typeof alg !== 'object' || alg.hash === undefined) {
    throw new TypeError("Failed to normalize algorithm: 'hash' is required in 'HmacImportParams'.");
  }
  const hash = normalize(alg.hash, 'digest').name;
  let length;
  if (alg.length !== undefined) {
    length = Number(alg.length);
    if (!Number.isFinite(length)) throw new TypeError("Failed to normalize algorithm: 'length' is not a finite number.");
    length = Math.trunc(length);
    if (length < 0 || length > 4294967295) throw new TypeError("Failed to normalize algorithm: 'length' is outside the expected range of 0 to 4294967295.");
    if (length % 8) throw domError('Unsupported algorithm.length', 'NotSupportedError');
  }
  return { name: found, hash, length };
}

function toBase64url(bytes) {
  let s = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const n = (bytes[i] << 16) | ((bytes[i + 1] ?? 0) << 8) | (bytes[i + 2] ?? 0);
    s += B64URL[n >> 18] + B64URL[(n >> 12) & 63];
    if (i + 1 < bytes.length) s += B64URL[(n >> 6) & 63];
    if (i + 2 < bytes.length) s += B64URL[n & 63];
  }
  return s;
}

// Decodes base64url (or base64) leniently, as Node does: other characters are skipped, '=' ends.
function fromBase64(s) {
  const out = [];
  let acc = 0, bits = 0;
  for (const ch of s) {
    if (ch === '=') break;
    const v = ch === '+' ? 62 : ch === '/' ? 63 : B64URL.indexOf(ch);
    if (v < 0) continue;
    acc = ((acc << 6) | v) & 0xffffff;
    bits += 6;
    if (bits >= 8) { bits -= 8; out.push((acc >> bits) & 255); }
  }
  return new Uint8Array(out);
}

let keyRecord; // (key) -> {bytes, hash, usages, extractable} of a CryptoKey (unaffected by user code), or undefined

class CryptoKey {
  #type;
  #extractable;
  #algorithm;
  #usages;
  #record;
  constructor(token = undefined, algorithm, record) {
    if (token !== CONSTRUCT) throw new TypeError('Illegal constructor');
    this.#type = 'secret';
    this.#extractable = record.extractable;
    this.#algorithm = algorithm;
    this.#usages = record.usages.slice();
    this.#record = record;
  }
  get type() { return this.#type; }
  get extractable() { return this.#extractable; }
  get algorithm() { return this.#algorithm; }
  get usages() { return this.#usages; }
  static {
    keyRecord = (k) => (k !== null && typeof k === 'object' && #record in k ? k.#record : undefined);
  }
}
__kw.webidlClass(CryptoKey);
__kw.defineGlobal('CryptoKey', CryptoKey);

function requireKey(key, what) {
  const record = keyRecord(key);
  if (!record) throw new TypeError(`${what} is not of type CryptoKey.`);
  return record;
}

function requireUsage(record, usage) {
  if (!record.usages.includes(usage)) throw domError(`Unable to use this key to ${usage}`, 'InvalidAccessError');
}

function checkHmacUsages(usages) {
  if (usages.some((u) => u !== 'sign' && u !== 'verify')) throw domError('Unsupported key usage for an HMAC key', 'SyntaxError');
}

function importJwk(jwk, usages, extractable, hash) {
  if (!jwk.kty) throw domError('Invalid keyData', 'DataError');
  if (jwk.kty !== 'oct') throw domError('Invalid JWK "kty" Parameter', 'DataError');
  if (usages.length && jwk.use !== undefined && jwk.use !== 'sig') throw domError('Invalid JWK "use" Parameter', 'DataError');
  if (jwk.key_ops !== undefined) {
    if (new Set(jwk.key_ops).size !== jwk.key_ops.length) throw domError('Duplicate key operation', 'DataError');
    if (usages.some((u) => !jwk.key_ops.includes(u))) throw domError('Key operations and usage mismatch', 'DataError');
  }
  if (jwk.ext === false && extractable) throw domError('JWK "ext" Parameter and extractable mismatch', 'DataError');
  if (jwk.alg !== undefined && jwk.alg !== 'HS' + hash.slice(4)) throw domError('JWK "alg" does not match the requested algorithm', 'DataError');
  if (jwk.k === undefined) throw domError('Invalid keyData', 'DataError');
  return fromBase64(jwk.k);
}

// The JsonWebKey dictionary members an HMAC import reads, converted.
function toJwk(v) {
  if (v === null || (typeof v !== 'object' && typeof v !== 'function')) {
    throw new TypeError("Failed to execute 'importKey' on 'SubtleCrypto': 2nd argument can not be converted to a dictionary");
  }
  const str = (x) => (x === undefined ? undefined : `${x}`);
  const { alg, ext, k, key_ops: ops, kty, use } = v;
  return {
    alg: str(alg), ext: ext === undefined ? undefined : !!ext, k: str(k),
    key_ops: ops === undefined ? undefined : sequence(ops, "'key_ops' of 'JsonWebKey'").map((o) => `${o}`),
    kty: str(kty), use: str(use),
  };
}

let subtleBrand; // (v) -> whether v is the SubtleCrypto instance

// encrypt, decrypt, deriveBits, deriveKey, wrapKey and unwrapKey: no algorithm is supported.
function unsupported(method, argc, algIndex) {
  return async function (...args) {
    if (!subtleBrand(this)) throw new TypeError('Value of "this" must be of type SubtleCrypto');
    requireArgs(args, argc, method);
    normalize(args[algIndex], method);
  };
}

class SubtleCrypto {
  #brand = true;
  constructor(token = undefined) {
    if (token !== CONSTRUCT) throw new TypeError('Illegal constructor');
  }

  async digest(algorithm, data) {
    this.#brand;
    requireArgs(arguments, 2, 'digest');
    const bytes = bufferSource(data, "Failed to execute 'digest' on 'SubtleCrypto': 2nd argument");
    return __kw.hostDigest(normalize(algorithm, 'digest').name, bytes).buffer;
  }

  async sign(algorithm, key, data) {
    this.#brand;
    requireArgs(arguments, 3, 'sign');
    const k = requireKey(key, "Failed to execute 'sign' on 'SubtleCrypto': 2nd argument");
    const bytes = bufferSource(data, "Failed to execute 'sign' on 'SubtleCrypto': 3rd argument");
    normalize(algorithm, 'sign');
    requireUsage(k, 'sign');
    return __kw.hostHmac(k.hash, k.bytes, bytes).buffer;
  }

  async verify(algorithm, key, signature, data) {
    this.#brand;
    requireArgs(arguments, 4, 'verify');
    const k = requireKey(key, "Failed to execute 'verify' on 'SubtleCrypto': 2nd argument");
    const sig = bufferSource(signature, "Failed to execute 'verify' on 'SubtleCrypto': 3rd argument");
    const bytes = bufferSource(data, "Failed to execute 'verify' on 'SubtleCrypto': 4th argument");
    normalize(algorithm, 'verify');
    requireUsage(k, 'verify');
    const mac = __kw.hostHmac(k.hash, k.bytes, bytes);
    return mac.length === sig.length && equalBytes(mac, sig);
  }

  async importKey(format, keyData, algorithm, extractable, keyUsages) {
    this.#brand;
    requireArgs(arguments, 5, 'importKey');
    format = enumValue(format, FORMATS, "Failed to execute 'importKey' on 'SubtleCrypto': 1st argument");
    const data = format === 'jwk' ? toJwk(keyData) : bufferSource(keyData, "Failed to execute 'importKey' on 'SubtleCrypto': 2nd argument");
    extractable = !!extractable;
    const usages = toUsages(keyUsages);
    const alg = normalize(algorithm, 'importKey');
    checkHmacUsages(usages);
    let bytes;
    if (format === 'raw') bytes = data;
    else if (format === 'jwk') bytes = importJwk(data, usages, extractable, alg.hash);
    else throw domError(`Unable to import HMAC key with format ${format}`, 'NotSupportedError');
    const length = bytes.length * 8;
    if (length === 0 || alg.length === 0) throw domError('Zero-length key is not supported', 'DataError');
    if (alg.length !== undefined && alg.length !== length) throw domError('Invalid key length', 'DataError');
    if (!usages.length) throw domError('Usages cannot be empty when importing a secret key.', 'SyntaxError');
    return new CryptoKey(CONSTRUCT, { name: 'HMAC', hash: { name: alg.hash }, length }, { bytes, hash: alg.hash, usages, extractable });
  }

  async exportKey(format, key) {
    this.#brand;
    requireArgs(arguments, 2, 'exportKey');
    format = enumValue(format, FORMATS, "Failed to execute 'exportKey' on 'SubtleCrypto': 1st argument");
    const k = requireKey(key, "Failed to execute 'exportKey' on 'SubtleCrypto': 2nd argument");
    if (!k.extractable) throw domError('key is not extractable', 'InvalidAccessError');
    if (format === 'raw') return k.bytes.slice().buffer;
    if (format === 'jwk') {
      return { key_ops: k.usages.slice(), ext: true, alg: 'HS' + k.hash.slice(4), kty: 'oct', k: toBase64url(k.bytes) };
    }
    throw domError(`Unable to export HMAC secret key using ${format} format`, 'NotSupportedError');
  }

  async generateKey(algorithm, extractable, keyUsages) {
    this.#brand;
    requireArgs(arguments, 3, 'generateKey');
    extractable = !!extractable;
    const usages = toUsages(keyUsages);
    const alg = normalize(algorithm, 'generateKey');
    checkHmacUsages(usages);
    const length = alg.length ?? HASH_BLOCK_BITS[alg.hash];
    if (length === 0) throw domError('Zero-length key is not supported', 'DataError');
    if (!usages.length) throw domError('Usages cannot be empty when creating a key.', 'SyntaxError');
    const bytes = __kw.hostRandom(length / 8);
    return new CryptoKey(CONSTRUCT, { name: 'HMAC', length, hash: { name: alg.hash } }, { bytes, hash: alg.hash, usages, extractable });
  }

  timingSafeEqual(a, b) {
    this.#brand;
    requireArgs(arguments, 2, 'timingSafeEqual');
    const x = bufferSource(a, '1st argument');
    const y = bufferSource(b, '2nd argument');
    if (x.length !== y.length) throw new TypeError('Input buffers must have the same byte length.');
    return equalBytes(x, y);
  }

  static {
    subtleBrand = (v) => v !== null && typeof v === 'object' && #brand in v;
  }
}
Object.assign(SubtleCrypto.prototype, {
  encrypt: unsupported('encrypt', 3, 0),
  decrypt: unsupported('decrypt', 3, 0),
  deriveBits: unsupported('deriveBits', 3, 0),
  deriveKey: unsupported('deriveKey', 5, 0),
  wrapKey: unsupported('wrapKey', 4, 3),
  unwrapKey: unsupported('unwrapKey', 7, 3),
});
__kw.webidlClass(SubtleCrypto);
__kw.defineGlobal('SubtleCrypto', SubtleCrypto);

// Compares equal-length byte arrays in time independent of their contents.
function equalBytes(a, b) {
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a[i] ^ b[i];
  return diff === 0;
}

const subtle = new SubtleCrypto(CONSTRUCT);

class Crypto {
  #brand = true;
  constructor(token = undefined) {
    if (token !== CONSTRUCT) throw new TypeError('Illegal constructor');
  }
  get subtle() {
    this.#brand;
    return subtle;
  }
  getRandomValues(array) {
    if (!(this !== null && typeof this === 'object' && #brand in this)) throw new TypeError('Value of "this" must be of type Crypto');
    requireArgs(arguments, 1, 'getRandomValues', 'Crypto');
    const tag = typedArrayTag.call(array);
    if (!tag || !/int/i.test(tag)) throw domError('The data argument must be an integer-type TypedArray', 'TypeMismatchError');
    if (array.byteLength > 65536) throw domError('The requested length exceeds 65,536 bytes', 'QuotaExceededError');
    if (array.byteLength) new Uint8Array(array.buffer, array.byteOffset, array.byteLength).set(__kw.hostRandom(array.byteLength));
    return array;
  }
  randomUUID() {
    if (!(this !== null && typeof this === 'object' && #brand in this)) throw new TypeError('Value of "this" must be of type Crypto');
    const b = __kw.hostRandom(16);
    b[6] = (b[6] & 0x0f) | 0x40;
    b[8] = (b[8] & 0x3f) | 0x80;
    let hex = '';
    for (const x of b) hex += (x < 16 ? '0' : '') + x.toString(16);
    return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
  }
}
__kw.webidlClass(Crypto);
__kw.defineGlobal('Crypto', Crypto);
__kw.defineGlobal('crypto', new Crypto(CONSTRUCT));
