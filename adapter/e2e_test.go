package adapter_test

// The end-to-end comparison of @kitwasm/adapter with @sveltejs/adapter-node: the fixture app in
// testdata/kit/fixture is built with both adapters, both servers are started, and the same
// requests are sent to each. Status, significant headers and body bytes must be identical.

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"io/fs"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/kitwasm/kitwasm/internal/nodetest"
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

// comparedHeaders are compared by name on every response; every x-* header is compared too.
// Not compared: date, connection, keep-alive, transfer-encoding, accept-ranges, and
// content-length (the bodies are compared byte for byte; whether a body is sent chunked or with
// a length is transport), except for HEAD, whose content-length is all there is.
var comparedHeaders = []string{
	"content-type", "content-encoding", "location", "set-cookie", "cache-control", "etag",
	"allow", "vary", "content-disposition", "link",
}

func TestSvelteKitMatchesAdapterNode(t *testing.T) {
	a := prepareApp(t, "fixture")
	app, node, env, kitwasm := a.dir, a.node, a.env, a.kitwasm

	nodeBuild := viteBuild(t, app, node, append(env, "ADAPTER=node"))
	kitBuild := viteBuild(t, app, node, append(env, "ADAPTER=kitwasm", "KITWASM_BIN="+kitwasm))
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
	same := 0
	var timeA, timeB time.Duration
	for _, r := range requests {
		t0 := time.Now()
		a, errA := do(client, nodeAddr, r)
		t1 := time.Now()
		b, errB := do(client, kitAddr, r)
		da, db := t1.Sub(t0), time.Since(t1)
		timeA, timeB = timeA+da, timeB+db
		if db > 500*time.Millisecond && db > 10*da {
			t.Logf("slow: %s %s took %v on kitwasm, %v on adapter-node", r.method, r.path, db.Round(time.Millisecond), da.Round(time.Millisecond))
		}
		if errA != nil || errB != nil {
			t.Errorf("%s %s (%s): adapter-node: %v; kitwasm: %v", r.method, r.path, r.name, errA, errB)
			continue
		}
		if diff := a.diff(b); diff != "" {
			t.Errorf("%s %s (%s) differs:\n%s", r.method, r.path, r.name, diff)
			continue
		}
		same++
	}
	t.Logf("%d of %d requests answered identically by adapter-node and kitwasm", same, len(requests))
	t.Logf("time for all requests: adapter-node %v, kitwasm %v", timeA.Round(time.Millisecond), timeB.Round(time.Millisecond))

	// Streamed responses must reach the client while they are produced, not at the end.
	for _, path := range []string{"/api/stream?n=20", "/streamed"} {
		for _, s := range []struct{ label, addr string }{{"adapter-node", nodeAddr}, {"kitwasm", kitAddr}} {
			first, total, err := firstByte(client, s.addr, path)
			if err != nil {
				t.Errorf("%s %s: %v", s.label, path, err)
				continue
			}
			if total-first < 25*time.Millisecond {
				t.Errorf("%s %s is not streamed: first byte after %v, end after %v", s.label, path, first, total)
			}
		}
	}
}

// firstByte times the first body byte and the end of a GET response.
func firstByte(client *http.Client, addr, path string) (first, total time.Duration, err error) {
	req, err := http.NewRequest("GET", "http://"+addr+path, nil)
	if err != nil {
		return 0, 0, err
	}
	req.Host = fixtureHost
	start := time.Now()
	res, err := client.Do(req)
	if err != nil {
		return 0, 0, err
	}
	defer res.Body.Close()
	if _, err := io.ReadFull(res.Body, make([]byte, 1)); err != nil {
		return 0, 0, err
	}
	first = time.Since(start)
	_, err = io.Copy(io.Discard, res.Body)
	return first, time.Since(start), err
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
	post, err := do(client, nodeAddr, e2eRequest{method: "GET", path: "/blog/hello"})
	require.NoError(t, err)
	robots, err := do(client, nodeAddr, e2eRequest{method: "GET", path: "/robots.txt"})
	require.NoError(t, err)

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
		get("page etag revalidation", "/blog/hello", "if-none-match", post.header.Get("etag")),
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
		get("static file revalidation", "/robots.txt", "if-none-match", robots.header.Get("etag")),
		get("static file with a unicode name", "/caf%C3%A9.txt"),
		get("static JSON file", "/data.json"),
		get("version.json", "/_app/version.json"),
		get("immutable client asset", "/"+start),
		get("immutable client asset, precompressed", "/"+start, "accept-encoding", "br, gzip"),
		get("imported asset file", big),
		get("unicode route", "/%C3%BCn%C3%AFc%C3%B6d%C3%A9"),
		get("large page", "/large"),
		get("event.fetch of the app's own endpoints", "/internal-fetch"),
		get("handle answers by itself, locals from a header", "/hook-response", "x-user", "hookie"),
		get("no such route", "/does/not/exist"),
		get("no such route, JSON accepted", "/api/nope", "accept", "application/json"),
	}
}

type e2eResponse struct {
	status int
	header http.Header
	body   []byte
	method string
}

func do(client *http.Client, addr string, r e2eRequest) (*e2eResponse, error) {
	var body io.Reader
	if r.body != "" {
		body = strings.NewReader(r.body)
	}
	req, err := http.NewRequest(r.method, "http://"+addr+r.path, body)
	if err != nil {
		return nil, err
	}
	req.Host = fixtureHost
	for k, v := range r.headers {
		req.Header.Set(k, v)
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
	return &e2eResponse{status: res.StatusCode, header: res.Header, body: b, method: r.method}, nil
}

// diff describes how b (kitwasm) differs from a (adapter-node), or returns "".
func (a *e2eResponse) diff(b *e2eResponse) string {
	var out []string
	if a.status != b.status {
		out = append(out, fmt.Sprintf("  status: adapter-node %d, kitwasm %d", a.status, b.status))
	}
	names := append([]string(nil), comparedHeaders...)
	if a.method == "HEAD" {
		names = append(names, "content-length")
	}
	for _, h := range []http.Header{a.header, b.header} {
		for k := range h {
			if lk := strings.ToLower(k); strings.HasPrefix(lk, "x-") {
				names = append(names, lk)
			}
		}
	}
	sort.Strings(names)
	seen := map[string]bool{}
	for _, n := range names {
		if seen[n] {
			continue
		}
		seen[n] = true
		va, vb := a.header.Values(n), b.header.Values(n)
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
	nodeAddr, kitAddr = freeAddr(t), freeAddr(t)
	host, port, _ := net.SplitHostPort(nodeAddr)
	startServer(t, "adapter-node", a.dir, append(append(a.env, "HOST="+host, "PORT="+port), nodeEnv...), a.node, "build-node/index.js")
	startServer(t, "kitwasm", a.dir, a.env, a.kitwasm, "serve", "--addr", kitAddr, "build")
	client = &http.Client{
		Timeout:       30 * time.Second,
		Transport:     &http.Transport{DisableCompression: true},
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
	}
	waitReady(t, client, "adapter-node", nodeAddr)
	waitReady(t, client, "kitwasm", kitAddr)
	return client, nodeAddr, kitAddr
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
// its output is logged if the test fails.
func startServer(t *testing.T, label, dir string, env []string, name string, args ...string) {
	t.Helper()
	var out syncBuffer
	cmd := exec.Command(name, args...)
	cmd.Dir = dir
	cmd.Env = env
	cmd.Stdout, cmd.Stderr = &out, &out
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
}

func waitReady(t *testing.T, client *http.Client, label, addr string) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 90*time.Second)
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
			t.Fatalf("%s did not answer on %s within 90 s: %v", label, addr, err)
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

type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}
