// A module worker, the example that `kitwasm serve` runs in the README's quick start.
// Routes: / (HTML), /json, /echo (POST: echoes the body), /stream (streamed chunks),
// /time (a timer), /env (the env binding GREETING).
import { greet } from './lib/greet.js';

export default {
  async fetch(request, env, ctx) {
    const url = new URL(request.url);
    switch (url.pathname) {
      case '/':
        return new Response(`<!doctype html><h1>${greet(env.GREETING || 'Hello')}</h1><p>from ${navigator.userAgent}</p>`, {
          headers: { 'content-type': 'text/html; charset=utf-8' },
        });
      case '/json':
        return Response.json({ method: request.method, path: url.pathname, query: Object.fromEntries(url.searchParams) });
      case '/echo':
        return new Response(await request.arrayBuffer(), {
          headers: { 'content-type': request.headers.get('content-type') || 'application/octet-stream' },
        });
      case '/stream': {
        const n = Number(url.searchParams.get('n') || 3);
        let i = 0;
        const body = new ReadableStream({
          async pull(controller) {
            if (i >= n) return controller.close();
            await new Promise((r) => setTimeout(r, 10));
            controller.enqueue(new TextEncoder().encode(`chunk ${i++}\n`));
          },
        });
        return new Response(body, { headers: { 'content-type': 'text/plain' } });
      }
      case '/time': {
        const start = Date.now();
        await new Promise((r) => setTimeout(r, 20));
        return Response.json({ waited: Date.now() - start >= 20 });
      }
      case '/env':
        return Response.json({ greeting: env.GREETING ?? null });
      case '/later': {
        ctx.waitUntil(new Promise((r) => setTimeout(r, 50)).then(() => console.log('waitUntil done')));
        return new Response('later');
      }
    }
    return new Response('not found', { status: 404 });
  },
};
