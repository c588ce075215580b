// Package compare drives the engine on wazero and the engine translated by wasm2go through
// the same driver (translated.Isolate) and compares them: the same checks must give the same
// answers, and Main measures both in one run (see the package test for how to run it).
package compare

import (
	"context"
	"crypto/rand"
	"fmt"
	"io"

	"github.com/tetratelabs/wazero"
	"github.com/tetratelabs/wazero/api"
	"github.com/tetratelabs/wazero/imports/wasi_snapshot_preview1"

	"github.com/kitwasm/kitwasm/jsengine/wasmpatch"
	"github.com/kitwasm/kitwasm/wasmhost/translated"
	"github.com/kitwasm/kitwasm/wasmhost/translated/translate"
)

// Wazero is the patched engine module compiled by wazero's compiler, configured as wasmhost
// configures it (memory limit, WASI without files or environment, one host function).
type Wazero struct {
	rt       wazero.Runtime
	compiled wazero.CompiledModule
	log      io.Writer
}

type guestKey struct{}

// NewWazero compiles the patched engine module.
func NewWazero(ctx context.Context, memoryLimitPages uint32, log io.Writer) (*Wazero, error) {
	patched, err := translate.PatchedModule()
	if err != nil {
		return nil, err
	}
	rt := wazero.NewRuntimeWithConfig(ctx, wazero.NewRuntimeConfigCompiler().WithMemoryLimitPages(memoryLimitPages))
	if _, err := wasi_snapshot_preview1.Instantiate(ctx, rt); err != nil {
		rt.Close(ctx)
		return nil, err
	}
	host := func(ctx context.Context, _ api.Module, stack []uint64) {
		g, _ := ctx.Value(guestKey{}).(*wazeroGuest)
		if g == nil || g.Call == nil {
			stack[0] = uint64(3) << 32 // undefined
			return
		}
		stack[0] = uint64(g.Call(int32(stack[0]), int64(stack[1]), int32(stack[2]), int32(stack[3])))
	}
	if _, err := rt.NewHostModuleBuilder("env").NewFunctionBuilder().
		WithGoModuleFunction(api.GoModuleFunc(host),
			[]api.ValueType{api.ValueTypeI32, api.ValueTypeI64, api.ValueTypeI32, api.ValueTypeI32},
			[]api.ValueType{api.ValueTypeI64}).
		Export("jsFunctionProxy").Instantiate(ctx); err != nil {
		rt.Close(ctx)
		return nil, err
	}
	compiled, err := rt.CompileModule(ctx, patched)
	if err != nil {
		rt.Close(ctx)
		return nil, err
	}
	return &Wazero{rt: rt, compiled: compiled, log: log}, nil
}

// Close releases the runtime and every guest made from it.
func (w *Wazero) Close(ctx context.Context) error { return w.rt.Close(ctx) }

// NewGuest instantiates the engine as wasmhost does (no start functions, no arguments,
// environment or file system; clocks, sleep and randomness from the host).
func (w *Wazero) NewGuest(ctx context.Context) (*WazeroGuest, error) {
	cfg := wazero.NewModuleConfig().WithName("").WithStartFunctions().
		WithSysWalltime().WithSysNanotime().WithSysNanosleep().WithRandSource(rand.Reader).
		WithStdout(w.log).WithStderr(w.log)
	mod, err := w.rt.InstantiateModule(ctx, w.compiled, cfg)
	if err != nil {
		return nil, err
	}
	g := &wazeroGuest{mod: mod, mem: mod.Memory(), fns: map[string]api.Function{}}
	g.ctx = context.WithValue(ctx, guestKey{}, g)
	for _, name := range []string{"malloc", "free", "New_QJS", "QJS_Free", "QJS_UpdateStackTop",
		"QJS_GetContext", "QJS_CreateEvalOption", "QJS_Eval", "QJS_Compile2", "QJS_ToCString",
		"JS_FreeCString", "QJS_FreeValue", "JS_GetException", "JS_GetPropertyStr",
		"JS_SetPropertyStr", "JS_GetGlobalObject", "QJS_CreateFunctionProxy", "QJS_NewString",
		"QJS_ThrowTypeError"} {
		f := mod.ExportedFunction(name)
		if f == nil {
			mod.Close(ctx)
			return nil, fmt.Errorf("engine module lacks export %s", name)
		}
		g.fns[name] = f
	}
	g.malloc, g.free, g.eval = g.fns["malloc"], g.fns["free"], g.fns["QJS_Eval"]
	for _, name := range []string{wasmpatch.ExportStackPointer, wasmpatch.ExportStackLimit, wasmpatch.ExportJSStackLimit, wasmpatch.ExportInterrupt} {
		if _, ok := mod.ExportedGlobal(name).(api.MutableGlobal); !ok {
			mod.Close(ctx)
			return nil, fmt.Errorf("engine module lacks mutable global %s", name)
		}
	}
	return &WazeroGuest{g}, nil
}

// WazeroGuest is a translated.Guest on wazero; Call is its env.jsFunctionProxy.
type WazeroGuest struct{ *wazeroGuest }

type wazeroGuest struct {
	mod          api.Module
	mem          api.Memory
	ctx          context.Context
	fns          map[string]api.Function
	malloc, free api.Function
	eval         api.Function
	stack        [8]uint64
	Call         func(ctxp int32, this int64, argc, argv int32) int64
}

// Close releases the instance.
func (g *WazeroGuest) Close() { g.mod.Close(context.Background()) }

// call runs fn; a trap panics (translated.Isolate recovers it), as in the translated engine.
func (g *wazeroGuest) call(fn api.Function, args ...uint64) uint64 {
	// A nested call (from the host function) must not clobber the outer call's stack.
	s := make([]uint64, max(len(args), 1))
	copy(s, args)
	if err := fn.CallWithStack(g.ctx, s); err != nil {
		panic(err)
	}
	return s[0]
}

func u(v int32) uint64 { return uint64(uint32(v)) }

func (g *wazeroGuest) Xmalloc(n int32) int32 { return int32(g.call(g.malloc, u(n))) }
func (g *wazeroGuest) Xfree(p int32)         { g.call(g.free, u(p)) }
func (g *wazeroGuest) XNew_QJS(a, b, c, d int32) int32 {
	return int32(g.call(g.fns["New_QJS"], u(a), u(b), u(c), u(d)))
}
func (g *wazeroGuest) XQJS_Free(q int32)           { g.call(g.fns["QJS_Free"], u(q)) }
func (g *wazeroGuest) XQJS_UpdateStackTop(q int32) { g.call(g.fns["QJS_UpdateStackTop"], u(q)) }
func (g *wazeroGuest) XQJS_GetContext(q int32) int32 {
	return int32(g.call(g.fns["QJS_GetContext"], u(q)))
}
func (g *wazeroGuest) XQJS_CreateEvalOption(a, b, c, d, e int32) int32 {
	return int32(g.call(g.fns["QJS_CreateEvalOption"], u(a), u(b), u(c), u(d), u(e)))
}
func (g *wazeroGuest) XQJS_Eval(c, o int32) int64 { return int64(g.call(g.eval, u(c), u(o))) }
func (g *wazeroGuest) XQJS_Compile2(c, o int32) int32 {
	return int32(g.call(g.fns["QJS_Compile2"], u(c), u(o)))
}
func (g *wazeroGuest) XQJS_ToCString(c int32, v int64) int32 {
	return int32(g.call(g.fns["QJS_ToCString"], u(c), uint64(v)))
}
func (g *wazeroGuest) XJS_FreeCString(c, p int32) { g.call(g.fns["JS_FreeCString"], u(c), u(p)) }
func (g *wazeroGuest) XQJS_FreeValue(c int32, v int64) {
	g.call(g.fns["QJS_FreeValue"], u(c), uint64(v))
}
func (g *wazeroGuest) XJS_GetException(c int32) int64 {
	return int64(g.call(g.fns["JS_GetException"], u(c)))
}
func (g *wazeroGuest) XJS_GetPropertyStr(c int32, o int64, n int32) int64 {
	return int64(g.call(g.fns["JS_GetPropertyStr"], u(c), uint64(o), u(n)))
}
func (g *wazeroGuest) XJS_SetPropertyStr(c int32, o int64, n int32, v int64) int32 {
	return int32(g.call(g.fns["JS_SetPropertyStr"], u(c), uint64(o), u(n), uint64(v)))
}
func (g *wazeroGuest) XJS_GetGlobalObject(c int32) int64 {
	return int64(g.call(g.fns["JS_GetGlobalObject"], u(c)))
}
func (g *wazeroGuest) XQJS_CreateFunctionProxy(c int32, a, b, d int64) int64 {
	return int64(g.call(g.fns["QJS_CreateFunctionProxy"], u(c), uint64(a), uint64(b), uint64(d)))
}
func (g *wazeroGuest) XQJS_NewString(c, p int32) int64 {
	return int64(g.call(g.fns["QJS_NewString"], u(c), u(p)))
}
func (g *wazeroGuest) XQJS_ThrowTypeError(c, m int32) int64 {
	return int64(g.call(g.fns["QJS_ThrowTypeError"], u(c), u(m)))
}

func (g *wazeroGuest) Memory() []byte {
	b, _ := g.mem.Read(0, g.mem.Size())
	return b
}

func (g *wazeroGuest) GrowMemory(pages int32) int32 {
	prev, ok := g.mem.Grow(uint32(pages))
	if !ok {
		return -1
	}
	return int32(prev)
}

func (g *wazeroGuest) setGlobal(name string, v int32) {
	g.mod.ExportedGlobal(name).(api.MutableGlobal).Set(u(v))
}

func (g *wazeroGuest) SetStack(l wasmpatch.Layout) {
	g.setGlobal(wasmpatch.ExportStackPointer, int32(l.Top))
	g.setGlobal(wasmpatch.ExportStackLimit, int32(l.Limit))
	g.setGlobal(wasmpatch.ExportJSStackLimit, int32(l.JSLimit))
}

func (g *wazeroGuest) InterruptHandler() int32 {
	return int32(g.mod.ExportedGlobal(wasmpatch.ExportInterruptHandler).Get())
}

func (g *wazeroGuest) Interrupt(v int32) { g.setGlobal(wasmpatch.ExportInterrupt, v) }

var _ translated.Guest = (*WazeroGuest)(nil)
