package cli

import (
	"context"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/signal"
	"path/filepath"
	"strings"
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

// serveCompute runs a Fastly Compute program (a main.wasm built on
// compute-sdk-go) under the emulation of edge/compute: kitwasm serve
// --target fastly main.wasm. Each --allow-fetch host H is a backend named H
// at https://H (Compute programs reach only the backends of their service).
func serveCompute(wasmPath string, o *serveOptions, stdout, stderr io.Writer) error {
	if o.target != "fastly" {
		return usagef("%s is a Wasm program: only --target fastly runs one (the Fastly Compute emulation)", wasmPath)
	}
	wasm, err := os.ReadFile(wasmPath)
	if err != nil {
		return err
	}
	opts, plan, err := computeLimits(o.plan)
	if err != nil {
		return err
	}
	opts.Log = stderr
	opts.Backends = map[string]string{}
	for _, h := range o.allow {
		if h == "*" {
			return usagef("--allow-fetch '*': a Compute program names its backends; list each host (it becomes a backend of that name)")
		}
		opts.Backends[h] = "https://" + h
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
	t0 := time.Now()
	h, err := compute.NewHandler(wasm, opts)
	if err != nil {
		return err
	}
	defer h.Close()
	fmt.Fprintf(stdout, "  emulating Fastly Compute (--plan %s): %s compiled in %s; a fresh instance per request; wall time %s, heap %d MiB, %d backend requests per execution\n",
		plan, wasmPath, since(t0), opts.WallTime, opts.MemoryLimit>>20, opts.MaxBackendRequests)
	if len(opts.Backends) > 0 {
		names := make([]string, 0, len(opts.Backends))
		for n := range opts.Backends {
			names = append(names, n)
		}
		fmt.Fprintf(stdout, "  backends: %s\n", strings.Join(names, ", "))
	}
	ln, err := net.Listen("tcp", o.addr)
	if err != nil {
		return err
	}
	var handler http.Handler = h
	if !o.quiet {
		handler = logRequests(h, stdout)
	}
	srv := &http.Server{Handler: handler, ReadHeaderTimeout: 10 * time.Second}
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
