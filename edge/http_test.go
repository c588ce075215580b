package edge_test

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/kitwasm/kitwasm/edge"
	"github.com/kitwasm/kitwasm/internal/testworker"
	"github.com/kitwasm/kitwasm/wasmhost"
)

const worker = `
export default {
  async fetch(request, env, ctx) {
    const url = new URL(request.url);
    switch (url.pathname) {
      case '/info':
        return Response.json({ url: request.url, method: request.method, client: ctx.clientAddress, host: request.headers.get('host') });
      case '/echo': {
        const body = await request.arrayBuffer();
        return new Response(body, { headers: { 'x-length': String(body.byteLength) } });
      }
      case '/slow-stream': {
        let i = 0;
        return new Response(new ReadableStream({
          async pull(c) {
            if (i === 2) return c.close();
            if (i > 0) await new Promise((r) => setTimeout(r, 300));
            c.enqueue(new TextEncoder().encode('line' + i++ + ' ' + Date.now() + '\n'));
          },
        }));
      }
      case '/fetch': {
        try {
          const res = await fetch(url.searchParams.get('to'), { headers: { 'x-from': 'worker' } });
          return new Response(res.status + ' ' + (await res.text()));
        } catch (err) {
          return new Response(err.name + ': ' + err.message, { status: 502 });
        }
      }
      case '/bytes':
        return new Response(new TextEncoder().encode('<html>not sniffed</html>'));
      case '/hop':
        return new Response('hop', { headers: { connection: 'close', 'transfer-encoding': 'chunked', 'x-kept': '1' } });
    }
    return new Response('hello from ' + url.pathname);
  },
};`

func server(t *testing.T, cfg edge.Config, allow ...string) *httptest.Server {
	t.Helper()
	h := &edge.Handler{}
	p := testworker.Pool(t, testworker.Source(t, worker), wasmhost.PoolConfig{
		MaxIsolates: 4, MinIdle: 1,
		Fetcher: edge.FetchPolicy{Allow: allow, Self: h}.Fetcher(),
	})
	*h = *edge.NewHandler(p, cfg)
	srv := httptest.NewServer(h)
	t.Cleanup(srv.Close)
	return srv
}

func TestRequestURLAndClientAddress(t *testing.T) {
	for _, trust := range []bool{false, true} {
		srv := server(t, edge.Config{TrustProxy: trust})
		req, _ := http.NewRequest("GET", srv.URL+"/info?a=%20b&c", nil)
		req.Header.Set("X-Forwarded-Proto", "https")
		req.Header.Set("X-Forwarded-Host", "example.com")
		req.Header.Set("X-Forwarded-For", "203.0.113.7, 10.0.0.1")
		res, err := http.DefaultClient.Do(req)
		require.NoError(t, err)
		var info map[string]string
		require.NoError(t, json.NewDecoder(res.Body).Decode(&info))
		res.Body.Close()
		host := strings.TrimPrefix(srv.URL, "http://")
		if trust {
			assert.Equal(t, "https://example.com/info?a=%20b&c", info["url"])
			assert.Equal(t, "203.0.113.7", info["client"])
		} else {
			assert.Equal(t, "http://"+host+"/info?a=%20b&c", info["url"], "X-Forwarded-* is ignored unless trusted")
			assert.Equal(t, "127.0.0.1", info["client"])
		}
		assert.Equal(t, host, info["host"])
	}
}

func TestHeadHasLengthButNoBody(t *testing.T) {
	srv := server(t, edge.Config{})
	res, err := http.Head(srv.URL + "/abc")
	require.NoError(t, err)
	body, _ := io.ReadAll(res.Body)
	res.Body.Close()
	assert.Equal(t, 200, res.StatusCode)
	assert.Empty(t, body)
	assert.Equal(t, int64(len("hello from /abc")), res.ContentLength)
}

func TestBodyLimit(t *testing.T) {
	srv := server(t, edge.Config{MaxBodyBytes: 1000})

	res, err := http.Post(srv.URL+"/echo", "application/octet-stream", strings.NewReader(strings.Repeat("a", 1000)))
	require.NoError(t, err)
	res.Body.Close()
	assert.Equal(t, 200, res.StatusCode, "a body at the limit passes")
	assert.Equal(t, "1000", res.Header.Get("X-Length"))

	res, err = http.Post(srv.URL+"/echo", "application/octet-stream", strings.NewReader(strings.Repeat("a", 1001)))
	require.NoError(t, err)
	res.Body.Close()
	assert.Equal(t, 413, res.StatusCode, "a declared length over the limit")

	// Chunked: the length is unknown until the worker has read past the limit.
	pr, pw := io.Pipe()
	go func() { pw.Write([]byte(strings.Repeat("b", 3000))); pw.Close() }()
	res, err = http.Post(srv.URL+"/echo", "application/octet-stream", pr)
	require.NoError(t, err)
	res.Body.Close()
	assert.Equal(t, 413, res.StatusCode, "a streamed body over the limit")

	res, err = http.Get(srv.URL + "/after")
	require.NoError(t, err)
	res.Body.Close()
	assert.Equal(t, 200, res.StatusCode, "the server goes on")
}

func TestStreamedChunksAreFlushedAsEnqueued(t *testing.T) {
	// Each chunk carries the (wall-clock) time the worker made it. The first chunk must reach
	// the client before the worker makes the second: a causal check, not a timing goal.
	srv := server(t, edge.Config{})
	res, err := http.Get(srv.URL + "/slow-stream")
	require.NoError(t, err)
	defer res.Body.Close()
	r := bufio.NewReader(res.Body)
	line0, err := r.ReadString('\n')
	require.NoError(t, err)
	got0 := time.Now().UnixMilli()
	line1, err := r.ReadString('\n')
	require.NoError(t, err)
	var made1 int64
	_, err = fmt.Sscanf(line1, "line1 %d", &made1)
	require.NoError(t, err, line1)
	assert.True(t, strings.HasPrefix(line0, "line0 "), line0)
	assert.LessOrEqual(t, got0, made1, "chunk 0 arrived before chunk 1 was made: chunks are flushed as enqueued")
}

func TestMalformedHTTPIsRejectedAndServerContinues(t *testing.T) {
	srv := server(t, edge.Config{})
	addr := strings.TrimPrefix(srv.URL, "http://")
	for _, raw := range []string{
		"GARBAGE\r\n\r\n",
		"GET / HTTP/1.1\r\nHost: a\r\nContent-Length: -5\r\n\r\n",
		"GET /\x00 HTTP/1.1\r\nHost: a\r\n\r\n",
		"GET / HTTP/1.1\r\nHost: a b\r\n\r\n",
	} {
		c, err := net.Dial("tcp", addr)
		require.NoError(t, err)
		c.SetDeadline(time.Now().Add(5 * time.Second))
		io.WriteString(c, raw)
		status, _ := bufio.NewReader(c).ReadString('\n')
		c.Close()
		assert.Contains(t, status, "400", "%q", raw)
	}
	res, err := http.Get(srv.URL + "/still")
	require.NoError(t, err)
	res.Body.Close()
	assert.Equal(t, 200, res.StatusCode)
}

func TestHopByHopHeadersAreDropped(t *testing.T) {
	srv := server(t, edge.Config{})
	res, err := http.Get(srv.URL + "/hop")
	require.NoError(t, err)
	body, _ := io.ReadAll(res.Body)
	res.Body.Close()
	assert.Equal(t, "hop", string(body))
	assert.Equal(t, "1", res.Header.Get("X-Kept"))
	assert.False(t, res.Close, "the worker cannot close the client's connection")
}

func TestFetchPolicy(t *testing.T) {
	upstream := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		io.WriteString(w, "upstream saw "+r.Header.Get("X-From"))
	}))
	defer upstream.Close()
	upHost := strings.TrimPrefix(upstream.URL, "http://")

	get := func(srv *httptest.Server, to string) (int, string) {
		res, err := http.Get(srv.URL + "/fetch?to=" + url.QueryEscape(to))
		require.NoError(t, err)
		b, _ := io.ReadAll(res.Body)
		res.Body.Close()
		return res.StatusCode, string(b)
	}

	denied := server(t, edge.Config{})
	status, body := get(denied, upstream.URL+"/x")
	assert.Equal(t, 502, status)
	assert.Contains(t, body, "TypeError")
	assert.Contains(t, body, "--allow-fetch", "the error says which flag allows it")

	status, body = get(denied, denied.URL+"/self-page")
	assert.Equal(t, 200, status, body)
	assert.Equal(t, "200 hello from /self-page", body, "the app's own origin is served in-process")

	allowed := server(t, edge.Config{}, upHost)
	status, body = get(allowed, upstream.URL+"/x")
	assert.Equal(t, 200, status, body)
	assert.Equal(t, "200 upstream saw worker", body)

	status, body = get(allowed, "file:///etc/passwd")
	assert.Equal(t, 502, status, body)
}

func TestNoContentTypeIsInvented(t *testing.T) {
	srv := server(t, edge.Config{})
	res, err := http.Get(srv.URL + "/bytes")
	require.NoError(t, err)
	res.Body.Close()
	assert.Equal(t, 200, res.StatusCode)
	_, set := res.Header["Content-Type"]
	assert.False(t, set, "a body without a type gets none, as under Node (net/http would sniff text/html)")
}
