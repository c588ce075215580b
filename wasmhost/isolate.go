package wasmhost

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"sync/atomic"
	"time"

	"github.com/kitwasm/kitwasm/jsengine/wasmpatch"
)

// Isolate is one instance of the engine with the Web layer and (usually) a worker evaluated.
// It runs on one goroutine at a time and serves one request at a time; its JavaScript state
// persists between requests, as on Workers.
type Isolate struct {
	eng  *Engine
	mod  Module
	g    *guest
	rt   uint32 // QJSRuntime*
	jsc  uint32 // JSContext*
	born time.Time

	entry    uint32 // QJSEvalOptions* for the entry script, kept for the isolate's life
	stackKey uint32 // "stack\0" in guest memory

	loop   *loop   // the request being served, if any (hostcall.go)
	worker *Worker // what it runs, for source positions in logs

	flag        Global // wasmpatch.ExportInterrupt
	interrupted atomic.Bool
	broken      error // set once the isolate must not be used again
	served      int
}

type isolateKey struct{}

// guestContext is the context for every call into the guest: it carries the isolate, which
// the host function needs, and the deadline that stops runaway code.
func (iso *Isolate) guestContext(ctx context.Context) context.Context {
	return context.WithValue(ctx, isolateKey{}, iso)
}

// newBareIsolate instantiates the engine, creates the QuickJS runtime and context, and
// installs the host function as globalThis.__kitwasm_host (the Web layer takes it away).
func (e *Engine) newBareIsolate(ctx context.Context) (*Isolate, error) {
	mod, err := e.instantiate(ctx)
	if err != nil {
		return nil, err
	}
	iso := &Isolate{eng: e, mod: mod, born: time.Now()}
	fail := func(err error) (*Isolate, error) {
		mod.Close(ctx)
		return nil, err
	}
	if iso.g, err = newGuest(mod); err != nil {
		return fail(err)
	}
	ctx = iso.guestContext(ctx)
	g := iso.g
	if !e.cfg.unguarded {
		if err := iso.moveStack(ctx); err != nil {
			return fail(err)
		}
	}
	// max_stack_size must stay 0: setting it would reset the patched stack limit. The cycle
	// collector keeps QuickJS's default threshold: a request leaves ~1 KB of cyclic garbage,
	// and a 4 MiB threshold let linear memory climb by megabytes before the first collection
	// (TestMemoryStaysFlat); with the default it stays level.
	rt, err := g.call(ctx, g.newQJS, uint64(e.isolateMemoryLimit()), 0, 0, 0)
	if err != nil || rt == 0 {
		return fail(fmt.Errorf("create QuickJS runtime: %v", err))
	}
	iso.rt = uint32(rt)
	if _, err := g.call(ctx, g.updateStackTop, rt); err != nil {
		return fail(err)
	}
	if !e.cfg.unguarded {
		if err := iso.installInterrupt(); err != nil {
			return fail(err)
		}
	}
	jsc, err := g.call(ctx, g.getContext, rt)
	if err != nil {
		return fail(err)
	}
	iso.jsc = uint32(jsc)
	fn, err := g.call(ctx, mod.ExportedFunction("QJS_CreateFunctionProxy"), jsc, 1, 0, 0)
	if err != nil {
		return fail(err)
	}
	if err := iso.setGlobal(ctx, "__kitwasm_host", fn); err != nil {
		return fail(err)
	}
	if iso.stackKey, err = g.alloc(ctx, []byte("stack"), true); err != nil {
		return fail(err)
	}
	return iso, nil
}

// moveStack gives the isolate a C stack of wasmpatch.StackSize in memory of its own (the
// module's built-in 64 KiB stack sits right above its data), following the protocol in
// jsengine/wasmpatch: malloc the region, then point the three exported globals at it.
func (iso *Isolate) moveStack(ctx context.Context) error {
	base, err := iso.g.call(ctx, iso.g.malloc, wasmpatch.StackSize)
	if err != nil {
		return err
	}
	l, err := wasmpatch.NewLayout(uint32(base), wasmpatch.StackSize)
	if err != nil {
		return err
	}
	for _, s := range []struct {
		name string
		v    uint32
	}{{wasmpatch.ExportStackPointer, l.Top}, {wasmpatch.ExportStackLimit, l.Limit}, {wasmpatch.ExportJSStackLimit, iso.eng.jsStackLimit(l.Top, l.JSLimit)}} {
		g := iso.mod.ExportedGlobal(s.name)
		if g == nil {
			return fmt.Errorf("engine module lacks mutable global %s", s.name)
		}
		g.Set(uint64(s.v))
	}
	return nil
}

// installInterrupt arms QuickJS's interrupt poll with the handler wasmpatch added: its table
// index goes into JSRuntime.interrupt_handler (the QJSRuntime's first field points to the
// JSRuntime). From then on, interrupt() stops running JavaScript within ~10,000 operations.
func (iso *Isolate) installInterrupt() error {
	handler := iso.mod.ExportedGlobal(wasmpatch.ExportInterruptHandler)
	flag := iso.mod.ExportedGlobal(wasmpatch.ExportInterrupt)
	if handler == nil || flag == nil {
		return errors.New("engine module lacks the interrupt globals")
	}
	jsrt, ok := iso.g.mem.ReadUint32Le(iso.rt)
	if !ok || !iso.g.mem.WriteUint32Le(jsrt+wasmpatch.RuntimeInterruptHandlerOffset, uint32(handler.Get())) {
		return errors.New("engine memory out of range")
	}
	iso.flag = flag
	return nil
}

// interrupt asks running JavaScript to stop (safe from any goroutine): QuickJS throws an
// uncatchable "interrupted" error at its next poll, and the isolate is discarded after.
func (iso *Isolate) interrupt() {
	if iso.flag != nil {
		iso.interrupted.Store(true)
		iso.flag.Set(1)
	}
}

// whileRunning arranges for ctx's end to interrupt the isolate until the returned stop is
// called: the time limits of init and of requests.
func (iso *Isolate) whileRunning(ctx context.Context) (stop func() bool) {
	return context.AfterFunc(ctx, iso.interrupt)
}

// jsStackLimit is the value of wasmpatch.ExportJSStackLimit for a stack whose top is top and
// whose layout's JS limit is limit: limit, or higher with EngineConfig.JSStackBytes.
func (e *Engine) jsStackLimit(top, limit uint32) uint32 {
	if b := e.cfg.JSStackBytes; b != 0 && b < top && top-b > limit {
		return top - b
	}
	return limit
}

func (e *Engine) isolateMemoryLimit() uint32 {
	// QuickJS's own limit sits below the Wasm memory limit, so that running out of memory is
	// a catchable InternalError rather than a failed memory.grow.
	return e.cfg.MemoryLimitPages * 65536 / 8 * 7
}

// setGlobal sets globalThis[name] = v, taking ownership of v.
func (iso *Isolate) setGlobal(ctx context.Context, name string, v uint64) error {
	g := iso.g
	global, err := g.call(ctx, g.getGlobal, uint64(iso.jsc))
	if err != nil {
		return err
	}
	key, err := g.alloc(ctx, []byte(name), true)
	if err != nil {
		return err
	}
	if _, err := g.call(ctx, g.setPropertyStr, uint64(iso.jsc), global, uint64(key), v); err != nil {
		return err
	}
	if err := g.release(ctx, key); err != nil {
		return err
	}
	return g.freeJS(ctx, iso.jsc, global)
}

// Eval flags of QuickJS.
const (
	evalGlobal = 0
	evalModule = 1
)

// compile turns source into QuickJS bytecode. A syntax error comes back as a *JSError.
func (iso *Isolate) compile(ctx context.Context, filename, src string, module bool) ([]byte, error) {
	ctx = iso.guestContext(ctx)
	g := iso.g
	if strings.IndexByte(src, 0) >= 0 {
		return nil, fmt.Errorf("%s: source contains a NUL byte", filename)
	}
	srcPtr, err := g.alloc(ctx, []byte(src), true)
	if err != nil {
		return nil, err
	}
	defer g.release(ctx, srcPtr)
	namePtr, err := g.alloc(ctx, []byte(filename), true)
	if err != nil {
		return nil, err
	}
	defer g.release(ctx, namePtr)
	flags := uint64(evalGlobal)
	if module {
		flags = evalModule
	}
	opts, err := g.call(ctx, g.createEvalOption, uint64(srcPtr), 0, 0, uint64(namePtr), flags)
	if err != nil {
		return nil, err
	}
	defer g.release(ctx, uint32(opts))
	at, err := g.call(ctx, g.compile2, uint64(iso.jsc), opts)
	if err != nil {
		return nil, iso.fatal(err)
	}
	if at == 0 {
		return nil, iso.takeException(ctx)
	}
	ptr, bc, err := g.copyPacked(ctx, at)
	if err != nil {
		return nil, err
	}
	return bc, g.release(ctx, ptr)
}

// evalBytecode runs compiled code (a script, or a module with its top-level await settled),
// then the pending jobs, and frees the result.
func (iso *Isolate) evalBytecode(ctx context.Context, bc []byte, module bool) error {
	ctx = iso.guestContext(ctx)
	g := iso.g
	p, err := g.alloc(ctx, bc, false)
	if err != nil {
		return err
	}
	defer g.release(ctx, p)
	flags := uint64(evalGlobal)
	if module {
		flags = evalModule
	}
	opts, err := g.call(ctx, g.createEvalOption, 0, uint64(p), uint64(len(bc)), 0, flags)
	if err != nil {
		return err
	}
	defer g.release(ctx, uint32(opts))
	v, err := g.call(ctx, g.eval, uint64(iso.jsc), opts)
	if err != nil {
		return iso.fatal(err)
	}
	if tagOf(v) == tagException {
		return iso.takeException(ctx)
	}
	return g.freeJS(ctx, iso.jsc, v)
}

// prepareEntry compiles the entry script once and keeps it in guest memory.
func (iso *Isolate) prepareEntry(ctx context.Context) error {
	bc, err := iso.compile(ctx, "kitwasm:entry", "__kw_entry()", false)
	if err != nil {
		return err
	}
	ctx = iso.guestContext(ctx)
	p, err := iso.g.alloc(ctx, bc, false)
	if err != nil {
		return err
	}
	opts, err := iso.g.call(ctx, iso.g.createEvalOption, 0, uint64(p), uint64(len(bc)), 0, evalGlobal)
	if err != nil {
		return err
	}
	iso.entry = uint32(opts)
	return nil
}

// callEntry runs __kw_entry() and the microtasks it queues. It returns the entry's answer:
// 0 when it has more work now, the delay in milliseconds to the next timer, or -1 for none.
func (iso *Isolate) callEntry(ctx context.Context) (int32, error) {
	if iso.broken != nil {
		return -1, iso.broken
	}
	ctx = iso.guestContext(ctx)
	v, err := iso.g.call(ctx, iso.g.eval, uint64(iso.jsc), uint64(iso.entry))
	if err != nil {
		return -1, iso.fatal(err)
	}
	switch tagOf(v) {
	case tagInt:
		return int32(uint32(v)), nil
	case tagException:
		if iso.interrupted.Load() {
			iso.takeException(ctx)
			iso.broken = fmt.Errorf("%w: %w (%w)", ErrIsolateBroken, errLimit, context.Cause(ctx))
			return -1, iso.broken
		}
		// The layer catches everything a program throws; what reaches here is the engine
		// giving up (out of memory while handling an error, interrupted): not recoverable.
		jerr := iso.takeException(ctx)
		iso.broken = fmt.Errorf("%w: %v", ErrIsolateBroken, jerr)
		return -1, iso.broken
	default:
		iso.g.freeJS(ctx, iso.jsc, v)
		return -1, nil
	}
}

// fatal marks the isolate broken after a trap or a closed module.
func (iso *Isolate) fatal(err error) error {
	if iso.broken == nil {
		iso.broken = fmt.Errorf("%w: %w", ErrIsolateBroken, err)
	}
	return iso.broken
}

// JSError is an exception thrown by JavaScript, with its stack as QuickJS reports it.
type JSError struct {
	Message string
	Stack   string
}

func (e *JSError) Error() string {
	if e.Stack != "" {
		return e.Message + "\n" + strings.TrimRight(e.Stack, "\n")
	}
	return e.Message
}

// takeException fetches and clears the pending exception.
func (iso *Isolate) takeException(ctx context.Context) error {
	g := iso.g
	exc, err := g.call(ctx, g.getException, uint64(iso.jsc))
	if err != nil {
		return iso.fatal(err)
	}
	defer g.freeJS(ctx, iso.jsc, exc)
	msg, err := g.toString(ctx, iso.jsc, exc)
	if err != nil {
		return iso.fatal(err)
	}
	jerr := &JSError{Message: msg}
	if tagOf(exc) == tagObject {
		st, err := g.call(ctx, g.getPropertyStr, uint64(iso.jsc), exc, uint64(iso.stackKey))
		if err == nil && tagOf(st) == tagString {
			jerr.Stack, _ = g.toString(ctx, iso.jsc, st)
		}
		g.freeJS(ctx, iso.jsc, st)
	}
	return jerr
}

// Broken reports why the isolate can no longer be used, or nil.
func (iso *Isolate) Broken() error { return iso.broken }

// Close releases the isolate.
func (iso *Isolate) Close() { iso.close(context.Background()) }

func (iso *Isolate) close(ctx context.Context) {
	if iso.mod != nil {
		iso.mod.Close(ctx)
		iso.mod = nil
	}
	if iso.broken == nil {
		iso.broken = fmt.Errorf("%w: closed", ErrIsolateBroken)
	}
}

// MemoryBytes is the size of the isolate's linear memory.
func (iso *Isolate) MemoryBytes() uint32 {
	if iso.mod == nil {
		return 0
	}
	return iso.mod.Memory().Size()
}
