package wasmhost_test

import (
	"context"
	"io"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/kitwasm/kitwasm/wasmhost"
)

// burst holds n requests in flight at once (each waits on the gate), so that the pool makes n
// isolates, then lets them all finish.
func burst(t *testing.T, p *wasmhost.Pool, g *inGate, n int) {
	t.Helper()
	var wg sync.WaitGroup
	for range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			rec, err := serve(p, "/gated")
			assert.NoError(t, err)
			assert.Equal(t, "passed 200", rec.Body.String())
		}()
	}
	for range n {
		<-g.arrived
	}
	require.Equal(t, n, p.Slots(), "one isolate per request in flight")
	close(g.open)
	wg.Wait()
}

// After a burst, the pool closes the idle isolates that traffic no longer needs, down to
// MinIdle, and serves on.
func TestPoolShrinksAfterABurst(t *testing.T) {
	g := newInGate()
	p := pool(t, gatedWorker, wasmhost.PoolConfig{MaxIsolates: 4, MinIdle: 1, IdleTimeout: 20 * time.Millisecond, Fetcher: g.fetch})
	burst(t, p, g, 4)
	require.Eventually(t, func() bool { return p.Slots() == 1 }, 10*time.Second, 5*time.Millisecond,
		"slots %d, idle %d", p.Slots(), p.Idle())
	assert.EqualValues(t, 3, p.Retired())
	rec, err := serve(p, "/")
	require.NoError(t, err)
	assert.Equal(t, "quick", rec.Body.String())
	assert.Equal(t, 1, p.Slots())
}

// Busy isolates are never closed, and the pool keeps as many as were busy at once in the
// last two periods.
func TestPoolKeepsWhatTrafficNeeds(t *testing.T) {
	g := newInGate()
	p := pool(t, gatedWorker, wasmhost.PoolConfig{MaxIsolates: 3, MinIdle: 1, IdleTimeout: 20 * time.Millisecond, Fetcher: g.fetch})
	var wg sync.WaitGroup
	for range 3 {
		wg.Add(1)
		go func() { defer wg.Done(); serve(p, "/gated") }()
	}
	for range 3 {
		<-g.arrived
	}
	// Three busy for many periods: nothing to close.
	deadline := time.Now().Add(200 * time.Millisecond)
	for time.Now().Before(deadline) {
		require.Equal(t, 3, p.Slots())
		time.Sleep(5 * time.Millisecond)
	}
	assert.Zero(t, p.Retired())
	close(g.open)
	wg.Wait()
	require.Eventually(t, func() bool { return p.Slots() == 1 }, 10*time.Second, 5*time.Millisecond)
}

// IdleTimeout < 0 keeps every isolate the pool made.
func TestPoolWithoutIdleTimeoutKeepsItsIsolates(t *testing.T) {
	g := newInGate()
	p := pool(t, gatedWorker, wasmhost.PoolConfig{MaxIsolates: 3, MinIdle: 1, IdleTimeout: -1, Fetcher: g.fetch})
	burst(t, p, g, 3)
	time.Sleep(100 * time.Millisecond)
	assert.Equal(t, 3, p.Slots())
	assert.Zero(t, p.Retired())
}

// The memories of the isolates the pool closed when it shrank are unmapped, not kept for
// the next restores: their pages go back to the system.
func TestPoolShrinkReturnsMemory(t *testing.T) {
	g := newInGate()
	// Trimming happens two periods after the burst at the earliest: 300 ms leaves time to
	// count the recycled memories first.
	// An engine of its own: the shared one's recycled memories come and go with other tests.
	ctx := context.Background()
	eng, err := wasmhost.NewEngine(ctx, wasmhost.EngineConfig{Log: io.Discard})
	require.NoError(t, err)
	t.Cleanup(func() { eng.Close(ctx) })
	w, err := eng.CompileWorker(ctx, "worker.js", gatedWorker)
	require.NoError(t, err)
	p, err := wasmhost.NewPool(ctx, eng, wasmhost.PoolConfig{Worker: w, MaxIsolates: 4, MinIdle: 1, IdleTimeout: 300 * time.Millisecond, Fetcher: g.fetch})
	require.NoError(t, err)
	t.Cleanup(p.Close)
	burst(t, p, g, 4)
	before := p.Recycled()
	require.Eventually(t, func() bool { return p.Slots() == 1 }, 10*time.Second, 5*time.Millisecond)
	assert.EqualValues(t, 3, p.Retired())
	assert.Equal(t, before, p.Recycled(), "the closed isolates' memories were kept")
}
