package wasmhost_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/kitwasm/kitwasm/internal/testworker"
	"github.com/kitwasm/kitwasm/wasmhost"
)

// The worker of the recursion tests (issue 4): /recurse?kind=&n= recurses n levels in one of
// several ways and reports how it ended; /battery computes ordinary things whose answers
// must not depend on what the isolate did before.
const recursionWorker = `
const kinds = {
  plain(n) { const f = (k) => (k === 0 ? 0 : f(k - 1) + 1); return f(n); },
  args(n) { const f = (k, a, b) => { const x = [a, b, k]; return k === 0 ? x.length : f(k - 1, a + 1, b + 'x') + 1; }; return f(n, 0, ''); },
  map(n) { const f = (k) => (k === 0 ? 0 : [k].map((v) => f(v - 1))[0] + 1); return f(n); },
  ctor(n) { class C { constructor(k) { this.d = k === 0 ? 0 : new C(k - 1).d + 1; } } return new C(n).d; },
  getter(n) { const mk = (k) => ({ get v() { return k === 0 ? 0 : mk(k - 1).v + 1; } }); return mk(n).v; },
  json(n) { let a = []; for (let i = 0; i < n; i++) a = [a]; return JSON.stringify(a).length; },
  tojson(n) { const mk = (k) => ({ toJSON() { return k === 0 ? 0 : [mk(k - 1)]; } }); return JSON.stringify(mk(n)).length; },
  caught(n) { let caught = 0; const f = (k) => { try { return k === 0 ? 0 : f(k - 1) + 1; } catch (e) { caught++; throw e; } }; try { return f(n); } catch (e) { return 'caught ' + e.name + ' after ' + (caught > 0 ? 'unwinding' : 'nothing'); } },
};
function battery() {
  const out = [];
  out.push(JSON.stringify({ a: [1, 2, { b: 'c' }], d: 'é' }));
  out.push([5, 3, 9, 1].sort((x, y) => x - y).join());
  out.push(Array.from({ length: 50 }, (_, i) => i * i).reduce((s, v) => s + v, 0));
  out.push('abc'.repeat(100).replace(/b/g, 'B').length);
  out.push(new Map([[1, 'x'], [2, 'y']]).get(2));
  out.push(String(new URL('https://example.com/a/../b?x=1#h')));
  out.push(Object.keys(globalThis).length >= 0);
  out.push(new TextDecoder().decode(new TextEncoder().encode('héllo ✓')));
  out.push(Math.max(...Array.from({ length: 1000 }, (_, i) => i)));
  let fib = (n) => (n < 2 ? n : fib(n - 1) + fib(n - 2)); out.push(fib(18));
  out.push(typeof __kw_entry, typeof fetch, typeof Response);
  return out;
}
export default {
  async fetch(request) {
    const url = new URL(request.url);
    if (url.pathname === '/battery') return Response.json(battery());
    const kind = url.searchParams.get('kind'), n = Number(url.searchParams.get('n'));
    if (url.searchParams.has('uncaught')) return new Response(String(kinds[kind](n)));
    try {
      return Response.json({ ok: kinds[kind](n) });
    } catch (e) {
      return Response.json({ threw: e.name, isRangeError: e instanceof RangeError, message: e.message });
    }
  },
};`

func TestRecursionSweepNeverCorruptsTheIsolate(t *testing.T) {
	fresh := pool(t, recursionWorker, wasmhost.PoolConfig{MaxIsolates: 1})
	want := get(t, fresh, "/battery").Body.String()
	require.Contains(t, want, `"function"`)

	p := pool(t, recursionWorker, wasmhost.PoolConfig{MaxIsolates: 1})
	created := p.Created()
	for _, kind := range []string{"plain", "args", "map", "ctor", "getter", "json", "tojson", "caught"} {
		for _, n := range []int{10, 100, 1000, 3000, 10000, 100000} {
			if (kind == "json" || kind == "tojson") && n > 3000 {
				continue // QuickJS's JSON.stringify is quadratic in nesting depth: CPU, not stack
			}
			rec := get(t, p, fmt.Sprintf("/recurse?kind=%s&n=%d", kind, n))
			require.Equal(t, 200, rec.Status, "%s %d: %s", kind, n, rec.Body.String())
			body := rec.Body.String()
			if n <= 1000 && kind != "tojson" {
				assert.Contains(t, body, `"ok"`, "%s at depth %d must succeed (capacity goal): %s", kind, n, body)
			}
			if n == 100000 {
				assert.Regexp(t, `RangeError`, body, "%s at depth %d must end in a RangeError", kind, n)
			}
			assert.Equal(t, want, get(t, p, "/battery").Body.String(), "after %s %d the isolate answers as a fresh one", kind, n)
		}
	}
	assert.Equal(t, created, p.Created(), "a caught RangeError does not cost the isolate")

	// Uncaught: the request fails with a 500, and the same isolate still answers correctly.
	rec := get(t, p, "/recurse?kind=plain&n=100000&uncaught")
	assert.Equal(t, 500, rec.Status)
	assert.Equal(t, want, get(t, p, "/battery").Body.String())
}

func TestRecursionUnderConcurrentLoad(t *testing.T) {
	p := pool(t, recursionWorker, wasmhost.PoolConfig{MaxIsolates: 3, MinIdle: 3})
	want := get(t, p, "/battery").Body.String()
	var wg sync.WaitGroup
	for g := 0; g < 3; g++ {
		wg.Add(1)
		go func(g int) {
			defer wg.Done()
			for i := 0; i < 15; i++ {
				if g == 0 {
					rec := testworker.Get(t, p, "http://example.test/recurse?kind=plain&n=50000")
					if rec.Status != 200 {
						t.Errorf("overflowing request: %d", rec.Status)
					}
					continue
				}
				if got := testworker.Get(t, p, "http://example.test/battery").Body.String(); got != want {
					t.Errorf("battery beside overflowing requests: %s", got)
				}
			}
		}(g)
	}
	wg.Wait()
}

// The depth worker: how many levels a plain recursion reaches before QuickJS's RangeError.
const depthWorker = `
export default {
  fetch() {
    let d = 0;
    const f = () => { d++; f(); };
    let name = '';
    try { f(); } catch (e) { name = e.name; }
    return Response.json({ d, name });
  },
};`

// EngineConfig.JSStackBytes makes deep recursion a RangeError sooner (the Fastly entry, whose
// runtime stack holds the translated engine's frames): in isolates made from scratch and in
// isolates restored from a snapshot taken by an engine without the bound.
func TestJSStackBytesBoundsRecursion(t *testing.T) {
	ctx := t.Context()
	depth := func(p *wasmhost.Pool) int {
		var a struct {
			D    int
			Name string
		}
		require.NoError(t, json.Unmarshal(get(t, p, "/").Body.Bytes(), &a))
		require.Equal(t, "RangeError", a.Name)
		return a.D
	}
	full := pool(t, depthWorker, wasmhost.PoolConfig{MaxIsolates: 1, MinIdle: 1, Isolation: wasmhost.IsolationRequest})
	var snap bytes.Buffer
	require.NoError(t, full.WriteSnapshot(&snap))
	fullDepth := depth(full)

	eng, err := wasmhost.NewEngine(ctx, wasmhost.EngineConfig{Log: io.Discard, Console: func(int, string) {}, JSStackBytes: 128 << 10})
	require.NoError(t, err)
	defer eng.Close(ctx)
	w := testworker.Compile(t, testworker.Source(t, depthWorker))
	fresh, err := wasmhost.NewPool(ctx, eng, wasmhost.PoolConfig{Worker: w, MaxIsolates: 1, MinIdle: 1, NoSnapshots: true})
	require.NoError(t, err)
	defer fresh.Close()
	freshDepth := depth(fresh)
	restored, err := wasmhost.NewPool(ctx, eng, wasmhost.PoolConfig{Worker: w, MaxIsolates: 1, MinIdle: 1, Snapshot: snap.Bytes()})
	require.NoError(t, err)
	defer restored.Close()
	restoredDepth := depth(restored)
	t.Logf("depth at RangeError: default %d, JSStackBytes 128 KiB %d (fresh), %d (restored)", fullDepth, freshDepth, restoredDepth)
	assert.Less(t, freshDepth*4, fullDepth, "128 KiB of ~960 KiB")
	assert.Greater(t, freshDepth, 100)
	assert.InDelta(t, freshDepth, restoredDepth, float64(freshDepth)/10, "the bound applies to restored isolates")
}
