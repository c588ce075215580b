package translated

import (
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"math"
	"runtime"
	"sync/atomic"

	"github.com/kitwasm/kitwasm/jsengine/wasmpatch"
	"github.com/kitwasm/kitwasm/wasmhost"
)

// Exports are the C functions of the engine module that wasmhost calls, with the names and Go
// signatures wasm2go gives them (an export f becomes method Xf; i32 is int32, i64 int64, f64
// float64). A trap is a panic: a runtime error (out-of-bounds access, division by zero),
// "unreachable" (the stack guard), or *ExitError (proc_exit).
type Exports interface {
	Xmalloc(n int32) int32
	Xfree(p int32)
	XNew_QJS(memoryLimit, maxStackSize, gcThreshold, flags int32) int32
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
	XQJS_NewArrayBufferCopy(ctx int32, p, n int64) int64
	XQJS_GetArrayBuffer(ctx int32, v int64) int32
	XQJS_NewFloat64(ctx int32, bits int64) int64
	XQJS_ToFloat64(ctx int32, v int64) float64
	XQJS_IsError(ctx int32, v int64) int32
}

// Memory is the memory interface of a wasm2go module.
type Memory = interface {
	Slice() *[]byte
	Grow(delta, max int64) int64
}

// Module is what wasm2go generates for the patched engine module (its *Module type): the
// exports, the memory and the globals that jsengine/wasmpatch exports.
type Module interface {
	Exports
	Xmemory() Memory
	Xkitwasm_stack_pointer() *int32
	Xkitwasm_stack_limit() *int32
	Xkitwasm_js_stack_limit() *int32
	Xkitwasm_interrupt() *int32
	Xkitwasm_interrupt_handler() *int32
}

// NewBackend returns a wasmhost.Backend whose instances are made by newModule, which wraps
// the generated constructor, passing the Host as both import arguments:
//
//	translated.NewBackend(func(h *translated.Host) translated.Module { return qjsgo.New(h, h) }, qjsgo.ModuleID)
//
// moduleID is the ModuleID constant that translate.Generate writes into the generated package:
// wasmhost.ModuleID of the patched module that was translated, the same ID the wazero engine
// reports for it, so that snapshots move between the two.
//
// Interrupts (request time limits, wasmhost.Limits.CPU) set the module's interrupt flag, which
// the translated code reads at QuickJS's polls. Natively a timer goroutine stops runaway
// JavaScript that way. In a GOOS=wasip1 program (one thread, no preemption) a timer runs only
// when the guest gives the Go scheduler a chance, which a JavaScript busy loop never does: there
// the platform must bound CPU time (Fastly Compute does).
func NewBackend(newModule func(*Host) Module, moduleID string) wasmhost.Backend {
	return &backend{newModule: newModule, id: moduleID}
}

type backend struct {
	newModule func(*Host) Module
	id        string
	host      wasmhost.HostFunc
	cfg       wasmhost.BackendConfig
}

// MemoryLimitPages is the maximum memory of the translated module (translate.MemoryLimitPages,
// set in the module before translating): the engine's EngineConfig.MemoryLimitPages must be it.
const MemoryLimitPages = 2048

func (b *backend) Start(_ context.Context, host wasmhost.HostFunc, cfg wasmhost.BackendConfig) error {
	if cfg.MemoryLimitPages != MemoryLimitPages {
		return fmt.Errorf("the translated engine's memory limit is %d pages (128 MiB), set in the module when it is translated: EngineConfig.MemoryLimitPages %d cannot apply (leave it 0)", MemoryLimitPages, cfg.MemoryLimitPages)
	}
	if b.id == "" {
		return errors.New("translated engine: no module ID (pass the generated package's ModuleID)")
	}
	b.host, b.cfg = host, cfg
	return nil
}

func (b *backend) ModuleID() string { return b.id }

func (b *backend) Close(context.Context) error { return nil }

func (b *backend) Instantiate(context.Context) (mod wasmhost.Module, err error) {
	h := &Host{Log: b.cfg.Log}
	if h.Log == nil {
		h.Log = io.Discard
	}
	inst := &instance{host: b.host}
	h.Call = inst.hostCall
	// The generated constructor runs the module's data initialisation: nothing there traps,
	// but a panic here must not take the process down.
	defer func() {
		if r := recover(); r != nil {
			err = trapError(r)
		}
	}()
	inst.m = b.newModule(h)
	inst.mem = memory{m: inst.m.Xmemory(), slice: inst.m.Xmemory().Slice(), max: int64(b.cfg.MemoryLimitPages)}
	return inst, nil
}

// instance is one generated module as a wasmhost.Module.
type instance struct {
	m      Module
	mem    memory
	host   wasmhost.HostFunc
	ctx    context.Context // of the call in progress: the host function gets it
	frames [][4]uint64     // the host function's stacks, one per nesting depth
	depth  int
	closed bool
}

var errClosed = errors.New("module closed")

func (inst *instance) ExportedFunction(name string) wasmhost.Function {
	f, ok := exports[name]
	if !ok {
		return nil
	}
	return &function{inst: inst, f: f}
}

func (inst *instance) ExportedGlobal(name string) wasmhost.Global {
	switch name {
	case wasmpatch.ExportStackPointer:
		return global{inst.m.Xkitwasm_stack_pointer(), true}
	case wasmpatch.ExportStackLimit:
		return global{inst.m.Xkitwasm_stack_limit(), true}
	case wasmpatch.ExportJSStackLimit:
		return global{inst.m.Xkitwasm_js_stack_limit(), true}
	case wasmpatch.ExportInterrupt:
		return global{inst.m.Xkitwasm_interrupt(), true}
	case wasmpatch.ExportInterruptHandler:
		return global{inst.m.Xkitwasm_interrupt_handler(), false}
	}
	return nil
}

func (inst *instance) Memory() wasmhost.Memory { return &inst.mem }

func (inst *instance) Close(context.Context) error {
	inst.closed = true
	return nil
}

// hostCall is the module's env.jsFunctionProxy: wasmhost's host function, with the context of
// the guest call in progress.
func (inst *instance) hostCall(ctxp int32, this int64, argc, argv int32) int64 {
	if inst.depth == len(inst.frames) {
		inst.frames = append(inst.frames, [4]uint64{})
	}
	s := &inst.frames[inst.depth]
	inst.depth++
	defer func() { inst.depth-- }()
	*s = [4]uint64{uint64(uint32(ctxp)), uint64(this), uint64(uint32(argc)), uint64(uint32(argv))}
	inst.host(inst.ctx, s[:])
	// s, not inst.frames: a nested call may have moved the frames, not this one's stack.
	return int64(s[0])
}

// function is an export, called as wazero calls functions (wasmhost.Function).
type function struct {
	inst *instance
	f    func(m Module, s []uint64)
}

// CallWithStack runs the export. A trap in the translated code is a Go panic: it is recovered
// here and returned as an error, as wazero returns traps (wasmhost then marks the isolate
// broken and the pool discards it); so is proc_exit (*ExitError), after which the instance is
// closed, as wazero closes a module that exits.
func (f *function) CallWithStack(ctx context.Context, stack []uint64) (err error) {
	inst := f.inst
	if inst.closed {
		return errClosed
	}
	prev := inst.ctx
	inst.ctx = ctx
	defer func() {
		inst.ctx = prev
		if r := recover(); r != nil {
			err = trapError(r)
			var exit *ExitError
			if errors.As(err, &exit) {
				inst.closed = true
			}
		}
	}()
	f.f(inst.m, stack)
	return nil
}

// trapError is the error of a recovered panic of the guest (or of the host function inside it).
func trapError(r any) error {
	switch r := r.(type) {
	case *ExitError:
		return fmt.Errorf("module closed with exit_code(%d): %w", r.Code, r)
	case runtime.Error:
		return fmt.Errorf("wasm error: %w", r)
	case error:
		return r
	default:
		return fmt.Errorf("wasm error: %v", r)
	}
}

const jsUndefined = int64(3) << 32 // JS_UNDEFINED of this build (NaN boxing on wasm32)

func i32(v uint64) int32   { return int32(uint32(v)) }
func u32(v int32) uint64   { return uint64(uint32(v)) }
func i64(v uint64) int64   { return int64(v) }
func u64(v int64) uint64   { return uint64(v) }
func f64(v float64) uint64 { return math.Float64bits(v) }

// exports maps the export names wasmhost looks up to calls of the generated methods, in
// wazero's stack convention.
var exports = map[string]func(m Module, s []uint64){
	"malloc": func(m Module, s []uint64) { s[0] = u32(m.Xmalloc(i32(s[0]))) },
	"free":   func(m Module, s []uint64) { m.Xfree(i32(s[0])) },
	"New_QJS": func(m Module, s []uint64) {
		s[0] = u32(m.XNew_QJS(i32(s[0]), i32(s[1]), i32(s[2]), i32(s[3])))
	},
	"QJS_UpdateStackTop": func(m Module, s []uint64) { m.XQJS_UpdateStackTop(i32(s[0])) },
	"QJS_GetContext":     func(m Module, s []uint64) { s[0] = u32(m.XQJS_GetContext(i32(s[0]))) },
	"QJS_CreateEvalOption": func(m Module, s []uint64) {
		s[0] = u32(m.XQJS_CreateEvalOption(i32(s[0]), i32(s[1]), i32(s[2]), i32(s[3]), i32(s[4])))
	},
	"QJS_Eval":        func(m Module, s []uint64) { s[0] = u64(m.XQJS_Eval(i32(s[0]), i32(s[1]))) },
	"QJS_Compile2":    func(m Module, s []uint64) { s[0] = u32(m.XQJS_Compile2(i32(s[0]), i32(s[1]))) },
	"QJS_ToCString":   func(m Module, s []uint64) { s[0] = u32(m.XQJS_ToCString(i32(s[0]), i64(s[1]))) },
	"JS_FreeCString":  func(m Module, s []uint64) { m.XJS_FreeCString(i32(s[0]), i32(s[1])) },
	"QJS_FreeValue":   func(m Module, s []uint64) { m.XQJS_FreeValue(i32(s[0]), i64(s[1])) },
	"JS_GetException": func(m Module, s []uint64) { s[0] = u64(m.XJS_GetException(i32(s[0]))) },
	"JS_GetPropertyStr": func(m Module, s []uint64) {
		s[0] = u64(m.XJS_GetPropertyStr(i32(s[0]), i64(s[1]), i32(s[2])))
	},
	"JS_SetPropertyStr": func(m Module, s []uint64) {
		s[0] = u32(m.XJS_SetPropertyStr(i32(s[0]), i64(s[1]), i32(s[2]), i64(s[3])))
	},
	"JS_GetGlobalObject": func(m Module, s []uint64) { s[0] = u64(m.XJS_GetGlobalObject(i32(s[0]))) },
	"QJS_CreateFunctionProxy": func(m Module, s []uint64) {
		s[0] = u64(m.XQJS_CreateFunctionProxy(i32(s[0]), i64(s[1]), i64(s[2]), i64(s[3])))
	},
	"QJS_NewString":      func(m Module, s []uint64) { s[0] = u64(m.XQJS_NewString(i32(s[0]), i32(s[1]))) },
	"QJS_ThrowTypeError": func(m Module, s []uint64) { s[0] = u64(m.XQJS_ThrowTypeError(i32(s[0]), i32(s[1]))) },
	"QJS_NewArrayBufferCopy": func(m Module, s []uint64) {
		s[0] = u64(m.XQJS_NewArrayBufferCopy(i32(s[0]), i64(s[1]), i64(s[2])))
	},
	"QJS_GetArrayBuffer": func(m Module, s []uint64) { s[0] = u32(m.XQJS_GetArrayBuffer(i32(s[0]), i64(s[1]))) },
	"QJS_NewFloat64":     func(m Module, s []uint64) { s[0] = u64(m.XQJS_NewFloat64(i32(s[0]), i64(s[1]))) },
	"QJS_ToFloat64":      func(m Module, s []uint64) { s[0] = f64(m.XQJS_ToFloat64(i32(s[0]), i64(s[1]))) },
	"QJS_IsError":        func(m Module, s []uint64) { s[0] = u32(m.XQJS_IsError(i32(s[0]), i64(s[1]))) },
}

// global is one of wasmpatch's i32 globals. The interrupt flag is stored atomically; the
// translated code reads it with a plain load at each of QuickJS's polls (a call through the
// table, never hoisted out of a loop).
type global struct {
	p       *int32
	mutable bool
}

func (g global) Get() uint64 { return u32(atomic.LoadInt32(g.p)) }

func (g global) Set(v uint64) {
	if !g.mutable {
		panic("translated: set of an immutable global")
	}
	atomic.StoreInt32(g.p, int32(uint32(v)))
}

// memory is the generated module's memory as a wasmhost.Memory.
type memory struct {
	m     Memory
	slice *[]byte // the generated module's memory field: it moves when memory grows
	max   int64   // pages
}

func (m *memory) Size() uint32 { return uint32(len(*m.slice)) }

func (m *memory) Grow(delta uint32) (uint32, bool) {
	old := m.m.Grow(int64(delta), m.max)
	if old < 0 {
		return 0, false
	}
	return uint32(old), true
}

// LoadImage makes the memory a copy of image (wasmhost's restore): one allocation and one copy
// (append does not clear what it copies over), instead of memory.grow's cleared pages and a
// second pass writing them.
func (m *memory) LoadImage(image []byte) bool {
	if len(image)%65536 != 0 || len(image) < len(*m.slice) || int64(len(image)/65536) > m.max {
		return false
	}
	*m.slice = append([]byte(nil), image...)
	return true
}

func (m *memory) view(off, n uint32) ([]byte, bool) {
	b := *m.slice
	if uint64(off)+uint64(n) > uint64(len(b)) {
		return nil, false
	}
	return b[off : off+n : off+n], true
}

func (m *memory) Read(off, n uint32) ([]byte, bool) { return m.view(off, n) }

func (m *memory) Write(off uint32, v []byte) bool {
	b, ok := m.view(off, uint32(len(v)))
	if ok {
		copy(b, v)
	}
	return ok
}

func (m *memory) ReadUint32Le(off uint32) (uint32, bool) {
	b, ok := m.view(off, 4)
	if !ok {
		return 0, false
	}
	return binary.LittleEndian.Uint32(b), true
}

func (m *memory) WriteUint32Le(off, v uint32) bool {
	b, ok := m.view(off, 4)
	if ok {
		binary.LittleEndian.PutUint32(b, v)
	}
	return ok
}

func (m *memory) ReadUint64Le(off uint32) (uint64, bool) {
	b, ok := m.view(off, 8)
	if !ok {
		return 0, false
	}
	return binary.LittleEndian.Uint64(b), true
}
