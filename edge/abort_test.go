package edge_test

import (
	"bufio"
	"encoding/json"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/kitwasm/kitwasm/edge"
	"github.com/kitwasm/kitwasm/internal/testworker"
	"github.com/kitwasm/kitwasm/wasmhost"
)

// failingWorker's responses fail after their head is sent, in each way a worker can.
const failingWorker = `
function stream(after, fail) {
  let i = 0;
  return new Response(new ReadableStream({
    async pull(c) {
      if (i === after) return fail(c);
      c.enqueue(new TextEncoder().encode('chunk' + i++ + '\n'));
    },
  }), { headers: { 'content-type': 'text/plain' } });
}
export default {
  async fetch(request, env, ctx) {
    const url = new URL(request.url);
    switch (url.pathname) {
      case '/throws':    // the stream's pull throws after two chunks
        return stream(2, () => { throw new Error('the database went away'); });
      case '/errors':    // the stream is errored by its controller
        return stream(2, (c) => c.error(new TypeError('upstream reset')));
      case '/hangs':     // the stream never ends and nothing can wake it
        return stream(2, () => new Promise(() => {}));
      case '/spins':     // the stream's source runs past the time limit
        return stream(2, () => { for (;;) {} });
      case '/ok':
        return stream(2, (c) => c.close());
      case '/headers':
        return Response.json([...request.headers.keys()]);
      case '/self': {
        const res = await fetch(new URL('/ok', request.url));
        return new Response('self: ' + res.status + ' ' + (await res.text()));
      }
      case '/self-broken': {   // a same-origin fetch of a response that fails after its head
        const res = await fetch(new URL('/throws', request.url));
        try {
          await res.text();
          return new Response('read as whole');
        } catch (err) {
          return new Response('caught ' + err.name);
        }
      }
      case '/deep': {
        const n = Number(url.searchParams.get('n'));
        if (n === 0) return new Response('bottom');
        const res = await fetch(new URL('/deep?n=' + (n - 1), request.url));
        return new Response(res.ok ? await res.text() : 'failed at ' + n, { status: res.status });
      }
    }
    return new Response('not found', { status: 404 });
  },
};`

type errorLog struct {
	ch chan string
}

func failingServer(t *testing.T) (*httptest.Server, *errorLog) {
	t.Helper()
	log := &errorLog{ch: make(chan string, 16)}
	h := &edge.Handler{}
	p := testworker.Pool(t, testworker.Source(t, failingWorker), wasmhost.PoolConfig{
		MaxIsolates: 12, MinIdle: 1, RequestTimeout: 2 * time.Second,
		Fetcher: edge.FetchPolicy{Self: h}.Fetcher(),
		OnError: func(req *wasmhost.Request, err error) {
			select {
			case log.ch <- req.URL + ": " + err.Error():
			default:
			}
		},
	})
	*h = *edge.NewHandler(p, edge.Config{})
	srv := httptest.NewServer(h)
	t.Cleanup(srv.Close)
	return srv, log
}

// A response that fails after its head must not look complete: the client has to see the
// transfer break off (curl: "transfer closed with outstanding read data"), as with Node and
// workerd, and the failure is logged.
func TestFailureAfterHeadAbortsTheResponse(t *testing.T) {
	srv, log := failingServer(t)
	_, console := testworker.Engine(t)
	mark := console.Mark()
	for _, c := range []struct{ path, logged string }{
		{"/throws", "the database went away"},
		{"/errors", "upstream reset"},
		{"/hangs", "can never settle"},
		{"/spins", "time limit"},
	} {
		t.Run(strings.TrimPrefix(c.path, "/"), func(t *testing.T) {
			res, err := http.Get(srv.URL + c.path)
			require.NoError(t, err)
			defer res.Body.Close()
			assert.Equal(t, 200, res.StatusCode, "the head went out before the failure")
			body, err := io.ReadAll(res.Body)
			// What was sent before the failure arrives (a spinning pull may stop the loop
			// before the second chunk, already enqueued, is written).
			assert.True(t, strings.HasPrefix(string(body), "chunk0\n") && strings.HasPrefix("chunk0\nchunk1\n", string(body)), "body %q", body)
			assert.ErrorIs(t, err, io.ErrUnexpectedEOF, "the client must see that the body is incomplete")
			select {
			case msg := <-log.ch:
				assert.Contains(t, msg, c.path)
				assert.Contains(t, msg, c.logged)
			case <-time.After(10 * time.Second):
				t.Error("the failure after the head was not reported")
			}
		})
	}
	// The stream's own error is logged with where it was thrown in the worker's source
	// (worker.js line 16, column 44: the throw in the pull of /throws).
	assert.Regexp(t, `Uncaught Error: the database went away\n\s+at .*worker\.js:16:44`, console.Since(mark))

	// A healthy stream still ends cleanly, on the same server.
	res, err := http.Get(srv.URL + "/ok")
	require.NoError(t, err)
	body, err := io.ReadAll(res.Body)
	res.Body.Close()
	require.NoError(t, err)
	assert.Equal(t, "chunk0\nchunk1\n", string(body))
}

// The raw wire: after a failure the chunked body has no terminating zero-length chunk.
func TestAbortedChunkedBodyHasNoLastChunk(t *testing.T) {
	srv, _ := failingServer(t)
	conn, err := net.Dial("tcp", strings.TrimPrefix(srv.URL, "http://"))
	require.NoError(t, err)
	defer conn.Close()
	_, err = io.WriteString(conn, "GET /throws HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
	require.NoError(t, err)
	raw, _ := io.ReadAll(bufio.NewReader(conn)) // ends when the server closes the connection
	assert.Contains(t, string(raw), "chunk1\n")
	assert.NotContains(t, string(raw), "\r\n0\r\n\r\n", "an aborted body must not end with the last chunk")
}

// Clients cannot reach the runtime's bookkeeping: X-Kitwasm-* request headers are dropped at
// the edge, so a client cannot, for one, switch off the app's own same-origin fetches.
func TestClientCannotSteerTheRuntime(t *testing.T) {
	srv, _ := failingServer(t)
	get := func(path string, header ...string) (int, string) {
		req, _ := http.NewRequest("GET", srv.URL+path, nil)
		for i := 0; i+1 < len(header); i += 2 {
			req.Header.Set(header[i], header[i+1])
		}
		res, err := http.DefaultClient.Do(req)
		require.NoError(t, err)
		defer res.Body.Close()
		b, err := io.ReadAll(res.Body)
		require.NoError(t, err)
		return res.StatusCode, string(b)
	}
	status, body := get("/self", "X-Kitwasm-Loopback-Depth", "8")
	assert.Equal(t, 200, status)
	assert.Equal(t, "self: 200 chunk0\nchunk1\n", body)

	_, body = get("/headers", "X-Kitwasm-Loopback-Depth", "3", "X-Kitwasm-Anything", "1", "X-Other", "2")
	var names []string
	require.NoError(t, json.Unmarshal([]byte(body), &names))
	assert.Contains(t, names, "x-other")
	for _, n := range names {
		assert.False(t, strings.HasPrefix(n, "x-kitwasm-"), "the app sees %s", n)
	}

	// An aborted same-origin response is an error for the fetching worker too.
	status, body = get("/self-broken")
	assert.Equal(t, 200, status)
	assert.Equal(t, "caught TypeError", body)

	// The nesting bound of same-origin fetches still holds, kept where clients cannot reach it.
	status, body = get("/deep?n=3")
	assert.Equal(t, 200, status)
	assert.Equal(t, "bottom", body)
	status, _ = get("/deep?n=20")
	assert.Equal(t, 500, status, "a worker fetching itself without end is stopped")
}

// Responses without a body (redirects, 204, HEAD, an empty string) are whole responses, not
// aborted ones.
func TestEmptyBodiesAreComplete(t *testing.T) {
	h := &edge.Handler{}
	p := testworker.Pool(t, testworker.Source(t, `
export default {
  fetch(request) {
    const url = new URL(request.url);
    if (url.pathname === '/redirect') return Response.redirect('http://x.test/elsewhere', 303);
    if (url.pathname === '/204') return new Response(null, { status: 204 });
    if (url.pathname === '/empty') return new Response('');
    return new Response(null);
  },
};`), wasmhost.PoolConfig{MaxIsolates: 2, MinIdle: 1})
	*h = *edge.NewHandler(p, edge.Config{})
	srv := httptest.NewServer(h)
	defer srv.Close()
	client := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	for _, c := range []struct {
		method, path string
		status       int
	}{{"GET", "/redirect", 303}, {"GET", "/204", 204}, {"GET", "/empty", 200}, {"GET", "/null", 200}, {"HEAD", "/empty", 200}, {"HEAD", "/redirect", 303}} {
		req, _ := http.NewRequest(c.method, srv.URL+c.path, nil)
		res, err := client.Do(req)
		require.NoError(t, err, "%s %s", c.method, c.path)
		body, err := io.ReadAll(res.Body)
		res.Body.Close()
		assert.NoError(t, err, "%s %s", c.method, c.path)
		assert.Empty(t, body)
		assert.Equal(t, c.status, res.StatusCode, "%s %s", c.method, c.path)
	}
}
