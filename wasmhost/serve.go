package wasmhost

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"
	"sync"
	"sync/atomic"
	"time"
)

// Serve runs req through the pool's worker and writes the response to w. It returns when the
// response is complete (ctx.waitUntil work may go on in the background, bounded by
// WaitUntilTimeout) or when ctx is done (the client left). The returned error is what the
// client saw: a 5xx sent in place of the response, or, wrapping ErrResponseAborted, a
// response whose body failed after its head was sent, which the edge must abort so that the
// client sees the loss (as Node and workerd do) instead of a short body that looks whole.
func (p *Pool) Serve(ctx context.Context, req *Request, w ResponseWriter) error {
	gw := &guardedWriter{w: w}
	defer gw.detach()
	ticket := p.cpu.ticket() // the request's place in the queue for the CPU: its arrival
	iso, err := p.acquire(ctx)
	if err != nil {
		if ctx.Err() == nil {
			if !errors.Is(err, ErrPoolClosed) {
				err = fmt.Errorf("no isolate available: %w", err)
			}
			p.fail(req, gw, 503, err)
		}
		return err
	}
	id := int(p.nextID.Add(1))
	lctx, cancelCause := context.WithCancelCause(context.Background())
	cancel := func() { cancelCause(nil) }
	untrack := p.track(id, cancelCause)
	var responded atomic.Bool // the deadline is the request's until then, waitUntil's after
	// finished is set, under deadlineMu, when the loop is over: the deadline is stopped for
	// good then, and Serve must not re-arm it for waitUntil work that no longer exists (a
	// re-armed timer would hold the request's state until it fired).
	var deadlineMu sync.Mutex
	finished := false
	deadline := time.AfterFunc(p.cfg.RequestTimeout, func() {
		if responded.Load() {
			cancelCause(fmt.Errorf("%w: ctx.waitUntil work ran past its limit of %v", errLimit, p.cfg.WaitUntilTimeout))
		} else {
			cancelCause(fmt.Errorf("%w: the request ran past its time limit of %v (kitwasm serve --timeout)", errLimit, p.cfg.RequestTimeout))
		}
	})
	l := &loop{
		iso: iso, id: id, req: req, w: gw, fetcher: p.cfg.Fetcher, assets: p.cfg.Assets, ctx: lctx,
		respond: make(chan struct{}), async: make(chan event, 4), done: make(chan struct{}), handles: map[int]io.ReadCloser{},
		lim: newReqLimits(&p.cfg.Limits, cancelCause), cpu: p.cpu, ticket: ticket,
	}
	header, trusted := requestHeaders(req.Header)
	l.pushJSON(&requestEvent{
		Type: "request", ID: id, Method: req.Method, URL: latin1(req.URL),
		Headers: header, HasBody: req.Body != nil, Client: req.ClientAddress, Trusted: trusted, Platform: req.Platform,
	}, nil)
	iso.loop = l
	done := make(chan error, 1)
	aborted := make(chan struct{})
	l.aborted = aborted
	goLoop(func() {
		err := l.run(lctx)
		l.lim.done(req)
		deadlineMu.Lock()
		finished = true
		deadline.Stop()
		deadlineMu.Unlock()
		cancel()
		iso.loop = nil
		l.close(err)
		if err == nil && l.fatal != "" {
			err = fmt.Errorf("%w: %s", ErrIsolateBroken, l.fatal)
		}
		if err != nil && iso.broken == nil {
			// A request that did not finish cleanly leaves promises and state behind.
			iso.broken = fmt.Errorf("%w: %w", ErrIsolateBroken, err)
		}
		if err != nil && l.whole {
			// The client has its whole response; what failed after it (waitUntil work past
			// its limit, a trap) is reported here, since Serve has returned.
			p.report(req, fmt.Errorf("after the response was sent: %w", err))
		}
		iso.served++
		p.release(iso)
		untrack()
		done <- err
	})
	select {
	case <-l.respond:
	case <-ctx.Done():
		close(aborted)
		return ctx.Err()
	}
	if !gw.sentHead() {
		// The loop ended without a response: the worker failed or ran out of time.
		err := <-done
		if err == nil {
			err = errors.New("the worker finished without a response")
		}
		p.fail(req, gw, statusFor(err), err)
		return err
	}
	// respond is closed after the loop set complete, bodyErr, writeErr and runErr.
	if !l.whole {
		if err := gw.err(); err != nil {
			return err // the client went away: there is nobody to tell
		}
		cause := l.bodyErr
		if cause == nil {
			cause = l.runErr // the loop stopped mid-body: a time limit, a hang, a trap
		}
		if cause == nil {
			cause = errors.New("the response body ended early")
		}
		err := fmt.Errorf("%w: %w", ErrResponseAborted, cause)
		p.report(req, err)
		return err
	}
	// Headers and body are out; waitUntil work, if the loop still runs, has its own budget.
	deadlineMu.Lock()
	if !finished {
		responded.Store(true)
		deadline.Reset(p.cfg.WaitUntilTimeout)
	}
	deadlineMu.Unlock()
	return gw.err()
}

// Loop runners: a request's loop runs on a goroutine that afterwards waits up to runnerIdle for
// the next request's loop. A fresh goroutine's stack grows, by copying, to the depth of
// wazero's calls into the host on every request (~4% of a trivial request's CPU).
const runnerIdle = time.Second

var loopWork = make(chan func()) // unbuffered: a send succeeds only if a runner is waiting

// goLoop runs f on an idle runner, or on a new one.
func goLoop(f func()) {
	select {
	case loopWork <- f:
	default:
		go runner(f)
	}
}

func runner(f func()) {
	idle := time.NewTimer(runnerIdle)
	defer idle.Stop()
	for {
		f()
		f = nil
		idle.Reset(runnerIdle)
		select {
		case f = <-loopWork:
		case <-idle.C:
			return
		}
	}
}

// requestEvent is the request event for JavaScript (a struct: it marshals faster than a map).
type requestEvent struct {
	Type    string      `json:"type"`
	ID      int         `json:"id"`
	Method  string      `json:"method"`
	URL     string      `json:"url"`
	Headers [][2]string `json:"headers"`
	HasBody bool        `json:"hasBody"`
	Client  string      `json:"client"`
	// Trusted: every name is a lowercase token and every value is normalized (no NUL, CR or
	// LF; no whitespace at either end): the Web layer takes them without checking them again.
	Trusted bool `json:"trusted"`
	// Platform is Request.Platform (omitted when none).
	Platform json.RawMessage `json:"platform,omitempty"`
}

// requestHeaders converts a request's headers for JavaScript (latin1) and checks them as the
// Headers class would, which costs far less here: a request from the edge always passes.
func requestHeaders(h [][2]string) ([][2]string, bool) {
	out := latin1Headers(h)
	trusted := true
	for i := range out {
		name, value := out[i][0], out[i][1]
		if !isToken(name) || !normalValue(value) {
			trusted = false
			break
		}
		out[i][0] = strings.ToLower(name)
	}
	if !trusted {
		return latin1Headers(h), false // as given: the Web layer checks (and refuses) them
	}
	return out, true
}

func isToken(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !('a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || strings.IndexByte("!#$%&'*+-.^_`|~", c) >= 0) {
			return false
		}
	}
	return true
}

// normalValue: a header value as Headers stores it (no NUL, CR or LF; no HTTP whitespace at
// either end).
func normalValue(s string) bool {
	if s != "" && (isHTTPSpace(s[0]) || isHTTPSpace(s[len(s)-1])) {
		return false
	}
	return strings.IndexAny(s, "\x00\r\n") < 0
}

func isHTTPSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\r' || c == '\n' }

// ErrResponseAborted is wrapped by Serve's error when a response failed after its head was
// sent: the edge must abort the response (close the connection, reset the stream).
var ErrResponseAborted = errors.New("response aborted after its head was sent")

// statusFor chooses the status a client sees when a request fails inside the runtime:
// 503 for exceeded limits (as Workers answer "exceeded resource limits"), else 500.
func statusFor(err error) int {
	if errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) || errors.Is(err, errLimit) ||
		errors.Is(err, errShutdown) || errors.Is(err, ErrPoolClosed) {
		return 503
	}
	return 500
}

var errLimit = errors.New("resource limit exceeded")

// report tells OnError (or the log) about a failure a client saw or that happened after it
// was answered.
func (p *Pool) report(req *Request, err error) {
	if p.cfg.OnError != nil {
		p.cfg.OnError(req, err)
	} else {
		p.eng.cfg.Console(3, fmt.Sprintf("kitwasm: %s %s: %v", req.Method, req.URL, err))
	}
}

func (p *Pool) fail(req *Request, gw *guardedWriter, status int, err error) {
	p.report(req, err)
	status, h, body := failResponse(&p.cfg.Limits, status, err)
	if gw.WriteHead(status, statusText(status), h, int64(len(body))) == nil {
		gw.Write(body)
	}
}

// guardedWriter lets the loop's goroutine write only while Serve has not returned, and only
// one head.
type guardedWriter struct {
	mu       sync.Mutex
	w        ResponseWriter
	headSent bool
	detached bool
	failed   error
}

var errDetached = errors.New("client is gone")

func (g *guardedWriter) WriteHead(status int, text string, h [][2]string, length int64) error {
	g.mu.Lock()
	defer g.mu.Unlock()
	if g.detached || g.headSent {
		return errDetached
	}
	g.headSent = true
	if err := g.w.WriteHead(status, text, h, length); err != nil {
		g.failed = err
		return err
	}
	return nil
}

func (g *guardedWriter) Write(b []byte) error {
	g.mu.Lock()
	defer g.mu.Unlock()
	if g.detached || !g.headSent {
		return errDetached
	}
	if g.failed != nil {
		return g.failed
	}
	if err := g.w.Write(b); err != nil {
		g.failed = err
		return err
	}
	return nil
}

func (g *guardedWriter) sentHead() bool {
	g.mu.Lock()
	defer g.mu.Unlock()
	return g.headSent
}

func (g *guardedWriter) detach() {
	g.mu.Lock()
	g.detached = true
	g.mu.Unlock()
}

func (g *guardedWriter) err() error {
	g.mu.Lock()
	defer g.mu.Unlock()
	return g.failed
}
