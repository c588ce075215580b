// Fetch: Request.
import { check } from './harness.mjs';

const attempt = (fn) => { try { return fn(); } catch (e) { return { $throws: e && e.name }; } };
const attemptAsync = async (fn) => { try { return await fn(); } catch (e) { return { $throws: e && e.name }; } };
const U = 'http://a.test/p';
const fields = (r) => ({
  method: r.method, url: r.url, destination: r.destination, referrer: r.referrer,
  referrerPolicy: r.referrerPolicy, mode: r.mode, credentials: r.credentials, cache: r.cache,
  redirect: r.redirect, integrity: r.integrity, keepalive: r.keepalive,
  isReloadNavigation: r.isReloadNavigation, isHistoryNavigation: r.isHistoryNavigation,
  duplex: r.duplex, aborted: r.signal.aborted, bodyUsed: r.bodyUsed, hasBody: r.body !== null,
  headers: [...r.headers],
});
const streamOf = (s) => new ReadableStream({ start(c) { c.enqueue(new TextEncoder().encode(s)); c.close(); } });

check('request/shape', () => ({
  tag: Object.prototype.toString.call(new Request(U)),
  keys: Object.keys(Request.prototype).filter((k) => k !== 'attribute'),
  length: Request.length,
  callable: attempt(() => Request(U)),
  signalIsAbortSignal: new Request(U).signal instanceof AbortSignal,
  headersIsHeaders: new Request(U).headers instanceof Headers,
  sameHeaders: (() => { const r = new Request(U); return r.headers === r.headers; })(),
  sameSignal: (() => { const r = new Request(U); return r.signal === r.signal; })(),
  getterOnObj: attempt(() => Object.getOwnPropertyDescriptor(Request.prototype, 'method').get.call({})),
}));

check('request/defaults', () => fields(new Request(U)));

check('request/urls', () => [
  new Request('HTTP://A.test:80/./x/../y?q=1#frag').url,
  new Request(new URL('http://x/y?z#w')).url,
  new Request({ toString: () => 'http://obj/' }).url,
  new Request('https://\u00e9.test/\u00e9').url,
  new Request('data:,hi').url,
  new Request('about:blank').url,
  attempt(() => new Request('/relative')),
  attempt(() => new Request('')),
  attempt(() => new Request('http://u:p@a/')),
  attempt(() => new Request('http://u@a/')),
  attempt(() => new Request('http://[bad/')),
  attempt(() => new Request()),
]);

check('request/init errors', () => [
  attempt(() => new Request(U, 5)),
  attempt(() => new Request(U, 'x')),
  new Request(U, null).method,
  new Request(U, undefined).method,
  attempt(() => new Request(U, { mode: 'navigate' })),
  attempt(() => new Request(U, { mode: 'bogus' })),
  attempt(() => new Request(U, { credentials: 'bogus' })),
  attempt(() => new Request(U, { cache: 'bogus' })),
  attempt(() => new Request(U, { redirect: 'bogus' })),
  attempt(() => new Request(U, { referrerPolicy: 'bogus' })),
  attempt(() => new Request(U, { duplex: 'full' })),
  attempt(() => new Request(U, { cache: 'only-if-cached' })),
  new Request(U, { cache: 'only-if-cached', mode: 'same-origin' }).cache,
  new Request(U, { window: null }).method,
  new Request(U, { window: undefined }).method,
  attempt(() => new Request(U, { window: {} })),
  attempt(() => new Request(U, { signal: {} })),
  attempt(() => new Request(U, { signal: 'x' })),
  attempt(() => new Request(U, { referrer: '/x' })),
  attempt(() => new Request(U, { headers: 5 })),
  attempt(() => new Request(U, { headers: [['a']] })),
]);

check('request/methods', () => {
  const ms = ['get', 'Get', 'POST', 'post', 'put', 'delete', 'head', 'options', 'patch', 'PATCH', 'Custom', 'M-SEARCH',
    'CONNECT', 'connect', 'TRACE', 'trace', 'TRACK', 'track', 'bad method', '', 'G\u00e9T', 'GET\n', '(', 5];
  return ms.map((m) => attempt(() => new Request(U, { method: m }).method));
});

check('request/all members', () => fields(new Request(U, {
  method: 'POST', body: 'x', mode: 'same-origin', credentials: 'omit', cache: 'no-store',
  redirect: 'manual', integrity: 'sha256-abc', keepalive: true, referrer: 'http://r.test/ref',
  referrerPolicy: 'origin', headers: { 'X-A': '1' }, priority: 'high',
})));

check('request/enum values', () => [
  ['same-origin', 'no-cors', 'cors'].map((mode) => new Request(U, { mode }).mode),
  ['omit', 'same-origin', 'include'].map((credentials) => new Request(U, { credentials }).credentials),
  ['default', 'no-store', 'reload', 'no-cache', 'force-cache'].map((cache) => new Request(U, { cache }).cache),
  ['follow', 'error', 'manual'].map((redirect) => new Request(U, { redirect }).redirect),
  ['', 'no-referrer', 'no-referrer-when-downgrade', 'same-origin', 'origin', 'strict-origin', 'origin-when-cross-origin',
    'strict-origin-when-cross-origin', 'unsafe-url'].map((referrerPolicy) => new Request(U, { referrerPolicy }).referrerPolicy),
]);

check('request/referrer', () => [
  new Request(U, { referrer: '' }).referrer,
  new Request(U, { referrer: 'about:client' }).referrer,
  new Request(U, { referrer: 'about:blank' }).referrer,
  new Request(U, { referrer: 'http://other.test/a#b' }).referrer,
  new Request(U, { referrer: 'HTTP://X.test' }).referrer,
  new Request(new Request(U, { referrer: '' })).referrer,
  new Request(new Request(U, { referrer: '' }), { method: 'GET' }).referrer,
]);

check('request/conversions', () => {
  const r = new Request(U, { keepalive: 'yes', integrity: 5, method: { toString: () => 'put' } });
  return [r.keepalive, r.integrity, r.method, new Request(U, { keepalive: 0 }).keepalive];
});

check('request/no-cors', () => [
  attempt(() => new Request(U, { method: 'PUT', mode: 'no-cors' })),
  new Request(U, { method: 'POST', mode: 'no-cors' }).mode,
  new Request(U, { method: 'head', mode: 'no-cors' }).method,
  attempt(() => new Request(U, { method: 'POST', mode: 'no-cors', body: streamOf('x'), duplex: 'half' })),
]);

check('request/body rules', () => [
  attempt(() => new Request(U, { body: 'x' })),
  attempt(() => new Request(U, { method: 'HEAD', body: '' })),
  new Request(U, { method: 'GET', body: null }).body,
  new Request(U, { method: 'GET', body: undefined }).body,
  attempt(() => new Request(U, { method: 'POST', body: streamOf('x') })),
  new Request(U, { method: 'POST', body: streamOf('x'), duplex: 'half' }).duplex,
  attempt(() => new Request(U, { method: 'POST', body: streamOf('x'), duplex: 'half', keepalive: true })),
  new Request(U, { method: 'POST', body: 'x', keepalive: true }).keepalive,
  new Request(U, { method: 'POST', body: 'x', duplex: 'half' }).duplex,
]);

check('request/body content', async () => {
  const r = new Request(U, { method: 'POST', body: streamOf('streamed'), duplex: 'half' });
  const q = new Request(U, { method: 'post', body: new Uint8Array([104, 105]) });
  return [await r.text(), r.bodyUsed, await q.text(), q.headers.get('content-type')];
});

check('request/from request', async () => {
  const a = new Request(U, {
    method: 'POST', body: 'payload', mode: 'same-origin', credentials: 'omit', cache: 'no-store', redirect: 'manual',
    integrity: 'sha', keepalive: true, referrer: 'http://r.test/', referrerPolicy: 'origin', headers: { 'x-a': '1' },
  });
  const b = new Request(a);
  return [fields(a), fields(b), await b.text(), await attemptAsync(() => a.text())];
});

check('request/from request with init', () => {
  const mk = () => new Request(U, { method: 'POST', mode: 'same-origin', referrer: 'http://r.test/', referrerPolicy: 'origin', headers: { 'x-a': '1' } });
  return [
    fields(new Request(mk(), { method: 'PUT' })),
    fields(new Request(mk(), { foo: 1 })),
    fields(new Request(mk(), { method: undefined })),
    fields(new Request(mk(), { headers: { 'x-b': '2' } })),
    fields(new Request(mk(), { window: null })),
    fields(new Request(mk(), { url: 'http://other/' })),
  ];
});

check('request/from request body moves', async () => {
  const a = new Request(U, { method: 'POST', body: 'x', headers: { 'x-a': '1' } });
  const b = new Request(a, { headers: { 'x-b': '2' } });
  const c = new Request(U, { method: 'POST', body: 'x' });
  const d = new Request(c, { body: 'y' });
  const s = new Request(U, { method: 'POST', body: streamOf('S'), duplex: 'half' });
  const t = new Request(s);
  return [a.bodyUsed, a.body !== null && a.body.locked, [...b.headers], await b.text(),
    c.bodyUsed, await d.text(), await c.text(), s.bodyUsed, await t.text()];
});

check('request/from used request', async () => {
  const a = new Request(U, { method: 'POST', body: 'x' });
  await a.text();
  const b = new Request(U, { method: 'POST', body: 'x' });
  b.body.getReader();
  const c = new Request(U, { method: 'POST', body: 'x' });
  await c.text();
  return [attempt(() => new Request(a)), attempt(() => new Request(b)), new Request(c, { body: 'new' }).method,
    attempt(() => new Request(new Request(U, { method: 'POST', body: 'x' }), { method: 'GET' })),
    new Request(new Request(U), { method: 'HEAD' }).method];
});

check('request/clone', async () => {
  const a = new Request(U, { method: 'PATCH', body: 'cl', headers: { 'x-a': '1' }, cache: 'reload', redirect: 'error' });
  const b = a.clone();
  b.headers.set('x-b', '2');
  return [fields(b), [...a.headers], await a.text(), await b.text(), attempt(() => a.clone())];
});

check('request/signal', async () => {
  const c = new AbortController();
  const r = new Request(U, { signal: c.signal });
  const r2 = new Request(r);
  const r3 = r.clone();
  const r4 = new Request(r, { signal: null });
  const before = [r.signal.aborted, r.signal === c.signal];
  c.abort('why');
  return [before, r.signal.aborted, r.signal.reason, r2.signal.reason, r3.signal.reason, r4.signal.aborted];
});

check('request/signal already aborted', () => {
  const c = new AbortController();
  c.abort('early');
  const r = new Request(U, { signal: c.signal });
  const t = new Request(U, { signal: AbortSignal.abort(new RangeError('r')) });
  return [r.signal.aborted, r.signal.reason, t.signal.reason instanceof RangeError, new Request(r).signal.reason];
});

check('request/signal events', async () => {
  const c = new AbortController();
  const r = new Request(U, { signal: c.signal });
  const seen = [];
  r.signal.addEventListener('abort', (e) => seen.push(e.type, r.signal.reason));
  c.abort('go');
  return seen;
});

check('request/headers guard', () => {
  const r = new Request(U, { headers: [['a', '1'], ['A', '2']] });
  r.headers.append('content-length', '1');
  r.headers.delete('a');
  return [...r.headers];
});
