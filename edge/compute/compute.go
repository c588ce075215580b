// Package compute emulates Fastly Compute locally: it runs a Compute
// program (a wasip1 module built on github.com/fastly/compute-sdk-go) in
// wazero with a Go implementation of the Compute host functions the SDK
// imports, one fresh module instance per request as on Compute, and exposes
// it as a net/http handler. It plays the part Fastly's Viceroy plays for
// `fastly compute serve`.
//
// What is implemented (the hostcalls an HTTP request/response cycle needs):
// the downstream request (method, URI, version, headers, streaming body,
// client and server IP, TLS facts when served over TLS), responses (status,
// headers, streaming bodies through send_downstream), bodies (read, write,
// append, close, known_length), backend requests (send_v3, send_async*,
// pending_req_poll_v2/wait_v2) to the backends named in Options.Backends
// only, log endpoints (written to Options.Log), geolocation (a fixed local
// answer, see LocalGeo), config stores and dictionaries (Options.Config), KV
// stores (Options.KVStores, in memory: lookup, insert with its modes,
// metadata and generation match, delete, list) and fastly_abi.init. Every other import of a fastly_* module resolves to a stub
// that answers FastlyStatus Unsupported (5) and logs one line naming it, so
// a program always instantiates and an unimplemented call never crashes the
// server.
//
// Limits (https://docs.fastly.com/products/compute-resource-limits, read
// 2026-12-05 through adapter/targets.json): CPU time per request (50 ms:
// the CPU time of the OS thread the instance runs on while the program
// runs, from its entry to its end, not counting time it waits for the
// client, a backend or a timer; past it the instance is stopped and the
// request answers 503 if no response was sent, see Options.CPUTime),
// wall-clock time per request (2 min, 503 when no response was sent), heap
// (128 MiB: wazero's memory limit, the program traps when it grows past
// it) and backend requests per execution (32: the 33rd send answers
// FastlyStatus LimitExceeded). The 1 MB stack is not enforced: wazero has
// no setting that bounds a module's native call stack (its compiler grows
// the stack it keeps per call engine as needed), and a Go program's own
// goroutine stacks live in its linear memory, counted by the heap limit.
package compute

import (
	"bytes"
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"strings"
	"sync"
	"time"

	"github.com/kitwasm/kitwasm/internal/threadcpu"
	"github.com/tetratelabs/wazero"
	"github.com/tetratelabs/wazero/api"
	"github.com/tetratelabs/wazero/experimental"
	"github.com/tetratelabs/wazero/imports/wasi_snapshot_preview1"
	"github.com/tetratelabs/wazero/sys"
)

// FastlyStatus values from compute-sdk-go's witx ($fastly_status).
const (
	statusOK            = 0
	statusError         = 1
	statusInval         = 2
	statusBadf          = 3
	statusBufLen        = 4
	statusUnsupported   = 5
	statusNone          = 10
	statusLimitExceeded = 13
)

// Compute's limits, as adapter/targets.json's fastly entry lists them
// (paid plan).
const (
	DefaultCPUTime            = 50 * time.Millisecond
	DefaultWallTime           = 2 * time.Minute
	DefaultMemoryLimit        = 128 << 20
	DefaultMaxBackendRequests = 32
)

// Options configures the emulator. The zero value serves a program with no
// backends, no config stores, logs to os.Stderr and Compute's limits.
type Options struct {
	// Backends maps a backend name, as the program passes it to Send, to
	// the base URL the emulator sends to ("http://127.0.0.1:8080"). The
	// request keeps the program's path and query and its Host; only the
	// scheme and address come from the base URL. A name not listed here
	// answers FastlyStatus Inval (the SDK's ErrBackendNotFound): the map is
	// the allow-list.
	Backends map[string]string
	// Transport carries backend requests (http.DefaultTransport if nil).
	Transport http.RoundTripper
	// Config holds config stores and dictionaries by name (both APIs read
	// the same map).
	Config map[string]map[string]string
	// KVStores holds KV stores by name (NewKVStore); the program's
	// changes persist in them across requests, as on Compute.
	KVStores map[string]*KVStore
	// Geo answers fastly_geo.lookup (LocalGeo if nil).
	Geo func(ip net.IP) []byte
	// Log receives log endpoint writes, the program's stdout and stderr and
	// the emulator's own lines (os.Stderr if nil).
	Log io.Writer
	// WallTime, MemoryLimit and MaxBackendRequests override Compute's
	// limits when non-zero.
	WallTime time.Duration
	// CPUTime is the CPU time limit per request: DefaultCPUTime if zero,
	// none if negative. It is the CPU time of the thread the instance runs
	// on (the handler's goroutine is locked to its thread while the
	// program runs) from the program's entry until it ends; instantiation
	// is not counted (Compute prepares instances ahead of the request). On
	// systems other than Linux it is wall time.
	CPUTime            time.Duration
	MemoryLimit        uint64
	MaxBackendRequests int
	// Env adds variables to the program's environment, beside the
	// FASTLY_* ones the emulator sets (Compute has no way to set any: this
	// is for local switches such as a program's tracing).
	Env map[string]string
	// Observe, if set, is called after each request with its timings.
	Observe func(Stats)
	// CompilationCache, if set, keeps the compiled program across
	// handlers (wazero.NewCompilationCache or a directory cache).
	CompilationCache wazero.CompilationCache
}

// Stats are one request's timings.
type Stats struct {
	// Method and URI are the downstream request's; Status is the
	// response's (0 if none was sent by the program).
	Method, URI string
	Status      int
	// Instantiate is the time to instantiate the compiled module (until
	// the program starts running).
	Instantiate time.Duration
	// Response is the time from the start of instantiation until the
	// program sent its response head downstream (zero if it never did).
	Response time.Duration
	// Total is the time until the instance finished.
	Total time.Duration
	// BackendRequests counts the program's backend requests.
	BackendRequests int
	// CPU is the CPU time the program used (see Options.CPUTime), and
	// CPUExceeded says it was stopped for going over the limit.
	CPU         time.Duration
	CPUExceeded bool
}

// LocalGeo is the fixed answer of fastly_geo.lookup under emulation: every
// address is "somewhere local", with country code ZZ (ISO 3166's
// user-assigned "unknown") and zero coordinates, so a program can tell it is
// not running on Compute. The JSON keys are those compute-sdk-go's geo.Geo
// reads.
func LocalGeo(ip net.IP) []byte {
	return []byte(`{"as_name":"kitwasm local emulation","as_number":0,"area_code":0,"city":"local","conn_speed":"broadband","conn_type":"wired","continent":"","country_code":"ZZ","country_code3":"ZZZ","country_name":"local emulation","latitude":0,"longitude":0,"metro_code":0,"postal_code":"","proxy_description":"","proxy_type":"","region":"","utc_offset":0}`)
}

// Handler runs a Compute program for each request.
type Handler struct {
	opts     Options
	runtime  wazero.Runtime
	compiled wazero.CompiledModule
	logMu    sync.Mutex
	stubbed  sync.Map // unimplemented hostcalls already logged
}

// NewHandler compiles wasm once and prepares the host modules. Every
// fastly_* import the program declares resolves (unimplemented ones to a
// stub answering Unsupported); an import from any other module is an error.
func NewHandler(wasm []byte, opts Options) (*Handler, error) {
	if opts.Log == nil {
		opts.Log = os.Stderr
	}
	if opts.Transport == nil {
		// Compute passes bodies on as the backend sent them (unless the
		// program asks for decompression): no transparent gzip.
		t := http.DefaultTransport.(*http.Transport).Clone()
		t.DisableCompression = true
		opts.Transport = t
	}
	if opts.Geo == nil {
		opts.Geo = LocalGeo
	}
	if opts.WallTime == 0 {
		opts.WallTime = DefaultWallTime
	}
	if opts.CPUTime == 0 {
		opts.CPUTime = DefaultCPUTime
	}
	if opts.MemoryLimit == 0 {
		opts.MemoryLimit = DefaultMemoryLimit
	}
	if opts.MaxBackendRequests == 0 {
		opts.MaxBackendRequests = DefaultMaxBackendRequests
	}
	ctx := context.Background()
	pages := uint32(opts.MemoryLimit / 65536)
	rc := wazero.NewRuntimeConfig().
		WithMemoryLimitPages(pages).
		WithCloseOnContextDone(true)
	if opts.CompilationCache != nil {
		rc = rc.WithCompilationCache(opts.CompilationCache)
	}
	rt := wazero.NewRuntimeWithConfig(ctx, rc)
	h := &Handler{opts: opts, runtime: rt}
	compiled, err := rt.CompileModule(ctx, wasm)
	if err != nil {
		rt.Close(ctx)
		return nil, fmt.Errorf("compute: compile the program: %w", err)
	}
	h.compiled = compiled
	if _, err := wasi_snapshot_preview1.Instantiate(ctx, rt); err != nil {
		rt.Close(ctx)
		return nil, err
	}
	builders := map[string]wazero.HostModuleBuilder{}
	seen := map[string]bool{}
	for _, f := range compiled.ImportedFunctions() {
		mod, name, _ := f.Import()
		if mod == wasi_snapshot_preview1.ModuleName {
			continue
		}
		if !strings.HasPrefix(mod, "fastly") {
			rt.Close(ctx)
			return nil, fmt.Errorf("compute: the program imports %s.%s: Compute offers only its fastly_* host modules and %s", mod, name, wasi_snapshot_preview1.ModuleName)
		}
		key := mod + "." + name
		if seen[key] {
			continue
		}
		seen[key] = true
		b := builders[mod]
		if b == nil {
			b = rt.NewHostModuleBuilder(mod)
			builders[mod] = b
		}
		impl := hostcalls[key]
		params, results := f.ParamTypes(), f.ResultTypes()
		if impl != nil && (len(results) != 1 || results[0] != api.ValueTypeI32) {
			impl = nil
		}
		b.NewFunctionBuilder().WithGoModuleFunction(h.hostFunc(key, impl, params, len(results)), params, results).Export(name)
	}
	for mod, b := range builders {
		if _, err := b.Instantiate(ctx); err != nil {
			rt.Close(ctx)
			return nil, fmt.Errorf("compute: host module %s: %w", mod, err)
		}
	}
	return h, nil
}

// Close releases the compiled program.
func (h *Handler) Close() error { return h.runtime.Close(context.Background()) }

type hostcall func(s *state, m api.Memory, p []uint64) uint32

func (h *Handler) hostFunc(key string, impl hostcall, params []api.ValueType, nresults int) api.GoModuleFunc {
	return func(ctx context.Context, mod api.Module, stack []uint64) {
		// An i32 argument's upper 32 bits are undefined.
		for i, t := range params {
			if t == api.ValueTypeI32 {
				stack[i] = uint64(uint32(stack[i]))
			}
		}
		s, _ := ctx.Value(stateKey{}).(*state)
		if impl == nil || s == nil {
			if _, logged := h.stubbed.LoadOrStore(key, true); !logged {
				h.logf("fastly compute emulation: hostcall %s is not implemented: answering FastlyStatus Unsupported (%d)", key, statusUnsupported)
			}
			for i := 0; i < nresults; i++ {
				stack[i] = 0
			}
			if nresults > 0 {
				stack[0] = statusUnsupported
			}
			return
		}
		stack[0] = uint64(impl(s, mod.Memory(), stack))
	}
}

func (h *Handler) logf(format string, args ...any) {
	h.logMu.Lock()
	defer h.logMu.Unlock()
	fmt.Fprintf(h.opts.Log, format+"\n", args...)
}

type lockedWriter struct {
	h      *Handler
	prefix string
}

func (w lockedWriter) Write(p []byte) (int, error) {
	w.h.logMu.Lock()
	defer w.h.logMu.Unlock()
	if w.prefix != "" {
		io.WriteString(w.h.opts.Log, w.prefix)
	}
	return w.h.opts.Log.Write(p)
}

type stateKey struct{}

// ServeHTTP runs a fresh instance of the program for r. It returns once the
// response is complete (the program sent a whole body, or closed the
// streaming one), so that the client has it, while the instance goes on to
// its end, as on Compute.
func (h *Handler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	s := newState(h, w, r)
	done := make(chan struct{})
	go func() {
		defer close(done)
		h.execute(s)
	}()
	select {
	case <-done:
	case <-s.responded:
	}
}

// execute runs the instance for s.
func (h *Handler) execute(s *state) {
	w, r := s.w, s.r
	start := time.Now()
	// The instance runs to its end (or a limit) whether or not the client
	// stays: on Compute a program's work after the response (kitwasm's
	// ctx.waitUntil) goes on after the client has gone.
	ctx, cancel := context.WithTimeout(context.WithoutCancel(r.Context()), h.opts.WallTime)
	defer cancel()
	ctx, cancelCause := context.WithCancelCause(ctx)
	defer cancelCause(nil)
	s.ctx = ctx
	defer s.release()
	ctx = context.WithValue(ctx, stateKey{}, s)
	cfg := wazero.NewModuleConfig().
		WithName("").
		WithArgs("main.wasm").
		// Compute's environment variables, with local values a program
		// can tell from a POP's (the SDKs' compute-runtime functions
		// read them).
		WithEnv("FASTLY_CACHE_GENERATION", "0").
		WithEnv("FASTLY_CUSTOMER_ID", "local").
		WithEnv("FASTLY_HOSTNAME", "localhost").
		WithEnv("FASTLY_IS_STAGING", "0").
		WithEnv("FASTLY_POP", "LOCAL").
		WithEnv("FASTLY_REGION", "local").
		WithEnv("FASTLY_SERVICE_ID", "local").
		WithEnv("FASTLY_SERVICE_VERSION", "0").
		WithEnv("FASTLY_TRACE_ID", randomHex()).
		WithStdout(lockedWriter{h, ""}).
		WithStderr(lockedWriter{h, ""}).
		WithSysWalltime().WithSysNanotime().WithSysNanosleep().
		WithRandSource(rand.Reader).
		WithStartFunctions()
	for k, v := range h.opts.Env {
		cfg = cfg.WithEnv(k, v)
	}
	mod, err := h.runtime.InstantiateModule(experimental.WithMemoryAllocator(ctx, experimental.MemoryAllocatorFunc(newLinearMemory)), h.compiled, cfg)
	s.instantiated = time.Since(start)
	s.start = start
	var cpu time.Duration
	if err == nil {
		cpu, err = h.run(ctx, cancelCause, mod)
		mod.Close(context.Background())
	}
	var exit *sys.ExitError
	if errors.As(err, &exit) && exit.ExitCode() == 0 {
		err = nil
	}
	s.finish()
	overCPU := errors.Is(context.Cause(ctx), errCPUTime)
	switch {
	case err != nil && overCPU:
		h.logf("fastly compute emulation: %s %s: the program exceeded the CPU time limit of %s (%s used)", r.Method, r.URL, h.opts.CPUTime, cpu.Round(100*time.Microsecond))
		if !s.sent {
			http.Error(w, "Fastly Compute emulation: the program exceeded the CPU time limit", http.StatusServiceUnavailable)
		}
	case err != nil && ctx.Err() != nil:
		h.logf("fastly compute emulation: %s %s: the program exceeded the wall-clock limit of %s", r.Method, r.URL, h.opts.WallTime)
		if !s.sent {
			http.Error(w, "Fastly Compute emulation: the program exceeded the wall-clock time limit", http.StatusServiceUnavailable)
		}
	case err != nil:
		h.logf("fastly compute emulation: %s %s: the program failed: %v", r.Method, r.URL, err)
		if !s.sent {
			http.Error(w, "Fastly Compute emulation: the program failed before it sent a response", http.StatusInternalServerError)
		}
	case !s.sent:
		h.logf("fastly compute emulation: %s %s: the program ended without sending a response", r.Method, r.URL)
		http.Error(w, "Fastly Compute emulation: the program sent no response", http.StatusInternalServerError)
	}
	if h.opts.Observe != nil {
		st := Stats{Method: r.Method, URI: r.URL.RequestURI(), Status: s.status, Instantiate: s.instantiated, Total: time.Since(start), BackendRequests: s.backends, CPU: cpu, CPUExceeded: overCPU}
		if s.sent {
			st.Response = s.sentAt.Sub(start)
		}
		h.opts.Observe(st)
	}
}

var errCPUTime = errors.New("the program exceeded its CPU time limit")

// run calls the program's entry on this goroutine, locked to its thread
// so that the thread's CPU clock measures the program, and stops the
// instance (cancel → WithCloseOnContextDone) once it used Options.CPUTime.
// A timer looks when the limit could have been reached and again for the
// rest, so the check costs nothing while the program waits.
func (h *Handler) run(ctx context.Context, cancel context.CancelCauseFunc, mod api.Module) (time.Duration, error) {
	limit := h.opts.CPUTime
	m := threadcpu.Start()
	var mu sync.Mutex
	done := false
	var timer *time.Timer
	var check func()
	check = func() {
		mu.Lock()
		defer mu.Unlock()
		if done {
			return
		}
		used := m.Read()
		if used >= limit {
			cancel(errCPUTime)
			return
		}
		timer = time.AfterFunc(max(limit-used, time.Millisecond), check)
	}
	if limit > 0 {
		mu.Lock()
		timer = time.AfterFunc(limit, check)
		mu.Unlock()
	}
	_, err := mod.ExportedFunction("_start").Call(ctx)
	mu.Lock()
	done = true
	if timer != nil {
		timer.Stop()
	}
	mu.Unlock()
	used := m.Stop()
	if limit > 0 && used > limit && context.Cause(ctx) == nil {
		// Over by less than the timer saw: the request fails all the same,
		// as it would on Compute (after the fact: the response may be out).
		cancel(errCPUTime)
		if err == nil {
			err = errCPUTime
		}
	}
	return used, err
}

// state is one execution's handle table.
type state struct {
	h        *Handler
	w        http.ResponseWriter
	r        *http.Request
	ctx      context.Context
	mu       sync.Mutex
	handles  map[uint32]any
	next     uint32
	closers  []io.Closer
	backends int

	start        time.Time
	instantiated time.Duration
	sent         bool
	sentAt       time.Time
	status       int
	downstream   *body // the streaming downstream body, once sent
	// responded is closed once the response is complete (responseDone).
	responded     chan struct{}
	respondedOnce sync.Once
	requestID     string
}

type request struct {
	method  string
	uri     string
	header  http.Header
	version uint32
}

type response struct {
	status        int
	header        http.Header
	version       uint32
	manualFraming bool
}

type pending struct {
	done chan struct{}
	resp *http.Response
	err  error
}

type store struct{ m map[string]string }

type logEndpoint struct{ name string }

type promise struct{}

func newState(h *Handler, w http.ResponseWriter, r *http.Request) *state {
	return &state{h: h, w: w, r: r, handles: map[uint32]any{}, next: 1, requestID: randomHex(), responded: make(chan struct{})}
}

// responseDone says the response is complete: ServeHTTP may return (and
// the instance no longer touches the ResponseWriter).
func (s *state) responseDone() { s.respondedOnce.Do(func() { close(s.responded) }) }

func (s *state) add(v any) uint32 {
	s.mu.Lock()
	defer s.mu.Unlock()
	h := s.next
	s.next++
	s.handles[h] = v
	return h
}

func (s *state) get(h uint64) any {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.handles[uint32(h)]
}

func (s *state) drop(h uint64) {
	s.mu.Lock()
	defer s.mu.Unlock()
	delete(s.handles, uint32(h))
}

func (s *state) release() {
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, c := range s.closers {
		c.Close()
	}
}

// finish ends a streaming downstream body the program left open.
func (s *state) finish() {
	if s.downstream != nil {
		s.downstream.close()
	}
}

func randomHex() string {
	var b [16]byte
	rand.Read(b[:])
	return hex.EncodeToString(b[:])
}

func versionOf(major, minor int) uint32 {
	switch {
	case major == 2:
		return 3
	case major == 3:
		return 4
	case major == 1 && minor == 0:
		return 1
	case major == 0:
		return 0
	}
	return 2
}

// downstreamRequest builds the request handle's contents from r.
func downstreamRequest(r *http.Request) *request {
	scheme := "http"
	if r.TLS != nil {
		scheme = "https"
	}
	hdr := r.Header.Clone()
	if hdr == nil {
		hdr = http.Header{}
	}
	if r.Host != "" {
		hdr.Set("Host", r.Host)
	}
	host := r.Host
	if host == "" {
		host = "localhost"
	}
	return &request{
		method:  r.Method,
		uri:     scheme + "://" + host + r.URL.RequestURI(),
		header:  hdr,
		version: versionOf(r.ProtoMajor, r.ProtoMinor),
	}
}

// mem helpers

func read(m api.Memory, ptr, n uint64) ([]byte, bool) {
	b, ok := m.Read(uint32(ptr), uint32(n))
	if !ok {
		return nil, false
	}
	return bytes.Clone(b), true
}

func readString(m api.Memory, ptr, n uint64) (string, bool) {
	b, ok := m.Read(uint32(ptr), uint32(n))
	return string(b), ok
}

func writeU32(m api.Memory, ptr uint64, v uint32) bool { return m.WriteUint32Le(uint32(ptr), v) }

// writeOut copies v into the guest's buffer (ptr, cap) and stores its length
// at nwrittenPtr; BufLen with the needed length when it does not fit.
func writeOut(m api.Memory, v []byte, ptr, capacity, nwrittenPtr uint64) uint32 {
	if uint64(len(v)) > capacity {
		writeU32(m, nwrittenPtr, uint32(len(v)))
		return statusBufLen
	}
	if !m.Write(uint32(ptr), v) || !writeU32(m, nwrittenPtr, uint32(len(v))) {
		return statusInval
	}
	return statusOK
}

// writeMulti writes \0-terminated values from cursor on, as many as fit;
// the ending cursor is -1 when all were written.
func writeMulti(m api.Memory, values []string, ptr, capacity, cursor, endPtr, nwrittenPtr uint64) uint32 {
	var out []byte
	i := int(uint32(cursor))
	for ; i < len(values); i++ {
		need := len(values[i]) + 1
		if uint64(len(out)+need) > capacity {
			if len(out) == 0 {
				writeU32(m, nwrittenPtr, uint32(need))
				return statusBufLen
			}
			break
		}
		out = append(out, values[i]...)
		out = append(out, 0)
	}
	end := int64(-1)
	if i < len(values) {
		end = int64(i)
	}
	if len(out) > 0 && !m.Write(uint32(ptr), out) {
		return statusInval
	}
	m.WriteUint64Le(uint32(endPtr), uint64(end))
	writeU32(m, nwrittenPtr, uint32(len(out)))
	return statusOK
}
