package wasmhost

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"time"
	"unicode/utf8"
)

// Request is one request for a worker, as the edge builds it from a platform event.
type Request struct {
	Method string
	// URL is absolute: the edge decides scheme and host (see edge.Config.TrustProxy).
	URL    string
	Header [][2]string
	// Body is nil for no body. It is read in chunks as JavaScript asks for them.
	Body          io.Reader
	ClientAddress string
	// Hops counts the same-origin fetches that led to this request (0 for a client's): the
	// edge's bound on a worker fetching itself. It never travels in a header, where a client
	// could set it.
	Hops int
	// Platform, if set, is a JSON object whose fields an edge adds to SvelteKit's
	// event.platform beside env and context (the Fastly entry's {"fastly": {...}}: client,
	// geolocation, POP). JavaScript sees it as the fetch context's non-enumerable platform.
	Platform json.RawMessage
}

// ResponseWriter receives a worker's response. WriteHead is called once, before any Write;
// length is the body's size when the whole body follows in one Write (0: none follows), or
// -1 for a streamed body, whose every Write is one chunk the worker enqueued, to be flushed
// to the client at once. An error from Write means the client is gone: the worker's stream
// is cancelled.
type ResponseWriter interface {
	WriteHead(status int, statusText string, header [][2]string, length int64) error
	Write(chunk []byte) error
}

// event is one message for JavaScript: JSON plus an optional binary payload.
type event struct {
	json    []byte
	payload []byte
}

// loop is the event loop of one request in one isolate: it delivers the request, timers and
// the completions of host operations (body reads, fetches) to JavaScript, one per entry call,
// so that microtasks run between them, and records what JavaScript sends back.
type loop struct {
	iso     *Isolate
	id      int
	req     *Request
	w       ResponseWriter
	fetcher Fetcher
	assets  fs.FS           // what read() may open (PoolConfig.Assets)
	ctx     context.Context // cancelled when the request's time is up

	queue   []event
	current event
	async   chan event    // completions from goroutines
	done    chan struct{} // closed when the loop is over
	pending int           // operations whose completion is not yet queued

	headSent bool
	ended    bool  // the response is complete (or failed)
	whole    bool  // the whole body was handed to the writer (set before respond closes)
	bodyErr  error // why a body failed after its head (set before respond closes)
	runErr   error // why the loop stopped, if it stopped before the response ended
	idle     bool  // ended and every waitUntil promise settled
	writeErr error
	respond  chan struct{} // closed when ended
	fatal    string        // reason JavaScript gave for discarding the isolate

	aborted chan struct{} // closed when the client is gone
	lim     *reqLimits    // the platform's limits (cpu.go); nil: none

	cpu       *cpuSlots // the pool's CPU slots (cpuslots.go); nil: none
	holding   bool      // the loop holds one of them
	ticket    int64     // its place in the queue for one (cpuSlots.ticket)
	grace     *time.Timer
	heldSince time.Time

	mu      sync.Mutex
	handles map[int]io.ReadCloser  // by handle: fetched bodies, server assets, unclaimed upload readers
	uploads map[int]*io.PipeWriter // streamed fetch request bodies by handle
	nextH   int
}

func (l *loop) push(ev event) { l.queue = append(l.queue, ev) }

func (l *loop) pushJSON(v any, payload []byte) {
	b, err := json.Marshal(v)
	if err != nil {
		panic(err)
	}
	l.push(event{json: b, payload: payload})
}

func (l *loop) markEnded() {
	if !l.ended {
		l.ended = true
		close(l.respond)
	}
}

// complete queues the completion of async op `op` from a goroutine.
func (l *loop) complete(op int, value any, payload []byte, err error) {
	m := map[string]any{"type": "done", "op": op, "ok": err == nil}
	if err != nil {
		m["error"] = err.Error()
	} else if value != nil {
		m["value"] = value
	}
	b, _ := json.Marshal(m)
	select {
	case l.async <- event{json: b, payload: payload}:
	case <-l.done: // the loop is over: nobody will read it
	}
}

// hostCall handles the loop's ops (hostcall.go).
func (l *loop) hostCall(ctx context.Context, op, argc int, arg func(int) uint64,
	str func(int) (string, error), buf func(int) ([]byte, error)) (uint64, error) {
	g, jsc := l.iso.g, l.iso.jsc
	switch op {
	case opNextEvent:
		if len(l.queue) == 0 {
			return jsUndefined, nil
		}
		l.current = l.queue[0]
		l.queue[0] = event{}
		l.queue = l.queue[1:]
		return g.newStringValue(ctx, jsc, l.current.json)
	case opEventBody:
		if l.current.payload == nil {
			return jsUndefined, nil
		}
		p := l.current.payload
		l.current.payload = nil
		return g.newArrayBuffer(ctx, jsc, p)
	}
	// A payload may also be a string (a response body made from one), followed by its length
	// in UTF-16 units: its UTF-8, copied out once. The engine hands it over as a C string, so
	// a string with a NUL arrives cut short, and one with a lone surrogate is not valid UTF-8:
	// the answer is then textRefused, before anything else happens, and JavaScript sends the
	// bytes instead.
	refused := false
	payloadOf := func(i int) ([]byte, error) {
		if tagOf(arg(i)) != tagString {
			return buf(i)
		}
		b, err := g.cString(ctx, jsc, arg(i))
		if err != nil {
			return nil, err
		}
		if argc <= i+1 || tagOf(arg(i+1)) != tagInt {
			return nil, fmt.Errorf("op %d: a string payload must be followed by its length", op)
		}
		if want, _ := g.number(ctx, jsc, arg(i+1)); utf16Len(b) != int(want) || !utf8.Valid(b) {
			refused = true
		}
		return b, nil
	}
	kind, msg, payload, err := stringsAndPayload(argc, arg, str, payloadOf, true)
	if err != nil {
		return 0, err
	}
	if refused {
		return g.newNumber(ctx, jsc, textRefused)
	}
	res, err := l.send(kind, msg, payload)
	if err != nil {
		return 0, err
	}
	switch r := res.(type) {
	case nil:
		return jsUndefined, nil
	case int:
		return g.newNumber(ctx, jsc, float64(r))
	case string:
		return g.newStringValue(ctx, jsc, []byte(r))
	}
	return jsUndefined, nil
}

// parseHead reads a head message (see send) into m.
func parseHead(msg string, m *sendMsg) error {
	f := strings.Split(msg, "\n")
	if len(f) < 3 || (len(f)-3)%2 != 0 {
		return errors.New("expected idle, status, status text and name/value pairs")
	}
	status, err := strconv.Atoi(f[1])
	if err != nil {
		return err
	}
	m.Idle, m.Status, m.StatusText = f[0] == "1", status, f[2]
	m.Headers = make([][2]string, 0, (len(f)-3)/2)
	for i := 3; i < len(f); i += 2 {
		m.Headers = append(m.Headers, [2]string{f[i], f[i+1]})
	}
	return nil
}

// textRefused is SEND's answer to a string payload the host cannot take as it is.
const textRefused = -1

// sendMsg is the union of what JavaScript sends; each kind uses some fields.
type sendMsg struct {
	ID         int         `json:"id"`
	Op         int         `json:"op"`
	Status     int         `json:"status"`
	StatusText string      `json:"statusText"`
	Headers    [][2]string `json:"headers"`
	Method     string      `json:"method"`
	URL        string      `json:"url"`
	Redirect   string      `json:"redirect"`
	Handle     int         `json:"handle"`
	Message    string      `json:"message"`
	Error      string      `json:"error"`
	Upload     int         `json:"upload"`
	HasBody    bool        `json:"hasBody"`
	Idle       bool        `json:"idle"`
}

// send handles SEND(kind, json, payload): the worker's side of the request.
//
//	response {id, status, statusText, headers, idle?}
//	                                             payload: the whole body, if not streamed (an
//	                                             ArrayBuffer, or a string and its length: its
//	                                             UTF-8; answers textRefused for a string with a
//	                                             NUL or a lone surrogate); idle: the request is
//	                                             idle too (no separate idle message)
//	head     idle LF status LF statusText (LF name LF value)*
//	                                             the same as response, in lines (names, values and
//	                                             status texts, as the Web layer checks them, hold
//	                                             no LF); idle is 1 or 0
//	chunk    {id}                                payload: one chunk; answers 0, or 1 if the client is gone
//	end      {id, error?}                        the streamed body is complete, or with error
//	                                             failed after its head: the response is aborted
//	error    {id, message}                       the worker failed before responding: 500
//	idle     {id}                                response ended and waitUntil work settled
//	fatal    {message}                           discard this isolate after the request
//	body.read {op, id}                           async: next request-body chunk (payload), value {end}
//	fetch    {op, method, url, headers, redirect, upload?}
//	                                             payload: request body; or upload: the handle of
//	                                             a streamed body (upload.open); async: value is
//	                                             the response head
//	upload.open {}                               a streamed request body: answers its handle
//	upload.write {op, handle}                    payload: one chunk; async: done when the
//	                                             request has taken it (backpressure)
//	upload.close {handle, error?}                the streamed body is complete, or failed
//	fetch.read {op, handle}                      async: next chunk of a fetched body
//	fetch.cancel {handle}                        close a fetched body or a server asset
//	asset.open {url: file}                       a server asset for read(): answers its handle (read
//	                                             with fetch.read), or 0 when there is no such file
func (l *loop) send(kind, msg string, payload []byte) (any, error) {
	var m sendMsg
	if kind == "head" {
		// The response head in lines, for the hot path: cheaper than JSON on both sides.
		if err := parseHead(msg, &m); err != nil {
			return nil, fmt.Errorf("head: bad message: %v", err)
		}
		kind = "response"
	} else if err := json.Unmarshal([]byte(msg), &m); err != nil {
		return nil, fmt.Errorf("%s: bad message: %v", kind, err)
	}
	switch kind {
	case "response":
		if l.headSent || l.ended {
			return nil, errors.New("response already sent")
		}
		l.headSent = true
		if m.Idle {
			defer func() { l.idle = true }()
		}
		length := int64(-1)
		if payload != nil {
			length = int64(len(payload))
		}
		if err := l.withoutCPU(func() error {
			return l.w.WriteHead(m.Status, bytesOf(m.StatusText), bytesOfHeaders(m.Headers), length)
		}); err != nil {
			l.writeErr = err
			l.markEnded()
			return 1, nil
		}
		if payload != nil {
			if len(payload) > 0 {
				if err := l.withoutCPU(func() error { return l.w.Write(payload) }); err != nil {
					l.writeErr = err
				}
			}
			l.whole = l.writeErr == nil
			l.markEnded()
		}
		return 0, nil
	case "chunk":
		if !l.headSent || l.ended {
			return 1, nil
		}
		if err := l.withoutCPU(func() error { return l.w.Write(payload) }); err != nil {
			l.writeErr = err
			l.markEnded()
			return 1, nil
		}
		return 0, nil
	case "end":
		if l.ended {
			return nil, nil
		}
		if m.Error != "" {
			l.bodyErr = errors.New(m.Error)
		} else if l.headSent && l.writeErr == nil {
			l.whole = true
		}
		l.markEnded()
		return nil, nil
	case "error":
		if !l.headSent {
			l.headSent = true
			status, h, body := l.failure(l.exception(m.Message))
			l.withoutCPU(func() error {
				if err := l.w.WriteHead(status, statusText(status), h, int64(len(body))); err != nil {
					return err
				}
				return l.w.Write(body)
			})
			l.whole = true
		} else if !l.ended {
			l.bodyErr = errors.New(m.Message)
		}
		l.markEnded()
		return nil, nil
	case "idle":
		l.idle = true
		return nil, nil
	case "fatal":
		l.fatal = m.Message
		return nil, nil
	case "body.read":
		if l.req.Body == nil {
			return nil, errors.New("request has no body")
		}
		l.readChunk(l.req.Body, m.Op)
		return nil, nil
	case "fetch":
		return nil, l.startFetch(m, payload)
	case "fetch.read":
		l.mu.Lock()
		body := l.handles[m.Handle]
		l.mu.Unlock()
		if body == nil {
			return nil, errors.New("fetch body closed")
		}
		l.readChunk(body, m.Op)
		return nil, nil
	case "upload.open":
		return l.openUpload(), nil
	case "upload.write":
		l.mu.Lock()
		pw := l.uploads[m.Handle]
		l.mu.Unlock()
		if pw == nil {
			return nil, errors.New("upload closed")
		}
		chunk := payload
		l.pending++
		go func(op int) {
			_, err := pw.Write(chunk)
			l.complete(op, nil, nil, err)
		}(m.Op)
		return nil, nil
	case "upload.close":
		l.mu.Lock()
		pw := l.uploads[m.Handle]
		delete(l.uploads, m.Handle)
		l.mu.Unlock()
		if pw != nil {
			if m.Error != "" {
				pw.CloseWithError(errors.New(m.Error))
			} else {
				pw.Close()
			}
		}
		return nil, nil
	case "fetch.cancel":
		l.closeHandle(m.Handle)
		return nil, nil
	case "asset.open":
		return l.openAsset(m.URL)
	}
	return nil, fmt.Errorf("unknown message kind %q", kind)
}

// readChunk reads up to 64 KiB of r on a goroutine and completes op with the bytes, or with
// {end: true} once r is exhausted.
func (l *loop) readChunk(r io.Reader, op int) {
	l.pending++
	go func() {
		b := make([]byte, 64<<10)
		n, err := r.Read(b)
		end := false
		if errors.Is(err, io.EOF) {
			err, end = nil, true
		}
		l.complete(op, map[string]bool{"end": end && n == 0}, b[:n], err)
	}()
}

// openAsset opens a server asset (a path relative to the assets root, as kit's read() gives
// it) and returns its handle, or 0 if there is no such file.
func (l *loop) openAsset(file string) (any, error) {
	if l.assets == nil {
		return nil, errors.New("this runtime has no server assets (read() needs a build served by kitwasm serve)")
	}
	name := strings.TrimPrefix(file, "/")
	if !fs.ValidPath(name) {
		return 0, nil
	}
	f, err := l.assets.Open(name)
	if errors.Is(err, fs.ErrNotExist) {
		return 0, nil
	}
	if err != nil {
		// Not "no such file": the app must not answer 404 for a file it has.
		return nil, fmt.Errorf("read(%q): %w", file, err)
	}
	st, err := f.Stat()
	if err != nil {
		f.Close()
		return nil, fmt.Errorf("read(%q): %w", file, err)
	}
	if st.IsDir() {
		f.Close()
		return 0, nil
	}
	l.mu.Lock()
	l.nextH++
	h := l.nextH
	l.handles[h] = f
	l.mu.Unlock()
	return h, nil
}

func (l *loop) closeHandle(h int) {
	l.mu.Lock()
	body := l.handles[h]
	delete(l.handles, h)
	l.mu.Unlock()
	if body != nil {
		body.Close()
	}
}

// openUpload makes a pipe for a streamed fetch request body: JavaScript writes chunks into
// it (upload.write) while the fetch reads them, one at a time, so that an upload is never
// held whole in memory. Answers the handle; the reading end waits in handles until the fetch
// that names it (its upload field) takes it.
func (l *loop) openUpload() int {
	pr, pw := io.Pipe()
	l.mu.Lock()
	defer l.mu.Unlock()
	l.nextH++
	h := l.nextH
	if l.uploads == nil {
		l.uploads = map[int]*io.PipeWriter{}
	}
	l.uploads[h] = pw
	l.handles[h] = pr // closed with the loop, or read by the fetch that takes it
	return h
}

func (l *loop) startFetch(m sendMsg, payload []byte) error {
	if l.fetcher == nil {
		return errors.New("fetch is not available in this runtime")
	}
	if err := l.lim.subrequest(); err != nil {
		// fetch() rejects with the platform's message, as is (not a host error).
		l.pushJSON(map[string]any{"type": "done", "op": m.Op, "ok": false, "error": err.Error()}, nil)
		return nil
	}
	var body io.Reader
	length := int64(0)
	switch {
	case m.Upload != 0:
		l.mu.Lock()
		pr, ok := l.handles[m.Upload].(*io.PipeReader)
		delete(l.handles, m.Upload)
		l.mu.Unlock()
		if !ok {
			return errors.New("fetch: no such upload")
		}
		body, length = pr, -1 // chunked: the length is not known
		defer func() {
			if body != nil {
				pr.CloseWithError(errors.New("the fetch did not start"))
			}
		}()
	case payload != nil:
		body, length = bytes.NewReader(payload), int64(len(payload))
	}
	// What net/http's NewRequest refused before the fetch starts, refused here too: the
	// worker's SEND throws, as it did when the loop built an *http.Request.
	if !isToken(m.Method) {
		return fmt.Errorf("invalid method %q", m.Method)
	}
	if _, err := url.Parse(m.URL); err != nil {
		return err
	}
	fr := &FetchRequest{
		Method: m.Method, URL: m.URL, Header: bytesOfHeaders(m.Headers), Body: body,
		ContentLength: length, Redirect: m.Redirect, Incoming: l.req,
	}
	body = nil // the fetch owns it now
	l.pending++
	go func(op int) {
		res, err := l.fetcher(l.ctx, fr)
		if err != nil {
			if c, ok := fr.Body.(io.Closer); ok {
				c.Close() // a refused fetch never read it: the worker's writes must end
			}
			l.complete(op, nil, nil, err)
			return
		}
		rb := res.Body
		if rb == nil {
			rb = io.NopCloser(bytes.NewReader(nil))
		}
		l.mu.Lock()
		l.nextH++
		h := l.nextH
		l.handles[h] = rb
		l.mu.Unlock()
		headers := make([][2]string, 0, len(res.Header))
		for _, kv := range res.Header {
			headers = append(headers, [2]string{strings.ToLower(kv[0]), latin1(kv[1])})
		}
		final := res.URL
		if final == "" {
			final = fr.URL
		}
		l.complete(op, map[string]any{
			"status": res.Status, "statusText": latin1(res.StatusText), "headers": headers,
			"url": final, "handle": h, "redirected": res.Redirected,
		}, nil, nil)
	}(m.Op)
	return nil
}

// close releases what the loop still holds; err is why run stopped (nil: it finished).
func (l *loop) close(err error) {
	if !l.ended {
		l.runErr = err
	}
	close(l.done)
	l.mu.Lock()
	for h, b := range l.handles {
		b.Close()
		delete(l.handles, h)
	}
	for h, pw := range l.uploads {
		pw.CloseWithError(errLoopOver)
		delete(l.uploads, h)
	}
	l.mu.Unlock()
	l.markEnded()
}

// run drives the isolate until the request is idle, ctx ends, or the isolate breaks.
func (l *loop) run(ctx context.Context) error {
	iso := l.iso
	defer iso.whileRunning(ctx)()
	var timer *time.Timer
	defer func() {
		if timer != nil {
			timer.Stop()
		}
	}()
	defer l.giveCPU()
	for !l.idle {
		if err := l.takeCPU(ctx); err != nil {
			return err
		}
		d, err := l.callEntry(ctx)
		if err != nil {
			return err
		}
		if len(l.queue) > 0 || d == 0 {
			continue
		}
		if l.idle {
			break
		}
		var tc <-chan time.Time
		if d > 0 {
			if timer == nil {
				timer = time.NewTimer(time.Duration(d) * time.Millisecond)
			} else {
				timer.Reset(time.Duration(d) * time.Millisecond)
			}
			tc = timer.C
		}
		if d < 0 && l.pending == 0 {
			// Nothing can make progress: no timer, no host operation. The worker's promise
			// will never settle (workerd: "The script will never generate a response").
			return errHung
		}
		if l.holding && l.pending > 0 && l.awaitShortly() {
			continue // a host operation completed at once (a body chunk): the slot is kept
		}
		l.giveCPU() // the slot is kept from one call to the next while no wait comes between
		select {
		case ev := <-l.async:
			l.pending--
			l.push(ev)
		case <-tc:
		case <-l.aborted:
			l.aborted = nil
			l.pushJSON(map[string]any{"type": "abort", "id": l.id}, nil)
		case <-ctx.Done():
			return context.Cause(ctx)
		}
		if timer != nil && !timer.Stop() {
			select {
			case <-timer.C:
			default:
			}
		}
	}
	return nil
}

var errLoopOver = errors.New("the request that made this upload is over")

var errHung = errors.New("the worker's promises can never settle: no timer or host operation is pending")
