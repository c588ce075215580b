// crypto.getRandomValues, crypto.randomUUID, crypto.subtle (digests, HMAC, RSA, ECDSA, ECDH, Ed25519, X25519, AES, PBKDF2, HKDF).
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

// Fixed private keys (JWK) made by Node 22 for the asymmetric checks.
const KEYS = {
  'RSA': {"kty":"RSA","n":"l7OtTjFv-n4zyrYEupCxbhENVhUqQqVZtyGMoAm_147enln-9gYx2f9vLXnPGa6QsmvcVjnKSds6exq7b-D-BVWrVRGDZJzWStaSjKokAK18All0vbQnfEYi5f6wmM6hpgeN2dWte6ol3qcujMuTCwx4NEG1JSVCxROI1RqOGbLtiXYW4qd1Ar6tDpTfbNMJpMHRoxcioBu5yfNZTfpGBF_omtvVlqkj8vvUw_AP9Xt3agKA8DZN4PUmvKa5fmNNh2EhFPSu0TfELWkyFuPTnm8DW4_BOcdFv4XRvMe9ObKE2FG-KDPEZfuBAZgEm8tJpVFofpZtE2sOlKboCbtj8w","e":"AQAB","d":"EtI9Bz2E-hwcSuMoVQlMqi49bFe15YzkQ59K9jQfdBwKrLTXuChumPBjF85MDpCk7S4KqTwESAOGDu3zIV9VxM2rMyO4HIyE3cYfaopVaywa_aOho0OtvnJpNAXUXTENxy6av9MN8hDbH_O4B8neFXnXlAwu8EveK9tPl7jytmdWo-NeycwTLpEAW-QfdACVOBOASfieNsSccr36bWI5rm-e3GcUBFzw503gcojJ_QNdPdVjlDvSOL1_ir7eToeYpqzW0Vht0XzpptZcxFDGayhb2Kfo2RDdl2-JEqjQ1hVS19DRe_TjLg4oMtdhbSzWpLxv-39be0MOeOiGdFv7GQ","p":"0u42dB2UJv16Wc05NmPD-ynWWi9QCp6hvJrVGhGRnad0rYCytxJbcyI8D66fdgW-AZS_YJzD_WBtoEmpgHF0PXcA5XFL___ds2SjjBvtALWkB92T3wr1rNn3vndGOp300br0uMnY_D0In9P8OoXRTZHbixpuEcnSw4q4M2Wr5o8","q":"uB2wM_B3HHGhbVPrL-Eamrj8BBQRZCeL9bYMCy5Igo-RXWtkdEQ75MHNCFpCIi0HeOF9ZBelHbMyWdP61BFAEQgMb_XrhOojd5a-KuLkmk1sl4dPncSZaIbwszTSmTelncub4s5FJdP2LW77xut-4t7Q3RwkW9WvCINmRaluPl0","dp":"MOK-whic3pB-y9NRgDaNFGf04v_2KA_t4j1sSFdsDULjOtcKFH3vrfZwPx40nPDlwY4M8MJEdjPkFHMeEsO4sgojrgmdGJ7fbhVUBkPuoOx4MM582AO9PqthzMXuA-XZ-MXAtBcr8AHhPtGtso6THMxCOrIMcpj4_RLocBkPRyc","dq":"CeCt31t7SG9gNblW2M6-2qYp_x4EgNcOTzRhGQh2o2qIZfapAQPYIsGy-ku9WJAJ4pZWX9RU6279uIwC3PW_9in0YN1UsWDOXlAcC7j4gr68oLSFtPUjNdRnfXXMBqRRolGWH2jplMn2XyGhKF7iA9HoarRjzvl71n0WM46Pd5E","qi":"0Y91CVah_yIb5TwqUL1xoeCILIkpJFRjAalE9QVagIEuNu97TXv_n1EAhsNOMn9aGnDpCG_lLrTJst3SSpeXn1HOTZkMonPF9EDut65IgB0lqVquWb6msuT9Q5GDCavhrx0XpIWPp5JX-K5oxCDdBSaICNtmOMa1E2U24ozzZKA"},
  'P-256': {"kty":"EC","x":"RfT9Z30qzvTxviyZ92ItvCBfiE-ELJmt5ZAPzwh5C8c","y":"i81HqHy4xmJYY3fBGT9SxhuUGbKsOAY0tU0INI6bzeg","crv":"P-256","d":"x0-6AB_HeRQZTmqtae82bRvasfR4nnWlRrPujc_-_TQ"},
  'P-384': {"kty":"EC","x":"sP4E59FPeYdlP2kSWqB0atlYRmDDPMiAPwmRSv_ccpBFd5Yvcb4k9X7aAiU2r3WL","y":"r6EvzNF8BDv8JC7NG_Hd7xJePNEYzdvds-G-hfN8bhImf8qRJiHHAglBXeYB9Cgo","crv":"P-384","d":"Hv28xxhTR8JNi8N3tvCyLxi7MPy_ws3kHwygErVd-Z8u1TwIQrksZN0vyM6KTQ4J"},
  'P-521': {"kty":"EC","x":"AX7dDtw641Orffa9D8dOsj6NxsgzR39k0Hr36SgdXzEKbBuiGZDfFo96hkwhUZVU_VHScyExPxgF2sI2onXfzEyw","y":"AfHDaj8Ba-2rFv4WWBcYwKx99FnxLZeCeh_wNFjpuxVwGqS9iDFONtVN6x_Zb8lrxVREX1wam_AZeRcWNYB8pZ1L","crv":"P-521","d":"AFeBcxSQNmDjdwez_F6tTgfkrHfYGLvFN8EWZW6pe_0B0uKoAnAA2LR-lMuyBSHTYqWdycwH7GBTOBsfhUj9koaO"},
  'Ed25519': {"crv":"Ed25519","d":"J41EusCrXRtjezRpOkE4tXfTTiOB6t0zz-5-9LJQK34","x":"rF1SP8VVnwGfro4mZGqHOIYEb3uoVJTUTnkFtdr-Y6w","kty":"OKP"},
  'X25519': {"crv":"X25519","d":"uJzj8hPLS3SwaZFEsVI_oR9xMrFN6e2kD4pa0EqJPVw","x":"StH02qal2CEiqoU1IOfarWeJ02DznurdrNeJOtgzQAQ","kty":"OKP"},
};
const pub = (jwk) => { const { d, p, q, dp, dq, qi, ...rest } = jwk; return rest; };
const SIGNERS = {
  RS256: [{ name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' }, 'RSA', 'RSASSA-PKCS1-v1_5'],
  RS384: [{ name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-384' }, 'RSA', 'RSASSA-PKCS1-v1_5'],
  RS512: [{ name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-512' }, 'RSA', 'RSASSA-PKCS1-v1_5'],
  PS256: [{ name: 'RSA-PSS', hash: 'SHA-256' }, 'RSA', { name: 'RSA-PSS', saltLength: 32 }],
  PS512: [{ name: 'RSA-PSS', hash: 'SHA-512' }, 'RSA', { name: 'RSA-PSS', saltLength: 64 }],
  ES256: [{ name: 'ECDSA', namedCurve: 'P-256' }, 'P-256', { name: 'ECDSA', hash: 'SHA-256' }],
  ES384: [{ name: 'ECDSA', namedCurve: 'P-384' }, 'P-384', { name: 'ECDSA', hash: 'SHA-384' }],
  ES512: [{ name: 'ECDSA', namedCurve: 'P-521' }, 'P-521', { name: 'ECDSA', hash: 'SHA-512' }],
  ES256_SHA1: [{ name: 'ECDSA', namedCurve: 'P-256' }, 'P-256', { name: 'ECDSA', hash: 'SHA-1' }],
  EdDSA: [{ name: 'Ed25519' }, 'Ed25519', 'Ed25519'],
};
const keyPair = async (id, extractable = true) => {
  const [alg, key] = SIGNERS[id];
  return [await subtle.importKey('jwk', KEYS[key], alg, extractable, ['sign']),
    await subtle.importKey('jwk', pub(KEYS[key]), alg, extractable, ['verify'])];
};
const deterministic = (id) => id.startsWith('RS') || id === 'EdDSA';

// An RSA-PSS (SHA-256, salt 32) signature of "hello" by KEYS.RSA, made by Node, that begins
// with a zero byte: RFC 8017 (RSASSA-PSS-VERIFY step 1) rejects it without that byte, as the
// engine does; Node (OpenSSL) reads the 255 bytes as the same number and accepts them.
check('crypto/RSA-PSS signature without its leading zero byte', async () => {
  const sig = Uint8Array.from('00e5366b74189affb1d353c77989f9728c5cde68d4c8e0901e3f72822c19f979e921cd8170f8358d070b9d09df4ef02bcf250bec81d5f09712c02984958f6f3bd4643c0774f3d37f5e78e9c73a23f7fbc9ab3cee1acbb41529f9f2fc9099975bb41a6d3d386490d346d4c8c46abb9139c412a7b2c961a5ea542ea243b2d5988f364683392a9cd91fd7e27bc945c816a3b60427ad7d11fe6c5af481ae08a23b3cfa02de3ab02400645eab15194ceed3c400487e44133337260dc967959f059eb67d38b79471507fe015581fea7af4c4cbdceac703390a94d3223c4647c18689716153eef57a7e4e3d7755eac3886aa580b1f87fe159eb34d80ff1f11d36d28dfe'.match(/../g), (h) => parseInt(h, 16));
  const [, pubKey] = await keyPair('PS256');
  const params = SIGNERS.PS256[2];
  return [await subtle.verify(params, pubKey, sig, enc('hello')), await subtle.verify(params, pubKey, sig.slice(1), enc('hello'))];
});

for (const id of Object.keys(SIGNERS)) {
  check(`crypto/asym sign verify ${id}`, async () => {
    const [priv, pubKey] = await keyPair(id);
    const params = SIGNERS[id][2];
    const out = [keyShape(priv), keyShape(pubKey)];
    for (const msg of [new Uint8Array(0), enc('hello'), bytes(70000)]) {
      const sig = new Uint8Array(await subtle.sign(params, priv, msg));
      const bad = sig.slice();
      bad[5] ^= 1;
      out.push([sig.length, deterministic(id) ? hex(sig) : 'random', await subtle.verify(params, pubKey, sig, msg),
        await subtle.verify(params, pubKey, bad, msg), await subtle.verify(params, pubKey, sig, enc('other')),
        // A byte short. The last byte, not the first: a random RSA-PSS signature starts with
        // 0x00 once in 256, and Node accepts it without that byte (the check after this loop).
        await subtle.verify(params, pubKey, sig.slice(0, -1), msg)]);
    }
    return out;
  });
  check(`crypto/asym export ${id}`, async () => {
    const [priv, pubKey] = await keyPair(id);
    const spki = await subtle.exportKey('spki', pubKey);
    const pkcs8 = await subtle.exportKey('pkcs8', priv);
    const alg = SIGNERS[id][0];
    const again = [await subtle.importKey('spki', spki, alg, true, ['verify']), await subtle.importKey('pkcs8', pkcs8, alg, true, ['sign'])];
    return [hex(spki), hex(pkcs8), await subtle.exportKey('jwk', priv), await subtle.exportKey('jwk', pubKey),
      await subtle.exportKey('jwk', again[0]), await subtle.exportKey('jwk', again[1]), keyShape(again[0]), keyShape(again[1])];
  });
  check(`crypto/asym generate ${id}`, async () => {
    const [alg, , params] = SIGNERS[id];
    const gen = alg.name.startsWith('RSA') ? { ...alg, modulusLength: 2048, publicExponent: new Uint8Array([1, 0, 1]) } : alg;
    const pair = await subtle.generateKey(gen, false, ['verify', 'sign']);
    const sig = await subtle.sign(params, pair.privateKey, enc('m'));
    return [Object.keys(pair), keyShape(pair.publicKey), keyShape(pair.privateKey), await subtle.verify(params, pair.publicKey, sig, enc('m')),
      (await subtle.exportKey('spki', pair.publicKey)).byteLength > 0];
  });
}
check('crypto/asym raw EC public', async () => {
  const [, pubKey] = await keyPair('ES256');
  const raw = await subtle.exportKey('raw', pubKey);
  const back = await subtle.importKey('raw', raw, { name: 'ECDSA', namedCurve: 'P-256' }, true, ['verify']);
  return [hex(raw), await subtle.exportKey('jwk', back)];
});
check('crypto/asym raw Ed25519 public', async () => {
  const [, pubKey] = await keyPair('EdDSA');
  const raw = await subtle.exportKey('raw', pubKey);
  return [hex(raw), keyShape(await subtle.importKey('raw', raw, 'Ed25519', false, ['verify']))];
});
const asymError = async (f) => { try { await f(); return 'ok'; } catch (e) { return e.name; } };
check('crypto/asym errors', async () => {
  const [priv, pubKey] = await keyPair('ES256');
  const [rsaPriv, rsaPub] = await keyPair('RS256');
  const es = { name: 'ECDSA', hash: 'SHA-256' };
  return Promise.all([
    asymError(() => subtle.sign(es, pubKey, enc('a'))),
    asymError(() => subtle.verify(es, priv, enc('a'), enc('a'))),
    asymError(() => subtle.sign('RSASSA-PKCS1-v1_5', priv, enc('a'))),
    asymError(() => subtle.sign({ name: 'ECDSA' }, priv, enc('a'))),
    asymError(() => subtle.sign('RSA-PSS', rsaPriv, enc('a'))),
    asymError(() => subtle.importKey('spki', bytes(40), { name: 'ECDSA', namedCurve: 'P-256' }, true, ['verify'])),
    asymError(() => subtle.importKey('pkcs8', bytes(40), { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' }, true, ['sign'])),
    asymError(async () => subtle.importKey('spki', await subtle.exportKey('spki', pubKey), { name: 'ECDSA', namedCurve: 'P-384' }, true, ['verify'])),
    asymError(async () => subtle.importKey('spki', await subtle.exportKey('spki', rsaPub), { name: 'ECDSA', namedCurve: 'P-256' }, true, ['verify'])),
    asymError(() => subtle.importKey('jwk', pub(KEYS['P-256']), { name: 'ECDSA', namedCurve: 'P-384' }, true, ['verify'])),
    asymError(() => subtle.importKey('jwk', { ...pub(KEYS['P-256']), kty: 'RSA' }, { name: 'ECDSA', namedCurve: 'P-256' }, true, ['verify'])),
    asymError(() => subtle.importKey('jwk', { ...pub(KEYS['P-256']), x: 'AAAA' }, { name: 'ECDSA', namedCurve: 'P-256' }, true, ['verify'])),
    asymError(() => subtle.importKey('jwk', pub(KEYS['P-256']), { name: 'ECDSA', namedCurve: 'P-256' }, true, ['sign'])),
    asymError(() => subtle.importKey('jwk', KEYS['P-256'], { name: 'ECDSA', namedCurve: 'P-256' }, true, [])),
    asymError(() => subtle.importKey('jwk', pub(KEYS['P-256']), { name: 'ECDSA', namedCurve: 'P-256' }, true, [])),
    asymError(() => subtle.importKey('jwk', pub(KEYS['P-256']), { name: 'ECDSA', namedCurve: 'P-999' }, true, ['verify'])),
    asymError(() => subtle.importKey('jwk', pub(KEYS['P-256']), { name: 'ECDSA' }, true, ['verify'])),
    asymError(() => subtle.importKey('jwk', pub(KEYS.RSA), 'RSASSA-PKCS1-v1_5', true, ['verify'])),
    asymError(() => subtle.importKey('jwk', { ...pub(KEYS.RSA), alg: 'PS256' }, { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' }, true, ['verify'])),
    asymError(() => subtle.importKey('raw', bytes(32), { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' }, true, ['verify'])),
    asymError(() => subtle.importKey('raw', bytes(31), 'Ed25519', true, ['verify'])),
    asymError(() => subtle.exportKey('spki', priv)),
    asymError(() => subtle.exportKey('pkcs8', pubKey)),
    asymError(() => subtle.exportKey('raw', priv)),
    asymError(() => subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, true, ['verify'])),
    asymError(() => subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, true, ['encrypt', 'sign'])),
    asymError(() => subtle.generateKey({ name: 'RSA-PSS', hash: 'SHA-256', modulusLength: 2048 }, true, ['sign'])),
  ]);
});
check('crypto/asym jwk use and alg', async () => {
  const ok = async (jwk, alg, usages = ['verify']) => asymError(() => subtle.importKey('jwk', jwk, alg, true, usages));
  const rs = { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' };
  return [await ok({ ...pub(KEYS.RSA), alg: 'RS256', use: 'sig' }, rs), await ok({ ...pub(KEYS.RSA), use: 'enc' }, rs),
    await ok({ ...pub(KEYS.RSA), alg: 'RS384' }, rs), await ok({ ...pub(KEYS['P-256']), alg: 'ES256' }, { name: 'ECDSA', namedCurve: 'P-256' }),
    await ok({ ...pub(KEYS.Ed25519), alg: 'EdDSA' }, 'Ed25519'), await ok({ ...pub(KEYS.Ed25519), key_ops: ['sign'] }, 'Ed25519')];
});

const aesKey = (name, len = 16, usages = ['encrypt', 'decrypt'], extractable = true) =>
  subtle.importKey('raw', bytes(len, (i) => i * 7 + 1), name, extractable, usages);
const AES_PARAMS = {
  'AES-GCM': [{ name: 'AES-GCM', iv: bytes(12) }, { name: 'AES-GCM', iv: bytes(12), additionalData: enc('aad'), tagLength: 96 },
    { name: 'AES-GCM', iv: bytes(16) }],
  'AES-CBC': [{ name: 'AES-CBC', iv: bytes(16) }],
  'AES-CTR': [{ name: 'AES-CTR', counter: bytes(16), length: 64 }, { name: 'AES-CTR', counter: bytes(16, () => 255), length: 8 },
    { name: 'AES-CTR', counter: bytes(16, (i) => (i > 12 ? 255 : i)), length: 128 }],
};
for (const [name, list] of Object.entries(AES_PARAMS)) {
  for (const len of [16, 24, 32]) {
    check(`crypto/aes ${name} ${len * 8}`, async () => {
      const key = await aesKey(name, len);
      const out = [keyShape(key)];
      for (const params of list) {
        for (const msg of [new Uint8Array(0), enc('hello'), bytes(16), bytes(1000)]) {
          const ct = await subtle.encrypt(params, key, msg);
          out.push([hex(ct), hex(await subtle.decrypt(params, key, ct))]);
        }
      }
      return out;
    });
  }
  check(`crypto/aes ${name} jwk and generate`, async () => {
    const key = await aesKey(name, 32);
    const jwk = await subtle.exportKey('jwk', key);
    const back = await subtle.importKey('jwk', jwk, name, true, ['encrypt']);
    const gen = await subtle.generateKey({ name, length: 192 }, true, ['encrypt', 'decrypt']);
    const p = list[0];
    return [jwk, keyShape(back), hex(await subtle.exportKey('raw', back)), keyShape(gen), (await subtle.exportKey('raw', gen)).byteLength,
      hex(await subtle.decrypt(p, gen, await subtle.encrypt(p, gen, enc('round trip'))))];
  });
}
check('crypto/aes errors', async () => {
  const gcm = await aesKey('AES-GCM');
  const cbc = await aesKey('AES-CBC');
  const ctr = await aesKey('AES-CTR');
  const ct = new Uint8Array(await subtle.encrypt({ name: 'AES-GCM', iv: bytes(12) }, gcm, enc('secret')));
  ct[2] ^= 1;
  const cbcCt = new Uint8Array(await subtle.encrypt({ name: 'AES-CBC', iv: bytes(16) }, cbc, enc('secret')));
  return Promise.all([
    asymError(() => subtle.decrypt({ name: 'AES-GCM', iv: bytes(12) }, gcm, ct)),
    asymError(() => subtle.decrypt({ name: 'AES-GCM', iv: bytes(12) }, gcm, bytes(10))),
    asymError(() => subtle.decrypt({ name: 'AES-GCM', iv: bytes(12), additionalData: enc('x') }, gcm, ct)),
    asymError(() => subtle.encrypt({ name: 'AES-GCM', iv: bytes(12), tagLength: 100 }, gcm, enc('a'))),
    asymError(() => subtle.encrypt({ name: 'AES-GCM' }, gcm, enc('a'))),
    asymError(() => subtle.encrypt({ name: 'AES-CBC', iv: bytes(12) }, cbc, enc('a'))),
    asymError(() => subtle.decrypt({ name: 'AES-CBC', iv: bytes(16) }, cbc, cbcCt.subarray(0, 15))),
    asymError(() => subtle.decrypt({ name: 'AES-CBC', iv: bytes(16, () => 9) }, cbc, cbcCt)),
    asymError(() => subtle.encrypt({ name: 'AES-CTR', counter: bytes(12), length: 64 }, ctr, enc('a'))),
    asymError(() => subtle.encrypt({ name: 'AES-CTR', counter: bytes(16), length: 0 }, ctr, enc('a'))),
    asymError(() => subtle.encrypt({ name: 'AES-CTR', counter: bytes(16) }, ctr, enc('a'))),
    asymError(() => subtle.encrypt({ name: 'AES-CBC', iv: bytes(16) }, gcm, enc('a'))),
    asymError(async () => subtle.encrypt({ name: 'AES-GCM', iv: bytes(12) }, await aesKey('AES-GCM', 16, ['decrypt']), enc('a'))),
    asymError(() => aesKey('AES-GCM', 20)),
    asymError(() => aesKey('AES-GCM', 16, ['sign'])),
    asymError(() => aesKey('AES-GCM', 16, [])),
    asymError(() => aesKey('AES-KW', 16, ['encrypt'])),
    asymError(() => subtle.generateKey({ name: 'AES-GCM', length: 100 }, true, ['encrypt'])),
    asymError(() => subtle.generateKey({ name: 'AES-GCM' }, true, ['encrypt'])),
    asymError(() => subtle.importKey('jwk', { kty: 'oct', k: 'AAECAwQFBgcICQoLDA0ODw', alg: 'A128CBC' }, 'AES-GCM', true, ['encrypt'])),
    asymError(() => subtle.importKey('jwk', { kty: 'oct', k: 'AAECAwQFBgcICQoLDA0ODw', alg: 'A256GCM' }, 'AES-GCM', true, ['encrypt'])),
    asymError(() => subtle.importKey('spki', bytes(16), 'AES-GCM', true, ['encrypt'])),
    asymError(() => subtle.encrypt({ name: 'HMAC' }, gcm, enc('a'))),
  ]);
});

const kdfKey = (name, raw = enc('password'), usages = ['deriveBits', 'deriveKey']) => subtle.importKey('raw', raw, name, false, usages);
check('crypto/pbkdf2 deriveBits', async () => {
  const key = await kdfKey('PBKDF2');
  const out = [keyShape(key)];
  for (const hash of HASHES) {
    for (const [salt, iterations, length] of [[enc('salt'), 1, 160], [enc('salt'), 1000, 256], [new Uint8Array(0), 2, 512], [bytes(64), 5, 8]]) {
      out.push(hex(await subtle.deriveBits({ name: 'PBKDF2', hash, salt, iterations }, key, length)));
    }
  }
  return out;
});
check('crypto/hkdf deriveBits', async () => {
  const key = await kdfKey('HKDF', bytes(22, () => 11));
  const out = [keyShape(key)];
  for (const hash of HASHES) {
    for (const [salt, info, length] of [[bytes(13), bytes(10, (i) => 0xf0 + i), 336], [new Uint8Array(0), new Uint8Array(0), 256], [enc('s'), enc('i'), 8]]) {
      out.push(hex(await subtle.deriveBits({ name: 'HKDF', hash, salt, info }, key, length)));
    }
  }
  return out;
});
check('crypto/kdf deriveKey', async () => {
  const pb = await kdfKey('PBKDF2');
  const hk = await kdfKey('HKDF');
  const p = { name: 'PBKDF2', hash: 'SHA-256', salt: enc('salt'), iterations: 100 };
  const h = { name: 'HKDF', hash: 'SHA-384', salt: enc('salt'), info: enc('info') };
  const keys = [await subtle.deriveKey(p, pb, { name: 'AES-GCM', length: 256 }, true, ['encrypt']),
    await subtle.deriveKey(h, hk, { name: 'AES-CBC', length: 128 }, true, ['decrypt']),
    await subtle.deriveKey(h, hk, { name: 'HMAC', hash: 'SHA-256' }, true, ['sign']),
    await subtle.deriveKey(p, pb, { name: 'HMAC', hash: 'SHA-1', length: 64 }, true, ['verify'])];
  const out = [];
  for (const k of keys) out.push([keyShape(k), hex(await subtle.exportKey('raw', k))]);
  return out;
});
check('crypto/kdf errors', async () => {
  const pb = await kdfKey('PBKDF2');
  const hk = await kdfKey('HKDF');
  const p = { name: 'PBKDF2', hash: 'SHA-256', salt: enc('salt'), iterations: 100 };
  const h = { name: 'HKDF', hash: 'SHA-256', salt: enc('salt'), info: enc('info') };
  return Promise.all([
    asymError(() => subtle.deriveBits(p, pb, 12)),
    asymError(() => subtle.deriveBits(p, pb)),
    asymError(() => subtle.deriveBits({ ...p, iterations: 0 }, pb, 256)),
    asymError(() => subtle.deriveBits({ name: 'PBKDF2', hash: 'SHA-256', iterations: 1 }, pb, 256)),
    asymError(() => subtle.deriveBits(h, hk, 255 * 32 * 8 + 8)),
    asymError(() => subtle.deriveBits({ name: 'HKDF', hash: 'SHA-256', salt: enc('s') }, hk, 256)),
    asymError(() => subtle.deriveBits(h, pb, 256)),
    asymError(async () => subtle.deriveBits(p, await kdfKey('PBKDF2', enc('x'), ['deriveKey']), 256)),
    asymError(async () => subtle.deriveKey(p, await kdfKey('PBKDF2', enc('x'), ['deriveBits']), { name: 'AES-GCM', length: 128 }, true, ['encrypt'])),
    asymError(() => subtle.deriveKey(p, pb, { name: 'AES-GCM', length: 100 }, true, ['encrypt'])),
    asymError(() => subtle.deriveKey(p, pb, { name: 'AES-GCM' }, true, ['encrypt'])),
    asymError(() => subtle.deriveKey(p, pb, { name: 'ECDSA' }, true, ['sign'])),
    asymError(() => subtle.importKey('raw', enc('x'), 'PBKDF2', true, ['deriveBits'])),
    asymError(() => subtle.importKey('raw', enc('x'), 'HKDF', false, ['sign'])),
    asymError(() => subtle.importKey('jwk', { kty: 'oct', k: 'AAAA' }, 'PBKDF2', false, ['deriveBits'])),
    asymError(() => subtle.exportKey('raw', pb)),
    asymError(() => subtle.generateKey('PBKDF2', false, ['deriveBits'])),
  ]);
});

const ecdhPair = async (curve) => {
  const alg = curve === 'X25519' ? { name: 'X25519' } : { name: 'ECDH', namedCurve: curve };
  const jwk = { ...KEYS[curve] };
  return [await subtle.importKey('jwk', jwk, alg, true, ['deriveBits', 'deriveKey']), await subtle.importKey('jwk', pub(jwk), alg, true, [])];
};
for (const curve of ['P-256', 'P-384', 'P-521', 'X25519']) {
  check(`crypto/ecdh ${curve}`, async () => {
    const alg = curve === 'X25519' ? { name: 'X25519' } : { name: 'ECDH', namedCurve: curve };
    const [priv, pubKey] = await ecdhPair(curve);
    const other = await subtle.generateKey(alg, true, ['deriveBits']);
    const a = await subtle.deriveBits({ name: alg.name, public: other.publicKey }, priv, 128);
    const b = await subtle.deriveBits({ name: alg.name, public: pubKey }, other.privateKey, 128);
    const self = await subtle.deriveBits({ name: alg.name, public: pubKey }, priv, null);
    const k = await subtle.deriveKey({ name: alg.name, public: pubKey }, priv, { name: 'AES-GCM', length: 128 }, true, ['encrypt']);
    return [keyShape(priv), keyShape(pubKey), Object.keys(other), keyShape(other.publicKey), keyShape(other.privateKey), hex(a) === hex(b), a.byteLength,
      hex(self), hex(await subtle.exportKey('raw', k)), hex(await subtle.deriveBits({ name: alg.name, public: pubKey }, priv, 20)),
      await subtle.exportKey('jwk', priv), hex(await subtle.exportKey('spki', pubKey)), hex(await subtle.exportKey('raw', pubKey))];
  });
}
check('crypto/ecdh errors', async () => {
  const [p256] = await ecdhPair('P-256');
  const [, p384pub] = await ecdhPair('P-384');
  const [x, xpub] = await ecdhPair('X25519');
  const [, esPub] = await keyPair('ES256');
  return Promise.all([
    asymError(() => subtle.deriveBits({ name: 'ECDH', public: p384pub }, p256, 128)),
    asymError(() => subtle.deriveBits({ name: 'ECDH', public: xpub }, p256, 128)),
    asymError(() => subtle.deriveBits({ name: 'ECDH', public: esPub }, p256, 128)),
    asymError(() => subtle.deriveBits({ name: 'ECDH', public: p256 }, p256, 128)),
    asymError(() => subtle.deriveBits({ name: 'ECDH' }, p256, 128)),
    asymError(() => subtle.deriveBits({ name: 'ECDH', public: {} }, p256, 128)),
    asymError(() => subtle.deriveBits({ name: 'X25519', public: xpub }, x, 512)),
    asymError(() => subtle.importKey('jwk', pub(KEYS['P-256']), { name: 'ECDH', namedCurve: 'P-256' }, true, ['deriveBits'])),
    asymError(() => subtle.generateKey({ name: 'X25519' }, true, ['sign'])),
  ]);
});

check('crypto/rsa-oaep', async () => {
  const out = [];
  for (const hash of ['SHA-1', 'SHA-256', 'SHA-512']) {
    const alg = { name: 'RSA-OAEP', hash };
    const priv = await subtle.importKey('jwk', KEYS.RSA, alg, true, ['decrypt', 'unwrapKey']);
    const pubKey = await subtle.importKey('jwk', pub(KEYS.RSA), alg, true, ['encrypt', 'wrapKey']);
    const ct = await subtle.encrypt({ name: 'RSA-OAEP', label: enc('l') }, pubKey, enc('secret'));
    const bad = new Uint8Array(ct);
    bad[7] ^= 1;
    out.push([keyShape(priv), keyShape(pubKey), ct.byteLength, hex(await subtle.decrypt({ name: 'RSA-OAEP', label: enc('l') }, priv, ct)),
      await asymError(() => subtle.decrypt({ name: 'RSA-OAEP' }, priv, ct)), await asymError(() => subtle.decrypt('RSA-OAEP', priv, bad)),
      await asymError(() => subtle.encrypt('RSA-OAEP', pubKey, bytes(500))), (await subtle.exportKey('jwk', pubKey)).alg]);
  }
  return out;
});

check('crypto/aes-kw', async () => {
  const kek = await subtle.importKey('raw', bytes(16), 'AES-KW', true, ['wrapKey', 'unwrapKey']);
  const key = await subtle.importKey('raw', bytes(16, (i) => i * 17), 'AES-GCM', true, ['encrypt', 'decrypt']);
  const wrapped = await subtle.wrapKey('raw', key, kek, 'AES-KW');
  const back = await subtle.unwrapKey('raw', wrapped, kek, 'AES-KW', 'AES-GCM', true, ['decrypt']);
  const bad = new Uint8Array(wrapped);
  bad[0] ^= 1;
  return [keyShape(kek), hex(wrapped), keyShape(back), hex(await subtle.exportKey('raw', back)), await subtle.exportKey('jwk', kek),
    await asymError(() => subtle.unwrapKey('raw', bad, kek, 'AES-KW', 'AES-GCM', true, ['decrypt'])),
    await asymError(() => subtle.encrypt('AES-KW', kek, bytes(16))),
    await asymError(async () => subtle.wrapKey('raw', await subtle.importKey('raw', bytes(5), { name: 'HMAC', hash: 'SHA-256' }, true, ['sign']), kek, 'AES-KW'))];
});
check('crypto/wrapKey unwrapKey', async () => {
  const gcm = await subtle.importKey('raw', bytes(32), 'AES-GCM', true, ['wrapKey', 'unwrapKey']);
  const kw = await subtle.importKey('raw', bytes(32), 'AES-KW', true, ['wrapKey', 'unwrapKey']);
  const [ecPriv] = await keyPair('ES256');
  const hmac = await hmacKey(bytes(32), 'SHA-256');
  const params = { name: 'AES-GCM', iv: bytes(12) };
  const out = [];
  for (const [format, key, alg, usages] of [['jwk', ecPriv, { name: 'ECDSA', namedCurve: 'P-256' }, ['sign']], ['pkcs8', ecPriv, { name: 'ECDSA', namedCurve: 'P-256' }, ['sign']],
    ['raw', hmac, { name: 'HMAC', hash: 'SHA-256' }, ['sign']], ['jwk', hmac, { name: 'HMAC', hash: 'SHA-256' }, ['verify']]]) {
    const wrapped = await subtle.wrapKey(format, key, gcm, params);
    const back = await subtle.unwrapKey(format, wrapped, gcm, params, alg, true, usages);
    out.push([hex(wrapped), keyShape(back), await subtle.exportKey('jwk', back)]);
  }
  const kwWrapped = await subtle.wrapKey('raw', hmac, kw, 'AES-KW');
  out.push(hex(kwWrapped), keyShape(await subtle.unwrapKey('raw', kwWrapped, kw, 'AES-KW', { name: 'HMAC', hash: 'SHA-512' }, false, ['sign'])));
  out.push(await asymError(() => subtle.wrapKey('raw', hmac, hmac, 'HMAC')));
  out.push(await asymError(async () => subtle.wrapKey('raw', hmac, await aesKey('AES-GCM', 16, ['encrypt']), params)));
  return out;
});
