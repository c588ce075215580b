package cli

import (
	"bytes"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"regexp"
	"runtime/debug"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/kitwasm/kitwasm/internal/syncbuf"
	"github.com/kitwasm/kitwasm/internal/testworker"
)

type syncBuffer = syncbuf.Buffer

// TestServeStartsAndShutsDownGracefully runs `kitwasm serve` as a user does: flags, env from
// --env and --env-file, start-up lines with the address and timings, then SIGINT while a
// request is in flight: the request completes and the command exits 0. The request in flight
// waits on a gate (an upstream the worker fetches) that the test opens only after the command
// has started shutting down, so no step depends on how fast anything runs.
func TestServeStartsAndShutsDownGracefully(t *testing.T) {
	dir := t.TempDir()
	worker := filepath.Join(dir, "worker.js")
	require.NoError(t, os.WriteFile(worker, []byte(`
export default {
  async fetch(request, env) {
    if (new URL(request.url).pathname === '/slow') {
      const gate = await (await fetch(env.GATE)).text();
      return Response.json({ a: env.A, gate });
    }
    return Response.json({ a: env.A, b: env.B, quoted: env.Q });
  },
};`), 0o644))
	envFile := filepath.Join(dir, ".env")
	require.NoError(t, os.WriteFile(envFile, []byte("# comment\nB=from-file\nexport Q=\"quoted value\"\nA=overridden\n"), 0o644))

	entered, open := make(chan struct{}), make(chan struct{})
	var enterOnce sync.Once
	gate := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		enterOnce.Do(func() { close(entered) })
		select {
		case <-open:
			io.WriteString(w, "opened")
		case <-r.Context().Done():
		}
	}))
	defer gate.Close()
	defer func() {
		select {
		case <-open:
		default:
			close(open) // a failed assertion must not leave the gate's handler blocked
		}
	}()
	gateHost := strings.TrimPrefix(gate.URL, "http://")

	addr := freeAddr(t)

	var stdout, stderr syncBuffer
	done := make(chan int, 1)
	go func() {
		done <- Main([]string{"serve", "--addr", addr, "--env-file", envFile, "--env", "A=from-flag",
			"--env", "GATE=" + gate.URL + "/", "--allow-fetch", gateHost, "--quiet", worker}, &stdout, &stderr)
	}()
	require.Eventually(t, func() bool { return strings.Contains(stdout.String(), "listening on") }, 60*time.Second, 20*time.Millisecond, stderr.String())
	out := stdout.String()
	assert.Contains(t, out, "listening on http://"+addr)
	assert.Regexp(t, regexp.MustCompile(`isolate\s+warm in \S+ \(total start-up \S+\)`), out)

	res, err := http.Get("http://" + addr + "/")
	require.NoError(t, err)
	body, _ := io.ReadAll(res.Body)
	res.Body.Close()
	assert.JSONEq(t, `{"a":"from-flag","b":"from-file","quoted":"quoted value"}`, string(body))

	slow := make(chan string, 1)
	go func() {
		res, err := http.Get("http://" + addr + "/slow")
		if err != nil {
			slow <- err.Error()
			return
		}
		b, _ := io.ReadAll(res.Body)
		res.Body.Close()
		slow <- string(b)
	}()
	wait := func(ch <-chan struct{}, what string) {
		t.Helper()
		select {
		case <-ch:
		case <-time.After(time.Minute): // turns a hang into a failure; not a speed check
			t.Fatalf("%s did not happen", what)
		}
	}
	wait(entered, "the worker's fetch of the gate") // the request is in flight
	require.NoError(t, syscall.Kill(os.Getpid(), syscall.SIGINT))
	require.Eventually(t, func() bool { return strings.Contains(stdout.String(), "shutting down") }, time.Minute, 5*time.Millisecond,
		"no shutdown after SIGINT: %s", stderr.String())
	select {
	case code := <-done:
		t.Fatalf("serve exited with %d while a request was in flight", code)
	case s := <-slow:
		t.Fatalf("the request in flight ended before its gate opened: %s", s)
	default:
	}
	close(open)
	select {
	case s := <-slow:
		assert.JSONEq(t, `{"a":"from-flag","gate":"opened"}`, s, "the request in flight completed")
	case <-time.After(time.Minute):
		t.Fatal("the request in flight did not complete after its gate opened")
	}
	select {
	case code := <-done:
		assert.Equal(t, 0, code, stderr.String())
	case <-time.After(time.Minute):
		t.Fatal("serve did not exit after SIGINT")
	}
	assert.Contains(t, stdout.String(), "shutting down")
}

// TestServeHoldsEarlyConnections: serve listens before it starts the engine, so a client that
// connects during the start is not refused; its request waits in the listen backlog and is
// answered by the app once the server is ready, never before (the "listening on" line). The
// compilation cache is off so that the start takes long enough for the client to connect
// during it (compiling takes ~0.5 s or more, the client dials every millisecond).
func TestServeHoldsEarlyConnections(t *testing.T) {
	worker := testworker.Source(t, `export default { fetch() { return new Response('from the app') } }`)
	addr := freeAddr(t)

	var stdout, stderr syncBuffer
	done := make(chan int, 1)
	go func() {
		done <- Main([]string{"serve", "--addr", addr, "--cache-dir", "-", "--quiet", worker}, &stdout, &stderr)
	}()
	var conn net.Conn
	var err error
	require.Eventually(t, func() bool {
		conn, err = net.Dial("tcp", addr)
		return err == nil
	}, time.Minute, time.Millisecond, stderr.String())
	defer conn.Close()
	assert.NotContains(t, stdout.String(), "listening on", "the client connected only once the server was ready")
	_, err = io.WriteString(conn, "GET / HTTP/1.1\r\nHost: "+addr+"\r\nConnection: close\r\n\r\n")
	require.NoError(t, err)
	reply, err := io.ReadAll(conn)
	require.NoError(t, err)
	assert.Contains(t, stdout.String(), "listening on", "answered before the server was ready")
	assert.True(t, strings.HasPrefix(string(reply), "HTTP/1.1 200 "), string(reply))
	assert.True(t, strings.HasSuffix(string(reply), "from the app"), string(reply))

	require.NoError(t, syscall.Kill(os.Getpid(), syscall.SIGINT))
	select {
	case code := <-done:
		assert.Equal(t, 0, code, stderr.String())
	case <-time.After(time.Minute):
		t.Fatal("serve did not exit after SIGINT")
	}
}

func TestUsageErrors(t *testing.T) {
	var stdout, stderr bytes.Buffer
	assert.Equal(t, 2, Main([]string{"serve"}, &stdout, &stderr))
	assert.Contains(t, stderr.String(), "want one build directory or worker file")
	stderr.Reset()
	assert.Equal(t, 2, Main([]string{"serve", "--max-body", "lots", "x.js"}, &stdout, &stderr))
	assert.Contains(t, stderr.String(), "not a size like 100MB")
	stderr.Reset()
	assert.Equal(t, 2, Main([]string{"frobnicate"}, &stdout, &stderr))
	assert.Contains(t, stderr.String(), `unknown command "frobnicate"`)
	stderr.Reset()
	assert.Equal(t, 1, Main([]string{"serve", t.TempDir()}, &stdout, &stderr))
	assert.Contains(t, stderr.String(), "is it a build directory written by @kitwasm/adapter")
	stdout.Reset()
	assert.Equal(t, 0, Main([]string{"version"}, &stdout, &stderr))
	assert.Regexp(t, `^kitwasm \S+\n$`, stdout.String())
}

func TestParseSize(t *testing.T) {
	for in, want := range map[string]int64{"100MB": 100 << 20, "512KB": 512 << 10, "1048576": 1 << 20, "2 GiB": 2 << 30, "10b": 10} {
		got, err := parseSize(in)
		require.NoError(t, err, in)
		assert.Equal(t, want, got, in)
	}
	for _, bad := range []string{"", "MB", "-1MB", "1.5MB"} {
		_, err := parseSize(bad)
		assert.Error(t, err, bad)
	}
}

// TestHoldGCDuringStart: the collector is off during a start (bounded by startMemoryLimit) and
// back to its settings after it, once the last of overlapping starts ends; GOGC or GOMEMLIMIT
// set by the user are left alone.
func TestHoldGCDuringStart(t *testing.T) {
	gcPercent := func() int { p := debug.SetGCPercent(-1); debug.SetGCPercent(p); return p }
	defer debug.SetGCPercent(debug.SetGCPercent(100))
	defer debug.SetMemoryLimit(debug.SetMemoryLimit(1 << 40))
	t.Setenv("GOGC", "")
	t.Setenv("GOMEMLIMIT", "")

	first := holdGCDuringStart()
	assert.Equal(t, -1, gcPercent())
	assert.Equal(t, int64(startMemoryLimit), debug.SetMemoryLimit(-1))
	second := holdGCDuringStart()
	first()
	first()
	assert.Equal(t, -1, gcPercent(), "another start is still in progress")
	second()
	assert.Equal(t, 100, gcPercent())
	assert.Equal(t, int64(1<<40), debug.SetMemoryLimit(-1))

	t.Setenv("GOGC", "50")
	holdGCDuringStart()
	assert.Equal(t, 100, gcPercent(), "GOGC given: left alone")
}
