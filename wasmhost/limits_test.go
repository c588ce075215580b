package wasmhost_test

import (
	"context"
	"errors"
	"net/http"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
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

func TestWorkerThatNeverResponds(t *testing.T) {
	p := pool(t, `
export default {
  fetch(request) {
    const url = new URL(request.url);
    `+okRoute+`
    if (url.pathname === '/timer') return new Promise((r) => setTimeout(r, 1e8));
    return new Promise(() => {});
  },
};`, wasmhost.PoolConfig{RequestTimeout: 300 * time.Millisecond})

	start := time.Now()
	rec := get(t, p, "/")
	assert.Equal(t, 500, rec.Status, "a promise that can never settle is an error at once")
	assert.Less(t, time.Since(start), 250*time.Millisecond)

	start = time.Now()
	rec = get(t, p, "/timer")
	assert.Equal(t, 503, rec.Status, "a pending timer runs into the request time limit")
	assert.GreaterOrEqual(t, time.Since(start), 300*time.Millisecond)
	assert.Less(t, time.Since(start), 2*time.Second)
	assert.Equal(t, "ok", get(t, p, "/ok").Body.String())
}

func TestRunawayIsolateIsStoppedAndReplaced(t *testing.T) {
	p := pool(t, `
let served = 0;
export default {
  fetch(request) {
    const url = new URL(request.url);
    served++;
    if (url.pathname === '/count') return new Response(String(served));
    if (url.pathname === '/loop') { for (;;) {} }
    if (url.pathname === '/alloc') { const a = []; for (;;) a.push(new Uint8Array(8 << 20).fill(1)); }
    return new Response('ok');
  },
};`, wasmhost.PoolConfig{MaxIsolates: 1, RequestTimeout: 500 * time.Millisecond})

	assert.Equal(t, "1", get(t, p, "/count").Body.String())
	created := p.Created()
	start := time.Now()
	rec := get(t, p, "/loop")
	assert.Equal(t, 503, rec.Status)
	assert.Less(t, time.Since(start), 30*time.Second, "stopped, not run to completion")
	// The only isolate was discarded: the next request runs in a fresh one.
	assert.Equal(t, "1", get(t, p, "/count").Body.String())
	assert.Greater(t, p.Created(), created)

	rec = get(t, p, "/alloc")
	assert.GreaterOrEqual(t, rec.Status, 500, "allocation without bound fails the request")
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
	p := pool(t, `
export default {
  fetch(request, env, ctx) {
    ctx.waitUntil(new Promise((r) => setTimeout(r, 30)).then(() => console.log('after-response-work-done')));
    return new Response('sent');
  },
};`, wasmhost.PoolConfig{})
	rec := get(t, p, "/")
	assert.Equal(t, "sent", rec.Body.String())
	assert.NotContains(t, console.Since(mark), "after-response-work-done",
		"Serve returned before the waitUntil work finished")
	assert.Eventually(t, func() bool {
		return strings.Contains(console.Since(mark), "after-response-work-done")
	}, 2*time.Second, 10*time.Millisecond)
}

func TestClientDisconnectAbortsRequestSignal(t *testing.T) {
	_, console := testworker.Engine(t)
	mark := console.Mark()
	p := pool(t, `
export default {
  async fetch(request, env, ctx) {
    ctx.waitUntil(new Promise((resolve) => {
      request.signal.addEventListener('abort', () => { console.log('aborted:' + request.signal.reason.name); resolve(); });
    }));
    return new Promise(() => setTimeout(() => {}, 1e6));
  },
};`, wasmhost.PoolConfig{RequestTimeout: 5 * time.Second})
	ctx, cancel := context.WithTimeout(context.Background(), 50*time.Millisecond)
	defer cancel()
	err := p.Serve(ctx, &wasmhost.Request{Method: "GET", URL: "http://example.test/"}, &wasmhost.Recorder{})
	assert.ErrorIs(t, err, context.DeadlineExceeded)
	assert.Eventually(t, func() bool {
		return strings.Contains(console.Since(mark), "aborted:AbortError")
	}, 2*time.Second, 10*time.Millisecond)
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

// Host operations that complete after their request ended (here: fetches slower than the
// request's time limit) must not leave goroutines blocked behind it.
func TestLateCompletionsDoNotLeakGoroutines(t *testing.T) {
	slow := func(ctx context.Context, _ *wasmhost.FetchRequest) (*http.Response, error) {
		time.Sleep(500 * time.Millisecond) // ignores ctx, as a slow client library might
		return nil, errors.New("upstream too slow")
	}
	p := pool(t, `
export default {
  async fetch() {
    await Promise.all(Array.from({ length: 8 }, () => fetch('http://upstream.test/').catch(() => null)));
    return new Response('late');
  },
};`, wasmhost.PoolConfig{RequestTimeout: 200 * time.Millisecond, Fetcher: slow})
	before := runtime.NumGoroutine()
	for i := 0; i < 3; i++ {
		rec := get(t, p, "/")
		assert.Equal(t, 503, rec.Status)
	}
	assert.Eventually(t, func() bool { return runtime.NumGoroutine() <= before+4 }, 5*time.Second, 50*time.Millisecond,
		"goroutines: %d before, %d after", before, runtime.NumGoroutine())
}
