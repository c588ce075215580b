package cli

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/kitwasm/kitwasm/edge"
	"github.com/kitwasm/kitwasm/internal/testworker"
	"github.com/kitwasm/kitwasm/wasmhost"
)

// limitsWorker does, per path, one thing that a platform limit bounds.
const limitsWorker = `
export default {
  async fetch(request, env) {
    const u = new URL(request.url);
    const n = +u.searchParams.get('n');
    switch (u.pathname) {
      case '/spin': { const t = Date.now(); while (Date.now() - t < n); return new Response('spun ' + n); }
      case '/loop': for (;;);
      case '/sleep': await new Promise((r) => setTimeout(r, n)); return new Response('slept ' + n);
      case '/mem': { const b = new Uint8Array(n << 20); b[b.length - 1] = 1; return new Response('allocated ' + n); }
      case '/fetch':
        try {
          for (let i = 0; i < n; i++) await (await fetch(env.UPSTREAM)).text();
          return new Response('fetched ' + n);
        } catch (e) { return new Response(e.message, { status: 502 }); }
      case '/header': return new Response('h', { headers: { 'x-big': 'a'.repeat(n) } });
      case '/read':
        try {
          const s = await globalThis.__kitwasm.readAsset(u.searchParams.get('file'));
          return new Response(s);
        } catch (e) { return new Response(e.message, { status: 500 }); }
      case '/throw': throw new Error('boom');
    }
    return new Response('ok');
  },
};`

// emulated is kitwasm serve's request chain for --target target --plan plan (target
// "kitwasm": no emulation, the switch-off check of every test), over the shared test engine,
// whose memory limit is both platforms' 128 MiB. keep leaves out the CPU limit unless the
// test is about it ("cpu"), so that QuickJS's speed on a loaded machine does not decide
// another limit's test. errs collects what the pool reports.
type emulatedServer struct {
	h    http.Handler
	mu   sync.Mutex
	errs []error
}

func (s *emulatedServer) lastErr() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if len(s.errs) == 0 {
		return nil
	}
	return s.errs[len(s.errs)-1]
}

func emulated(t *testing.T, target, plan, keep string, app *loadedApp, dir string) *emulatedServer {
	return emulatedLog(t, target, plan, keep, app, dir, io.Discard)
}

func emulatedLog(t *testing.T, target, plan, keep string, app *loadedApp, dir string, log io.Writer) *emulatedServer {
	t.Helper()
	upstream := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { io.WriteString(w, "up") }))
	t.Cleanup(upstream.Close)
	o := &serveOptions{timeout: 2 * time.Second, maxBody: "1GB"}
	if app == nil {
		app = &loadedApp{}
	}
	em, err := newEmulation(target, plan, o, map[string]bool{}, app, dir)
	require.NoError(t, err)
	if em != nil {
		assert.EqualValues(t, 2048, em.memoryLimit(), "128 MiB: the shared engine's limit, which this test relies on")
		if keep != "cpu" {
			em.limits.CPUTime = 0
		}
	}
	s := &emulatedServer{}
	policy := edge.FetchPolicy{Allow: []string{strings.TrimPrefix(upstream.URL, "http://")}}
	cfg := wasmhost.PoolConfig{
		Env: map[string]string{"UPSTREAM": upstream.URL}, RequestTimeout: o.timeout, Fetcher: policy.Fetcher(), Assets: app.assets,
		MinIdle: 1, MaxIsolates: 2,
		OnError: func(_ *wasmhost.Request, err error) { s.mu.Lock(); s.errs = append(s.errs, err); s.mu.Unlock() },
	}
	em.pool(&cfg, app, log)
	pool := testworker.Pool(t, testworker.Source(t, limitsWorker), cfg)
	maxBody, _ := parseSize(o.maxBody)
	ecfg := edge.Config{MaxBodyBytes: maxBody}
	em.edgeConfig(&ecfg, io.Discard)
	s.h = edge.NewHandler(pool, ecfg)
	return s
}

func (s *emulatedServer) do(t *testing.T, r *http.Request) (int, string) {
	t.Helper()
	rec := httptest.NewRecorder()
	s.h.ServeHTTP(rec, r)
	return rec.Code, strings.TrimSpace(rec.Body.String())
}

func (s *emulatedServer) get(t *testing.T, target string) (int, string) {
	t.Helper()
	return s.do(t, httptest.NewRequest("GET", target, nil))
}

// Cloudflare, Workers Free: 10 ms of CPU time. A request that spins 2 ms runs; one that
// waits 100 ms on a timer runs too (waiting is not CPU time); one that never stops gets
// Cloudflare's error 1102. Without the emulation the loop runs to the 2 s deadline and gets
// kitwasm's 503.
func TestEmulateCloudflareCPUTime(t *testing.T) {
	cf := emulated(t, "cloudflare", "free", "cpu", nil, "")
	code, body := cf.get(t, "/spin?n=2")
	assert.Equal(t, 200, code, body)
	code, body = cf.get(t, "/sleep?n=100")
	assert.Equal(t, 200, code, "a timer's wait is not CPU time: %s", body)
	start := time.Now()
	code, body = cf.get(t, "/loop")
	assert.Equal(t, 503, code)
	assert.Equal(t, "error code: 1102", body)
	assert.ErrorIs(t, cf.lastErr(), wasmhost.ErrCPUTime)
	t.Logf("stopped after %v of wall time", time.Since(start))

	off := emulated(t, "kitwasm", "", "cpu", nil, "")
	code, body = off.get(t, "/loop")
	assert.Equal(t, 503, code)
	assert.NotEqual(t, "error code: 1102", body, "without the emulation only the deadline stops it")
	assert.False(t, errors.Is(off.lastErr(), wasmhost.ErrCPUTime))
}

// Fastly: 50 ms of CPU time; 20 ms of spinning passes, an endless loop gets 503 from the
// CPU limit (kitwasm's own answer is the same 503, at its deadline: the error tells them apart).
func TestEmulateFastlyCPUTime(t *testing.T) {
	fa := emulated(t, "fastly", "", "cpu", nil, "")
	code, body := fa.get(t, "/spin?n=20")
	assert.Equal(t, 200, code, body)
	code, _ = fa.get(t, "/loop")
	assert.Equal(t, 503, code)
	assert.ErrorIs(t, fa.lastErr(), wasmhost.ErrCPUTime)
}

// Memory: 128 MiB per isolate on both platforms, the runtime's own limit (QuickJS's heap
// limit inside it is 112 MiB); over it Cloudflare answers 1102 (kitwasm: 500). 104 MiB in one
// allocation fits, 120 MiB does not.
func TestEmulateCloudflareMemory(t *testing.T) {
	cf := emulated(t, "cloudflare", "", "", nil, "")
	code, body := cf.get(t, "/mem?n=104")
	assert.Equal(t, 200, code, body)
	code, body = cf.get(t, "/mem?n=120")
	assert.Equal(t, 503, code)
	assert.Equal(t, "error code: 1102", body)

	off := emulated(t, "kitwasm", "", "", nil, "")
	code, body = off.get(t, "/mem?n=120")
	assert.Equal(t, 500, code)
	assert.Equal(t, "Internal Server Error", body)
}

// Subrequests: Workers Free allow 50 fetches per request, Fastly 32 (10 on a trial account);
// the one over rejects with the platform's message. Without the emulation there is no count.
func TestEmulateSubrequests(t *testing.T) {
	for _, c := range []struct {
		target, plan string
		limit        int
		msg          string
	}{
		{"cloudflare", "free", 50, "Too many subrequests by single Worker invocation. To configure this limit, refer to https://developers.cloudflare.com/workers/platform/limits/"},
		{"fastly", "", 32, "Too many backend requests: Fastly Compute allows 32 per execution"},
		{"fastly", "trial", 10, "Too many backend requests: Fastly Compute allows 10 per execution"},
	} {
		t.Run(c.target+"/"+c.plan, func(t *testing.T) {
			s := emulated(t, c.target, c.plan, "", nil, "")
			code, body := s.get(t, fmt.Sprintf("/fetch?n=%d", c.limit))
			assert.Equal(t, 200, code, body)
			code, body = s.get(t, fmt.Sprintf("/fetch?n=%d", c.limit+1))
			assert.Equal(t, 502, code)
			assert.Equal(t, c.msg, body)
		})
	}
	off := emulated(t, "kitwasm", "", "", nil, "")
	code, body := off.get(t, "/fetch?n=51")
	assert.Equal(t, 200, code, body)
}

// zeros is a body of n zero bytes that is never held in memory.
type zeros struct{ n int64 }

func (z *zeros) Read(p []byte) (int, error) {
	if z.n <= 0 {
		return 0, io.EOF
	}
	if int64(len(p)) > z.n {
		p = p[:z.n]
	}
	clear(p)
	z.n -= int64(len(p))
	return len(p), nil
}

// Request body: 100 MiB on Cloudflare (a Free or Pro zone): a body of exactly that passes,
// one byte more gets 413. (Without the emulation, --max-body decides: here 1 GB.)
func TestEmulateCloudflareRequestBody(t *testing.T) {
	post := func(s *emulatedServer, n int64) int {
		r := httptest.NewRequest("POST", "/", &zeros{n})
		r.ContentLength = n
		code, _ := s.do(t, r)
		return code
	}
	cf := emulated(t, "cloudflare", "", "", nil, "")
	assert.Equal(t, 200, post(cf, 100<<20))
	assert.Equal(t, 413, post(cf, 100<<20+1))
	off := emulated(t, "kitwasm", "", "", nil, "")
	assert.Equal(t, 200, post(off, 100<<20+1))
}

// URL: 16 KiB on Cloudflare, 8 KiB on Fastly, measured on the absolute URL; 414 beyond.
func TestEmulateURLLength(t *testing.T) {
	for target, limit := range map[string]int{"cloudflare": 16 << 10, "fastly": 8 << 10} {
		s := emulated(t, target, "", "", nil, "")
		off := emulated(t, "kitwasm", "", "", nil, "")
		prefix := "http://example.com/?q="
		at := prefix + strings.Repeat("a", limit-len(prefix))
		code, _ := s.get(t, at)
		assert.Equal(t, 200, code, target)
		code, _ = s.get(t, at+"a")
		assert.Equal(t, 414, code, target)
		code, _ = off.get(t, at+"a")
		assert.Equal(t, 200, code)
	}
}

// Request headers: 128 KiB in total on Cloudflare, 69 KiB per header on Fastly (counted as
// "name: value\r\n"); 431 beyond.
func TestEmulateRequestHeaders(t *testing.T) {
	send := func(s *emulatedServer, sizes ...int) int {
		r := httptest.NewRequest("GET", "http://example.com/", nil) // Host: 11+4+11 bytes
		for i, n := range sizes {
			name := fmt.Sprintf("X-H%d", i)
			r.Header.Set(name, strings.Repeat("v", n-len(name)-4))
		}
		code, _ := s.do(t, r)
		return code
	}
	host := len("Host") + len("example.com") + 4
	cf := emulated(t, "cloudflare", "", "", nil, "")
	assert.Equal(t, 200, send(cf, 64<<10, 64<<10-host))
	assert.Equal(t, 431, send(cf, 64<<10, 64<<10-host+1))
	fa := emulated(t, "fastly", "", "", nil, "")
	assert.Equal(t, 200, send(fa, 69<<10, 69<<10))
	assert.Equal(t, 431, send(fa, 69<<10+1))
	off := emulated(t, "kitwasm", "", "", nil, "")
	assert.Equal(t, 200, send(off, 64<<10, 64<<10))
}

// Response headers: 128 KiB in total on Cloudflare (answered as a Worker that failed, 1101),
// 69 KiB per header on Fastly (500).
func TestEmulateResponseHeaders(t *testing.T) {
	// The worker's headers: content-type (text/plain;charset=UTF-8) and x-big.
	ct := len("content-type") + len("text/plain;charset=UTF-8") + 4
	big := len("x-big") + 4
	cf := emulated(t, "cloudflare", "", "", nil, "")
	code, body := cf.get(t, fmt.Sprintf("/header?n=%d", 128<<10-ct-big))
	assert.Equal(t, 200, code)
	code, body = cf.get(t, fmt.Sprintf("/header?n=%d", 128<<10-ct-big+1))
	assert.Equal(t, 500, code)
	assert.Equal(t, "error code: 1101", body)
	fa := emulated(t, "fastly", "", "", nil, "")
	code, _ = fa.get(t, fmt.Sprintf("/header?n=%d", 69<<10-big))
	assert.Equal(t, 200, code)
	code, _ = fa.get(t, fmt.Sprintf("/header?n=%d", 69<<10-big+1))
	assert.Equal(t, 500, code)
	off := emulated(t, "kitwasm", "", "", nil, "")
	code, _ = off.get(t, fmt.Sprintf("/header?n=%d", 200<<10))
	assert.Equal(t, 200, code)
}

// A worker that throws: Cloudflare's 1101 (kitwasm: 500 Internal Server Error).
func TestEmulateCloudflareException(t *testing.T) {
	code, body := emulated(t, "cloudflare", "", "", nil, "").get(t, "/throw")
	assert.Equal(t, 500, code)
	assert.Equal(t, "error code: 1101", body)
	_, body = emulated(t, "kitwasm", "", "", nil, "").get(t, "/throw")
	assert.Equal(t, "Internal Server Error", body)
}

// read(): a build whose route /embedded embeds its file for Cloudflare, route /client reads a
// file kit also wrote among the client files, route /none reads one that reaches Cloudflare
// by neither way, and route /big one over the 25 MiB of the assets mode; u.txt is a client
// file no route references. On Cloudflare e, c and u read, the others fail as the assets
// binding would; on Fastly (no route embeds for it) all fail; kitwasm reads all.
func TestEmulateReadOfServerAssets(t *testing.T) {
	dir := t.TempDir()
	write := func(name string, size int) {
		p := filepath.Join(dir, filepath.FromSlash(name))
		require.NoError(t, os.MkdirAll(filepath.Dir(p), 0o755))
		require.NoError(t, os.WriteFile(p, bytes.Repeat([]byte("x"), size), 0o644))
	}
	write("worker.js", 100)
	write("server-assets/e.txt", 10)
	write("server-assets/c.txt", 10)
	write("client/c.txt", 10)
	write("server-assets/n.txt", 10)
	write("server-assets/big.txt", 25<<20+1)
	write("server-assets/u.txt", 10) // referenced by no route (kit's analysis can miss one)
	write("client/u.txt", 10)
	route := func(id, file string, size int, cf string) edge.Route {
		r := edge.Route{ID: id, Read: true, Config: map[string]any{}, Assets: []edge.ServerAsset{{File: file, Size: int64(size)}}}
		if cf != "" {
			r.Config["kitwasm"] = map[string]any{"read": map[string]any{"cloudflare": cf}}
		}
		return r
	}
	m := &edge.Manifest{
		Version: 1, Worker: "worker.js", Bytecode: "worker.qjsbc", ServerAssets: "server-assets",
		Files: map[string]*edge.Asset{"/c.txt": {File: "client/c.txt", Size: 10}, "/u.txt": {File: "client/u.txt", Size: 10}},
		Routes: []edge.Route{route("/embedded", "e.txt", 10, "embed"), route("/client", "c.txt", 10, ""),
			route("/none", "n.txt", 10, ""), route("/big", "big.txt", 25<<20+1, "assets")},
	}
	app := &loadedApp{manifest: m, assets: os.DirFS(filepath.Join(dir, "server-assets"))}
	read := func(s *emulatedServer, file string) (int, string) { return s.get(t, "/read?file="+file) }

	var log syncBuffer
	cf := emulatedLog(t, "cloudflare", "", "", app, dir, &log)
	for _, f := range []string{"e.txt", "c.txt", "u.txt"} {
		code, body := read(cf, f)
		assert.Equal(t, 200, code, "%s: %s", f, body)
	}
	for f, why := range map[string]string{"n.txt": "route /none cannot read it on Cloudflare Workers", "big.txt": "route /big cannot read it on Cloudflare Workers: big.txt is 25.0 MiB, over the limit of 25.0 MiB per file"} {
		code, body := read(cf, f)
		assert.Equal(t, 500, code, f)
		assert.Contains(t, body, "the assets binding answered 404 for /"+f, f)
		assert.Contains(t, log.String(), fmt.Sprintf("kitwasm: read(%q) fails as on Cloudflare Workers: %s", f, why), f)
	}
	fa := emulated(t, "fastly", "", "", app, dir)
	code, body := read(fa, "e.txt")
	assert.Equal(t, 500, code)
	assert.Contains(t, body, "not embedded in the Fastly Compute package")
	off := emulated(t, "kitwasm", "", "", app, dir)
	for _, f := range []string{"e.txt", "c.txt", "n.txt"} {
		code, body := read(off, f)
		assert.Equal(t, 200, code, "%s: %s", f, body)
	}
}

// The start-up block names the target, plan and runtime, and every limit with its value and
// source; unknown targets and plans are usage errors.
func TestEmulationStartUp(t *testing.T) {
	o := &serveOptions{timeout: 30 * time.Second, maxBody: "100MB"}
	em, err := newEmulation("fastly", "trial", o, map[string]bool{}, &loadedApp{}, "")
	require.NoError(t, err)
	var b bytes.Buffer
	em.announce(&b)
	out := b.String()
	for _, want := range []string{
		"emulating Fastly Compute (--target fastly, --plan trial: trial account) with the ordinary kitwasm runtime",
		"CPU time per request:", "50 ms", "wall-clock time per request:", "60 s", "backend requests per execution:", "10,",
		"URL:", "8 KiB", "one request header:", "69 KiB", "from https://docs.fastly.com/products/compute-resource-limits",
		"request body:                    none stated by Fastly Compute; --max-body 100MB applies",
	} {
		assert.Contains(t, out, want)
	}
	em, err = newEmulation("fastly", "", o, map[string]bool{"timeout": true}, &loadedApp{}, "")
	require.NoError(t, err)
	assert.Zero(t, em.timeout, "--timeout given: it wins")

	worker := testworker.Source(t, `export default { fetch() { return new Response('x') } }`)
	var stdout, stderr bytes.Buffer
	assert.Equal(t, 2, Main([]string{"serve", "--target", "deno", worker}, &stdout, &stderr))
	assert.Contains(t, stderr.String(), `--target "deno": known targets are kitwasm, cloudflare, fastly`)
	stderr.Reset()
	assert.Equal(t, 2, Main([]string{"serve", "--target", "cloudflare", "--plan", "gold", worker}, &stdout, &stderr))
	assert.Contains(t, stderr.String(), `cloudflare has no plan "gold"; its plans: free, paid (default paid)`)
}
