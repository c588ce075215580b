package wasmpatch

import (
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/tetratelabs/wazero"
	"github.com/tetratelabs/wazero/api"
	"github.com/tetratelabs/wazero/imports/wasi_snapshot_preview1"
)

// This file instantiates the engine the way the host (package wasmhost) does,
// so the integration tests exercise the real module, original and patched.

// callTimeout bounds every call into the engine, so a runaway test fails
// instead of hanging.
var callTimeout = 60 * time.Second

const (
	jsTagException = 6
	jsUndefined    = uint64(3) << 32 // JS_UNDEFINED in the NaN-boxed wasm32 build
)

var (
	cacheOnce sync.Once
	compCache wazero.CompilationCache

	patchedOnce  sync.Once
	patchedBytes []byte
	patchedErr   error
)

func compilationCache() wazero.CompilationCache {
	cacheOnce.Do(func() { compCache = wazero.NewCompilationCache() })
	return compCache
}

// isolate is one engine instance in its own wazero runtime.
type isolate struct {
	ctx     context.Context
	rt      wazero.Runtime
	mod     api.Module
	qjs     uint32 // QJSRuntime*
	jsctx   uint32 // JSContext*
	layout  Layout
	patched bool
	trapped error // set once a call trapped: the isolate must be discarded
}

type isolateConfig struct {
	patched   bool
	stackSize uint32 // 0: keep the module's own stack (patched module only)
	// interrupt installs the interrupt handler (patched module only): the
	// host protocol of the package documentation.
	interrupt bool
	// noCloseOnDone compiles without wazero's WithCloseOnContextDone, i.e.
	// without its termination checks; callTimeout is then not enforced.
	noCloseOnDone bool
}

func newIsolate(t testing.TB, cfg isolateConfig) *isolate {
	t.Helper()
	iso, err := startIsolate(cfg)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(iso.close)
	return iso
}

func startIsolate(cfg isolateConfig) (*isolate, error) {
	ctx := context.Background()
	wasm := qjsWasm
	if cfg.patched {
		var err error
		patchedOnce.Do(func() { patchedBytes, patchedErr = StackGuard(qjsWasm) })
		if err = patchedErr; err != nil {
			return nil, err
		}
		wasm = patchedBytes
	}
	rt := wazero.NewRuntimeWithConfig(ctx, wazero.NewRuntimeConfigCompiler().
		WithCloseOnContextDone(!cfg.noCloseOnDone).WithCompilationCache(compilationCache()))
	iso := &isolate{ctx: ctx, rt: rt, patched: cfg.patched}
	fail := func(err error) (*isolate, error) {
		_ = rt.Close(ctx)
		return nil, err
	}
	wasi_snapshot_preview1.MustInstantiate(ctx, rt)
	if _, err := rt.NewHostModuleBuilder("env").NewFunctionBuilder().
		WithFunc(func(ctx context.Context, jsctx uint32, this uint64, argc uint32, argv uint32) uint64 {
			return jsUndefined
		}).Export("jsFunctionProxy").Instantiate(ctx); err != nil {
		return fail(err)
	}
	compiled, err := rt.CompileModule(ctx, wasm)
	if err != nil {
		return fail(err)
	}
	mod, err := rt.InstantiateModule(ctx, compiled, wazero.NewModuleConfig().
		WithStartFunctions().WithSysWalltime().WithSysNanotime())
	if err != nil {
		return fail(err)
	}
	iso.mod = mod

	// The host protocol of the package documentation.
	if cfg.patched && cfg.stackSize > 0 {
		base, err := iso.call("malloc", uint64(cfg.stackSize))
		if err != nil {
			return fail(err)
		}
		l, err := NewLayout(uint32(base), cfg.stackSize)
		if err != nil {
			return fail(err)
		}
		iso.layout = l
		mod.ExportedGlobal(ExportStackPointer).(api.MutableGlobal).Set(uint64(l.Top))
		mod.ExportedGlobal(ExportStackLimit).(api.MutableGlobal).Set(uint64(l.Limit))
		mod.ExportedGlobal(ExportJSStackLimit).(api.MutableGlobal).Set(uint64(l.JSLimit))
	}
	q, err := iso.call("New_QJS", 0, 0, 0, 0)
	if err != nil || q == 0 {
		return fail(fmt.Errorf("New_QJS: %v", err))
	}
	iso.qjs = uint32(q)
	if cfg.patched && cfg.interrupt {
		// QJSRuntime's first field is the JSRuntime*.
		jsrt := iso.readU32(uint32(q))
		slot := uint32(mod.ExportedGlobal(ExportInterruptHandler).Get())
		if jsrt == 0 || !mod.Memory().WriteUint32Le(jsrt+RuntimeInterruptHandlerOffset, slot) {
			return fail(fmt.Errorf("cannot install the interrupt handler (JSRuntime %#x)", jsrt))
		}
	}
	if cfg.patched {
		if _, err := iso.call("QJS_UpdateStackTop", q); err != nil {
			return fail(err)
		}
	}
	c, err := iso.call("QJS_GetContext", q)
	if err != nil {
		return fail(err)
	}
	iso.jsctx = uint32(c)
	return iso, nil
}

func (iso *isolate) close() { _ = iso.rt.Close(iso.ctx) }

func (iso *isolate) call(name string, args ...uint64) (uint64, error) {
	if iso.trapped != nil {
		return 0, fmt.Errorf("isolate discarded after trap: %w", iso.trapped)
	}
	fn := iso.mod.ExportedFunction(name)
	if fn == nil {
		return 0, fmt.Errorf("no export %s", name)
	}
	ctx, cancel := context.WithTimeout(iso.ctx, callTimeout)
	defer cancel()
	res, err := fn.Call(ctx, args...)
	if err != nil {
		iso.trapped = err
		return 0, err
	}
	if len(res) == 0 {
		return 0, nil
	}
	return res[0], nil
}

func (iso *isolate) cstring(s string) (uint32, error) {
	p, err := iso.call("malloc", uint64(len(s)+1))
	if err != nil {
		return 0, err
	}
	if p == 0 {
		return 0, errors.New("malloc failed")
	}
	mem := iso.mod.Memory()
	mem.Write(uint32(p), []byte(s))
	mem.WriteByte(uint32(p)+uint32(len(s)), 0)
	return uint32(p), nil
}

// toString converts a JSValue with JS ToString semantics; it does not free v.
func (iso *isolate) toString(v uint64) (string, error) {
	p, err := iso.call("QJS_ToCString", uint64(iso.jsctx), v)
	if err != nil {
		return "", err
	}
	if p == 0 {
		return "", errors.New("QJS_ToCString failed")
	}
	mem := iso.mod.Memory()
	packed, _ := mem.ReadUint64Le(uint32(p))
	sp, n := uint32(packed>>32), uint32(packed)
	b, ok := mem.Read(sp, n)
	if !ok {
		return "", errors.New("string out of range")
	}
	s := string(b)
	if _, err := iso.call("JS_FreeCString", uint64(iso.jsctx), uint64(sp)); err != nil {
		return "", err
	}
	if _, err := iso.call("free", uint64(p)); err != nil {
		return "", err
	}
	return s, nil
}

// evalResult is the outcome of one evaluation.
type evalResult struct {
	value  string // ToString of the result, or of the exception when thrown
	thrown bool
}

func (r evalResult) String() string {
	if r.thrown {
		return "throw " + r.value
	}
	return r.value
}

// eval evaluates global script source. A non-nil error is a trap (or a host
// failure); the isolate is then unusable.
func (iso *isolate) eval(src string) (evalResult, error) {
	buf, err := iso.cstring(src)
	if err != nil {
		return evalResult{}, err
	}
	name, err := iso.cstring("probe.js")
	if err != nil {
		return evalResult{}, err
	}
	opts, err := iso.call("QJS_CreateEvalOption", uint64(buf), 0, 0, uint64(name), 0)
	if err != nil {
		return evalResult{}, err
	}
	v, err := iso.call("QJS_Eval", uint64(iso.jsctx), opts)
	if err != nil {
		return evalResult{}, err
	}
	for _, p := range []uint32{uint32(opts), name, buf} {
		if _, err := iso.call("free", uint64(p)); err != nil {
			return evalResult{}, err
		}
	}
	var res evalResult
	if v>>32 == jsTagException {
		ex, err := iso.call("JS_GetException", uint64(iso.jsctx))
		if err != nil {
			return evalResult{}, err
		}
		v = ex
		res.thrown = true
	}
	s, err := iso.toString(v)
	if err != nil {
		return evalResult{}, err
	}
	res.value = s
	if _, err := iso.call("QJS_FreeValue", uint64(iso.jsctx), v); err != nil {
		return evalResult{}, err
	}
	return res, nil
}

func (iso *isolate) stackPointer() uint32 {
	g := iso.mod.ExportedGlobal(ExportStackPointer)
	if g == nil {
		return 0
	}
	return uint32(g.Get())
}

// readU32 reads a little-endian u32 of linear memory.
func (iso *isolate) readU32(addr uint32) uint32 {
	b, ok := iso.mod.Memory().Read(addr, 4)
	if !ok {
		return 0
	}
	return binary.LittleEndian.Uint32(b)
}
