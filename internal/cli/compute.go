package cli

import (
	"archive/tar"
	"compress/gzip"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/signal"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"time"

	"github.com/kitwasm/kitwasm/adapter"
	"github.com/kitwasm/kitwasm/edge/compute"
	"github.com/kitwasm/kitwasm/wasmhost"
	"github.com/tetratelabs/wazero"
)

// computeLimits reads Fastly's limits on plan from adapter/targets.json.
func computeLimits(plan string) (compute.Options, string, error) {
	t := adapter.Targets().Targets["fastly"]
	var o compute.Options
	if t == nil || t.Emulate == nil {
		return o, "", fmt.Errorf("adapter/targets.json has no fastly emulation")
	}
	plan, err := t.Emulate.Plan("fastly", plan)
	if err != nil {
		return o, "", usageError{fmt.Errorf("--plan: %w", err)}
	}
	if l := t.Emulate.Limits["cpu"]; l != nil {
		o.CPUTime = time.Duration(l.For(plan)) * time.Millisecond
	}
	if l := t.Emulate.Limits["wall"]; l != nil {
		o.WallTime = time.Duration(l.For(plan)) * time.Millisecond
	}
	if l := t.Emulate.Limits["memory"]; l != nil {
		o.MemoryLimit = uint64(l.For(plan))
	}
	if l := t.Emulate.Limits["subrequests"]; l != nil {
		o.MaxBackendRequests = int(l.For(plan))
	}
	return o, plan, nil
}

// cpuLimit applies --cpu-limit to opts: "" keeps the plan's, "off" removes the limit, else a
// duration replaces it.
func cpuLimit(opts *compute.Options, flag string) error {
	switch flag {
	case "":
		return nil
	case "off", "none":
		opts.CPUTime = -1
		return nil
	}
	d, err := time.ParseDuration(flag)
	if err != nil || d <= 0 {
		return usagef("--cpu-limit %q: want a duration such as 200ms, or off", flag)
	}
	opts.CPUTime = d
	return nil
}

// serveCompute runs a Fastly Compute program (a main.wasm built on
// compute-sdk-go) under the emulation of edge/compute: kitwasm serve
// --target fastly main.wasm. Each --allow-fetch host H is a backend named H
// at https://H (Compute programs reach only the backends of their service);
// --backend NAME=URL adds or replaces one.
func serveCompute(wasmPath string, o *serveOptions, stdout, stderr io.Writer) error {
	if o.target != "fastly" {
		return usagef("%s is a Wasm program: only --target fastly runs one (the Fastly Compute emulation)", wasmPath)
	}
	wasm, err := os.ReadFile(wasmPath)
	if err != nil {
		return err
	}
	backends := map[string]string{}
	for _, h := range o.allow {
		if h == "*" {
			return usagef("--allow-fetch '*': a Compute program names its backends; list each host (it becomes a backend of that name)")
		}
		backends[h] = "https://" + h
	}
	return runCompute(wasmPath, wasm, backends, o, stdout, stderr)
}

// computePackage is the Compute package of a build (kitwasm build --target fastly, or the
// adapter with 'fastly' in targets): build/fastly/<name>/ with fastly.toml and bin/main.wasm,
// or only build/fastly/<name>.tar.gz holding them.
type computePackage struct {
	name   string
	source string // the main.wasm's path, or the archive's
	wasm   []byte
	toml   []byte // fastly.toml
}

// findComputePackage looks for the build's Compute package: nil if it has none.
func findComputePackage(buildDir string) (*computePackage, error) {
	dir := filepath.Join(buildDir, "fastly") // kitwasm build --target fastly writes it (fastly.go)
	wasms, _ := filepath.Glob(filepath.Join(dir, "*", "bin", "main.wasm"))
	archives, _ := filepath.Glob(filepath.Join(dir, "*.tar.gz"))
	switch {
	case len(wasms) > 1:
		return nil, fmt.Errorf("%s holds %d Compute packages (%s): remove the stale ones (the adapter's fastly.name names the package)", dir, len(wasms), strings.Join(wasms, ", "))
	case len(wasms) == 1:
		pkgDir := filepath.Dir(filepath.Dir(wasms[0]))
		p := &computePackage{name: filepath.Base(pkgDir), source: wasms[0]}
		var err error
		if p.wasm, err = os.ReadFile(wasms[0]); err != nil {
			return nil, err
		}
		if p.toml, err = os.ReadFile(filepath.Join(pkgDir, "fastly.toml")); err != nil {
			return nil, fmt.Errorf("the Compute package %s: %w", pkgDir, err)
		}
		return p, nil
	case len(archives) > 1:
		return nil, fmt.Errorf("%s holds %d Compute packages (%s): remove the stale ones", dir, len(archives), strings.Join(archives, ", "))
	case len(archives) == 1:
		return readComputeArchive(archives[0])
	}
	return nil, nil
}

// readComputeArchive reads <name>/fastly.toml and <name>/bin/main.wasm from a package archive
// (the layout fastly compute deploy --package takes).
func readComputeArchive(path string) (*computePackage, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	zr, err := gzip.NewReader(f)
	if err != nil {
		return nil, fmt.Errorf("the Compute package %s: %w", path, err)
	}
	tr := tar.NewReader(zr)
	p := &computePackage{source: path}
	for {
		hdr, err := tr.Next()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, fmt.Errorf("the Compute package %s: %w", path, err)
		}
		name, rel, _ := strings.Cut(hdr.Name, "/")
		switch rel {
		case "bin/main.wasm":
			p.name = name
			p.wasm, err = io.ReadAll(tr)
		case "fastly.toml":
			p.toml, err = io.ReadAll(tr)
		}
		if err != nil {
			return nil, fmt.Errorf("the Compute package %s: %w", path, err)
		}
	}
	if p.wasm == nil || p.toml == nil {
		return nil, fmt.Errorf("the Compute package %s lacks <name>/bin/main.wasm or <name>/fastly.toml: build it again (kitwasm build --target fastly)", path)
	}
	return p, nil
}

// localBackends reads the backends of fastly.toml's [local_server.backends] (what fastly
// compute serve uses locally): name → url. kitwasm reads the form kitwasm build writes,
// [local_server.backends.<name>] tables with url (and override_host, which it ignores: the
// emulation sends the program's Host), and says so for any other line there.
func localBackends(toml []byte) (map[string]string, error) {
	out := map[string]string{}
	table := ""
	for i, line := range strings.Split(string(toml), "\n") {
		line = strings.TrimSpace(line)
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		if strings.HasPrefix(line, "[") {
			table = strings.Trim(line, "[] ")
			continue
		}
		name, ok := strings.CutPrefix(table, "local_server.backends.")
		if !ok {
			if table == "local_server.backends" {
				return nil, fmt.Errorf("fastly.toml line %d: %q: kitwasm reads backends only as [local_server.backends.<name>] tables with url = \"...\"", i+1, line)
			}
			continue
		}
		if n, err := strconv.Unquote(name); err == nil {
			name = n
		}
		key, val, ok := strings.Cut(line, "=")
		if !ok {
			return nil, fmt.Errorf("fastly.toml line %d: %q: want key = \"value\"", i+1, line)
		}
		v, err := strconv.Unquote(strings.TrimSpace(val))
		if err != nil {
			return nil, fmt.Errorf("fastly.toml line %d: %q: kitwasm reads only quoted strings here", i+1, line)
		}
		if strings.TrimSpace(key) == "url" {
			out[name] = v
		}
	}
	return out, nil
}

// serveComputePackage runs the build's Compute package: kitwasm serve --target fastly <build
// dir> when the build has one. Its backends are fastly.toml's local ones, replaced or added to
// by --backend NAME=URL; --allow-fetch does not apply (the package's own allow-list, the
// adapter's fastly.backends, is compiled in).
func serveComputePackage(pkg *computePackage, o *serveOptions, stdout, stderr io.Writer) error {
	backends, err := localBackends(pkg.toml)
	if err != nil {
		return err
	}
	if len(o.allow) > 0 {
		fmt.Fprintf(stderr, "kitwasm: --allow-fetch does not apply to a Compute package: it fetches only through the backends of the adapter's fastly.backends option (fastly.toml); --backend NAME=URL points one elsewhere locally\n")
	}
	return runCompute(fmt.Sprintf("the Compute package %q (%s)", pkg.name, pkg.source), pkg.wasm, backends, o, stdout, stderr)
}

func runCompute(label string, wasm []byte, backends map[string]string, o *serveOptions, stdout, stderr io.Writer) error {
	opts, plan, err := computeLimits(o.plan)
	if err != nil {
		return err
	}
	if err := cpuLimit(&opts, o.cpuLimit); err != nil {
		return err
	}
	opts.Log = stderr
	opts.Env = o.env // local only: Compute sets no variables of the user's
	for name, u := range o.backends {
		backends[name] = u
	}
	opts.Backends = backends
	if err := computeStores(&opts, o); err != nil {
		return err
	}
	if o.cacheDir != "-" {
		dir := o.cacheDir
		if dir == "" {
			dir = wasmhost.DefaultCacheDir()
		}
		if cache, err := wazero.NewCompilationCacheWithDir(filepath.Join(dir, "compute")); err == nil {
			opts.CompilationCache = cache
			defer cache.Close(context.Background())
		}
	}
	var hinted sync.Once
	opts.Observe = func(s compute.Stats) {
		if !o.quiet {
			fmt.Fprintf(stdout, "%s %s %d %s (instance %s, first byte %s, CPU %s)\n", s.Method, s.URI, s.Status,
				round(s.Total), round(s.Instantiate), round(s.Response), round(s.CPU))
		}
		if s.CPUExceeded {
			hinted.Do(func() {
				fmt.Fprintf(stderr, "kitwasm: the CPU time measured here is wazero's running the program, not Compute's, which may differ either way; --cpu-limit 2s (or off) lets such requests finish locally\n")
			})
		}
	}
	fmt.Fprintf(stdout, "  emulating Fastly Compute (--plan %s): compiling %s (%s) with wazero...\n", plan, label, adapter.FormatSize(int64(len(wasm))))
	t0 := time.Now()
	compiled := make(chan struct{})
	go func() {
		// A package's main.wasm takes wazero tens of seconds to compile without the cache.
		tick := time.NewTicker(10 * time.Second)
		defer tick.Stop()
		for {
			select {
			case <-compiled:
				return
			case <-tick.C:
				fmt.Fprintf(stdout, "  still compiling (%s)...\n", since(t0))
			}
		}
	}()
	h, err := compute.NewHandler(wasm, opts)
	close(compiled)
	if err != nil {
		return err
	}
	defer h.Close()
	cpu := "none (--cpu-limit off)"
	if opts.CPUTime > 0 {
		cpu = opts.CPUTime.String()
		if o.cpuLimit != "" {
			cpu += " (--cpu-limit; Compute's is 50ms)"
		}
	}
	fmt.Fprintf(stdout, "  compiled in %s (once: a fresh instance per request); CPU time %s, wall time %s, heap %d MiB, %d backend requests per execution (https://docs.fastly.com/products/compute-resource-limits, read 2026-12-05)\n",
		since(t0), cpu, opts.WallTime, opts.MemoryLimit>>20, opts.MaxBackendRequests)
	if len(opts.Backends) > 0 {
		names := make([]string, 0, len(opts.Backends))
		for n, u := range opts.Backends {
			names = append(names, n+" → "+u)
		}
		sort.Strings(names)
		fmt.Fprintf(stdout, "  backends: %s\n", strings.Join(names, ", "))
	}
	ln, err := net.Listen("tcp", o.addr)
	if err != nil {
		return err
	}
	srv := &http.Server{Handler: h, ReadHeaderTimeout: 10 * time.Second}
	fmt.Fprintf(stdout, "  listening on http://%s\n", ln.Addr())
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	sctx, cancel := context.WithTimeout(context.Background(), o.timeout)
	defer cancel()
	return srv.Shutdown(sctx)
}

// computeStores reads --kv-store and --config-store: NAME=FILE, FILE a JSON object of strings.
func computeStores(opts *compute.Options, o *serveOptions) error {
	read := func(flag, name, file string) (map[string]string, error) {
		m := map[string]string{}
		if file == "" {
			return m, nil
		}
		b, err := os.ReadFile(file)
		if err != nil {
			return nil, fmt.Errorf("--%s %s: %w", flag, name, err)
		}
		if err := json.Unmarshal(b, &m); err != nil {
			return nil, fmt.Errorf("--%s %s=%s: want a JSON object of strings: %w", flag, name, file, err)
		}
		return m, nil
	}
	for name, file := range o.kvStores {
		m, err := read("kv-store", name, file)
		if err != nil {
			return err
		}
		if opts.KVStores == nil {
			opts.KVStores = map[string]*compute.KVStore{}
		}
		opts.KVStores[name] = compute.NewKVStore(m)
	}
	for name, file := range o.configs {
		m, err := read("config-store", name, file)
		if err != nil {
			return err
		}
		if opts.Config == nil {
			opts.Config = map[string]map[string]string{}
		}
		opts.Config[name] = m
	}
	return nil
}

func round(d time.Duration) string { return d.Round(100 * time.Microsecond).String() }
