package wasmhost_test

import (
	"context"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/kitwasm/kitwasm/wasmhost"
)

// The request path's fast paths (issue 10): a string body crosses the host boundary as the
// string (the host takes its UTF-8 in one copy) and text()/json() of a body made from a string
// take the string back without encoding and decoding it. Each case below is what UTF-8
// encoding would give, as in Node and workerd.
const bodiesWorker = `
const cases = {
  ascii: () => new Response('hello <b>world</b>'),
  empty: () => new Response(''),
  utf8: () => new Response('caf\u00e9 \u2603 \ud83d\ude00'),
  nul: () => new Response('a\0b'),
  lone: () => new Response('x\ud800y\udc00'),
  bom: () => new Response('\ufeffbom'),
  json: () => Response.json({ a: 'caf\u00e9', b: [1, 2] }),
  params: () => new Response(new URLSearchParams({ q: 'a b&c' })),
  bytes: () => new Response(new Uint8Array([104, 105])),
  async roundtrip() {
    const r = new Response('x\ud800\ufeff\u00e9');
    const r2 = new Response('\ufeffbom');
    const c = new Response('clone me');
    const cl = c.clone();
    const blob = await new Response('caf\u00e9').blob();
    const ab = new Uint8Array(await new Response('\u00e9').arrayBuffer());
    const streamed = await new Response(new Response('via stream').body).text();
    const used = new Response('once');
    await used.text();
    let again = 'no error';
    try { await used.text(); } catch (e) { again = e.constructor.name; }
    const req = await new Request('http://x/', { method: 'POST', body: 'p\u00e9' }).arrayBuffer();
    return Response.json({
      lone: Array.from(await r.text(), (ch) => ch.codePointAt(0)),
      bom: await r2.text(),
      json: await new Response('{"k":[1,"\u00e9"]}').json(),
      clones: [await c.text(), await cl.text()],
      blob: [blob.size, blob.type],
      ab: Array.from(ab),
      streamed, again, bodyUsed: used.bodyUsed,
      req: Array.from(new Uint8Array(req)),
    });
  },
  async waits(request, ctx) {
    let done;
    ctx.waitUntil(new Promise((r) => { done = r; }));
    setTimeout(() => done(), 5);
    return new Response('waited');
  },
};
export default {
  fetch(request, env, ctx) { return cases[new URL(request.url).pathname.slice(1)](request, ctx); },
};`

func TestStringBodiesCrossTheBoundary(t *testing.T) {
	p := pool(t, bodiesWorker, wasmhost.PoolConfig{MaxIsolates: 1})
	for _, c := range []struct{ path, body, ctype string }{
		{"/ascii", "hello <b>world</b>", "text/plain;charset=UTF-8"},
		{"/empty", "", "text/plain;charset=UTF-8"},
		{"/utf8", "café ☃ 😀", "text/plain;charset=UTF-8"},
		{"/nul", "a\x00b", "text/plain;charset=UTF-8"},
		{"/lone", "x\uFFFDy\uFFFD", "text/plain;charset=UTF-8"},
		{"/bom", "\uFEFFbom", "text/plain;charset=UTF-8"},
		{"/json", `{"a":"café","b":[1,2]}`, "application/json"},
		{"/params", "q=a+b%26c", "application/x-www-form-urlencoded;charset=UTF-8"},
		{"/bytes", "hi", ""},
		{"/waits", "waited", "text/plain;charset=UTF-8"},
	} {
		for range 2 { // the second time through a warm isolate
			rec, err := serve(p, c.path)
			require.NoError(t, err, c.path)
			assert.Equal(t, 200, rec.Status, c.path)
			assert.Equal(t, c.body, rec.Body.String(), c.path)
			assert.Equal(t, c.ctype, rec.Get("content-type"), c.path)
		}
	}
	rec, err := serve(p, "/roundtrip")
	require.NoError(t, err)
	assert.JSONEq(t, `{"lone":[120,65533,65279,233],"bom":"bom","json":{"k":[1,"é"]},
		"clones":["clone me","clone me"],"blob":[5,"text/plain;charset=utf-8"],"ab":[195,169],
		"streamed":"via stream","again":"TypeError","bodyUsed":true,"req":[112,195,169]}`, rec.Body.String())
}

// Request headers the host has checked skip the Web layer's checks; those it has not are
// checked there as before. Both must give the same Headers.
func TestRequestHeadersFromTheHost(t *testing.T) {
	p := pool(t, `export default { fetch(r) { return Response.json([...r.headers]); } };`, wasmhost.PoolConfig{MaxIsolates: 1})
	get := func(h [][2]string) (*wasmhost.Recorder, error) {
		rec := &wasmhost.Recorder{}
		return rec, p.Serve(context.Background(), &wasmhost.Request{Method: "GET", URL: "http://x/", Header: h}, rec)
	}
	want := `[["accept","text/html"],["cookie","a=1; b=2"],["set-cookie","x"],["set-cookie","y"],["x-caf","caf\u00c3\u00a9"],["x-multi","1, 2"]]`
	for _, h := range [][][2]string{
		// As the edge gives them: trusted.
		{{"Accept", "text/html"}, {"X-Multi", "1"}, {"x-multi", "2"}, {"Cookie", "a=1; b=2"}, {"Set-Cookie", "x"}, {"set-cookie", "y"}, {"X-Caf", "café"}},
		// A value with whitespace at its ends: normalized by the Web layer.
		{{"Accept", " text/html\t"}, {"X-Multi", "1"}, {"x-multi", "2"}, {"Cookie", "a=1; b=2"}, {"Set-Cookie", "x"}, {"set-cookie", "y"}, {"X-Caf", "café"}},
	} {
		rec, err := get(h)
		require.NoError(t, err)
		assert.JSONEq(t, want, rec.Body.String())
	}
	// An invalid name or value is refused by the Web layer, as before: 500.
	for _, h := range [][2]string{{"bad name", "v"}, {"x", "a\nb"}, {"x", "a\x00b"}} {
		rec, _ := get([][2]string{h})
		assert.Equal(t, 500, rec.Status, h)
	}
}

// The response head crosses the boundary as lines (SEND 'head'): status text, repeated and
// Latin-1 values (the writer gets their bytes) and a streamed body's head arrive as the worker
// set them.
func TestResponseHeadLines(t *testing.T) {
	p := pool(t, `export default { fetch(r) {
  const h = new Headers([['x-latin', 'caf\u00e9'], ['set-cookie', 'a=1'], ['set-cookie', 'b=2'], ['x-empty', '']]);
  if (r.url.endsWith('/stream')) {
    const body = new ReadableStream({ start(c) { c.enqueue(new TextEncoder().encode('chunk')); c.close(); } });
    return new Response(body, { status: 201, statusText: 'Made It', headers: h });
  }
  if (r.url.endsWith('/none')) return new Response(null, { status: 204, statusText: 'Nothing Here' });
  return new Response('x', { status: 299, statusText: 'Odd \u00ff Text', headers: h });
} };`, wasmhost.PoolConfig{MaxIsolates: 1})
	want := [][2]string{{"x-latin", "caf\xe9"}, {"set-cookie", "a=1"}, {"set-cookie", "b=2"}, {"x-empty", ""}}
	rec, err := serve(p, "/")
	require.NoError(t, err)
	assert.Equal(t, 299, rec.Status)
	assert.Equal(t, "Odd \xff Text", rec.StatusText)
	assert.Equal(t, append(want, [2]string{"content-type", "text/plain;charset=UTF-8"}), rec.Header)
	assert.Equal(t, "x", rec.Body.String())

	rec, err = serve(p, "/stream")
	require.NoError(t, err)
	assert.Equal(t, 201, rec.Status)
	assert.Equal(t, "Made It", rec.StatusText)
	assert.Equal(t, want, rec.Header)
	assert.Equal(t, "chunk", rec.Body.String())

	rec, err = serve(p, "/none")
	require.NoError(t, err)
	assert.Equal(t, 204, rec.Status)
	assert.Equal(t, "Nothing Here", rec.StatusText)
	assert.Empty(t, rec.Header)
	assert.Equal(t, "", rec.Body.String())
}
