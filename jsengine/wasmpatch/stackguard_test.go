package wasmpatch

import (
	"bytes"
	"context"
	"errors"
	"math"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/tetratelabs/wazero"
	"github.com/tetratelabs/wazero/api"
)

func TestLEB128RoundTrip(t *testing.T) {
	for _, v := range []uint32{0, 1, 63, 64, 127, 128, 255, 16383, 16384, 1 << 21, 1<<28 - 1, 1 << 28, math.MaxUint32} {
		b := appendU32(nil, v)
		r := &reader{b: b}
		assert.Equal(t, v, r.u32())
		assert.NoError(t, r.err)
		assert.True(t, r.eof())
	}
	for _, v := range []int32{0, 1, -1, 63, 64, -64, -65, 127, 128, -128, 1 << 20, -(1 << 20), math.MaxInt32, math.MinInt32} {
		b := appendS32(nil, v)
		r := &reader{b: b}
		assert.Equal(t, v, r.s32(), "value %d encoded % x", v, b)
		assert.NoError(t, r.err)
		assert.True(t, r.eof())
	}
	// Non-minimal encodings are accepted; overlong ones are refused.
	r := &reader{b: []byte{0x80, 0x80, 0x00}}
	assert.Equal(t, uint32(0), r.u32())
	assert.NoError(t, r.err)
	r = &reader{b: []byte{0x80, 0x80, 0x80, 0x80, 0x80, 0x00}}
	r.u32()
	assert.Error(t, r.err)
	r = &reader{b: []byte{0xff, 0xff, 0xff, 0xff, 0x7f}} // > 32 bits
	r.u32()
	assert.Error(t, r.err)
	r = &reader{b: []byte{0x80}}
	r.u32()
	assert.ErrorIs(t, r.err, errTruncated)
}

func TestRoundTripUnmodifiedModule(t *testing.T) {
	m, err := parseModule(qjsWasm)
	require.NoError(t, err)
	assert.True(t, bytes.Equal(qjsWasm, m.encode()), "parse+encode must reproduce qjs.wasm byte for byte")

	// Decoding and re-encoding every part the transform touches is lossless too.
	globals, err := m.decodeGlobals()
	require.NoError(t, err)
	exports, err := m.decodeExports()
	require.NoError(t, err)
	bodies, err := m.decodeCode()
	require.NoError(t, err)
	assert.Equal(t, m.sections[m.find(secGlobal)].payload, encodeGlobals(globals))
	assert.Equal(t, m.sections[m.find(secExport)].payload, encodeExports(exports))
	assert.Equal(t, m.sections[m.find(secCode)].payload, encodeCode(bodies))

	// Every instruction of every body decodes, and the walk ends exactly at the
	// body's end.
	for i, raw := range bodies {
		b, err := parseBody(raw)
		require.NoError(t, err, "body %d", i)
		last := -1
		require.NoError(t, b.walk(func(in instr) { last = in.end }), "body %d", i)
		require.Equal(t, len(raw), last, "body %d", i)
		require.Equal(t, byte(0x0b), raw[len(raw)-1])
	}
}

func TestPatchQJS(t *testing.T) {
	res, err := Patch(qjsWasm, Options{RequireQuickJSHook: true})
	require.NoError(t, err)
	assert.True(t, res.QuickJSHook)
	assert.Equal(t, uint32(0), res.StackPointerGlobal)
	assert.Equal(t, uint32(165408), res.InitialStackPointer)
	assert.Greater(t, res.GuardedSets, 500)
	t.Logf("guarded %d stack-pointer writes in %d functions; module %d -> %d bytes",
		res.GuardedSets, res.InstrumentedFunction, len(qjsWasm), len(res.Module))

	m, err := parseModule(res.Module)
	require.NoError(t, err)
	exports, err := m.decodeExports()
	require.NoError(t, err)
	got := map[string]export{}
	for _, e := range exports {
		got[e.name] = e
	}
	for name, idx := range map[string]uint32{
		ExportStackPointer: res.StackPointerGlobal,
		ExportStackLimit:   res.StackLimitGlobal,
		ExportJSStackLimit: res.JSStackLimitGlobal,
	} {
		e, ok := got[name]
		require.True(t, ok, name)
		assert.Equal(t, byte(kindGlobal), e.kind)
		assert.Equal(t, idx, e.index)
	}
	for _, s := range m.sections {
		if s.id == secCustom {
			assert.NotContains(t, customName(s), ".debug_")
		}
	}

	// No unguarded write of the stack pointer is left.
	bodies, err := m.decodeCode()
	require.NoError(t, err)
	for i, raw := range bodies {
		b, err := parseBody(raw)
		require.NoError(t, err)
		var prev [3]instr
		require.NoError(t, b.walk(func(in instr) {
			if in.op == 0x24 && uint32(in.imm) == res.StackPointerGlobal {
				// ... i32.lt_u if unreachable end local.get $t global.set sp
				require.Equal(t, byte(0x20), prev[2].op, "body %d", i)
				require.Equal(t, byte(0x0b), prev[1].op, "body %d", i)
				require.Equal(t, byte(0x00), prev[0].op, "body %d", i)
			}
			prev[0], prev[1], prev[2] = prev[1], prev[2], in
		}))
	}

	// The patched module compiles, and instantiates with the three globals.
	ctx := context.Background()
	rt := wazero.NewRuntimeWithConfig(ctx, wazero.NewRuntimeConfigCompiler().WithCompilationCache(compilationCache()))
	defer rt.Close(ctx)
	compiled, err := rt.CompileModule(ctx, res.Module)
	require.NoError(t, err)
	assert.NotNil(t, compiled.ExportedFunctions()["QJS_UpdateStackTop"])

	// Patching twice is refused.
	_, err = StackGuard(res.Module)
	assert.ErrorIs(t, err, ErrAlreadyPatched)
}

func TestPatchRefusesGarbage(t *testing.T) {
	_, err := StackGuard([]byte("not wasm"))
	assert.Error(t, err)
	_, err = StackGuard(qjsWasm[:len(qjsWasm)/2])
	assert.Error(t, err)
	// A module without QJS_UpdateStackTop is refused by StackGuard but accepted
	// by Patch without RequireQuickJSHook.
	tiny := tinyModule()
	_, err = StackGuard(tiny)
	assert.Error(t, err)
	_, err = Patch(tiny, Options{OriginalStackSize: tinyStack})
	assert.NoError(t, err)
}

func TestNewLayout(t *testing.T) {
	l, err := NewLayout(165424, StackSize)
	require.NoError(t, err)
	assert.Equal(t, uint32(0), l.Top%16)
	assert.Equal(t, uint32(0), l.Limit%16)
	assert.LessOrEqual(t, l.Top, l.Base+l.Size)
	assert.GreaterOrEqual(t, l.Limit, l.Base+GuardBytes)
	assert.Equal(t, l.Limit+JSReserve, l.JSLimit)
	_, err = NewLayout(0, StackSize)
	assert.Error(t, err)
	_, err = NewLayout(1000, JSReserve)
	assert.Error(t, err)
	_, err = NewLayout(math.MaxUint32-100, StackSize)
	assert.Error(t, err)
}

// The tiny module: 1 page of memory; a canary of 0x5a bytes at [1024, 2048);
// the stack [2048, 4096) with its pointer in global 0; and
//
//	rec(n): sp -= 64; store n at sp; store 0xaaaaaaaa at sp+60;
//	        if n { rec(n-1) }; sp += 64
//
// so rec(n) needs 64*(n+1) bytes of stack and, unguarded, silently overwrites
// the canary from n = 32 on.
const (
	tinyCanaryAt = 1024
	tinyStackLow = 2048
	tinyStackTop = 4096
	tinyStack    = tinyStackTop - tinyStackLow
)

func tinyModule() []byte {
	var m []byte
	m = append(m, wasmHeader...)
	sec := func(id byte, payload []byte) {
		m = append(m, id)
		m = appendU32(m, uint32(len(payload)))
		m = append(m, payload...)
	}
	sec(secType, []byte{1, 0x60, 1, valI32, 0})
	sec(secFunction, []byte{1, 0})
	sec(secMemory, []byte{1, 0, 1})
	g := []byte{1, valI32, 1, 0x41}
	g = appendS32(g, tinyStackTop)
	sec(secGlobal, append(g, 0x0b))
	var ex []byte
	ex = appendU32(ex, 2)
	ex = appendName(ex, "memory")
	ex = append(ex, kindMemory, 0)
	ex = appendName(ex, "rec")
	ex = append(ex, kindFunc, 0)
	sec(secExport, ex)
	code := []byte{
		1, 1, valI32, // one i32 local
		0x23, 0, 0x41, 0xc0, 0x00, 0x6b, 0x22, 1, 0x24, 0, // sp -= 64 (local 1 = sp)
		0x20, 1, 0x20, 0, 0x36, 2, 0, // i32.store [sp] = n
		0x20, 1, 0x41, 0xaa, 0xd5, 0xaa, 0xd5, 0x7a, 0x36, 2, 60, // i32.store [sp+60] = 0xaaaaaaaa
		0x20, 0, 0x04, 0x40, 0x20, 0, 0x41, 1, 0x6b, 0x10, 0, 0x0b, // if n { rec(n-1) }
		0x20, 1, 0x41, 0xc0, 0x00, 0x6a, 0x24, 0, // sp += 64
		0x0b,
	}
	body := appendU32(nil, uint32(len(code)))
	sec(secCode, append(append([]byte{1}, body...), code...))
	data := []byte{1, 0, 0x41}
	data = appendS32(data, tinyCanaryAt)
	data = append(data, 0x0b)
	data = appendU32(data, tinyStackLow-tinyCanaryAt)
	data = append(data, bytes.Repeat([]byte{0x5a}, tinyStackLow-tinyCanaryAt)...)
	sec(secData, data)
	return m
}

func instantiateTiny(t *testing.T, wasm []byte) api.Module {
	ctx := context.Background()
	rt := wazero.NewRuntimeWithConfig(ctx, wazero.NewRuntimeConfigCompiler())
	t.Cleanup(func() { rt.Close(ctx) })
	mod, err := rt.Instantiate(ctx, wasm)
	require.NoError(t, err)
	return mod
}

func canaryIntact(t *testing.T, mod api.Module) bool {
	b, ok := mod.Memory().Read(tinyCanaryAt, tinyStackLow-tinyCanaryAt)
	require.True(t, ok)
	return bytes.Equal(b, bytes.Repeat([]byte{0x5a}, len(b)))
}

func TestTinyModuleOverflowTrapsInsteadOfWriting(t *testing.T) {
	ctx := context.Background()
	tiny := tinyModule()

	// Unpatched: 40 frames need 2624 bytes of a 2048-byte stack; nothing traps
	// and the canary below the stack is silently overwritten.
	orig := instantiateTiny(t, tiny)
	_, err := orig.ExportedFunction("rec").Call(ctx, 20)
	require.NoError(t, err)
	assert.True(t, canaryIntact(t, orig))
	_, err = orig.ExportedFunction("rec").Call(ctx, 40)
	require.NoError(t, err)
	assert.False(t, canaryIntact(t, orig), "the unpatched module should corrupt the data below its stack")

	res, err := Patch(tiny, Options{OriginalStackSize: tinyStack})
	require.NoError(t, err)
	assert.Equal(t, 2, res.GuardedSets)
	assert.False(t, res.QuickJSHook)
	assert.Equal(t, uint32(tinyStackLow+GuardBytes), res.InitialStackLimit)

	mod := instantiateTiny(t, res.Module)
	sp := mod.ExportedGlobal(ExportStackPointer)
	limit := mod.ExportedGlobal(ExportStackLimit).(api.MutableGlobal)
	require.NotNil(t, mod.ExportedGlobal(ExportJSStackLimit))
	assert.Equal(t, uint64(tinyStackTop), sp.Get())
	assert.Equal(t, uint64(res.InitialStackLimit), limit.Get())

	_, err = mod.ExportedFunction("rec").Call(ctx, 20)
	require.NoError(t, err)
	assert.Equal(t, uint64(tinyStackTop), sp.Get(), "stack pointer restored")

	_, err = mod.ExportedFunction("rec").Call(ctx, 40)
	require.Error(t, err)
	assert.Contains(t, err.Error(), "unreachable")
	assert.True(t, canaryIntact(t, mod), "the guard must trap before any write below the stack")
	// The deepest frame that ran is the last one at or above the limit.
	low, ok := mod.Memory().Read(tinyStackLow, GuardBytes)
	require.True(t, ok)
	assert.Equal(t, make([]byte, GuardBytes), low, "nothing written below the limit")
	assert.GreaterOrEqual(t, sp.Get(), uint64(res.InitialStackLimit))

	// The limit is a runtime setting: raise it and a shallower recursion traps.
	mod2 := instantiateTiny(t, res.Module)
	mod2.ExportedGlobal(ExportStackLimit).(api.MutableGlobal).Set(tinyStackTop - 10*64)
	_, err = mod2.ExportedFunction("rec").Call(ctx, 8)
	require.NoError(t, err)
	_, err = mod2.ExportedFunction("rec").Call(ctx, 10)
	require.Error(t, err)
	var exit interface{ ExitCode() uint32 }
	assert.False(t, errors.As(err, &exit), "a trap, not an exit")
}
