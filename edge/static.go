package edge

import (
	"fmt"
	"io"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"unicode/utf8"
)

// Static serves a build's static files (client assets, prerendered pages) from the manifest
// without entering JavaScript, and passes every other request to Next. The rules are those of
// @sveltejs/adapter-node, so that a kitwasm build answers as a Node one does: exact pathname
// lookup after kit's decoding, 405 for other methods than GET/HEAD, 308 from the non-canonical
// trailing-slash form of a prerendered page, ETag and If-None-Match, precompressed variants
// negotiated by Accept-Encoding, byte ranges, and immutable caching below _app/immutable.
type Static struct {
	Dir       string // the build directory
	Manifest  *Manifest
	Next      http.Handler
	immutable string
}

// NewStatic returns a Static for the build in dir.
func NewStatic(dir string, m *Manifest, next http.Handler) *Static {
	return &Static{Dir: dir, Manifest: m, Next: next, immutable: "/" + m.AppPath + "/immutable/"}
}

// ImmutableCacheControl is the Cache-Control of files below <appPath>/immutable/.
const ImmutableCacheControl = "public,max-age=31536000,immutable"

func (s *Static) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	pathname, search := splitURL(r.RequestURI)
	if loc, ok := s.Manifest.Redirects[pathname]; ok {
		if r.Method != http.MethodGet && r.Method != http.MethodHead {
			w.Header().Set("Allow", "GET, HEAD")
			w.WriteHeader(http.StatusMethodNotAllowed)
			return
		}
		w.Header().Set("Location", loc+search)
		w.WriteHeader(http.StatusPermanentRedirect)
		return
	}
	asset, ok := s.Manifest.Files[pathname]
	if !ok {
		s.Next.ServeHTTP(w, r)
		return
	}
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		w.Header().Set("Allow", "GET, HEAD")
		w.WriteHeader(http.StatusMethodNotAllowed)
		return
	}
	file, size, etag := asset.File, asset.Size, `"`+asset.ETag+`"`
	variant := negotiate(headerList(r, "Accept-Encoding"), asset)
	if variant != "" {
		file += "." + variant
		etag = `"` + asset.ETag + "." + variant + `"`
		size = asset.Gzip
		if variant == "br" {
			size = asset.Brotli
		}
	}
	h := w.Header()
	h.Set("ETag", etag)
	if asset.Gzip > 0 || asset.Brotli > 0 {
		h.Set("Vary", "Accept-Encoding")
	}
	if asset.CacheControl != "" {
		h.Set("Cache-Control", asset.CacheControl)
	}
	if etagMatches(headerList(r, "If-None-Match"), etag) {
		w.WriteHeader(http.StatusNotModified)
		return
	}
	h.Set("Content-Length", strconv.FormatInt(size, 10))
	h.Set("Accept-Ranges", "bytes")
	if asset.Type != "" {
		h.Set("Content-Type", asset.Type)
	}
	if variant != "" {
		h.Set("Content-Encoding", map[string]string{"gz": "gzip", "br": "br"}[variant])
	}
	start, end, status := int64(0), size-1, http.StatusOK
	if rg := headerList(r, "Range"); rg != "" {
		if ir := headerList(r, "If-Range"); ir == "" || ir == etag {
			if m := rangeRE.FindStringSubmatch(rg); m != nil && (m[1] != "" || m[2] != "") {
				if m[1] == "" {
					n, _ := strconv.ParseInt(m[2], 10, 64)
					start, end = max(size-n, 0), size-1
				} else {
					start, _ = strconv.ParseInt(m[1], 10, 64)
					if m[2] != "" {
						end, _ = strconv.ParseInt(m[2], 10, 64)
						end = min(end, size-1)
					}
				}
				if start >= size || start > end {
					for k := range h {
						delete(h, k)
					}
					h.Set("Content-Range", fmt.Sprintf("bytes */%d", size))
					w.WriteHeader(http.StatusRequestedRangeNotSatisfiable)
					return
				}
				status = http.StatusPartialContent
				h.Set("Content-Range", fmt.Sprintf("bytes %d-%d/%d", start, end, size))
				h.Set("Content-Length", strconv.FormatInt(end-start+1, 10))
			}
		}
	}
	f, err := os.Open(filepath.Join(s.Dir, filepath.FromSlash(file)))
	if err != nil {
		http.Error(w, "file listed in the manifest is missing: "+file, http.StatusInternalServerError)
		return
	}
	defer f.Close()
	w.WriteHeader(status)
	if r.Method == http.MethodHead {
		return
	}
	if start > 0 {
		f.Seek(start, io.SeekStart)
	}
	io.CopyN(w, f, end-start+1)
}

var rangeRE = regexp.MustCompile(`^bytes=(\d*)-(\d*)$`)

// headerList is the value of a header that may come on several lines, as one comma-separated
// list (RFC 9110 §5.3), as Node presents it to adapter-node: Range: bytes=0-1 and Range:
// bytes=2-3 are "bytes=0-1, bytes=2-3", two ranges, not the first line alone.
func headerList(r *http.Request, name string) string {
	return strings.Join(r.Header.Values(name), ", ")
}

// splitURL splits a request target into a decoded pathname and the search string. Decoding
// follows kit's router: reserved characters such as %2F stay encoded; an undecodable pathname
// is kept as is (it then misses the table and reaches kit, which answers 400).
func splitURL(target string) (string, string) {
	pathname, search := target, ""
	if i := strings.IndexByte(target, '?'); i >= 0 {
		pathname, search = target[:i], target[i:]
	}
	if strings.Contains(pathname, "%") {
		parts := strings.Split(pathname, "%25")
		ok := true
		for i, p := range parts {
			d, err := decodeURI(p)
			if err != nil {
				ok = false
				break
			}
			parts[i] = d
		}
		if ok {
			pathname = strings.Join(parts, "%25")
		}
	}
	return pathname, search
}

// decodeURI is JavaScript's decodeURI: percent-escapes decode, except escapes of the
// reserved characters ;/?:@&=+$,#, which stay exactly as written. A malformed escape or an
// invalid UTF-8 sequence is an error (URIError in JavaScript).
func decodeURI(s string) (string, error) {
	hexByte := func(i int) (byte, bool) {
		if i+2 >= len(s) || s[i] != '%' {
			return 0, false
		}
		v, err := strconv.ParseUint(s[i+1:i+3], 16, 8)
		return byte(v), err == nil
	}
	var b strings.Builder
	for i := 0; i < len(s); {
		if s[i] != '%' {
			b.WriteByte(s[i])
			i++
			continue
		}
		c, ok := hexByte(i)
		if !ok {
			return "", url.EscapeError(s[i:])
		}
		if c < 0x80 {
			if strings.IndexByte(";/?:@&=+$,#", c) >= 0 {
				b.WriteString(s[i : i+3])
			} else {
				b.WriteByte(c)
			}
			i += 3
			continue
		}
		n := utf8SeqLen(c)
		seq := []byte{c}
		for k := 1; k < n; k++ {
			cc, ok := hexByte(i + 3*k)
			if !ok || cc&0xC0 != 0x80 {
				return "", url.EscapeError(s[i:])
			}
			seq = append(seq, cc)
		}
		if n == 0 || !utf8.Valid(seq) {
			return "", url.EscapeError(s[i:])
		}
		b.Write(seq)
		i += 3 * n
	}
	return b.String(), nil
}

func utf8SeqLen(c byte) int {
	switch {
	case c&0xE0 == 0xC0:
		return 2
	case c&0xF0 == 0xE0:
		return 3
	case c&0xF8 == 0xF0:
		return 4
	}
	return 0
}

// negotiate picks the preferred precompressed variant that exists: "br", "gz" or "".
func negotiate(header string, a *Asset) string {
	if header == "" || (a.Brotli == 0 && a.Gzip == 0) {
		return ""
	}
	weights := map[string]float64{}
	for _, part := range strings.Split(asciiLower(header), ",") {
		fields := strings.Split(part, ";")
		weight := 1.0
		for _, p := range fields[1:] {
			name, value, _ := strings.Cut(p, "=")
			if jsTrim(name) == "q" {
				weight = parseQuality(value)
			}
		}
		weights[jsTrim(fields[0])] = weight
	}
	weight := func(coding string) float64 {
		if w, ok := weights[coding]; ok {
			return w
		}
		return weights["*"]
	}
	var br, gz float64
	if a.Brotli > 0 {
		br = weight("br")
	}
	if a.Gzip > 0 {
		gz = weight("gzip")
	}
	if gz > br {
		return "gz"
	}
	if br > 0 {
		return "br"
	}
	return ""
}

// jsNumberPrefix is the decimal literal JavaScript's parseFloat reads from the start of a
// string (after white space); what follows it is ignored.
var jsNumberPrefix = regexp.MustCompile(`^[+-]?(Infinity|(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?)`)

// parseQuality reads a q parameter as adapter-node does, with parseFloat(value) || 0: the
// longest decimal prefix ("0.5x" is 0.5), and 0 for what is no number ("inf", "nan", "0x1p0",
// which strconv.ParseFloat would accept). The value was lowercased with the whole header, so
// "Infinity" cannot occur. White space is that of JavaScript over the header's Latin-1 bytes.
func parseQuality(value string) float64 {
	m := jsNumberPrefix.FindString(jsTrimLeft(value))
	f, err := strconv.ParseFloat(m, 64)
	if err != nil || f != f {
		return 0
	}
	return f
}

// Node reads header values as Latin-1, one character per byte, and adapter-node trims and
// lowercases them with JavaScript's string methods. Go's strings.TrimSpace and ToLower work
// on UTF-8 instead (ToLower even turns a byte such as 0xA0 into U+FFFD), so these work on
// bytes: JavaScript's white space among Latin-1 characters, and lowercasing that leaves every
// byte outside A-Z as it is (Latin-1 letters never lowercase to ASCII, so no coding name or
// ETag can match differently).
func jsSpace(b byte) bool { return strings.IndexByte(" \t\n\v\f\r\xa0", b) >= 0 }

func jsTrimLeft(s string) string {
	for len(s) > 0 && jsSpace(s[0]) {
		s = s[1:]
	}
	return s
}

func jsTrim(s string) string {
	s = jsTrimLeft(s)
	for len(s) > 0 && jsSpace(s[len(s)-1]) {
		s = s[:len(s)-1]
	}
	return s
}

func asciiLower(s string) string {
	b := []byte(s)
	for i, c := range b {
		if 'A' <= c && c <= 'Z' {
			b[i] = c + 'a' - 'A'
		}
	}
	return string(b)
}

// etagMatches is the weak comparison of If-None-Match with etag.
func etagMatches(header, etag string) bool {
	if header == "" {
		return false
	}
	if strings.TrimSpace(header) == "*" {
		return true
	}
	for _, t := range strings.Split(header, ",") {
		if strings.TrimPrefix(jsTrim(t), "W/") == etag {
			return true
		}
	}
	return false
}
