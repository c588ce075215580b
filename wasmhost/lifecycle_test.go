package wasmhost_test

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/kitwasm/kitwasm/internal/testworker"
	"github.com/kitwasm/kitwasm/wasmhost"
)

// inGate is a Fetcher that tells when a worker's fetch arrives and answers it only when the
// test opens the inGate: a request held in flight without timing.
type inGate struct {
	arrived chan struct{}
	open    chan struct{}
}

func newInGate() *inGate { return &inGate{arrived: make(chan struct{}, 16), open: make(chan struct{})} }

func (g *inGate) fetch(ctx context.Context, r *wasmhost.FetchRequest) (*wasmhost.FetchResponse, error) {
	g.arrived <- struct{}{}
	select {
	case <-g.open:
		return &wasmhost.FetchResponse{Status: 200, StatusText: "OK"}, nil
	case <-ctx.Done():
		return nil, context.Cause(ctx)
	}
}

const gatedWorker = `
export default {
  async fetch(request) {
    const url = new URL(request.url);
    if (url.pathname === '/spin') {
      await fetch('http://gate.test/');
      for (;;) {}
    }
    if (url.pathname === '/gated') {
      const res = await fetch('http://gate.test/');
      return new Response('passed ' + res.status);
    }
    return new Response('quick');
  },
};`

func serve(p *wasmhost.Pool, path string) (*wasmhost.Recorder, error) {
	rec := &wasmhost.Recorder{}
	err := p.Serve(context.Background(), &wasmhost.Request{Method: "GET", URL: "http://x" + path}, rec)
	return rec, err
}

func TestShutdownDrainsRequestsInFlight(t *testing.T) {
	g := newInGate()
	p := pool(t, gatedWorker, wasmhost.PoolConfig{MaxIsolates: 3, MinIdle: 2, Fetcher: g.fetch})
	type result struct {
		rec *wasmhost.Recorder
		err error
	}
	inFlight := make(chan result, 1)
	go func() { rec, err := serve(p, "/gated"); inFlight <- result{rec, err} }()
	<-g.arrived

	shut := make(chan error, 1)
	go func() { shut <- p.Shutdown(context.Background()) }()

	// Requests that arrive while the pool shuts down are refused with a 503.
	require.Eventually(t, func() bool {
		rec, err := serve(p, "/")
		return errors.Is(err, wasmhost.ErrPoolClosed) && rec.Status == 503
	}, 10*time.Second, time.Millisecond)
	select {
	case err := <-shut:
		t.Fatalf("Shutdown returned (%v) while a request was in flight", err)
	default:
	}
	require.Eventually(t, func() bool { return p.Slots() == 1 }, 10*time.Second, time.Millisecond,
		"idle (and warming) isolates are closed; the busy one is left to finish")

	close(g.open)
	r := <-inFlight
	require.NoError(t, r.err)
	assert.Equal(t, 200, r.rec.Status)
	assert.Equal(t, "passed 200", r.rec.Body.String(), "the request in flight finished normally")
	require.NoError(t, <-shut)
	assert.Equal(t, 0, p.Slots(), "every isolate is closed")
}

func TestShutdownStopsRequestsAfterTheGracePeriod(t *testing.T) {
	g := newInGate()
	close(g.open)
	p := pool(t, gatedWorker, wasmhost.PoolConfig{MaxIsolates: 2, MinIdle: 1, Fetcher: g.fetch, RequestTimeout: 10 * time.Minute})
	done := make(chan *wasmhost.Recorder, 1)
	go func() { rec, _ := serve(p, "/spin"); done <- rec }()
	<-g.arrived // the worker has its answer and now spins

	ctx, cancel := context.WithCancel(context.Background())
	cancel() // no grace at all
	err := p.Shutdown(ctx)
	require.Error(t, err)
	assert.Contains(t, err.Error(), "1 requests were still running")
	rec := <-done
	assert.Equal(t, 503, rec.Status, "the stopped request's client is told")
	assert.Equal(t, 0, p.Slots())
}

func TestWarmUpFailuresAreRetried(t *testing.T) {
	_, console := testworker.Engine(t)
	mark := console.Mark()
	p := pool(t, `export default { fetch(r) { if (r.url.endsWith('/spin')) for (;;) {} return new Response('ok') } }`,
		wasmhost.PoolConfig{MaxIsolates: 1, MinIdle: 1, RequestTimeout: 200 * time.Millisecond})
	var calls atomic.Int32
	succeeded := make(chan struct{})
	p.SetNewIsolateHook(func() error {
		switch n := calls.Add(1); {
		case n <= 3:
			return fmt.Errorf("injected failure %d", n)
		case n == 4:
			close(succeeded)
		}
		return nil
	})
	rec, err := serve(p, "/spin") // past its time limit: the isolate is discarded and replaced
	require.ErrorIs(t, err, wasmhost.ErrLimit)
	assert.Equal(t, 503, rec.Status)
	<-succeeded
	require.Eventually(t, func() bool { return p.Idle() == 1 }, 10*time.Second, time.Millisecond,
		"the replacement became idle: the pool did not shrink")
	assert.Equal(t, 1, p.Slots())
	log := console.Since(mark)
	for n := 1; n <= 3; n++ {
		assert.Contains(t, log, fmt.Sprintf("making an isolate failed (attempt %d", n))
		assert.Contains(t, log, fmt.Sprintf("injected failure %d", n))
	}
	rec, err = serve(p, "/")
	require.NoError(t, err)
	assert.Equal(t, "ok", rec.Body.String())
}

func TestShutdownStopsRetryingWarmUps(t *testing.T) {
	p := pool(t, `export default { fetch(r) { if (r.url.endsWith('/spin')) for (;;) {} return new Response('ok') } }`,
		wasmhost.PoolConfig{MaxIsolates: 1, MinIdle: 1, RequestTimeout: 200 * time.Millisecond})
	failing := make(chan struct{}, 100)
	p.SetNewIsolateHook(func() error {
		select {
		case failing <- struct{}{}:
		default:
		}
		return errors.New("always failing")
	})
	_, err := serve(p, "/spin")
	require.ErrorIs(t, err, wasmhost.ErrLimit)
	<-failing
	require.NoError(t, p.Shutdown(context.Background()), "a warm-up that keeps failing does not hold up shutdown")
	assert.Equal(t, 0, p.Slots())
}

func TestReleaseAfterShutdownClosesTheIsolate(t *testing.T) {
	p := pool(t, gatedWorker, wasmhost.PoolConfig{MaxIsolates: 2, MinIdle: 2})
	iso, err := p.Acquire(context.Background())
	require.NoError(t, err)
	shut := make(chan error, 1)
	go func() { shut <- p.Shutdown(context.Background()) }()
	require.Eventually(t, func() bool { return p.Slots() == 1 }, 10*time.Second, time.Millisecond)
	p.Release(iso)
	require.NoError(t, <-shut)
	assert.Error(t, iso.Broken(), "the isolate given back after shutdown is closed")
	assert.Equal(t, 0, p.Slots())
}

// Under -race: requests racing a shutdown either finish or get ErrPoolClosed, and nothing
// outlives Shutdown.
func TestShutdownUnderConcurrentRequests(t *testing.T) {
	p := pool(t, gatedWorker, wasmhost.PoolConfig{MaxIsolates: 4, MinIdle: 2})
	var wg sync.WaitGroup
	var ok, refused atomic.Int32
	start := make(chan struct{})
	for i := 0; i < 16; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			<-start
			for j := 0; j < 20; j++ {
				rec, err := serve(p, "/")
				switch {
				case err == nil && rec.Body.String() == "quick":
					ok.Add(1)
				case errors.Is(err, wasmhost.ErrPoolClosed):
					refused.Add(1)
				default:
					t.Errorf("unexpected answer: %v %d %q", err, rec.Status, rec.Body.String())
				}
			}
		}()
	}
	close(start)
	for ok.Load() < 10 {
		time.Sleep(time.Millisecond)
	}
	require.NoError(t, p.Shutdown(context.Background()))
	wg.Wait()
	assert.Equal(t, 0, p.Slots())
	assert.Equal(t, int32(16*20), ok.Load()+refused.Load())
	assert.Greater(t, refused.Load(), int32(0))
	t.Logf("%d served, %d refused during shutdown", ok.Load(), refused.Load())
}
