// crypto.getRandomValues, crypto.randomUUID, crypto.subtle (digest, HMAC).
import { check } from './harness.mjs';

const subtle = crypto.subtle;
const enc = (s) => new TextEncoder().encode(s);
const bytes = (n, f = (i) => i & 255) => Uint8Array.from({ length: n }, (_, i) => f(i));
const hex = (buf) => Array.from(new Uint8Array(buf), (b) => b.toString(16).padStart(2, '0')).join('');
const HASHES = ['SHA-1', 'SHA-256', 'SHA-384', 'SHA-512'];
const hmacKey = (raw, hash, usages = ['sign', 'verify'], extractable = true) =>
  subtle.importKey('raw', raw, { name: 'HMAC', hash }, extractable, usages);
const keyShape = (k) => [k.type, k.extractable, k.algorithm, k.usages, k instanceof CryptoKey, Object.prototype.toString.call(k)];

check('crypto/globals', () => [typeof crypto, Object.prototype.toString.call(crypto), crypto instanceof Crypto,
  crypto.subtle instanceof SubtleCrypto, crypto.subtle === crypto.subtle, Object.prototype.toString.call(crypto.subtle)]);
check('crypto/Crypto constructor', () => new Crypto());
check('crypto/SubtleCrypto constructor', () => new SubtleCrypto());
check('crypto/CryptoKey constructor', () => new CryptoKey());
check('crypto/getRandomValues types', () => [Int8Array, Uint8Array, Uint8ClampedArray, Int16Array, Uint16Array,
  Int32Array, Uint32Array, BigInt64Array, BigUint64Array].map((T) => {
  const a = new T(8);
  const r = crypto.getRandomValues(a);
  return [T.name, r === a, r.length];
}));
check('crypto/getRandomValues fills', () => {
  const a = crypto.getRandomValues(new Uint8Array(4096));
  const b = crypto.getRandomValues(new Uint8Array(4096));
  return [a.some((x) => x !== 0), a.some((x, i) => x !== b[i]), new Set(a).size > 200];
});
check('crypto/getRandomValues view offset', () => {
  const buf = new Uint8Array(16);
  const view = new Uint8Array(buf.buffer, 4, 8);
  crypto.getRandomValues(view);
  return [buf.slice(0, 4), buf.slice(12), view.length];
});
check('crypto/getRandomValues empty', () => crypto.getRandomValues(new Uint8Array(0)));
check('crypto/getRandomValues 65536', () => crypto.getRandomValues(new Uint8Array(65536)).length);
check('crypto/getRandomValues 65536 bytes of Uint32', () => crypto.getRandomValues(new Uint32Array(16384)).length);
check('crypto/getRandomValues too big', () => crypto.getRandomValues(new Uint8Array(65537)));
check('crypto/getRandomValues too big Uint16', () => crypto.getRandomValues(new Uint16Array(32769)));
check('crypto/getRandomValues Float32Array', () => crypto.getRandomValues(new Float32Array(4)));
check('crypto/getRandomValues Float64Array', () => crypto.getRandomValues(new Float64Array(4)));
check('crypto/getRandomValues DataView', () => crypto.getRandomValues(new DataView(new ArrayBuffer(4))));
check('crypto/getRandomValues ArrayBuffer', () => crypto.getRandomValues(new ArrayBuffer(4)));
check('crypto/getRandomValues array', () => crypto.getRandomValues([1, 2, 3]));
check('crypto/getRandomValues null', () => crypto.getRandomValues(null));
check('crypto/getRandomValues missing', () => crypto.getRandomValues());
check('crypto/getRandomValues bad this', () => crypto.getRandomValues.call({}, new Uint8Array(2)));
check('crypto/getRandomValues unbound', () => { const f = crypto.getRandomValues; return f(new Uint8Array(2)); });
check('crypto/randomUUID format', () => {
  const ids = Array.from({ length: 50 }, () => crypto.randomUUID());
  return [ids.every((u) => /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/.test(u)), new Set(ids).size, typeof ids[0]];
});
check('crypto/randomUUID bad this', () => crypto.randomUUID.call({}));

const digestInputs = {
  empty: new Uint8Array(0), abc: enc('abc'), unicode: enc('héllo wörld ✓'), mb: bytes(1 << 20, (i) => (i * 7) & 255),
  block: bytes(64), block1: bytes(65), long: enc('a'.repeat(1000)),
};
for (const hash of HASHES) {
  check(`crypto/digest ${hash}`, async () => {
    const out = {};
    for (const [k, v] of Object.entries(digestInputs)) out[k] = hex(await subtle.digest(hash, v));
    return out;
  });
}
check('crypto/digest result type', async () => {
  const r = await subtle.digest('SHA-256', enc('x'));
  return [r instanceof ArrayBuffer, r.byteLength];
});
check('crypto/digest name forms', async () => [await subtle.digest('sha-256', enc('a')), await subtle.digest({ name: 'Sha-1' }, enc('a')),
  await subtle.digest({ name: 'SHA-512', extra: 1 }, enc('a'))].map(hex));
check('crypto/digest input kinds', async () => {
  const src = bytes(10);
  return [await subtle.digest('SHA-1', src.buffer), await subtle.digest('SHA-1', new DataView(src.buffer, 2, 5)),
    await subtle.digest('SHA-1', new Uint16Array(src.buffer, 2, 3)), await subtle.digest('SHA-1', src.subarray(3))].map(hex);
});
check('crypto/digest copies input', async () => {
  const data = enc('abc');
  const p = subtle.digest('SHA-256', data);
  data[0] = 0;
  return hex(await p);
});
check('crypto/digest returns promise', () => {
  const p = subtle.digest('SHA-256', enc(''));
  const bad = subtle.digest('MD5', enc(''));
  bad.catch(() => {});
  return [p instanceof Promise, bad instanceof Promise];
});
check('crypto/digest unknown algorithm', () => subtle.digest('MD5', enc('a')));
check('crypto/digest SHA-224', () => subtle.digest('SHA-224', enc('a')));
check('crypto/digest number algorithm', () => subtle.digest(5, enc('a')));
check('crypto/digest null algorithm', () => subtle.digest(null, enc('a')));
check('crypto/digest no name', () => subtle.digest({}, enc('a')));
check('crypto/digest string data', () => subtle.digest('SHA-256', 'abc'));
check('crypto/digest array data', () => subtle.digest('SHA-256', [1, 2]));
check('crypto/digest missing data', () => subtle.digest('SHA-256'));
check('crypto/digest bad this', () => subtle.digest.call({}, 'SHA-256', enc('a')));

for (const hash of HASHES) {
  check(`crypto/hmac sign ${hash}`, async () => {
    const key = await hmacKey(enc('secret key'), hash);
    const out = [];
    for (const msg of [new Uint8Array(0), enc('hello'), bytes(100000)]) out.push(hex(await subtle.sign('HMAC', key, msg)));
    return out;
  });
  check(`crypto/hmac long key ${hash}`, async () => {
    const key = await hmacKey(bytes(200, (i) => 255 - (i & 255)), { name: hash });
    return [key.algorithm, hex(await subtle.sign({ name: 'hmac' }, key, enc('data')))];
  });
  check(`crypto/hmac verify ${hash}`, async () => {
    const key = await hmacKey(enc('k'), hash);
    const sig = await subtle.sign('HMAC', key, enc('msg'));
    const bad = new Uint8Array(sig.slice(0));
    bad[0] ^= 1;
    return [await subtle.verify('HMAC', key, sig, enc('msg')), await subtle.verify('HMAC', key, bad, enc('msg')),
      await subtle.verify('HMAC', key, sig, enc('msh')), await subtle.verify('HMAC', key, sig.slice(1), enc('msg')),
      await subtle.verify('HMAC', key, new Uint8Array(0), enc('msg'))];
  });
  check(`crypto/hmac generate ${hash}`, async () => {
    const key = await subtle.generateKey({ name: 'HMAC', hash }, true, ['sign', 'verify']);
    const raw = await subtle.exportKey('raw', key);
    const sig = await subtle.sign('HMAC', key, enc('x'));
    const again = await hmacKey(raw, hash);
    return [keyShape(key), raw.byteLength, sig.byteLength, await subtle.verify('HMAC', again, sig, enc('x'))];
  });
  check(`crypto/hmac jwk round trip ${hash}`, async () => {
    const key = await hmacKey(bytes(33, (i) => i * 5), hash);
    const jwk = await subtle.exportKey('jwk', key);
    const back = await subtle.importKey('jwk', jwk, { name: 'HMAC', hash }, true, ['verify']);
    return [jwk, keyShape(back), await subtle.exportKey('raw', back)];
  });
}
check('crypto/hmac key shape', async () => keyShape(await hmacKey(bytes(16), 'SHA-256')));
check('crypto/hmac key identity', async () => {
  const k = await hmacKey(bytes(16), 'sha-384');
  return [k.algorithm === k.algorithm, k.usages === k.usages, Object.keys(k), Object.keys(CryptoKey.prototype)];
});
check('crypto/hmac key usages kept as given', async () => (await hmacKey(bytes(4), 'SHA-1', ['verify', 'sign', 'verify'])).usages);
check('crypto/hmac key internals not mutable', async () => {
  const k = await hmacKey(enc('key'), 'SHA-256', ['verify']);
  k.usages.push('sign');
  k.algorithm.hash.name = 'SHA-1';
  try { await subtle.sign('HMAC', k, enc('a')); return 'signed'; } catch (e) { return e.name; }
});
check('crypto/hmac length param', async () => (await subtle.importKey('raw', bytes(4), { name: 'HMAC', hash: 'SHA-256', length: 32 }, true, ['sign'])).algorithm);
check('crypto/hmac length string param', async () => (await subtle.importKey('raw', bytes(4), { name: 'HMAC', hash: 'SHA-256', length: '32' }, true, ['sign'])).algorithm.length);
check('crypto/hmac length mismatch', () => subtle.importKey('raw', bytes(4), { name: 'HMAC', hash: 'SHA-256', length: 24 }, true, ['sign']));
check('crypto/hmac length too long', () => subtle.importKey('raw', bytes(4), { name: 'HMAC', hash: 'SHA-256', length: 40 }, true, ['sign']));
check('crypto/hmac length not multiple of 8', () => subtle.importKey('raw', bytes(4), { name: 'HMAC', hash: 'SHA-256', length: 25 }, true, ['sign']));
check('crypto/hmac length zero', () => subtle.importKey('raw', bytes(4), { name: 'HMAC', hash: 'SHA-256', length: 0 }, true, ['sign']));
check('crypto/hmac length negative', () => subtle.importKey('raw', bytes(4), { name: 'HMAC', hash: 'SHA-256', length: -8 }, true, ['sign']));
check('crypto/hmac length NaN', () => subtle.importKey('raw', bytes(4), { name: 'HMAC', hash: 'SHA-256', length: 'abc' }, true, ['sign']));
check('crypto/hmac empty key', () => hmacKey(new Uint8Array(0), 'SHA-256'));
check('crypto/hmac no usages', () => hmacKey(bytes(4), 'SHA-256', []));
check('crypto/hmac bad usage', () => hmacKey(bytes(4), 'SHA-256', ['sign', 'encrypt']));
check('crypto/hmac unknown usage', () => hmacKey(bytes(4), 'SHA-256', ['sign', 'foo']));
check('crypto/hmac usages not sequence', () => hmacKey(bytes(4), 'SHA-256', 'sign'));
check('crypto/hmac missing hash', () => subtle.importKey('raw', bytes(4), { name: 'HMAC' }, true, ['sign']));
check('crypto/hmac string algorithm import', () => subtle.importKey('raw', bytes(4), 'HMAC', true, ['sign']));
check('crypto/hmac unknown hash', () => hmacKey(bytes(4), 'MD5'));
check('crypto/hmac extractable coerced', async () => [(await hmacKey(bytes(4), 'SHA-1', ['sign'], 0)).extractable, (await hmacKey(bytes(4), 'SHA-1', ['sign'], 'yes')).extractable]);
check('crypto/import format spki', () => subtle.importKey('spki', bytes(4), { name: 'HMAC', hash: 'SHA-1' }, true, ['sign']));
check('crypto/import format pkcs8', () => subtle.importKey('pkcs8', bytes(4), { name: 'HMAC', hash: 'SHA-1' }, true, ['sign']));
check('crypto/import format unknown', () => subtle.importKey('foo', bytes(4), { name: 'HMAC', hash: 'SHA-1' }, true, ['sign']));
check('crypto/import unknown algorithm', () => subtle.importKey('raw', bytes(4), { name: 'FOO' }, true, ['sign']));
check('crypto/import missing args', () => subtle.importKey('raw', bytes(4), { name: 'HMAC', hash: 'SHA-1' }, true));
check('crypto/import raw string data', () => subtle.importKey('raw', 'abcd', { name: 'HMAC', hash: 'SHA-1' }, true, ['sign']));
check('crypto/import copies data', async () => {
  const raw = bytes(8);
  const k = await hmacKey(raw, 'SHA-256');
  raw.fill(0);
  return hex(await subtle.exportKey('raw', k));
});

const jwkImport = (jwk, usages = ['sign'], extractable = true, hash = 'SHA-384') =>
  subtle.importKey('jwk', jwk, { name: 'HMAC', hash }, extractable, usages);
check('crypto/jwk import', async () => {
  const k = await jwkImport({ kty: 'oct', k: 'AAECAw', alg: 'HS384', use: 'sig', key_ops: ['sign', 'verify'], ext: true });
  return [keyShape(k), await subtle.exportKey('raw', k), await subtle.exportKey('jwk', k)];
});
check('crypto/jwk import base64 variants', async () => {
  const out = [];
  for (const k of ['AAECAw', 'AAECAw==', 'AA+/', 'AA-_', 'AA$ECAw', '_-_-']) out.push(await subtle.exportKey('raw', await jwkImport({ kty: 'oct', k })));
  return out;
});
check('crypto/jwk non-extractable', async () => (await jwkImport({ kty: 'oct', k: 'AAECAw', ext: false }, ['sign'], false)).extractable);
check('crypto/jwk missing kty', () => jwkImport({ k: 'AAECAw' }));
check('crypto/jwk wrong kty', () => jwkImport({ kty: 'RSA', k: 'AAECAw' }));
check('crypto/jwk missing k', () => jwkImport({ kty: 'oct' }));
check('crypto/jwk empty k', () => jwkImport({ kty: 'oct', k: '' }));
check('crypto/jwk wrong alg', () => jwkImport({ kty: 'oct', k: 'AAECAw', alg: 'HS256' }));
check('crypto/jwk wrong use', () => jwkImport({ kty: 'oct', k: 'AAECAw', use: 'enc' }));
check('crypto/jwk ext mismatch', () => jwkImport({ kty: 'oct', k: 'AAECAw', ext: false }));
check('crypto/jwk key_ops mismatch', () => jwkImport({ kty: 'oct', k: 'AAECAw', key_ops: ['verify'] }));
check('crypto/jwk key_ops duplicate', () => jwkImport({ kty: 'oct', k: 'AAECAw', key_ops: ['sign', 'sign'] }));
check('crypto/jwk key_ops not sequence', () => jwkImport({ kty: 'oct', k: 'AAECAw', key_ops: 'sign' }));
check('crypto/jwk not object', () => jwkImport('x'));
check('crypto/jwk length mismatch', () => subtle.importKey('jwk', { kty: 'oct', k: 'AAECAw' }, { name: 'HMAC', hash: 'SHA-1', length: 16 }, true, ['sign']));
check('crypto/jwk hs1', async () => (await subtle.exportKey('jwk', await subtle.importKey('jwk', { kty: 'oct', k: 'AAECAw', alg: 'HS1' }, { name: 'HMAC', hash: 'SHA-1' }, true, ['sign']))).alg);

check('crypto/export not extractable', async () => {
  const k = await hmacKey(bytes(4), 'SHA-256', ['sign'], false);
  try { await subtle.exportKey('raw', k); return 'exported'; } catch (e) { return [e instanceof DOMException, e.name]; }
});
check('crypto/export spki', async () => subtle.exportKey('spki', await hmacKey(bytes(4), 'SHA-256')));
check('crypto/export unknown format', async () => subtle.exportKey('foo', await hmacKey(bytes(4), 'SHA-256')));
check('crypto/export not a key', () => subtle.exportKey('raw', {}));
check('crypto/export raw is a copy', async () => {
  const k = await hmacKey(bytes(4), 'SHA-256');
  new Uint8Array(await subtle.exportKey('raw', k)).fill(9);
  return subtle.exportKey('raw', k);
});

check('crypto/generate algorithm', async () => [(await subtle.generateKey({ name: 'HMAC', hash: 'SHA-256' }, false, ['sign'])).algorithm,
  (await subtle.generateKey({ name: 'hmac', hash: { name: 'sha-512' } }, false, ['verify'])).algorithm,
  (await subtle.generateKey({ name: 'HMAC', hash: 'SHA-1', length: 8 }, false, ['verify'])).algorithm]);
check('crypto/generate keys differ', async () => {
  const a = await subtle.exportKey('raw', await subtle.generateKey({ name: 'HMAC', hash: 'SHA-256' }, true, ['sign']));
  const b = await subtle.exportKey('raw', await subtle.generateKey({ name: 'HMAC', hash: 'SHA-256' }, true, ['sign']));
  return hex(a) !== hex(b);
});
check('crypto/generate length custom', async () => (await subtle.exportKey('raw', await subtle.generateKey({ name: 'HMAC', hash: 'SHA-256', length: 128 }, true, ['sign']))).byteLength);
check('crypto/generate length 100', () => subtle.generateKey({ name: 'HMAC', hash: 'SHA-512', length: 100 }, true, ['sign']));
check('crypto/generate length 0', () => subtle.generateKey({ name: 'HMAC', hash: 'SHA-512', length: 0 }, true, ['sign']));
check('crypto/generate no usages', () => subtle.generateKey({ name: 'HMAC', hash: 'SHA-512' }, true, []));
check('crypto/generate bad usages', () => subtle.generateKey({ name: 'HMAC', hash: 'SHA-512' }, true, ['decrypt']));
check('crypto/generate missing hash', () => subtle.generateKey({ name: 'HMAC' }, true, ['sign']));
check('crypto/generate unknown algorithm', () => subtle.generateKey({ name: 'NOPE' }, true, ['sign']));
check('crypto/generate missing args', () => subtle.generateKey({ name: 'HMAC', hash: 'SHA-1' }, true));

check('crypto/sign usage missing', async () => subtle.sign('HMAC', await hmacKey(bytes(4), 'SHA-256', ['verify']), enc('a')));
check('crypto/verify usage missing', async () => subtle.verify('HMAC', await hmacKey(bytes(4), 'SHA-256', ['sign']), enc('a'), enc('a')));
check('crypto/sign not a key', () => subtle.sign('HMAC', {}, enc('a')));
check('crypto/sign string data', async () => subtle.sign('HMAC', await hmacKey(bytes(4), 'SHA-256'), 'a'));
check('crypto/sign unknown algorithm', async () => subtle.sign('FOO', await hmacKey(bytes(4), 'SHA-256'), enc('a')));
check('crypto/sign missing args', async () => subtle.sign('HMAC', await hmacKey(bytes(4), 'SHA-256')));
check('crypto/verify string signature', async () => subtle.verify('HMAC', await hmacKey(bytes(4), 'SHA-256'), 'sig', enc('a')));
check('crypto/verify missing args', async () => subtle.verify('HMAC', await hmacKey(bytes(4), 'SHA-256'), enc('a')));
check('crypto/sign result type', async () => {
  const r = await subtle.sign('HMAC', await hmacKey(bytes(4), 'SHA-384'), enc('a'));
  return [r instanceof ArrayBuffer, r.byteLength];
});
check('crypto/verify with DataView signature', async () => {
  const k = await hmacKey(bytes(4), 'SHA-256');
  const sig = await subtle.sign('HMAC', k, enc('a'));
  const padded = new Uint8Array(sig.byteLength + 4);
  padded.set(new Uint8Array(sig), 2);
  return subtle.verify('HMAC', k, new DataView(padded.buffer, 2, sig.byteLength), enc('a'));
});
check('crypto/encrypt unsupported algorithm', async () => subtle.encrypt({ name: 'FOO' }, await hmacKey(bytes(4), 'SHA-256'), enc('a')));
check('crypto/subtle bad this', () => subtle.sign.call({}, 'HMAC', {}, enc('a')));
check('crypto/subtle prototype keys', () => Object.keys(SubtleCrypto.prototype).filter((k) => k !== 'timingSafeEqual').sort());
check('crypto/Crypto prototype keys', () => Object.keys(Crypto.prototype).sort());
