package wasmhost_test

import (
	"context"
	"errors"
	"io"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/kitwasm/kitwasm/wasmhost"
)

const uploadWorker = `
export default {
  async fetch(request) {
    const url = new URL(request.url);
    let n = 0;
    const body = new ReadableStream({
      async pull(c) {
        if (n === 0) { n++; c.enqueue(new TextEncoder().encode('first;')); return; }
        if (url.pathname === '/fails') throw new RangeError('the source broke');
        if (n === 1) {
          n++;
          // The second chunk exists only once the upstream has received the first: a
          // buffered upload could never finish.
          const r = await fetch('http://signal.test/');
          c.enqueue(new TextEncoder().encode(await r.text() + ';'));
          return;
        }
        c.close();
      },
    });
    try {
      const res = await fetch('http://' + (url.pathname === '/refused' ? 'refused.test' : 'upload.test') + '/', { method: 'POST', body, duplex: 'half' });
      return new Response(await res.text());
    } catch (err) {
      return new Response('fetch failed: ' + err.name, { status: 502 });
    }
  },
};`

func uploadFetcher(t *testing.T) (wasmhost.Fetcher, <-chan string) {
	firstArrived := make(chan struct{})
	upstream := make(chan string, 4)
	return func(ctx context.Context, r *wasmhost.FetchRequest) (*wasmhost.FetchResponse, error) {
		answer := func(s string) (*wasmhost.FetchResponse, error) {
			return &wasmhost.FetchResponse{Status: 200, StatusText: "OK", Body: io.NopCloser(strings.NewReader(s))}, nil
		}
		u, err := url.Parse(r.URL)
		if err != nil {
			return nil, err
		}
		switch u.Host {
		case "signal.test":
			select {
			case <-firstArrived:
				return answer("second")
			case <-ctx.Done():
				return nil, context.Cause(ctx)
			}
		case "refused.test":
			return nil, errors.New("not allowed")
		}
		if r.ContentLength != -1 {
			upstream <- "the upload has a length, so it was buffered"
		}
		first := make([]byte, len("first;"))
		if _, err := io.ReadFull(r.Body, first); err != nil {
			upstream <- "first chunk: " + err.Error()
			return nil, err
		}
		close(firstArrived)
		rest, err := io.ReadAll(r.Body)
		if err != nil {
			upstream <- "upstream saw: " + err.Error()
			return nil, err
		}
		upstream <- "received " + string(first) + string(rest)
		return answer("got " + string(first) + string(rest))
	}, upstream
}

func TestFetchStreamsRequestBodies(t *testing.T) {
	f, upstream := uploadFetcher(t)
	p := pool(t, uploadWorker, wasmhost.PoolConfig{Fetcher: f, RequestTimeout: 20 * time.Second})
	rec, err := serve(p, "/")
	require.NoError(t, err)
	assert.Equal(t, "got first;second;", rec.Body.String())
	assert.Equal(t, "received first;second;", <-upstream)
}

func TestFetchUploadFromAFailingStream(t *testing.T) {
	f, upstream := uploadFetcher(t)
	p := pool(t, uploadWorker, wasmhost.PoolConfig{Fetcher: f, RequestTimeout: 20 * time.Second})
	rec, err := serve(p, "/fails")
	require.NoError(t, err)
	assert.Equal(t, 502, rec.Status)
	assert.Equal(t, "fetch failed: TypeError", rec.Body.String())
	assert.Equal(t, "upstream saw: RangeError: the source broke", <-upstream, "the upstream sees the body fail, not end")
}

func TestRefusedFetchDoesNotStallItsUpload(t *testing.T) {
	f, _ := uploadFetcher(t)
	p := pool(t, uploadWorker, wasmhost.PoolConfig{Fetcher: f, MaxIsolates: 1, RequestTimeout: 20 * time.Second, WaitUntilTimeout: 2 * time.Second})
	created := p.Created()
	rec, err := serve(p, "/refused")
	require.NoError(t, err)
	assert.Equal(t, "fetch failed: TypeError", rec.Body.String())
	rec, err = serve(p, "/")
	require.NoError(t, err)
	assert.Equal(t, "got first;second;", rec.Body.String())
	assert.Equal(t, created, p.Created(), "the first request's loop finished cleanly: its isolate served the second")
}
