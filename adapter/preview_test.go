package adapter_test

// `vite preview` of a kitwasm build: the adapter's Vite plugin starts `kitwasm serve` with the
// preview server and proxies every request to it, so that preview answers exactly as
// production does, from the Wasm runtime, and never from Node.

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestVitePreviewRunsInKitwasm(t *testing.T) {
	a := prepareApp(t, "fixture")
	kitEnv := append(a.env, "ADAPTER=kitwasm", "KITWASM_BIN="+a.kitwasm)
	if !fixtureBuiltWithKitwasm {
		viteBuild(t, a.dir, a.node, kitEnv)
		fixtureBuiltWithKitwasm = true
	}
	client := &http.Client{
		Timeout:       30 * time.Second,
		Transport:     &http.Transport{DisableCompression: true},
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
	}

	// Production: kitwasm serve build, as the README says (the gated routes fetch 127.0.0.1).
	serveAddr := freeAddr(t)
	startServer(t, "kitwasm serve", a.dir, a.env, a.kitwasm, "serve", "--quiet", "--addr", serveAddr, "--allow-fetch", "127.0.0.1", "build")

	p := startPreview(t, a, kitEnv)
	pid := p.runtimePID(t)
	waitReady(t, client, "kitwasm serve", serveAddr)
	first, warm := timeFirstAndWarm(t, client, p.addr)
	t.Logf("vite preview through kitwasm: first request %v, warm request %v (median of %d)", first, warm, warmRuns)

	// (a) The runtime answers, with the production platform.
	var fromPreview, fromServe map[string]any
	for _, x := range []struct {
		addr string
		into *map[string]any
	}{{p.addr, &fromPreview}, {serveAddr, &fromServe}} {
		// A client's own X-Forwarded-* must not be believed (the preview proxy sets them).
		res, err := do(client, x.addr, e2eRequest{method: "GET", path: "/runtime", headers: map[string]string{
			"x-forwarded-for": "203.0.113.9", "x-forwarded-proto": "https", "x-forwarded-host": "evil.test"}})
		require.NoError(t, err)
		require.Equal(t, 200, res.status, "%s", res.body)
		require.NoError(t, json.Unmarshal(res.body, x.into), "%s", res.body)
	}
	assert.Regexp(t, `^kitwasm/`, fromPreview["userAgent"], "vite preview must answer from the kitwasm runtime, not Node")
	assert.Nil(t, fromPreview["node"], "process.versions.node under vite preview")
	assert.Equal(t, []any{"env", "context"}, fromPreview["platform"], "event.platform's keys under vite preview")
	assert.Equal(t, "127.0.0.1", fromPreview["client"], "getClientAddress() is the browser's, never a client-sent X-Forwarded-For")
	assert.Equal(t, "http:", fromPreview["protocol"], "the scheme is the connection's, never a client-sent X-Forwarded-Proto")
	assert.Equal(t, fromServe, fromPreview, "vite preview and kitwasm serve build differ in /runtime")

	// (b, c) Pages, static and prerendered files, form actions: as kitwasm serve answers them.
	form := map[string]string{"origin": fixtureOrigin, "content-type": "application/x-www-form-urlencoded", "accept": "text/html"}
	requests := []e2eRequest{
		{name: "page with layout loads", method: "GET", path: "/"},
		{name: "page with setHeaders", method: "GET", path: "/blog/hello"},
		{name: "error page", method: "GET", path: "/blog/nope"},
		{name: "redirect", method: "GET", path: "/go/307?to=/form%3Fx%3D%C3%BC"},
		{name: "__data.json", method: "GET", path: "/blog/hello/__data.json"},
		{name: "static file", method: "GET", path: "/robots.txt"},
		{name: "static file revalidation", method: "GET", path: "/robots.txt", headers: map[string]string{"if-none-match": thisServersETag}},
		{name: "static file range", method: "GET", path: "/robots.txt", headers: map[string]string{"range": "bytes=0-9"}},
		{name: "static file with a unicode name", method: "GET", path: "/caf%C3%A9.txt"},
		{name: "prerendered page", method: "GET", path: "/prerendered"},
		{name: "prerendered page, br", method: "GET", path: "/prerendered", headers: map[string]string{"accept-encoding": "br"}},
		{name: "HEAD of a page", method: "HEAD", path: "/blog/hello"},
		{name: "form action: two cookies set", method: "POST", path: "/form?/login", headers: form, body: "name=Zo%C3%AB"},
		{name: "form action: fail(422)", method: "POST", path: "/form?/login", headers: form, body: "name=" + strings.Repeat("x", 30)},
		{name: "CSRF: cross-origin form POST", method: "POST", path: "/form?/login", headers: map[string]string{"origin": "http://evil.test", "content-type": "application/x-www-form-urlencoded"}, body: "name=mallory"},
		{name: "JSON endpoint POST", method: "POST", path: "/api/items", headers: map[string]string{"content-type": "application/json"}, body: `{"name":"pfirsich","tags":["ü"]}`},
		{name: "streamed endpoint", method: "GET", path: "/api/stream"},
		{name: "read() of server assets", method: "GET", path: "/assets"},
		{name: "no such route", method: "GET", path: "/does/not/exist"},
	}
	// Vite's CORS middleware, which runs before the adapter's, adds Vary: Origin to every answer.
	except := map[string]headerCheck{"vary": func(_, _ *e2eResponse, serve, preview []string) string {
		if want := append([]string{"Origin"}, serve...); !slices.Equal(preview, want) {
			return fmt.Sprintf("want %q: kitwasm serve's, after Vite's Origin", want)
		}
		return ""
	}}
	for _, r := range requests {
		want, err := do(client, serveAddr, r)
		require.NoError(t, err, "kitwasm serve: %s %s", r.method, r.path)
		got, err := do(client, p.addr, r)
		require.NoError(t, err, "vite preview: %s %s", r.method, r.path)
		if d := want.diff(got, except); d != "" {
			t.Errorf("%s %s (%s): vite preview (as \"kitwasm\") differs from kitwasm serve build (as \"adapter-node\"):\n%s", r.method, r.path, r.name, d)
		}
		if r.name == "form action: two cookies set" {
			assert.Len(t, got.header.Values("set-cookie"), 2, "both cookies reach the browser")
		}
	}

	// (d) Streamed responses reach the client while they are produced.
	gate := newGate(t, gateTimeout)
	for _, c := range []struct{ path, first, released string }{
		{"/api/gated", "first ✓\n", "gate: released\n"},
		{"/streamed", `id="fast"`, "gate: released"},
	} {
		assert.NoError(t, checkStreamed(client, gate, p.addr, c.path, c.first, c.released), "vite preview %s", c.path)
	}

	// (e) The runtime stops with the preview server.
	p.stop(t, syscall.SIGTERM)
	requireGone(t, pid)

	// Kit's own preview of the same build, in Node (adapter-node has no preview plugin), for
	// the figures, and as what (a) would see without the adapter's plugin.
	n := startPreview(t, a, append(a.env, "ADAPTER=node"))
	first, warm = timeFirstAndWarm(t, client, n.addr)
	t.Logf("kit's vite preview in Node: first request %v, warm request %v (median of %d)", first, warm, warmRuns)
	res, err := do(client, n.addr, e2eRequest{method: "GET", path: "/runtime"})
	require.NoError(t, err)
	t.Logf("kit's vite preview in Node answers /runtime with %s", res.body)
	n.stop(t, syscall.SIGTERM)
}

// TestVitePreviewStops checks the other ways preview ends: SIGINT to vite alone stops the
// runtime too, and without a build or a kitwasm binary vite preview fails, saying what to
// do, instead of rendering in Node.
func TestVitePreviewStops(t *testing.T) {
	a := prepareApp(t, "fixture")
	kitEnv := append(a.env, "ADAPTER=kitwasm", "KITWASM_BIN="+a.kitwasm)
	if !fixtureBuiltWithKitwasm {
		viteBuild(t, a.dir, a.node, kitEnv)
		fixtureBuiltWithKitwasm = true
	}

	p := startPreview(t, a, kitEnv)
	pid := p.runtimePID(t)
	p.stop(t, syscall.SIGINT)
	requireGone(t, pid)

	for _, c := range []struct {
		name string
		env  []string
		want string
	}{
		{"no build", append(kitEnv, "KITWASM_OUT="+filepath.Join(t.TempDir(), "nothing")), "Run `vite build` first"},
		{"no kitwasm binary", append(a.env, "ADAPTER=kitwasm", "KITWASM_BIN=/nonexistent/kitwasm"), "KITWASM_BIN is set to /nonexistent/kitwasm, which does not run"},
	} {
		ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
		port := strconv.Itoa(freePort(t))
		cmd := exec.CommandContext(ctx, a.node, filepath.Join("node_modules", "vite", "bin", "vite.js"), "preview", "--port", port, "--strictPort")
		cmd.Dir, cmd.Env = a.dir, append(c.env, "NO_COLOR=1")
		out, err := cmd.CombinedOutput()
		kept := ctx.Err()
		cancel()
		require.NoError(t, kept, "%s: vite preview kept running:\n%s", c.name, out)
		var exit *exec.ExitError
		assert.True(t, errors.As(err, &exit), "%s: vite preview must fail (%v):\n%s", c.name, err, out)
		assert.Contains(t, string(out), c.want, "%s: the error says what to do", c.name)
		assert.NotContains(t, string(out), "Local:", "%s: vite preview must not serve", c.name)
	}
}

// viteServer is a `vite preview` or `vite dev` process of a test app.
type viteServer struct {
	mode   string // "preview" or "dev"
	cmd    *exec.Cmd
	out    *syncBuffer
	exited chan struct{}
	addr   string
}

type (
	previewServer = viteServer
	devServer     = viteServer
)

// startPreview runs `vite preview` in the app with env and waits until it prints its URL.
func startPreview(t *testing.T, a *kitApp, env []string) *previewServer {
	t.Helper()
	return startVite(t, a, "preview", env)
}

// startVite runs `vite <mode>` in the app with env and waits until it prints its URL.
func startVite(t *testing.T, a *kitApp, mode string, env []string) *viteServer {
	t.Helper()
	port := freePort(t)
	p := &viteServer{mode: mode, out: &syncBuffer{}, exited: make(chan struct{}), addr: net.JoinHostPort("127.0.0.1", strconv.Itoa(port))}
	p.cmd = exec.Command(a.node, filepath.Join("node_modules", "vite", "bin", "vite.js"), mode, "--host", "127.0.0.1", "--port", strconv.Itoa(port), "--strictPort")
	p.cmd.Dir, p.cmd.Env = a.dir, append(env, "NO_COLOR=1") // CI=true turns colours on, which splits "Local:" from its URL
	p.cmd.Stdout, p.cmd.Stderr = p.out, p.out
	// A group of its own: the cleanup's SIGKILL of vite cannot reach the kitwasm serve it
	// started, which would outlive the test (and the CI job) unless the group is killed too.
	p.cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	require.NoError(t, p.cmd.Start())
	go func() { _ = p.cmd.Wait(); close(p.exited) }()
	t.Cleanup(func() {
		p.stop(t, syscall.SIGKILL)
		_ = syscall.Kill(-p.cmd.Process.Pid, syscall.SIGKILL) // what vite left running
		if t.Failed() {
			t.Logf("vite %s output:\n%s", p.mode, p.out.String())
		}
	})
	p.waitOutput(t, regexp.MustCompile(`Local:\s+http://`))
	return p
}

// waitOutput waits until the output matches re, or fails if vite exits first or has not
// printed it within 90 s (as waitReady; only a hung start takes that long).
func (p *viteServer) waitOutput(t *testing.T, re *regexp.Regexp) {
	t.Helper()
	limit := time.After(90 * time.Second)
	for !re.MatchString(p.out.String()) {
		select {
		case <-p.exited:
			t.Fatalf("vite %s exited before printing %s:\n%s", p.mode, re, p.out.String())
		case <-limit:
			t.Fatalf("vite %s did not print %s within 90 s:\n%s", p.mode, re, p.out.String())
		case <-time.After(50 * time.Millisecond):
		}
	}
}

// runtimePID is the pid of the kitwasm serve process the plugin started, as it logs it
// before Vite prints its URL; 0, with an error, when that line is missing.
func (p *viteServer) runtimePID(t *testing.T) int {
	t.Helper()
	m := regexp.MustCompile(`kitwasm: preview served by the Wasm runtime \(kitwasm serve build, pid (\d+)\) at http://127\.0\.0\.1:\d+`).FindStringSubmatch(p.out.String())
	if m == nil {
		t.Errorf("vite preview started no kitwasm runtime:\n%s", p.out.String())
		return 0
	}
	pid, err := strconv.Atoi(m[1])
	require.NoError(t, err)
	return pid
}

// stop sends sig to vite and waits for it to exit (killing it after 20 s).
func (p *viteServer) stop(t *testing.T, sig syscall.Signal) {
	t.Helper()
	select {
	case <-p.exited:
		return
	default:
	}
	_ = p.cmd.Process.Signal(sig)
	select {
	case <-p.exited:
	case <-time.After(20 * time.Second):
		_ = p.cmd.Process.Kill()
		<-p.exited
		t.Errorf("vite %s did not exit within 20 s of %v", p.mode, sig)
	}
}

// requireGone waits until pid has exited (a zombie counts: it runs nothing and is reaped by
// whoever inherited it); 20 s covers kitwasm's shutdown of an idle server many times over.
func requireGone(t *testing.T, pid int) {
	t.Helper()
	if pid == 0 {
		return
	}
	for deadline := time.Now().Add(20 * time.Second); ; {
		stat, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", pid))
		if err != nil || zombie(string(stat)) {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("kitwasm serve (pid %d) still runs after vite preview stopped: %s", pid, stat)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// zombie reads the state field of /proc/PID/stat, which follows the parenthesised name.
func zombie(stat string) bool {
	i := strings.LastIndexByte(stat, ')')
	return i >= 0 && strings.HasPrefix(stat[i+1:], " Z")
}

const warmRuns = 20

// timeFirstAndWarm measures the first page request to a server that has just said it is
// ready, then the median of warmRuns more. Figures for the log only: nothing is asserted.
func timeFirstAndWarm(t *testing.T, client *http.Client, addr string) (first, warm time.Duration) {
	t.Helper()
	var times []time.Duration
	for i := 0; i <= warmRuns; i++ {
		start := time.Now()
		res, err := do(client, addr, e2eRequest{method: "GET", path: "/blog/hello"})
		d := time.Since(start)
		require.NoError(t, err)
		require.Equal(t, 200, res.status, "%s", res.body)
		times = append(times, d)
	}
	first, times = times[0], times[1:]
	slices.Sort(times)
	return first.Round(10 * time.Microsecond), times[len(times)/2].Round(10 * time.Microsecond)
}

func freePort(t *testing.T) int {
	t.Helper()
	_, port, err := net.SplitHostPort(freeAddr(t))
	require.NoError(t, err)
	n, err := strconv.Atoi(port)
	require.NoError(t, err)
	return n
}
