package wasmhost

import (
	"context"
	"errors"
	"fmt"
	"math"
)

// guest is the raw ABI of the engine module: the C functions that qjs.wasm exports, called
// through a Module (backend.go). JSValues are 64-bit (QuickJS NaN-boxing on wasm32): the tag in the high 32
// bits, the payload (an int32 or a pointer) in the low 32 bits.
//
// Ownership: a JSValue returned by a call is owned by the caller and freed with freeValue
// unless its tag says it is not reference counted. C strings from toString are copied into Go
// and released before the call returns. Nothing here is safe for concurrent use: an isolate
// runs on one goroutine at a time.
type guest struct {
	mod Module
	mem Memory

	malloc, free                       Function
	newString, toCString, freeCString  Function
	newArrayBufferCopy, getArrayBuffer Function
	newFloat64, toFloat64              Function
	eval, createEvalOption, compile2   Function
	freeValue, getException            Function
	getPropertyStr, setPropertyStr     Function
	getGlobal, throwTypeError          Function
	isError                            Function
	newQJS, getContext, updateStackTop Function

	stack [8]uint64
}

// JSValue tags of this build (quickjs.h, NaN boxing).
const (
	tagInt       = 0
	tagBool      = 1
	tagNull      = 2
	tagUndefined = 3
	tagException = 6
	tagObject    = -1
	tagString    = -7

	jsUndefined = uint64(tagUndefined) << 32
	jsNull      = uint64(tagNull) << 32
)

func tagOf(v uint64) int32 { return int32(v >> 32) }

// refCounted reports whether v points to a heap object that freeValue must release.
func refCounted(v uint64) bool { return tagOf(v) < 0 }

func newGuest(mod Module) (*guest, error) {
	g := &guest{mod: mod, mem: mod.Memory()}
	fns := []struct {
		f    *Function
		name string
	}{
		{&g.malloc, "malloc"}, {&g.free, "free"},
		{&g.newString, "QJS_NewString"}, {&g.toCString, "QJS_ToCString"}, {&g.freeCString, "JS_FreeCString"},
		{&g.newArrayBufferCopy, "QJS_NewArrayBufferCopy"}, {&g.getArrayBuffer, "QJS_GetArrayBuffer"},
		{&g.newFloat64, "QJS_NewFloat64"}, {&g.toFloat64, "QJS_ToFloat64"},
		{&g.eval, "QJS_Eval"}, {&g.createEvalOption, "QJS_CreateEvalOption"}, {&g.compile2, "QJS_Compile2"},
		{&g.freeValue, "QJS_FreeValue"}, {&g.getException, "JS_GetException"},
		{&g.getPropertyStr, "JS_GetPropertyStr"}, {&g.setPropertyStr, "JS_SetPropertyStr"},
		{&g.getGlobal, "JS_GetGlobalObject"}, {&g.throwTypeError, "QJS_ThrowTypeError"},
		{&g.isError, "QJS_IsError"},
		{&g.newQJS, "New_QJS"}, {&g.getContext, "QJS_GetContext"}, {&g.updateStackTop, "QJS_UpdateStackTop"},
	}
	for _, f := range fns {
		*f.f = mod.ExportedFunction(f.name)
		if *f.f == nil {
			return nil, fmt.Errorf("engine module lacks export %s", f.name)
		}
	}
	return g, nil
}

// call runs fn with args and returns its first result. Errors are traps or a closed module
// (the context's deadline passed, or the guest called proc_exit): the isolate is unusable.
func (g *guest) call(ctx context.Context, fn Function, args ...uint64) (uint64, error) {
	s := g.stack[:max(len(args), 1)]
	copy(s, args)
	if err := fn.CallWithStack(ctx, s); err != nil {
		return 0, err
	}
	return s[0], nil
}

// alloc copies b (plus a NUL if cstr) into fresh guest memory; the caller frees it.
func (g *guest) alloc(ctx context.Context, b []byte, cstr bool) (uint32, error) {
	n := uint64(len(b))
	if cstr {
		n++
	}
	ptr, err := g.call(ctx, g.malloc, max(n, 1))
	if err != nil {
		return 0, err
	}
	if ptr == 0 {
		return 0, errors.New("engine out of memory")
	}
	p := uint32(ptr)
	if !g.mem.Write(p, b) || (cstr && !g.mem.Write(p+uint32(len(b)), nul)) {
		return 0, errors.New("engine memory write out of range")
	}
	return p, nil
}

var nul = []byte{0}

func (g *guest) release(ctx context.Context, ptr uint32) error {
	_, err := g.call(ctx, g.free, uint64(ptr))
	return err
}

// readPacked reads the (ptr<<32 | len) that several exports return through a malloc'd u64,
// frees that u64, and returns ptr and len.
func (g *guest) readPacked(ctx context.Context, at uint64) (uint32, uint32, error) {
	if at == 0 {
		return 0, 0, errors.New("engine returned no value")
	}
	packed, ok := g.mem.ReadUint64Le(uint32(at))
	if !ok {
		return 0, 0, errors.New("engine memory read out of range")
	}
	if err := g.release(ctx, uint32(at)); err != nil {
		return 0, 0, err
	}
	return uint32(packed >> 32), uint32(packed), nil
}

// copyPacked is readPacked followed by a copy of the bytes it points to; the caller still
// owns ptr (to free it as its kind requires).
func (g *guest) copyPacked(ctx context.Context, at uint64) (ptr uint32, b []byte, err error) {
	ptr, n, err := g.readPacked(ctx, at)
	if err != nil {
		return 0, nil, err
	}
	view, ok := g.mem.Read(ptr, n)
	if !ok {
		return 0, nil, errors.New("engine memory read out of range")
	}
	return ptr, append([]byte(nil), view...), nil
}

// newStringValue returns a JS string with s's bytes (UTF-8). s must not contain NUL.
func (g *guest) newStringValue(ctx context.Context, jsctx uint32, s []byte) (uint64, error) {
	p, err := g.alloc(ctx, s, true)
	if err != nil {
		return 0, err
	}
	v, err := g.call(ctx, g.newString, uint64(jsctx), uint64(p))
	if err != nil {
		return 0, err
	}
	return v, g.release(ctx, p)
}

// newArrayBuffer returns a JS ArrayBuffer holding a copy of b.
func (g *guest) newArrayBuffer(ctx context.Context, jsctx uint32, b []byte) (uint64, error) {
	p, err := g.alloc(ctx, b, false)
	if err != nil {
		return 0, err
	}
	v, err := g.call(ctx, g.newArrayBufferCopy, uint64(jsctx), uint64(p), uint64(len(b)))
	if err != nil {
		return 0, err
	}
	return v, g.release(ctx, p)
}

// toString converts v to a string (as String(v) would) and copies it out as UTF-8.
func (g *guest) toString(ctx context.Context, jsctx uint32, v uint64) (string, error) {
	b, err := g.cString(ctx, jsctx, v)
	return string(b), err
}

// cString is toString's bytes, in a fresh slice.
func (g *guest) cString(ctx context.Context, jsctx uint32, v uint64) ([]byte, error) {
	at, err := g.call(ctx, g.toCString, uint64(jsctx), v)
	if err != nil {
		return nil, err
	}
	ptr, s, err := g.copyPacked(ctx, at)
	if err != nil {
		return nil, err
	}
	_, err = g.call(ctx, g.freeCString, uint64(jsctx), uint64(ptr))
	return s, err
}

// arrayBufferBytes copies out the bytes of the ArrayBuffer v.
func (g *guest) arrayBufferBytes(ctx context.Context, jsctx uint32, v uint64) ([]byte, error) {
	at, err := g.call(ctx, g.getArrayBuffer, uint64(jsctx), v)
	if err != nil {
		return nil, err
	}
	if at == 0 {
		return nil, errors.New("not an ArrayBuffer")
	}
	_, b, err := g.copyPacked(ctx, at)
	return b, err
}

// number returns v as a float64 (v must be a number).
func (g *guest) number(ctx context.Context, jsctx uint32, v uint64) (float64, error) {
	if tagOf(v) == tagInt {
		return float64(int32(uint32(v))), nil
	}
	r, err := g.call(ctx, g.toFloat64, uint64(jsctx), v)
	return math.Float64frombits(r), err
}

func (g *guest) newNumber(ctx context.Context, jsctx uint32, f float64) (uint64, error) {
	if f == math.Trunc(f) && f >= math.MinInt32 && f <= math.MaxInt32 && !(f == 0 && math.Signbit(f)) {
		return uint64(uint32(int32(f))), nil
	}
	return g.call(ctx, g.newFloat64, uint64(jsctx), math.Float64bits(f))
}

func (g *guest) freeJS(ctx context.Context, jsctx uint32, v uint64) error {
	if !refCounted(v) {
		return nil
	}
	_, err := g.call(ctx, g.freeValue, uint64(jsctx), v)
	return err
}

// argv reads the i-th JSValue of an argv array.
func (g *guest) argv(argv uint32, i int) uint64 {
	v, _ := g.mem.ReadUint64Le(argv + uint32(8*i))
	return v
}
