// Fetch: the Body mixin (extracting and consuming bodies), through Request and Response.
import { check } from './harness.mjs';

const attemptAsync = async (fn) => { try { return await fn(); } catch (e) { return { $throws: e && e.name }; } };
const attempt = (fn) => { try { return fn(); } catch (e) { return { $throws: e && e.name }; } };
const enc = (s) => new TextEncoder().encode(s);
const streamOf = (...chunks) => new ReadableStream({
  start(c) { for (const x of chunks) c.enqueue(typeof x === 'string' ? enc(x) : x); c.close(); },
});
const readStream = async (s) => {
  const r = s.getReader();
  const out = [];
  for (;;) {
    const { done, value } = await r.read();
    if (done) return out;
    out.push(...value);
  }
};
const sources = () => ({
  string: 'h\u00e9llo',
  arraybuffer: enc('ab').buffer,
  uint8: enc('xyz'),
  subview: enc('0123456').subarray(2, 5),
  dataview: new DataView(enc('dv').buffer),
  int16: new Int16Array([0x4142]),
  blob: new Blob(['bl'], { type: 'Text/Plain;Charset=UTF-8' }),
  untypedblob: new Blob(['ub']),
  file: new File(['fi'], 'f.txt', { type: 'image/png' }),
  params: new URLSearchParams('a=1&b=\u00e9 x'),
  stream: streamOf('st', 'ream'),
  number: 42,
  object: { toString: () => 'obj' },
  array: [1, 2],
  empty: '',
  asyncIterable: (async function* () { yield enc('ai'); yield enc('!'); })(),
});

check('body/shape', () => ({
  response: Object.keys(Response.prototype),
  request: Object.keys(Request.prototype).filter((k) => k !== 'attribute'),
  lengths: ['arrayBuffer', 'blob', 'bytes', 'formData', 'json', 'text'].map((k) => Response.prototype[k].length),
  names: ['arrayBuffer', 'blob', 'bytes', 'formData', 'json', 'text'].map((k) => Request.prototype[k].name),
  bodyGetter: typeof Object.getOwnPropertyDescriptor(Response.prototype, 'body').get,
}));

check('body/content-type defaults', () => {
  const out = {};
  for (const [k, v] of Object.entries(sources())) out[k] = new Response(v).headers.get('content-type');
  out.formdata = /^multipart\/form-data; boundary=/.test(new Response(new FormData()).headers.get('content-type'));
  out.null = new Response(null).headers.get('content-type');
  out.undefinedBody = new Response(undefined).headers.get('content-type');
  return out;
});

check('body/content-type kept', () => [
  new Response('x', { headers: { 'Content-Type': 'a/b' } }).headers.get('content-type'),
  new Response(new Blob([], { type: 'x/y' }), { headers: [['content-type', 'q/r']] }).headers.get('content-type'),
  new Request('http://x/', { method: 'POST', body: 'x', headers: { 'content-type': '' } }).headers.get('content-type'),
  [...new Response('x', { headers: { 'x-a': '1' } }).headers],
]);

for (const consumer of ['text', 'arrayBuffer', 'bytes', 'blob', 'json']) {
  check(`body/${consumer} of every source`, async () => {
    const out = {};
    for (const [k, v] of Object.entries(sources())) {
      out[k] = await attemptAsync(async () => {
        const r = new Response(v);
        const got = await r[consumer]();
        const res = got instanceof Blob
          ? { size: got.size, type: got.type, text: await got.text(), isBlob: true }
          : got;
        return [res, r.bodyUsed];
      });
    }
    return out;
  });
}

check('body/null body', async () => {
  const r = new Response(null);
  const q = new Request('http://x/');
  return [r.body, r.bodyUsed, await r.text(), r.bodyUsed, await r.text(), await r.arrayBuffer(), (await r.blob()).size,
    q.body, await q.text(), q.bodyUsed, await attemptAsync(() => q.json())];
});

check('body/json', async () => [
  await new Response('{"a":[1,2,{"b":null}]}').json(),
  await new Response(' 5 ').json(),
  await new Response('\ufeff"bom"').json(),
  await attemptAsync(() => new Response('{"a":').json()),
  await attemptAsync(() => new Response('').json()),
  await attemptAsync(() => new Response('undefined').json()),
]);

check('body/text decoding', async () => [
  await new Response(new Uint8Array([0xef, 0xbb, 0xbf, 0x41])).text(),
  await new Response(new Uint8Array([0x41, 0xff, 0xc3, 0x28, 0xe2, 0x82])).text(),
  await new Response(streamOf(new Uint8Array([0xe2, 0x82]), new Uint8Array([0xac]))).text(),
  await new Response('\uD800a').text(),
]);

check('body/text double BOM', async () => (await new Response(new Uint8Array([0xef, 0xbb, 0xbf, 0xef, 0xbb, 0xbf])).text()).length);

check('body/blob type from content-type', async () => {
  const t = async (ct) => (await new Response('x', { headers: ct === null ? {} : { 'content-type': ct } }).blob()).type;
  return [
    await t(null), await t('Text/HTML; Charset="utf-8"'), await t('bogus'), await t('a/b; x=1; y="a b"'),
    await t('text/html;charset=gbk, text/html'), await t('text/plain, */*'), await t('a/b, c/d;x=1'),
    await t('text/html;charset=gbk, text/html;x=1'), await t('a/b;charset="x,y"'),
    (await new Response(new Blob(['x'], { type: 'image/png' })).blob()).type,
  ];
});

check('body/used transitions', async () => {
  const r = new Response('abc');
  const out = [r.bodyUsed];
  const p = r.text();
  out.push(r.bodyUsed);
  out.push(await p, r.bodyUsed);
  out.push(await attemptAsync(() => r.text()), await attemptAsync(() => r.arrayBuffer()), await attemptAsync(() => r.blob()), await attemptAsync(() => r.formData()));
  out.push(r.body instanceof ReadableStream, r.body.locked, r.body === r.body);
  return out;
});

check('body/used by stream read', async () => {
  const r = new Response('abc');
  const s = r.body;
  const out = [r.bodyUsed, s.locked];
  const reader = s.getReader();
  out.push(r.bodyUsed, await attemptAsync(() => r.text()));
  const first = await reader.read();
  out.push(r.bodyUsed, Array.from(first.value), (await reader.read()).done);
  out.push(await attemptAsync(() => r.text()));
  return out;
});

check('body/locked not used', async () => {
  const r = new Response('abc');
  r.body.getReader();
  return [r.bodyUsed, await attemptAsync(() => r.text()), attempt(() => r.clone())];
});

check('body/stream body identity', async () => {
  const s = streamOf('a', 'b');
  const r = new Response(s);
  return [r.body === s, r.bodyUsed, await r.text(), r.bodyUsed, s.locked];
});

check('body/stream body rejects', async () => {
  const used = streamOf('x');
  await readStream(used);
  const locked = streamOf('y');
  locked.getReader();
  return [attempt(() => new Response(used)), attempt(() => new Response(locked))];
});

check('body/stream chunk errors', async () => [
  await attemptAsync(() => new Response(streamOf('ok', 'str')).text()),
  await attemptAsync(() => new Response(new ReadableStream({ start(c) { c.enqueue('s'); c.close(); } })).text()),
  await attemptAsync(() => new Response(new ReadableStream({ start(c) { c.enqueue(new ArrayBuffer(1)); c.close(); } })).text()),
  await attemptAsync(() => new Response(new ReadableStream({ start(c) { c.error(new RangeError('x')); } })).text()),
  await attemptAsync(() => new Response(new ReadableStream({ pull(c) { throw new SyntaxError('p'); } })).arrayBuffer()),
]);

check('body/body stream contents', async () => {
  const out = {};
  for (const [k, v] of Object.entries(sources())) {
    if (k === 'stream' || k === 'asyncIterable') continue;
    const r = new Response(v);
    out[k] = [await readStream(r.body), r.bodyUsed];
  }
  return out;
});

check('body/fast path bytes are copies', async () => {
  const u = enc('abc');
  const r = new Response(u);
  u[0] = 0x7a;
  const b = new Blob(['xyz']);
  const r2 = new Response(b);
  const bytes = await r2.bytes();
  bytes[0] = 0x41;
  const buf = await new Response(b).arrayBuffer();
  new Uint8Array(buf)[1] = 0x42;
  return [await r.text(), await b.text(), Array.from(bytes)];
});

check('body/clone', async () => {
  const r = new Response('clone me', { status: 201, statusText: 'C', headers: { 'x-a': '1' } });
  const c = r.clone();
  c.headers.append('x-b', '2');
  return [await r.text(), await c.text(), c.status, c.statusText, [...r.headers], [...c.headers], r.bodyUsed, c.bodyUsed];
});

check('body/clone stream', async () => {
  const r = new Response(streamOf('s1', 's2'));
  const c = r.clone();
  const c2 = c.clone();
  return [await c.text(), await r.text(), await c2.text()];
});

check('body/clone after body touched', async () => {
  const r = new Response('abc');
  const s = r.body;
  const c = r.clone();
  return [r.body !== s, await r.text(), await c.text()];
});

check('body/clone used', async () => {
  const r = new Response('abc');
  await r.text();
  const q = new Request('http://x/', { method: 'POST', body: 'x' });
  await q.arrayBuffer();
  return [attempt(() => r.clone()), attempt(() => q.clone()), new Response(null).clone().body];
});

check('body/wrong receiver', async () => [
  await attemptAsync(() => Response.prototype.text.call({})),
  await attemptAsync(() => Response.prototype.json.call(new Request('http://x/'))),
  await attemptAsync(() => Request.prototype.bytes.call(new Response(''))),
  attempt(() => Object.getOwnPropertyDescriptor(Response.prototype, 'body').get.call({})),
  attempt(() => Object.getOwnPropertyDescriptor(Request.prototype, 'bodyUsed').get.call({})),
  attempt(() => { const p = Response.prototype.text.call({}); p.catch(() => {}); return p instanceof Promise; }),
]);

check('body/request consumers', async () => {
  const mk = (body, headers) => new Request('http://x/', { method: 'PUT', body, headers });
  return [
    await mk('t').text(),
    await mk('{"j":1}').json(),
    Array.from(await mk(enc('b')).bytes()),
    (await mk(new Blob(['bb'], { type: 'a/b' })).blob()).type,
    await mk(new URLSearchParams('q=1')).formData().then((f) => [...f]),
    await mk(streamOf('s'), undefined, 'half').text().catch((e) => e.name),
  ];
});

check('body/formData consumes before failing', async () => {
  const r = new Response('x=1', { headers: { 'content-type': 'text/plain' } });
  return [await attemptAsync(() => r.formData()), r.bodyUsed];
});

check('body/async iterable', async () => {
  const it = (async function* () { yield enc('a'); yield enc('b'); })();
  const r = new Response(it);
  const bad = new Response((async function* () { yield 'str'; })());
  return [r.headers.get('content-type'), await r.text(), await attemptAsync(() => bad.text())];
});

check('body/sync iterable is a string', async () => [
  await new Response((function* () { yield 'x'; })()).text(),
  await new Response(new Set([1])).text(),
]);

check('body/large bodies', async () => {
  const big = 'x\u00e9'.repeat(50000);
  const r = new Response(big);
  const c = r.clone();
  const chunks = [];
  for (let i = 0; i < 10; i++) chunks.push(enc(String(i % 10).repeat(10000)));
  const s = new Response(new ReadableStream({ start(ctl) { for (const x of chunks) ctl.enqueue(x); ctl.close(); } }));
  const text = await s.text();
  return [(await r.text()) === big, (await c.arrayBuffer()).byteLength, text.length, text.slice(9995, 10005)];
});

check('body/formdata body clone and consume', async () => {
  const fd = new FormData();
  fd.append('k', 'v');
  fd.append('f', new File(['data'], 'd.txt', { type: 'text/csv' }));
  const r = new Request('http://x/', { method: 'POST', body: fd });
  const c = r.clone();
  const [a, b] = [await r.formData(), await c.formData()];
  return [[...a.keys()], a.get('k'), b.get('f').name, b.get('f').type, await b.get('f').text(), r.bodyUsed, c.bodyUsed];
});
