package wasmhost

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"regexp"
	"runtime"
	"sync"
	"sync/atomic"
	"time"

	"github.com/kitwasm/kitwasm/internal/sourcemap"
)

// Worker is a module worker compiled to QuickJS bytecode: an ES module whose default export
// has a fetch(request, env, ctx) method. Compile once, instantiate in many isolates.
type Worker struct {
	Name      string
	bytecode  []byte
	sum       func() string // the bytecode's hash for snapshot keys, taken on the side
	srcmap    *sourcemap.Map
	positions *regexp.Regexp // Name:line:col, with SetSourceMap
}

// SetSourceMap attaches the bundle's source map (JSON, version 3): positions in the worker
// that console output and logged errors show are then rewritten to the sources'.
func (w *Worker) SetSourceMap(data []byte) error {
	m, err := sourcemap.Parse(data)
	if err != nil {
		return err
	}
	w.srcmap = m
	w.positions = regexp.MustCompile(regexp.QuoteMeta(w.Name) + `:(\d+):(\d+)`)
	return nil
}

// CompileWorker compiles an ES module (already bundled: it may not import anything) into a
// Worker. Syntax errors come back as a *JSError naming the file, line and column.
func (e *Engine) CompileWorker(ctx context.Context, name, source string) (*Worker, error) {
	iso, err := e.newBareIsolate(ctx)
	if err != nil {
		return nil, err
	}
	defer iso.close(ctx)
	bc, err := iso.compile(ctx, name, source, true)
	if err != nil {
		return nil, err
	}
	return newWorker(name, bc), nil
}

// WorkerFromBytecode wraps bytecode produced by Worker.Bytecode in the same engine version.
func WorkerFromBytecode(name string, bc []byte) *Worker { return newWorker(name, bc) }

// newWorker starts hashing bc for the snapshot key while the caller goes on (a kit app's
// bytecode is ~1 MB: ~1-3 ms of a process start that can run beside the engine's compile).
func newWorker(name string, bc []byte) *Worker {
	done := make(chan string, 1)
	go func() {
		sum := sha256.Sum256(bc)
		done <- hex.EncodeToString(sum[:16])
	}()
	return &Worker{Name: name, bytecode: bc, sum: sync.OnceValue(func() string { return <-done })}
}

// Bytecode is the worker's QuickJS bytecode, valid only for this engine build.
func (w *Worker) Bytecode() []byte { return w.bytecode }

// NewIsolate makes an isolate with the Web layer and w evaluated and its init done.
func (e *Engine) NewIsolate(ctx context.Context, w *Worker, env map[string]string) (*Isolate, error) {
	layer, err := e.layerBytecode(ctx)
	if err != nil {
		return nil, fmt.Errorf("web layer: %w", err)
	}
	iso, err := e.newBareIsolate(ctx)
	if err != nil {
		return nil, err
	}
	fail := func(err error) (*Isolate, error) {
		iso.close(ctx)
		return nil, err
	}
	if err := iso.evalBytecode(ctx, layer, false); err != nil {
		return fail(fmt.Errorf("web layer: %w", err))
	}
	if err := iso.prepareEntry(ctx); err != nil {
		return fail(err)
	}
	init := map[string]any{"type": "init", "env": env}
	iso.worker = w
	if w != nil {
		v, err := iso.evalModule(ctx, w.bytecode)
		if err != nil {
			return fail(fmt.Errorf("%s: %w", w.Name, err))
		}
		if err := iso.setGlobal(iso.guestContext(ctx), "__kw_worker_module", v); err != nil {
			return fail(err)
		}
		init["worker"] = w.Name
	}
	defer iso.whileRunning(ctx)()
	l := &loop{iso: iso, ctx: ctx, respond: make(chan struct{}), async: make(chan event, 1), done: make(chan struct{})}
	l.pushJSON(init, nil)
	iso.loop = l
	defer func() { iso.loop = nil }()
	for len(l.queue) > 0 {
		if _, err := iso.callEntry(ctx); err != nil {
			return fail(err)
		}
	}
	if l.fatal != "" {
		return fail(errors.New(l.fatal))
	}
	return iso, nil
}

// evalModule evaluates module bytecode and returns its default export (owned by the caller).
func (iso *Isolate) evalModule(ctx context.Context, bc []byte) (uint64, error) {
	ctx = iso.guestContext(ctx)
	g := iso.g
	p, err := g.alloc(ctx, bc, false)
	if err != nil {
		return 0, err
	}
	defer g.release(ctx, p)
	opts, err := g.call(ctx, g.createEvalOption, 0, uint64(p), uint64(len(bc)), 0, evalModule)
	if err != nil {
		return 0, err
	}
	defer g.release(ctx, uint32(opts))
	v, err := g.call(ctx, g.eval, uint64(iso.jsc), opts)
	if err != nil {
		return 0, iso.fatal(err)
	}
	if tagOf(v) == tagException {
		return 0, iso.takeException(ctx)
	}
	return v, nil
}

// PoolConfig configures a Pool.
type PoolConfig struct {
	Worker *Worker
	// Env is the worker's env (second argument of fetch): string bindings.
	Env map[string]string
	// MaxIsolates bounds concurrent requests (default 4 × GOMAXPROCS); MinIdle isolates are
	// kept ready (default GOMAXPROCS).
	MaxIsolates, MinIdle int
	// Running bounds the isolates that run JavaScript at once (default GOMAXPROCS); the
	// others wait for the CPU in arrival order (cpuslots.go). Isolates waiting for a host
	// operation (a body chunk, a fetch, a timer) or for the client do not count.
	Running int
	// RequestTimeout bounds a request from its start to its last byte (default 30 s);
	// WaitUntilTimeout bounds the ctx.waitUntil work after it (default 30 s).
	RequestTimeout, WaitUntilTimeout time.Duration
	// Fetcher performs outbound fetches; nil makes fetch fail.
	Fetcher Fetcher
	// Assets are the files read() from $app/server may open (a build's server assets).
	Assets fs.FS
	// NoSnapshots makes every isolate by evaluating the Web layer and the worker, instead of
	// restoring a snapshot of the first one (for measurements and tests).
	NoSnapshots bool
	// InitTimeout bounds making an isolate: evaluating the layer and the worker's top level
	// (default 30 s).
	InitTimeout time.Duration
	// OnError is told about failures that a client sees as a 5xx (nil: logged).
	OnError func(req *Request, err error)
	// Limits are a platform's per-request limits (cpu.go; kitwasm serve --target).
	Limits Limits
	// SnapshotFile, if set, persists the snapshot across processes: NewPool restores the
	// first isolate from it when its key (engine, Web layer, worker bytecode, env, memory
	// limit) matches, without evaluating the worker; otherwise it evaluates, logs why a file
	// it found was refused, and writes a new one.
	SnapshotFile string
	// Snapshot, if set, is the bytes of a snapshot file (Pool.WriteSnapshot, SnapshotFile):
	// NewPool restores the first isolate from it instead of evaluating the worker, and fails
	// (the error wraps ErrSnapshotStale and names what differs) when its key (engine, Web
	// layer, worker bytecode, env, memory limit) is not this pool's. For programs without a
	// file system (the Fastly Compute entry embeds the snapshot taken at build time).
	// The bytes must not change while the pool lives.
	Snapshot []byte
	// TrustSnapshot, with Snapshot, checks only the cheap parts of the snapshot's key
	// (format, engine, memory limit), not the hashes of the Web layer, the worker bytecode and
	// the env, which cost tens of milliseconds of CPU in a GOOS=wasip1 program (SHA-256 without
	// assembly: ~50 MB/s on wazero; a kit app's bytecode is ~0.8 MB, the layer ~0.5 MB). Only
	// for a program that embeds the snapshot together with the worker and env it was made of,
	// by one build (the Fastly entry).
	TrustSnapshot bool
	// NoWarm makes isolates on demand only: none are warmed in the background (MinIdle is
	// the first isolate alone), and an isolate discarded after a request (broken, or with
	// IsolationRequest) frees its slot instead of being replaced in the background. For a host
	// with one thread and no preemption (the Fastly entry, GOOS=wasip1), where background work
	// runs unpreempted as soon as the request's goroutine blocks, and an instance's last
	// replacement would be CPU spent for nothing.
	NoWarm bool
	// IdleTimeout lets the pool shrink after a burst: every IdleTimeout, isolates beyond
	// the most that were busy at once in the last two periods (and at least MinIdle) are
	// closed, idle ones only, so that their memory goes back. Default 30 s; negative: the
	// pool keeps every isolate it made. Not with NoWarm (one instance, one request).
	IdleTimeout time.Duration
	// Isolation says whether isolates serve many requests (IsolationReuse, the default, as
	// on Workers) or one each (IsolationRequest, as on Fastly Compute).
	Isolation Isolation
}

// Isolation is what requests share.
type Isolation int

const (
	// IsolationReuse: an isolate serves one request after another; JavaScript state (globals,
	// caches) persists between them.
	IsolationReuse Isolation = iota
	// IsolationRequest: every request gets a fresh isolate, restored from the snapshot taken
	// right after init, which is discarded after the request and its ctx.waitUntil work:
	// nothing a request does is seen by another.
	IsolationRequest
)

// ParseIsolation reads "reuse" or "request" (kitwasm serve --isolation).
func ParseIsolation(s string) (Isolation, error) {
	switch s {
	case "reuse", "":
		return IsolationReuse, nil
	case "request":
		return IsolationRequest, nil
	}
	return 0, fmt.Errorf("isolation %q: want reuse (isolates serve many requests) or request (a fresh isolate per request)", s)
}

func (i Isolation) String() string {
	if i == IsolationRequest {
		return "request"
	}
	return "reuse"
}

// Pool serves requests from pre-initialised isolates of one worker. Safe for concurrent use.
//
// Every isolate holds a slot (a token in sem) from the moment it is being made until it is
// closed, whether it is idle, serving or being warmed; Shutdown waits for all slots to come
// back.
type Pool struct {
	eng  *Engine
	cfg  PoolConfig
	idle chan *Isolate
	sem  chan struct{} // one token per live-or-creatable isolate slot
	cpu  *cpuSlots     // isolates running JavaScript (PoolConfig.Running)

	snap    *Snapshot // of the first isolate; nil with NoSnapshots
	start   string    // how the first isolate was made, for the start-up log
	nextID  atomic.Int64
	created atomic.Int64
	busy    atomic.Int64 // isolates acquired and not released
	peak    atomic.Int64 // the most busy at once since the reaper's last period began
	retired atomic.Int64 // isolates the reaper closed

	mu       sync.Mutex
	closed   bool
	closing  chan struct{}      // closed when Shutdown starts
	stopWarm context.CancelFunc // cancels warm-ups in progress at Shutdown
	warmCtx  context.Context
	changed  chan struct{}                   // a slot was given back (Shutdown waits on it)
	inflight map[int]context.CancelCauseFunc // requests in flight, to stop after the grace period

	newIsolateHook func() error // tests: fail making isolates
}

// ErrPoolClosed is returned for requests that arrive after Shutdown began.
var ErrPoolClosed = errors.New("the server is shutting down")

// errShutdown stops requests still running when Shutdown's grace period ends.
var errShutdown = errors.New("the server shut down before the request finished")

// NewPool creates the first isolate (reporting its errors) and warms MinIdle more in the
// background.
func NewPool(ctx context.Context, eng *Engine, cfg PoolConfig) (*Pool, error) {
	if cfg.MaxIsolates <= 0 {
		cfg.MaxIsolates = 4 * runtime.GOMAXPROCS(0)
	}
	if cfg.MinIdle <= 0 {
		cfg.MinIdle = runtime.GOMAXPROCS(0)
	}
	cfg.MinIdle = min(cfg.MinIdle, cfg.MaxIsolates)
	if cfg.Running <= 0 {
		cfg.Running = runtime.GOMAXPROCS(0)
	}
	if cfg.RequestTimeout <= 0 {
		cfg.RequestTimeout = 30 * time.Second
	}
	if cfg.WaitUntilTimeout <= 0 {
		cfg.WaitUntilTimeout = 30 * time.Second
	}
	if cfg.InitTimeout <= 0 {
		cfg.InitTimeout = 30 * time.Second
	}
	if cfg.IdleTimeout == 0 {
		cfg.IdleTimeout = 30 * time.Second
	}
	p := &Pool{
		eng: eng, cfg: cfg, idle: make(chan *Isolate, cfg.MaxIsolates), sem: make(chan struct{}, cfg.MaxIsolates),
		cpu:     newCPUSlots(cfg.Running),
		closing: make(chan struct{}), changed: make(chan struct{}, 1), inflight: map[int]context.CancelCauseFunc{},
	}
	p.warmCtx, p.stopWarm = context.WithCancel(context.Background())
	var iso *Isolate
	var err error
	if cfg.Snapshot != nil {
		if cfg.NoSnapshots {
			return nil, errors.New("PoolConfig: Snapshot and NoSnapshots together")
		}
		want := SnapshotKey{}
		if cfg.TrustSnapshot {
			want = eng.cheapSnapshotKey(cfg.Snapshot)
		} else {
			want = eng.SnapshotKey(cfg.Worker, cfg.Env)
		}
		if p.snap, err = eng.ReadSnapshot(cfg.Snapshot, cfg.Worker, want); err != nil {
			p.stopWarm()
			return nil, err
		}
		if iso, err = p.newIsolate(ctx); err != nil {
			p.stopWarm()
			return nil, fmt.Errorf("restore the snapshot: %w", err)
		}
		p.start = "restored from the snapshot given"
	} else if !cfg.NoSnapshots && cfg.SnapshotFile != "" {
		iso = p.restoreFile(ctx)
	}
	if iso == nil {
		if iso, err = p.newIsolate(ctx); err != nil {
			p.stopWarm()
			return nil, err
		}
		p.start = "evaluated"
		if !cfg.NoSnapshots {
			if p.snap, err = iso.Snapshot(); err != nil {
				iso.Close()
				p.stopWarm()
				return nil, fmt.Errorf("snapshot: %w", err)
			}
			if cfg.SnapshotFile != "" {
				if err := p.snap.WriteFile(cfg.SnapshotFile, eng.SnapshotKey(cfg.Worker, cfg.Env)); err != nil {
					eng.cfg.Console(2, fmt.Sprintf("kitwasm: cannot save the snapshot (the next start evaluates the app again): %v", err))
				} else {
					p.start = "evaluated, snapshot saved to " + cfg.SnapshotFile
				}
			}
		}
	}
	p.sem <- struct{}{}
	p.idle <- iso
	for i := 1; i < cfg.MinIdle && !cfg.NoWarm; i++ {
		p.sem <- struct{}{}
		p.warm()
	}
	if cfg.IdleTimeout > 0 && !cfg.NoWarm {
		go p.reap(cfg.IdleTimeout)
	}
	return p, nil
}

// restoreFile makes the first isolate from cfg.SnapshotFile, or returns nil (a refused file
// is logged with the reason).
func (p *Pool) restoreFile(ctx context.Context) *Isolate {
	path := p.cfg.SnapshotFile
	snap, err := p.eng.ReadSnapshotFile(path, p.cfg.Worker, p.eng.SnapshotKey(p.cfg.Worker, p.cfg.Env))
	if err == nil {
		p.snap = snap
		iso, rerr := p.newIsolate(ctx)
		if rerr == nil {
			p.start = "restored from " + path
			return iso
		}
		p.snap, err = nil, rerr
	}
	if !errors.Is(err, fs.ErrNotExist) {
		p.eng.cfg.Console(2, fmt.Sprintf("kitwasm: snapshot refused, evaluating the app and saving a new one: %v", err))
	}
	return nil
}

// WriteSnapshot writes the pool's snapshot (of its first isolate, right after init) in the
// snapshot file format, keyed by the pool's engine, Web layer, worker, env and memory limit:
// what PoolConfig.Snapshot takes. A build step writes it with the wazero engine (NewEngine)
// for a program that restores it on another backend (wasmhost/translated).
func (p *Pool) WriteSnapshot(w io.Writer) error {
	if p.snap == nil {
		return errors.New("the pool has no snapshot (PoolConfig.NoSnapshots)")
	}
	return p.snap.Encode(w, p.eng.SnapshotKey(p.cfg.Worker, p.cfg.Env))
}

// StartedFrom says how the pool's first isolate was made: evaluated (and whether the snapshot
// was saved), or restored from a snapshot file.
func (p *Pool) StartedFrom() string { return p.start }

func (p *Pool) newIsolate(ctx context.Context) (*Isolate, error) {
	ctx, cancel := context.WithTimeout(ctx, p.cfg.InitTimeout)
	defer cancel()
	if hook := p.hook(); hook != nil {
		if err := hook(); err != nil {
			return nil, err
		}
	}
	var iso *Isolate
	var err error
	if p.snap != nil {
		iso, err = p.eng.Restore(ctx, p.snap)
	} else {
		iso, err = p.eng.NewIsolate(ctx, p.cfg.Worker, p.cfg.Env)
	}
	if err == nil {
		p.created.Add(1)
	}
	return iso, err
}

// acquire takes an idle isolate, or makes one if below MaxIsolates, or waits.
func (p *Pool) acquire(ctx context.Context) (*Isolate, error) {
	iso, err := p.take(ctx)
	if err == nil {
		n := p.busy.Add(1)
		for {
			peak := p.peak.Load()
			if n <= peak || p.peak.CompareAndSwap(peak, n) {
				break
			}
		}
	}
	return iso, err
}

func (p *Pool) take(ctx context.Context) (*Isolate, error) {
	if p.isClosed() {
		return nil, ErrPoolClosed
	}
	select {
	case iso := <-p.idle:
		return iso, nil
	default:
	}
	select {
	case iso := <-p.idle:
		return iso, nil
	case p.sem <- struct{}{}:
		if p.isClosed() {
			// Shutdown may already have counted the slots: give this one back at once.
			p.freeSlot()
			return nil, ErrPoolClosed
		}
		iso, err := p.newIsolate(ctx)
		if err != nil {
			p.freeSlot()
			return nil, err
		}
		return iso, nil
	case <-p.closing:
		return nil, ErrPoolClosed
	case <-ctx.Done():
		return nil, ctx.Err()
	}
}

func (p *Pool) isClosed() bool {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.closed
}

func (p *Pool) hook() func() error {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.newIsolateHook
}

// putIdle makes iso idle unless the pool is shutting down (then the caller closes it).
func (p *Pool) putIdle(iso *Isolate) bool {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.closed {
		return false
	}
	p.idle <- iso // never blocks: idle holds MaxIsolates, and so many slots exist
	return true
}

// freeSlot gives back the slot of an isolate that was closed or never made.
func (p *Pool) freeSlot() {
	<-p.sem
	select {
	case p.changed <- struct{}{}:
	default:
	}
}

// release returns a healthy isolate to the pool, or discards a broken one (its slot goes to
// a replacement made in the background, so that the pool stays warm).
//
// With IsolationRequest every isolate is discarded after one request: its replacement is
// restored in the background while the pool's other idle isolates take the next requests.
func (p *Pool) release(iso *Isolate) {
	p.busy.Add(-1)
	if iso.broken == nil && (p.cfg.Isolation != IsolationRequest || iso.served == 0) && p.putIdle(iso) {
		return
	}
	iso.Close()
	if p.isClosed() || p.cfg.NoWarm {
		p.freeSlot()
		return
	}
	p.warm()
}

// warm makes an isolate in the background for a slot already taken in sem and puts it idle.
// A failure is logged and retried with backoff (from 50 ms, doubling up to 10 s) until it
// succeeds or the pool shuts down: the first isolate was made, so failures here are
// transient (memory), and a slot given up would shrink the pool for good.
func (p *Pool) warm() {
	go func() {
		backoff := 50 * time.Millisecond
		for attempt := 1; ; attempt++ {
			iso, err := p.newIsolate(p.warmCtx)
			if err == nil {
				if !p.putIdle(iso) {
					iso.Close()
					p.freeSlot()
				}
				return
			}
			if p.isClosed() {
				p.freeSlot()
				return
			}
			p.eng.cfg.Console(3, fmt.Sprintf("kitwasm: making an isolate failed (attempt %d, next in %v): %v", attempt, backoff, err))
			t := time.NewTimer(backoff)
			select {
			case <-t.C:
			case <-p.closing:
				t.Stop()
				p.freeSlot()
				return
			}
			backoff = min(2*backoff, 10*time.Second)
		}
	}()
}

// reap closes idle isolates that recent traffic did not need, every period until Shutdown:
// the pool keeps as many as were busy at once in the last two periods, and at least MinIdle.
func (p *Pool) reap(period time.Duration) {
	t := time.NewTicker(period)
	defer t.Stop()
	var prev int64
	for {
		select {
		case <-t.C:
		case <-p.closing:
			return
		}
		cur := p.peak.Swap(p.busy.Load())
		keep := max(cur, prev, int64(p.cfg.MinIdle))
		prev = cur
		n := 0
	trim:
		for int64(len(p.sem)) > keep {
			select {
			case iso := <-p.idle:
				iso.Close()
				p.freeSlot()
				p.retired.Add(1)
				n++
			default:
				break trim // the rest are busy or being made
			}
		}
		if n > 0 && p.eng.mem != nil {
			// Closing recycled their memories for the next restores: these are not needed.
			p.eng.mem.trim(n)
		}
	}
}

// Retired counts the isolates closed because the pool shrank (PoolConfig.IdleTimeout).
func (p *Pool) Retired() int64 { return p.retired.Load() }

// Acquire returns an idle isolate for direct use (tests, benchmarks); give it back with
// Release.
func (p *Pool) Acquire(ctx context.Context) (*Isolate, error) { return p.acquire(ctx) }

// Release gives back an isolate from Acquire.
func (p *Pool) Release(iso *Isolate) { p.release(iso) }

// Created counts the isolates made so far, replacements included.
func (p *Pool) Created() int64 { return p.created.Load() }

// Shutdown stops the pool: new requests get ErrPoolClosed (a 503), requests in flight and
// their ctx.waitUntil work go on until ctx is done, then they are stopped (their clients see
// a 503, or an aborted body). It returns when every isolate is closed: a non-nil error says
// that some requests had to be stopped.
func (p *Pool) Shutdown(ctx context.Context) error {
	p.mu.Lock()
	if !p.closed {
		p.closed = true
		close(p.closing)
		p.stopWarm()
	}
	p.mu.Unlock()
	var err error
	grace := ctx.Done()
	for {
		// Nothing becomes idle any more (putIdle refuses): close what is.
	drain:
		for {
			select {
			case iso := <-p.idle:
				iso.Close()
				p.freeSlot()
			default:
				break drain
			}
		}
		if len(p.sem) == 0 {
			return err
		}
		select {
		case <-p.changed:
		case <-grace:
			grace = nil
			p.mu.Lock()
			n := len(p.inflight)
			for _, stop := range p.inflight {
				stop(errShutdown)
			}
			p.mu.Unlock()
			if n > 0 {
				err = fmt.Errorf("%d requests were still running when the grace period ended: %w", n, ctx.Err())
			}
		}
	}
}

// Close shuts the pool down, waiting for requests in flight (each is bounded by its own time
// limits: RequestTimeout, then WaitUntilTimeout).
func (p *Pool) Close() { p.Shutdown(context.Background()) }

// track registers a request's cancel function for Shutdown; the returned func unregisters it.
func (p *Pool) track(id int, stop context.CancelCauseFunc) (untrack func()) {
	p.mu.Lock()
	p.inflight[id] = stop
	p.mu.Unlock()
	return func() {
		p.mu.Lock()
		delete(p.inflight, id)
		p.mu.Unlock()
	}
}
