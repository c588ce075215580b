package wasmhost

import (
	"context"
	"io"
)

// The host side (isolates, the host function, the event loop, snapshots, the pool) is written
// once over a guest module: an instance of the patched engine module, whichever way it runs.
// Two backends make them: wazero (NewEngine; backend_wazero.go) and the engine translated to
// Go by wasm2go (package wasmhost/translated), which runs where wazero cannot compile, inside
// a GOOS=wasip1 program (issue 9). The interfaces are the parts of wazero's api package that
// the host side uses, so that wazero's values satisfy them without wrapping: a call into the
// guest costs no more than it did when wasmhost called wazero directly.

// Backend runs the engine module.
type Backend interface {
	// Start prepares the backend (compiles the module, registers its imports). NewEngineOn
	// calls it once, before anything else; host is the module's one import,
	// env.jsFunctionProxy.
	Start(ctx context.Context, host HostFunc, cfg BackendConfig) error
	// ModuleID names the patched engine module: jsengine.ID() and the module's hash
	// (ModuleID). Snapshots are keyed by it, so it must name the module, not the backend: a
	// snapshot taken on one backend restores on the other.
	ModuleID() string
	// Instantiate makes a fresh instance of the module, in its start-up state, with no file
	// system, environment or arguments, stdin empty, stdout and stderr to BackendConfig.Log.
	// ctx is that of NewEngineOn's caller, or of a restore.
	Instantiate(ctx context.Context) (Module, error)
	// Close releases the backend; instances made by it must not be used afterwards.
	Close(ctx context.Context) error
}

// HostFunc is the engine module's import env.jsFunctionProxy(ctx i32, this i64, argc i32,
// argv i32) i64 in stack form: the arguments in stack[0:4] (i32 zero-extended), the result
// into stack[0]. ctx is the one passed to the Function.CallWithStack that led to the call.
// It may call back into the guest, and it panics to unwind the guest when the isolate is
// broken: the backend turns the panic into the outer call's error.
type HostFunc func(ctx context.Context, stack []uint64)

// BackendConfig is what a backend needs of the engine's configuration.
type BackendConfig struct {
	// MemoryLimitPages bounds linear memory in 64 KiB pages.
	MemoryLimitPages uint32
	// CacheDir may hold the backend's compilation cache; "" for none.
	CacheDir string
	// Log receives what the guest writes to stdout and stderr.
	Log io.Writer
}

// Module is one instance of the engine module. Not safe for concurrent use, except Global.Set
// of the interrupt flag.
type Module interface {
	// ExportedFunction returns the exported function name, or nil.
	ExportedFunction(name string) Function
	// ExportedGlobal returns the exported global name, or nil. Set panics on an immutable
	// one (kitwasm_interrupt_handler).
	ExportedGlobal(name string) Global
	// Memory is the module's linear memory.
	Memory() Memory
	// Close releases the instance.
	Close(ctx context.Context) error
}

// Function is an exported function, as wazero's api.Function calls it: the arguments in
// stack (i32 zero-extended, f64 as its bits), the first result into stack[0]; len(stack) is
// at least max(params, results). An error is a trap or a closed module (proc_exit): the
// instance must not be used afterwards.
type Function interface {
	CallWithStack(ctx context.Context, stack []uint64) error
}

// Global is an exported i32 global (the stack globals, the interrupt flag and handler of
// jsengine/wasmpatch). Set of the interrupt flag is called from other goroutines.
type Global interface {
	Get() uint64
	Set(v uint64)
}

// Memory is a module's linear memory, as wazero's api.Memory: offsets and lengths are bytes;
// the bool results are false when out of range. Read returns a view that a Grow may move.
//
// A Memory may also have a method LoadImage(image []byte) bool that makes the memory a copy
// of image (a whole number of pages, at least the current size, within the limit), for
// Engine.Restore: one copy into a fresh allocation instead of growing (which clears the new
// pages) and then writing. The translated backend has it.
type Memory interface {
	Size() uint32
	Grow(deltaPages uint32) (previousPages uint32, ok bool)
	Read(offset, byteCount uint32) ([]byte, bool)
	Write(offset uint32, v []byte) bool
	ReadUint32Le(offset uint32) (uint32, bool)
	WriteUint32Le(offset, v uint32) bool
	ReadUint64Le(offset uint32) (uint64, bool)
}

// imageLoader is a Memory that restores take whole (see Memory).
type imageLoader interface {
	LoadImage(image []byte) bool
}
