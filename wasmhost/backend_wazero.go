package wasmhost

import (
	"context"
	"crypto/rand"
	"fmt"
	"sync"

	"github.com/tetratelabs/wazero"
	"github.com/tetratelabs/wazero/api"
	"github.com/tetratelabs/wazero/imports/wasi_snapshot_preview1"

	"github.com/kitwasm/kitwasm/jsengine"
)

// wazeroBackend runs the engine module on wazero's compiler (NewEngine).
type wazeroBackend struct {
	unguarded bool // benchmarks only: the engine module without the stack guard

	rt        wazero.Runtime
	compiled  wazero.CompiledModule
	cfg       BackendConfig
	moduleSum func() string
	minBytes  int // the memory's initial size
}

func (b *wazeroBackend) Start(ctx context.Context, host HostFunc, cfg BackendConfig) error {
	b.cfg = cfg
	// The stack guard (jsengine/wasmpatch; RATIONALE.md, "Why patch the engine module at load
	// time?") turns deep recursion into a catchable RangeError instead of corrupted memory.
	// The guarded module is read from the cache (or patched) while the runtime is set up.
	type loaded struct {
		g   guardedModule
		err error
	}
	modc := make(chan loaded, 1)
	go jsengine.ID() // hashes the 1 MB module; ModuleID needs it after the compile
	go func() {
		if b.unguarded {
			modc <- loaded{g: guardedModule{module: jsengine.Module()}}
			return
		}
		g, err := loadGuardedModule(jsengine.Module(), cfg.CacheDir, cfg.Log)
		modc <- loaded{g, err}
	}()
	// Runaway code is stopped through QuickJS's own interrupt poll (Isolate.interrupt), not
	// wazero's WithCloseOnContextDone, which made QuickJS 4-5x slower (RATIONALE.md).
	rc := wazero.NewRuntimeConfigCompiler().
		WithMemoryLimitPages(cfg.MemoryLimitPages)
	if cfg.CacheDir != "" {
		cache, err := wazero.NewCompilationCacheWithDir(cfg.CacheDir)
		if err != nil {
			return fmt.Errorf("compilation cache %s: %w (set another with --cache-dir, or - to disable)", cfg.CacheDir, err)
		}
		rc = rc.WithCompilationCache(cache)
	}
	rt := wazero.NewRuntimeWithConfig(ctx, rc)
	if _, err := wasi_snapshot_preview1.Instantiate(ctx, rt); err != nil {
		rt.Close(ctx)
		return err
	}
	if _, err := rt.NewHostModuleBuilder("env").
		NewFunctionBuilder().
		WithGoModuleFunction(api.GoModuleFunc(func(ctx context.Context, _ api.Module, stack []uint64) { host(ctx, stack) }),
			[]api.ValueType{api.ValueTypeI32, api.ValueTypeI64, api.ValueTypeI32, api.ValueTypeI32},
			[]api.ValueType{api.ValueTypeI64}).
		Export("jsFunctionProxy").
		Instantiate(ctx); err != nil {
		rt.Close(ctx)
		return err
	}
	m := <-modc
	if m.err != nil {
		rt.Close(ctx)
		return fmt.Errorf("patch engine: %w", m.err)
	}
	// Hashed on the side while wazero loads the module: a snapshot file's key needs it, and it
	// checks a module read from the cache.
	sum := hashInBackground(m.g.module)
	compiled, err := rt.CompileModule(ctx, m.g.module)
	if why := m.g.check(sum(), err); why != "" {
		refuseGuarded(cfg.Log, m.g.path, why)
		if compiled != nil {
			compiled.Close(ctx)
		}
		if m.g, err = patchGuarded(jsengine.Module(), m.g.path); err != nil {
			rt.Close(ctx)
			return fmt.Errorf("patch engine: %w", err)
		}
		sum = hashInBackground(m.g.module)
		compiled, err = rt.CompileModule(ctx, m.g.module)
	}
	if err != nil {
		rt.Close(ctx)
		return fmt.Errorf("compile engine: %w", err)
	}
	b.moduleSum = sync.OnceValue(func() string { return moduleIDOf(sum()) })
	b.rt, b.compiled = rt, compiled
	if m, ok := compiled.ExportedMemories()["memory"]; ok {
		b.minBytes = int(m.Min()) * 65536
	}
	return nil
}

func (b *wazeroBackend) ModuleID() string { return b.moduleSum() }

func (b *wazeroBackend) Instantiate(ctx context.Context) (Module, error) {
	cfg := wazero.NewModuleConfig().
		WithName("").
		WithStartFunctions().
		WithSysWalltime().
		WithSysNanotime().
		WithSysNanosleep().
		WithRandSource(rand.Reader).
		WithStdout(b.cfg.Log).
		WithStderr(b.cfg.Log)
	mod, err := b.rt.InstantiateModule(ctx, b.compiled, cfg)
	if err != nil {
		return nil, err
	}
	return &wazeroModule{mod}, nil
}

func (b *wazeroBackend) Close(ctx context.Context) error { return b.rt.Close(ctx) }

// wazeroModule is an api.Module as a Module. Its functions, memory and mutable globals are
// wazero's own values (the interfaces are subsets of theirs): calls go straight to wazero.
type wazeroModule struct{ mod api.Module }

func (m *wazeroModule) ExportedFunction(name string) Function {
	if f := m.mod.ExportedFunction(name); f != nil {
		return f
	}
	return nil
}

func (m *wazeroModule) ExportedGlobal(name string) Global {
	switch g := m.mod.ExportedGlobal(name).(type) {
	case api.MutableGlobal:
		return g
	case api.Global:
		return constGlobal{g}
	}
	return nil
}

func (m *wazeroModule) Memory() Memory                  { return m.mod.Memory() }
func (m *wazeroModule) Close(ctx context.Context) error { return m.mod.Close(ctx) }

// constGlobal is an immutable global (kitwasm_interrupt_handler).
type constGlobal struct{ api.Global }

func (g constGlobal) Set(uint64) { panic("wasmhost: set of an immutable global") }
