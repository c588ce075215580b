package adapter_test

// The SvelteKit 2 comparison: the kit 2 app in testdata/kit/kit2 (svelte.config.js,
// builder.generateManifest, new Server(manifest)) is built with @sveltejs/adapter-node 5 and with
// @kitwasm/adapter, both servers are started, and the same requests are sent to each, as in
// e2e_test.go, whose helpers this test uses.

import (
	"bytes"
	"fmt"
	"net/http"
	"regexp"
	"slices"
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

	// adapter-node 5 serves files with sirv 3, adapter-node 6 with its own server, whose
	// answers kitwasm gives and TestSvelteKitMatchesAdapterNode compares exactly. For files, the
	// headers in which sirv differs get the weaker checks of sirvFileHeaders, and the requests
	// in sirvWrong, which sirv answers against RFC 9110, are checked against the RFC instead.
	files := map[string]bool{"/about": true, "/robots.txt": true, "/" + start: true, "/_app/version.json": true}
	robots, err := do(client, kitAddr, get("", "/robots.txt"))
	require.NoError(t, err)
	sirvWrong := map[string]func(b *e2eResponse) string{
		// sirv reads bytes=-5 as bytes=0-5 (RFC 9110 §14.1.2: the last 5 bytes).
		"range: suffix, last 5 bytes": func(b *e2eResponse) string {
			n := len(robots.body)
			want := fmt.Sprintf("bytes %d-%d/%d", n-5, n-1, n)
			if b.status != 206 || b.header.Get("content-range") != want || !bytes.Equal(b.body, robots.body[n-5:]) {
				return fmt.Sprintf("want 206, %s and %q", want, robots.body[n-5:])
			}
			return ""
		},
		// sirv ignores If-Range; a stale validator must get the whole file (RFC 9110 §13.1.5).
		"If-Range with a stale ETag": func(b *e2eResponse) string {
			if b.status != 200 || b.header.Get("content-range") != "" || !bytes.Equal(b.body, robots.body) {
				return "want 200 and the whole file"
			}
			return ""
		},
	}

	same, checked := 0, 0
	for _, r := range requests {
		a, errA := do(client, nodeAddr, r)
		b, errB := do(client, kitAddr, r)
		if errA != nil || errB != nil {
			t.Errorf("%s %s (%s): adapter-node: %v; kitwasm: %v", r.method, r.path, r.name, errA, errB)
			continue
		}
		if check, ok := sirvWrong[r.name]; ok {
			if msg := check(b); msg != "" {
				t.Errorf("%s %s (%s): kitwasm answered %d %q %q: %s", r.method, r.path, r.name, b.status, b.header, b.body, msg)
			} else {
				checked++
			}
			continue
		}
		var except map[string]headerCheck
		if files[r.path] {
			except = sirvFileHeaders
		}
		if diff := a.diff(b, except); diff != "" {
			t.Errorf("%s %s (%s) differs:\n%s", r.method, r.path, r.name, diff)
			continue
		}
		same++
	}
	t.Logf("%d of %d requests answered identically by adapter-node 5 and kitwasm (kit 2); %d of %d that adapter-node 5 answers against RFC 9110 answered by kitwasm as the RFC says", same, len(requests)-len(sirvWrong), checked, len(sirvWrong))
}

// sirvFileHeaders are the headers of file responses in which adapter-node 5 (sirv 3) and
// adapter-node 6 (and so kitwasm) differ by design; each check says what is still required.
var sirvFileHeaders = map[string]headerCheck{
	// sirv: a weak ETag of size and mtime; adapter-node 6: the SHA-256 of the content, with
	// .gz or .br for a variant. Where sirv sends one kitwasm must, and on a 304 too, which sirv
	// sends bare (RFC 9110 §15.4.5 wants the ETag of the 200).
	"etag": func(a, b *e2eResponse, va, vb []string) string {
		if len(va) > 0 && len(vb) == 0 || a.status == 304 && len(vb) == 0 || len(va) == 0 && len(vb) > 0 && a.status != 304 {
			return "one sent an ETag, the other none"
		}
		if len(va) > 0 && !regexp.MustCompile(`^W/"\d+-\d+"$`).MatchString(va[0]) {
			return "not sirv's W/\"size-mtime\""
		}
		if len(vb) > 0 && !regexp.MustCompile(`^"[\w-]{43}(\.gz|\.br)?"$`).MatchString(vb[0]) {
			return "not a SHA-256 ETag"
		}
		return ""
	},
	// sirv sends the file's mtime; adapter-node 6 sends none, so that no date contradicts the
	// content ETag (and a rebuild of the same content stays cached).
	"last-modified": func(a, b *e2eResponse, va, vb []string) string {
		if len(vb) != 0 {
			return "kitwasm sends no Last-Modified"
		}
		if len(va) == 1 {
			if _, err := http.ParseTime(va[0]); err != nil {
				return err.Error()
			}
		}
		return ""
	},
	// sirv announces ranges only on a 206; adapter-node 6 on every 200 and 206 of a file.
	"accept-ranges": func(a, b *e2eResponse, va, vb []string) string {
		if len(va) > 0 && !slices.Equal(va, vb) || len(vb) > 0 && (vb[0] != "bytes" || b.status != 200 && b.status != 206) {
			return "kitwasm must say bytes on 200 and 206, and as adapter-node where it says it"
		}
		return ""
	},
	// sirv sends Vary: Accept-Encoding on every file when precompress is on, adapter-node 6
	// only on files that have compressed variants; neither may vary on anything else.
	"vary": func(a, b *e2eResponse, va, vb []string) string {
		for _, v := range append(slices.Clone(va), vb...) {
			if v != "Accept-Encoding" {
				return "Vary other than Accept-Encoding"
			}
		}
		if b.header.Get("content-encoding") != "" && len(vb) == 0 {
			return "a compressed variant without Vary: Accept-Encoding"
		}
		return ""
	},
	// sirv's 304 has no headers; RFC 9110 §15.4.5 wants the Cache-Control of the 200, which
	// adapter-node 6 sends. Elsewhere they must agree.
	"cache-control": func(a, b *e2eResponse, va, vb []string) string {
		if a.status == 304 && len(va) == 0 {
			return ""
		}
		if !slices.Equal(va, vb) {
			return "differs"
		}
		return ""
	},
}
