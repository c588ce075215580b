package wasmhost_test

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/kitwasm/kitwasm/internal/testworker"
	"github.com/kitwasm/kitwasm/wasmhost"
)

// The snapshot tests' worker: each isolate counts its requests; / answers with the count and
// a battery of ordinary computations, /random with two Math.random draws.
const snapshotWorker = `
let served = 0;
const items = new Map();
function battery() {
  items.set('k' + served, served);
  return [
    JSON.stringify({ a: [1, 2, { b: 'c' }], d: 'é' }),
    new URL('https://example.com/a/../b?x=1#h').href,
    new TextDecoder().decode(new TextEncoder().encode('héllo ✓')),
    new Headers({ 'X-A': '1' }).get('x-a'),
    [3, 1, 2].sort().join(),
    Intl.NumberFormat('de-DE').format(1234567.891),
    typeof structuredClone, typeof setTimeout, items.size,
  ];
}
export default {
  async fetch(request) {
    served++;
    const path = new URL(request.url).pathname;
    if (path === '/random') return Response.json([Math.random(), Math.random()]);
    if (path === '/clock') return Response.json(performance.now());
    await new Promise((r) => setTimeout(r, 1));
    return Response.json({ served, battery: battery() });
  },
};`

// Isolates restored from the pool's snapshot answer exactly as isolates made from scratch,
// and draw different Math.random sequences.
func TestRestoredIsolatesAnswerAsFreshOnes(t *testing.T) {
	fresh := pool(t, snapshotWorker, wasmhost.PoolConfig{MaxIsolates: 1, NoSnapshots: true})
	want := get(t, fresh, "/").Body.String()
	require.Contains(t, want, `"served":1`)

	const n = 4
	p := pool(t, snapshotWorker, wasmhost.PoolConfig{MaxIsolates: n, MinIdle: n})
	require.Eventually(t, func() bool { return p.Created() == n }, 30*time.Second, 10*time.Millisecond)
	// The idle queue is first in, first out: n requests in a row reach n different isolates,
	// the template and n-1 restored copies, each on its first request.
	for i := 0; i < n; i++ {
		assert.Equal(t, want, get(t, p, "/").Body.String(), "isolate %d", i)
	}
	seen := map[float64]int{}
	for i := 0; i < n; i++ {
		var r []float64
		require.NoError(t, json.Unmarshal(get(t, p, "/random").Body.Bytes(), &r))
		assert.True(t, r[0] >= 0 && r[0] < 1 && r[1] >= 0 && r[1] < 1 && r[0] != r[1])
		seen[r[0]]++
	}
	assert.Len(t, seen, n, "every isolate draws its own Math.random sequence")
	for i := 0; i < n; i++ {
		var ms float64
		require.NoError(t, json.Unmarshal(get(t, p, "/clock").Body.Bytes(), &ms))
		assert.Less(t, ms, float64(60_000), "performance.now counts from the isolate's restore")
	}
}

// A broken isolate is replaced by a restored copy, which serves correctly.
func TestReplacementIsRestored(t *testing.T) {
	p := pool(t, snapshotWorker, wasmhost.PoolConfig{MaxIsolates: 1})
	fresh := pool(t, snapshotWorker, wasmhost.PoolConfig{MaxIsolates: 1, NoSnapshots: true})
	want := get(t, fresh, "/").Body.String()
	assert.Equal(t, want, get(t, p, "/").Body.String())
	iso, err := p.Acquire(t.Context())
	require.NoError(t, err)
	iso.Close() // as if it broke
	p.Release(iso)
	require.Eventually(t, func() bool { return p.Created() == 2 }, 10*time.Second, 10*time.Millisecond)
	assert.Equal(t, want, get(t, p, "/").Body.String(), "the replacement starts from the snapshot, not from the broken isolate")
}

// The same, for both ways of restoring: mapping the snapshot copy-on-write and copying it
// (into recycled memories), on an engine of each mode. Restored isolates answer as a fresh
// one, and each reseeds Math.random.
func TestRestoreModesAnswerAsFreshOnes(t *testing.T) {
	fresh := pool(t, snapshotWorker, wasmhost.PoolConfig{MaxIsolates: 1, NoSnapshots: true})
	want := get(t, fresh, "/").Body.String()
	for _, mode := range []wasmhost.RestoreMode{wasmhost.RestoreMap, wasmhost.RestoreCopy} {
		t.Run(string(mode), func(t *testing.T) {
			eng, err := wasmhost.NewEngine(t.Context(), wasmhost.EngineConfig{Restore: mode, Log: io.Discard})
			require.NoError(t, err)
			defer eng.Close(context.Background())
			if mode == wasmhost.RestoreMap && runtime.GOOS != "linux" {
				assert.Equal(t, wasmhost.RestoreCopy, eng.RestoreMode(), "mapping is Linux-only")
				return
			}
			require.Equal(t, mode, eng.RestoreMode(), eng.RestoreModeDescription())
			w := testworker.Compile(t, testworker.Source(t, snapshotWorker))
			const n = 4
			p, err := wasmhost.NewPool(t.Context(), eng, wasmhost.PoolConfig{Worker: w, MaxIsolates: n, MinIdle: n})
			require.NoError(t, err)
			defer p.Close()
			require.Eventually(t, func() bool { return p.Created() == n }, 30*time.Second, 10*time.Millisecond)
			for round := 0; round < 3; round++ {
				// Isolates closed in one round leave memories that the next round's restores
				// recycle (copy mode): what one wrote must not show through.
				for i := 0; i < n; i++ {
					rec := get(t, p, "/")
					if round == 0 {
						assert.Equal(t, want, rec.Body.String(), "isolate %d", i)
					} else {
						assert.Contains(t, rec.Body.String(), `"served":1,`, "restored isolate %d, round %d", i, round)
					}
				}
				seen := map[float64]bool{}
				for i := 0; i < n; i++ {
					var r []float64
					require.NoError(t, json.Unmarshal(get(t, p, "/random").Body.Bytes(), &r))
					seen[r[0]] = true
				}
				assert.Len(t, seen, n, "every isolate draws its own Math.random sequence")
				// Replace every isolate: they come back restored from the snapshot.
				isos := make([]*wasmhost.Isolate, n)
				for i := range isos {
					isos[i], err = p.Acquire(t.Context())
					require.NoError(t, err)
				}
				for _, iso := range isos {
					iso.Close()
					p.Release(iso)
				}
				created := int64(n + (round+1)*n)
				require.Eventually(t, func() bool { return p.Created() == created && p.Idle() == n }, 30*time.Second, 10*time.Millisecond)
			}
		})
	}
}

// A worker that says when its top level runs, and counts requests in a global.
const countingWorker = `
console.log('top level evaluated');
let served = 0;
export default {
  async fetch(request, env) {
    served++;
    globalThis.leak = (globalThis.leak || '') + 'x';
    return Response.json({ served, leak: globalThis.leak.length, secret: env.SECRET ?? null, r: Math.random() });
  },
};`

// A snapshot file lets the next pool start without evaluating the worker; a file made for
// other env bindings (or a damaged one) is refused with the reason, and replaced.
func TestSnapshotFilePersistsAndStaleOnesAreRefused(t *testing.T) {
	eng, console := testworker.Engine(t)
	w := testworker.Compile(t, testworker.Source(t, countingWorker))
	file := filepath.Join(t.TempDir(), "app.kwsnap")
	start := func(env map[string]string) (*wasmhost.Pool, string) {
		mark := console.Mark()
		p, err := wasmhost.NewPool(t.Context(), eng, wasmhost.PoolConfig{Worker: w, Env: env, MaxIsolates: 2, MinIdle: 1, SnapshotFile: file})
		require.NoError(t, err)
		t.Cleanup(p.Close)
		return p, console.Since(mark)
	}
	type answer struct {
		Served, Leak int
		Secret       *string
		R            float64
	}
	ask := func(p *wasmhost.Pool) answer {
		var a answer
		require.NoError(t, json.Unmarshal(get(t, p, "/").Body.Bytes(), &a))
		return a
	}

	p1, log1 := start(map[string]string{"SECRET": "one"})
	assert.Contains(t, log1, "top level evaluated")
	assert.Equal(t, "evaluated, snapshot saved to "+file, p1.StartedFrom())
	st, err := os.Stat(file)
	require.NoError(t, err)
	assert.Equal(t, os.FileMode(0o600), st.Mode().Perm(), "the snapshot holds env values")
	a1 := ask(p1)
	p1.Close()

	p2, log2 := start(map[string]string{"SECRET": "one"})
	assert.NotContains(t, log2, "top level evaluated", "restored from the file, not evaluated")
	assert.Equal(t, "restored from "+file, p2.StartedFrom())
	a2 := ask(p2)
	assert.Equal(t, 1, a2.Served)
	require.NotNil(t, a2.Secret)
	assert.Equal(t, "one", *a2.Secret)
	assert.NotEqual(t, a1.R, a2.R, "Math.random is reseeded on restore")
	p2.Close()

	p3, log3 := start(map[string]string{"SECRET": "two"})
	assert.Contains(t, log3, "snapshot refused")
	assert.Contains(t, log3, "other env bindings")
	assert.Contains(t, log3, "top level evaluated")
	a3 := ask(p3)
	require.NotNil(t, a3.Secret)
	assert.Equal(t, "two", *a3.Secret, "a stale snapshot's env never reaches the worker")
	p3.Close()

	// Damage the header's engine: refused as made for another engine, then rewritten.
	data, err := os.ReadFile(file)
	require.NoError(t, err)
	require.NoError(t, os.WriteFile(file, bytes.Replace(data, []byte(`"engine":"qjs-`), []byte(`"engine":"xjs-`), 1), 0o600))
	p4, log4 := start(map[string]string{"SECRET": "two"})
	assert.Contains(t, log4, "snapshot refused")
	assert.Contains(t, log4, "engine xjs-")
	p4.Close()
	_, log5 := start(map[string]string{"SECRET": "two"})
	assert.NotContains(t, log5, "top level evaluated")
}

// --isolation request: every request gets a fresh isolate, so what one request leaves in
// globals is never seen by the next; reuse (the default) keeps it.
func TestIsolationRequestSharesNothing(t *testing.T) {
	for _, iso := range []wasmhost.Isolation{wasmhost.IsolationReuse, wasmhost.IsolationRequest} {
		t.Run(iso.String(), func(t *testing.T) {
			p := pool(t, countingWorker, wasmhost.PoolConfig{MaxIsolates: 1, MinIdle: 1, Isolation: iso})
			var last struct{ Served, Leak int }
			for i := 1; i <= 5; i++ {
				require.NoError(t, json.Unmarshal(get(t, p, "/").Body.Bytes(), &last))
				if iso == wasmhost.IsolationRequest {
					assert.Equal(t, 1, last.Served, "request %d sees no earlier request", i)
					assert.Equal(t, 1, last.Leak, "request %d sees no earlier request's globals", i)
				} else {
					assert.Equal(t, i, last.Served, "the isolate is reused")
				}
			}
			if iso == wasmhost.IsolationRequest {
				assert.GreaterOrEqual(t, p.Created(), int64(5), "an isolate per request")
			}
		})
	}
}

// Pool.WriteSnapshot writes what PoolConfig.Snapshot restores (the Fastly entry embeds it): a
// pool started from the bytes does not evaluate the worker and answers as the original; bytes
// made for other env bindings, or damaged, are an error that says why.
func TestSnapshotBytesRestoreAndStaleOnesFail(t *testing.T) {
	eng, console := testworker.Engine(t)
	w := testworker.Compile(t, testworker.Source(t, countingWorker))
	env := map[string]string{"SECRET": "one"}
	p1, err := wasmhost.NewPool(t.Context(), eng, wasmhost.PoolConfig{Worker: w, Env: env, MaxIsolates: 1, MinIdle: 1})
	require.NoError(t, err)
	var snap bytes.Buffer
	require.NoError(t, p1.WriteSnapshot(&snap))
	p1.Close()

	mark := console.Mark()
	p2, err := wasmhost.NewPool(t.Context(), eng, wasmhost.PoolConfig{Worker: w, Env: env, MaxIsolates: 1, MinIdle: 1, Snapshot: snap.Bytes()})
	require.NoError(t, err)
	defer p2.Close()
	assert.NotContains(t, console.Since(mark), "top level evaluated", "restored from the bytes, not evaluated")
	assert.Equal(t, "restored from the snapshot given", p2.StartedFrom())
	var a struct {
		Served int
		Secret string
	}
	require.NoError(t, json.Unmarshal(get(t, p2, "/").Body.Bytes(), &a))
	assert.Equal(t, 1, a.Served)
	assert.Equal(t, "one", a.Secret)

	_, err = wasmhost.NewPool(t.Context(), eng, wasmhost.PoolConfig{Worker: w, Env: map[string]string{"SECRET": "two"}, Snapshot: snap.Bytes()})
	require.ErrorIs(t, err, wasmhost.ErrSnapshotStale)
	assert.Contains(t, err.Error(), "other env bindings")
	damaged := bytes.Replace(snap.Bytes(), []byte(`"engine":"qjs-`), []byte(`"engine":"xjs-`), 1)
	_, err = wasmhost.NewPool(t.Context(), eng, wasmhost.PoolConfig{Worker: w, Env: env, Snapshot: damaged})
	require.ErrorIs(t, err, wasmhost.ErrSnapshotStale)
	assert.Contains(t, err.Error(), "engine xjs-")
	_, err = wasmhost.NewPool(t.Context(), eng, wasmhost.PoolConfig{Worker: w, Env: env, Snapshot: snap.Bytes()[:snap.Len()-65536]})
	require.ErrorIs(t, err, wasmhost.ErrSnapshotStale)
}

// NoWarm (the Fastly entry: one thread, no preemption) makes isolates only when a request
// needs one: with IsolationRequest each request's isolate is restored when it arrives, and
// none is restored in the background after it.
func TestNoWarmMakesIsolatesOnDemand(t *testing.T) {
	p := pool(t, countingWorker, wasmhost.PoolConfig{MaxIsolates: 2, MinIdle: 2, Isolation: wasmhost.IsolationRequest, NoWarm: true})
	assert.Equal(t, int64(1), p.Created(), "only the first isolate at start")
	for i := 1; i <= 3; i++ {
		var a struct{ Served int }
		require.NoError(t, json.Unmarshal(get(t, p, "/").Body.Bytes(), &a))
		assert.Equal(t, 1, a.Served, "a fresh isolate per request")
		time.Sleep(20 * time.Millisecond) // a background replacement would be under way by now
		assert.Equal(t, int64(i), p.Created(), "request %d: made on demand, none in the background", i)
		assert.Equal(t, 0, p.Slots(), "request %d: the discarded isolate's slot is free", i)
	}
}

// TrustSnapshot skips the costly hashes of the key (layer, worker, env) but still refuses a
// snapshot of another engine or memory limit.
func TestTrustSnapshotChecksOnlyTheCheapParts(t *testing.T) {
	eng, _ := testworker.Engine(t)
	w := testworker.Compile(t, testworker.Source(t, countingWorker))
	p1, err := wasmhost.NewPool(t.Context(), eng, wasmhost.PoolConfig{Worker: w, Env: map[string]string{"SECRET": "one"}, MaxIsolates: 1, MinIdle: 1})
	require.NoError(t, err)
	var snap bytes.Buffer
	require.NoError(t, p1.WriteSnapshot(&snap))
	p1.Close()

	// Other env bindings: refused when checked, taken as is when trusted (the snapshot's own
	// env is what the worker sees).
	other := map[string]string{"SECRET": "two"}
	_, err = wasmhost.NewPool(t.Context(), eng, wasmhost.PoolConfig{Worker: w, Env: other, MaxIsolates: 1, Snapshot: snap.Bytes()})
	require.ErrorIs(t, err, wasmhost.ErrSnapshotStale)
	p2, err := wasmhost.NewPool(t.Context(), eng, wasmhost.PoolConfig{Worker: w, Env: other, MaxIsolates: 1, MinIdle: 1, Snapshot: snap.Bytes(), TrustSnapshot: true})
	require.NoError(t, err)
	var a struct{ Secret string }
	require.NoError(t, json.Unmarshal(get(t, p2, "/").Body.Bytes(), &a))
	assert.Equal(t, "one", a.Secret)
	p2.Close()

	damaged := bytes.Replace(snap.Bytes(), []byte(`"engine":"qjs-`), []byte(`"engine":"xjs-`), 1)
	_, err = wasmhost.NewPool(t.Context(), eng, wasmhost.PoolConfig{Worker: w, MaxIsolates: 1, Snapshot: damaged, TrustSnapshot: true})
	require.ErrorIs(t, err, wasmhost.ErrSnapshotStale)
	assert.Contains(t, err.Error(), "engine xjs-")
}
