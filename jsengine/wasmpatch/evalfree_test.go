package wasmpatch

import (
	"context"
	"fmt"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/tetratelabs/wazero"
	"github.com/tetratelabs/wazero/api"
	"github.com/tetratelabs/wazero/experimental"
	"github.com/tetratelabs/wazero/imports/wasi_snapshot_preview1"
)

// freeValueCalls counts the `call JS_FreeValue` instructions of every body.
func freeValueCalls(t *testing.T, wasm []byte) map[uint32]int {
	t.Helper()
	m, err := parseModule(wasm)
	require.NoError(t, err)
	nImp, _, err := m.importCounts()
	require.NoError(t, err)
	exports, err := m.decodeExports()
	require.NoError(t, err)
	bodies, err := m.decodeCode()
	require.NoError(t, err)
	free := ^uint32(0)
	for _, e := range exports {
		if e.kind == kindFunc && e.name == FreeValueExport {
			free = e.index
		}
	}
	require.NotEqual(t, ^uint32(0), free)
	calls := map[uint32]int{}
	for k, raw := range bodies {
		b, err := parseBody(raw)
		require.NoError(t, err)
		require.NoError(t, b.walk(func(in instr) {
			if in.op == opCall {
				r := &reader{b: raw[in.start+1 : in.end]}
				if r.u32() == free {
					calls[nImp+uint32(k)]++
				}
			}
		}))
	}
	return calls
}

// TestPatchEvalDoubleFree: the patch removes exactly one `call JS_FreeValue`,
// the one after JS_EvalFunction in QJS_Eval's bytecode path (load_buf), and a
// patched module has no such site left.
func TestPatchEvalDoubleFree(t *testing.T) {
	res, err := Patch(qjsWasm, Options{RequireQuickJSHook: true})
	require.NoError(t, err)
	require.True(t, res.EvalDoubleFreeFixed)
	t.Logf("removed the double free in function %d (JS_EvalFunction is %d)", res.EvalDoubleFreeFunc, res.EvalFunctionFunc)

	before, after := freeValueCalls(t, qjsWasm), freeValueCalls(t, res.Module)
	assert.Equal(t, 1, before[res.EvalDoubleFreeFunc], "load_buf frees the evaluated function once, on the exception path")
	assert.Equal(t, 0, after[res.EvalDoubleFreeFunc])
	before[res.EvalDoubleFreeFunc]--
	delete(before, res.EvalDoubleFreeFunc)
	delete(after, res.EvalDoubleFreeFunc)
	assert.Equal(t, before, after, "no other JS_FreeValue call changes")

	m, err := parseModule(res.Module)
	require.NoError(t, err)
	types, _ := m.decodeTypes()
	nImp, _, _ := m.importCounts()
	funcTypes, _ := m.decodeFunctionTypes()
	exports, _ := m.decodeExports()
	bodies, _ := m.decodeCode()
	_, err = findEvalDoubleFree(bodies, exports, funcTypes, types, nImp)
	assert.EqualError(t, err, errNoEvalFree)
}

// listenedIsolate is newIsolate's protocol (patched: stack moved, hook armed)
// with a function listener factory attached at compile time.
func listenedIsolate(t *testing.T, patched bool, f experimental.FunctionListenerFactory) *isolate {
	t.Helper()
	ctx := context.Background()
	wasm := qjsWasm
	if patched {
		patchedOnce.Do(func() { patchedBytes, patchedErr = StackGuard(qjsWasm) })
		require.NoError(t, patchedErr)
		wasm = patchedBytes
	}
	rt := wazero.NewRuntimeWithConfig(ctx, wazero.NewRuntimeConfigCompiler())
	iso := &isolate{ctx: ctx, rt: rt, patched: patched}
	t.Cleanup(iso.close)
	wasi_snapshot_preview1.MustInstantiate(ctx, rt)
	_, err := rt.NewHostModuleBuilder("env").NewFunctionBuilder().
		WithFunc(func(context.Context, uint32, uint64, uint32, uint32) uint64 { return jsUndefined }).
		Export("jsFunctionProxy").Instantiate(ctx)
	require.NoError(t, err)
	compiled, err := rt.CompileModule(experimental.WithFunctionListenerFactory(ctx, f), wasm)
	require.NoError(t, err)
	iso.mod, err = rt.InstantiateModule(ctx, compiled, wazero.NewModuleConfig().WithStartFunctions())
	require.NoError(t, err)
	if patched {
		base, err := iso.call("malloc", StackSize)
		require.NoError(t, err)
		l, err := NewLayout(uint32(base), StackSize)
		require.NoError(t, err)
		iso.layout = l
		iso.mod.ExportedGlobal(ExportStackPointer).(api.MutableGlobal).Set(uint64(l.Top))
		iso.mod.ExportedGlobal(ExportStackLimit).(api.MutableGlobal).Set(uint64(l.Limit))
		iso.mod.ExportedGlobal(ExportJSStackLimit).(api.MutableGlobal).Set(uint64(l.JSLimit))
	}
	q, err := iso.call("New_QJS", 0, 0, 0, 0)
	require.NoError(t, err)
	iso.qjs = uint32(q)
	if patched {
		_, err := iso.call("QJS_UpdateStackTop", q)
		require.NoError(t, err)
	}
	c, err := iso.call("QJS_GetContext", q)
	require.NoError(t, err)
	iso.jsctx = uint32(c)
	return iso
}

// freeChecker is a listener on JS_FreeValue that records every call whose
// value is reference counted but whose header is not a live one: its
// ref_count (the first i32 of the object) must be at least 1, and below the
// lowest heap address (a freed block holds malloc's list pointers there).
type freeChecker struct{ bad []string }

func (c *freeChecker) Before(_ context.Context, mod api.Module, _ api.FunctionDefinition, params []uint64, _ experimental.StackIterator) {
	v := params[1]
	if tag := int32(v >> 32); tag < 0 {
		rc, _ := mod.Memory().ReadUint32Le(uint32(v))
		if int32(rc) < 1 || rc >= 1<<16 {
			c.bad = append(c.bad, fmt.Sprintf("JS_FreeValue(tag %d, %#x): ref_count %d", tag, uint32(v), int32(rc)))
		}
	}
}
func (*freeChecker) After(context.Context, api.Module, api.FunctionDefinition, []uint64) {}
func (*freeChecker) Abort(context.Context, api.Module, api.FunctionDefinition, error)    {}

func (c *freeChecker) factory() experimental.FunctionListenerFactory {
	return experimental.FunctionListenerFactoryFunc(func(def api.FunctionDefinition) experimental.FunctionListener {
		for _, n := range def.ExportNames() {
			if n == FreeValueExport {
				return c
			}
		}
		return nil
	})
}

// evalBytecode compiles src (a global script) with QJS_Compile2 and evaluates
// the bytecode with QJS_Eval, as the host does; it returns the result's
// string, or the exception's with thrown set.
func (iso *isolate) evalBytecode(t *testing.T, src string) evalResult {
	t.Helper()
	buf, err := iso.cstring(src)
	require.NoError(t, err)
	name, err := iso.cstring("bc.js")
	require.NoError(t, err)
	opts, err := iso.call("QJS_CreateEvalOption", uint64(buf), 0, 0, uint64(name), 0)
	require.NoError(t, err)
	at, err := iso.call("QJS_Compile2", uint64(iso.jsctx), opts)
	require.NoError(t, err)
	require.NotZero(t, at, "compile %q", src)
	packed, _ := iso.mod.Memory().ReadUint64Le(uint32(at))
	bc, n := packed>>32, uint64(uint32(packed))
	bopts, err := iso.call("QJS_CreateEvalOption", 0, bc, n, 0, 0)
	require.NoError(t, err)
	v, err := iso.call("QJS_Eval", uint64(iso.jsctx), bopts)
	require.NoError(t, err, "evaluate %q", src)
	for _, p := range []uint64{bopts, bc, at, opts, uint64(name), uint64(buf)} {
		_, err := iso.call("free", p)
		require.NoError(t, err)
	}
	var res evalResult
	if v>>32 == jsTagException {
		v, err = iso.call("JS_GetException", uint64(iso.jsctx))
		require.NoError(t, err)
		res.thrown = true
	}
	res.value, err = iso.toString(v)
	require.NoError(t, err)
	_, err = iso.call("QJS_FreeValue", uint64(iso.jsctx), v)
	require.NoError(t, err)
	return res
}

// TestThrowingBytecodeFreesItsFunctionOnce is the defect at its root: when
// script bytecode throws, JS_EvalFunction has already consumed the function
// object (js_closure takes it, JS_CallFree releases it), and qjswasm's
// load_buf frees it a second time. In the original module that second
// JS_FreeValue lands on freed memory; in the patched module no value is freed
// after its release, and a long run of throwing evaluations leaves the
// isolate intact.
func TestThrowingBytecodeFreesItsFunctionOnce(t *testing.T) {
	srcs := []string{`throw 5`, `throw new RangeError('r' + 1)`, `let q = [1, 2]; q.map(x => { throw x })`}

	// The original module, once (its heap is corrupted afterwards: in this bare
	// isolate the next compile traps with an out-of-bounds access).
	orig := &freeChecker{}
	iso := listenedIsolate(t, false, orig.factory())
	assert.True(t, iso.evalBytecode(t, srcs[0]).thrown)
	assert.NotEmpty(t, orig.bad, "original module: expected a JS_FreeValue of the released function")
	t.Logf("original module, %q: %v", srcs[0], orig.bad)

	fixed := &freeChecker{}
	iso = listenedIsolate(t, true, fixed.factory())
	for i := 0; i < 300; i++ {
		src := srcs[i%len(srcs)]
		r := iso.evalBytecode(t, src)
		require.True(t, r.thrown, src)
		require.Empty(t, fixed.bad, "patched module, %q (round %d)", src, i)
		r = iso.evalBytecode(t, fmt.Sprintf(`new Array(%d).fill('x').join('').length`, 10+i))
		require.Equal(t, evalResult{value: fmt.Sprint(10 + i)}, r)
	}
	assert.Equal(t, evalResult{value: "6"}, iso.evalBytecode(t, `[1, 2, 3].reduce((a, b) => a + b)`))
	assert.Equal(t, iso.layout.Top, iso.stackPointer(), "stack pointer back at the top")
}
