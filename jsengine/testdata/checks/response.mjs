// Fetch: Response.
import { check } from './harness.mjs';

const attempt = (fn) => { try { return fn(); } catch (e) { return { $throws: e && e.name }; } };
const fields = (r) => ({
  type: r.type, url: r.url, redirected: r.redirected, status: r.status, ok: r.ok,
  statusText: r.statusText, headers: [...r.headers], hasBody: r.body !== null, bodyUsed: r.bodyUsed,
});

check('response/shape', () => ({
  tag: Object.prototype.toString.call(new Response()),
  keys: Object.keys(Response.prototype),
  statics: Object.getOwnPropertyNames(Response).sort(),
  length: Response.length,
  staticLengths: [Response.json.length, Response.redirect.length, Response.error.length],
  callable: attempt(() => Response()),
  sameHeaders: (() => { const r = new Response(); return r.headers === r.headers; })(),
  getterOnObj: attempt(() => Object.getOwnPropertyDescriptor(Response.prototype, 'status').get.call({})),
}));

check('response/defaults', () => [fields(new Response()), fields(new Response(null)), fields(new Response(undefined, undefined)), fields(new Response('x', null))]);

check('response/status', () => {
  const st = [200, 201, 299, 300, 404, 599, 199, 600, 0, 100, 101, 65736, 200.9, '204', -1, NaN, 65535 + 201, 1e10 + 200];
  return st.map((s) => attempt(() => { const r = new Response(null, { status: s }); return [r.status, r.ok]; }));
});

check('response/statusText', () => {
  const ts = ['OK', '', 'a b', 'tab\there', '\u00e9', '\u00ff', 'a\nb', 'a\rb', '\u0100', 'x\x7f', 'x\x00', 5, null];
  return ts.map((t) => attempt(() => new Response(null, { statusText: t }).statusText));
});

check('response/null body statuses', () => {
  const out = [];
  for (const s of [101, 103, 204, 205, 304]) {
    out.push([s, attempt(() => new Response(null, { status: s }).status), attempt(() => new Response('', { status: s })),
      attempt(() => new Response(new Blob([]), { status: s }))]);
  }
  return out;
});

check('response/init', async () => {
  const r = new Response('body', { status: 418, statusText: 'Teapot', headers: [['X-A', '1'], ['x-a', '2'], ['set-cookie', 's=1']] });
  return [fields(r), await r.text()];
});

check('response/init errors', () => [
  attempt(() => new Response('x', 5)),
  attempt(() => new Response('x', 'init')),
  attempt(() => new Response('x', { headers: 5 })),
  attempt(() => new Response('x', { headers: [['a b', 'c']] })),
  attempt(() => new Response('x', { status: 600, statusText: 'a\nb' })),
]);

check('response/error', () => {
  const r = Response.error();
  return [fields(r), attempt(() => r.headers.append('a', 'b')), fields(r.clone()), attempt(() => r.clone().headers.set('a', 'b')),
    Response.error() !== Response.error()];
});

check('response/redirect', () => {
  const out = [];
  for (const s of [undefined, 301, 302, 303, 307, 308]) {
    const r = s === undefined ? Response.redirect('http://a.test/x?y#z') : Response.redirect('http://a.test/', s);
    out.push(fields(r));
  }
  return out;
});

check('response/redirect errors', () => [
  attempt(() => Response.redirect('/relative')),
  attempt(() => Response.redirect('http://a.test/', 300)),
  attempt(() => Response.redirect('http://a.test/', 200)),
  attempt(() => Response.redirect('http://a.test/', 309)),
  attempt(() => Response.redirect()),
  Response.redirect(new URL('http://b.test/\u00e9 x')).headers.get('location'),
  Response.redirect('http://a.test/', '301').status,
  attempt(() => Response.redirect('http://a.test/').headers.set('location', 'x')),
]);

check('response/json', async () => {
  const r = Response.json({ a: [1, 'two', null], b: '\u00e9' });
  const r2 = Response.json('str', { status: 201, statusText: 'Made', headers: { 'x-a': '1' } });
  const r3 = Response.json(null, { headers: { 'Content-Type': 'application/vnd+json' } });
  return [fields(r), await r.text(), fields(r2), await r2.json(), r3.headers.get('content-type'), await r3.json(),
    await Response.json(5).json()];
});

check('response/json errors', () => [
  attempt(() => Response.json(undefined)),
  attempt(() => Response.json(() => {})),
  attempt(() => Response.json(Symbol('x'))),
  attempt(() => Response.json(1n)),
  attempt(() => { const o = {}; o.o = o; return Response.json(o); }),
  attempt(() => Response.json({ toJSON() { throw new RangeError('t'); } })),
  attempt(() => Response.json({}, { status: 204 })),
  attempt(() => Response.json({}, { status: 99 })),
  attempt(() => Response.json()),
]);

check('response/clone', async () => {
  const r = new Response('abc', { status: 202, statusText: 'Acc', headers: { 'x-a': '1' } });
  const c = r.clone();
  c.headers.append('x-b', '2');
  return [fields(r), fields(c), await r.text(), await c.text(), fields(Response.redirect('http://a.test/').clone())];
});

check('response/ok range', () => [199, 200, 250, 299, 300, 400, 599].map((s) => (s < 200 ? null : new Response(null, { status: s }).ok)));

check('response/body types', async () => {
  const bodies = ['s', new Uint8Array([1]), new Blob(['b']), new URLSearchParams('a=b'), new FormData(), null];
  const out = [];
  for (const b of bodies) {
    const r = new Response(b);
    out.push([r.body === null, typeof r.bodyUsed, (await r.arrayBuffer()).byteLength > 0]);
  }
  return out;
});
