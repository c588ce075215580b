package fastly

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/fastly/compute-sdk-go/fsthttp"
	"github.com/fastly/compute-sdk-go/geo"

	"github.com/kitwasm/kitwasm/edge"
	"github.com/kitwasm/kitwasm/edge/assets"
	"github.com/kitwasm/kitwasm/wasmhost"
)

// recorder is an fsthttp.ResponseWriter that keeps what was written.
type recorder struct {
	header  fsthttp.Header
	status  int
	body    bytes.Buffer
	manual  bool
	closed  bool
	onWrite func()
}

func newRecorder() *recorder { return &recorder{header: fsthttp.NewHeader()} }

func (r *recorder) Header() fsthttp.Header { return r.header }
func (r *recorder) WriteHeader(code int) {
	if r.status == 0 {
		r.status = code
	}
}
func (r *recorder) Write(p []byte) (int, error) {
	if r.status == 0 {
		r.WriteHeader(200)
	}
	if r.onWrite != nil {
		r.onWrite()
	}
	return r.body.Write(p)
}
func (r *recorder) Close() error                { r.closed = true; return nil }
func (r *recorder) SetManualFramingMode(b bool) { r.manual = b }
func (r *recorder) Append(io.ReadCloser) error  { return errors.New("not supported") }

func request(method, rawURL string, header map[string][]string, body string) *fsthttp.Request {
	u, _ := url.Parse(rawURL)
	r := &fsthttp.Request{Method: method, URL: u, Host: u.Host, Header: fsthttp.NewHeader(), RemoteAddr: "203.0.113.7", ServerAddr: "198.51.100.1"}
	for k, vs := range header {
		for _, v := range vs {
			r.Header.Add(k, v)
		}
	}
	if body != "" {
		r.Body = io.NopCloser(strings.NewReader(body))
	}
	return r
}

func TestRequestMapping(t *testing.T) {
	h := NewHandler(Config{}, nil, nil)
	h.Geo = func(ip net.IP) (*geo.Geo, error) {
		if ip.String() != "203.0.113.7" {
			t.Errorf("geo lookup of %v", ip)
		}
		return &geo.Geo{City: "Lisbon", CountryCode: "PT"}, nil
	}
	h.Getenv = func(k string) string { return map[string]string{"FASTLY_POP": "LIS", "FASTLY_SERVICE_ID": "svc1"}[k] }
	r := request("POST", "https://app.example/a/b%20c?x=1&y", map[string][]string{
		"Content-Type": {"text/plain"}, "X-Many": {"1", "2"}, "X-Kitwasm-Hops": {"7"},
	}, "payload")
	r.TLSInfo = fsthttp.TLSInfo{Protocol: "TLSv1.3", CipherOpenSSLName: "TLS_AES_128_GCM_SHA256", JA3MD5: []byte{0xab, 0xcd}}
	req := h.Request(r)
	if req.Method != "POST" || req.URL != "https://app.example/a/b%20c?x=1&y" || req.ClientAddress != "203.0.113.7" {
		t.Fatalf("request %+v", req)
	}
	want := [][2]string{{"content-type", "text/plain"}, {"host", "app.example"}, {"x-many", "1"}, {"x-many", "2"}}
	got := slices.Clone(req.Header)
	slices.SortFunc(got, func(a, b [2]string) int { return strings.Compare(a[0]+a[1], b[0]+b[1]) })
	if !slices.Equal(got, want) {
		t.Errorf("headers %q, want %q (x-kitwasm-* dropped, host added)", got, want)
	}
	if b, _ := io.ReadAll(req.Body); string(b) != "payload" {
		t.Errorf("body %q", b)
	}
	var p struct {
		Fastly Platform `json:"fastly"`
	}
	if err := json.Unmarshal(req.Platform, &p); err != nil {
		t.Fatal(err)
	}
	f := p.Fastly
	if f.Client.Address != "203.0.113.7" || f.Client.Geo == nil || f.Client.Geo.City != "Lisbon" || f.POP != "LIS" || f.ServiceID != "svc1" ||
		f.Client.TLS == nil || f.Client.TLS.Protocol != "TLSv1.3" || f.Client.TLS.JA3MD5 != "abcd" || f.Server.Address != "198.51.100.1" {
		t.Errorf("platform.fastly %s", req.Platform)
	}
	if req := h.Request(request("GET", "http://app.example/", nil, "")); req.Body != nil || !strings.Contains(string(req.Platform), `"tls":null`) {
		t.Errorf("GET: body %v, platform %s", req.Body, req.Platform)
	}
}

// fakeServer answers every request with a streamed body and records what it got.
type fakeServer struct {
	got    *wasmhost.Request
	events *[]string
}

func (s *fakeServer) Serve(_ context.Context, req *wasmhost.Request, w wasmhost.ResponseWriter) error {
	s.got = req
	*s.events = append(*s.events, "serve")
	if err := w.WriteHead(201, "Created", [][2]string{{"content-type", "text/plain"}, {"x-a", "1"}, {"connection", "close"}}, -1); err != nil {
		return err
	}
	w.Write([]byte("one,"))
	return w.Write([]byte("two"))
}

func TestWorkerResponseAndWaitUntil(t *testing.T) {
	var events []string
	h := NewHandler(Config{}, &assets.Manifest{Files: map[string]*assets.Asset{}}, nil)
	h.Geo = func(net.IP) (*geo.Geo, error) { return nil, errors.New("none") }
	h.Server = &fakeServer{events: &events}
	rec := newRecorder()
	h.AfterResponse = func(context.Context) {
		if !rec.closed {
			t.Error("AfterResponse (waitUntil) ran before the response was closed to the client")
		}
		events = append(events, "after")
	}
	h.ServeFastly(context.Background(), rec, request("GET", "https://app.example/page", nil, ""))
	if rec.status != 201 || rec.body.String() != "one,two" || rec.header.Get("X-A") != "1" || rec.header.Get("Connection") != "" || rec.manual {
		t.Errorf("response %d %v %q manual=%v", rec.status, rec.header, rec.body.String(), rec.manual)
	}
	if !slices.Equal(events, []string{"serve", "after"}) {
		t.Errorf("events %v", events)
	}
}

// TestStaticSameAsServe answers the same requests through kitwasm serve's edge.Static and
// the Compute handler: status, headers and body must agree, and no request reaches the worker.
func TestStaticSameAsServe(t *testing.T) {
	dir := t.TempDir()
	files := map[string]string{
		"client/_app/immutable/app.js":    "console.log('app')",
		"client/_app/immutable/app.js.gz": "GZ",
		"client/_app/immutable/app.js.br": "BR!",
		"prerendered/about.html":          "<h1>about</h1>",
	}
	fsys := fstest.MapFS{}
	for name, body := range files {
		fsys[name] = &fstest.MapFile{Data: []byte(body)}
		writeFile(t, dir, name, body)
	}
	m := &assets.Manifest{AppPath: "_app", Files: map[string]*assets.Asset{
		"/_app/immutable/app.js": {File: "client/_app/immutable/app.js", Size: 18, ETag: "e1", Type: "text/javascript", CacheControl: assets.ImmutableCacheControl, Gzip: 2, Brotli: 3},
		"/about":                 {File: "prerendered/about.html", Size: 14, ETag: "e2", Type: "text/html"},
	}, Redirects: map[string]string{"/about/": "../about"}}
	cases := []struct {
		method, target string
		header         map[string][]string
	}{
		{"GET", "/_app/immutable/app.js", nil},
		{"GET", "/_app/immutable/app.js", map[string][]string{"Accept-Encoding": {"gzip, br"}}},
		{"GET", "/_app/immutable/app.js", map[string][]string{"Accept-Encoding": {"gzip;q=1, br;q=0.5"}}},
		{"HEAD", "/about", nil},
		{"GET", "/about", map[string][]string{"If-None-Match": {`W/"e2"`}}},
		{"GET", "/about", map[string][]string{"Range": {"bytes=4-7"}}},
		{"GET", "/about", map[string][]string{"Range": {"bytes=40-"}}},
		{"POST", "/about", nil},
		{"GET", "/about/?q=1", nil},
		{"GET", "/%61bout", nil},
	}
	for _, c := range cases {
		hr := httptest.NewRequest(c.method, c.target, nil)
		for k, vs := range c.header {
			hr.Header[k] = vs
		}
		w := httptest.NewRecorder()
		edge.NewStatic(dir, m, http.HandlerFunc(func(http.ResponseWriter, *http.Request) {
			t.Errorf("%s %s reached the worker under serve", c.method, c.target)
		})).ServeHTTP(w, hr)

		var events []string
		h := NewHandler(Config{}, m, fsys)
		h.Server = &fakeServer{events: &events}
		rec := newRecorder()
		h.ServeFastly(context.Background(), rec, request(c.method, "https://app.example"+c.target, c.header, ""))
		if len(events) > 0 {
			t.Errorf("%s %s reached the worker on Compute", c.method, c.target)
		}
		if rec.status != w.Code || rec.body.String() != w.Body.String() {
			t.Errorf("%s %s: Compute %d %q, serve %d %q", c.method, c.target, rec.status, rec.body.String(), w.Code, w.Body.String())
		}
		for k := range w.Header() {
			if k == "Content-Type" && w.Code == 416 {
				continue
			}
			if got, want := rec.header.Get(k), w.Header().Get(k); got != want {
				t.Errorf("%s %s: %s is %q on Compute, %q under serve", c.method, c.target, k, got, want)
			}
		}
		for _, k := range rec.header.Keys() {
			if w.Header().Get(k) == "" {
				t.Errorf("%s %s: %s only on Compute", c.method, c.target, k)
			}
		}
		if rec.manual != (rec.header.Get("Content-Length") != "") {
			t.Errorf("%s %s: manual framing %v with Content-Length %q", c.method, c.target, rec.manual, rec.header.Get("Content-Length"))
		}
	}
	// A path that is not a static file goes to the worker.
	var events []string
	h := NewHandler(Config{}, m, fsys)
	h.Server = &fakeServer{events: &events}
	h.ServeFastly(context.Background(), newRecorder(), request("GET", "https://app.example/other", nil, ""))
	if len(events) != 1 {
		t.Error("/other did not reach the worker")
	}
}

func TestFetchBackends(t *testing.T) {
	h := NewHandler(Config{Backends: map[string]string{"API.example.com": "api_backend", "db.example:8443": "db"}}, nil, nil)
	var sent []string
	h.Send = func(_ context.Context, req *fsthttp.Request, backend string) (*fsthttp.Response, error) {
		body := ""
		if req.Body != nil {
			b, _ := io.ReadAll(req.Body)
			body = string(b)
		}
		sent = append(sent, backend+" "+req.Method+" "+req.URL.String()+" "+req.Header.Get("X-Token")+" "+body)
		if !req.CacheOptions.Pass {
			t.Error("backend request not marked pass")
		}
		res := &fsthttp.Response{StatusCode: 200, Header: fsthttp.NewHeader(), Body: io.NopCloser(strings.NewReader("ok"))}
		switch req.URL.Path {
		case "/moved":
			res.StatusCode = 302
			res.Header.Set("Location", "/final")
		case "/away":
			res.StatusCode = 301
			res.Header.Set("Location", "https://evil.example/")
		}
		res.Header.Set("X-From", backend)
		return res, nil
	}
	in := &wasmhost.Request{URL: "https://app.example/"}
	fetch := func(method, u, redirect, body string) (*wasmhost.FetchResponse, error) {
		fr := &wasmhost.FetchRequest{Method: method, URL: u, Header: [][2]string{{"x-token", "t"}}, Redirect: redirect, Incoming: in}
		if body != "" {
			fr.Body, fr.ContentLength = bytes.NewReader([]byte(body)), int64(len(body))
		}
		return h.Fetch(context.Background(), fr)
	}
	res, err := fetch("POST", "https://api.example.com/v1", "follow", "hello")
	if err != nil || res.Status != 200 || sent[0] != "api_backend POST https://api.example.com/v1 t hello" {
		t.Fatalf("allowed host: %v %+v %q", err, res, sent)
	}
	if b, _ := io.ReadAll(res.Body); string(b) != "ok" {
		t.Errorf("body %q", b)
	}
	if _, err := fetch("GET", "https://db.example:8443/q", "follow", ""); err != nil || !strings.HasPrefix(sent[1], "db GET") {
		t.Errorf("host:port backend: %v %q", err, sent)
	}
	_, err = fetch("GET", "https://other.example/x", "follow", "")
	if !errors.Is(err, ErrFetchDenied) || err.Error() != "fetch not allowed: other.example has no Compute backend; add it to the adapter's fastly.backends option ({ 'other.example': '<backend name>' }) and declare the backend on the service" {
		t.Errorf("denied host: %v", err)
	}
	if !strings.HasPrefix(err.Error(), edge.ErrFetchDenied.Error()+": ") {
		t.Errorf("the rejection does not start as --allow-fetch's does (%q): %v", edge.ErrFetchDenied, err)
	}
	res, err = fetch("GET", "https://api.example.com/moved", "follow", "")
	if err != nil || !res.Redirected || res.URL != "https://api.example.com/final" {
		t.Errorf("follow: %v %+v", err, res)
	}
	if res, err := fetch("GET", "https://api.example.com/moved", "manual", ""); err != nil || res.Status != 302 {
		t.Errorf("manual: %v %+v", err, res)
	}
	if _, err := fetch("GET", "https://api.example.com/moved", "error", ""); err == nil {
		t.Error("redirect mode error: no error")
	}
	if _, err := fetch("GET", "https://api.example.com/away", "follow", ""); !errors.Is(err, ErrFetchDenied) {
		t.Errorf("redirect to a host without backend: %v", err)
	}
	if _, err := fetch("GET", "ftp://api.example.com/", "follow", ""); err == nil {
		t.Error("ftp: no error")
	}
}

func TestFetchOwnOrigin(t *testing.T) {
	m := &assets.Manifest{Files: map[string]*assets.Asset{"/robots.txt": {File: "client/robots.txt", Size: 5, ETag: "r", Type: "text/plain"}}}
	h := NewHandler(Config{}, m, fstest.MapFS{"client/robots.txt": {Data: []byte("hello")}})
	var events []string
	srv := &fakeServer{events: &events}
	h.Server = srv
	h.Send = func(context.Context, *fsthttp.Request, string) (*fsthttp.Response, error) {
		t.Error("own origin went to a backend")
		return nil, errors.New("no")
	}
	in := &wasmhost.Request{URL: "https://app.example/page", ClientAddress: "203.0.113.7", Hops: 2}
	res, err := h.Fetch(context.Background(), &wasmhost.FetchRequest{Method: "GET", URL: "https://app.example/robots.txt", Incoming: in})
	if err != nil || res.Status != 200 || len(events) != 0 {
		t.Fatalf("static: %v %+v %v", err, res, events)
	}
	if b, _ := io.ReadAll(res.Body); string(b) != "hello" {
		t.Errorf("static body %q", b)
	}
	res, err = h.Fetch(context.Background(), &wasmhost.FetchRequest{Method: "GET", URL: "https://app.example/api", Incoming: in})
	if err != nil || res.Status != 201 || srv.got.Hops != 3 || srv.got.ClientAddress != "203.0.113.7" {
		t.Fatalf("worker: %v %+v %+v", err, res, srv.got)
	}
	if b, _ := io.ReadAll(res.Body); string(b) != "one,two" {
		t.Errorf("worker body %q", b)
	}
	in.Hops = maxLoopbackDepth
	if _, err := h.Fetch(context.Background(), &wasmhost.FetchRequest{Method: "GET", URL: "https://app.example/api", Incoming: in}); err == nil {
		t.Error("no bound on nested same-origin fetches")
	}
}

func writeFile(t *testing.T, dir, name, body string) {
	t.Helper()
	p := filepath.Join(dir, filepath.FromSlash(name))
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
		t.Fatal(err)
	}
}

type abortingServer struct{}

func (abortingServer) Serve(_ context.Context, _ *wasmhost.Request, w wasmhost.ResponseWriter) error {
	w.WriteHead(200, "OK", nil, -1)
	w.Write([]byte("partial"))
	return fmt.Errorf("%w: the stream errored", wasmhost.ErrResponseAborted)
}

// A body that breaks off after its head must not end as if whole: the handler panics (the
// instance traps) instead of returning, after which fsthttp would close the body normally.
func TestAbortedResponseIsNotClosed(t *testing.T) {
	h := NewHandler(Config{}, nil, nil)
	h.Geo = func(net.IP) (*geo.Geo, error) { return nil, errors.New("none") }
	h.Server = abortingServer{}
	rec := newRecorder()
	defer func() {
		v := recover()
		if v == nil || !strings.Contains(fmt.Sprint(v), "aborted after its head") {
			t.Errorf("recovered %v", v)
		}
		if rec.closed || rec.body.String() != "partial" {
			t.Errorf("closed %v, body %q", rec.closed, rec.body.String())
		}
	}()
	h.ServeFastly(context.Background(), rec, request("GET", "https://app.example/x", nil, ""))
}
