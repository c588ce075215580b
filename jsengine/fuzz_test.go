package jsengine_test

import (
	"bufio"
	"bytes"
	"context"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"io"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/kitwasm/kitwasm/internal/nodetest"
	"github.com/kitwasm/kitwasm/internal/testworker"
	"github.com/kitwasm/kitwasm/wasmhost"
	"golang.org/x/net/idna"
	"golang.org/x/text/secure/bidirule"
	"golang.org/x/text/unicode/bidi"
)

// The fuzz targets of this file compute every input in the engine and in Node 22 and require
// the same answer (testdata/fuzzcase.mjs computes it on both sides), or a difference that
// LEDGER.md lists. Each fuzz worker process starts one Node (tools/fuzz-oracle.mjs, one JSON
// line per case) and one isolate, and reuses both for every input. Without -fuzz the seeds
// (f.Add and testdata/fuzz/<Target>) run as ordinary tests.
//
//	go test -run '^$' -fuzz '^FuzzURLAgainstNode$' -fuzztime 30s ./jsengine

type differential struct {
	mu     sync.Mutex
	stdin  io.WriteCloser
	stdout *bufio.Reader
	stderr *bytes.Buffer
	pool   *wasmhost.Pool

	ledgerOnce sync.Once
	ledger     ledger
}

func newDifferential(f *testing.F) *differential {
	node, err := nodetest.Node()
	if err != nil {
		f.Fatal(err)
	}
	cmd := exec.Command(node, filepath.Join("tools", "fuzz-oracle.mjs"))
	d := &differential{stderr: &bytes.Buffer{}}
	cmd.Stderr = d.stderr
	if d.stdin, err = cmd.StdinPipe(); err != nil {
		f.Fatal(err)
	}
	out, err := cmd.StdoutPipe()
	if err != nil {
		f.Fatal(err)
	}
	d.stdout = bufio.NewReaderSize(out, 1<<16)
	if err := cmd.Start(); err != nil {
		f.Fatal(err)
	}
	f.Cleanup(func() {
		d.stdin.Close() // the oracle ends at the end of its input
		if err := cmd.Wait(); err != nil {
			f.Logf("fuzz oracle: %v\n%s", err, d.stderr)
		}
	})
	cfg := defaultPool()
	cfg.MaxIsolates, cfg.MinIdle, cfg.RequestTimeout = 1, 1, time.Minute
	d.pool = testworker.Pool(f, filepath.Join("testdata", "fuzzworker.mjs"), cfg)
	return d
}

// run computes the case in Node and in the engine; it returns both answers in a canonical JSON
// form (object keys sorted).
func (d *differential) run(t *testing.T, c any) (node, engine string) {
	t.Helper()
	line, err := json.Marshal(c)
	if err != nil {
		t.Fatal(err)
	}
	d.mu.Lock()
	defer d.mu.Unlock()
	if _, err := d.stdin.Write(append(line, '\n')); err != nil {
		t.Fatalf("fuzz oracle: %v\n%s", err, d.stderr)
	}
	answer, err := d.stdout.ReadBytes('\n')
	if err != nil {
		t.Fatalf("fuzz oracle: %v\n%s", err, d.stderr)
	}
	node = canonical(t, answer)
	if strings.Contains(node, `"oracleError"`) {
		t.Fatalf("the case failed in Node itself: %s", node)
	}
	rec := &wasmhost.Recorder{}
	req := &wasmhost.Request{Method: "POST", URL: "http://localhost/", Body: bytes.NewReader(line),
		Header: [][2]string{{"content-type", "application/json"}}}
	if err := d.pool.Serve(context.Background(), req, rec); err != nil || rec.Status != 200 {
		t.Fatalf("engine: %v (status %d): %.2000s", err, rec.Status, rec.Body.String())
	}
	return node, canonical(t, rec.Body.Bytes())
}

func canonical(t *testing.T, raw []byte) string {
	var v any
	if err := json.Unmarshal(raw, &v); err != nil {
		t.Fatalf("not JSON: %v: %.500s", err, raw)
	}
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// compare fails the test unless the answers agree or known names a LEDGER.md row (by its check
// name) that covers the difference.
func (d *differential) compare(t *testing.T, c any, node, engine, known string) {
	t.Helper()
	if node == engine {
		return
	}
	if known != "" {
		d.ledgerOnce.Do(func() { d.ledger = readLedger(t) })
		if _, ok := d.ledger.lookup(known); !ok {
			t.Fatalf("the difference is attributed to %q, which LEDGER.md does not list", known)
		}
		return
	}
	in, _ := json.Marshal(c)
	t.Errorf("differs from Node 22\n case:   %s\n node:   %.1500s\n engine: %.1500s", in, node, engine)
}

type urlCase struct {
	Kind  string  `json:"kind"`
	Input string  `json:"input"`
	Base  *string `json:"base"`
}

func FuzzURLAgainstNode(f *testing.F) {
	for _, s := range [][2]string{
		{"https://user:pa%20ss@EXAMPLE.com:443/a/./b/../c?q=1#f", ""},
		{"http://[::1]:8080/x", ""},
		{"http://0x7f.1/", ""},
		{"//h/p", "https://b/"},
		{"../x?y#z", "http://h/a/b/c"},
		{"sc:opaque path?q", ""},
		{"file:///C:/x/../y", ""},
		{"http://\u00e9xample.com/\u00e9?\u00e9#\u00e9", ""},
		{"xn--nxasmq6b.com", "http://a/"},
		{"  \t http://h/ \n", ""},
		{"javascript:alert(1)", ""},
		{"blob:https://a.b/uuid", ""},
		{"http://h:65536/", ""},
		{"mailto:a@b", ""},
		{"?x", "about:blank"},
		{"\\\\server\\share", "file:///"},
		{"http://a/%2e%2E/b", ""},
		{"ws://h/?a=b c", ""},
		{"sc://h/..", ""},
		{"a?b#c", "sc:opaque"},
		{"http://[0:0::ffff:1.2.3.4]/", ""},
		{"http://1.2.3.4.5/", ""},
		{"http://127.0.0.1:8080/a/b?c#d", ""},
		{"/x/../y?q", "http://127.0.0.1:5173/"},
		{"http://255.255.255.255/", ""},
		{"http://256.0.0.1/", ""},
		{"http://01.2.3.4/", ""},
		{"http://1.2.3.04:80/", ""},
		{"http://0.0.0.0./", ""},
		{"http://999999999/", ""},
		{"file://localhost/c|/a", ""},
		{"http://a.b/\u2028?\u00ff#\x7f", ""},
		{"HTTP://EX%41MPLE.COM./", ""},
		{"sc://\u00fc/", ""},
		{"http://faß.de/", ""},
		{"non-spec:/.//p", ""},
		{"http:/\\h:0/", ""},
		{"data:text/plain,hi#x", ""},
		{"http://a@b@c/", ""},
	} {
		f.Add(s[0], s[1])
	}
	d := newDifferential(f)
	f.Fuzz(func(t *testing.T, input, base string) {
		if len(input) > 512 || len(base) > 512 {
			t.Skip()
		}
		c := urlCase{Kind: "url", Input: input}
		if base != "" {
			c.Base = &base
		}
		node, engine := d.run(t, c)
		d.compare(t, c, node, engine, knownURLDifference(c, node, engine))
	})
}

// knownURLDifference names the LEDGER.md row that covers a difference between Node's and the
// engine's answers for c, or "" when none does. Each rule is narrow: it recognises the shape of
// one documented difference, not any difference on similar inputs.
func knownURLDifference(c urlCase, node, engine string) string {
	var n, e map[string]any
	if json.Unmarshal([]byte(node), &n) != nil || json.Unmarshal([]byte(engine), &e) != nil {
		return ""
	}
	str := func(m map[string]any, k string) string { s, _ := m[k].(string); return s }
	others := func(skip ...string) bool { // every other member is equal
		for k, v := range n {
			if !slices.Contains(skip, k) && fmt.Sprint(v) != fmt.Sprint(e[k]) {
				return false
			}
		}
		return len(n) == len(e)
	}
	special := map[string]bool{"http:": true, "https:": true, "ws:": true, "wss:": true, "ftp:": true, "file:": true}
	lower := strings.ToLower(c.Input)
	switch {
	// ada drops a final `..` segment of a non-special URL's path (`sc://h/..` → `sc://h`).
	case n["throws"] == nil && e["throws"] == nil && !special[str(n, "protocol")] &&
		str(e, "pathname") == str(n, "pathname")+"/" && others("pathname", "href", "reparsed") &&
		(strings.Contains(lower, "..") || strings.Contains(lower, "%2e")):
		return "url/spec non-special dot-dot*"
	// ada leaves `.` and `..` segments in a path after a segment such as `.:` or `.a`; a parsed
	// (non-opaque) path never has them.
	case n["throws"] == nil && e["throws"] == nil && hasDotSegment(str(n, "pathname")) &&
		!hasDotSegment(str(e, "pathname")) && others("pathname", "href", "reparsed"):
		return "url/spec dot segment after dot-prefixed segment"
	// ada resolves a relative input against a base with an opaque path.
	case c.Base != nil && n["throws"] == nil && e["throws"] != nil && opaqueBase.MatchString(cleanURL(*c.Base)) &&
		!special[strings.ToLower(strings.SplitN(cleanURL(*c.Base), ":", 2)[0])+":"] &&
		!hasScheme.MatchString(cleanURL(c.Input)) && strings.Contains(c.Input, "#") && !strings.HasPrefix(cleanURL(c.Input), "#"):
		return "url/spec opaque base with fragment"
	// ada skips UTS #46 checks: the Bidi Rule for some labels with right-to-left code points,
	// CheckJoiners for some ZWNJs, and the error for an A-label that decodes to ASCII only.
	case n["throws"] == nil && e["throws"] != nil && special[str(n, "protocol")] && idnaCheckNodeSkips(str(n, "hostname")):
		return "url/spec idna hosts"
	// ada's joining types lack N'Ko and Adlam letters: it fails a ZWNJ next to them.
	case n["throws"] != nil && e["throws"] == nil && special[str(e, "protocol")] && idnaCheckNodeSkips(str(e, "hostname")):
		return "url/spec idna hosts"
	}
	return ""
}

// idnaCheckNodeSkips reports whether host (as Node serialized it) has an A-label of a kind that
// UTS #46 can fail where Node 22 accepts it: Punycode that decodes to ASCII only, a ZWNJ (Node
// checks only some of them), or a right-to-left label that breaks the Bidi Rule.
func idnaCheckNodeSkips(host string) bool {
	for label := range strings.SplitSeq(host, ".") {
		if !strings.HasPrefix(label, "xn--") {
			continue
		}
		if len(label) > 4 && strings.HasSuffix(label, "-") {
			return true // the Punycode decodes to ASCII only (or nothing)
		}
		u, err := idna.Punycode.ToUnicode(label)
		if err != nil {
			continue
		}
		if strings.ContainsRune(u, '\u200C') || bidirule.DirectionString(u) == bidi.RightToLeft && !bidirule.ValidString(u) {
			return true
		}
	}
	return false
}

var (
	opaqueBase = regexp.MustCompile(`^[A-Za-z][A-Za-z0-9+.-]*:([^/]|$)`)
	hasScheme  = regexp.MustCompile(`^[A-Za-z][A-Za-z0-9+.-]*:`)
)

// cleanURL is what the URL parser reads: without leading and trailing C0 controls and spaces,
// and without tabs and newlines.
func cleanURL(s string) string {
	s = strings.TrimFunc(s, func(r rune) bool { return r <= 0x20 })
	return strings.NewReplacer("\t", "", "\n", "", "\r", "").Replace(s)
}

func hasDotSegment(path string) bool {
	if !strings.HasPrefix(path, "/") {
		return false
	}
	for _, seg := range strings.Split(path, "/")[1:] {
		if seg == "." || seg == ".." {
			return true
		}
	}
	return false
}

type multipartCase struct {
	Kind     string `json:"kind"`
	Boundary string `json:"boundary"`
	Body     string `json:"body"`
}

func FuzzMultipartAgainstNode(f *testing.F) {
	const crlf = "\r\n"
	part := func(disp, extra, body string) string {
		return "--B" + crlf + "Content-Disposition: form-data; " + disp + crlf + extra + crlf + body + crlf
	}
	for _, s := range []string{
		part(`name="a"`, "", "1") + "--B--" + crlf,
		part(`name="f"; filename="f.txt"`, "Content-Type: text/plain"+crlf, "data") + part(`name="a"`, "", "x") + "--B--",
		crlf + part(`name="a%0a%22"; filename*="x"`, "X: y"+crlf, "") + "--B--" + crlf + crlf,
		part(`name="a"`, "Content-Transfer-Encoding: base64"+crlf, "eHl6-_==") + "--B--",
		part(`name="a";`+"\n"+`X: 1`, "", "aBc") + "--B--",
		"--B--",
		part(`name=a`, "", "x") + "--B--" + crlf,
		part(`filename="f"; name="a"`, "", "x") + "--B--" + crlf,
		part(`name="a"; filename*=UTF-8''x%20y`, "", "x") + "--B--" + crlf,
	} {
		f.Add("B", []byte(s))
	}
	f.Add("----WebKitFormBoundary7MA4YWxkTrZu0gW", []byte("------WebKitFormBoundary7MA4YWxkTrZu0gW\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.png\"\r\nContent-Type: image/png\r\n\r\n\x89PNG\r\n\x1a\n\r\n------WebKitFormBoundary7MA4YWxkTrZu0gW--\r\n"))
	f.Add(`a"b`, []byte("--a\"b\r\nContent-Disposition: form-data; name=\"q\"\r\n\r\nx\r\n--a\"b--\r\n"))
	d := newDifferential(f)
	f.Fuzz(func(t *testing.T, boundary string, body []byte) {
		if len(body) > 4096 || len(boundary) > 100 {
			t.Skip()
		}
		c := multipartCase{Kind: "multipart", Boundary: boundary, Body: base64.StdEncoding.EncodeToString(body)}
		node, engine := d.run(t, c)
		known := ""
		switch {
		case boundary == "":
			known = "formdata/multipart empty boundary"
		case node != engine && d.readAsWorkerd(t, c, body, engine):
			known = "formdata/multipart disposition as workerd*"
		}
		d.compare(t, c, node, engine, known)
	})
}

// readAsWorkerd reports whether the engine's answer is Node's answer for the body in which some
// Content-Disposition values that Node rejects are replaced by the form Node accepts for
// workerd's reading of them: the documented difference, and nothing else. Which of the
// candidate values are part headers (and not part data) is not known here, so each subset of
// them is tried, all of them first.
func (d *differential) readAsWorkerd(t *testing.T, c multipartCase, body []byte, engine string) bool {
	if !strings.Contains(engine, `"entries"`) {
		return false
	}
	type candidate struct {
		from, to       int
		name, filename []byte
	}
	var cands []candidate
	lower := bytes.ToLower(body)
	for at := 0; ; {
		i := bytes.Index(lower[at:], []byte("content-disposition"))
		if i < 0 {
			break
		}
		at += i + len("content-disposition")
		p := at
		for p < len(body) && (body[p] == ' ' || body[p] == '\t') {
			p++
		}
		if p == len(body) || body[p] != ':' {
			continue
		}
		for p++; p < len(body) && (body[p] == ' ' || body[p] == '\t'); p++ {
		}
		end := p + bytes.IndexAny(body[p:], "\r\n")
		if end < p {
			end = len(body)
		}
		if undiciDisposition.Match(body[p:end]) {
			continue
		}
		if name, filename, ok := workerdDisposition(body[p:end]); ok {
			cands = append(cands, candidate{p, end, name, filename})
		}
	}
	if len(cands) == 0 || len(cands) > 6 {
		return false
	}
	for mask := 1<<len(cands) - 1; mask > 0; mask-- {
		var b bytes.Buffer
		names := map[string]string{} // placeholder → workerd's value
		last := 0
		for i, cd := range cands {
			if mask&(1<<i) == 0 {
				continue
			}
			key := fmt.Sprintf("\x7fkw%d\x7f", i)
			names[key+"n"] = whatwgUTF8(cd.name)
			b.Write(body[last:cd.from])
			b.WriteString(`form-data; name="` + key + `n"`)
			if cd.filename != nil {
				names[key+"f"] = whatwgUTF8(cd.filename)
				b.WriteString(`; filename="` + key + `f"`)
			}
			last = cd.to
		}
		b.Write(body[last:])
		node, _ := d.run(t, multipartCase{Kind: c.Kind, Boundary: c.Boundary, Body: base64.StdEncoding.EncodeToString(b.Bytes())})
		var answer struct {
			Entries [][2]any `json:"entries"`
		}
		if json.Unmarshal([]byte(node), &answer) != nil || answer.Entries == nil {
			continue
		}
		for i, e := range answer.Entries {
			if s, ok := e[0].(string); ok && names[s] != "" {
				answer.Entries[i][0] = names[s]
			}
			if f, ok := e[1].(map[string]any); ok {
				if s, ok := f["name"].(string); ok && names[s] != "" {
					f["name"] = names[s]
				}
			}
		}
		out, _ := json.Marshal(answer)
		if canonical(t, out) == engine {
			return true
		}
	}
	return false
}

// undiciDisposition matches the Content-Disposition values Node 22 (undici) reads.
var undiciDisposition = regexp.MustCompile(`^form-data; name="[^"\r\n]*"(; filename\*?="[^"\r\n]*")?$`)

// workerdDisposition reads a Content-Disposition value as workerd 1.20261123.1 does (LEDGER.md
// formdata/multipart disposition as workerd*; observed by posting bodies to workerd): the raw
// bytes of the last name and filename parameters, ok false when workerd fails the body.
func workerdDisposition(v []byte) (name, filename []byte, ok bool) {
	if bytes.IndexByte(v, 0) >= 0 {
		return nil, nil, false
	}
	space := func(c byte) bool { return c == ' ' || c == '\t' || c == '\v' || c == '\f' }
	isKey := func(c byte) bool {
		return c >= '0' && c <= '9' || c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c == '-' || c == '_'
	}
	p := 0
	skip := func() {
		for p < len(v) && space(v[p]) {
			p++
		}
	}
	skip()
	if !bytes.HasPrefix(v[p:], []byte("form-data")) {
		return nil, nil, false
	}
	p += len("form-data")
	if p < len(v) && isKey(v[p]) {
		return nil, nil, false
	}
	skip()
params:
	for p < len(v) && v[p] == ';' {
		p++
		skip()
		k := p
		for p < len(v) && isKey(v[p]) {
			p++
		}
		key := string(v[k:p])
		skip()
		if key == "" || p == len(v) || v[p] != '=' {
			break
		}
		p++
		skip()
		if p == len(v) || v[p] != '"' {
			break
		}
		var value []byte
		for p++; ; p++ {
			if p == len(v) {
				break params
			}
			if v[p] == '"' {
				p++
				break
			}
			if v[p] == '\\' {
				if p++; p == len(v) {
					break params
				}
			}
			value = append(value, v[p])
		}
		if len(value) == 0 {
			break
		}
		switch key {
		case "name":
			name = value
		case "filename":
			filename = value
		}
		skip()
	}
	return name, filename, name != nil
}

// whatwgUTF8 decodes b as the Encoding Standard's UTF-8 decoder does (keeping a BOM): each
// maximal invalid subsequence becomes one U+FFFD.
func whatwgUTF8(b []byte) string {
	var sb strings.Builder
	for len(b) > 0 {
		r, n := utf8.DecodeRune(b)
		if r != utf8.RuneError || n > 1 {
			sb.WriteRune(r)
			b = b[n:]
			continue
		}
		sb.WriteRune(utf8.RuneError)
		lo, hi, need := byte(0x80), byte(0xbf), 0
		switch c := b[0]; {
		case c >= 0xc2 && c <= 0xdf:
			need = 1
		case c == 0xe0:
			lo, need = 0xa0, 2
		case c == 0xed:
			hi, need = 0x9f, 2
		case c >= 0xe1 && c <= 0xef:
			need = 2
		case c == 0xf0:
			lo, need = 0x90, 3
		case c == 0xf4:
			hi, need = 0x8f, 3
		case c >= 0xf1 && c <= 0xf3:
			need = 3
		}
		n = 1
		for n <= need && n < len(b) && b[n] >= lo && b[n] <= hi {
			lo, hi = 0x80, 0xbf
			n++
		}
		b = b[n:]
	}
	return sb.String()
}
