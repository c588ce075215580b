package edge

import (
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func staticFixture(t *testing.T) *Static {
	dir := t.TempDir()
	write := func(rel, content string) {
		p := filepath.Join(dir, rel)
		require.NoError(t, os.MkdirAll(filepath.Dir(p), 0o755))
		require.NoError(t, os.WriteFile(p, []byte(content), 0o644))
	}
	write("client/_app/immutable/app.js", "console.log('app')")
	write("client/_app/immutable/app.js.gz", "GZ")
	write("client/_app/immutable/app.js.br", "B")
	write("client/robots.txt", "0123456789")
	write("prerendered/about.html", "<h1>about</h1>")
	write("client/ü ber.txt", "unicode")
	m := &Manifest{Version: 1, AppPath: "_app", Files: map[string]*Asset{
		"/_app/immutable/app.js": {File: "client/_app/immutable/app.js", Size: 18, ETag: "abc", Type: "text/javascript", CacheControl: ImmutableCacheControl, Gzip: 2, Brotli: 1},
		"/robots.txt":            {File: "client/robots.txt", Size: 10, ETag: "r", Type: "text/plain"},
		"/about":                 {File: "prerendered/about.html", Size: 14, ETag: "p", Type: "text/html;charset=utf-8"},
		"/ü ber.txt":             {File: "client/ü ber.txt", Size: 7, ETag: "u"},
	}, Redirects: map[string]string{"/about/": "../about"}}
	next := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.WriteHeader(299)
		w.Write([]byte("app"))
	})
	return NewStatic(dir, m, next)
}

func do(s http.Handler, method, target string, h map[string]string) *httptest.ResponseRecorder {
	r := httptest.NewRequest(method, "/", nil)
	r.RequestURI = target // as the client sent it, even when it does not parse
	for k, v := range h {
		r.Header.Set(k, v)
	}
	w := httptest.NewRecorder()
	s.ServeHTTP(w, r)
	return w
}

func TestStaticRules(t *testing.T) {
	s := staticFixture(t)

	w := do(s, "GET", "/robots.txt", nil)
	assert.Equal(t, 200, w.Code)
	assert.Equal(t, "0123456789", w.Body.String())
	assert.Equal(t, `"r"`, w.Header().Get("ETag"))
	assert.Equal(t, "10", w.Header().Get("Content-Length"))
	assert.Equal(t, "bytes", w.Header().Get("Accept-Ranges"))
	assert.Empty(t, w.Header().Get("Vary"))

	w = do(s, "GET", "/_app/immutable/app.js", map[string]string{"Accept-Encoding": "gzip, br"})
	assert.Equal(t, "B", w.Body.String(), "brotli wins at equal weight")
	assert.Equal(t, "br", w.Header().Get("Content-Encoding"))
	assert.Equal(t, `"abc.br"`, w.Header().Get("ETag"))
	assert.Equal(t, ImmutableCacheControl, w.Header().Get("Cache-Control"))
	assert.Equal(t, "Accept-Encoding", w.Header().Get("Vary"))

	w = do(s, "GET", "/_app/immutable/app.js", map[string]string{"Accept-Encoding": "br;q=0.5, gzip"})
	assert.Equal(t, "GZ", w.Body.String())
	assert.Equal(t, "gzip", w.Header().Get("Content-Encoding"))
	w = do(s, "GET", "/_app/immutable/app.js", map[string]string{"Accept-Encoding": "identity"})
	assert.Equal(t, "console.log('app')", w.Body.String())

	w = do(s, "GET", "/robots.txt", map[string]string{"If-None-Match": `W/"x", W/"r"`})
	assert.Equal(t, 304, w.Code)
	assert.Empty(t, w.Body.String())

	w = do(s, "GET", "/robots.txt", map[string]string{"Range": "bytes=2-4"})
	assert.Equal(t, 206, w.Code)
	assert.Equal(t, "234", w.Body.String())
	assert.Equal(t, "bytes 2-4/10", w.Header().Get("Content-Range"))
	w = do(s, "GET", "/robots.txt", map[string]string{"Range": "bytes=-3"})
	assert.Equal(t, "789", w.Body.String())
	w = do(s, "GET", "/robots.txt", map[string]string{"Range": "bytes=20-"})
	assert.Equal(t, 416, w.Code)
	assert.Equal(t, "bytes */10", w.Header().Get("Content-Range"))
	w = do(s, "GET", "/robots.txt", map[string]string{"Range": "bytes=2-4", "If-Range": `"old"`})
	assert.Equal(t, 200, w.Code, "a stale If-Range gets the whole file")

	w = do(s, "HEAD", "/about", nil)
	assert.Equal(t, 200, w.Code)
	assert.Empty(t, w.Body.String())
	assert.Equal(t, "14", w.Header().Get("Content-Length"))
	assert.Equal(t, "text/html;charset=utf-8", w.Header().Get("Content-Type"))

	w = do(s, "POST", "/about", nil)
	assert.Equal(t, 405, w.Code)
	assert.Equal(t, "GET, HEAD", w.Header().Get("Allow"))

	w = do(s, "GET", "/about/?x=1", nil)
	assert.Equal(t, 308, w.Code)
	assert.Equal(t, "../about?x=1", w.Header().Get("Location"))

	w = do(s, "GET", "/%C3%BC%20ber.txt", nil)
	assert.Equal(t, "unicode", w.Body.String(), "percent-encoded paths are decoded as kit's router does")

	for _, target := range []string{"/nothing", "/robots.txt/", "/%E0%A4%A.txt", "/about%2F"} {
		w = do(s, "GET", target, nil)
		assert.Equal(t, 299, w.Code, "%s goes to the app", target)
	}
}

func TestDecodeURI(t *testing.T) {
	for in, want := range map[string]string{
		"/a%20b":         "/a b",
		"/a%2Fb":         "/a%2Fb",
		"/a%2fb":         "/a%2fb",
		"/%3F%23%26":     "/%3F%23%26",
		"/%C3%A9t%C3%A9": "/été",
		"/%F0%9F%98%80":  "/😀",
	} {
		got, err := decodeURI(in)
		require.NoError(t, err, in)
		assert.Equal(t, want, got, in)
	}
	for _, bad := range []string{"/%", "/%zz", "/%C3", "/%C3%28", "/%ED%A0%80"} {
		_, err := decodeURI(bad)
		assert.Error(t, err, bad)
	}
}

// A header sent on several lines is one comma-separated list (RFC 9110 §5.3), which is what
// adapter-node sees: Node joins repeated Accept-Encoding, If-None-Match, Range and If-Range
// lines with ", ". Reading only the first line answered differently from adapter-node.
func TestStaticRepeatedHeaderLines(t *testing.T) {
	s := staticFixture(t)
	doLines := func(target string, h http.Header) *httptest.ResponseRecorder {
		r := httptest.NewRequest("GET", "/", nil)
		r.RequestURI = target
		r.Header = h
		w := httptest.NewRecorder()
		s.ServeHTTP(w, r)
		return w
	}

	w := doLines("/_app/immutable/app.js", http.Header{"Accept-Encoding": {"identity", "br"}})
	assert.Equal(t, "br", w.Header().Get("Content-Encoding"), "the second line offers br")

	w = doLines("/robots.txt", http.Header{"If-None-Match": {`"x"`, `"r"`}})
	assert.Equal(t, 304, w.Code, "the second line names the current ETag")

	w = doLines("/robots.txt", http.Header{"If-None-Match": {"\"x\",\xa0\"r\"\xa0"}})
	assert.Equal(t, 304, w.Code, "Latin-1 NBSP around an ETag is white space to adapter-node")

	w = doLines("/robots.txt", http.Header{"Range": {"bytes=0-1", "bytes=2-3"}})
	assert.Equal(t, 200, w.Code, "two ranges, which are not supported: the whole file")
	assert.Equal(t, "0123456789", w.Body.String())

	w = doLines("/robots.txt", http.Header{"Range": {"bytes=0-1"}, "If-Range": {`"r"`, `"r"`}})
	assert.Equal(t, 200, w.Code, `If-Range "r", "r" is no single validator`)
}

// Quality values are read as adapter-node reads them, with JavaScript's parseFloat(value) || 0:
// the longest decimal prefix counts, and what is no number (inf, nan, hex) weighs 0.
func TestStaticQualityValues(t *testing.T) {
	s := staticFixture(t)
	for header, want := range map[string]string{
		"gzip;q=inf, br":             "br",   // parseFloat("inf") is NaN: gzip weighs 0
		"gzip;q=nan, br;q=0.1":       "br",   // NaN || 0
		"gzip;q=0.5x, br;q=0.4":      "gzip", // parseFloat("0.5x") is 0.5
		"gzip;q=Infinity, br":        "br",   // the header is lowercased first, and "infinity" is NaN
		"gzip;q= 0.9 , br;q=.8":      "gzip",
		"gzip;q=1e-1, br;q=0.05":     "gzip",
		"gzip;q=0x1p0, br;q=0.5":     "br", // parseFloat("0x1p0") is 0
		"gzip;q=1_0, br;q=2":         "br", // parseFloat("1_0") is 1
		"gzip;q=0.3=1, br;q=0.2":     "gzip",
		"gzip;q=-1, br;q=0":          "",
		"br;q=0, gzip;q=0, *;q=1":    "",
		"gzip;q=+0.5, br;q=0.4":      "gzip",
		"gzip;q=1.5e+0, br;q=1.4e0x": "gzip",
		"gzip;q=\xa00.9, br;q=0.8":   "gzip", // Latin-1 NBSP is white space to parseFloat
		"gzip;q=\xff0.9, br;q=0.8":   "br",
		"gzip;q=0.5, \xa0BR\xa0":     "br", // trimmed and lowercased as Latin-1
	} {
		w := do(s, "GET", "/_app/immutable/app.js", map[string]string{"Accept-Encoding": header})
		assert.Equal(t, want, w.Header().Get("Content-Encoding"), "Accept-Encoding: %s", header)
	}
}
