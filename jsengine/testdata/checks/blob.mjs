// File API: Blob and File.
import { check } from './harness.mjs';

const attempt = (fn) => { try { return fn(); } catch (e) { return { $throws: e && e.name }; } };
const attemptAsync = async (fn) => { try { return await fn(); } catch (e) { return { $throws: e && e.name }; } };
const bytesOf = async (b) => Array.from(new Uint8Array(await b.arrayBuffer()));
const info = async (b) => ({ size: b.size, type: b.type, bytes: await bytesOf(b) });

check('blob/shape', () => ({
  tag: Object.prototype.toString.call(new Blob()),
  keys: Object.keys(Blob.prototype).sort(),
  fileKeys: Object.keys(File.prototype).sort(),
  length: Blob.length,
  fileLength: File.length,
  sliceLength: Blob.prototype.slice.length,
  inherits: new File([], 'a') instanceof Blob,
  fileTag: Object.prototype.toString.call(new File([], 'a')),
  callable: attempt(() => Blob()),
  sizeOnProto: attempt(() => Blob.prototype.size),
  typeOnObj: attempt(() => Object.getOwnPropertyDescriptor(Blob.prototype, 'type').get.call({})),
}));

check('blob/empty', async () => [await info(new Blob()), await info(new Blob([])), await info(new Blob(undefined))]);

check('blob/strings', async () => [
  await info(new Blob(['abc'])),
  await info(new Blob(['a', 'b', '', 'c'])),
  await info(new Blob(['\u00e9\u20ac\u{1F600}'])),
  await info(new Blob(['\uD800x', 'y\uDC00'])),
  await info(new Blob([1, null, undefined, true, { toString() { return 'o'; } }])),
]);

check('blob/buffers', async () => {
  const buf = new Uint8Array([1, 2, 3, 4, 5, 6, 7, 8]);
  return [
    await info(new Blob([buf.buffer])),
    await info(new Blob([buf.subarray(2, 5)])),
    await info(new Blob([new Uint16Array([0x102, 0x304])])),
    await info(new Blob([new DataView(buf.buffer, 1, 3)])),
    await info(new Blob([new Float32Array([1])])),
    await info(new Blob(['x', buf, new Blob(['yz']), buf.buffer.slice(0, 1)])),
  ];
});

check('blob/parts copied', async () => {
  const buf = new Uint8Array([1, 2, 3]);
  const b = new Blob([buf]);
  buf[0] = 9;
  const out = await bytesOf(b);
  const ab = await b.arrayBuffer();
  new Uint8Array(ab)[1] = 7;
  return [out, await bytesOf(b)];
});

check('blob/iterables', async () => [
  await info(new Blob(new Set(['a', 'b']))),
  await info(new Blob((function* () { yield 'x'; yield new Uint8Array([65]); })())),
  await info(new Blob({ length: 1, 0: 'a', [Symbol.iterator]: Array.prototype[Symbol.iterator] })),
]);

check('blob/bad parts', () => [
  attempt(() => new Blob(null)),
  attempt(() => new Blob('abc')),
  attempt(() => new Blob(5)),
  attempt(() => new Blob({})),
  attempt(() => new Blob([Symbol('x')])),
]);

check('blob/type', () => [
  new Blob([], { type: 'Text/HTML' }).type,
  new Blob([], { type: 'text/plain;charset=UTF-8' }).type,
  new Blob([], { type: 'a\u00e9' }).type,
  new Blob([], { type: 'a\nb' }).type,
  new Blob([], { type: 'a\x7f' }).type,
  new Blob([], { type: ' x ' }).type,
  new Blob([], { type: 5 }).type,
  new Blob([], { type: undefined }).type,
  new Blob([], { type: null }).type,
  new Blob([], null).type,
  new Blob([], undefined).type,
  attempt(() => new Blob([], 5)),
  attempt(() => new Blob([], 'x')),
]);

check('blob/endings', async () => {
  const s = 'a\r\nb\nc\r\n\n';
  return [
    await info(new Blob([s])),
    await info(new Blob([s], { endings: 'transparent' })),
    await info(new Blob([s], { endings: 'native' })),
    await info(new Blob([new TextEncoder().encode('a\r\nb')], { endings: 'native' })),
    attempt(() => new Blob([], { endings: 'bogus' })),
    attempt(() => new Blob([], { endings: null })),
  ];
});

check('blob/endings lone cr', async () => new Blob(['a\rb'], { endings: 'native' }).text());

check('blob/slice', async () => {
  const b = new Blob(['abcdefgh'], { type: 'x/y' });
  const cases = [[], [2], [2, 5], [-3], [-3, -1], [5, 2], [0, 100], [100], [-100, 2], [2, -100],
    [undefined, 3], [NaN, 4], ['2', '4'], [1, 7, 'A/B'], [0, 1, 'a\u00e9'], [0, 2, undefined]];
  const out = [];
  for (const c of cases) out.push([c.length, await info(b.slice(...c))]);
  return out;
});

check('blob/slice infinite', async () => info(new Blob(['abcdefgh']).slice(-Infinity, Infinity)));

check('blob/slice of slice', async () => {
  const b = new Blob(['0123456789']).slice(2, 8).slice(1, -1).slice(-2);
  return [await info(b), await b.text()];
});

check('blob/text', async () => [
  await new Blob(['h\u00e9llo']).text(),
  await new Blob([new Uint8Array([0xef, 0xbb, 0xbf, 0x41])]).text(),
  await new Blob([new Uint8Array([0xef, 0xbb, 0xbf, 0xef, 0xbb, 0xbf, 0x41])]).text().then((s) => s.length),
  await new Blob([new Uint8Array([0xff, 0x41, 0xc3])]).text(),
  await new Blob([]).text(),
]);

check('blob/bytes', async () => {
  const b = new Blob(['ab']);
  const u = await b.bytes();
  return [u, u instanceof Uint8Array, (await b.arrayBuffer()) instanceof ArrayBuffer, await b.bytes() !== u];
});

check('blob/stream', async () => {
  const b = new Blob(['hello ', 'world']);
  const s = b.stream();
  const r = s.getReader();
  const chunks = [];
  for (;;) {
    const { done, value } = await r.read();
    if (done) break;
    chunks.push(...value);
  }
  return [s instanceof ReadableStream, new TextDecoder().decode(new Uint8Array(chunks)), b.size];
});

check('blob/methods on wrong receiver', async () => [
  await attemptAsync(() => Blob.prototype.text.call({})),
  await attemptAsync(() => Blob.prototype.arrayBuffer.call(new Response(''))),
  attempt(() => Blob.prototype.slice.call({})),
  attempt(() => Blob.prototype.stream.call({})),
]);

check('file/basic', async () => {
  const f = new File(['abc', new Uint8Array([65])], 'n\u00e9.txt', { type: 'Text/Plain', lastModified: 42 });
  return { name: f.name, lastModified: f.lastModified, ...await info(f), text: await f.text() };
});

check('file/defaults', () => {
  const f = new File([], 'x');
  return [typeof f.lastModified, Number.isInteger(f.lastModified), f.lastModified > 1.6e12, f.type, f.size];
});

check('file/names and lastModified', () => [
  new File([], 5).name,
  new File([], null).name,
  new File([], '\uD800').name,
  new File([], 'a/b').name,
  new File([], 'x', { lastModified: 0 }).lastModified,
  new File([], 'x', { lastModified: -5 }).lastModified,
  new File([], 'x', { lastModified: '17' }).lastModified,
  new File([], 'x', { lastModified: 'abc' }).lastModified,
  new File([], 'x', { lastModified: null }).lastModified,
  attempt(() => new File([])),
  attempt(() => new File()),
  attempt(() => new File(null, 'x')),
  attempt(() => new File([], 'x', 5)),
]);

check('file/slice is a Blob', async () => {
  const f = new File(['abcdef'], 'f.txt', { type: 'a/b' });
  const s = f.slice(1, 3);
  return [s instanceof File, s instanceof Blob, s.type, await s.text(), Object.prototype.toString.call(s)];
});

check('file/as blob part', async () => {
  const f = new File(['xy'], 'f');
  return info(new Blob([f, f.slice(1)], { type: 'q/r' }));
});
