package wasmhost_test

import (
	"context"
	"encoding/json"
	"errors"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/kitwasm/kitwasm/wasmhost"
)

// Request.Platform reaches the worker as its fetch context's platform, not enumerable (the
// adapter's entry spreads it into event.platform); without it there is none.
func TestRequestPlatformReachesTheWorker(t *testing.T) {
	p := pool(t, `export default {
  fetch(request, env, ctx) {
    return Response.json({ platform: ctx.platform ?? null, keys: Object.keys(ctx) });
  },
};`, wasmhost.PoolConfig{})
	serve := func(platform string) map[string]any {
		rec := &wasmhost.Recorder{}
		req := &wasmhost.Request{Method: "GET", URL: "http://example.test/", Platform: json.RawMessage(platform)}
		require.NoError(t, p.Serve(context.Background(), req, rec))
		var out map[string]any
		require.NoError(t, json.Unmarshal(rec.Body.Bytes(), &out), rec.Body.String())
		return out
	}
	out := serve(`{"fastly":{"pop":"LIS","client":{"address":"203.0.113.7"}}}`)
	assert.Equal(t, map[string]any{"fastly": map[string]any{"pop": "LIS", "client": map[string]any{"address": "203.0.113.7"}}}, out["platform"])
	assert.NotContains(t, out["keys"], "platform")
	assert.Nil(t, serve("")["platform"])
}

// Pool.Wait returns only when the request's ctx.waitUntil work is over.
func TestPoolWaitWaitsForWaitUntil(t *testing.T) {
	var done atomic.Int64
	p := pool(t, `export default {
  fetch(request, env, ctx) {
    ctx.waitUntil(new Promise((r) => setTimeout(r, 100)).then(() => fetch('http://backend.test/done')));
    return new Response('sent');
  },
};`, wasmhost.PoolConfig{Fetcher: func(ctx context.Context, fr *wasmhost.FetchRequest) (*wasmhost.FetchResponse, error) {
		done.Add(1)
		return nil, errors.New("no backend")
	}})
	rec := &wasmhost.Recorder{}
	require.NoError(t, p.Serve(context.Background(), &wasmhost.Request{Method: "GET", URL: "http://example.test/"}, rec))
	assert.Equal(t, "sent", rec.Body.String())
	assert.Zero(t, done.Load(), "Serve returned after the waitUntil work: the test proves nothing")
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	require.NoError(t, p.Wait(ctx))
	assert.Equal(t, int64(1), done.Load(), "Wait returned before the waitUntil work was over")
	short, cancel2 := context.WithCancel(context.Background())
	cancel2()
	assert.NoError(t, p.Wait(short), "nothing in flight: Wait returns at once")
}
