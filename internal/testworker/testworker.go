// Package testworker starts module workers inside the runtime for tests: bundle, compile,
// pool, one engine per test binary.
package testworker

import (
	"context"
	"io"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/kitwasm/kitwasm/adapter"
	"github.com/kitwasm/kitwasm/wasmhost"
)

// Backend, when set before the first Engine call, runs the shared engine on it instead of on
// wazero: the translated engine's conformance run (wasmhost/translated/compare) sets it from a
// test file it adds to wasmhost's tests.
var Backend wasmhost.Backend

var (
	engOnce sync.Once
	eng     *wasmhost.Engine
	engErr  error
	console = &Console{}
)

// Console collects console output of every isolate of the shared engine.
type Console struct {
	mu    sync.Mutex
	lines []string
}

// Mark returns a position in the log; Since(mark) returns what was logged after it. Tests
// that run several times in one binary (-count) must not see an earlier run's lines.
func (c *Console) Mark() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return len(c.lines)
}

// Since returns the lines logged after mark, joined by newlines.
func (c *Console) Since(mark int) string {
	c.mu.Lock()
	defer c.mu.Unlock()
	return strings.Join(c.lines[mark:], "\n")
}

func (c *Console) log(level int, msg string) {
	c.mu.Lock()
	c.lines = append(c.lines, msg)
	c.mu.Unlock()
	if os.Getenv("KITWASM_TEST_CONSOLE") != "" {
		os.Stderr.WriteString(msg + "\n")
	}
}

// Engine returns the engine shared by a test binary, with its console collector. It uses a
// compilation cache in the user's cache directory, as kitwasm does.
func Engine(t testing.TB) (*wasmhost.Engine, *Console) {
	engOnce.Do(func() {
		cfg := wasmhost.EngineConfig{Log: io.Discard, Console: console.log}
		if Backend != nil {
			eng, engErr = wasmhost.NewEngineOn(context.Background(), Backend, cfg)
			return
		}
		eng, engErr = wasmhost.NewEngine(context.Background(), cfg)
	})
	if engErr != nil {
		t.Fatal(engErr)
	}
	return eng, console
}

// Compile bundles the module worker at path and compiles it.
func Compile(t testing.TB, path string) *wasmhost.Worker {
	t.Helper()
	e, _ := Engine(t)
	b, err := adapter.BundleWorker(path, adapter.BundleOptions{})
	if err != nil {
		t.Fatalf("bundle %s: %v", path, err)
	}
	w, err := e.CompileWorker(context.Background(), filepath.Base(path), b.Code)
	if err != nil {
		t.Fatalf("compile %s: %v", path, err)
	}
	if err := w.SetSourceMap([]byte(b.SourceMap)); err != nil {
		t.Fatal(err)
	}
	return w
}

// Source writes src as worker.js in a temporary directory and returns its path.
func Source(t testing.TB, src string) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), "worker.js")
	if err := os.WriteFile(p, []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

// Pool starts a pool for the worker at path; cfg.Worker is filled in. Closed with the test.
func Pool(t testing.TB, path string, cfg wasmhost.PoolConfig) *wasmhost.Pool {
	t.Helper()
	e, _ := Engine(t)
	cfg.Worker = Compile(t, path)
	p, err := wasmhost.NewPool(context.Background(), e, cfg)
	if err != nil {
		t.Fatalf("start %s: %v", path, err)
	}
	t.Cleanup(p.Close)
	return p
}

// Get serves a GET of url through p and returns the recorded response.
func Get(t testing.TB, p *wasmhost.Pool, url string) *wasmhost.Recorder {
	t.Helper()
	rec := &wasmhost.Recorder{}
	if err := p.Serve(context.Background(), &wasmhost.Request{Method: "GET", URL: url}, rec); err != nil {
		t.Logf("GET %s: %v", url, err)
	}
	return rec
}
