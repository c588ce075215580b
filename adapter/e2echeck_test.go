package adapter_test

// Tests of the comparison machinery of e2e_test.go itself, without Node: the header
// comparison must catch a difference in any header that is not hop-by-hop, and the streaming
// check must fail for a server that buffers its response.

import (
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestE2EDiffComparesEveryHeader(t *testing.T) {
	base := func() *e2eResponse {
		return &e2eResponse{status: 200, method: "GET", body: []byte("x"), header: http.Header{
			"Content-Type": {"text/plain"}, "Content-Length": {"1"},
		}}
	}
	// Headers no allow-list ever named must be compared.
	for _, name := range []string{"Last-Modified", "Content-Range", "Expires", "Access-Control-Allow-Origin", "Content-Security-Policy", "Accept-Ranges", "Server"} {
		a, b := base(), base()
		b.header.Set(name, "only in kitwasm")
		assert.Contains(t, a.diff(b, nil), "header "+strings.ToLower(name), "%s only on one side", name)
		a.header.Set(name, "other")
		assert.Contains(t, a.diff(b, nil), "header "+strings.ToLower(name), "%s differing", name)
	}
	// Hop-by-hop headers and Date are not.
	a, b := base(), base()
	a.header.Set("Connection", "keep-alive")
	a.header.Set("Keep-Alive", "timeout=5")
	a.header.Set("Date", "Sat, 05 Dec 2026 08:04:05 GMT")
	b.header.Set("Proxy-Connection", "close")
	assert.Empty(t, a.diff(b, nil))

	// Content-Length: transport when either body came chunked, compared otherwise and on HEAD.
	a, b = base(), base()
	b.header.Set("Content-Length", "2")
	assert.Contains(t, a.diff(b, nil), "header content-length")
	b.header.Del("Content-Length")
	b.chunked = true
	assert.Empty(t, a.diff(b, nil))
	a.method, b.method = "HEAD", "HEAD"
	assert.Contains(t, a.diff(b, nil), "header content-length")

	// An exception replaces the comparison of its header by its own check.
	a, b = base(), base()
	a.header.Set("ETag", `W/"1-2"`)
	b.header.Set("ETag", `"abc"`)
	assert.Contains(t, a.diff(b, nil), "header etag")
	present := map[string]headerCheck{"etag": func(_, _ *e2eResponse, va, vb []string) string {
		if len(vb) == 0 {
			return "kitwasm sent none"
		}
		return ""
	}}
	assert.Empty(t, a.diff(b, present))
	b.header.Del("ETag")
	assert.Contains(t, a.diff(b, present), "kitwasm sent none")

	// Status and body.
	a, b = base(), base()
	b.status = 206
	b.body = []byte("y")
	d := a.diff(b, nil)
	assert.Contains(t, d, "status: adapter-node 200, kitwasm 206")
	assert.Contains(t, d, "body:")
}

// gatedRoute is the fixture's /api/gated in Go: "first ✓", then what the gate says. With
// flush false its response stays in net/http's buffer until the handler returns.
func gatedRoute(flush bool) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		io.WriteString(w, "first ✓\n")
		if flush {
			w.(http.Flusher).Flush()
		}
		res, err := http.Get(r.URL.Query().Get("gate"))
		if err != nil {
			io.WriteString(w, "gate: "+err.Error()+"\n")
			return
		}
		said, _ := io.ReadAll(res.Body)
		res.Body.Close()
		io.WriteString(w, "gate: "+string(said)+"\n")
	}
}

func TestE2ECheckStreamedFailsForABufferedResponse(t *testing.T) {
	client := &http.Client{Timeout: 30 * time.Second}
	addr := func(s *httptest.Server) string { return strings.TrimPrefix(s.URL, "http://") }

	streaming := httptest.NewServer(gatedRoute(true))
	defer streaming.Close()
	require.NoError(t, checkStreamed(client, newGate(t, gateTimeout), addr(streaming), "/api/gated", "first ✓\n", "gate: released\n"))

	// The gate's timeout only decides how long the buffering server stays stuck, not the
	// outcome, so a short one keeps this test quick.
	buffered := httptest.NewServer(gatedRoute(false))
	defer buffered.Close()
	err := checkStreamed(client, newGate(t, 100*time.Millisecond), addr(buffered), "/api/gated", "first ✓\n", "gate: released\n")
	require.Error(t, err)
	assert.Contains(t, err.Error(), "not streamed")
	assert.Contains(t, err.Error(), "gate: timed out")

	// A route that never asks the gate proves nothing about streaming.
	silent := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		io.WriteString(w, "first ✓\ngate: released\n")
	}))
	defer silent.Close()
	err = checkStreamed(client, newGate(t, gateTimeout), addr(silent), "/api/gated", "first ✓\n", "gate: released\n")
	require.Error(t, err)
	assert.Contains(t, err.Error(), "never asked the gate")
}
