// One fuzz case, computed the same way under Node 22 (jsengine/tools/fuzz-oracle.mjs) and inside
// the engine (testdata/fuzzworker.mjs), so that jsengine/fuzz_test.go can require equal answers.
//   {kind: 'url', input, base}             base null: new URL(input)
//   {kind: 'multipart', boundary, body}    body: base64 of the bytes; parsed by Response#formData
// The answer is plain JSON: an error becomes {throws: name, at: step}.

const URL_PARTS = ['href', 'origin', 'protocol', 'username', 'password', 'host', 'hostname', 'port', 'pathname', 'search', 'hash'];

function bytesOf(b64) {
  const s = atob(b64);
  const u = new Uint8Array(s.length);
  for (let i = 0; i < s.length; i++) u[i] = s.charCodeAt(i);
  return u;
}

// The boundary parameter as a token when it is one, else as a quoted-string.
function contentType(boundary) {
  const v = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/.test(boundary) ? boundary : `"${boundary.replace(/["\\]/g, '\\$&')}"`;
  return `multipart/form-data; boundary=${v}`;
}

async function runURL(c) {
  let u;
  try {
    u = c.base === null ? new URL(c.input) : new URL(c.input, c.base);
  } catch (e) {
    return { throws: e.name, at: 'parse' };
  }
  const out = {};
  for (const k of URL_PARTS) out[k] = u[k];
  // The serialization parses back to itself (URL Standard idempotence).
  try {
    const again = new URL(u.href).href;
    if (again !== u.href) out.reparsed = again;
  } catch (e) {
    out.reparsed = { throws: e.name };
  }
  return out;
}

async function runMultipart(c) {
  let res;
  try {
    res = new Response(bytesOf(c.body), { headers: { 'content-type': contentType(c.boundary) } });
  } catch (e) {
    return { throws: e.name, at: 'response' };
  }
  let fd;
  try {
    fd = await res.formData();
  } catch (e) {
    return { throws: e.name, at: 'formData' };
  }
  const entries = [];
  for (const [name, v] of fd) {
    if (typeof v === 'string') {
      entries.push([name, v]);
    } else {
      entries.push([name, { file: v instanceof File, name: v.name, type: v.type, bytes: Array.from(new Uint8Array(await v.arrayBuffer())) }]);
    }
  }
  return { entries };
}

export async function runCase(c) {
  switch (c.kind) {
    case 'url': return runURL(c);
    case 'multipart': return runMultipart(c);
  }
  return { throws: 'unknown kind ' + c.kind };
}
