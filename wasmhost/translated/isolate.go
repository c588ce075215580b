package translated

import (
	"encoding/binary"
	"errors"
	"fmt"
	"runtime"
	"strings"
	"sync/atomic"

	"github.com/kitwasm/kitwasm/jsengine/wasmpatch"
)

// JSValue tags of this build (quickjs.h, NaN boxing on wasm32), as in wasmhost/guest.go.
const (
	tagException = 6
	tagObject    = -1
	tagString    = -7
	jsUndefined  = int64(3) << 32
	proxyArgs    = 4 // argv entries QuickJS's proxy puts before the JS arguments
)

func tagOf(v int64) int32 { return int32(uint64(v) >> 32) }

// ErrBroken is wrapped by errors after which an isolate must not be used again: a trap, an
// interrupt, proc_exit.
var ErrBroken = errors.New("isolate broken")

// JSError is an exception thrown by JavaScript.
type JSError struct{ Message, Stack string }

func (e *JSError) Error() string {
	if e.Stack != "" {
		return e.Message + "\n" + strings.TrimRight(e.Stack, "\n")
	}
	return e.Message
}

// Isolate is a QuickJS runtime and context in one guest instance, set up the way wasmhost
// sets up its isolates (C stack of wasmpatch.StackSize moved into malloc'd memory, QuickJS's
// stack limit armed, interrupt handler installed), with one host function installed as
// globalThis.__host: __host(s) calls HostFunc with String(s) and returns its answer.
// Not safe for concurrent use, except Interrupt.
type Isolate struct {
	g        Guest
	rt, jsc  int32
	stackKey int32
	stack    wasmpatch.Layout

	// HostFunc answers __host(s); nil makes __host return undefined.
	HostFunc func(arg string) (string, error)

	interrupted atomic.Bool
	broken      error
}

// NewIsolate creates the QuickJS runtime and context in g. memoryLimit bounds QuickJS's heap
// in bytes (0: none). The host's env.jsFunctionProxy must call the returned isolate's
// HostCall (Host.Call = iso.HostCall, set before the first call that can reach it).
func NewIsolate(g Guest, memoryLimit int32) (iso *Isolate, err error) {
	iso = &Isolate{g: g}
	err = iso.run(func() {
		base := g.Xmalloc(wasmpatch.StackSize)
		if base == 0 {
			panic(errors.New("engine out of memory"))
		}
		l, lerr := wasmpatch.NewLayout(uint32(base), wasmpatch.StackSize)
		if lerr != nil {
			panic(lerr)
		}
		g.SetStack(l)
		iso.stack = l
		// max_stack_size stays 0: setting it would reset the patched stack limit.
		iso.rt = g.XNew_QJS(memoryLimit, 0, 0, 0)
		if iso.rt == 0 {
			panic(errors.New("create QuickJS runtime failed"))
		}
		g.XQJS_UpdateStackTop(iso.rt)
		mem := g.Memory()
		jsrt := binary.LittleEndian.Uint32(mem[iso.rt:])
		binary.LittleEndian.PutUint32(mem[jsrt+wasmpatch.RuntimeInterruptHandlerOffset:], uint32(g.InterruptHandler()))
		iso.jsc = g.XQJS_GetContext(iso.rt)
		fn := g.XQJS_CreateFunctionProxy(iso.jsc, 1, 0, 0)
		global := g.XJS_GetGlobalObject(iso.jsc)
		key := iso.cstr("__host")
		g.XJS_SetPropertyStr(iso.jsc, global, key, fn)
		g.Xfree(key)
		g.XQJS_FreeValue(iso.jsc, global)
		iso.stackKey = iso.cstr("stack")
	})
	if err != nil {
		return nil, err
	}
	return iso, nil
}

// run calls f, turning a trap (panic) into an error that marks the isolate broken.
func (iso *Isolate) run(f func()) (err error) {
	if iso.broken != nil {
		return iso.broken
	}
	defer func() {
		if r := recover(); r != nil {
			var cause error
			switch r := r.(type) {
			case runtime.Error:
				cause = fmt.Errorf("trap: %w", r)
			case error:
				cause = r
			default:
				cause = fmt.Errorf("trap: %v", r)
			}
			iso.broken = fmt.Errorf("%w: %w", ErrBroken, cause)
			err = iso.broken
		}
	}()
	f()
	return nil
}

// cstr copies s and a NUL into fresh guest memory (inside run).
func (iso *Isolate) cstr(s string) int32 {
	p := iso.g.Xmalloc(int32(len(s) + 1))
	if p == 0 {
		panic(errors.New("engine out of memory"))
	}
	mem := iso.g.Memory()
	copy(mem[p:], s)
	mem[int(p)+len(s)] = 0
	return p
}

// toString is String(v) copied out as UTF-8 (inside run).
func (iso *Isolate) toString(v int64) string {
	at := iso.g.XQJS_ToCString(iso.jsc, v)
	if at == 0 {
		panic(errors.New("engine returned no string"))
	}
	mem := iso.g.Memory()
	packed := binary.LittleEndian.Uint64(mem[at:])
	iso.g.Xfree(at)
	p, n := uint32(packed>>32), uint32(packed)
	s := string(iso.g.Memory()[p : p+n])
	iso.g.XJS_FreeCString(iso.jsc, int32(p))
	return s
}

// exception takes the pending exception (inside run).
func (iso *Isolate) exception() error {
	exc := iso.g.XJS_GetException(iso.jsc)
	defer iso.freeValue(exc)
	jerr := &JSError{Message: iso.toString(exc)}
	if tagOf(exc) == tagObject {
		st := iso.g.XJS_GetPropertyStr(iso.jsc, exc, iso.stackKey)
		if tagOf(st) == tagString {
			jerr.Stack = iso.toString(st)
		}
		iso.freeValue(st)
	}
	if iso.interrupted.Load() {
		iso.broken = fmt.Errorf("%w: interrupted (%v)", ErrBroken, jerr)
		return iso.broken
	}
	return jerr
}

func (iso *Isolate) freeValue(v int64) {
	if tagOf(v) < 0 {
		iso.g.XQJS_FreeValue(iso.jsc, v)
	}
}

// Eval evaluates a classic script and returns String(completion value). A thrown exception
// comes back as *JSError; the isolate stays usable after it.
func (iso *Isolate) Eval(filename, src string) (out string, err error) {
	if strings.IndexByte(src, 0) >= 0 {
		return "", fmt.Errorf("%s: source contains a NUL byte", filename)
	}
	var jsErr error
	err = iso.run(func() {
		g := iso.g
		sp, np := iso.cstr(src), iso.cstr(filename)
		opts := g.XQJS_CreateEvalOption(sp, 0, 0, np, 0)
		v := g.XQJS_Eval(iso.jsc, opts)
		g.Xfree(opts)
		g.Xfree(np)
		g.Xfree(sp)
		if tagOf(v) == tagException {
			jsErr = iso.exception()
			return
		}
		out = iso.toString(v)
		iso.freeValue(v)
	})
	if err == nil {
		err = jsErr
	}
	return out, err
}

// Compile turns a classic script into QuickJS bytecode (valid for this engine build only).
func (iso *Isolate) Compile(filename, src string) (bc []byte, err error) {
	var jsErr error
	err = iso.run(func() {
		g := iso.g
		sp, np := iso.cstr(src), iso.cstr(filename)
		opts := g.XQJS_CreateEvalOption(sp, 0, 0, np, 0)
		at := g.XQJS_Compile2(iso.jsc, opts)
		g.Xfree(opts)
		g.Xfree(np)
		g.Xfree(sp)
		if at == 0 {
			jsErr = iso.exception()
			return
		}
		packed := binary.LittleEndian.Uint64(g.Memory()[at:])
		g.Xfree(at)
		p, n := uint32(packed>>32), uint32(packed)
		bc = append([]byte(nil), g.Memory()[p:p+n]...)
		g.Xfree(int32(p))
	})
	if err == nil {
		err = jsErr
	}
	return bc, err
}

// EvalBytecode runs bytecode from Compile and returns String(completion value).
func (iso *Isolate) EvalBytecode(bc []byte) (out string, err error) {
	var jsErr error
	err = iso.run(func() {
		g := iso.g
		p := g.Xmalloc(int32(max(len(bc), 1)))
		if p == 0 {
			panic(errors.New("engine out of memory"))
		}
		copy(g.Memory()[p:], bc)
		opts := g.XQJS_CreateEvalOption(0, p, int32(len(bc)), 0, 0)
		v := g.XQJS_Eval(iso.jsc, opts)
		g.Xfree(opts)
		g.Xfree(p)
		if tagOf(v) == tagException {
			jsErr = iso.exception()
			return
		}
		out = iso.toString(v)
		iso.freeValue(v)
	})
	if err == nil {
		err = jsErr
	}
	return out, err
}

// HostCall implements env.jsFunctionProxy for this isolate: it runs inside a guest call.
func (iso *Isolate) HostCall(ctxp int32, _ int64, argc, argv int32) int64 {
	if iso.HostFunc == nil || int(argc) <= proxyArgs {
		return jsUndefined
	}
	v := int64(binary.LittleEndian.Uint64(iso.g.Memory()[argv+8*proxyArgs:]))
	res, err := iso.HostFunc(iso.toString(v))
	if err != nil {
		msg := iso.cstr("host: " + err.Error())
		defer iso.g.Xfree(msg)
		return iso.g.XQJS_ThrowTypeError(ctxp, msg)
	}
	p := iso.cstr(res)
	defer iso.g.Xfree(p)
	return iso.g.XQJS_NewString(ctxp, p)
}

// Interrupt stops running JavaScript at QuickJS's next poll (~10,000 operations); the
// isolate is broken afterwards. Safe from any goroutine.
func (iso *Isolate) Interrupt() {
	iso.interrupted.Store(true)
	iso.g.Interrupt(1)
}

// Broken reports why the isolate cannot be used any more, or nil.
func (iso *Isolate) Broken() error { return iso.broken }

// MemoryBytes is the size of the guest's linear memory.
func (iso *Isolate) MemoryBytes() int { return len(iso.g.Memory()) }
