// Web Crypto: crypto.getRandomValues, crypto.randomUUID and crypto.subtle with the algorithms,
// formats and usages workerd supports: SHA digests; HMAC; RSASSA-PKCS1-v1_5, RSA-PSS, RSA-OAEP;
// ECDSA and ECDH (P-256/384/521); Ed25519 and X25519; AES-GCM/CBC/CTR/KW; PBKDF2 and HKDF.
// Argument conversion, algorithm normalization, usages and CryptoKey objects live here; the
// computations are the host's (digest, HMAC, random, and the "crypto" service of
// wasmhost/svc_crypto.go, which gets each key's material from the key's internal record with
// every call: private keys as PKCS #8, public keys as SPKI, secret keys raw).
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

// The algorithms: key family, usages a key may have, operations ('s' sign/verify, 'e'
// encrypt/decrypt, 'w' wrapKey/unwrapKey, 'd' deriveBits/deriveKey, 'g' generateKey,
// 'l' get key length) and the JWK "alg" prefix.
const SIG = ['sign', 'verify'];
const ENC = ['encrypt', 'decrypt', 'wrapKey', 'unwrapKey'];
const DER = ['deriveKey', 'deriveBits'];
const PUBLIC_USAGES = ['verify', 'encrypt', 'wrapKey'];
const ALGS = {
  'RSASSA-PKCS1-v1_5': { kind: 'RSA', use: SIG, ops: 'sg', jwk: 'RS' },
  'RSA-PSS': { kind: 'RSA', use: SIG, ops: 'sg', jwk: 'PS' },
  'RSA-OAEP': { kind: 'RSA', use: ENC, ops: 'ewg', jwk: 'RSA-OAEP' },
  ECDSA: { kind: 'EC', use: SIG, ops: 'sg' },
  ECDH: { kind: 'EC', use: DER, ops: 'dg' },
  Ed25519: { kind: 'OKP', use: SIG, ops: 'sg' },
  X25519: { kind: 'OKP', use: DER, ops: 'dg' },
  'AES-CTR': { kind: 'AES', use: ENC, ops: 'ewgl', jwk: 'CTR' },
  'AES-CBC': { kind: 'AES', use: ENC, ops: 'ewgl', jwk: 'CBC' },
  'AES-GCM': { kind: 'AES', use: ENC, ops: 'ewgl', jwk: 'GCM' },
  'AES-KW': { kind: 'AES', use: ['wrapKey', 'unwrapKey'], ops: 'wgl', jwk: 'KW' },
  HMAC: { kind: 'HMAC', use: SIG, ops: 'sgl' },
  PBKDF2: { kind: 'KDF', use: DER, ops: 'd' },
  HKDF: { kind: 'KDF', use: DER, ops: 'd' },
};
const OP_LETTER = { sign: 's', verify: 's', encrypt: 'e', decrypt: 'e', wrapKey: 'w', unwrapKey: 'w', deriveBits: 'd', generateKey: 'g', getKeyLength: 'l' };
const ALG_NAMES = Object.keys(ALGS);
const CURVES = ['P-256', 'P-384', 'P-521'];

const normError = (msg) => new TypeError(`Failed to normalize algorithm: ${msg}`);

// [EnforceRange] unsigned long (or octet with max 255).
function toUint(v, what, max = 4294967295) {
  const n = Number(v);
  if (!Number.isFinite(n)) throw normError(`'${what}' is not a finite number.`);
  const t = Math.trunc(n);
  if (t < 0 || t > max) throw normError(`'${what}' is outside the expected range of 0 to ${max}.`);
  return t;
}

// Normalizes an AlgorithmIdentifier for an operation (Web Crypto "normalize an algorithm"):
// {name} with the registered spelling and the operation's parameters, converted.
function normalize(alg, op) {
  let name;
  if (alg !== null && typeof alg === 'object') {
    if (alg.name === undefined) throw normError("'name' is required in 'Algorithm'.");
    name = `${alg.name}`;
  } else {
    name = `${alg}`;
    alg = {};
  }
  const upper = name.toUpperCase();
  const names = op === 'digest' ? Object.keys(HASH_BLOCK_BITS) : ALG_NAMES;
  const found = names.find((n) => n.toUpperCase() === upper);
  const spec = ALGS[found];
  if (!found || (spec && op !== 'importKey' && !spec.ops.includes(OP_LETTER[op]))) {
    // As Node: a derived key type of an algorithm that has no key length is a TypeError.
    if (found && op === 'getKeyLength') throw normError(`${found} keys have no length`);
    throw domError('Unrecognized algorithm name', 'NotSupportedError');
  }
  const r = { name: found };
  if (op === 'digest') return r;
  const member = (m, dict, convert) => {
    const v = alg[m];
    if (v === undefined) {
      if (convert.length < 2) throw normError(`'${m}' is required in '${dict}'.`);
      return convert(undefined, true);
    }
    return convert(v);
  };
  const hash = (v) => normalize(v, 'digest').name;
  const bytesReq = (m) => (v) => bufferSource(v, `Failed to normalize algorithm: '${m}'`);
  const bytesOf = (m) => (v, missing) => (missing ? undefined : bytesReq(m)(v));
  const optLength = (v, missing) => (missing ? undefined : toUint(v, 'length'));
  const kind = spec.kind;
  const keyOp = op === 'importKey' || op === 'generateKey' || op === 'getKeyLength';
  if (op === 'sign' || op === 'verify') {
    if (found === 'ECDSA') r.hash = member('hash', 'EcdsaParams', hash);
    if (found === 'RSA-PSS') r.saltLength = member('saltLength', 'RsaPssParams', (v) => toUint(v, 'saltLength'));
  } else if (keyOp && kind === 'RSA') {
    if (op === 'generateKey') {
      r.modulusLength = member('modulusLength', 'RsaHashedKeyGenParams', (v) => toUint(v, 'modulusLength'));
      r.publicExponent = member('publicExponent', 'RsaHashedKeyGenParams', (v) => {
        if (!(v instanceof Uint8Array)) throw normError("'publicExponent' is not a Uint8Array.");
        return v.slice();
      });
    }
    r.hash = member('hash', 'RsaHashedImportParams', hash);
  } else if (keyOp && kind === 'EC') {
    r.namedCurve = member('namedCurve', 'EcKeyImportParams', (v) => `${v}`);
    if (!CURVES.includes(r.namedCurve)) throw domError('Unrecognized namedCurve', 'NotSupportedError');
  } else if (keyOp && kind === 'AES') {
    if (op !== 'importKey') r.length = member('length', 'AesKeyGenParams', (v) => toUint(v, 'length', 65535));
  } else if (keyOp && kind === 'HMAC') {
    r.hash = member('hash', 'HmacImportParams', hash);
    r.length = member('length', 'HmacImportParams', optLength);
  } else if (keyOp) {
    // Ed25519, X25519, PBKDF2 and HKDF keys have no parameters.
  } else if (found === 'AES-GCM') {
    r.iv = member('iv', 'AesGcmParams', bytesReq('iv'));
    r.additionalData = member('additionalData', 'AesGcmParams', bytesOf('additionalData'));
    r.tagLength = member('tagLength', 'AesGcmParams', (v, missing) => (missing ? 128 : toUint(v, 'tagLength', 255)));
  } else if (found === 'AES-CBC') {
    r.iv = member('iv', 'AesCbcParams', bytesReq('iv'));
  } else if (found === 'AES-CTR') {
    r.counter = member('counter', 'AesCtrParams', bytesReq('counter'));
    r.length = member('length', 'AesCtrParams', (v) => toUint(v, 'length', 255));
  } else if (found === 'RSA-OAEP') {
    r.label = member('label', 'RsaOaepParams', bytesOf('label'));
  } else if (found === 'ECDH' || found === 'X25519') {
    r.public = member('public', 'EcdhKeyDeriveParams', (v) => {
      requireKey(v, "Failed to normalize algorithm: 'public'");
      return v;
    });
  } else if (found === 'PBKDF2') {
    r.hash = member('hash', 'Pbkdf2Params', hash);
    r.iterations = member('iterations', 'Pbkdf2Params', (v) => toUint(v, 'iterations'));
    r.salt = member('salt', 'Pbkdf2Params', bytesReq('salt'));
  } else if (found === 'HKDF') {
    r.hash = member('hash', 'HkdfParams', hash);
    r.info = member('info', 'HkdfParams', bytesReq('info'));
    r.salt = member('salt', 'HkdfParams', bytesReq('salt'));
  }
  if (kind === 'HMAC' && r.length !== undefined && r.length % 8) throw domError('Unsupported algorithm.length', 'NotSupportedError');
  return r;
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

// The host's "crypto" service (wasmhost/svc_crypto.go): byte strings travel packed, each as a
// 4-byte big-endian length and its bytes.
function hostCrypto(args, ...parts) {
  let n = 0;
  for (const p of parts) n += 4 + p.length;
  const buf = new Uint8Array(n);
  const dv = new DataView(buf.buffer);
  let o = 0;
  for (const p of parts) {
    dv.setUint32(o, p.length);
    buf.set(p, o + 4);
    o += 4 + p.length;
  }
  return __kw.hostService('crypto', args, buf);
}

function unpack(ab) {
  const b = new Uint8Array(ab), dv = new DataView(ab), out = [];
  for (let o = 0; o < b.length; o += 4 + dv.getUint32(o)) out.push(b.slice(o + 4, o + 4 + dv.getUint32(o)));
  return out;
}

// An answer of pack(JSON key info, key bytes...) as [info, ...keys].
function keyAnswer(ab) {
  const [meta, ...keys] = unpack(ab);
  return [JSON.parse(String.fromCharCode(...meta)), ...keys];
}

let keyRecord; // (key) -> {type, name, hash, curve, bytes, usages, extractable} of a CryptoKey (unaffected by user code), or undefined

class CryptoKey {
  #type;
  #extractable;
  #algorithm;
  #usages;
  #record;
  constructor(token = undefined, algorithm, record) {
    if (token !== CONSTRUCT) throw new TypeError('Illegal constructor');
    this.#type = record.type;
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

// A CryptoKey of record fields; its public algorithm dictionary is built from them.
function makeKey(r) {
  const alg = { name: r.name };
  if (r.kind === 'RSA') Object.assign(alg, { modulusLength: r.bits, publicExponent: r.exponent.slice(), hash: { name: r.hash } });
  else if (r.kind === 'EC') alg.namedCurve = r.curve;
  else if (r.kind === 'AES') alg.length = r.bytes.length * 8;
  else if (r.kind === 'HMAC') Object.assign(alg, r.generated ? { length: r.bytes.length * 8, hash: { name: r.hash } } : { hash: { name: r.hash }, length: r.bytes.length * 8 });
  return new CryptoKey(CONSTRUCT, alg, r);
}

function requireKey(key, what) {
  const record = keyRecord(key);
  if (!record) throw new TypeError(`${what} is not of type CryptoKey.`);
  return record;
}

function requireUsage(record, usage, alg) {
  if (alg && alg.name !== record.name) throw domError('The requested operation is not valid for the provided key', 'InvalidAccessError');
  if (!record.usages.includes(usage)) throw domError(`Unable to use this key to ${usage}`, 'InvalidAccessError');
}

// Usages a key of type ('secret', 'public', 'private' or undefined for a key pair) may have.
function checkUsages(name, usages, type) {
  const ok = (u) => ALGS[name].use.includes(u) && (type === undefined || type === 'secret' || (type === 'public') === PUBLIC_USAGES.includes(u));
  if (usages.some((u) => !ok(u))) throw domError(`Unsupported key usage for a ${name} key`, 'SyntaxError');
}

const JWK_STRINGS = ['alg', 'crv', 'd', 'dp', 'dq', 'e', 'k', 'kty', 'n', 'p', 'q', 'qi', 'use', 'x', 'y'];

// The JsonWebKey dictionary members an import reads, converted.
function toJwk(v) {
  if (v === null || (typeof v !== 'object' && typeof v !== 'function')) {
    throw new TypeError("Failed to execute 'importKey' on 'SubtleCrypto': 2nd argument can not be converted to a dictionary");
  }
  const out = {};
  for (const m of ['alg', 'crv', 'd', 'dp', 'dq', 'e', 'ext', 'k', 'key_ops', 'kty', 'n', 'p', 'q', 'qi', 'use', 'x', 'y']) {
    const x = v[m];
    if (x === undefined) continue;
    out[m] = m === 'ext' ? !!x : m === 'key_ops' ? sequence(x, "'key_ops' of 'JsonWebKey'").map((o) => `${o}`) : `${x}`;
  }
  return out;
}

// The JWK "alg" a key of this algorithm has (undefined: none).
function jwkAlg(r) {
  const spec = ALGS[r.name];
  if (r.kind === 'HMAC') return 'HS' + r.hash.slice(4);
  if (r.kind === 'AES') return `A${r.bytes.length * 8}${spec.jwk}`;
  if (r.name === 'RSA-OAEP') return r.hash === 'SHA-1' ? 'RSA-OAEP' : 'RSA-OAEP-' + r.hash.slice(4);
  if (r.kind === 'RSA') return spec.jwk + r.hash.slice(4);
  if (r.name === 'Ed25519') return 'Ed25519';
  return undefined;
}

// The generic JWK import checks (Web Crypto importKey, "jwk" steps).
function checkJwk(jwk, r, usages, extractable) {
  const kty = { RSA: 'RSA', EC: 'EC', OKP: 'OKP' }[r.kind] ?? 'oct';
  if (!jwk.kty) throw domError('Invalid keyData', 'DataError');
  if (jwk.kty !== kty) throw domError('Invalid JWK "kty" Parameter', 'DataError');
  const use = ALGS[r.name].use === SIG ? 'sig' : 'enc';
  if (usages.length && jwk.use !== undefined && jwk.use !== use) throw domError('Invalid JWK "use" Parameter', 'DataError');
  if (jwk.key_ops !== undefined) {
    if (new Set(jwk.key_ops).size !== jwk.key_ops.length) throw domError('Duplicate key operation', 'DataError');
    if (usages.some((u) => !jwk.key_ops.includes(u))) throw domError('Key operations and usage mismatch', 'DataError');
  }
  if (jwk.ext === false && extractable) throw domError('JWK "ext" Parameter and extractable mismatch', 'DataError');
  if (jwk.alg !== undefined) {
    const want = r.kind === 'AES' ? undefined : r.name === 'ECDSA' ? { 'P-256': 'ES256', 'P-384': 'ES384', 'P-521': 'ES512' }[r.curve] : jwkAlg(r);
    const ok = r.kind === 'AES' ? jwk.alg.endsWith(ALGS[r.name].jwk) && jwk.alg.startsWith('A') : r.name === 'Ed25519' ? ['Ed25519', 'EdDSA'].includes(jwk.alg) : want === undefined || jwk.alg === want;
    if (!ok) throw domError('JWK "alg" does not match the requested algorithm', 'DataError');
  }
}

// importKey after conversion of its arguments: a CryptoKey, or a rejection.
function importKeyRecord(format, data, alg, extractable, usages) {
  const spec = ALGS[alg.name];
  const r = { name: alg.name, kind: spec.kind, hash: alg.hash, curve: alg.namedCurve ?? (spec.kind === 'OKP' ? alg.name : undefined), usages, extractable };
  if (spec.kind === 'HMAC' || spec.kind === 'AES' || spec.kind === 'KDF') {
    r.type = 'secret';
    checkUsages(alg.name, usages, 'secret');
    if (format === 'raw') r.bytes = data;
    else if (format === 'jwk' && spec.kind !== 'KDF') {
      checkJwk(data, r, usages, extractable);
      if (data.k === undefined) throw domError('Invalid keyData', 'DataError');
      r.bytes = fromBase64(data.k);
    } else throw domError(`Unable to import ${alg.name} key with format ${format}`, 'NotSupportedError');
    const length = r.bytes.length * 8;
    if (spec.kind === 'HMAC') {
      if (length === 0 || alg.length === 0) throw domError('Zero-length key is not supported', 'DataError');
      if (alg.length !== undefined && alg.length !== length) throw domError('Invalid key length', 'DataError');
    } else if (spec.kind === 'AES') {
      if (![128, 192, 256].includes(length)) throw domError('Invalid key length', 'DataError');
      if (format === 'jwk' && data.alg !== undefined && data.alg !== jwkAlg(r)) throw domError('JWK "alg" does not match the requested algorithm', 'DataError');
    } else if (extractable) throw domError(`${alg.name} keys are not extractable`, 'SyntaxError');
    if (!usages.length) throw domError('Usages cannot be empty when importing a secret key.', 'SyntaxError');
    return makeKey(r);
  }
  if (format === 'raw' && spec.kind === 'RSA') throw domError(`Unable to import ${alg.name} key with format raw`, 'NotSupportedError');
  const type = format === 'pkcs8' || (format === 'jwk' && data.d !== undefined) ? 'private' : 'public';
  checkUsages(alg.name, usages, type);
  const args = { op: 'import', kind: spec.kind, curve: r.curve, format };
  if (format === 'jwk') {
    checkJwk(data, r, usages, extractable);
    args.jwk = {};
    for (const m of JWK_STRINGS) if (data[m] !== undefined) args.jwk[m] = data[m];
  }
  const [info, bytes] = keyAnswer(hostCrypto(args, format === 'jwk' ? new Uint8Array(0) : data));
  if (type === 'private' && !usages.length) throw domError('Usages cannot be empty when importing a private key.', 'SyntaxError');
  Object.assign(r, { type: info.type, bytes, bits: info.bits, exponent: info.exponent && fromBase64(info.exponent) });
  return makeKey(r);
}

function exportKeyRecord(format, k) {
  if (k.kind === 'KDF') throw domError(`Unable to export ${k.name} keys`, 'NotSupportedError');
  if (!k.extractable) throw domError('key is not extractable', 'InvalidAccessError');
  if (k.type === 'secret') {
    if (format === 'raw') return k.bytes.slice().buffer;
    if (format === 'jwk') return { key_ops: k.usages.slice(), ext: true, alg: jwkAlg(k), kty: 'oct', k: toBase64url(k.bytes) };
    throw domError(`Unable to export ${k.name} secret key using ${format} format`, 'NotSupportedError');
  }
  if (format === 'raw' && (k.kind === 'RSA' || k.type === 'private')) throw domError(`Unable to export ${k.name} ${k.type} key using raw format`, 'NotSupportedError');
  const out = hostCrypto({ op: 'export', format, type: k.type }, k.bytes);
  if (format !== 'jwk') return out;
  const jwk = { key_ops: k.usages.slice(), ext: true };
  const alg = jwkAlg(k);
  if (alg) jwk.alg = alg;
  return Object.assign(jwk, JSON.parse(out));
}

const utf8 = (s) => new TextEncoder().encode(s);

// The host's cipher operation for a normalized encrypt/decrypt/wrap algorithm and a key.
function cipher(op, a, k, data) {
  if (a.name === 'AES-GCM') {
    if (![32, 64, 96, 104, 112, 120, 128].includes(a.tagLength)) throw domError(`${a.tagLength} is not a valid AES-GCM tag length`, 'OperationError');
    if (!a.iv.length) throw domError('algorithm.iv must contain at least one byte', 'OperationError');
  }
  const iv = a.iv ?? a.counter ?? new Uint8Array(0);
  const extra = a.additionalData ?? a.label ?? new Uint8Array(0);
  return hostCrypto({ op, alg: a.name, hash: k.hash, tagLength: a.tagLength, ctrLength: a.length }, k.bytes, data, iv, extra);
}

// deriveBits after conversion: an ArrayBuffer of length bits (null: ECDH's whole secret).
function deriveBitsOf(a, k, length) {
  if (a.public) {
    const p = keyRecord(a.public);
    if (p.type !== 'public') throw domError('algorithm.public must be a public key', 'InvalidAccessError');
    if (p.name !== k.name || p.curve !== k.curve) throw domError('The public and private keys must be of the same type', 'InvalidAccessError');
    if (length === 0) return new ArrayBuffer(0);
    return hostCrypto({ op: 'derive', alg: a.name, bits: length ?? 0 }, k.bytes, p.bytes, new Uint8Array(0));
  }
  if (length === null) throw domError('length cannot be null', 'OperationError');
  if (length % 8) throw domError('length must be a multiple of 8', 'OperationError');
  if (a.name === 'PBKDF2' && a.iterations === 0) throw domError('iterations cannot be zero', 'OperationError');
  if (length === 0) return new ArrayBuffer(0);
  return hostCrypto({ op: 'derive', alg: a.name, hash: a.hash, iterations: a.iterations, bits: length }, k.bytes, a.salt, a.info ?? new Uint8Array(0));
}

// The length in bits of a key of a normalized "get key length" algorithm.
function keyLength(d) {
  if (d.name === 'HMAC') {
    if (d.length === 0) throw domError('Zero-length key is not supported', 'TypeError');
    return d.length ?? HASH_BLOCK_BITS[d.hash];
  }
  if (![128, 192, 256].includes(d.length)) throw domError('AES key length must be 128, 192 or 256 bits', 'OperationError');
  return d.length;
}

const ord = ['1st', '2nd', '3rd', '4th', '5th', '6th', '7th'];
const argWhat = (method, i) => `Failed to execute '${method}' on 'SubtleCrypto': ${ord[i]} argument`;

class SubtleCrypto {
  #brand = true;
  constructor(token = undefined) {
    if (token !== CONSTRUCT) throw new TypeError('Illegal constructor');
  }

  async digest(algorithm, data) {
    this.#brand;
    requireArgs(arguments, 2, 'digest');
    const bytes = bufferSource(data, argWhat('digest', 1));
    return __kw.hostDigest(normalize(algorithm, 'digest').name, bytes).buffer;
  }

  async sign(algorithm, key, data) {
    this.#brand;
    requireArgs(arguments, 3, 'sign');
    const k = requireKey(key, argWhat('sign', 1));
    const bytes = bufferSource(data, argWhat('sign', 2));
    const a = normalize(algorithm, 'sign');
    requireUsage(k, 'sign', a);
    if (k.kind === 'HMAC') return __kw.hostHmac(k.hash, k.bytes, bytes).buffer;
    return hostCrypto({ op: 'sign', alg: a.name, hash: a.hash ?? k.hash, saltLength: a.saltLength }, k.bytes, bytes);
  }

  async verify(algorithm, key, signature, data) {
    this.#brand;
    requireArgs(arguments, 4, 'verify');
    const k = requireKey(key, argWhat('verify', 1));
    const sig = bufferSource(signature, argWhat('verify', 2));
    const bytes = bufferSource(data, argWhat('verify', 3));
    const a = normalize(algorithm, 'verify');
    requireUsage(k, 'verify', a);
    if (k.kind === 'HMAC') {
      const mac = __kw.hostHmac(k.hash, k.bytes, bytes);
      return mac.length === sig.length && equalBytes(mac, sig);
    }
    return hostCrypto({ op: 'verify', alg: a.name, hash: a.hash ?? k.hash, saltLength: a.saltLength }, k.bytes, sig, bytes) === '1';
  }

  async encrypt(algorithm, key, data) {
    this.#brand;
    requireArgs(arguments, 3, 'encrypt');
    const a = normalize(algorithm, 'encrypt');
    const k = requireKey(key, argWhat('encrypt', 1));
    const bytes = bufferSource(data, argWhat('encrypt', 2));
    requireUsage(k, 'encrypt', a);
    return cipher('encrypt', a, k, bytes);
  }

  async decrypt(algorithm, key, data) {
    this.#brand;
    requireArgs(arguments, 3, 'decrypt');
    const a = normalize(algorithm, 'decrypt');
    const k = requireKey(key, argWhat('decrypt', 1));
    const bytes = bufferSource(data, argWhat('decrypt', 2));
    requireUsage(k, 'decrypt', a);
    return cipher('decrypt', a, k, bytes);
  }

  async deriveBits(algorithm, baseKey, length = null) {
    this.#brand;
    requireArgs(arguments, 2, 'deriveBits');
    const a = normalize(algorithm, 'deriveBits');
    const k = requireKey(baseKey, argWhat('deriveBits', 1));
    if (length !== null) length = toUint(length, 'length');
    requireUsage(k, 'deriveBits', a);
    return deriveBitsOf(a, k, length);
  }

  async deriveKey(algorithm, baseKey, derivedKeyType, extractable, keyUsages) {
    this.#brand;
    requireArgs(arguments, 5, 'deriveKey');
    const a = normalize(algorithm, 'deriveBits');
    const k = requireKey(baseKey, argWhat('deriveKey', 1));
    const d = normalize(derivedKeyType, 'getKeyLength');
    const usages = toUsages(keyUsages);
    requireUsage(k, 'deriveKey', a);
    const bits = deriveBitsOf(a, k, keyLength(d));
    return importKeyRecord('raw', new Uint8Array(bits), normalize(derivedKeyType, 'importKey'), !!extractable, usages);
  }

  async importKey(format, keyData, algorithm, extractable, keyUsages) {
    this.#brand;
    requireArgs(arguments, 5, 'importKey');
    format = enumValue(format, FORMATS, argWhat('importKey', 0));
    const data = format === 'jwk' ? toJwk(keyData) : bufferSource(keyData, argWhat('importKey', 1));
    extractable = !!extractable;
    const usages = toUsages(keyUsages);
    return importKeyRecord(format, data, normalize(algorithm, 'importKey'), extractable, usages);
  }

  async exportKey(format, key) {
    this.#brand;
    requireArgs(arguments, 2, 'exportKey');
    format = enumValue(format, FORMATS, argWhat('exportKey', 0));
    return exportKeyRecord(format, requireKey(key, argWhat('exportKey', 1)));
  }

  async generateKey(algorithm, extractable, keyUsages) {
    this.#brand;
    requireArgs(arguments, 3, 'generateKey');
    extractable = !!extractable;
    const usages = toUsages(keyUsages);
    const a = normalize(algorithm, 'generateKey');
    const spec = ALGS[a.name];
    checkUsages(a.name, usages);
    const r = { name: a.name, kind: spec.kind, hash: a.hash, usages, extractable, type: 'secret' };
    if (spec.kind === 'HMAC' || spec.kind === 'AES') {
      const length = spec.kind === 'AES' ? a.length : a.length ?? HASH_BLOCK_BITS[a.hash];
      if (spec.kind === 'AES' && ![128, 192, 256].includes(length)) throw domError('AES key length must be 128, 192 or 256 bits', 'OperationError');
      if (length === 0) throw domError('Zero-length key is not supported', 'DataError');
      if (!usages.length) throw domError('Usages cannot be empty when creating a key.', 'SyntaxError');
      return makeKey(Object.assign(r, { bytes: __kw.hostRandom(length / 8), generated: true }));
    }
    r.curve = a.namedCurve ?? (spec.kind === 'OKP' ? a.name : undefined);
    const privUsages = usages.filter((u) => !PUBLIC_USAGES.includes(u));
    if (!privUsages.length) throw domError('Usages cannot be empty when creating a key.', 'SyntaxError');
    let exponent = 0;
    for (const b of a.publicExponent ?? []) exponent = exponent * 256 + b;
    const [info, priv, pub] = keyAnswer(hostCrypto({ op: 'generate', kind: spec.kind, curve: r.curve, bits: a.modulusLength, exponent }));
    Object.assign(r, { bits: info.bits, exponent: info.exponent && fromBase64(info.exponent) });
    const publicKey = makeKey({ ...r, type: 'public', bytes: pub, extractable: true, usages: usages.filter((u) => PUBLIC_USAGES.includes(u)) });
    const privateKey = makeKey({ ...r, type: 'private', bytes: priv, usages: privUsages });
    // Node's order of the two members (Ed25519 and X25519 keys are made in another code path).
    return spec.kind === 'OKP' ? { privateKey, publicKey } : { publicKey, privateKey };
  }

  async wrapKey(format, key, wrappingKey, wrapAlgorithm) {
    this.#brand;
    requireArgs(arguments, 4, 'wrapKey');
    format = enumValue(format, FORMATS, argWhat('wrapKey', 0));
    const k = requireKey(key, argWhat('wrapKey', 1));
    const w = requireKey(wrappingKey, argWhat('wrapKey', 2));
    const a = normalize(wrapAlgorithm, 'wrapKey');
    requireUsage(w, 'wrapKey', a);
    const exported = exportKeyRecord(format, k);
    const bytes = format === 'jwk' ? utf8(JSON.stringify(exported)) : new Uint8Array(exported);
    return cipher('encrypt', a, w, bytes);
  }

  async unwrapKey(format, wrappedKey, unwrappingKey, unwrapAlgorithm, unwrappedKeyAlgorithm, extractable, keyUsages) {
    this.#brand;
    requireArgs(arguments, 7, 'unwrapKey');
    format = enumValue(format, FORMATS, argWhat('unwrapKey', 0));
    const wrapped = bufferSource(wrappedKey, argWhat('unwrapKey', 1));
    const w = requireKey(unwrappingKey, argWhat('unwrapKey', 2));
    const a = normalize(unwrapAlgorithm, 'unwrapKey');
    const alg = normalize(unwrappedKeyAlgorithm, 'importKey');
    const usages = toUsages(keyUsages);
    requireUsage(w, 'unwrapKey', a);
    const bytes = new Uint8Array(cipher('decrypt', a, w, wrapped));
    let data = bytes;
    if (format === 'jwk') {
      try {
        data = toJwk(JSON.parse(new TextDecoder().decode(bytes)));
      } catch {
        throw domError('The unwrapped key is not a JSON Web Key', 'DataError');
      }
    }
    return importKeyRecord(format, data, alg, !!extractable, usages);
  }

  timingSafeEqual(a, b) {
    this.#brand;
    requireArgs(arguments, 2, 'timingSafeEqual');
    const x = bufferSource(a, '1st argument');
    const y = bufferSource(b, '2nd argument');
    if (x.length !== y.length) throw new TypeError('Input buffers must have the same byte length.');
    return equalBytes(x, y);
  }

}
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
