// The conformance harness: check modules register named checks; runAll runs them in order and
// describes each result as plain JSON, so the same checks can run under Node 22 (the oracle)
// and inside the kitwasm engine, and the two outputs can be compared key by key.
//
// describe() keeps what a program can observe and drops what engines word differently: an
// error becomes its name (and, for DOMException, its name only), never its message.

const checks = [];

export function check(name, fn) {
  checks.push({ name, fn });
}

export function describe(v, depth = 0) {
  if (depth > 8) return '$deep';
  if (v === undefined) return { $undefined: true };
  if (v === null) return null;
  switch (typeof v) {
    case 'number':
      if (Number.isNaN(v)) return { $number: 'NaN' };
      if (!Number.isFinite(v)) return { $number: String(v) };
      if (Object.is(v, -0)) return { $number: '-0' };
      return v;
    case 'bigint': return { $bigint: String(v) };
    case 'string': case 'boolean': return v;
    case 'symbol': return { $symbol: String(v) };
    case 'function': return { $function: v.name };
  }
  if (v instanceof Error || (typeof DOMException === 'function' && v instanceof DOMException)) {
    return { $error: v.name };
  }
  if (v instanceof ArrayBuffer) return { $arraybuffer: Array.from(new Uint8Array(v)) };
  if (ArrayBuffer.isView(v)) {
    return { ['$' + v.constructor.name]: Array.from(new Uint8Array(v.buffer, v.byteOffset, v.byteLength)) };
  }
  if (Array.isArray(v)) return v.map((x) => describe(x, depth + 1));
  const proto = Object.getPrototypeOf(v);
  const out = {};
  if (proto !== Object.prototype && proto !== null) {
    out.$class = (v.constructor && v.constructor.name) || Object.prototype.toString.call(v);
  }
  for (const k of Object.keys(v)) out[k] = describe(v[k], depth + 1);
  return out;
}

export async function runAll(filter) {
  const results = {};
  for (const { name, fn } of checks) {
    if (filter && !name.startsWith(filter)) continue;
    try {
      results[name] = describe(await fn());
    } catch (err) {
      results[name] = { $throws: (err && err.name) || String(err) };
    }
  }
  return results;
}
