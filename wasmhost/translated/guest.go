package translated

import (
	"sync/atomic"

	"github.com/kitwasm/kitwasm/jsengine/wasmpatch"
)

// Exports are the C functions of the engine module that the driver calls, with the names and
// Go signatures wasm2go gives them (an export f becomes method Xf; i32 is int32, i64 int64).
// A trap is a panic: a runtime error (out-of-bounds access, division by zero), "unreachable"
// (the stack guard), or *ExitError (proc_exit). Run recovers it into an error.
type Exports interface {
	Xmalloc(n int32) int32
	Xfree(p int32)
	XNew_QJS(memoryLimit, maxStackSize, gcThreshold, flags int32) int32
	XQJS_Free(qjs int32)
	XQJS_UpdateStackTop(qjs int32)
	XQJS_GetContext(qjs int32) int32
	XQJS_CreateEvalOption(code, bytecode, bytecodeLen, filename, flags int32) int32
	XQJS_Eval(ctx, opts int32) int64
	XQJS_Compile2(ctx, opts int32) int32
	XQJS_ToCString(ctx int32, v int64) int32
	XJS_FreeCString(ctx, p int32)
	XQJS_FreeValue(ctx int32, v int64)
	XJS_GetException(ctx int32) int64
	XJS_GetPropertyStr(ctx int32, obj int64, name int32) int64
	XJS_SetPropertyStr(ctx int32, obj int64, name int32, v int64) int32
	XJS_GetGlobalObject(ctx int32) int64
	XQJS_CreateFunctionProxy(ctx int32, id, ctxID, async int64) int64
	XQJS_NewString(ctx, p int32) int64
	XQJS_ThrowTypeError(ctx, msg int32) int64
}

// Guest is one instance of the engine module, whichever way it runs: the exports plus access
// to its linear memory and to the globals wasmpatch exports. Implementations are not safe for
// concurrent use, except Interrupt.
type Guest interface {
	Exports
	// Memory returns the linear memory as it is now (it moves when the guest grows it).
	Memory() []byte
	// GrowMemory grows the memory by pages of 64 KiB, as memory.grow does: it returns the
	// previous size in pages, or -1.
	GrowMemory(pages int32) int32
	// SetStack points the C stack at [limit region] (wasmpatch's protocol: stack pointer,
	// trap limit, QuickJS's limit).
	SetStack(l wasmpatch.Layout)
	// InterruptHandler is the table index of wasmpatch's interrupt handler.
	InterruptHandler() int32
	// Interrupt sets the flag the handler returns (1: stop running JavaScript; 0: run).
	// Safe from any goroutine.
	Interrupt(v int32)
}

// Memory is the memory interface of a wasm2go module.
type Memory = interface {
	Slice() *[]byte
	Grow(delta, max int64) int64
}

// Module is what wasm2go generates for the patched engine module (its *Module type).
type Module interface {
	Exports
	Xmemory() Memory
	Xkitwasm_stack_pointer() *int32
	Xkitwasm_stack_limit() *int32
	Xkitwasm_js_stack_limit() *int32
	Xkitwasm_interrupt() *int32
	Xkitwasm_interrupt_handler() *int32
}

// FromModule adapts a generated module to Guest.
func FromModule(m Module) Guest { return &moduleGuest{Module: m, mem: m.Xmemory().Slice()} }

type moduleGuest struct {
	Module
	mem *[]byte
}

func (g *moduleGuest) Memory() []byte { return *g.mem }

// wasm32's bound; the module's own maximum (translate.MemoryLimitPages) is enforced by the
// generated memory.grow, and a snapshot restored here came from a guest within it.
func (g *moduleGuest) GrowMemory(pages int32) int32 {
	return int32(g.Xmemory().Grow(int64(pages), 65536))
}

func (g *moduleGuest) SetStack(l wasmpatch.Layout) {
	*g.Xkitwasm_stack_pointer() = int32(l.Top)
	*g.Xkitwasm_stack_limit() = int32(l.Limit)
	*g.Xkitwasm_js_stack_limit() = int32(l.JSLimit)
}

func (g *moduleGuest) InterruptHandler() int32 { return *g.Xkitwasm_interrupt_handler() }

// Interrupt stores atomically; the translated code reads the global with a plain load at
// each of QuickJS's polls (a call through the table, never hoisted out of a loop).
func (g *moduleGuest) Interrupt(v int32) { atomic.StoreInt32(g.Xkitwasm_interrupt(), v) }
