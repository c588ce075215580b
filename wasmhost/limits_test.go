package wasmhost_test

import (
	"context"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/kitwasm/kitwasm/internal/testworker"
	"github.com/kitwasm/kitwasm/wasmhost"
)

func pool(t *testing.T, src string, cfg wasmhost.PoolConfig) *wasmhost.Pool {
	t.Helper()
	return poolWith(t, src, nil, cfg)
}

// poolWith is pool with more source files beside worker.js.
func poolWith(t *testing.T, src string, files map[string]string, cfg wasmhost.PoolConfig) *wasmhost.Pool {
	t.Helper()
	if cfg.MaxIsolates == 0 {
		cfg.MaxIsolates = 2
	}
	if cfg.MinIdle == 0 {
		cfg.MinIdle = 1
	}
	file := testworker.Source(t, src)
	for name, content := range files {
		if err := os.WriteFile(filepath.Join(filepath.Dir(file), name), []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return testworker.Pool(t, file, cfg)
}

func get(t *testing.T, p *wasmhost.Pool, path string) *wasmhost.Recorder {
	return testworker.Get(t, p, "http://example.test"+path)
}

const okRoute = `if (url.pathname === '/ok') return new Response('ok');`

func TestThrowingWorkerGets500AndLogsPosition(t *testing.T) {
	_, console := testworker.Engine(t)
	mark := console.Mark()
	p := poolWith(t, `import { helper } from './helper.js';
export default {
  async fetch(request) {
    const url = new URL(request.url);
    `+okRoute+`
    if (url.pathname === '/sync') throw new RangeError('thrown synchronously');
    await null;
    throw new Error('boom from the worker ' + helper());
  },
};`, map[string]string{"helper.js": "export function helper() {\n  return 'with a helper';\n}\n"}, wasmhost.PoolConfig{})
	rec := get(t, p, "/")
	assert.Equal(t, 500, rec.Status)
	assert.Equal(t, "Internal Server Error", rec.Body.String())
	logged := console.Since(mark)
	assert.Contains(t, logged, "Error: boom from the worker")
	// The bundle puts helper.js first, so the throw's line in the bundle is not line 8: the
	// source map takes the position back to worker.js itself.
	assert.Contains(t, logged, "worker.js:8:", "the log names the position in the source, not in the bundle")

	assert.Equal(t, 500, get(t, p, "/sync").Status)
	assert.Equal(t, "ok", get(t, p, "/ok").Body.String(), "the isolate keeps serving")
}

// serveErr serves a GET of path through p and returns the response and Serve's error.
func serveErr(p *wasmhost.Pool, path string) (*wasmhost.Recorder, error) {
	rec := &wasmhost.Recorder{}
	err := p.Serve(context.Background(), &wasmhost.Request{Method: "GET", URL: "http://example.test" + path}, rec)
	return rec, err
}

// gate is a Fetcher whose fetches block until the test opens it: what the worker does after
// a fetch happens only when the test says so, whatever the machine's speed.
type gate struct {
	calls   atomic.Int64
	entered chan struct{} // closed by the first fetch
	once    sync.Once
	open    chan struct{}
	// ignoreCtx makes fetches wait for open even after their request ended, as a slow
	// client library might.
	ignoreCtx bool
}

func newGate() *gate { return &gate{entered: make(chan struct{}), open: make(chan struct{})} }

func (g *gate) fetch(ctx context.Context, _ *wasmhost.FetchRequest) (*wasmhost.FetchResponse, error) {
	g.calls.Add(1)
	g.once.Do(func() { close(g.entered) })
	if g.ignoreCtx {
		<-g.open
	} else {
		select {
		case <-g.open:
		case <-ctx.Done():
			return nil, ctx.Err()
		}
	}
	return &wasmhost.FetchResponse{Status: 200, StatusText: "OK", Body: io.NopCloser(strings.NewReader("opened"))}, nil
}

// wait blocks until ch is closed; the bound only turns a hang into a failure.
func wait(t *testing.T, ch <-chan struct{}, what string) {
	t.Helper()
	select {
	case <-ch:
	case <-time.After(time.Minute):
		t.Fatalf("%s did not happen within a minute", what)
	}
}

func TestWorkerThatNeverResponds(t *testing.T) {
	_, console := testworker.Engine(t)
	mark := console.Mark()
	p := pool(t, `
export default {
  fetch(request) {
    const url = new URL(request.url);
    `+okRoute+`
    if (url.pathname === '/timer') return new Promise((r) => setTimeout(() => { console.log('timer-fired'); r(new Response('late')); }, 1e8));
    return new Promise(() => {});
  },
};`, wasmhost.PoolConfig{RequestTimeout: 300 * time.Millisecond})

	// Nothing can settle the promise: the loop sees that at once, so the error is the
	// hung-worker error, not the time limit's.
	rec, err := serveErr(p, "/")
	assert.Equal(t, 500, rec.Status, "a promise that can never settle is an error at once")
	assert.ErrorIs(t, err, wasmhost.ErrHung)
	assert.NotErrorIs(t, err, wasmhost.ErrLimit, "detected as hung, not left to the time limit")

	// A pending timer could settle it: only the time limit ends the request.
	created := p.Created()
	rec, err = serveErr(p, "/timer")
	assert.Equal(t, 503, rec.Status, "a pending timer runs into the request time limit")
	assert.ErrorIs(t, err, wasmhost.ErrLimit)
	assert.NotErrorIs(t, err, wasmhost.ErrHung)
	assert.ErrorContains(t, err, "--timeout", "the error names the flag that sets the limit")
	assert.NotContains(t, console.Since(mark), "timer-fired")
	assert.Equal(t, "ok", get(t, p, "/ok").Body.String())
	assert.Greater(t, p.Created(), created, "the timed-out isolate was replaced")
}

func TestRunawayIsolateIsStoppedAndReplaced(t *testing.T) {
	_, console := testworker.Engine(t)
	mark := console.Mark()
	// Whatever follows the loop would log: the interrupt is uncatchable, and the loop is
	// stopped rather than run to completion.
	p := pool(t, `
let served = 0;
export default {
  fetch(request) {
    const url = new URL(request.url);
    served++;
    if (url.pathname === '/count') return new Response(String(served));
    if (url.pathname === '/loop') {
      try { for (;;) {} } catch (e) { console.log('runaway-caught: ' + e); } finally { console.log('runaway-finally'); }
      console.log('runaway-completed');
      return new Response('completed');
    }
    if (url.pathname === '/alloc') { const a = []; for (;;) a.push(new Uint8Array(8 << 20).fill(1)); }
    return new Response('ok');
  },
};`, wasmhost.PoolConfig{MaxIsolates: 1, RequestTimeout: 500 * time.Millisecond})

	assert.Equal(t, "1", get(t, p, "/count").Body.String())
	created := p.Created()
	rec, err := serveErr(p, "/loop")
	assert.Equal(t, 503, rec.Status)
	assert.ErrorIs(t, err, wasmhost.ErrLimit, "stopped by the time limit")
	assert.ErrorIs(t, err, wasmhost.ErrIsolateBroken, "and the isolate given up")
	assert.ErrorContains(t, err, "--timeout")
	assert.NotContains(t, console.Since(mark), "runaway-", "nothing after the loop ran, not even catch or finally")
	// The only isolate was discarded: the next request runs in a fresh one.
	assert.Equal(t, "1", get(t, p, "/count").Body.String())
	assert.Greater(t, p.Created(), created)

	mark = console.Mark()
	rec, err = serveErr(p, "/alloc")
	require.NoError(t, err, "the worker's own error handling answers")
	assert.Equal(t, 500, rec.Status, "allocation without bound fails the request")
	assert.Contains(t, console.Since(mark), "InternalError: out of memory", "stopped by the memory limit")
	assert.Equal(t, "1", get(t, p, "/count").Body.String(), "in a fresh isolate: the one out of memory was discarded")
	assert.Equal(t, "ok", get(t, p, "/ok").Body.String(), "and the server goes on")
}

func TestLiveIntervalNeverHangsTheHost(t *testing.T) {
	p := pool(t, `
let ticks = 0;
setInterval(() => { ticks++; }, 1); // at module load: must not stall start-up
export default {
  async fetch() {
    setInterval(() => { ticks++; }, 5); // one more live interval per request
    await new Promise((r) => setTimeout(r, 15));
    return new Response(String(ticks > 0));
  },
};`, wasmhost.PoolConfig{RequestTimeout: 2 * time.Second})
	for i := 0; i < 5; i++ {
		rec := get(t, p, "/")
		require.Equal(t, 200, rec.Status)
		assert.Equal(t, "true", rec.Body.String())
	}
}

func TestStreamingResponseArrivesInChunks(t *testing.T) {
	p := pool(t, `
export default {
  fetch() {
    let i = 0;
    return new Response(new ReadableStream({
      async pull(c) {
        if (i === 5) return c.close();
        await new Promise((r) => setTimeout(r, 2));
        c.enqueue(new TextEncoder().encode('part' + i++ + ';'));
      },
    }));
  },
};`, wasmhost.PoolConfig{})
	rec := get(t, p, "/")
	assert.Equal(t, 200, rec.Status)
	assert.Equal(t, "part0;part1;part2;part3;part4;", rec.Body.String())
	assert.Equal(t, 5, rec.Writes, "one write per enqueued chunk")
}

func TestWaitUntilContinuesAfterResponse(t *testing.T) {
	_, console := testworker.Engine(t)
	mark := console.Mark()
	g := newGate()
	p := pool(t, `
export default {
  fetch(request, env, ctx) {
    ctx.waitUntil(fetch('http://gate.test/').then((r) => r.text()).then((t) => console.log('after-response-work-done: ' + t)));
    return new Response('sent');
  },
};`, wasmhost.PoolConfig{Fetcher: g.fetch})
	rec := get(t, p, "/")
	assert.Equal(t, "sent", rec.Body.String())
	// The waitUntil work is blocked on the gate, so Serve returned without waiting for it.
	wait(t, g.entered, "the waitUntil fetch")
	assert.NotContains(t, console.Since(mark), "after-response-work-done")
	close(g.open)
	assert.Eventually(t, func() bool {
		return strings.Contains(console.Since(mark), "after-response-work-done: opened")
	}, time.Minute, 5*time.Millisecond, "the waitUntil work finished after the response")
}

func TestClientDisconnectAbortsRequestSignal(t *testing.T) {
	_, console := testworker.Engine(t)
	mark := console.Mark()
	g := newGate()
	p := pool(t, `
export default {
  async fetch(request, env, ctx) {
    ctx.waitUntil(new Promise((resolve) => {
      request.signal.addEventListener('abort', () => { console.log('aborted:' + request.signal.reason.name); resolve(); });
    }));
    await fetch('http://gate.test/');
    console.log('gate-passed');
    return new Response('too late');
  },
};`, wasmhost.PoolConfig{RequestTimeout: time.Minute, Fetcher: g.fetch})
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	errc := make(chan error, 1)
	go func() {
		errc <- p.Serve(ctx, &wasmhost.Request{Method: "GET", URL: "http://example.test/"}, &wasmhost.Recorder{})
	}()
	wait(t, g.entered, "the worker's fetch") // the request is inside the worker
	cancel()                                 // the client leaves
	assert.ErrorIs(t, <-errc, context.Canceled)
	assert.Eventually(t, func() bool {
		return strings.Contains(console.Since(mark), "aborted:AbortError")
	}, time.Minute, 5*time.Millisecond)
	assert.NotContains(t, console.Since(mark), "gate-passed")
	close(g.open)
}

func TestConcurrentRequestsDoNotShareState(t *testing.T) {
	// Each request stores its id in a module global, yields to the event loop, and answers
	// what it finds: isolates serve one request at a time, so no answer may be another's.
	p := pool(t, `
let current;
export default {
  async fetch(request) {
    const id = new URL(request.url).searchParams.get('id');
    current = id;
    await new Promise((r) => setTimeout(r, 1));
    return new Response(current);
  },
};`, wasmhost.PoolConfig{MaxIsolates: 4, MinIdle: 2})
	var wg sync.WaitGroup
	for g := 0; g < 8; g++ {
		wg.Add(1)
		go func(g int) {
			defer wg.Done()
			for i := 0; i < 25; i++ {
				id := strings.Repeat("x", g) + "-" + string(rune('a'+i))
				rec := testworker.Get(t, p, "http://example.test/?id="+id)
				if rec.Body.String() != id {
					t.Errorf("request %s got %q", id, rec.Body.String())
				}
			}
		}(g)
	}
	wg.Wait()
}

func TestMemoryStaysFlat(t *testing.T) {
	if testing.Short() {
		t.Skip("thousands of requests")
	}
	p := pool(t, `
export default {
  async fetch(request) {
    const url = new URL(request.url);
    const body = JSON.stringify({ path: url.pathname, headers: [...request.headers], n: url.searchParams.get('n') });
    return new Response(body, { headers: { 'content-type': 'application/json', 'set-cookie': 'a=' + url.searchParams.get('n') } });
  },
};`, wasmhost.PoolConfig{MaxIsolates: 1})
	iso, err := p.Acquire(context.Background())
	require.NoError(t, err)
	p.Release(iso)
	serve := func(n int) {
		for i := 0; i < n; i++ {
			rec := testworker.Get(t, p, "http://example.test/p?n="+strings.Repeat("7", i%50))
			require.Equal(t, 200, rec.Status)
		}
	}
	// QuickJS frees acyclic garbage at once and collects cycles when its heap has grown by
	// the GC threshold (4 MiB), so memory rises during warm-up and then must stay level.
	serve(2000)
	sizes := []uint32{iso.MemoryBytes()}
	for i := 0; i < 3; i++ {
		serve(2000)
		sizes = append(sizes, iso.MemoryBytes())
	}
	t.Logf("linear memory after 2000, 4000, 6000, 8000 requests: %v KiB", []uint32{sizes[0] >> 10, sizes[1] >> 10, sizes[2] >> 10, sizes[3] >> 10})
	assert.LessOrEqual(t, sizes[3], sizes[1]+256<<10, "linear memory grew by %d KiB over the last 4000 requests", (sizes[3]-sizes[1])>>10)
}

// Host operations that complete after their request ended (here: fetches that wait for a
// gate the test opens only after every request ran into its time limit) must not leave
// goroutines blocked behind it.
func TestLateCompletionsDoNotLeakGoroutines(t *testing.T) {
	g := newGate()
	g.ignoreCtx = true
	p := pool(t, `
export default {
  async fetch() {
    await Promise.all(Array.from({ length: 8 }, () => fetch('http://upstream.test/').catch(() => null)));
    return new Response('late');
  },
};`, wasmhost.PoolConfig{RequestTimeout: 100 * time.Millisecond, Fetcher: g.fetch})
	before := runtime.NumGoroutine()
	for i := 0; i < 3; i++ {
		rec, err := serveErr(p, "/")
		assert.Equal(t, 503, rec.Status)
		assert.ErrorIs(t, err, wasmhost.ErrLimit)
	}
	// Every fetch is in flight, held by the gate, and all three requests are over.
	require.Eventually(t, func() bool { return g.calls.Load() == 24 }, time.Minute, 5*time.Millisecond, "fetches started: %d", g.calls.Load())
	close(g.open)
	// Their completions find no loop to take them: the goroutines must end anyway. (A bound
	// on convergence, not on speed; a leak keeps 24 goroutines forever.)
	assert.Eventually(t, func() bool { return runtime.NumGoroutine() <= before+4 }, time.Minute, 20*time.Millisecond,
		"goroutines: %d before, %d after", before, runtime.NumGoroutine())
}
