package cli

import (
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestServeEngineWasm2go runs `kitwasm serve --engine wasm2go` as a user does: it builds (or
// takes from the cache) the native kitwasm whose engine is translated to Go, runs it with the
// same arguments, and the worker answers. The engine line must name the translated engine,
// which only a kitwasm with the translated backend compiled in prints, so a fallback to wazero
// fails the test; SIGINT shuts the child down and the command exits 0.
func TestServeEngineWasm2go(t *testing.T) {
	if testing.Short() {
		t.Skip("builds a native kitwasm with the translated engine (about a minute without Go's build cache)")
	}
	if _, err := exec.LookPath("go"); err != nil {
		t.Skip("go is not on PATH")
	}
	dir := t.TempDir()
	worker := filepath.Join(dir, "worker.js")
	require.NoError(t, os.WriteFile(worker, []byte(`
export default {
  async fetch(request, env) {
    let s = 0;
    for (let i = 1; i <= 1000; i++) s += i;
    return Response.json({ a: env.A, sum: s, path: new URL(request.url).pathname });
  },
};`), 0o644))
	addr, err := freeLoopback()
	require.NoError(t, err)

	var stdout, stderr syncBuffer
	done := make(chan int, 1)
	go func() {
		done <- Main([]string{"serve", "--engine", "wasm2go", "--addr", addr, "--env", "A=x", "--quiet", "--cache-dir", "-", worker}, &stdout, &stderr)
	}()
	started := func() bool {
		select {
		case code := <-done:
			t.Fatalf("serve exited with %d before listening:\n%s\n%s", code, stdout.String(), stderr.String())
		default:
		}
		return strings.Contains(stdout.String(), "listening on")
	}
	require.Eventually(t, started, 10*time.Minute, 50*time.Millisecond, "no start-up: %s\n%s", stdout.String(), stderr.String())
	out := stdout.String()
	t.Log(out)
	assert.Contains(t, out, "engine    wasm2go: ")
	assert.Regexp(t, `engine    wasm2go \(translated, native\) ready in \S+`, out)
	assert.NotContains(t, out, "engine    wazero")

	res, err := http.Get("http://" + addr + "/hello")
	require.NoError(t, err)
	body, _ := io.ReadAll(res.Body)
	res.Body.Close()
	assert.JSONEq(t, `{"a":"x","sum":500500,"path":"/hello"}`, string(body))

	require.NoError(t, syscall.Kill(os.Getpid(), syscall.SIGINT))
	select {
	case code := <-done:
		assert.Equal(t, 0, code, stderr.String())
	case <-time.After(time.Minute):
		t.Fatal("serve --engine wasm2go did not exit after SIGINT")
	}
	assert.Contains(t, stdout.String(), "shutting down", "the child shut down gracefully")
}

func TestServeEngineFlag(t *testing.T) {
	var stdout, stderr syncBuffer
	assert.Equal(t, 2, Main([]string{"serve", "--engine", "v8", "x.js"}, &stdout, &stderr))
	assert.Contains(t, stderr.String(), `--engine "v8": want wazero or wasm2go`)
	// The child must not fall back to wazero when it has no translated engine.
	t.Setenv(engineChildEnv, "1")
	var stdout2, stderr2 syncBuffer
	worker := filepath.Join(t.TempDir(), "w.js")
	require.NoError(t, os.WriteFile(worker, []byte(`export default { fetch() { return new Response('x') } }`), 0o644))
	assert.Equal(t, 1, Main([]string{"serve", "--engine", "wasm2go", "--cache-dir", "-", worker}, &stdout2, &stderr2))
	assert.Contains(t, stderr2.String(), "this kitwasm has no translated engine")
}
