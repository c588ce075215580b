package wasmhost

import (
	"context"
	"io"
)

// The runtime's outbound fetch, in its own types: wasmhost does not depend on net/http, so
// that an HTTP server (package edge, which maps these to net/http) and other hosts (an edge
// platform's SDK) are peers over it.

// Fetcher performs a worker's outbound fetch; the host decides what is allowed. ctx ends
// when the request's time is up. An error rejects the worker's fetch() with its message; the
// host then need not close req.Body (the runtime does). On success, the response's Body is
// read as JavaScript consumes it and closed when done or cancelled.
type Fetcher func(ctx context.Context, req *FetchRequest) (*FetchResponse, error)

// FetchRequest is an outbound fetch of a worker.
type FetchRequest struct {
	// Method is the request method as the worker gave it (the Web layer normalises it).
	Method string
	// URL is absolute; it parses with net/url.
	URL string
	// Header holds the request's fields in order, duplicates kept; names and values are
	// byte strings (Latin-1 characters as bytes, as they go on the wire).
	Header [][2]string
	// Body is nil for no body. It is a *bytes.Reader when the worker gave the whole body
	// (ContentLength is then its size), or a stream of the worker's chunks (ContentLength -1).
	Body io.Reader
	// ContentLength is the body's size, 0 with no body, or -1 when unknown (streamed).
	ContentLength int64
	// Redirect is the fetch redirect mode: "follow", "manual" or "error".
	Redirect string
	// Incoming is the request the worker is serving; its origin is the app's own.
	Incoming *Request
}

// FetchResponse is the response to a FetchRequest.
type FetchResponse struct {
	Status     int
	StatusText string
	// Header holds the response's fields in order, duplicates kept; names in any case (the
	// runtime lowercases them), values as byte strings.
	Header [][2]string
	// Body is the response body (nil: empty); the runtime closes it.
	Body io.ReadCloser
	// URL is the URL the response came from, after redirects ("": the request's URL).
	URL string
	// Redirected tells whether a redirect was followed to get here (Response.redirected).
	Redirected bool
}
