package wasmhost_test

import (
	"context"
	"io/fs"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/kitwasm/kitwasm/wasmhost"
)

// cpuWorker opens server assets from JavaScript: read() calls the host synchronously, in the
// middle of the engine's run, so that the test's file system sees which isolates are running
// JavaScript at that moment.
const cpuWorker = `
export default {
  async fetch(request) {
    const url = new URL(request.url);
    if (url.pathname === '/long') {
      await __kitwasm.readAsset('long-started');
      const t0 = performance.now();
      while (performance.now() - t0 < 1000) {}
      return new Response('long');
    }
    await __kitwasm.readAsset('inside');
    return new Response('ok');
  },
};`

// watchFS is a server-asset file system that has no files: it counts the isolates inside
// Open("inside") at once, each staying there for hold, and reports Open("long-started").
type watchFS struct {
	hold        time.Duration
	inside, max atomic.Int32
	arrived     chan struct{} // an Open("inside") began
	longStarted chan struct{}
}

func (f *watchFS) Open(name string) (fs.File, error) {
	switch name {
	case "inside":
		n := f.inside.Add(1)
		for m := f.max.Load(); n > m && !f.max.CompareAndSwap(m, n); m = f.max.Load() {
		}
		select {
		case f.arrived <- struct{}{}:
		default:
		}
		// Stay inside the host call, as a goroutine preempted there by Go's scheduler does,
		// until another isolate comes in (which it must not while this one holds the CPU)
		// or hold passes.
		t := time.NewTimer(f.hold)
		select {
		case <-t.C:
		case <-f.waitOther(n):
		}
		t.Stop()
		f.inside.Add(-1)
	case "long-started":
		close(f.longStarted)
	}
	return nil, fs.ErrNotExist
}

// waitOther is closed once more isolates than n are inside.
func (f *watchFS) waitOther(n int32) <-chan struct{} {
	c := make(chan struct{})
	go func() {
		for f.max.Load() <= n && f.inside.Load() > 0 {
			time.Sleep(100 * time.Microsecond)
		}
		close(c)
	}()
	return c
}

// Isolates beyond PoolConfig.Running wait for the CPU instead of running JavaScript beside
// the others: with more of them runnable than Go has Ps, Go's scheduler left some waiting for
// hundreds of milliseconds (issue 10: the form action's p99 20x its p50).
func TestRunningBoundsTheIsolatesInJavaScript(t *testing.T) {
	fsys := &watchFS{hold: 100 * time.Millisecond, arrived: make(chan struct{}, 8), longStarted: make(chan struct{})}
	p := pool(t, cpuWorker, wasmhost.PoolConfig{MaxIsolates: 3, MinIdle: 3, Running: 1, Assets: fsys})
	var wg sync.WaitGroup
	recs := make([]*wasmhost.Recorder, 3)
	for i := range recs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			recs[i], _ = serve(p, "/")
		}()
	}
	wg.Wait()
	for _, rec := range recs {
		assert.Equal(t, 200, rec.Status)
		assert.Equal(t, "ok", rec.Body.String())
	}
	assert.Equal(t, int32(1), fsys.max.Load(), "isolates inside the engine at once, with Running 1")
}

// A long computation gives the CPU to a request that waits, at a host call after the time
// slice, instead of holding it to its end.
func TestLongRequestSharesTheCPU(t *testing.T) {
	fsys := &watchFS{hold: time.Millisecond, arrived: make(chan struct{}, 8), longStarted: make(chan struct{})}
	p := pool(t, cpuWorker, wasmhost.PoolConfig{MaxIsolates: 2, MinIdle: 2, Running: 1, Assets: fsys})
	long := make(chan *wasmhost.Recorder, 1)
	go func() { rec, _ := serve(p, "/long"); long <- rec }()
	<-fsys.longStarted
	rec, err := serve(p, "/")
	require.NoError(t, err)
	assert.Equal(t, "ok", rec.Body.String())
	select {
	case <-long:
		t.Fatal("the short request waited for the long one to finish")
	default:
	}
	assert.Equal(t, "long", (<-long).Body.String())
}

// blockedWriter is a client that does not read: its writes block until released.
type blockedWriter struct {
	wasmhost.Recorder
	writing chan struct{}
	release chan struct{}
}

func (w *blockedWriter) Write(b []byte) error {
	close(w.writing)
	<-w.release
	return w.Recorder.Write(b)
}

// A response write that blocks on the client does not hold the CPU: with one CPU slot,
// another request is served meanwhile.
func TestClientThatDoesNotReadDoesNotHoldTheCPU(t *testing.T) {
	fsys := &watchFS{hold: time.Millisecond, arrived: make(chan struct{}, 8), longStarted: make(chan struct{})}
	p := pool(t, cpuWorker, wasmhost.PoolConfig{MaxIsolates: 2, MinIdle: 2, Running: 1, Assets: fsys})
	w := &blockedWriter{writing: make(chan struct{}), release: make(chan struct{})}
	release := sync.OnceFunc(func() { close(w.release) })
	t.Cleanup(release) // before the pool's Close, which waits for the request
	slow := make(chan error, 1)
	go func() {
		slow <- p.Serve(context.Background(), &wasmhost.Request{Method: "GET", URL: "http://x/"}, w)
	}()
	<-w.writing
	done := make(chan *wasmhost.Recorder, 1)
	go func() { rec, _ := serve(p, "/"); done <- rec }()
	select {
	case rec := <-done:
		assert.Equal(t, "ok", rec.Body.String())
	case <-time.After(10 * time.Second):
		t.Fatal("a request waited for a client that does not read")
	}
	release()
	require.NoError(t, <-slow)
	assert.Equal(t, "ok", w.Body.String())
}
