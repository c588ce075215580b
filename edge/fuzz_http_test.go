package edge

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"io"
	"log"
	"net"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/kitwasm/kitwasm/wasmhost"
)

// fzConn is one client connection whose bytes are given in advance: the server reads them,
// then EOF; what it writes is kept.
type fzConn struct {
	in     *bytes.Reader
	mu     sync.Mutex
	out    bytes.Buffer
	once   sync.Once
	closed chan struct{}
}

func (c *fzConn) Read(p []byte) (int, error) { return c.in.Read(p) }
func (c *fzConn) Write(p []byte) (int, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.out.Write(p)
}
func (c *fzConn) Close() error                     { c.once.Do(func() { close(c.closed) }); return nil }
func (c *fzConn) LocalAddr() net.Addr              { return &net.TCPAddr{IP: net.IPv4(127, 0, 0, 1), Port: 8787} }
func (c *fzConn) RemoteAddr() net.Addr             { return &net.TCPAddr{IP: net.IPv4(192, 0, 2, 1), Port: 1234} }
func (c *fzConn) SetDeadline(time.Time) error      { return nil }
func (c *fzConn) SetReadDeadline(time.Time) error  { return nil }
func (c *fzConn) SetWriteDeadline(time.Time) error { return nil }

type fzListener struct {
	conns chan net.Conn
	once  sync.Once
	done  chan struct{}
}

func (l *fzListener) Accept() (net.Conn, error) {
	select {
	case c := <-l.conns:
		return c, nil
	case <-l.done:
		return nil, net.ErrClosed
	}
}
func (l *fzListener) Close() error   { l.once.Do(func() { close(l.done) }); return nil }
func (l *fzListener) Addr() net.Addr { return &net.TCPAddr{IP: net.IPv4(127, 0, 0, 1), Port: 8787} }

// fzRecord is what one exchange left: the request as net/http parsed it, and the
// wasmhost.Request the handler built from it, with the body the Server read.
type fzRecord struct {
	calls    int
	r        *http.Request
	panicked any
	served   bool
	req      wasmhost.Request
	body     []byte
	bodyErr  error
	response []byte
}

// fzServer is the test double of the runtime: it reads the whole body, answers 200 "ok", or
// 500 when the body failed, as a worker whose request.body stream errors does.
type fzServer struct{ rec *fzRecord }

func (s fzServer) Serve(_ context.Context, req *wasmhost.Request, w wasmhost.ResponseWriter) error {
	if s.rec.calls > 1 {
		return w.WriteHead(204, "", nil, 0)
	}
	s.rec.served = true
	s.rec.req = *req
	if req.Body != nil {
		s.rec.body, s.rec.bodyErr = io.ReadAll(req.Body)
	}
	if s.rec.bodyErr != nil {
		return w.WriteHead(500, "", [][2]string{{"content-type", "text/plain"}}, 0)
	}
	if err := w.WriteHead(200, "", [][2]string{{"content-type", "text/plain"}}, 2); err != nil {
		return err
	}
	return w.Write([]byte("ok"))
}

const fzMaxBody = 64

// fzExchange serves raw as one connection through a net/http server running the edge handler,
// and returns what happened on the first request.
func fzExchange(raw []byte, trustProxy bool) *fzRecord {
	rec := &fzRecord{}
	h := NewHandler(fzServer{rec}, Config{MaxBodyBytes: fzMaxBody, TrustProxy: trustProxy})
	srv := &http.Server{
		ErrorLog: log.New(io.Discard, "", 0),
		Handler: http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			rec.calls++
			if rec.calls == 1 {
				rec.r = r.Clone(context.Background())
				defer func() {
					if p := recover(); p != nil {
						rec.panicked = p
					}
				}()
			}
			h.ServeHTTP(w, r)
		}),
	}
	conn := &fzConn{in: bytes.NewReader(raw), closed: make(chan struct{})}
	l := &fzListener{conns: make(chan net.Conn, 1), done: make(chan struct{})}
	l.conns <- conn
	served := make(chan struct{})
	go func() { srv.Serve(l); close(served) }()
	<-conn.closed
	srv.Close()
	<-served
	rec.response = conn.out.Bytes()
	return rec
}

// FuzzRequestMapping sends raw HTTP/1.1 bytes through net/http and the edge handler to a
// test double of the runtime. Properties: no panic; a request net/http refuses never reaches
// the runtime and gets a 4xx/5xx; a request the handler maps has an absolute URL that net/url
// parses, with the Host as host, whose path and query are the request target as sent; every
// header line arrives with its bytes unchanged (obs-text too), names lowercased, except the
// runtime's own X-Kitwasm-* ones, which are dropped; the client
// address is the connection's (or the first X-Forwarded-For entry when trusted); the body is
// exactly what net/http's own reading of the same bytes gives, and one over the limit is a 413.
func FuzzRequestMapping(f *testing.F) {
	for _, s := range []string{
		"GET / HTTP/1.1\r\nHost: example.com\r\n\r\n",
		"GET /a/b?c=d&e=%20f HTTP/1.1\r\nHost: example.com:8080\r\nAccept: */*\r\nX-Latin: caf\xe9 \x80\xff\r\n\r\n",
		"POST /upload HTTP/1.1\r\nHost: h\r\nContent-Length: 5\r\n\r\nhello",
		"POST /upload HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n6\r\n world\r\n0\r\n\r\n",
		"PUT /big HTTP/1.1\r\nHost: h\r\nContent-Length: 65\r\n\r\n" + strings.Repeat("x", 65),
		"PUT /big HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n41\r\n" + strings.Repeat("y", 65) + "\r\n0\r\n\r\n",
		"PUT /edge HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n40\r\n" + strings.Repeat("z", 64) + "\r\n0\r\n\r\n",
		"POST /short HTTP/1.1\r\nHost: h\r\nContent-Length: 10\r\n\r\nabc",
		"GET http://other.example/p?q HTTP/1.1\r\nHost: example.com\r\n\r\n",
		"GET * HTTP/1.1\r\nHost: h\r\n\r\n",
		"OPTIONS //x//y HTTP/1.1\r\nHost: h\r\nX-Forwarded-For: 203.0.113.7, 10.0.0.1\r\nX-Forwarded-Host: proxy.example\r\nX-Forwarded-Proto: https\r\n\r\n",
		"HEAD /h HTTP/1.1\r\nHost: h\r\nA: 1\r\nA: 2\r\na: 3\r\n\r\n",
		"GET /e HTTP/1.1\r\nHost: h\r\nExpect: 100-continue\r\nContent-Length: 2\r\n\r\nhi",
		"GET /folded HTTP/1.1\r\nHost: h\r\nX: a\r\n b\r\n\r\n",
		"GET / HTTP/1.0\r\n\r\n",
		"GET /a HTTP/1.1\r\nHost: h\r\n\r\nGET /b HTTP/1.1\r\nHost: h\r\n\r\n",
		"GET /%zz HTTP/1.1\r\nHost: h\r\n\r\n",
		"GET / HTTP/1.1\r\nHost: h\r\nX-Kitwasm-Hops: 9\r\nx-kitwasm-secret: 1\r\nX-Kitwasm: keep\r\n\r\n",
	} {
		f.Add([]byte(s), false)
		f.Add([]byte(s), true)
	}
	f.Fuzz(func(t *testing.T, raw []byte, trustProxy bool) {
		rec := fzExchange(raw, trustProxy)
		if rec.panicked != nil {
			t.Fatalf("handler panicked: %v", rec.panicked)
		}
		br := bufio.NewReader(bytes.NewReader(rec.response))
		var resp *http.Response
		for {
			var method string
			if rec.r != nil {
				method = rec.r.Method
			}
			var err error
			resp, err = http.ReadResponse(br, &http.Request{Method: method})
			if err != nil {
				if rec.r == nil && len(rec.response) == 0 {
					return // nothing answered: no request (empty or truncated head)
				}
				t.Fatalf("response does not parse: %v\n%q", err, rec.response)
			}
			if resp.StatusCode != 100 {
				break
			}
		}
		respBody, _ := io.ReadAll(resp.Body)
		r := rec.r
		if r == nil {
			if resp.StatusCode < 400 {
				t.Fatalf("net/http refused the request but answered %d", resp.StatusCode)
			}
			return
		}
		if raw := strings.TrimLeft(string(raw), "\r\n"); !strings.HasPrefix(raw, r.Method+" "+r.RequestURI+" ") {
			t.Fatalf("request target %q is not the one sent in %q", r.RequestURI, raw)
		}

		wantURL, urlErr := RequestURL(r, trustProxy)
		if urlErr != nil {
			if resp.StatusCode != 400 || rec.served {
				t.Fatalf("RequestURL: %v, but the handler answered %d (served %v)", urlErr, resp.StatusCode, rec.served)
			}
			return
		}
		if r.ContentLength > fzMaxBody {
			if resp.StatusCode != 413 || rec.served {
				t.Fatalf("Content-Length %d over the limit answered %d (served %v)", r.ContentLength, resp.StatusCode, rec.served)
			}
			return
		}
		if !rec.served {
			t.Fatalf("the runtime was not called; answer %d %q", resp.StatusCode, respBody)
		}
		req := rec.req
		host := r.Host
		if trustProxy {
			if xh := firstValue(r.Header.Get("X-Forwarded-Host")); xh != "" {
				host = xh
			}
		}

		// The URL.
		if req.Method != r.Method || req.URL != wantURL {
			t.Fatalf("request %s %s, want %s %s", req.Method, req.URL, r.Method, wantURL)
		}
		u, err := url.Parse(req.URL)
		if err != nil {
			t.Fatalf("the worker's URL %q does not parse: %v", req.URL, err)
		}
		target := r.RequestURI
		if !strings.HasPrefix(target, "/") {
			target = r.URL.RequestURI()
		}
		// net/http (as Node) accepts a '#' in the target, which then starts the URL's fragment.
		if u.Host != host || (u.Fragment != "" && !strings.Contains(target, "#")) || u.User != nil {
			t.Fatalf("URL %q: host %q (want %q), fragment %q, user %v", req.URL, u.Host, host, u.Fragment, u.User)
		}
		if rest := strings.TrimPrefix(req.URL, u.Scheme+"://"+u.Host); rest != target {
			t.Fatalf("URL %q: path and query %q, the request target is %q", req.URL, rest, target)
		}

		// The headers, as multisets of [lowercased name, value].
		var want [][2]string
		for name, values := range r.Header {
			if strings.HasPrefix(strings.ToLower(name), "x-kitwasm-") {
				continue // the runtime's own namespace: dropped
			}
			for _, v := range values {
				want = append(want, [2]string{strings.ToLower(name), v})
				if !bytes.Contains(raw, []byte(v)) && !strings.Contains(v, " ") {
					t.Fatalf("header value %q is not among the bytes sent", v)
				}
			}
		}
		if r.Host != "" { // an HTTP/1.0 request may have none (its URL has a trusted X-Forwarded-Host)
			want = append(want, [2]string{"host", r.Host})
		}
		got := slices.Clone(req.Header)
		cmp := func(a, b [2]string) int { return strings.Compare(a[0]+"\x00"+a[1], b[0]+"\x00"+b[1]) }
		slices.SortFunc(want, cmp)
		slices.SortFunc(got, cmp)
		if !slices.Equal(got, want) {
			t.Fatalf("headers\n%q\nwant\n%q", got, want)
		}

		// The client address.
		wantAddr := "192.0.2.1"
		if xff := firstValue(r.Header.Get("X-Forwarded-For")); trustProxy && xff != "" {
			wantAddr = xff
		}
		if req.ClientAddress != wantAddr {
			t.Fatalf("client address %q, want %q", req.ClientAddress, wantAddr)
		}

		// The body, against net/http's reading of the same bytes.
		ref, err := http.ReadRequest(bufio.NewReader(bytes.NewReader(raw)))
		if err != nil {
			t.Fatalf("net/http served a request http.ReadRequest refuses: %v", err)
		}
		refBody, refErr := io.ReadAll(io.LimitReader(ref.Body, 1<<20))
		switch {
		case refErr != nil:
			// A truncated or malformed body: the runtime saw an error, the client no 200.
			if rec.bodyErr == nil || resp.StatusCode == 200 {
				t.Fatalf("body error %v: the runtime read %q, %v; answer %d", refErr, rec.body, rec.bodyErr, resp.StatusCode)
			}
		case len(refBody) > fzMaxBody:
			if !errors.Is(rec.bodyErr, errBodyTooLarge) || resp.StatusCode != 413 || !bytes.Equal(rec.body, refBody[:fzMaxBody]) {
				t.Fatalf("body of %d bytes over the limit: read %d bytes, %v; answer %d", len(refBody), len(rec.body), rec.bodyErr, resp.StatusCode)
			}
		default:
			if rec.bodyErr != nil || !bytes.Equal(rec.body, refBody) {
				t.Fatalf("body %q, %v; sent %q", rec.body, rec.bodyErr, refBody)
			}
			wantBody := "ok"
			if r.Method == http.MethodHead {
				wantBody = ""
			}
			if resp.StatusCode != 200 || string(respBody) != wantBody {
				t.Fatalf("answer %d %q", resp.StatusCode, respBody)
			}
		}
	})
}
