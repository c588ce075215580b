package edge_test

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/kitwasm/kitwasm/edge"
	"github.com/kitwasm/kitwasm/wasmhost"
)

// TestFetcherMapsToNetHTTP drives FetchPolicy's Fetcher with the runtime's own fetch types
// (wasmhost has no net/http): request fields in order with duplicates, a whole body that a
// 307 sends again, a streamed body sent chunked, the redirect modes, and the response's
// status, text, duplicate fields, final URL and redirected flag.
func TestFetcherMapsToNetHTTP(t *testing.T) {
	upstream := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/moved" {
			http.Redirect(w, r, "/dest", http.StatusTemporaryRedirect)
			return
		}
		b, _ := io.ReadAll(r.Body)
		w.Header().Add("X-Out", "1")
		w.Header().Add("X-Out", "2")
		w.WriteHeader(http.StatusCreated)
		fmt.Fprintf(w, "%s %s dup=%s len=%d te=%v body=%s", r.Method, r.URL.Path,
			strings.Join(r.Header.Values("X-Dup"), ","), r.ContentLength, r.TransferEncoding, b)
	}))
	defer upstream.Close()
	fetch := edge.FetchPolicy{Allow: []string{"*"}}.Fetcher()
	ctx := context.Background()
	read := func(res *wasmhost.FetchResponse) string {
		defer res.Body.Close()
		b, err := io.ReadAll(res.Body)
		require.NoError(t, err)
		return string(b)
	}
	headerValues := func(res *wasmhost.FetchResponse, name string) []string {
		var vs []string
		for _, h := range res.Header {
			if strings.EqualFold(h[0], name) {
				vs = append(vs, h[1])
			}
		}
		return vs
	}

	res, err := fetch(ctx, &wasmhost.FetchRequest{
		Method: "POST", URL: upstream.URL + "/moved", Redirect: "follow",
		Header: [][2]string{{"x-dup", "a"}, {"x-dup", "b"}},
		Body:   bytes.NewReader([]byte("whole")), ContentLength: 5,
	})
	require.NoError(t, err)
	assert.Equal(t, 201, res.Status)
	assert.Equal(t, "Created", res.StatusText)
	assert.Equal(t, []string{"1", "2"}, headerValues(res, "x-out"))
	assert.Equal(t, upstream.URL+"/dest", res.URL)
	assert.True(t, res.Redirected)
	assert.Equal(t, "POST /dest dup=a,b len=5 te=[] body=whole", read(res))

	pr, pw := io.Pipe()
	go func() {
		pw.Write([]byte("stre"))
		pw.Write([]byte("amed"))
		pw.Close()
	}()
	res, err = fetch(ctx, &wasmhost.FetchRequest{
		Method: "PUT", URL: upstream.URL + "/up", Redirect: "follow", Body: pr, ContentLength: -1,
	})
	require.NoError(t, err)
	assert.Equal(t, upstream.URL+"/up", res.URL)
	assert.False(t, res.Redirected)
	assert.Equal(t, "PUT /up dup= len=-1 te=[chunked] body=streamed", read(res))

	res, err = fetch(ctx, &wasmhost.FetchRequest{Method: "GET", URL: upstream.URL + "/moved", Redirect: "manual"})
	require.NoError(t, err)
	assert.Equal(t, 307, res.Status)
	assert.Equal(t, "Temporary Redirect", res.StatusText)
	assert.Equal(t, []string{"/dest"}, headerValues(res, "location"))
	assert.Equal(t, upstream.URL+"/moved", res.URL)
	assert.False(t, res.Redirected)
	read(res)

	_, err = fetch(ctx, &wasmhost.FetchRequest{Method: "GET", URL: upstream.URL + "/moved", Redirect: "error"})
	assert.ErrorContains(t, err, "redirect mode is set to error")
}
