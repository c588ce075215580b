package edge

import (
	"bytes"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"
)

// fzStatic is a build directory for FuzzStatic, with a file outside it that must never be
// served, and the content of every file by its path relative to the directory.
type fzStatic struct {
	s        *Static
	contents map[string]string
}

const fzSecret = "SECRET-outside-the-build"

func newFzStatic(tb testing.TB) *fzStatic {
	root := tb.TempDir()
	dir := filepath.Join(root, "build")
	contents := map[string]string{
		"client/robots.txt":                    "0123456789",
		"client/_app/immutable/app.js":         "console.log('app')",
		"client/_app/immutable/app.js.gz":      "GZIPPED",
		"client/_app/immutable/app.js.br":      "BR",
		"client/only-gz.css":                   "body{}",
		"client/only-gz.css.gz":                "gz-css",
		"client/empty.txt":                     "",
		"client/ü ber.txt":                     "unicode",
		"client/percent.txt":                   "percent",
		"client/slash.txt":                     "encoded slash",
		"prerendered/about.html":               "<h1>about</h1>",
		"prerendered/index.html":               "<h1>home</h1>",
		"client/_app/immutable/chunks/c.js":    "chunk",
		"client/_app/immutable/chunks/c.js.br": "c-br",
	}
	for rel, c := range contents {
		p := filepath.Join(dir, filepath.FromSlash(rel))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			tb.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(c), 0o644); err != nil {
			tb.Fatal(err)
		}
	}
	for _, p := range []string{filepath.Join(root, "secret.txt"), filepath.Join(dir, "secret.txt"), filepath.Join(dir, "client", "secret.txt")} {
		if err := os.WriteFile(p, []byte(fzSecret), 0o644); err != nil {
			tb.Fatal(err)
		}
	}
	asset := func(file, etag string, gz, br bool) *Asset {
		a := &Asset{File: file, Size: int64(len(contents[file])), ETag: etag}
		if gz {
			a.Gzip = int64(len(contents[file+".gz"]))
		}
		if br {
			a.Brotli = int64(len(contents[file+".br"]))
		}
		return a
	}
	m := &Manifest{Version: 1, AppPath: "_app", Files: map[string]*Asset{
		"/robots.txt":                 asset("client/robots.txt", "r", false, false),
		"/_app/immutable/app.js":      asset("client/_app/immutable/app.js", "abc", true, true),
		"/only-gz.css":                asset("client/only-gz.css", "css", true, false),
		"/empty.txt":                  asset("client/empty.txt", "e", false, false),
		"/ü ber.txt":                  asset("client/ü ber.txt", "u", false, false),
		"/a%25b":                      asset("client/percent.txt", "pc", false, false),
		"/x%2Fy":                      asset("client/slash.txt", "sl", false, false),
		"/about":                      asset("prerendered/about.html", "p", false, false),
		"/":                           asset("prerendered/index.html", "i", false, false),
		"/_app/immutable/chunks/c.js": asset("client/_app/immutable/chunks/c.js", "c", false, true),
	}, Redirects: map[string]string{"/about/": "../about", "/x%2Fy/": "../x%2Fy"}}
	next := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.WriteHeader(299)
		w.Write([]byte("next"))
	})
	return &fzStatic{s: NewStatic(dir, m, next), contents: contents}
}

// refDecodePathname is kit's decode_pathname (pathname.split('%25').map(decodeURI).join('%25'))
// written independently of splitURL: every run of escapes of bytes >= 0x80 must be valid UTF-8
// as a whole, escapes of ;/?:@&=+$,# stay as written, and any error keeps the pathname as is.
func refDecodePathname(p string) string {
	parts := strings.Split(p, "%25")
	for i, part := range parts {
		var out, run []byte
		ok := true
		for j := 0; j < len(part) && ok; {
			if part[j] != '%' {
				if len(run) > 0 {
					ok = utf8.Valid(run)
					out, run = append(out, run...), nil
				}
				out = append(out, part[j])
				j++
				continue
			}
			if j+3 > len(part) || !isHex(part[j+1]) || !isHex(part[j+2]) {
				ok = false
				break
			}
			v, _ := strconv.ParseUint(part[j+1:j+3], 16, 8)
			if v >= 0x80 {
				run = append(run, byte(v))
			} else {
				if len(run) > 0 {
					ok = utf8.Valid(run)
					out, run = append(out, run...), nil
				}
				if strings.ContainsRune(";/?:@&=+$,#", rune(v)) {
					out = append(out, part[j:j+3]...)
				} else {
					out = append(out, byte(v))
				}
			}
			j += 3
		}
		if len(run) > 0 {
			ok = ok && utf8.Valid(run)
			out = append(out, run...)
		}
		if !ok {
			return p
		}
		parts[i] = string(out)
	}
	return strings.Join(parts, "%25")
}

func isHex(c byte) bool {
	return '0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F'
}

var fzContentRange = regexp.MustCompile(`^bytes (\d+)-(\d+)/(\d+)$`)

// FuzzStatic sends arbitrary request targets, methods and negotiation headers to Static over a
// build directory. Properties: no panic; the pathname is looked up after kit's decoding
// (differential against refDecodePathname), a miss reaches Next, a redirect keeps the search;
// an answered file is the manifest's file or the precompressed variant its Content-Encoding
// names, which the asset has and the Accept-Encoding offered; nothing outside the manifest
// (the secret next to and above the build) is ever served; a 206 answers the bytes its
// Content-Range names, consistent with Content-Length, and a simple satisfiable single range
// is answered as RFC 9110 says; HEAD and 304 carry no body.
func FuzzStatic(f *testing.F) {
	fx := newFzStatic(f)
	f.Add("GET", "/robots.txt", "", "", "", "")
	f.Add("GET", "/_app/immutable/app.js?v=1", "gzip, br", "bytes=1-3", "", "")
	f.Add("GET", "/_app/immutable/app.js?v=1", "br", "bytes=5-", "", "") // 416 for the 2-byte br variant (CI, stop 18)
	f.Add("HEAD", "/_app/immutable/app.js", "gzip;q=1, br;q=0.5", "", "", "")
	f.Add("GET", "/only-gz.css", "*", "bytes=-2", "", "")
	f.Add("GET", "/%C3%BC%20ber.txt", "identity", "bytes=0-", "", "")
	f.Add("GET", "/a%25b", "", "bytes=5-1", "", "")
	f.Add("GET", "/x%2Fy/?q", "", "", "", "")
	f.Add("POST", "/about/", "", "", "", "")
	f.Add("GET", "/robots.txt", "", "bytes=2-4", `"r"`, "")
	f.Add("GET", "/robots.txt", "", "bytes=2-4", `"x"`, `W/"r"`)
	f.Add("GET", "/../secret.txt", "", "", "", "")
	f.Add("GET", "/%2e%2e/secret.txt", "", "", "", "")
	f.Add("GET", "/..\\secret.txt\x00", "", "", "", "")
	f.Add("GET", "/%E0%80%AF", "", "", "", "")
	f.Add("GET", "/empty.txt", "br", "bytes=-0", "", "")
	f.Add("GET", "/_app/immutable/chunks/c.js", "BR;q=0.001", "bytes=0-99999999999999999999", "", "*")
	f.Fuzz(func(t *testing.T, method, target, acceptEncoding, rng, ifRange, ifNoneMatch string) {
		r := httptest.NewRequest(http.MethodGet, "/", nil)
		r.Method = method
		r.RequestURI = target
		for name, v := range map[string]string{"Accept-Encoding": acceptEncoding, "Range": rng, "If-Range": ifRange, "If-None-Match": ifNoneMatch} {
			if v != "" {
				r.Header[name] = []string{v}
			}
		}
		w := httptest.NewRecorder()
		fx.s.ServeHTTP(w, r)
		body, h := w.Body.Bytes(), w.Header()
		if bytes.Contains(body, []byte(fzSecret)) {
			t.Fatalf("%s served a file outside the manifest", target)
		}

		pathname, search := target, ""
		if i := strings.IndexByte(target, '?'); i >= 0 {
			pathname, search = target[:i], target[i:]
		}
		pathname = refDecodePathname(pathname)
		getOrHead := method == http.MethodGet || method == http.MethodHead
		if loc, ok := fx.s.Manifest.Redirects[pathname]; ok {
			if getOrHead && (w.Code != 308 || h.Get("Location") != loc+search) {
				t.Fatalf("%s: redirect expected to %q, got %d %q", target, loc+search, w.Code, h.Get("Location"))
			}
			if !getOrHead && w.Code != 405 {
				t.Fatalf("%s %s: %d, want 405", method, target, w.Code)
			}
			return
		}
		asset, ok := fx.s.Manifest.Files[pathname]
		if !ok {
			if w.Code != 299 {
				t.Fatalf("%s (pathname %q) is no file: want Next, got %d", target, pathname, w.Code)
			}
			return
		}
		if !getOrHead {
			if w.Code != 405 {
				t.Fatalf("%s %s: %d, want 405", method, target, w.Code)
			}
			return
		}
		if w.Code == 299 {
			t.Fatalf("%s (pathname %q) is a file but reached Next", target, pathname)
		}

		file := asset.File
		switch ce := h.Get("Content-Encoding"); ce {
		case "":
		case "gzip", "br":
			if (ce == "gzip" && asset.Gzip == 0) || (ce == "br" && asset.Brotli == 0) {
				t.Fatalf("%s: Content-Encoding %s without that variant", target, ce)
			}
			offered := false
			for _, part := range strings.Split(strings.ToLower(acceptEncoding), ",") {
				name, _, _ := strings.Cut(part, ";")
				name = fzTrimSpace(name)
				offered = offered || name == ce || name == "*"
			}
			if !offered {
				t.Fatalf("%s: Content-Encoding %s, which Accept-Encoding %q does not offer", target, ce, acceptEncoding)
			}
			file += map[string]string{"gzip": ".gz", "br": ".br"}[ce]
		default:
			t.Fatalf("%s: Content-Encoding %q", target, ce)
		}
		if strings.TrimSpace(acceptEncoding) == "" && h.Get("Content-Encoding") != "" {
			t.Fatalf("%s: Content-Encoding %s with no Accept-Encoding", target, h.Get("Content-Encoding"))
		}
		if (asset.Gzip > 0 || asset.Brotli > 0) != (h.Get("Vary") == "Accept-Encoding") && w.Code != 416 {
			t.Fatalf("%s: Vary %q", target, h.Get("Vary"))
		}
		content := fx.contents[file]
		size := int64(len(content))

		switch w.Code {
		case 304:
			if len(body) != 0 || !strings.Contains(ifNoneMatch, strings.Trim(h.Get("ETag"), `"`)) && strings.TrimSpace(ifNoneMatch) != "*" {
				t.Fatalf("%s: 304 with ETag %s for If-None-Match %q, body %q", target, h.Get("ETag"), ifNoneMatch, body)
			}
			return
		case 416:
			// A 416 carries no Content-Encoding, so the length it names may be that of any
			// variant Accept-Encoding offers (the one negotiated).
			lengths := []int64{asset.Size}
			for _, part := range strings.Split(strings.ToLower(acceptEncoding), ",") {
				name, _, _ := strings.Cut(part, ";")
				switch fzTrimSpace(name) {
				case "gzip":
					lengths = append(lengths, asset.Gzip)
				case "br":
					lengths = append(lengths, asset.Brotli)
				case "*":
					lengths = append(lengths, asset.Gzip, asset.Brotli)
				}
			}
			if !slices.ContainsFunc(lengths, func(n int64) bool {
				return (n > 0 || n == asset.Size) && h.Get("Content-Range") == fmt.Sprintf("bytes */%d", n)
			}) {
				t.Fatalf("%s: 416 with Content-Range %q", target, h.Get("Content-Range"))
			}
			if rng == "" || len(body) != 0 {
				t.Fatalf("%s: 416 for Range %q, body %q", target, rng, body)
			}
			return
		case 200:
			if method == http.MethodGet && string(body) != content {
				t.Fatalf("%s: 200 with %q, the file %s is %q", target, body, file, content)
			}
			if h.Get("Content-Length") != strconv.FormatInt(size, 10) {
				t.Fatalf("%s: Content-Length %q for %d bytes", target, h.Get("Content-Length"), size)
			}
		case 206:
			m := fzContentRange.FindStringSubmatch(h.Get("Content-Range"))
			if m == nil {
				t.Fatalf("%s: 206 with Content-Range %q", target, h.Get("Content-Range"))
			}
			a, _ := strconv.ParseInt(m[1], 10, 64)
			b, _ := strconv.ParseInt(m[2], 10, 64)
			n, _ := strconv.ParseInt(m[3], 10, 64)
			if n != size || a > b || b >= size {
				t.Fatalf("%s: Content-Range %q for a file of %d bytes", target, h.Get("Content-Range"), size)
			}
			if h.Get("Content-Length") != strconv.FormatInt(b-a+1, 10) {
				t.Fatalf("%s: Content-Range %q with Content-Length %q", target, h.Get("Content-Range"), h.Get("Content-Length"))
			}
			if method == http.MethodGet && string(body) != content[a:b+1] {
				t.Fatalf("%s: Content-Range %q with body %q of %q", target, h.Get("Content-Range"), body, content)
			}
		default:
			t.Fatalf("%s: status %d", target, w.Code)
		}
		if method == http.MethodHead && len(body) != 0 {
			t.Fatalf("HEAD %s: body %q", target, body)
		}
		// A single satisfiable range, without If-Range, is answered with exactly its bytes.
		if ifRange == "" && ifNoneMatch == "" {
			if want, ok := refRange(rng, size); ok {
				if w.Code != 206 || h.Get("Content-Range") != want {
					t.Fatalf("%s: Range %q answered %d %q, want 206 %q", target, rng, w.Code, h.Get("Content-Range"), want)
				}
			}
		}
	})
}

var fzSimpleRange = regexp.MustCompile(`^bytes=(\d{0,9})-(\d{0,9})$`)

// refRange is the Content-Range RFC 9110 §14.1.2 gives a single satisfiable range, ok false for
// anything else.
func refRange(rng string, size int64) (string, bool) {
	m := fzSimpleRange.FindStringSubmatch(rng)
	if m == nil || (m[1] == "" && m[2] == "") {
		return "", false
	}
	if m[1] == "" { // suffix
		n, _ := strconv.ParseInt(m[2], 10, 64)
		if n == 0 || size == 0 {
			return "", false
		}
		return fmt.Sprintf("bytes %d-%d/%d", max(size-n, 0), size-1, size), true
	}
	first, _ := strconv.ParseInt(m[1], 10, 64)
	last := size - 1
	if m[2] != "" {
		l, _ := strconv.ParseInt(m[2], 10, 64)
		if l < first {
			return "", false
		}
		last = min(l, size-1)
	}
	if first >= size {
		return "", false
	}
	return fmt.Sprintf("bytes %d-%d/%d", first, last, size), true
}

// fzTrimSpace trims what JavaScript's trim() does in a header value as Node presents it
// (latin1: the byte 0xA0 is NBSP, which strings.ToLower has turned into U+FFFD).
func fzTrimSpace(s string) string {
	return strings.TrimFunc(s, func(r rune) bool { return r == utf8.RuneError || strings.ContainsRune(" \t\n\v\f\r", r) })
}
