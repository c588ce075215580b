// The soak benchmark's worker (BenchmarkSoak): one route for each kind of traffic an app
// serves. Every response carries the request's token `t`, so that the benchmark can tell a
// response that holds another request's data.
const escapes = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
const escape = (s) => String(s).replace(/[&<>"']/g, (c) => escapes[c]);
const enc = new TextEncoder();
const hex = (buf) => [...new Uint8Array(buf)].map((b) => b.toString(16).padStart(2, '0')).join('');
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

let waited = 0; // waitUntil work that completed, across requests of this isolate

function page(t, n) {
  const rows = Array.from({ length: n }, (_, i) => ({ id: i, name: 'Item "' + i + '" & ' + t, price: (i * 13.37) % 100 }));
  let html = '<!doctype html><html><head><title>' + escape(t) + '</title></head><body><table>';
  for (const r of rows) html += `<tr data-id="${r.id}"><td>${escape(r.name)}</td><td>${r.price.toFixed(2)}</td></tr>`;
  return html + '</table><script type="application/json">' + JSON.stringify({ t, rows }).replace(/</g, '\\u003c') + '</script></body></html>';
}

export default {
  async fetch(request, env, ctx) {
    const url = new URL(request.url);
    const t = url.searchParams.get('t') ?? '';
    const n = Number(url.searchParams.get('n') ?? 0);
    switch (url.pathname) {
      case '/ssr':
        return new Response(page(t, n), {
          headers: { 'content-type': 'text/html; charset=utf-8', 'set-cookie': 'session=' + crypto.randomUUID() + '; Path=/' },
        });
      case '/json':
        return Response.json({ t, n, list: Array.from({ length: n }, (_, i) => ({ i, sq: i * i })) });
      case '/post': {
        const body = await request.arrayBuffer();
        const digest = await crypto.subtle.digest('SHA-256', body);
        return Response.json({ t, length: body.byteLength, sha256: hex(digest) });
      }
      case '/stream': {
        let i = 0;
        return new Response(new ReadableStream({
          async pull(c) {
            if (i === n) return c.close();
            if (i % 4 === 3) await sleep(0); // a chunk that waits for a timer
            c.enqueue(enc.encode(`${t}:${i++}\n`));
          },
        }), { headers: { 'content-type': 'text/plain' } });
      }
      case '/timers': {
        await sleep(1);
        ctx.waitUntil(sleep(2).then(() => { waited++; }));
        return new Response('timers ' + t + ' ' + (waited >= 0));
      }
      case '/fetch': {
        const res = await fetch('http://upstream.test/echo?t=' + encodeURIComponent(t), { method: 'POST', body: 'x'.repeat(n) });
        return new Response('fetched ' + res.status + ' ' + (await res.text()));
      }
      case '/throw':
        throw new Error('soak: thrown on purpose for ' + t);
      case '/asset': {
        const body = await globalThis.__kitwasm.readAsset(url.searchParams.get('file'));
        if (!body) return new Response('no asset', { status: 404 });
        return new Response(body, { headers: { 'x-t': t } });
      }
    }
    return new Response('not found', { status: 404 });
  },
};
