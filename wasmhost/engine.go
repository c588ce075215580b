// Package wasmhost runs JavaScript isolates: the QuickJS-NG engine module (from jsengine)
// compiled once per process by wazero, instantiated into isolates that have evaluated the Web
// layer and a worker, pooled, and driven by a host-owned event loop with time and memory
// limits. It is the only package that imports wazero.
//
// An isolate's whole state lives in its linear memory; the host grants it one function (see
// hostcall.go) and no file system, environment or network of its own.
package wasmhost

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sync"
	"time"

	"github.com/tetratelabs/wazero"
	"github.com/tetratelabs/wazero/api"
	"github.com/tetratelabs/wazero/imports/wasi_snapshot_preview1"

	"github.com/kitwasm/kitwasm/jsengine"
	"github.com/kitwasm/kitwasm/jsengine/wasmpatch"
)

// Engine is the compiled engine module, shared by every isolate of a process.
// It is safe for concurrent use.
type Engine struct {
	rt       wazero.Runtime
	compiled wazero.CompiledModule
	cfg      EngineConfig
	cacheDir string // "" when caching is off

	// CompileTime is how long compiling (or loading from the cache) took.
	CompileTime time.Duration

	layerOnce sync.Once
	layerBC   []byte
	layerErr  error
}

// EngineConfig configures an Engine. The zero value is valid.
type EngineConfig struct {
	// CacheDir holds wazero's compilation cache, so a second process start skips compiling
	// the engine. Empty means DefaultCacheDir(); "-" disables the cache.
	CacheDir string
	// MemoryLimitPages bounds each isolate's linear memory in 64 KiB pages (0: 2048 = 128 MiB,
	// the heap limit of Fastly Compute and of Workers).
	MemoryLimitPages uint32
	// Log receives what isolates write to stdout/stderr outside console (qjs:std), and host
	// warnings. Nil means os.Stderr.
	Log io.Writer
	// Console receives console output of isolates: level 0 debug, 1 log/info, 2 warn,
	// 3 error. Nil writes each message as a line to Log.
	Console func(level int, message string)

	unguarded bool // benchmarks only: the engine module without the stack guard
}

// DefaultCacheDir is $XDG_CACHE_HOME/kitwasm/wazero (or the platform's equivalent).
func DefaultCacheDir() string {
	dir, err := os.UserCacheDir()
	if err != nil {
		return ""
	}
	return filepath.Join(dir, "kitwasm", "wazero")
}

// NewEngine compiles the engine module.
func NewEngine(ctx context.Context, cfg EngineConfig) (*Engine, error) {
	if cfg.MemoryLimitPages == 0 {
		cfg.MemoryLimitPages = 2048
	}
	if cfg.Log == nil {
		cfg.Log = os.Stderr
	}
	if cfg.Console == nil {
		log := cfg.Log
		cfg.Console = func(_ int, msg string) { fmt.Fprintln(log, msg) }
	}
	// Runaway code is stopped through QuickJS's own interrupt poll (Isolate.interrupt), not
	// wazero's WithCloseOnContextDone, which made QuickJS 4-5x slower (RATIONALE.md).
	rc := wazero.NewRuntimeConfigCompiler().
		WithMemoryLimitPages(cfg.MemoryLimitPages)
	dir := cfg.CacheDir
	if dir == "" {
		dir = DefaultCacheDir()
	}
	if dir == "-" {
		dir = ""
	}
	if dir != "" {
		cache, err := wazero.NewCompilationCacheWithDir(dir)
		if err != nil {
			return nil, fmt.Errorf("compilation cache %s: %w (set another with --cache-dir, or - to disable)", dir, err)
		}
		rc = rc.WithCompilationCache(cache)
	}
	start := time.Now()
	rt := wazero.NewRuntimeWithConfig(ctx, rc)
	if _, err := wasi_snapshot_preview1.Instantiate(ctx, rt); err != nil {
		rt.Close(ctx)
		return nil, err
	}
	if _, err := rt.NewHostModuleBuilder("env").
		NewFunctionBuilder().
		WithGoModuleFunction(api.GoModuleFunc(hostCall),
			[]api.ValueType{api.ValueTypeI32, api.ValueTypeI64, api.ValueTypeI32, api.ValueTypeI32},
			[]api.ValueType{api.ValueTypeI64}).
		Export("jsFunctionProxy").
		Instantiate(ctx); err != nil {
		rt.Close(ctx)
		return nil, err
	}
	// The stack guard (jsengine/wasmpatch; RATIONALE.md, "Why patch the engine module at load
	// time?") turns deep recursion into a catchable RangeError instead of corrupted memory.
	module := jsengine.Module()
	if !cfg.unguarded {
		var err error
		if module, err = wasmpatch.StackGuard(module); err != nil {
			rt.Close(ctx)
			return nil, fmt.Errorf("patch engine: %w", err)
		}
	}
	compiled, err := rt.CompileModule(ctx, module)
	if err != nil {
		rt.Close(ctx)
		return nil, fmt.Errorf("compile engine: %w", err)
	}
	return &Engine{rt: rt, compiled: compiled, cfg: cfg, cacheDir: dir, CompileTime: time.Since(start)}, nil
}

// Close releases the engine and every isolate made from it.
func (e *Engine) Close(ctx context.Context) error { return e.rt.Close(ctx) }

// instantiate makes a fresh engine instance: no file system, no environment, no arguments,
// stdin empty; clocks and randomness from the host.
func (e *Engine) instantiate(ctx context.Context) (api.Module, error) {
	cfg := wazero.NewModuleConfig().
		WithName("").
		WithStartFunctions().
		WithSysWalltime().
		WithSysNanotime().
		WithSysNanosleep().
		WithRandSource(rand.Reader).
		WithStdout(e.cfg.Log).
		WithStderr(e.cfg.Log)
	mod, err := e.rt.InstantiateModule(ctx, e.compiled, cfg)
	if err != nil {
		return nil, fmt.Errorf("instantiate engine: %w", err)
	}
	return mod, nil
}

// layerBytecode compiles the Web layer once per engine.
// The bytecode is kept in the cache directory beside wazero's, keyed by the layer's source
// and the engine build, so a process start skips compiling ~0.5 MB of JavaScript.
func (e *Engine) layerBytecode(ctx context.Context) ([]byte, error) {
	e.layerOnce.Do(func() {
		src, _ := jsengine.Layer()
		sum := sha256.Sum256([]byte(jsengine.ID() + "\x00" + src))
		cached := ""
		if e.cacheDir != "" {
			cached = filepath.Join(e.cacheDir, "layer-"+hex.EncodeToString(sum[:12])+".qjsbc")
			if bc, err := os.ReadFile(cached); err == nil {
				e.layerBC = bc
				return
			}
		}
		// Not under the caller's deadline: a failure here is remembered for the process.
		ctx := context.WithoutCancel(ctx)
		iso, err := e.newBareIsolate(ctx)
		if err != nil {
			e.layerErr = err
			return
		}
		defer iso.close(ctx)
		e.layerBC, e.layerErr = iso.compile(ctx, "kitwasm:web-layer.js", src, false)
		if e.layerErr == nil && cached != "" {
			// Written whole under a temporary name: a concurrent reader never sees a part.
			tmp := fmt.Sprintf("%s.%d.tmp", cached, os.Getpid())
			if os.WriteFile(tmp, e.layerBC, 0o644) == nil {
				os.Rename(tmp, cached)
			}
		}
	})
	return e.layerBC, e.layerErr
}

// ErrIsolateBroken is wrapped by errors that leave an isolate unusable (a trap, a deadline,
// proc_exit); the pool discards such isolates.
var ErrIsolateBroken = errors.New("isolate broken")
