package wasmhost_test

import (
	"context"
	"errors"
	"io"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/kitwasm/kitwasm/wasmhost"
)

const limitsSrc = `
export default {
  async fetch(request) {
    const u = new URL(request.url);
    const n = +u.searchParams.get('n');
    switch (u.pathname) {
      case '/spin': { const t = Date.now(); while (Date.now() - t < n); return new Response('spun'); }
      case '/loop': for (;;);
      case '/sleep': await new Promise((r) => setTimeout(r, n)); return new Response('slept');
      case '/fetch':
        try {
          for (let i = 0; i < n; i++) await (await fetch('http://upstream.test/')).text();
          return new Response('fetched ' + n);
        } catch (e) { return new Response(e.constructor.name + ': ' + e.message, { status: 502 }); }
      case '/throw': throw new Error('boom');
    }
    return new Response('ok');
  },
};`

type errLog struct {
	mu   sync.Mutex
	errs []error
}

func (l *errLog) add(_ *wasmhost.Request, err error) {
	l.mu.Lock()
	l.errs = append(l.errs, err)
	l.mu.Unlock()
}

func (l *errLog) last() error {
	l.mu.Lock()
	defer l.mu.Unlock()
	if len(l.errs) == 0 {
		return nil
	}
	return l.errs[len(l.errs)-1]
}

// Limits.CPUTime counts the time the isolate runs, not the time it waits: a request that
// sleeps 200 ms on a timer passes a 20 ms limit, one that spins 2 ms passes, and an endless
// loop is interrupted with ErrCPUTime (503) long before the request's deadline.
func TestCPUTimeLimit(t *testing.T) {
	var log errLog
	p := pool(t, limitsSrc, wasmhost.PoolConfig{Limits: wasmhost.Limits{CPUTime: 20 * time.Millisecond}, RequestTimeout: time.Minute, OnError: log.add})
	assert.Equal(t, "slept", get(t, p, "/sleep?n=200").Body.String())
	assert.Equal(t, "spun", get(t, p, "/spin?n=2").Body.String())
	start := time.Now()
	rec := get(t, p, "/loop")
	assert.Equal(t, 503, rec.Status)
	assert.ErrorIs(t, log.last(), wasmhost.ErrCPUTime)
	assert.Less(t, time.Since(start), 30*time.Second, "stopped by the CPU limit, not the one-minute deadline")
	assert.Equal(t, "ok", get(t, p, "/").Body.String(), "a fresh isolate serves the next request")
}

// Limits.Subrequests: the fetch over the limit rejects with SubrequestError, %d replaced by
// the limit, and never reaches the Fetcher.
func TestSubrequestLimit(t *testing.T) {
	var mu sync.Mutex
	fetched := 0
	fetcher := func(ctx context.Context, r *wasmhost.FetchRequest) (*wasmhost.FetchResponse, error) {
		mu.Lock()
		fetched++
		mu.Unlock()
		return &wasmhost.FetchResponse{Status: 200, StatusText: "OK", Body: io.NopCloser(strings.NewReader("up"))}, nil
	}
	p := pool(t, limitsSrc, wasmhost.PoolConfig{Fetcher: fetcher, Limits: wasmhost.Limits{Subrequests: 3, SubrequestError: "Too many: %d per request."}})
	assert.Equal(t, "fetched 3", get(t, p, "/fetch?n=3").Body.String())
	rec := get(t, p, "/fetch?n=4")
	assert.Equal(t, 502, rec.Status)
	assert.Equal(t, "TypeError: Too many: 3 per request.", rec.Body.String())
	assert.Equal(t, 6, fetched, "the fourth fetch never left")
}

// Limits.Fail renders the answers of the runtime: here a platform's page for an exception
// and for the CPU limit; what it declines (status 0) keeps kitwasm's answer.
func TestFailRendersThePlatformsAnswer(t *testing.T) {
	fail := func(status int, err error) (int, [][2]string, []byte) {
		switch {
		case errors.Is(err, wasmhost.ErrException):
			return 500, [][2]string{{"content-type", "text/plain"}}, []byte("error code: 1101")
		case errors.Is(err, wasmhost.ErrCPUTime):
			return 503, nil, []byte("error code: 1102")
		}
		return 0, nil, nil
	}
	p := pool(t, limitsSrc, wasmhost.PoolConfig{Limits: wasmhost.Limits{CPUTime: 20 * time.Millisecond, Fail: fail}, RequestTimeout: time.Minute, OnError: func(*wasmhost.Request, error) {}})
	rec := get(t, p, "/throw")
	assert.Equal(t, 500, rec.Status)
	assert.Equal(t, "error code: 1101", rec.Body.String())
	rec = get(t, p, "/loop")
	assert.Equal(t, 503, rec.Status)
	assert.Equal(t, "error code: 1102", rec.Body.String())
	require.Equal(t, "ok", get(t, p, "/").Body.String())
}
