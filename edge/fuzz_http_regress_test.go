package edge

// Regression tests for what FuzzRequestMapping found in edge/http.go (each failed before
// the fix in the same change).

import (
	"net/url"
	"strings"
	"testing"
)

// A Host header net/http accepts (it allows '%', '[', ']') made a worker URL that does not
// parse, or parses to another host: "http://%0/" fails; "http://0%800000/" decodes the host.
func TestFuzzFindingHostMustBeAURLHost(t *testing.T) {
	for _, host := range []string{"%0", "0%800000", "a%41", "a[", "[::1", "a]b"} {
		for _, trust := range []bool{false, true} {
			raw := "GET / HTTP/1.1\r\nHost: " + host + "\r\n\r\n"
			if trust {
				raw = "GET / HTTP/1.1\r\nHost: h\r\nX-Forwarded-Host: " + host + "\r\n\r\n"
			}
			rec := fzExchange([]byte(raw), trust)
			if !rec.served {
				continue // refused: fine
			}
			if u, err := url.Parse(rec.req.URL); err != nil || u.Host != host {
				t.Errorf("Host %q (trusted proxy %v) reached the worker as URL %q: want 400", host, trust, rec.req.URL)
			}
		}
	}
}

// An absolute-form target whose URL has no host and an opaque part ("A:0", "x:.evil.com")
// was appended to the Host: "GET x:.evil.com" with Host: bank gave the worker
// http://bank.evil.com.
func TestFuzzFindingOpaqueTargetChangesHost(t *testing.T) {
	for _, target := range []string{"A:0", "x:.evil.com", "mailto:a@b", "x:0/y"} {
		rec := fzExchange([]byte("GET "+target+" HTTP/1.1\r\nHost: bank\r\n\r\n"), false)
		if rec.served && !strings.HasPrefix(rec.req.URL, "http://bank/") {
			t.Errorf("target %q reached the worker as %q: want 400", target, rec.req.URL)
		}
	}
}

// A chunked body cut short exactly at MaxBodyBytes reached the worker as complete: the probe
// read of limitedBody dropped the underlying io.ErrUnexpectedEOF and returned io.EOF.
func TestFuzzFindingTruncatedBodyAtTheLimit(t *testing.T) {
	raw := "POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n70\r\n" + strings.Repeat("0", fzMaxBody)
	rec := fzExchange([]byte(raw), false)
	if !rec.served || rec.bodyErr == nil {
		t.Errorf("a truncated body of %d bytes read as complete (%d bytes, err %v)", fzMaxBody, len(rec.body), rec.bodyErr)
	}
	raw = "POST / HTTP/1.1\r\nHost: h\r\nContent-Length: 70\r\n\r\n" + strings.Repeat("0", fzMaxBody)
	if rec := fzExchange([]byte(raw), false); rec.served && rec.bodyErr == nil {
		t.Errorf("Content-Length 70 under the limit? got %d bytes, err %v", len(rec.body), rec.bodyErr)
	}
}
