package edge

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/kitwasm/kitwasm/wasmhost"
)

// FetchPolicy decides where a worker's fetch may go. Requests to the app's own origin are
// answered in-process by Self (as kit's event.fetch does for its own routes and assets);
// other hosts must be listed in Allow. Anything else fails with an error that names the
// flag to change.
type FetchPolicy struct {
	// Allow lists host names (or host:port) the worker may reach; "*" allows every host.
	Allow []string
	// Self serves same-origin requests without leaving the process (usually the Handler).
	Self http.Handler
	// Client performs allowed outbound requests (nil: a client with a 30 s timeout).
	Client *http.Client
}

// ErrFetchDenied is wrapped by errors for fetches the policy does not allow.
var ErrFetchDenied = errors.New("fetch not allowed")

// maxLoopbackDepth bounds same-origin fetches that fetch again (a worker fetching itself in
// a loop would otherwise take every isolate).
const maxLoopbackDepth = 8

// hopsKey is the request-context key under which loopback hands the nesting depth to the
// Handler that serves the nested request (wasmhost.Request.Hops): in process, where no
// client can set it.
type hopsKey struct{}

// Fetcher returns the wasmhost.Fetcher that applies the policy: edge is where the runtime's
// fetch meets net/http.
func (p FetchPolicy) Fetcher() wasmhost.Fetcher {
	client := p.Client
	if client == nil {
		client = &http.Client{Timeout: 30 * time.Second}
	}
	return func(ctx context.Context, fr *wasmhost.FetchRequest) (*wasmhost.FetchResponse, error) {
		req, err := httpRequest(ctx, fr)
		if err != nil {
			return nil, err
		}
		if req.URL.Scheme != "http" && req.URL.Scheme != "https" {
			return nil, fmt.Errorf("fetch %s: only http and https URLs can be fetched", req.URL.Redacted())
		}
		if fr.Incoming != nil && p.Self != nil && sameOrigin(req.URL, fr.Incoming.URL) {
			return p.loopback(ctx, fr, req)
		}
		if !p.allowed(req.URL) {
			return nil, fmt.Errorf("%w: %s is not in the allow list; start kitwasm with --allow-fetch %s to allow it",
				ErrFetchDenied, req.URL.Host, req.URL.Hostname())
		}
		c := *client
		switch fr.Redirect {
		case "manual":
			c.CheckRedirect = func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }
		case "error":
			c.CheckRedirect = func(*http.Request, []*http.Request) error {
				return errors.New("redirect mode is set to error")
			}
		default:
			c.CheckRedirect = func(r *http.Request, via []*http.Request) error {
				if len(via) >= 20 {
					return errors.New("too many redirects")
				}
				if !p.allowed(r.URL) {
					return fmt.Errorf("%w: redirect to %s", ErrFetchDenied, r.URL.Host)
				}
				return nil
			}
		}
		res, err := c.Do(req)
		if err != nil {
			return nil, err
		}
		return fromHTTPResponse(res, req), nil
	}
}

// httpRequest makes the *http.Request of a worker's fetch, bound to ctx. A whole body
// (a *bytes.Reader) can be sent again on a redirect; a streamed one cannot.
func httpRequest(ctx context.Context, fr *wasmhost.FetchRequest) (*http.Request, error) {
	req, err := http.NewRequestWithContext(ctx, fr.Method, fr.URL, fr.Body)
	if err != nil {
		return nil, err
	}
	for _, h := range fr.Header {
		req.Header.Add(h[0], h[1])
	}
	req.ContentLength = fr.ContentLength
	return req, nil
}

// fromHTTPResponse is the runtime's view of res, the response to req: its status text
// without the code, its header fields one per value, and the URL it ended at.
func fromHTTPResponse(res *http.Response, req *http.Request) *wasmhost.FetchResponse {
	header := make([][2]string, 0, len(res.Header))
	for k, vs := range res.Header {
		for _, v := range vs {
			header = append(header, [2]string{k, v})
		}
	}
	final := req.URL.String()
	if res.Request != nil && res.Request.URL != nil {
		final = res.Request.URL.String()
	}
	return &wasmhost.FetchResponse{
		Status:     res.StatusCode,
		StatusText: strings.TrimSpace(strings.TrimPrefix(res.Status, strconv.Itoa(res.StatusCode))),
		Header:     header, Body: res.Body,
		URL: final, Redirected: final != req.URL.String(),
	}
}

func (p FetchPolicy) allowed(u *url.URL) bool {
	for _, a := range p.Allow {
		if a == "*" || strings.EqualFold(a, u.Host) || strings.EqualFold(a, u.Hostname()) {
			return true
		}
	}
	return false
}

func sameOrigin(u *url.URL, incoming string) bool {
	in, err := url.Parse(incoming)
	return err == nil && in.Scheme == u.Scheme && strings.EqualFold(in.Host, u.Host)
}

// loopback serves a same-origin fetch through Self, streaming its body back.
func (p FetchPolicy) loopback(ctx context.Context, fr *wasmhost.FetchRequest, orig *http.Request) (*wasmhost.FetchResponse, error) {
	depth := 0
	if fr.Incoming != nil {
		depth = fr.Incoming.Hops
	}
	if depth >= maxLoopbackDepth {
		return nil, fmt.Errorf("fetch %s: more than %d nested same-origin fetches", orig.URL, maxLoopbackDepth)
	}
	req := orig.Clone(context.WithValue(ctx, hopsKey{}, depth+1))
	req.RequestURI = req.URL.RequestURI()
	req.Host = req.URL.Host
	req.RemoteAddr = net.JoinHostPort("127.0.0.1", "0")
	if req.Body == nil {
		req.Body = http.NoBody
	}
	pr, pw := io.Pipe()
	rec := &pipeWriter{header: http.Header{}, pw: pw, ready: make(chan struct{})}
	go func() {
		defer func() {
			// A nested response that failed after its head (Handler panics with
			// ErrAbortHandler, as net/http expects) reaches the fetching worker as a body
			// that errors, not as a crash of this goroutine or a body that looks whole.
			if v := recover(); v != nil {
				if v != http.ErrAbortHandler {
					panic(v)
				}
				rec.WriteHeader(http.StatusOK)
				pw.CloseWithError(errors.New("the response was aborted after its head"))
			}
		}()
		p.Self.ServeHTTP(rec, req)
		rec.WriteHeader(http.StatusOK)
		pw.Close()
	}()
	select {
	case <-rec.ready:
	case <-ctx.Done():
		pr.CloseWithError(ctx.Err())
		return nil, ctx.Err()
	}
	res := &http.Response{
		Status: fmt.Sprintf("%d %s", rec.status, http.StatusText(rec.status)), StatusCode: rec.status,
		Proto: "HTTP/1.1", ProtoMajor: 1, ProtoMinor: 1,
		Header: rec.header.Clone(), Body: pr, ContentLength: -1, Request: orig,
	}
	return fromHTTPResponse(res, orig), nil
}

// pipeWriter is an http.ResponseWriter whose body goes into a pipe; ready closes with the head.
type pipeWriter struct {
	header http.Header
	pw     *io.PipeWriter
	status int
	ready  chan struct{}
}

func (w *pipeWriter) Header() http.Header { return w.header }

func (w *pipeWriter) WriteHeader(status int) {
	if w.status != 0 {
		return
	}
	w.status = status
	close(w.ready)
}

func (w *pipeWriter) Write(b []byte) (int, error) {
	w.WriteHeader(http.StatusOK)
	return w.pw.Write(b)
}

func (w *pipeWriter) Flush() {}
