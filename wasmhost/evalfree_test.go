package wasmhost

import (
	"context"
	"fmt"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/tetratelabs/wazero/api"
	"github.com/tetratelabs/wazero/experimental"

	"github.com/kitwasm/kitwasm/jsengine/wasmpatch"
)

// freeChecker listens to the engine's JS_FreeValue and records every call whose value is
// reference counted but not alive: its ref_count (the first i32 of the object) must be at
// least 1 and below the lowest heap address (a freed block holds malloc's list pointers
// there).
type freeChecker struct{ bad []string }

func (c *freeChecker) Before(_ context.Context, mod api.Module, _ api.FunctionDefinition, params []uint64, _ experimental.StackIterator) {
	if v := params[1]; refCounted(v) {
		rc, _ := mod.Memory().ReadUint32Le(uint32(v))
		if int32(rc) < 1 || rc >= 1<<16 {
			c.bad = append(c.bad, fmt.Sprintf("JS_FreeValue(tag %d, %#x): ref_count %d", tagOf(v), uint32(v), int32(rc)))
		}
	}
}
func (*freeChecker) After(context.Context, api.Module, api.FunctionDefinition, []uint64) {}
func (*freeChecker) Abort(context.Context, api.Module, api.FunctionDefinition, error)    {}

// TestExceptionPathsFreeEachValueOnce is the root cause of TestCompileAfterThrowKeepsIsolateIntact:
// QJS_Eval's bytecode path (qjswasm's load_buf) freed the function object of a script that
// threw a second time, after JS_EvalFunction had consumed it; the next allocations then
// corrupted the heap. The engine as the host builds it (wasmpatch removes that free) must
// never free a released value on any exception path: a script that throws (an Error, a
// primitive, from a callback), an uncatchable interrupt (what callEntry meets at a deadline),
// a syntax error, and a worker module that throws at its top level.
func TestExceptionPathsFreeEachValueOnce(t *testing.T) {
	checker := &freeChecker{}
	listen := experimental.FunctionListenerFactoryFunc(func(def api.FunctionDefinition) experimental.FunctionListener {
		for _, n := range def.ExportNames() {
			if n == wasmpatch.FreeValueExport {
				return checker
			}
		}
		return nil
	})
	ctx := experimental.WithFunctionListenerFactory(context.Background(), listen)
	rec := &consoleRecorder{}
	eng, err := NewEngine(ctx, EngineConfig{CacheDir: t.TempDir(), Console: rec.log})
	require.NoError(t, err)
	defer eng.Close(ctx)
	ctx = context.Background()

	iso, err := eng.NewIsolate(ctx, nil, nil)
	require.NoError(t, err)
	defer iso.Close()
	sp := iso.mod.ExportedGlobal(wasmpatch.ExportStackPointer)
	top := sp.Get()
	require.Empty(t, checker.bad, "isolate start")
	for i, src := range []string{
		`new TextDecoder()`,
		`throw new RangeError('smoke')`,
		`let = ;`,
		`throw 5`,
		`[1, 2].map(x => { throw new TypeError('cb ' + x) })`,
		`1`,
	} {
		_, err := evalLogged(t, iso, rec, src)
		if i == 0 || i == 5 {
			require.NoError(t, err, src)
		} else {
			var jerr *JSError
			require.ErrorAs(t, err, &jerr, src)
		}
		require.Empty(t, checker.bad, "%q", src)
		require.Equal(t, top, sp.Get(), "%q leaves the stack pointer at the top", src)
	}

	// An interrupted script: the exception callEntry gets when a request overruns.
	bc, err := iso.compile(ctx, "loop.js", `for (;;) {}`, false)
	require.NoError(t, err)
	iso.interrupt()
	err = iso.evalBytecode(ctx, bc, false)
	assert.ErrorContains(t, err, "interrupted")
	assert.Empty(t, checker.bad, "interrupted script")
	iso.flag.Set(0)
	_, err = evalLogged(t, iso, rec, `console.log(String(6 * 7))`)
	require.NoError(t, err)

	// A worker module that throws while it is evaluated (evalModule at isolate start).
	w, err := eng.CompileWorker(ctx, "throws.js", `throw new Error('at start'); export default {}`)
	require.NoError(t, err)
	_, err = eng.NewIsolate(ctx, w, nil)
	assert.ErrorContains(t, err, "at start")
	assert.Empty(t, checker.bad, "worker module that throws")
}
