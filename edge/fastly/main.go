package fastly

import (
	"context"
	"encoding/json"
	"fmt"
	"io/fs"
	"os"
	"time"

	"github.com/fastly/compute-sdk-go/fsthttp"

	"github.com/kitwasm/kitwasm/edge/assets"
	"github.com/kitwasm/kitwasm/wasmhost"
)

// Package is what the generated main embeds (kitwasm build --target fastly).
type Package struct {
	// Backend runs the engine module: the translated engine (wasmhost/translated.NewBackend
	// over the generated package).
	Backend wasmhost.Backend
	// Snapshot is the snapshot file written at build time by the wazero engine for this
	// worker and Env; every request restores it.
	Snapshot []byte
	// WorkerName and Bytecode are the worker as at build time (worker.qjsbc).
	WorkerName string
	Bytecode   []byte
	// Env is the worker's env, the same map as at build time (the snapshot's key hashes it).
	Env map[string]string
	// Manifest and Config are manifest.json and fastly.json.
	Manifest, Config []byte
	// Files is the build directory's files: client/, prerendered/, server-assets/.
	Files fs.FS
}

// jsStackBytes bounds the C stack QuickJS's JavaScript may use (EngineConfig.JSStackBytes).
// Here every engine C frame is Go frames on the Wasm runtime's own stack, which runs out first
// (a trap of the program, 500) unless the engine's guard throws RangeError earlier. Measured
// under kitwasm's emulation (wazero), not on Compute: with the default (~960 KiB) plain JS
// recursion trapped below 1,000 calls; 128 KiB threw RangeError at any depth but made the kit
// fixture's 500-level recursive load fail; 256 KiB renders it, and deeper recursion throws
// RangeError or, depending on what else is on the stack, still traps (192 KiB trapped too).
const jsStackBytes = 256 << 10

// EnvStartTrace, set to 1 in the instance's environment, logs the time from the program's
// start to the pool's readiness and to each response's end (measurements).
const EnvStartTrace = "KITWASM_FASTLY_TRACE"

// Main serves Compute's requests with p until the instance ends: fsthttp.ServeMany, a fresh
// isolate restored from the snapshot for every request. The engine and the pool are made at
// the first request that needs the worker (a static file never does). If they cannot be made,
// that request and every later one are answered 500 with the reason logged: the app is never
// evaluated at run time.
func Main(p Package) {
	start := time.Now()
	trace := os.Getenv(EnvStartTrace) == "1"
	h, err := newHandler(p)
	if err != nil {
		fmt.Fprintf(os.Stderr, "kitwasm: cannot start the app: %v\n", err)
		fsthttp.ServeMany(func(ctx context.Context, w fsthttp.ResponseWriter, r *fsthttp.Request) {
			fmt.Fprintf(os.Stderr, "kitwasm: %s %s: 500, the app did not start: %v\n", r.Method, r.URL.Path, err)
			w.Header().Set("Content-Type", "text/plain; charset=utf-8")
			w.WriteHeader(500)
			w.Write([]byte("Internal Server Error"))
		}, &fsthttp.ServeManyOptions{NextTimeout: time.Second})
		return
	}
	srv := &lazyServer{p: p, h: h, trace: trace}
	h.Server = srv
	h.AfterResponse = srv.wait
	fsthttp.ServeMany(func(ctx context.Context, w fsthttp.ResponseWriter, r *fsthttp.Request) {
		t := time.Now()
		h.ServeFastly(ctx, w, r)
		if trace {
			fmt.Fprintf(os.Stderr, "kitwasm: %s %s served in %v, %v after start\n", r.Method, r.URL.Path, time.Since(t), time.Since(start))
		}
	}, &fsthttp.ServeManyOptions{NextTimeout: time.Second})
}

func newHandler(p Package) (*Handler, error) {
	var cfg Config
	if err := json.Unmarshal(p.Config, &cfg); err != nil {
		return nil, fmt.Errorf("fastly.json: %w", err)
	}
	var m assets.Manifest
	if err := json.Unmarshal(p.Manifest, &m); err != nil {
		return nil, fmt.Errorf("manifest.json: %w", err)
	}
	return NewHandler(cfg, &m, p.Files), nil
}

// lazyServer makes the engine and the pool at the first request for the worker.
type lazyServer struct {
	p     Package
	h     *Handler
	trace bool
	pool  *wasmhost.Pool
	err   error
}

func (s *lazyServer) Serve(ctx context.Context, req *wasmhost.Request, w wasmhost.ResponseWriter) error {
	if s.pool == nil && s.err == nil {
		t := time.Now()
		var tr func(string, ...any)
		if s.trace {
			tr = func(format string, args ...any) { fmt.Fprintf(os.Stderr, "kitwasm: "+format+"\n", args...) }
		}
		s.pool, s.err = startPool(s.p, s.h, tr)
		if s.err != nil {
			fmt.Fprintf(os.Stderr, "kitwasm: cannot start the app: %v\n", s.err)
		} else if s.trace {
			fmt.Fprintf(os.Stderr, "kitwasm: engine and pool restored from the snapshot in %v\n", time.Since(t))
		}
	}
	if s.err != nil {
		fmt.Fprintf(os.Stderr, "kitwasm: %s %s: 500, the app did not start: %v\n", req.Method, req.URL, s.err)
		body := []byte("Internal Server Error")
		if err := w.WriteHead(500, "Internal Server Error", [][2]string{{"content-type", "text/plain; charset=utf-8"}}, int64(len(body))); err != nil {
			return err
		}
		return w.Write(body)
	}
	return s.pool.Serve(ctx, req, w)
}

// wait returns when the request's ctx.waitUntil work is done (the isolate is back).
func (s *lazyServer) wait(ctx context.Context) {
	if s.pool == nil {
		return
	}
	if err := s.pool.Wait(ctx); err != nil {
		fmt.Fprintf(os.Stderr, "kitwasm: waiting for ctx.waitUntil work: %v\n", err)
	}
}

// startPool makes the engine and the pool; trace, if set, is told how long each took.
func startPool(p Package, h *Handler, trace func(format string, args ...any)) (*wasmhost.Pool, error) {
	ctx := context.Background()
	m := h.Manifest
	var serverAssets fs.FS
	if m.ServerAssets != "" {
		sub, err := fs.Sub(p.Files, m.ServerAssets)
		if err != nil {
			return nil, err
		}
		serverAssets = sub
	}
	t := time.Now()
	eng, err := wasmhost.NewEngineOn(ctx, p.Backend, wasmhost.EngineConfig{CacheDir: "-", Log: os.Stderr, JSStackBytes: jsStackBytes})
	if err != nil {
		return nil, fmt.Errorf("engine: %w", err)
	}
	env := p.Env
	if env == nil {
		env = map[string]string{}
	}
	if trace != nil {
		trace("engine made in %v", time.Since(t))
	}
	t = time.Now()
	pool, err := wasmhost.NewPool(ctx, eng, wasmhost.PoolConfig{
		Worker: wasmhost.WorkerFromBytecode(p.WorkerName, p.Bytecode), Env: env,
		Assets: serverAssets, Snapshot: p.Snapshot, Fetcher: h.Fetch,
		// Snapshot, bytecode and env come from one build: only the cheap parts of the key
		// (engine, format, memory limit) are checked; hashing the Web layer and the worker
		// cost ~60 ms of CPU time per instance here.
		TrustSnapshot: true,
		// Every request gets a fresh isolate restored from the snapshot, as Compute gives
		// every request a fresh instance. More than one only for same-origin fetches that
		// reach the worker again (nested up to maxLoopbackDepth).
		// One thread without preemption: no isolate is restored in the background (it would
		// run at the first wait, and for an instance's last request only cost CPU time).
		MinIdle: 1, MaxIsolates: 1 + maxLoopbackDepth, Isolation: wasmhost.IsolationRequest, NoWarm: true,
	})
	if err != nil {
		return nil, fmt.Errorf("restore the build-time snapshot: %w", err)
	}
	if trace != nil {
		trace("pool restored from the snapshot in %v", time.Since(t))
	}
	return pool, nil
}
