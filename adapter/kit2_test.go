package adapter_test

// The SvelteKit 2 comparison: the kit 2 app in testdata/kit/kit2 (svelte.config.js,
// builder.generateManifest, new Server(manifest)) is built with @sveltejs/adapter-node 5 and with
// @kitwasm/adapter, both servers are started, and the same requests are sent to each, as in
// e2e_test.go, whose helpers this test uses.

import (
	"regexp"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

func TestSvelteKit2MatchesAdapterNode(t *testing.T) {
	a := prepareApp(t, "kit2")
	app, node, env, kitwasm := a.dir, a.node, a.env, a.kitwasm

	nodeBuild := viteBuild(t, app, node, append(env, "ADAPTER=node"))
	kitBuild := viteBuild(t, app, node, append(env, "ADAPTER=kitwasm", "KITWASM_BIN="+kitwasm))
	t.Logf("vite build: adapter-node %v, @kitwasm/adapter %v (includes kitwasm build)", nodeBuild.Round(time.Millisecond), kitBuild.Round(time.Millisecond))

	// Kit 2 has no paths.origin: adapter-node 5 takes the origin from ORIGIN (without it, it
	// assumes https), kitwasm from the Host header.
	client, nodeAddr, kitAddr := a.serveBoth(t, "ORIGIN="+fixtureOrigin)

	index, err := do(client, nodeAddr, e2eRequest{method: "GET", path: "/"})
	require.NoError(t, err)
	start := regexp.MustCompile(`_app/immutable/entry/start\.[\w-]+\.js`).FindString(string(index.body))
	require.NotEmpty(t, start, "no start.*.js in the home page:\n%s", index.body)

	form := map[string]string{"origin": fixtureOrigin, "content-type": "application/x-www-form-urlencoded", "accept": "text/html"}
	get := func(name, path string, kv ...string) e2eRequest {
		h := map[string]string{}
		for i := 0; i+1 < len(kv); i += 2 {
			h[kv[i]] = kv[i+1]
		}
		return e2eRequest{name: name, method: "GET", path: path, headers: h}
	}
	requests := []e2eRequest{
		get("page with a server load, $lib, setHeaders", "/?name=Zo%C3%AB"),
		get("__data.json of the server load", "/__data.json?name=x"),
		get("JSON endpoint GET", "/api/items?q=i"),
		{name: "JSON endpoint POST", method: "POST", path: "/api/items", headers: map[string]string{"content-type": "application/json"}, body: `{"name":"pfirsich","tags":["ü","日本"]}`},
		{name: "endpoint error(400) on bad JSON", method: "POST", path: "/api/items", headers: map[string]string{"content-type": "application/json"}, body: `{nope`},
		{name: "unsupported method: 405 with Allow", method: "DELETE", path: "/api/items", headers: map[string]string{"origin": fixtureOrigin}},
		get("form page without a cookie", "/form"),
		get("form page with a cookie", "/form", "cookie", "user=Zo%C3%AB"),
		{name: "form action: cookies.set", method: "POST", path: "/form", headers: form, body: "name=Zo%C3%AB"},
		{name: "form action: fail(400), JSON", method: "POST", path: "/form", headers: map[string]string{"origin": fixtureOrigin, "content-type": "application/x-www-form-urlencoded", "accept": "application/json", "x-sveltekit-action": "true"}, body: "name="},
		{name: "CSRF: cross-origin form POST", method: "POST", path: "/form", headers: map[string]string{"origin": "http://evil.test", "content-type": "application/x-www-form-urlencoded", "accept": "text/html"}, body: "name=mallory"},
		get("redirect from a load", "/go?to=/items/2"),
		get("page with a route param", "/items/2"),
		get("error(404) with +error.svelte", "/items/99"),
		get("no such route", "/does/not/exist"),
		get("prerendered page", "/about"),
		get("read() of a large and an inlined asset", "/read"),
		get("static file", "/robots.txt"),
		get("immutable client asset", "/"+start),
		get("version.json", "/_app/version.json"),

		// Static and prerendered files: ranges, If-Range, conditional requests, HEAD, codings.
		get("range: first 10 bytes", "/robots.txt", "range", "bytes=0-9"),
		get("range: suffix, last 5 bytes", "/robots.txt", "range", "bytes=-5"),
		get("range: open, from byte 5", "/robots.txt", "range", "bytes=5-"),
		get("range: unsatisfiable", "/robots.txt", "range", "bytes=1000-"),
		get("If-Range with the current ETag", "/robots.txt", "range", "bytes=0-9", "if-range", thisServersETag),
		get("If-Range with a stale ETag", "/robots.txt", "range", "bytes=0-9", "if-range", `"stale"`),
		get("static file revalidation", "/robots.txt", "if-none-match", thisServersETag),
		get("prerendered page revalidation", "/about", "if-none-match", thisServersETag),
		get("client asset revalidation, gzip", "/"+start, "accept-encoding", "gzip", "if-none-match", thisServersETag),
		get("range of a prerendered page", "/about", "range", "bytes=10-29"),
		get("client asset, gzip only", "/"+start, "accept-encoding", "gzip"),
		get("client asset, identity", "/"+start, "accept-encoding", "identity"),
		get("client asset, br", "/"+start, "accept-encoding", "br"),
		get("prerendered page, gzip only", "/about", "accept-encoding", "gzip"),
		{name: "HEAD of a static file", method: "HEAD", path: "/robots.txt"},
		{name: "HEAD of a prerendered page", method: "HEAD", path: "/about"},
		{name: "HEAD of a client asset, gzip only", method: "HEAD", path: "/" + start, headers: map[string]string{"accept-encoding": "gzip"}},
	}

	// adapter-node 5 serves files with sirv: weak ETags of size and mtime, and Vary:
	// Accept-Encoding. kitwasm answers as adapter-node 6 does (a SHA-256 ETag; e2e_test.go
	// compares that), so for files these two headers are only required to be there.
	files := map[string]bool{"/about": true, "/robots.txt": true, "/" + start: true, "/_app/version.json": true}

	same := 0
	for _, r := range requests {
		a, errA := do(client, nodeAddr, r)
		b, errB := do(client, kitAddr, r)
		if errA != nil || errB != nil {
			t.Errorf("%s %s (%s): adapter-node: %v; kitwasm: %v", r.method, r.path, r.name, errA, errB)
			continue
		}
		if files[r.path] {
			if b.header.Get("etag") == "" {
				t.Errorf("%s %s (%s): kitwasm sent no ETag", r.method, r.path, r.name)
			}
			for _, h := range []string{"etag", "vary"} {
				a.header.Del(h)
				b.header.Del(h)
			}
		}
		if diff := a.diff(b, nil); diff != "" {
			t.Errorf("%s %s (%s) differs:\n%s", r.method, r.path, r.name, diff)
			continue
		}
		same++
	}
	t.Logf("%d of %d requests answered identically by adapter-node and kitwasm (kit 2)", same, len(requests))
}
