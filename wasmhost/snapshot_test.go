package wasmhost_test

import (
	"encoding/json"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

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
