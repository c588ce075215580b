// Package edge maps platform events to the runtime's requests and back. This file is the
// local HTTP mapping (net/http), used by `kitwasm serve`; it is the only platform so far, and
// another would get a file or package of its own. The package knows nothing of the sandbox
// beyond wasmhost's Request, ResponseWriter, Fetcher and ErrResponseAborted.
package edge

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/netip"
	"strconv"
	"strings"
	"sync/atomic"

	"github.com/kitwasm/kitwasm/wasmhost"
)

// Server is what the handler sends requests to: a wasmhost.Pool, or a test double.
type Server interface {
	Serve(ctx context.Context, req *wasmhost.Request, w wasmhost.ResponseWriter) error
}

// Config configures a Handler. The zero value serves with the defaults below.
type Config struct {
	// MaxBodyBytes limits request bodies (default 100 MiB, as Workers); larger ones get 413.
	MaxBodyBytes int64
	// TrustProxy takes the scheme from X-Forwarded-Proto, the host from X-Forwarded-Host and
	// the client address from the first X-Forwarded-For entry. Enable it only behind a proxy
	// that sets them: they decide the request URL, and so who passes kit's CSRF check.
	TrustProxy bool
	// Header and URL limits of a platform (kitwasm serve --target; 0: none). A header's size
	// is its HTTP/1.1 wire form, len(name) + len(": ") + len(value) + len("\r\n"); the URL is
	// the absolute one the worker sees. A request over a limit is answered without running
	// the worker: 414 for the URL, 431 for its headers. A response over one is replaced by
	// ResponseHeaderStatus (default 500) with ResponseHeaderBody.
	MaxURLBytes            int
	MaxRequestHeaderBytes  int // all request headers together
	MaxRequestFieldBytes   int // one request header
	MaxResponseHeaderBytes int // all response headers together
	MaxResponseFieldBytes  int // one response header
	ResponseHeaderStatus   int
	ResponseHeaderBody     string
	// OnLimit, if set, is told why a request or response was refused for one of these limits.
	OnLimit func(r *http.Request, reason string)
}

func (h *Handler) refuse(w http.ResponseWriter, r *http.Request, status int, reason string) {
	if h.cfg.OnLimit != nil {
		h.cfg.OnLimit(r, reason)
	}
	http.Error(w, reason, status)
}

// headerSize is the wire size of one header line.
func headerSize(name, value string) int { return len(name) + len(value) + 4 }

// headersOver checks header lines against a total and a per-line limit (0: none), and says
// which one is over.
func headersOver(h [][2]string, total, field int) (string, bool) {
	sum := 0
	for _, kv := range h {
		n := headerSize(kv[0], kv[1])
		if field > 0 && n > field {
			return fmt.Sprintf("header %s is %d bytes, over the limit of %d bytes per header", kv[0], n, field), true
		}
		sum += n
	}
	if total > 0 && sum > total {
		return fmt.Sprintf("headers come to %d bytes, over the limit of %d bytes", sum, total), true
	}
	return "", false
}

// DefaultMaxBodyBytes is the request body limit when Config.MaxBodyBytes is 0.
const DefaultMaxBodyBytes = 100 << 20

// Handler is a net/http handler that runs every request through a Server.
type Handler struct {
	srv Server
	cfg Config
}

// NewHandler returns a Handler for srv.
func NewHandler(srv Server, cfg Config) *Handler {
	if cfg.MaxBodyBytes <= 0 {
		cfg.MaxBodyBytes = DefaultMaxBodyBytes
	}
	return &Handler{srv: srv, cfg: cfg}
}

// RequestURL is the absolute URL of r as the worker sees it: scheme from the connection (or
// a trusted X-Forwarded-Proto), host from the Host header (or a trusted X-Forwarded-Host),
// then the path and query exactly as the client sent them.
func RequestURL(r *http.Request, trustProxy bool) (string, error) {
	scheme := "http"
	if r.TLS != nil {
		scheme = "https"
	}
	host := r.Host
	if trustProxy {
		if p := firstValue(r.Header.Get("X-Forwarded-Proto")); p == "http" || p == "https" {
			scheme = p
		}
		if h := firstValue(r.Header.Get("X-Forwarded-Host")); h != "" {
			host = h
		}
	}
	if !validHost(host) {
		return "", fmt.Errorf("bad Host header %q", host)
	}
	uri := r.RequestURI
	if uri == "" || uri[0] != '/' {
		// absolute-form target (a proxy request): only http(s) URLs with a host, whose
		// host net/http already took as r.Host.
		u := r.URL
		if uri == "*" || u == nil || (u.Scheme != "http" && u.Scheme != "https") || u.Opaque != "" || u.Host == "" {
			return "", fmt.Errorf("unsupported request target %q", uri)
		}
		uri = u.RequestURI()
	}
	return scheme + "://" + host + uri, nil
}

// validHost reports whether host is a URL host with an optional port: a registered name or
// IPv4 address (unreserved and sub-delimiter characters, no percent-encoding, which would
// make the worker's URL name another host or not parse) or a bracketed IPv6 address.
func validHost(host string) bool {
	name, port := host, ""
	if strings.HasPrefix(host, "[") {
		end := strings.IndexByte(host, ']')
		if end < 0 {
			return false
		}
		if ip, err := netip.ParseAddr(host[1:end]); err != nil || !ip.Is6() || ip.Zone() != "" {
			return false
		}
		name, port = "", host[end+1:]
		if port != "" && port[0] != ':' {
			return false
		}
	} else if i := strings.LastIndexByte(host, ':'); i >= 0 {
		name, port = host[:i], host[i:]
		if name == "" {
			return false
		}
	}
	for i := 1; i < len(port); i++ {
		if port[i] < '0' || port[i] > '9' {
			return false
		}
	}
	for i := 0; i < len(name); i++ {
		c := name[i]
		switch {
		case 'a' <= c && c <= 'z', 'A' <= c && c <= 'Z', '0' <= c && c <= '9':
		case strings.IndexByte("-._~!$&'()*+,;=", c) >= 0:
		default:
			return false
		}
	}
	return host != ""
}

func firstValue(v string) string {
	if i := strings.IndexByte(v, ','); i >= 0 {
		v = v[:i]
	}
	return strings.TrimSpace(v)
}

// ClientAddress is the client's IP address: the connection's, or with trustProxy the first
// X-Forwarded-For entry.
func ClientAddress(r *http.Request, trustProxy bool) string {
	if trustProxy {
		if f := firstValue(r.Header.Get("X-Forwarded-For")); f != "" {
			return f
		}
	}
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		return r.RemoteAddr
	}
	return host
}

func (h *Handler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	url, err := RequestURL(r, h.cfg.TrustProxy)
	if err != nil {
		http.Error(w, err.Error(), http.StatusBadRequest)
		return
	}
	if h.cfg.MaxURLBytes > 0 && len(url) > h.cfg.MaxURLBytes {
		h.refuse(w, r, http.StatusRequestURITooLong, fmt.Sprintf("the URL is %d bytes, over the limit of %d bytes", len(url), h.cfg.MaxURLBytes))
		return
	}
	if h.cfg.MaxRequestHeaderBytes > 0 || h.cfg.MaxRequestFieldBytes > 0 {
		var lines [][2]string
		for name, values := range r.Header {
			for _, v := range values {
				lines = append(lines, [2]string{name, v})
			}
		}
		if r.Host != "" && r.Header.Get("Host") == "" {
			lines = append(lines, [2]string{"Host", r.Host})
		}
		if msg, over := headersOver(lines, h.cfg.MaxRequestHeaderBytes, h.cfg.MaxRequestFieldBytes); over {
			h.refuse(w, r, http.StatusRequestHeaderFieldsTooLarge, "request "+msg)
			return
		}
	}
	if r.ContentLength > h.cfg.MaxBodyBytes {
		http.Error(w, fmt.Sprintf("request body of %d bytes exceeds the limit of %d bytes", r.ContentLength, h.cfg.MaxBodyBytes), http.StatusRequestEntityTooLarge)
		return
	}
	req := &wasmhost.Request{Method: r.Method, URL: url, ClientAddress: ClientAddress(r, h.cfg.TrustProxy)}
	req.Hops, _ = r.Context().Value(hopsKey{}).(int) // set by FetchPolicy.loopback only
	req.Header = make([][2]string, 0, len(r.Header)+1)
	for name, values := range r.Header {
		lname := strings.ToLower(name)
		if strings.HasPrefix(lname, reservedPrefix) {
			continue // the runtime's own namespace: never what a client says
		}
		for _, v := range values {
			req.Header = append(req.Header, [2]string{lname, v})
		}
	}
	if r.Host != "" && r.Header.Get("Host") == "" {
		req.Header = append(req.Header, [2]string{"host", r.Host})
	}
	var body *limitedBody
	if r.Body != nil && r.Body != http.NoBody && (r.ContentLength > 0 || r.ContentLength == -1) {
		body = &limitedBody{r: r.Body, left: h.cfg.MaxBodyBytes}
		req.Body = body
	}
	rw := &responseWriter{w: w, r: r, head: r.Method == http.MethodHead, body: body, cfg: &h.cfg}
	if err := h.srv.Serve(r.Context(), req, rw); errors.Is(err, wasmhost.ErrResponseAborted) {
		// The body failed after its head: close the connection (HTTP/1.1) or reset the
		// stream (HTTP/2) without ending the body, so that the client sees the loss.
		panic(http.ErrAbortHandler)
	}
}

// reservedPrefix names request headers that are the runtime's business: incoming ones are
// dropped, so that no client can pose as the runtime.
const reservedPrefix = "x-kitwasm-"

// limitedBody reads a request body up to a limit and remembers if it was exceeded.
type limitedBody struct {
	r        io.Reader
	left     int64
	exceeded atomic.Bool
}

var errBodyTooLarge = errors.New("request body too large")

func (b *limitedBody) Read(p []byte) (int, error) {
	if b.left <= 0 {
		// One byte more tells a body at the limit from one over it (and a body cut short at
		// the limit from a whole one: the probe's error is the body's).
		var one [1]byte
		n, err := b.r.Read(one[:])
		if n > 0 {
			b.exceeded.Store(true)
			return 0, errBodyTooLarge
		}
		if err == nil {
			return 0, nil
		}
		return 0, err
	}
	if int64(len(p)) > b.left {
		p = p[:b.left]
	}
	n, err := b.r.Read(p)
	b.left -= int64(n)
	return n, err
}

// hopByHop headers belong to one connection; the server sets its own.
var hopByHop = map[string]bool{
	"connection": true, "keep-alive": true, "transfer-encoding": true, "upgrade": true,
	"proxy-connection": true, "te": true, "trailer": true,
}

// responseWriter maps the worker's response onto net/http, flushing every chunk.
type responseWriter struct {
	w    http.ResponseWriter
	r    *http.Request
	head bool
	body *limitedBody
	cfg  *Config
}

var errResponseHeaders = errors.New("response headers over the limit")

func (rw *responseWriter) WriteHead(status int, _ string, header [][2]string, length int64) error {
	if rw.body != nil && rw.body.exceeded.Load() && status >= 500 {
		// The worker failed because its body stream errored at the limit: say so.
		msg := "request body exceeds the limit"
		rw.w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		rw.w.Header().Set("Content-Length", strconv.Itoa(len(msg)))
		rw.w.WriteHeader(http.StatusRequestEntityTooLarge)
		io.WriteString(rw.w, msg)
		return errBodyTooLarge
	}
	if rw.cfg != nil && (rw.cfg.MaxResponseHeaderBytes > 0 || rw.cfg.MaxResponseFieldBytes > 0) {
		if why, over := headersOver(header, rw.cfg.MaxResponseHeaderBytes, rw.cfg.MaxResponseFieldBytes); over {
			if rw.cfg.OnLimit != nil {
				rw.cfg.OnLimit(rw.r, "the worker's response "+why)
			}
			// The platform would not send this response: answer as it does.
			status, msg := rw.cfg.ResponseHeaderStatus, rw.cfg.ResponseHeaderBody
			if status == 0 {
				status = http.StatusInternalServerError
			}
			if msg == "" {
				msg = http.StatusText(status)
			}
			rw.w.Header().Set("Content-Type", "text/plain; charset=utf-8")
			rw.w.Header().Set("Content-Length", strconv.Itoa(len(msg)))
			rw.w.WriteHeader(status)
			io.WriteString(rw.w, msg)
			return errResponseHeaders
		}
	}
	h := rw.w.Header()
	for _, kv := range header {
		if hopByHop[strings.ToLower(kv[0])] {
			continue
		}
		h.Add(kv[0], kv[1])
	}
	if _, ok := h["Content-Type"]; !ok {
		h["Content-Type"] = nil // no type the worker did not give: net/http would sniff one
	}
	if length >= 0 && h.Get("Content-Length") == "" && !wasmhost.NullBodyStatus(status) {
		h.Set("Content-Length", strconv.FormatInt(length, 10))
	}
	rw.w.WriteHeader(status)
	if rw.head || length >= 0 {
		return nil // the body follows at once; net/http flushes when the handler returns
	}
	return http.NewResponseController(rw.w).Flush()
}

func (rw *responseWriter) Write(chunk []byte) error {
	if rw.head {
		return nil
	}
	if _, err := rw.w.Write(chunk); err != nil {
		return err
	}
	return http.NewResponseController(rw.w).Flush()
}
