package wasmhost_test

import (
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/kitwasm/kitwasm/wasmhost"
)

// errorSink collects what a pool reports through OnError.
type errorSink struct {
	mu   sync.Mutex
	msgs []string
	got  chan struct{}
}

func newErrorSink() *errorSink { return &errorSink{got: make(chan struct{}, 16)} }

func (s *errorSink) onError(req *wasmhost.Request, err error) {
	s.mu.Lock()
	s.msgs = append(s.msgs, req.URL+": "+err.Error())
	s.mu.Unlock()
	s.got <- struct{}{}
}

func (s *errorSink) text() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return strings.Join(s.msgs, "\n")
}

// Failures after a complete response (ctx.waitUntil work past its limit, or that can never
// settle) used to vanish: Serve had returned and nobody read the loop's error.
func TestFailuresAfterTheResponseAreReported(t *testing.T) {
	sink := newErrorSink()
	p := pool(t, `
export default {
  fetch(request, env, ctx) {
    const url = new URL(request.url);
    if (url.pathname === '/overrun') ctx.waitUntil(new Promise((r) => setTimeout(r, 600000)));
    if (url.pathname === '/never') ctx.waitUntil(new Promise(() => {}));
    return new Response('answered');
  },
};`, wasmhost.PoolConfig{WaitUntilTimeout: 100 * time.Millisecond, OnError: sink.onError})
	for _, c := range []struct{ path, want string }{
		{"/overrun", "ctx.waitUntil work ran past its limit"},
		{"/never", "can never settle"},
	} {
		rec, err := serve(p, c.path)
		require.NoError(t, err, "the client has its whole response")
		assert.Equal(t, "answered", rec.Body.String())
		select {
		case <-sink.got:
		case <-time.After(30 * time.Second):
			t.Fatalf("%s: nothing was reported", c.path)
		}
		assert.Contains(t, sink.text(), "http://x"+c.path+": after the response was sent: ")
		assert.Contains(t, sink.text(), c.want)
	}
	rec, err := serve(p, "/")
	require.NoError(t, err)
	assert.Equal(t, "answered", rec.Body.String())
	assert.NotContains(t, sink.text(), "http://x/:", "a clean request reports nothing")
}
