package cli

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/signal"
	"runtime/debug"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"time"

	"github.com/kitwasm/kitwasm/edge"
	"github.com/kitwasm/kitwasm/jsengine"
	"github.com/kitwasm/kitwasm/wasmhost"
)

type serveOptions struct {
	addr       string
	env        envFlag
	envFile    string
	allow      listFlag
	maxBody    string
	trustProxy bool
	isolates   int
	timeout    time.Duration
	cacheDir   string
	quiet      bool
	isolation  string // --isolation: reuse or request (wasmhost.Isolation)
	restore    string // --restore: map or copy (wasmhost.RestoreMode)
	target     string // --target: the platform emulated (emulate.go)
	plan       string
	cpuLimit   string  // --cpu-limit: a Compute program's CPU limit (compute.go)
	backends   envFlag // --backend NAME=URL: a Compute program's backends (compute.go)
	kvStores   envFlag // --kv-store NAME=FILE: a Compute program's KV stores (compute.go)
	configs    envFlag // --config-store NAME=FILE: its config stores (compute.go)
	engine     string  // --engine: wazero or wasm2go (engine_wasm2go.go)
}

func serveFlags(stderr io.Writer) (*flag.FlagSet, *serveOptions) {
	o := &serveOptions{env: envFlag{}, backends: envFlag{}, kvStores: envFlag{}, configs: envFlag{}}
	fs := flag.NewFlagSet("serve", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.StringVar(&o.addr, "addr", "127.0.0.1:8787", "address to listen on (host:port)")
	fs.Var(o.env, "env", "a binding for the worker's env, KEY=VALUE (repeatable)")
	fs.StringVar(&o.envFile, "env-file", "", "read env bindings from a file of KEY=VALUE lines (# comments)")
	fs.Var(&o.allow, "allow-fetch", "hosts the worker may fetch, comma-separated (* for any); its own origin is always allowed")
	fs.StringVar(&o.maxBody, "max-body", "100MB", "largest request body accepted; larger ones get 413")
	fs.BoolVar(&o.trustProxy, "trust-proxy", false, "take scheme, host and client address from X-Forwarded-* headers")
	fs.IntVar(&o.isolates, "isolates", 0, "maximum isolates, i.e. concurrent requests (default 4 per CPU)")
	fs.DurationVar(&o.timeout, "timeout", 30*time.Second, "time limit of one request; a request past it gets 503 and its isolate is replaced")
	fs.StringVar(&o.cacheDir, "cache-dir", "", "compilation cache directory (default "+wasmhost.DefaultCacheDir()+"; - to disable)")
	fs.BoolVar(&o.quiet, "quiet", false, "do not log each request")
	fs.StringVar(&o.isolation, "isolation", "reuse", "reuse: an isolate serves many requests (as on Workers); request: a fresh isolate, restored from the snapshot, per request (as on Fastly)")
	fs.StringVar(&o.restore, "restore", "", "how isolates are restored from the snapshot: map (copy-on-write, Linux; the default there) or copy")
	fs.StringVar(&o.target, "target", "kitwasm", "platform whose limits and rules to enforce: kitwasm, cloudflare or fastly (see the README's Targets section)")
	fs.StringVar(&o.plan, "plan", "", "the platform plan whose limits --target enforces: cloudflare free|paid, fastly trial|paid (default paid)")
	fs.StringVar(&o.cpuLimit, "cpu-limit", "", "Fastly Compute programs only: CPU time limit per request instead of the plan's 50ms (e.g. 500ms; off for none)")
	fs.Var(o.backends, "backend", "Fastly Compute programs only: a backend NAME=URL, replacing fastly.toml's local one of that name (repeatable)")
	fs.Var(o.kvStores, "kv-store", "Fastly Compute programs only: a KV store NAME=FILE, its initial entries from a JSON object of strings (NAME= for an empty one; kept in memory; repeatable)")
	fs.Var(o.configs, "config-store", "Fastly Compute programs only: a config store (and dictionary) NAME=FILE, a JSON object of strings (repeatable)")
	fs.StringVar(&o.engine, "engine", engineWazero, "the engine's runtime: wazero (the Wasm sandbox) or wasm2go (the engine translated to Go and compiled into a native kitwasm, built once with Go into the cache)")
	fs.Usage = func() {
		fmt.Fprint(fs.Output(), "Usage: kitwasm serve [flags] <build dir | worker.js | main.wasm>\n\n"+
			"Serves over HTTP a SvelteKit app built with @kitwasm/adapter (its build directory, e.g. build),\n"+
			"or a module worker (export default { async fetch(request, env, ctx) { ... } }), which is\n"+
			"bundled with its imports (local modules and npm packages) first.\n\nFlags:\n")
		fs.PrintDefaults()
	}
	return fs, o
}

func serve(args []string, stdout, stderr io.Writer) error {
	fs, o := serveFlags(stderr)
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return err
		}
		return usageError{err}
	}
	if fs.NArg() != 1 {
		return usagef("want one build directory or worker file, got %d arguments (see kitwasm help serve)", fs.NArg())
	}
	target := fs.Arg(0)
	switch {
	case o.engine != engineWazero && o.engine != engineWasm2go:
		return usagef("--engine %q: want wazero or wasm2go", o.engine)
	case o.engine == engineWasm2go && translatedBackend == nil && os.Getenv(engineChildEnv) == "":
		return serveOnWasm2go(args, stdout, stderr)
	}
	maxBody, err := parseSize(o.maxBody)
	if err != nil {
		return usagef("--max-body: %v", err)
	}
	isolation, err := wasmhost.ParseIsolation(o.isolation)
	if err != nil {
		return usagef("--isolation: %v", err)
	}
	restore, err := wasmhost.ParseRestoreMode(o.restore)
	if err != nil {
		return usagef("--restore: %v", err)
	}
	env := map[string]string{}
	if o.envFile != "" {
		if env, err = readEnvFile(o.envFile); err != nil {
			return err
		}
	}
	for k, v := range o.env {
		env[k] = v
	}
	st, err := os.Stat(target)
	if err != nil {
		return err
	}
	if !st.IsDir() && strings.HasSuffix(target, ".wasm") {
		return serveCompute(target, o, stdout, stderr) // compute.go: --target fastly's emulation
	}
	if st.IsDir() && o.target == "fastly" {
		// The build's Compute package, if it has one, runs under the Compute emulation;
		// otherwise the build runs here with Fastly's limits, and the start-up says so.
		pkg, err := findComputePackage(target)
		if err != nil {
			return err
		}
		if pkg != nil {
			return serveComputePackage(pkg, o, stdout, stderr)
		}
		noComputePackage(target, stderr)
	}
	if o.cpuLimit != "" || len(o.backends) > 0 || len(o.kvStores) > 0 || len(o.configs) > 0 {
		return usagef("--cpu-limit, --backend, --kv-store and --config-store apply to Fastly Compute programs only: kitwasm serve --target fastly <main.wasm, or a build with a Compute package>")
	}

	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	fmt.Fprintf(stdout, "kitwasm %s\n", jsengine.Version)
	t0 := time.Now()
	gcAfterStart := holdGCDuringStart()
	defer gcAfterStart() // on the error paths
	// Listening first: connections that come during the start wait in the listen backlog
	// until the server is ready and accepts them (none is answered before), instead of being
	// refused and retried. A failure to listen is reported where it was before, after the
	// app's and the engine's errors.
	ln, listenErr := net.Listen("tcp", o.addr)
	if listenErr == nil {
		defer ln.Close() // on the error paths; closed by Shutdown otherwise
	}
	// The engine compiles (~30 ms with a warm compilation cache, most of it wazero validating
	// the module) while the app is read and its worker prepared, on another core.
	ecfg := wasmhost.EngineConfig{CacheDir: o.cacheDir, Log: stderr, Console: consoleTo(stdout, stderr), Restore: restore}
	var engine *pendingEngine
	if pages, ok := emulatedMemoryPages(o.target, o.plan); ok {
		ecfg.MemoryLimitPages = pages
		engine = startEngine(ctx, o.engine, ecfg)
		defer engine.close()
	}
	var app *loadedApp
	if st.IsDir() {
		app, err = loadBuild(target, stdout)
	} else {
		app, err = loadWorker(target, stdout)
	}
	if err != nil {
		return err
	}
	em, err := newEmulation(o.target, o.plan, o, flagsSet(fs), app, target)
	if err != nil {
		return err
	}
	em.announce(stderr)

	worker := app.prepareWorker(ctx) // beside the engine's compile, when it can
	// Not nil: newEmulation refuses every target and plan that emulatedMemoryPages does not know.
	if engine == nil {
		return fmt.Errorf("--target %s --plan %s: no memory limit", o.target, o.plan)
	}
	eng, engineName, took, err := engine.wait()
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "  engine    %s ready in %s\n", engineName, took.Round(100*time.Microsecond))

	t2 := time.Now()
	w, err := worker(eng)
	if err != nil {
		return err
	}
	// handler is the whole chain, so that same-origin fetches from the worker reach static
	// files as well as the app.
	var handler http.Handler
	self := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { handler.ServeHTTP(w, r) })
	policy := edge.FetchPolicy{Allow: o.allow, Self: self}
	pcfg := wasmhost.PoolConfig{
		Worker: w, Env: env, MaxIsolates: o.isolates, RequestTimeout: o.timeout,
		Fetcher: policy.Fetcher(), Assets: app.assets,
		Isolation: isolation, SnapshotFile: app.snapshotFile(eng),
	}
	em.pool(&pcfg, app, stderr)
	pool, err := wasmhost.NewPool(ctx, eng, pcfg)
	if err != nil {
		return fmt.Errorf("start %s: %w", target, err)
	}
	defer pool.Close() // on the error paths; a no-op after Shutdown
	hcfg := edge.Config{MaxBodyBytes: maxBody, TrustProxy: o.trustProxy}
	em.edgeConfig(&hcfg, stderr)
	handler = edge.NewHandler(pool, hcfg)
	if app.manifest != nil {
		handler = edge.NewStatic(target, app.manifest, handler)
	}
	fmt.Fprintf(stdout, "  isolate   warm in %s (total start-up %s)\n", since(t2), since(t0))
	fmt.Fprintf(stdout, "  snapshot  %s; restores: %s; isolation: %s\n", pool.StartedFrom(), eng.RestoreModeDescription(), isolation)
	if listenErr != nil {
		return listenErr
	}

	h := handler
	if !o.quiet {
		h = logRequests(handler, stdout)
	}
	// The collector resumes once the first response is written (so that it does not compete
	// with it), or a second after listening if no request comes.
	h = afterFirst(h, gcAfterStart)
	time.AfterFunc(time.Second, gcAfterStart)
	srv := &http.Server{Handler: h, ReadHeaderTimeout: 10 * time.Second}
	fmt.Fprintf(stdout, "  listening on http://%s\n", ln.Addr())
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	fmt.Fprintln(stdout, "  shutting down: waiting for requests in flight")
	sctx, cancel := context.WithTimeout(context.Background(), o.timeout)
	defer cancel()
	err = srv.Shutdown(sctx)
	// Then ctx.waitUntil work still running, within the same grace period; what is left
	// after it is stopped.
	if perr := pool.Shutdown(sctx); perr != nil {
		fmt.Fprintf(stdout, "  shutdown: %v\n", perr)
	}
	return err
}

// pendingEngine is an engine being made on the side (startEngine).
type pendingEngine struct {
	done chan struct{}
	eng  *wasmhost.Engine
	name string
	took time.Duration
	err  error
}

func startEngine(ctx context.Context, engine string, cfg wasmhost.EngineConfig) *pendingEngine {
	p := &pendingEngine{done: make(chan struct{})}
	go func() {
		defer close(p.done)
		t := time.Now()
		p.eng, p.name, p.err = newEngine(ctx, engine, cfg)
		p.took = time.Since(t)
	}()
	return p
}

// wait returns the engine, its name and how long making it took.
func (p *pendingEngine) wait() (*wasmhost.Engine, string, time.Duration, error) {
	<-p.done
	return p.eng, p.name, p.took, p.err
}

// close waits for the engine and closes it.
func (p *pendingEngine) close() {
	if eng, _, _, err := p.wait(); err == nil {
		eng.Close(context.Background())
	}
}

// startMemoryLimit bounds the Go heap while serve starts with the collector off. A start that
// restores its snapshot allocates ~15 MB, most of it garbage soon (wazero's decoding and
// validation of the engine module, the compilation cache's file, the source map's JSON): with
// the default GOGC and the runtime's 4 MB first goal, the collector ran 1-3 times before the
// first response (gctrace), 4-13 ms of CPU per start in alternating runs on a loaded machine,
// and its pauses on the way. A start that allocates more (a cold compilation cache, a
// snapshot made anew) is collected at this bound.
const startMemoryLimit = 256 << 20

// holdGCDuringStart turns the collector off for the start, up to startMemoryLimit, unless
// GOGC or GOMEMLIMIT is set, and returns the function that restores both (idempotent). Starts
// that overlap in one process (tests) restore the settings once, when the last one ends.
func holdGCDuringStart() func() {
	if os.Getenv("GOGC") != "" || os.Getenv("GOMEMLIMIT") != "" {
		return func() {}
	}
	gcHold.Lock()
	defer gcHold.Unlock()
	if gcHold.starts == 0 {
		gcHold.percent = debug.SetGCPercent(-1)
		gcHold.limit = debug.SetMemoryLimit(startMemoryLimit)
	}
	gcHold.starts++
	return sync.OnceFunc(func() {
		gcHold.Lock()
		defer gcHold.Unlock()
		if gcHold.starts--; gcHold.starts == 0 {
			debug.SetMemoryLimit(gcHold.limit)
			debug.SetGCPercent(gcHold.percent)
			// The start's garbage (~15 MB) was never collected: collect it now, beside the
			// first response, and give its pages back, or the process keeps them resident
			// (the runtime's background scavenger returns them over minutes).
			go debug.FreeOSMemory()
		}
	})
}

// gcHold is the collector's settings from before the starts in progress (holdGCDuringStart).
var gcHold struct {
	sync.Mutex
	starts  int
	percent int
	limit   int64
}

// afterFirst calls done (once, or more: it must be idempotent) when next has served a request.
func afterFirst(next http.Handler, done func()) http.Handler {
	var first atomic.Bool
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		next.ServeHTTP(w, r)
		if !first.Swap(true) {
			done()
		}
	})
}

func since(t time.Time) string { return time.Since(t).Round(100 * time.Microsecond).String() }

// parseSize reads sizes like 100MB, 512KB, 1048576.
func parseSize(s string) (int64, error) {
	u := strings.ToUpper(strings.TrimSpace(s))
	mult := int64(1)
	for _, suf := range []struct {
		s string
		m int64
	}{{"GIB", 1 << 30}, {"MIB", 1 << 20}, {"KIB", 1 << 10}, {"GB", 1 << 30}, {"MB", 1 << 20}, {"KB", 1 << 10}, {"B", 1}} {
		if strings.HasSuffix(u, suf.s) {
			u, mult = strings.TrimSpace(strings.TrimSuffix(u, suf.s)), suf.m
			break
		}
	}
	n, err := strconv.ParseInt(u, 10, 64)
	if err != nil || n <= 0 {
		return 0, fmt.Errorf("%q is not a size like 100MB (a whole number, optionally with KB, MB or GB)", s)
	}
	return n * mult, nil
}

// readEnvFile reads KEY=VALUE lines; blank lines and # comments are skipped, and a value in
// matching single or double quotes loses them.
func readEnvFile(path string) (map[string]string, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	env := map[string]string{}
	for i, line := range strings.Split(string(data), "\n") {
		line = strings.TrimSpace(line)
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		line = strings.TrimPrefix(line, "export ")
		k, v, ok := strings.Cut(line, "=")
		k = strings.TrimSpace(k)
		if !ok || k == "" {
			return nil, fmt.Errorf("%s:%d: want KEY=VALUE, got %q", path, i+1, line)
		}
		v = strings.TrimSpace(v)
		if len(v) >= 2 && (v[0] == '"' || v[0] == '\'') && v[len(v)-1] == v[0] {
			v = v[1 : len(v)-1]
		}
		env[k] = v
	}
	return env, nil
}

func consoleTo(stdout, stderr io.Writer) func(int, string) {
	return func(level int, msg string) {
		if level >= 2 {
			fmt.Fprintln(stderr, msg)
			return
		}
		fmt.Fprintln(stdout, msg)
	}
}

// logRequests writes one line per request: method, path, status, duration.
func logRequests(next http.Handler, out io.Writer) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		sw := &statusWriter{ResponseWriter: w, status: 200}
		next.ServeHTTP(sw, r)
		fmt.Fprintf(out, "%s %s %d %s\n", r.Method, r.URL.RequestURI(), sw.status, since(start))
	})
}

type statusWriter struct {
	http.ResponseWriter
	status int
}

func (w *statusWriter) WriteHeader(s int) { w.status = s; w.ResponseWriter.WriteHeader(s) }

func (w *statusWriter) Unwrap() http.ResponseWriter { return w.ResponseWriter }
