package fastly

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net/url"
	"strings"

	"github.com/fastly/compute-sdk-go/fsthttp"

	"github.com/kitwasm/kitwasm/edge/assets"
	"github.com/kitwasm/kitwasm/wasmhost"
)

// ErrFetchDenied is wrapped by errors for fetches to hosts that have no backend. Its text is
// edge.ErrFetchDenied's: a worker sees the same rejection under kitwasm serve (--allow-fetch)
// and on Compute.
var ErrFetchDenied = errors.New("fetch not allowed")

// maxLoopbackDepth bounds same-origin fetches that fetch again (as edge's FetchPolicy).
const maxLoopbackDepth = 8

// Backend returns the Compute backend configured for the URL's host (host:port first, then
// the host name), or an error wrapping ErrFetchDenied that says which option to change.
func (h *Handler) Backend(u *url.URL) (string, error) {
	if b, ok := h.Backends[strings.ToLower(u.Host)]; ok {
		return b, nil
	}
	if b, ok := h.Backends[strings.ToLower(u.Hostname())]; ok {
		return b, nil
	}
	return "", fmt.Errorf("%w: %s has no Compute backend; add it to the adapter's fastly.backends option ({ '%s': '<backend name>' }) and declare the backend on the service",
		ErrFetchDenied, u.Host, u.Hostname())
}

// Fetch is the pool's wasmhost.Fetcher on Compute: the app's own origin is answered in the
// instance (static files from the build, other paths by the worker, as kitwasm serve's
// FetchPolicy.Self), other hosts go to their backend (Backend), never anywhere else.
// Redirects are followed (mode "follow", up to 20, each hop's host needing a backend),
// returned ("manual") or refused ("error"), as fetch does.
func (h *Handler) Fetch(ctx context.Context, fr *wasmhost.FetchRequest) (*wasmhost.FetchResponse, error) {
	u, err := url.Parse(fr.URL)
	if err != nil {
		return nil, err
	}
	if u.Scheme != "http" && u.Scheme != "https" {
		return nil, fmt.Errorf("fetch %s: only http and https URLs can be fetched", u.Redacted())
	}
	if fr.Incoming != nil && sameOrigin(u, fr.Incoming.URL) {
		return h.loopback(ctx, fr, u)
	}
	send := h.Send
	if send == nil {
		send = func(ctx context.Context, req *fsthttp.Request, backend string) (*fsthttp.Response, error) {
			return req.Send(ctx, backend)
		}
	}
	method, body, first := fr.Method, fr.Body, u.String()
	for hop := 0; ; hop++ {
		backend, err := h.Backend(u)
		if err != nil {
			if hop > 0 {
				return nil, fmt.Errorf("%w: redirect to %s", ErrFetchDenied, u.Host)
			}
			return nil, err
		}
		req, err := fsthttp.NewRequest(method, u.String(), body)
		if err != nil {
			return nil, err
		}
		for _, kv := range fr.Header {
			req.Header.Add(kv[0], kv[1])
		}
		req.CacheOptions.Pass = true // fetch() reaches the origin, as under kitwasm serve
		res, err := send(ctx, req, backend)
		if err != nil {
			return nil, fmt.Errorf("fetch %s (backend %s): %w", u.Redacted(), backend, err)
		}
		loc := res.Header.Get("Location")
		redirect := loc != "" && (res.StatusCode == 301 || res.StatusCode == 302 || res.StatusCode == 303 ||
			res.StatusCode == 307 || res.StatusCode == 308)
		if !redirect || fr.Redirect == "manual" {
			return fromResponse(res, u.String(), u.String() != first), nil
		}
		res.Body.Close()
		if fr.Redirect == "error" {
			return nil, errors.New("redirect mode is set to error")
		}
		if hop >= 20 {
			return nil, errors.New("too many redirects")
		}
		next, err := u.Parse(loc)
		if err != nil {
			return nil, fmt.Errorf("redirect to %q: %w", loc, err)
		}
		u = next
		if res.StatusCode == 303 && method != "HEAD" || (res.StatusCode == 301 || res.StatusCode == 302) && method == "POST" {
			method, body = "GET", nil
		} else if body != nil {
			r, ok := body.(*bytes.Reader)
			if !ok {
				return nil, errors.New("cannot follow a redirect with a streamed request body")
			}
			r.Seek(0, io.SeekStart)
		}
	}
}

func fromResponse(res *fsthttp.Response, final string, redirected bool) *wasmhost.FetchResponse {
	var header [][2]string
	for _, k := range res.Header.Keys() {
		for _, v := range res.Header.Values(k) {
			header = append(header, [2]string{k, v})
		}
	}
	return &wasmhost.FetchResponse{
		Status: res.StatusCode, StatusText: fsthttp.StatusText(res.StatusCode),
		Header: header, Body: res.Body, URL: final, Redirected: redirected,
	}
}

func sameOrigin(u *url.URL, incoming string) bool {
	in, err := url.Parse(incoming)
	return err == nil && in.Scheme == u.Scheme && strings.EqualFold(in.Host, u.Host)
}

// loopback answers a same-origin fetch inside the instance: a static file from the build
// (assets.Decide), or the worker through Server with the nesting depth one higher.
func (h *Handler) loopback(ctx context.Context, fr *wasmhost.FetchRequest, u *url.URL) (*wasmhost.FetchResponse, error) {
	depth := fr.Incoming.Hops
	if depth >= maxLoopbackDepth {
		return nil, fmt.Errorf("fetch %s: more than %d nested same-origin fetches", u, maxLoopbackDepth)
	}
	if h.Manifest != nil {
		values := func(name string) []string {
			var vs []string
			for _, kv := range fr.Header {
				if strings.EqualFold(kv[0], name) {
					vs = append(vs, kv[1])
				}
			}
			return vs
		}
		if a := assets.Decide(h.Manifest, fr.Method, u.RequestURI(), values); a.Status != 0 {
			res := &wasmhost.FetchResponse{Status: a.Status, StatusText: fsthttp.StatusText(a.Status), Header: a.Header, URL: u.String()}
			if a.File != "" && a.Body {
				f, err := h.Files.Open(a.File)
				if err != nil {
					return nil, fmt.Errorf("file listed in the manifest is missing: %s", a.File)
				}
				if s, ok := f.(io.Seeker); ok && a.Offset > 0 {
					s.Seek(a.Offset, io.SeekStart)
				}
				res.Body = struct {
					io.Reader
					io.Closer
				}{io.LimitReader(f, a.Length), f}
			}
			return res, nil
		}
	}
	req := &wasmhost.Request{Method: fr.Method, URL: u.String(), Header: fr.Header, Body: fr.Body,
		ClientAddress: fr.Incoming.ClientAddress, Hops: depth + 1, Platform: fr.Incoming.Platform}
	pr, pw := io.Pipe()
	w := &pipeWriter{pw: pw, ready: make(chan struct{})}
	go func() {
		err := h.Server.Serve(ctx, req, w)
		if !w.started {
			w.WriteHead(500, "", [][2]string{{"content-type", "text/plain; charset=utf-8"}}, -1)
			if err == nil {
				err = errors.New("no response")
			}
			pw.CloseWithError(err)
			return
		}
		if err != nil {
			pw.CloseWithError(err)
			return
		}
		pw.Close()
	}()
	select {
	case <-w.ready:
	case <-ctx.Done():
		pr.CloseWithError(ctx.Err())
		return nil, ctx.Err()
	}
	return &wasmhost.FetchResponse{Status: w.status, StatusText: w.text, Header: w.header, Body: pr, URL: u.String()}, nil
}

// pipeWriter is a wasmhost.ResponseWriter whose body goes into a pipe; ready closes with the
// head.
type pipeWriter struct {
	pw      *io.PipeWriter
	status  int
	text    string
	header  [][2]string
	started bool
	ready   chan struct{}
}

func (w *pipeWriter) WriteHead(status int, text string, header [][2]string, _ int64) error {
	if w.started {
		return nil
	}
	w.started, w.status, w.text, w.header = true, status, text, header
	close(w.ready)
	return nil
}

func (w *pipeWriter) Write(b []byte) error {
	_, err := w.pw.Write(b)
	return err
}
