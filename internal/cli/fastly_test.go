package cli

import (
	"archive/tar"
	"bytes"
	"compress/gzip"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/kitwasm/kitwasm/adapter"
	"github.com/kitwasm/kitwasm/edge"
	"github.com/kitwasm/kitwasm/edge/compute"
	"github.com/kitwasm/kitwasm/internal/syncbuf"
)

// fastlyTestWorker is a module worker that shows what the Compute entry hands it.
const fastlyTestWorker = `export default {
	async fetch(request, env, ctx) {
		const u = new URL(request.url);
		if (u.pathname === '/platform') return Response.json({ platform: ctx.platform ?? null, client: ctx.clientAddress, url: request.url });
		if (u.pathname === '/fetch') {
			try {
				const r = await fetch(u.searchParams.get('u'));
				return new Response(r.status + ' ' + (await r.text()));
			} catch (e) {
				return new Response('rejected: ' + e.message, { status: 502 });
			}
		}
		if (u.pathname === '/wait') {
			ctx.waitUntil(new Promise((r) => setTimeout(r, 20)).then(() => fetch('https://api.example.com/waited')));
			return new Response('sent');
		}
		if (u.pathname === '/sleep') { await new Promise((r) => setTimeout(r, 20)); return new Response('slept'); }
		if (u.pathname === '/recurse') {
			const f = (k) => (k === 0 ? 0 : 1 + f(k - 1));
			try {
				return new Response('depth ' + f(+u.searchParams.get('n')));
			} catch (e) {
				return new Response(String(e), { status: 500 });
			}
		}
		if (u.pathname === '/echo') return new Response(request.method + ' ' + (await request.text()));
		globalThis.count = (globalThis.count ?? 0) + 1;
		return new Response('<p>hello ' + u.pathname + ' #' + globalThis.count + '</p>', { headers: { 'content-type': 'text/html' } });
	}
};
`

// fastlyTestBuild writes a build directory of fastlyTestWorker with one static file.
func fastlyTestBuild(t *testing.T) string {
	dir := filepath.Join(t.TempDir(), "tiny-app", "build")
	require.NoError(t, os.MkdirAll(filepath.Join(dir, "client"), 0o755))
	require.NoError(t, os.WriteFile(filepath.Join(dir, "worker.js"), []byte(fastlyTestWorker), 0o644))
	require.NoError(t, os.WriteFile(filepath.Join(dir, "client", "robots.txt"), []byte("User-agent: *\n"), 0o644))
	m := edge.Manifest{
		Version: 1, Worker: "worker.js", Bytecode: "worker.qjsbc", AppPath: "_app", ServerAssets: "server-assets",
		Files:     map[string]*edge.Asset{"/robots.txt": {File: "client/robots.txt", Size: 14, ETag: "r1", Type: "text/plain"}},
		Redirects: map[string]string{}, Targets: []string{"fastly"},
		Fastly: &edge.FastlyOptions{Backends: map[string]string{"api.example.com": "api_backend"}},
	}
	b, _ := json.Marshal(m)
	require.NoError(t, os.WriteFile(filepath.Join(dir, edge.ManifestFile), b, 0o644))
	return dir
}

// TestFastlyPackage builds the Compute package of a small worker with kitwasm build --target
// fastly (once: translation and the wasip1 compile take a minute without caches), checks its
// layout, and runs it in the Compute emulation: static file, SSR, platform.fastly, backends,
// waitUntil, and a fresh start per request.
func TestFastlyPackage(t *testing.T) {
	if testing.Short() {
		t.Skip("builds a Compute package (about a minute without caches)")
	}
	dir := fastlyTestBuild(t)
	var log bytes.Buffer
	start := time.Now()
	err := build([]string{"--target", "fastly", dir}, &log, &log)
	require.NoError(t, err, log.String())
	t.Logf("kitwasm build --target fastly in %v:\n%s", time.Since(start).Round(time.Millisecond), log.String())

	// Layout: <name>/fastly.toml and <name>/bin/main.wasm, in the archive and unpacked.
	name := "tiny-app" // the app directory's name
	archive := filepath.Join(dir, "fastly", name+".tar.gz")
	f, err := os.Open(archive)
	require.NoError(t, err)
	defer f.Close()
	zr, err := gzip.NewReader(f)
	require.NoError(t, err)
	tr := tar.NewReader(zr)
	entries := map[string][]byte{}
	for {
		h, err := tr.Next()
		if err == io.EOF {
			break
		}
		require.NoError(t, err)
		if h.Typeflag == tar.TypeDir {
			continue
		}
		b, _ := io.ReadAll(tr)
		entries[h.Name] = b
	}
	var names []string
	for n := range entries {
		names = append(names, n)
	}
	sort.Strings(names)
	assert.Equal(t, []string{name + "/bin/main.wasm", name + "/fastly.toml"}, names)
	wasm := entries[name+"/bin/main.wasm"]
	require.True(t, bytes.HasPrefix(wasm, []byte("\x00asm")), "main.wasm is not Wasm")
	unpacked, err := os.ReadFile(filepath.Join(dir, "fastly", name, "bin", "main.wasm"))
	require.NoError(t, err)
	assert.True(t, bytes.Equal(unpacked, wasm), "unpacked main.wasm differs from the archive's")
	toml := string(entries[name+"/fastly.toml"])
	for _, want := range []string{"manifest_version = 3\n", `name = "tiny-app"`, `language = "other"`, "[scripts]\nbuild = ",
		"[local_server.backends.\"api_backend\"]\nurl = \"https://api.example.com\""} {
		assert.Contains(t, toml, want)
	}
	fi, _ := os.Stat(archive)
	t.Logf("package: main.wasm %s, %s %s", adapter.FormatSize(int64(len(wasm))), filepath.Base(archive), adapter.FormatSize(fi.Size()))

	// Run it as kitwasm serve --target fastly does.
	var backendGot []string
	var mu sync.Mutex
	origin := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		backendGot = append(backendGot, r.Host+r.URL.Path)
		mu.Unlock()
		io.WriteString(w, "from origin")
	}))
	defer origin.Close()
	var stats []compute.Stats
	var logs syncbuf.Buffer
	h, err := compute.NewHandler(wasm, compute.Options{
		Backends: map[string]string{"api_backend": origin.URL}, Log: &logs, CPUTime: -1,
		Observe: func(s compute.Stats) { mu.Lock(); stats = append(stats, s); mu.Unlock() },
	})
	require.NoError(t, err)
	get := func(method, path, body string) (*httptest.ResponseRecorder, compute.Stats) {
		req := httptest.NewRequest(method, "https://app.example"+path, strings.NewReader(body))
		rec := httptest.NewRecorder()
		mu.Lock()
		n := len(stats)
		mu.Unlock()
		h.ServeHTTP(rec, req)
		// Observe runs when the instance ends, which may be after the response.
		for deadline := time.Now().Add(20 * time.Second); ; time.Sleep(2 * time.Millisecond) {
			mu.Lock()
			if len(stats) > n {
				defer mu.Unlock()
				return rec, stats[n]
			}
			mu.Unlock()
			require.True(t, time.Now().Before(deadline), "%s %s: the instance did not end; log:\n%s", method, path, logs.String())
		}
	}

	rec, st := get("GET", "/robots.txt", "")
	assert.Equal(t, 200, rec.Code)
	assert.Equal(t, "User-agent: *\n", rec.Body.String())
	assert.Equal(t, `"r1"`, rec.Header().Get("ETag"))
	t.Logf("static file: instance start to response %v (instantiation %v), CPU %v", st.Response, st.Instantiate, st.CPU)

	for i := 0; i < 2; i++ {
		rec, st = get("GET", "/page", "")
		assert.Equal(t, 200, rec.Code)
		// #1 every time: each request runs in a fresh instance restored from the snapshot.
		assert.Equal(t, "<p>hello /page #1</p>", rec.Body.String())
		assert.Equal(t, "text/html", rec.Header().Get("Content-Type"))
		t.Logf("SSR: instance start to response %v (instantiation %v), CPU %v", st.Response, st.Instantiate, st.CPU)
	}

	// Recursion a few hundred deep works; deeper fails with 500, as a RangeError or (the
	// translated engine's frames exhaust the Wasm stack first: edge/fastly's jsStackBytes) a
	// trap of that instance only: the next request is served.
	rec, _ = get("GET", "/recurse?n=400", "")
	assert.Equal(t, "depth 400", rec.Body.String())
	rec, _ = get("GET", "/recurse?n=100000", "")
	assert.Equal(t, 500, rec.Code)
	if b := rec.Body.String(); b != "RangeError: Maximum call stack size exceeded" {
		t.Logf("deep recursion: %q (log: %s)", b, logs.String())
	}
	rec, _ = get("GET", "/recurse?n=10", "")
	assert.Equal(t, "depth 10", rec.Body.String())

	rec, _ = get("POST", "/echo", "a body")
	assert.Equal(t, "POST a body", rec.Body.String())

	rec, _ = get("GET", "/platform", "")
	var p struct {
		Platform struct {
			Fastly struct {
				Client struct {
					Address string
					Geo     map[string]any
				}
				POP string
			}
		}
		Client, URL string
	}
	require.NoError(t, json.Unmarshal(rec.Body.Bytes(), &p), rec.Body.String())
	assert.Equal(t, "https://app.example/platform", p.URL)
	assert.NotEmpty(t, p.Client)
	assert.Equal(t, p.Client, p.Platform.Fastly.Client.Address)
	assert.Equal(t, "ZZ", p.Platform.Fastly.Client.Geo["country_code"], "geolocation from the SDK (the emulation's answer)")

	rec, _ = get("GET", "/fetch?u=https://api.example.com/data", "")
	assert.Equal(t, "200 from origin", rec.Body.String())
	rec, _ = get("GET", "/fetch?u=https://other.example/x", "")
	assert.Equal(t, 502, rec.Code)
	assert.Contains(t, rec.Body.String(), "fetch not allowed: other.example has no Compute backend")
	rec, _ = get("GET", "/fetch?u=https://app.example/robots.txt", "")
	assert.Equal(t, "200 User-agent: *\n", rec.Body.String(), "own origin answered in the instance")
	rec, _ = get("GET", "/fetch?u=https://app.example/page", "")
	assert.Equal(t, "200 <p>hello /page #1</p>", rec.Body.String(), "own origin's worker answered in the instance, by a second fresh isolate")

	rec, _ = get("GET", "/sleep", "")
	assert.Equal(t, "slept", rec.Body.String())
	rec, _ = get("GET", "/wait", "")
	assert.Equal(t, "sent", rec.Body.String())
	mu.Lock()
	assert.Contains(t, backendGot, "api.example.com/waited", "ctx.waitUntil's fetch ran before the instance ended")
	mu.Unlock()
	assert.NotContains(t, logs.String(), "panic")
}

// The fastly target's errors say what to change: no Go on PATH, a bad package name, a
// KITWASM_SRC that is not kitwasm's source.
func TestFastlyBuildErrors(t *testing.T) {
	dir := fastlyTestBuild(t)
	var log bytes.Buffer
	t.Setenv("PATH", t.TempDir())
	err := build([]string{"--target", "fastly", dir}, &log, &log)
	require.Error(t, err)
	assert.Contains(t, err.Error(), "the fastly target builds a Wasm program with Go, and `go` is not on PATH: install Go "+goModVersion("../..")+" or later")
	assert.Contains(t, err.Error(), "https://go.dev/dl/")

	m, err := edge.ReadManifest(dir)
	require.NoError(t, err)
	m.Fastly.Name = "my app"
	_, err = buildFastly(t.Context(), dir, m, &log)
	assert.ErrorContains(t, err, `fastly package name "my app": use letters, digits, '.', '_' and '-' (adapter option fastly.name)`)

	err = build([]string{"--target", "cloudflare", dir}, &log, &log)
	assert.ErrorContains(t, err, "the only target built this way is fastly")
}

func TestKitwasmSourceOverride(t *testing.T) {
	t.Setenv("KITWASM_SRC", t.TempDir())
	_, err := kitwasmSource(t.Context(), "go")
	assert.ErrorContains(t, err, "is not the kitwasm module's source")
	t.Setenv("KITWASM_SRC", "")
	src, err := kitwasmSource(t.Context(), "go")
	require.NoError(t, err) // the test runs inside the checkout
	assert.True(t, isKitwasmModule(src), src)
}

func TestFastlyTOML(t *testing.T) {
	toml := fastlyTOML(edge.FastlyOptions{Name: "app", Backends: map[string]string{"b.example:8443": "b", "a.example": "a", "a2.example": "a"}}, "build")
	assert.Equal(t, `# Generated by kitwasm build --target fastly. Deploy with: fastly compute deploy --package <this package's .tar.gz>
manifest_version = 3
name = "app"
description = "A SvelteKit app built with @kitwasm/adapter"
language = "other"

[scripts]
build = "kitwasm build --target fastly build"

[local_server.backends."a"]
url = "https://a.example"
override_host = "a.example"

[local_server.backends."b"]
url = "https://b.example:8443"
override_host = "b.example"
`, toml)
}
