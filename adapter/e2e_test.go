package adapter_test

// The end-to-end comparison of @kitwasm/adapter with @sveltejs/adapter-node: the fixture app in
// testdata/kit/fixture is built with both adapters, both servers are started, and the same
// requests are sent to each. Status, body bytes and every header but the hop-by-hop ones and
// Date (see uncompared) must be identical.

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"io/fs"
	"maps"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/kitwasm/kitwasm/internal/nodetest"
	"github.com/kitwasm/kitwasm/internal/syncbuf"
)

// fixtureHost is the host every request names. The fixture sets paths.origin to
// http://fixture.test, which adapter-node uses as the request origin and kit compares form
// POSTs' Origin header with; kitwasm builds the URL from the Host header.
const (
	fixtureHost   = "fixture.test"
	fixtureOrigin = "http://" + fixtureHost
)

// e2eRequest is one request sent to both servers.
type e2eRequest struct {
	name    string
	method  string
	path    string // already percent-encoded where needed
	headers map[string]string
	body    string
}

// uncompared names the only response headers not compared, each with the reason: they describe
// the connection or the moment of sending, not the answer. Every other header, whatever its
// name, must be identical (see diff for content-length and the per-header exceptions).
var uncompared = map[string]string{
	"connection":        "hop-by-hop (RFC 9110 §7.6.1); Node names keep-alive, Go's server leaves HTTP/1.1's default implicit",
	"keep-alive":        "hop-by-hop; Node's idle timeout for this connection",
	"transfer-encoding": "hop-by-hop; chunked or not is how the body travels (Go's client moves it to Response.TransferEncoding)",
	"te":                "hop-by-hop",
	"trailer":           "hop-by-hop",
	"upgrade":           "hop-by-hop",
	"date":              "the moment the response was sent",
	// proxy-* (proxy-authenticate, proxy-connection, ...): hop-by-hop, see isUncompared.
}

func isUncompared(name string) bool {
	_, ok := uncompared[name]
	return ok || strings.HasPrefix(name, "proxy-")
}

// fixtureBuiltWithKitwasm says that testdata/kit/fixture/build is this test binary's kitwasm
// build of the fixture, so that later tests (preview_test.go) need not build it again.
var fixtureBuiltWithKitwasm bool

// fixtureBuiltWithNode says the same of testdata/kit/fixture/build-node (fastly_test.go).
var fixtureBuiltWithNode bool

func TestSvelteKitMatchesAdapterNode(t *testing.T) {
	a := prepareApp(t, "fixture")
	app, node, env, kitwasm := a.dir, a.node, a.env, a.kitwasm

	nodeBuild := viteBuild(t, app, node, append(env, "ADAPTER=node"))
	fixtureBuiltWithNode = true
	kitBuild := viteBuild(t, app, node, append(env, "ADAPTER=kitwasm", "KITWASM_BIN="+kitwasm))
	fixtureBuiltWithKitwasm = true
	serverJS, serverAll := dirSize(t, filepath.Join(app, "build-node", "server"))
	t.Logf("vite build: adapter-node %v, @kitwasm/adapter %v (includes kitwasm build)", nodeBuild.Round(time.Millisecond), kitBuild.Round(time.Millisecond))
	t.Logf("server bundle: adapter-node build-node/server %s of JavaScript (%s with source maps and assets)", kb(serverJS), kb(serverAll))
	if st, err := os.Stat(filepath.Join(app, "build", "worker.js")); err == nil {
		t.Logf("server bundle: kitwasm build/worker.js %s", kb(st.Size()))
	} else {
		t.Errorf("kitwasm build wrote no build/worker.js: %v", err)
	}

	client, nodeAddr, kitAddr := a.serveBoth(t)

	requests := fixtureRequests(t, client, app, nodeAddr)
	compareWithNode(t, client, nodeAddr, kitAddr, "kitwasm", requests)

	// Streamed responses must reach the client while they are produced, not at the end.
	gate := newGate(t, gateTimeout)
	checkStreamedRoutes(t, client, gate, map[string]string{"adapter-node": nodeAddr, "kitwasm": kitAddr})
}

// compareWithNode sends every request to adapter-node (nodeAddr) and to the kitwasm server
// under test (addr, named label in the log), and fails the test for each answer that differs
// (status, headers but the uncompared ones, body bytes). It returns how many were identical.
func compareWithNode(t *testing.T, client *http.Client, nodeAddr, addr, label string, requests []e2eRequest) int {
	t.Helper()
	same := 0
	var timeA, timeB time.Duration
	headerNames := map[string]bool{}
	for _, r := range requests {
		t0 := time.Now()
		a, errA := do(client, nodeAddr, r)
		t1 := time.Now()
		b, errB := do(client, addr, r)
		da, db := t1.Sub(t0), time.Since(t1)
		timeA, timeB = timeA+da, timeB+db
		if db > 500*time.Millisecond && db > 10*da {
			t.Logf("slow: %s %s took %v on %s, %v on adapter-node", r.method, r.path, db.Round(time.Millisecond), label, da.Round(time.Millisecond))
		}
		if errA != nil || errB != nil {
			t.Errorf("%s %s (%s): adapter-node: %v; %s: %v", r.method, r.path, r.name, errA, label, errB)
			continue
		}
		for _, h := range []http.Header{a.header, b.header} {
			for k := range h {
				if k := strings.ToLower(k); !isUncompared(k) {
					headerNames[k] = true
				}
			}
		}
		if diff := a.diff(b, nil); diff != "" {
			t.Errorf("%s %s (%s) differs on %s:\n%s", r.method, r.path, r.name, label, diff)
			continue
		}
		same++
	}
	t.Logf("%d of %d requests answered identically by adapter-node and %s", same, len(requests), label)
	t.Logf("headers compared: %s", strings.Join(slices.Sorted(maps.Keys(headerNames)), ", "))
	t.Logf("time for all requests: adapter-node %v, %s %v", timeA.Round(time.Millisecond), label, timeB.Round(time.Millisecond))
	return same
}

// checkStreamedRoutes checks that the fixture's streamed routes reach the client of each
// server (label → address) while they are produced.
func checkStreamedRoutes(t *testing.T, client *http.Client, gate *gate, servers map[string]string) {
	t.Helper()
	for _, label := range slices.Sorted(maps.Keys(servers)) {
		for _, c := range []struct{ path, first, released string }{
			{"/api/gated", "first ✓\n", "gate: released\n"},
			{"/streamed", `id="fast"`, "gate: released"},
		} {
			if err := checkStreamed(client, gate, servers[label], c.path, c.first, c.released); err != nil {
				t.Errorf("%s %s: %v", label, c.path, err)
			} else {
				t.Logf("%s %s is streamed", label, c.path)
			}
		}
	}
}

// gate is an HTTP server that the fixture's gated routes fetch in the middle of a streamed
// response. It answers "released" once the test has opened the gate, which it does after its
// client has received the response's first part, or "timed out" after gateTimeout, which
// happens only if the server held that first part back until the end.
type gate struct {
	url     string
	timeout time.Duration
	mu      sync.Mutex
	open    map[string]chan struct{}
	asked   map[string]bool
}

// gateTimeout only ends the deadlock of a buffering server; it is no measure of speed.
const gateTimeout = 20 * time.Second

func newGate(t *testing.T, timeout time.Duration) *gate {
	g := &gate{timeout: timeout, open: map[string]chan struct{}{}, asked: map[string]bool{}}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		id := r.URL.Query().Get("id")
		g.mu.Lock()
		g.asked[id] = true
		g.mu.Unlock()
		select {
		case <-g.channel(id):
			io.WriteString(w, "released")
		case <-time.After(g.timeout):
			io.WriteString(w, "timed out")
		case <-r.Context().Done():
		}
	}))
	t.Cleanup(srv.Close)
	g.url = srv.URL
	return g
}

func (g *gate) channel(id string) chan struct{} {
	g.mu.Lock()
	defer g.mu.Unlock()
	if g.open[id] == nil {
		g.open[id] = make(chan struct{})
	}
	return g.open[id]
}

// checkStreamed asks addr for path with a gate, reads until first appears, opens the gate, and
// requires the rest of the body to contain released. A buffered response cannot pass: the
// route produces the rest only after the gate answers, and the gate answers "released" only
// after the client has read the first part.
func checkStreamed(client *http.Client, g *gate, addr, path, first, released string) error {
	id := addr + path
	target := path + "?gate=" + url.QueryEscape(g.url+"/?id="+url.QueryEscape(id))
	req, err := http.NewRequest("GET", "http://"+addr+target, nil)
	if err != nil {
		return err
	}
	req.Host = fixtureHost
	res, err := client.Do(req)
	if err != nil {
		return err
	}
	defer res.Body.Close()
	var body []byte
	buf := make([]byte, 4096)
	var readErr error
	for !bytes.Contains(body, []byte(first)) {
		if readErr != nil {
			return fmt.Errorf("the body ended (%v) before %q:\n%s", readErr, first, body)
		}
		var n int
		n, readErr = res.Body.Read(buf)
		body = append(body, buf[:n]...)
	}
	close(g.channel(id))
	var rest []byte
	if readErr == nil {
		rest, readErr = io.ReadAll(res.Body)
	} else if readErr == io.EOF {
		readErr = nil
	}
	err = readErr
	body = append(body, rest...)
	g.mu.Lock()
	asked := g.asked[id]
	g.mu.Unlock()
	switch {
	case err != nil:
		return fmt.Errorf("reading the rest: %w", err)
	case !asked:
		return fmt.Errorf("the route never asked the gate, so its streaming was not tested:\n%s", body)
	case !bytes.Contains(body, []byte(released)):
		return fmt.Errorf("not streamed: %q reached the client only after the gate gave up waiting for it:\n%s", first, body)
	}
	return nil
}

// fixtureRequests lists the requests; asset names with content hashes are taken from the
// adapter-node build and its answers.
func fixtureRequests(t *testing.T, client *http.Client, app, nodeAddr string) []e2eRequest {
	index, err := do(client, nodeAddr, e2eRequest{method: "GET", path: "/"})
	require.NoError(t, err)
	start := regexp.MustCompile(`_app/immutable/entry/start\.[\w-]+\.js`).FindString(string(index.body))
	require.NotEmpty(t, start, "no start.*.js in the home page:\n%s", index.body)
	bigs, _ := filepath.Glob(filepath.Join(app, "build-node", "client", "_app", "immutable", "assets", "big.*.txt"))
	require.Len(t, bigs, 1, "the fixture's big.txt asset (> 4 KiB) is not in the client output")
	big := "/_app/immutable/assets/" + filepath.Base(bigs[0])

	sameOrigin := map[string]string{"origin": fixtureOrigin, "content-type": "application/x-www-form-urlencoded", "accept": "text/html"}
	jsonAction := map[string]string{"origin": fixtureOrigin, "content-type": "application/x-www-form-urlencoded", "accept": "application/json", "x-sveltekit-action": "true"}
	with := func(h map[string]string, kv ...string) map[string]string {
		m := map[string]string{}
		for k, v := range h {
			m[k] = v
		}
		for i := 0; i+1 < len(kv); i += 2 {
			m[kv[i]] = kv[i+1]
		}
		return m
	}
	get := func(name, path string, kv ...string) e2eRequest {
		return e2eRequest{name: name, method: "GET", path: path, headers: with(nil, kv...)}
	}
	return []e2eRequest{
		get("root layout and page load, handle hook", "/"),
		get("query string", "/?a=1&b=%C3%BC&a=2"),
		get("nested layout load", "/blog"),
		get("trailing slash redirect", "/blog/"),
		get("route param, setHeaders", "/blog/hello"),
		get("unicode param and content", "/blog/%C3%BCn%C3%AFc%C3%B6d%C3%A9"),
		get("error(404) with +error.svelte", "/blog/nope"),
		get("error(418) with an App.Error object", "/blog/teapot"),
		get("unexpected error through handleError", "/blog/boom"),
		get("recursive load, 500 levels", "/recurse/500"),
		get("recursive component, 300 levels", "/recurse/10?tree=300"),
		get("recursion past the limit: RangeError through handleError", "/recurse/200000"),
		get("component recursion past the limit", "/recurse/10?tree=100000"),
		get("after the overflows, the same isolate answers normally", "/recurse/500"),
		get("page etag revalidation", "/blog/hello", "if-none-match", thisServersETag),
		get("__data.json", "/blog/hello/__data.json"),
		get("__data.json, only the page invalidated", "/blog/hello/__data.json?x-sveltekit-invalidated=001"),
		get("__data.json of an error", "/blog/nope/__data.json"),
		get("__data.json of an unexpected error", "/blog/boom/__data.json"),
		get("rest param", "/files/a/b/c.txt"),
		get("empty rest param", "/files"),
		get("redirect 303", "/go/303"),
		get("redirect 307 with a query", "/go/307?to=/form%3Fx%3D%C3%BC"),
		get("redirect 308 to another origin, allowed", "/go/308?to=http://other.test/elsewhere%3Fq%3D1&external"),
		get("redirect 302 to an absolute URL of the app's origin", "/go/302?to=http://fixture.test/blog"),
		get("external redirect not allowed: handleError", "/go/301?to=http://evil.test/"),
		get("no redirect", "/go/200"),
		get("form page without cookies", "/form"),
		get("form page with cookies", "/form", "cookie", "user=Zo%C3%AB; visits=3"),
		get("form page, a cookie of raw UTF-8 bytes (read as Latin-1)", "/form", "cookie", "user=Zo\u00eb"),
		{name: "form action login: cookies.set", method: "POST", path: "/form?/login", headers: sameOrigin, body: "name=Zo%C3%AB"},
		{name: "form action: fail(400), JSON", method: "POST", path: "/form?/login", headers: jsonAction, body: "name="},
		{name: "form action: fail(422), HTML", method: "POST", path: "/form?/login", headers: sameOrigin, body: "name=" + strings.Repeat("x", 30)},
		{name: "form action logout: cookies.delete", method: "POST", path: "/form?/logout", headers: with(sameOrigin, "cookie", "user=Zo%C3%AB"), body: ""},
		{name: "form action redirect", method: "POST", path: "/form?/elsewhere", headers: jsonAction, body: "a=b"},
		{name: "CSRF: cross-origin form POST", method: "POST", path: "/form?/login", headers: with(sameOrigin, "origin", "http://evil.test"), body: "name=mallory"},
		{name: "CSRF: form POST without Origin", method: "POST", path: "/form?/login", headers: map[string]string{"content-type": "application/x-www-form-urlencoded"}, body: "name=mallory"},
		get("JSON endpoint GET", "/api/items?q=e"),
		{name: "JSON endpoint POST", method: "POST", path: "/api/items", headers: map[string]string{"content-type": "application/json"}, body: `{"name":"pfirsich","tags":["ü","日本"]}`},
		{name: "endpoint error(400) on bad JSON", method: "POST", path: "/api/items", headers: map[string]string{"content-type": "application/json"}, body: `{nope`},
		{name: "endpoint PUT", method: "PUT", path: "/api/items", headers: map[string]string{"content-type": "text/plain;charset=utf-8", "origin": fixtureOrigin}, body: "héllo wörld"},
		{name: "unsupported method: 405 with Allow", method: "DELETE", path: "/api/items", headers: map[string]string{"origin": fixtureOrigin}},
		{name: "unsupported method PATCH", method: "PATCH", path: "/api/items", headers: map[string]string{"content-type": "application/json"}, body: "{}"},
		{name: "HEAD of an endpoint", method: "HEAD", path: "/api/items"},
		{name: "request echo: headers, query, raw UTF-8 header bytes", method: "POST", path: "/api/echo?x=1&y=%E2%9C%93&x=2", headers: map[string]string{"content-type": "application/json", "x-test": "caf\u00e9 \u2713", "accept-language": "de-CH", "cookie": "user=Zo%C3%AB"}, body: `{"emoji":"🚀"}`},
		get("streamed endpoint (ReadableStream)", "/api/stream"),
		get("streamed promises from load ({#await})", "/streamed"),
		get("streamed promises in __data.json", "/streamed/__data.json"),
		get("read() of a large and an inlined asset", "/assets"),
		get("read() streamed from an endpoint", "/assets/big"),
		get("read() of an inlined asset", "/assets/small"),
		get("prerendered page", "/prerendered"),
		get("prerendered __data.json", "/prerendered/__data.json"),
		get("prerendered endpoint", "/prerendered/data.json"),
		get("static file", "/robots.txt"),
		get("static file revalidation", "/robots.txt", "if-none-match", thisServersETag),
		get("static file with a unicode name", "/caf%C3%A9.txt"),
		get("static JSON file", "/data.json"),
		get("version.json", "/_app/version.json"),
		get("immutable client asset", "/"+start),
		get("immutable client asset, precompressed", "/"+start, "accept-encoding", "br, gzip"),
		get("imported asset file", big),
		get("unicode route", "/%C3%BCn%C3%AFc%C3%B6d%C3%A9"),

		// Static and prerendered files: byte ranges, If-Range, conditional requests, HEAD and
		// content negotiation. robots.txt has 24 bytes and no compressed variants; start.js
		// and the prerendered page have gzip and brotli variants.
		get("range: first 10 bytes", "/robots.txt", "range", "bytes=0-9"),
		get("range: suffix, last 5 bytes", "/robots.txt", "range", "bytes=-5"),
		get("range: open, from byte 5", "/robots.txt", "range", "bytes=5-"),
		get("range: end past the size is clamped", "/robots.txt", "range", "bytes=20-1000"),
		get("range: suffix longer than the file", "/robots.txt", "range", "bytes=-1000"),
		get("range: unsatisfiable", "/robots.txt", "range", "bytes=1000-"),
		get("range: empty suffix", "/robots.txt", "range", "bytes=-0"),
		get("range: last byte first", "/robots.txt", "range", "bytes=9-3"),
		get("range: several ranges", "/robots.txt", "range", "bytes=0-1,4-5"),
		get("range: malformed", "/robots.txt", "range", "bytes=a-b"),
		get("range: another unit", "/robots.txt", "range", "items=0-1"),
		get("If-Range with the current ETag", "/robots.txt", "range", "bytes=0-9", "if-range", thisServersETag),
		get("If-Range with a stale ETag", "/robots.txt", "range", "bytes=0-9", "if-range", `"stale"`),
		get("If-Range with a date", "/robots.txt", "range", "bytes=0-9", "if-range", "Wed, 21 Oct 2015 07:28:00 GMT"),
		get("If-None-Match that matches nothing", "/robots.txt", "if-none-match", `"stale", W/"other"`),
		get("If-None-Match: *", "/robots.txt", "if-none-match", "*"),
		get("If-None-Match and Range", "/robots.txt", "if-none-match", thisServersETag, "range", "bytes=0-9"),
		get("range of a prerendered page", "/prerendered", "range", "bytes=10-29"),
		get("If-None-Match, prerendered page", "/prerendered", "if-none-match", thisServersETag),
		get("If-None-Match, prerendered page, gzip", "/prerendered", "accept-encoding", "gzip", "if-none-match", thisServersETag),
		get("prerendered page, gzip only", "/prerendered", "accept-encoding", "gzip"),
		get("prerendered page, br", "/prerendered", "accept-encoding", "br"),
		get("prerendered page, trailing slash", "/prerendered/?a=%C3%BC"),
		get("client asset, gzip only", "/"+start, "accept-encoding", "gzip"),
		get("client asset, identity", "/"+start, "accept-encoding", "identity"),
		get("client asset, br", "/"+start, "accept-encoding", "br"),
		get("client asset, br refused", "/"+start, "accept-encoding", "gzip;q=0.5, br;q=0"),
		get("client asset, any coding", "/"+start, "accept-encoding", "*"),
		get("client asset, gzip, range", "/"+start, "accept-encoding", "gzip", "range", "bytes=0-9"),
		get("client asset, gzip, If-Range with the gzip ETag", "/"+start, "accept-encoding", "gzip", "range", "bytes=-5", "if-range", thisServersETag),
		get("client asset, br, If-None-Match with the br ETag", "/"+start, "accept-encoding", "br", "if-none-match", thisServersETag),
		get("file without variants, gzip only", "/robots.txt", "accept-encoding", "gzip"),
		get("version.json, gzip only", "/_app/version.json", "accept-encoding", "gzip"),
		get("Accept-Encoding on two lines", "/"+start, "accept-encoding", "identity\nbr"),
		get("Range on two lines", "/robots.txt", "range", "bytes=0-1\nbytes=2-3"),
		get("If-Range on two lines", "/robots.txt", "range", "bytes=0-1", "if-range", thisServersETag+"\n"+thisServersETag),
		get("If-None-Match on two lines", "/robots.txt", "if-none-match", `"stale"`+"\n"+thisServersETag),
		get("If-None-Match, Latin-1 no-break spaces", "/robots.txt", "if-none-match", `"stale",`+"\xa0"+thisServersETag+"\xa0"),
		get("q=inf is no number", "/"+start, "accept-encoding", "gzip;q=inf, br"),
		get("q=0.5x is 0.5", "/"+start, "accept-encoding", "gzip;q=0.5x, br;q=0.4"),
		get("a coding between Latin-1 no-break spaces", "/"+start, "accept-encoding", "gzip;q=0.5, \xa0BR\xa0"),
		{name: "HEAD of a static file", method: "HEAD", path: "/robots.txt"},
		{name: "HEAD of a static file, range", method: "HEAD", path: "/robots.txt", headers: map[string]string{"range": "bytes=0-9"}},
		{name: "HEAD of a prerendered page", method: "HEAD", path: "/prerendered"},
		{name: "HEAD of a client asset, gzip only", method: "HEAD", path: "/" + start, headers: map[string]string{"accept-encoding": "gzip"}},
		{name: "HEAD of a page", method: "HEAD", path: "/blog/hello"},
		{name: "POST to a static file", method: "POST", path: "/robots.txt", headers: map[string]string{"origin": fixtureOrigin}, body: "x"},
		get("streamed endpoint without a gate", "/api/gated"),

		get("large page", "/large"),
		get("event.fetch of the app's own endpoints", "/internal-fetch"),
		get("handle answers by itself, locals from a header", "/hook-response", "x-user", "hookie"),
		get("no such route", "/does/not/exist"),
		get("no such route, JSON accepted", "/api/nope", "accept", "application/json"),
	}
}

type e2eResponse struct {
	status  int
	header  http.Header
	body    []byte
	method  string
	chunked bool // the body came with Transfer-Encoding: chunked, so without a Content-Length
}

// thisServersETag, in a header value of an e2eRequest, stands for the ETag the server being
// asked gave for the same URL and Accept-Encoding (ETags may differ between servers). A header
// value with line breaks is sent as several lines of that header.
const thisServersETag = "<this server's ETag>"

func do(client *http.Client, addr string, r e2eRequest) (*e2eResponse, error) {
	headers := r.headers
	for k, v := range r.headers {
		if !strings.Contains(v, thisServersETag) {
			continue
		}
		plain := e2eRequest{method: "GET", path: r.path, headers: map[string]string{}}
		if ae, ok := r.headers["accept-encoding"]; ok {
			plain.headers["accept-encoding"] = ae
		}
		prev, err := do(client, addr, plain)
		if err != nil {
			return nil, fmt.Errorf("asking for the ETag of %s: %w", r.path, err)
		}
		etag := prev.header.Get("etag")
		if etag == "" {
			return nil, fmt.Errorf("GET %s answered %d without an ETag, which %s should repeat", r.path, prev.status, k)
		}
		headers = maps.Clone(headers) // r.headers stays as written, for the other server
		headers[k] = strings.ReplaceAll(v, thisServersETag, etag)
	}
	var body io.Reader
	if r.body != "" {
		body = strings.NewReader(r.body)
	}
	req, err := http.NewRequest(r.method, "http://"+addr+r.path, body)
	if err != nil {
		return nil, err
	}
	req.Host = fixtureHost
	for k, v := range headers {
		for _, line := range strings.Split(v, "\n") {
			req.Header.Add(k, line)
		}
	}
	res, err := client.Do(req)
	if err != nil {
		return nil, err
	}
	defer res.Body.Close()
	b, err := io.ReadAll(res.Body)
	if err != nil {
		return nil, fmt.Errorf("reading the body: %w", err)
	}
	return &e2eResponse{status: res.StatusCode, header: res.Header, body: b, method: r.method,
		chunked: len(res.TransferEncoding) > 0}, nil
}

// headerCheck replaces the comparison of one header by an explained weaker check: it returns
// what is wrong with the values adapter-node (a) and kitwasm (b) sent, or "". It gets the whole
// responses, whose other headers and status may matter.
type headerCheck func(a, b *e2eResponse, va, vb []string) string

// diff describes how b (kitwasm) differs from a (adapter-node), or returns "". Every header is
// compared except those named in uncompared, those in except (checked by their own function),
// and content-length when either body came chunked: then it is transport (the bodies are
// compared byte for byte). A HEAD response's content-length is always compared.
func (a *e2eResponse) diff(b *e2eResponse, except map[string]headerCheck) string {
	var out []string
	if a.status != b.status {
		out = append(out, fmt.Sprintf("  status: adapter-node %d, kitwasm %d", a.status, b.status))
	}
	var names []string
	seen := map[string]bool{}
	for _, h := range []http.Header{a.header, b.header} {
		for k := range h {
			if lk := strings.ToLower(k); !seen[lk] {
				seen[lk] = true
				names = append(names, lk)
			}
		}
	}
	sort.Strings(names)
	for _, n := range names {
		if isUncompared(n) {
			continue
		}
		if n == "content-length" && a.method != "HEAD" && (a.chunked || b.chunked) {
			continue
		}
		va, vb := a.header.Values(n), b.header.Values(n)
		if check, ok := except[n]; ok {
			if msg := check(a, b, va, vb); msg != "" {
				out = append(out, fmt.Sprintf("  header %s: adapter-node %q, kitwasm %q: %s", n, va, vb, msg))
			}
			continue
		}
		if strings.Join(va, "\n") != strings.Join(vb, "\n") {
			out = append(out, fmt.Sprintf("  header %s: adapter-node %q, kitwasm %q", n, va, vb))
		}
	}
	if !bytes.Equal(a.body, b.body) {
		i := 0
		for i < len(a.body) && i < len(b.body) && a.body[i] == b.body[i] {
			i++
		}
		from := max(0, i-120)
		out = append(out, fmt.Sprintf("  body: adapter-node %d bytes, kitwasm %d bytes, first difference at byte %d:\n    adapter-node …%q…\n    kitwasm      …%q…",
			len(a.body), len(b.body), i, a.body[from:min(len(a.body), i+200)], b.body[from:min(len(b.body), i+200)]))
	}
	return strings.Join(out, "\n")
}

// kitApp is an app of testdata/kit ready to build: its packages installed, Node 22 first on
// PATH in env, and a kitwasm binary built from this checkout (handed to the adapter through
// KITWASM_BIN, and used to serve).
type kitApp struct {
	dir, node, kitwasm string
	env                []string
}

func prepareApp(t *testing.T, name string) *kitApp {
	t.Helper()
	node, err := nodetest.Node()
	require.NoError(t, err)
	nodeDir := filepath.Dir(node)
	npm := filepath.Join(nodeDir, "npm")
	if _, err := os.Stat(npm); err != nil {
		npm, err = exec.LookPath("npm")
		require.NoError(t, err, "npm is needed to install the app's packages; it comes with Node.js 22 (see internal/nodetest)")
	}
	root := nodetest.RepoRoot()
	a := &kitApp{
		dir:     filepath.Join(root, "testdata", "kit", name),
		node:    node,
		kitwasm: filepath.Join(t.TempDir(), "kitwasm"),
		env:     append(os.Environ(), "PATH="+nodeDir+string(os.PathListSeparator)+os.Getenv("PATH")),
	}
	run(t, root, a.env, "go", "build", "-o", a.kitwasm, "./cmd/kitwasm")
	npmInstall(t, a.dir, a.env, npm)
	return a
}

// serveBoth starts the app's adapter-node build (build-node/index.js, with nodeEnv added to
// its environment) and its kitwasm build, waits until both answer, and returns a client that
// follows no redirects and asks for no compression, with both addresses.
func (a *kitApp) serveBoth(t *testing.T, nodeEnv ...string) (client *http.Client, nodeAddr, kitAddr string) {
	t.Helper()
	nodeAddr = a.serveNode(t, nodeEnv...)
	kitAddr = freeAddr(t)
	// The gated routes fetch the test's gate on 127.0.0.1 (checkStreamed); Node fetches anywhere.
	startServer(t, "kitwasm", a.dir, a.env, a.kitwasm, "serve", "--addr", kitAddr, "--allow-fetch", "127.0.0.1", "build")
	client = e2eClient()
	waitReady(t, client, "kitwasm", kitAddr)
	return client, nodeAddr, kitAddr
}

// serveNode starts the app's adapter-node build (build-node/index.js, with nodeEnv added to
// its environment) and waits until it answers.
func (a *kitApp) serveNode(t *testing.T, nodeEnv ...string) (nodeAddr string) {
	t.Helper()
	nodeAddr = freeAddr(t)
	host, port, _ := net.SplitHostPort(nodeAddr)
	startServer(t, "adapter-node", a.dir, append(append(a.env, "HOST="+host, "PORT="+port), nodeEnv...), a.node, "build-node/index.js")
	waitReady(t, e2eClient(), "adapter-node", nodeAddr)
	return nodeAddr
}

// e2eClient follows no redirects and asks for no compression.
func e2eClient() *http.Client {
	return &http.Client{
		Timeout:       30 * time.Second,
		Transport:     &http.Transport{DisableCompression: true},
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
	}
}

func npmInstall(t *testing.T, app string, env []string, npm string) {
	t.Helper()
	lock := filepath.Join(app, "package-lock.json")
	if _, err := os.Stat(lock); err != nil {
		run(t, app, env, npm, "install", "--no-audit", "--no-fund")
		return
	}
	// npm ci reinstalls everything; skip it when node_modules is from this lock already.
	if installed, err := os.Stat(filepath.Join(app, "node_modules", ".package-lock.json")); err == nil {
		if locked, err := os.Stat(lock); err == nil && installed.ModTime().After(locked.ModTime()) {
			return
		}
	}
	run(t, app, env, npm, "ci", "--no-audit", "--no-fund")
}

func viteBuild(t *testing.T, app, node string, env []string) time.Duration {
	t.Helper()
	start := time.Now()
	run(t, app, env, node, filepath.Join("node_modules", "vite", "bin", "vite.js"), "build")
	return time.Since(start)
}

func run(t *testing.T, dir string, env []string, name string, args ...string) {
	t.Helper()
	cmd := exec.Command(name, args...)
	cmd.Dir = dir
	cmd.Env = env
	out, err := cmd.CombinedOutput()
	require.NoError(t, err, "%s %s (in %s):\n%s", name, strings.Join(args, " "), dir, out)
}

// startServer starts a server process and stops it (SIGTERM, then SIGKILL) when the test ends;
// its output is logged if the test fails, and returned.
func startServer(t *testing.T, label, dir string, env []string, name string, args ...string) *syncBuffer {
	t.Helper()
	out := &syncBuffer{}
	cmd := exec.Command(name, args...)
	cmd.Dir = dir
	cmd.Env = env
	cmd.Stdout, cmd.Stderr = out, out
	require.NoError(t, cmd.Start(), "starting %s", label)
	exited := make(chan struct{})
	go func() { _ = cmd.Wait(); close(exited) }()
	t.Cleanup(func() {
		_ = cmd.Process.Signal(syscall.SIGTERM)
		select {
		case <-exited:
		case <-time.After(5 * time.Second):
			_ = cmd.Process.Kill()
			<-exited
		}
		if t.Failed() {
			t.Logf("%s output:\n%s", label, out.String())
		}
	})
	return out
}

func waitReady(t *testing.T, client *http.Client, label, addr string) {
	t.Helper()
	waitReadyWithin(t, client, label, addr, 90*time.Second)
}

// waitReadyWithin is waitReady for a server whose start-up may take longer than 90 s.
func waitReadyWithin(t *testing.T, client *http.Client, label, addr string, limit time.Duration) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), limit)
	defer cancel()
	for {
		req, _ := http.NewRequestWithContext(ctx, "GET", "http://"+addr+"/robots.txt", nil)
		req.Host = fixtureHost
		res, err := client.Do(req)
		if err == nil {
			res.Body.Close()
			return
		}
		select {
		case <-ctx.Done():
			t.Fatalf("%s did not answer on %s within %v: %v", label, addr, limit, err)
		case <-time.After(100 * time.Millisecond):
		}
	}
}

func freeAddr(t *testing.T) string {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	defer l.Close()
	return l.Addr().String()
}

// dirSize returns the bytes of .js files and of all files under dir.
func dirSize(t *testing.T, dir string) (js, all int64) {
	t.Helper()
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		info, err := d.Info()
		if err != nil {
			return err
		}
		all += info.Size()
		if strings.HasSuffix(p, ".js") {
			js += info.Size()
		}
		return nil
	})
	require.NoError(t, err)
	return js, all
}

func kb(n int64) string { return fmt.Sprintf("%.1f KB", float64(n)/1000) }

type syncBuffer = syncbuf.Buffer
