// Package assets is the net/http-free core of serving a kitwasm build's static files: the
// build manifest (manifest.json) and Decide, which answers a request for a static or
// prerendered file by the rules of @sveltejs/adapter-node. edge.Static (kitwasm serve, on
// net/http) and the Fastly Compute entry (edge/fastly, on compute-sdk-go) both answer through
// it, so that the two cannot drift apart.
package assets

import (
	"fmt"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"unicode/utf8"
)

// ImmutableCacheControl is the Cache-Control of files below <appPath>/immutable/.
const ImmutableCacheControl = "public,max-age=31536000,immutable"

// Answer is how to answer a request for a static file. Status 0 means the request is not for
// a static file: it goes to the worker.
type Answer struct {
	Status int
	// Header holds the response's header fields, each name once, in a fixed order.
	Header [][2]string
	// File is the file to send from, relative to the build directory ("" for none); Offset
	// and Length the part of it that is the body (a variant's bytes for a precompressed one).
	File           string
	Offset, Length int64
	// Body is false when no body is sent: HEAD, 304, 308, 405, 416.
	Body bool
}

// Get returns the value of a header field of the answer ("" if absent).
func (a *Answer) Get(name string) string {
	for _, kv := range a.Header {
		if kv[0] == name {
			return kv[1]
		}
	}
	return ""
}

func (a *Answer) set(name, value string) {
	for i, kv := range a.Header {
		if kv[0] == name {
			a.Header[i][1] = value
			return
		}
	}
	a.Header = append(a.Header, [2]string{name, value})
}

// HeaderFunc returns the values of a request header (every line of it, as net/http's
// Header.Values does).
type HeaderFunc func(name string) []string

// Decide answers a request (its method, its target as sent: path and query, and its headers)
// from the manifest m: exact pathname lookup after kit's decoding, 405 for other methods than
// GET/HEAD, 308 from the non-canonical trailing-slash form of a prerendered page, ETag and
// If-None-Match, precompressed variants negotiated by Accept-Encoding, byte ranges, and the
// manifest's cache policy.
func Decide(m *Manifest, method, target string, header HeaderFunc) Answer {
	list := func(name string) string { return strings.Join(header(name), ", ") }
	pathname, search := SplitURL(target)
	getOrHead := method == "GET" || method == "HEAD"
	if loc, ok := m.Redirects[pathname]; ok {
		if !getOrHead {
			return Answer{Status: 405, Header: [][2]string{{"Allow", "GET, HEAD"}}}
		}
		return Answer{Status: 308, Header: [][2]string{{"Location", loc + search}}}
	}
	asset, ok := m.Files[pathname]
	if !ok {
		return Answer{}
	}
	if !getOrHead {
		return Answer{Status: 405, Header: [][2]string{{"Allow", "GET, HEAD"}}}
	}
	file, size, etag := asset.File, asset.Size, `"`+asset.ETag+`"`
	variant := negotiate(list("Accept-Encoding"), asset)
	if variant != "" {
		file += "." + variant
		etag = `"` + asset.ETag + "." + variant + `"`
		size = asset.Gzip
		if variant == "br" {
			size = asset.Brotli
		}
	}
	a := Answer{Status: 200}
	a.set("ETag", etag)
	if asset.Gzip > 0 || asset.Brotli > 0 {
		a.set("Vary", "Accept-Encoding")
	}
	if asset.CacheControl != "" {
		a.set("Cache-Control", asset.CacheControl)
	}
	if etagMatches(list("If-None-Match"), etag) {
		a.Status = 304
		return a
	}
	a.set("Content-Length", strconv.FormatInt(size, 10))
	a.set("Accept-Ranges", "bytes")
	if asset.Type != "" {
		a.set("Content-Type", asset.Type)
	}
	if variant != "" {
		a.set("Content-Encoding", map[string]string{"gz": "gzip", "br": "br"}[variant])
	}
	start, end := int64(0), size-1
	if rg := list("Range"); rg != "" {
		if ir := list("If-Range"); ir == "" || ir == etag {
			if mm := rangeRE.FindStringSubmatch(rg); mm != nil && (mm[1] != "" || mm[2] != "") {
				if mm[1] == "" {
					n, _ := strconv.ParseInt(mm[2], 10, 64)
					start, end = max(size-n, 0), size-1
				} else {
					start, _ = strconv.ParseInt(mm[1], 10, 64)
					if mm[2] != "" {
						end, _ = strconv.ParseInt(mm[2], 10, 64)
						end = min(end, size-1)
					}
				}
				if start >= size || start > end {
					// Content-Range names the length of the negotiated variant, and no other
					// header is sent: what adapter-node answers (the e2e comparison checks it).
					return Answer{Status: 416, Header: [][2]string{{"Content-Range", fmt.Sprintf("bytes */%d", size)}}}
				}
				a.Status = 206
				a.set("Content-Range", fmt.Sprintf("bytes %d-%d/%d", start, end, size))
				a.set("Content-Length", strconv.FormatInt(end-start+1, 10))
			}
		}
	}
	a.File, a.Offset, a.Length, a.Body = file, start, end-start+1, method != "HEAD"
	return a
}

var rangeRE = regexp.MustCompile(`^bytes=(\d*)-(\d*)$`)

// SplitURL splits a request target into a decoded pathname and the search string. Decoding
// follows kit's router: reserved characters such as %2F stay encoded; an undecodable pathname
// is kept as is (it then misses the table and reaches kit, which answers 400).
func SplitURL(target string) (string, string) {
	pathname, search := target, ""
	if i := strings.IndexByte(target, '?'); i >= 0 {
		pathname, search = target[:i], target[i:]
	}
	if strings.Contains(pathname, "%") {
		parts := strings.Split(pathname, "%25")
		ok := true
		for i, p := range parts {
			d, err := DecodeURI(p)
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

// DecodeURI is JavaScript's decodeURI: percent-escapes decode, except escapes of the
// reserved characters ;/?:@&=+$,#, which stay exactly as written. A malformed escape or an
// invalid UTF-8 sequence is an error (URIError in JavaScript).
func DecodeURI(s string) (string, error) {
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
