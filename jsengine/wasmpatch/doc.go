// Package wasmpatch rewrites the QuickJS-NG Wasm module (qjs.wasm of
// github.com/fastschema/qjs v0.0.6) at load time so that deep recursion can
// never corrupt an isolate: JavaScript gets a catchable
// `RangeError: Maximum call stack size exceeded`, and a bounds check on the C
// stack pointer turns any other overflow into a trap instead of a silent
// overwrite. The same pass adds a cheap interrupt for runaway code (see
// "Interrupting runaway code"). It uses the standard library only and does not import wazero; the
// host (package wasmhost) follows the protocol below.
//
// # Why recursion corrupted the engine
//
// Measured on the module itself (disassembly and probes):
//
//   - The C stack is the wasm-ld default: 64 KiB directly ABOVE .data/.bss
//     (the module was not linked with --stack-first, whatever qjswasm.cmake
//     says). Global 0 (__stack_pointer, mutable, not exported) starts at
//     165408 = __heap_base; the stack spans ~[99872, 165408); the libc and
//     dlmalloc state live just below it (e.g. malloc state at ~97180). An
//     overflow therefore writes into static data and malloc's bookkeeping
//     without any trap. A plain `f(n-1)+1` recursion of 250 frames already
//     returns the right value and leaves the isolate broken: the next ordinary
//     evaluation traps (out of bounds) or loops forever
//     (TestOriginalModuleIsCorrupted).
//   - QuickJS-NG's own check is compiled in (js_check_stack_overflow compares
//     __builtin_frame_address(0), i.e. the real shadow-stack pointer, with
//     JSRuntime.stack_limit, and throws a RangeError), but it can never fire:
//     update_stack_limit() is `#if defined(__wasi__) rt->stack_limit = 0`, so
//     every writer of the limit (JS_NewRuntime, JS_SetMaxStackSize via
//     New_QJS's max_stack_size, JS_UpdateStackTop via the exported
//     QJS_UpdateStackTop) stores 0, and `sp - alloca < 0` is never true for an
//     unsigned sp. That is why setting a max stack size changed nothing. In
//     this build QJS_UpdateStackTop is literally
//     `rt->stack_limit = 0; rt->stack_top = __stack_pointer` (JSRuntime offsets
//     128 and 124).
//
// # What the patch does
//
// StackGuard (Patch with RequireQuickJSHook) parses the module (sections,
// LEB128, types, imports, globals, exports, every function body instruction
// by instruction) and returns a new module that differs only in:
//
//  1. Two new mutable i32 globals, exported as kitwasm_stack_limit and
//     kitwasm_js_stack_limit, and an export kitwasm_stack_pointer of the
//     existing __stack_pointer global (found by the name section, else as
//     the only mutable i32 global).
//  2. Every `global.set __stack_pointer` (1021 sites in 456 functions: each
//     prologue, epilogue and alloca) becomes
//     `local.tee $t; global.get $limit; i32.lt_u; if unreachable end;
//     local.get $t; global.set __stack_pointer`, $t being one new i32 local
//     per instrumented function. A frame below the limit traps before it is
//     used: this is what Binaryen's stack-check pass does. Leaf functions
//     may use LLVM's 128-byte red zone below the pointer without moving it,
//     hence GuardBytes (256) between the region base and the trap limit.
//  3. QJS_UpdateStackTop's `i32.const 0` (the stack_limit value) becomes
//     `global.get kitwasm_js_stack_limit`, so calling it arms QuickJS's own
//     check against the real region. The body's shape is verified first;
//     any other build is refused rather than mis-patched.
//  4. The .debug_* custom sections are dropped (their code offsets are stale).
//  5. The interrupt handler (next section): two globals, one function, one
//     table slot and one element segment.
//  6. One `call JS_FreeValue` in QJS_Eval's bytecode path becomes `drop drop`
//     ("The double free in QJS_Eval").
//
// The globals' initial values guard the module's own 64 KiB stack (trap limit
// 100128, QuickJS limit 116512), so even a host that skips the relocation gets
// RangeErrors at a low depth (176 plain frames) instead of corruption.
//
// # Host protocol (per isolate)
//
//  1. Compile the bytes returned by StackGuard (once per process; cache them
//     and the compilation like the original module).
//  2. Instantiate as before (no start function), then, before any other call:
//     base := malloc(StackSize) (the module's exported malloc; 0 is an error).
//  3. l := NewLayout(base, StackSize); set the exported mutable globals
//     kitwasm_stack_pointer = l.Top, kitwasm_stack_limit = l.Limit,
//     kitwasm_js_stack_limit = l.JSLimit (no guest code runs in between, so
//     the order does not matter).
//  4. qjs := New_QJS(memLimit, 0, 0, 0) — pass 0 as max_stack_size, since
//     JS_SetMaxStackSize would reset the limit to 0 — then call
//     QJS_UpdateStackTop(qjs) once. From then on QuickJS throws a RangeError
//     when a frame would go below l.JSLimit.
//  5. If any call returns an error (trap: "unreachable" from the guard,
//     wazero's native "stack overflow", out of bounds, deadline), answer that
//     request with a 500 and discard the instance; never reuse it. A thrown
//     RangeError is an ordinary JS exception: the isolate stays valid (the
//     tests reuse it and compare every later answer with a fresh isolate's).
//  6. Snapshots: the stack region is ordinary malloc'd memory and part of the
//     linear memory, but globals are not. After restoring a snapshot into a
//     fresh instance, set the three globals again to the values of the
//     snapshotted instance (keep its Layout) before calling anything.
//
// Do not call QJS_UpdateStackTop while guest code runs, and do not pass a
// max_stack_size to New_QJS after setup.
//
// # Interrupting runaway code
//
// QuickJS-NG counts operations (backward jumps, calls, regexp steps) and every
// InterruptCounterInit (10,000) of them calls __js_poll_interrupts(ctx), which
// calls rt->interrupt_handler(rt, rt->interrupt_opaque) through the function
// table if it is non-NULL; a non-zero answer throws InternalError
// "interrupted" and marks it uncatchable (catch and finally blocks are
// skipped). This build never sets a handler. The patch (part of StackGuard;
// Patch with RequireQuickJSHook refuses a module where it cannot be applied):
//
//   - finds __js_poll_interrupts by shape, not by index (function 393 here):
//     `ctx->interrupt_counter = N; rt = ctx->rt; h = rt->interrupt_handler;
//     if (h && h(rt, rt->interrupt_opaque)) JS_ThrowInternalError(ctx,
//     "interrupted")...`, with the message checked in the data segment; it
//     must be the only such function and read the handler at JSRuntime
//     offset RuntimeInterruptHandlerOffset (152; opaque at 156), else the
//     module is refused;
//   - adds the mutable i32 global kitwasm_interrupt (0) and a function of the
//     handler's type (i32 rt, i32 opaque) -> i32 whose body is
//     `call clock_time_get(-1, 0, 0); drop; global.get kitwasm_interrupt`;
//   - grows the table by one slot (542 -> 543 entries here), adds an element
//     segment putting the function in the new slot (542), and exports the slot
//     as the immutable i32 global kitwasm_interrupt_handler.
//
// Why the handler calls the host: machine code compiled by wazero cannot be
// preempted by the Go runtime. Without WithCloseOnContextDone (whose checks at
// every loop header and function entry are calls into Go, hence its cost) a
// guest loop that never calls the host blocks every stop-the-world of the Go
// garbage collector: the whole process stops, including the goroutine that
// would set the flag (observed: a runaway recursion hung the test binary in
// "GC mark termination"). The handler's call to the imported WASI
// clock_time_get with an invalid clock id returns EINVAL without reading a
// clock or touching memory, but it is a Go call, i.e. a preemption point, once
// per poll (TestInterruptDuringGC: 26 forced GCs during a runaway loop).
//
// Host protocol (per isolate, in addition to the stack protocol above):
//
//  1. After qjs := New_QJS(...) (and QJS_UpdateStackTop), read the JSRuntime*
//     (the first u32 of the QJSRuntime* that New_QJS returns) and write the
//     value of the exported global kitwasm_interrupt_handler (the table
//     index, 542 for this module) as a little-endian u32 at
//     JSRuntime* + RuntimeInterruptHandlerOffset (152). Leave
//     interrupt_opaque (156) as it is; the handler ignores it. No guest call
//     is needed, and until this write the patch changes nothing
//     (TestInterruptWithoutHandler).
//  2. Compile without WithCloseOnContextDone (that is the point: fib(20) runs
//     ~5x faster); a context deadline then no longer stops the guest, so the
//     host must use the flag for deadlines.
//  3. To interrupt, set the exported mutable global kitwasm_interrupt to 1
//     (api.MutableGlobal.Set, from any goroutine, e.g. a time.AfterFunc at
//     the request deadline). wazero stores the value with an unsynchronised
//     8-byte write that the guest reads at its next poll; a torn read can only
//     yield 0 or 1, so this is benign (the race detector does not see the
//     guest's read). The running call then returns an exception,
//     InternalError "interrupted", which JavaScript cannot catch. Measured
//     time from Set to the return of QJS_Eval: 0.2-1.4 ms for loops,
//     regexps, sort, JSON, string building; 19 ms for a loop in a pending
//     promise job; up to 264 ms once for a catch-and-recurse storm (deep C
//     recursion between two polls). Code that reaches no poll (fewer than
//     10,000 operations) completes normally even with the flag set.
//  4. Afterwards, discard the isolate. Resetting the flag to 0 and reusing
//     it is safe for the heap (QuickJS unwinds as for any exception; after
//     interrupting loops, regexps, sort, JSON, recursion the tests compare a
//     battery of 20 computations with a fresh isolate's and find them equal),
//     but NOT for the program: whatever the interrupted code scheduled
//     (pending promise jobs, timers) survives, and with the flag back at 0 the
//     next evaluation resumes it (an `async` loop of `await null` ran forever
//     on the next eval). While the flag stays 1, every later long evaluation
//     is interrupted too. So: reuse only if the host also drops the job queue,
//     otherwise discard (like after a trap).
//  5. Snapshots: JSRuntime.interrupt_handler is in linear memory and the table
//     index is the same in every instance of the patched module, so a
//     restored snapshot keeps the handler; kitwasm_interrupt starts at 0 in a
//     fresh instance.
//
// Cost (BenchmarkInterrupt, fib(20), same-run rotation of three isolates of
// the patched module, 2-core machine, three runs): with handler / without
// handler 1.008, 1.014, 0.952 (noise); WithCloseOnContextDone(true) / without
// handler 5.43, 5.18, 5.39 (~3.0 ms vs ~16.7 ms per fib(20)).
//
// # The double free in QJS_Eval
//
// qjswasm's load_buf (eval.c), which QJS_Eval uses for script bytecode, does
//
//	obj = JS_ReadObject(...); module_val = JS_EvalFunction(ctx, obj);
//	if (JS_IsException(module_val)) { JS_FreeValue(ctx, obj); ... }
//
// but JS_EvalFunction consumes obj on every path (js_closure takes the
// function bytecode, JS_CallFree releases the closure, which releases the
// bytecode). So every script evaluated from bytecode that throws frees its
// function a second time: a JS_FreeValue on freed memory (ref_count 0, or
// malloc's free-list pointer, which it then decrements). The heap is corrupted
// from then on; whether and when it shows depends on its layout. Observed: in
// a bare isolate of the original module the next compile traps; with the Web
// layer, `new TextDecoder()`, a throw and a syntax error made the following
// compile trap ("out of bounds memory access" in free) in 8 of 8 isolates.
// Source evaluation (JS_Eval) and module bytecode (QJS_Load, then
// JS_EvalFunction without the extra free) are not affected, nor is eval or
// new Function inside JavaScript.
//
// The patch (part of StackGuard; Patch with RequireQuickJSHook refuses a module
// where it cannot be applied) finds, in QJS_Eval or a function it calls, the
// only sequence `local.get c; local.get o; call E; local.tee; i64.const
// 0xffffffff00000000; i64.and; i64.const 6<<32; i64.ne; br_if; local.get c;
// local.get o; call JS_FreeValue` where E has JS_EvalFunction's shape (it
// passes ctx, the value, ctx->global_obj, NULL, NULL on to one function), and
// replaces that `call JS_FreeValue` with `drop drop` (function 27 here; E is
// 488). Nothing else changes (TestPatchEvalDoubleFree);
// TestThrowingBytecodeFreesItsFunctionOnce watches JS_FreeValue with a wazero
// function listener: the original module frees a released function, the
// patched one never does over 300 throwing evaluations.
//
// # Limit, memory, cost (2-core CI-class machine, wazero v1.11 compiler)
//
// StackSize is 1 MiB and JSReserve 64 KiB (QuickJS's limit sits 64 KiB above
// the trap limit; the deepest C code below QuickJS's limit measured in all the
// sweeps was ~4.7 KiB, for the RangeError's construction and unwinding).
// Maximum depths with 1 MiB (TestMaxDepth; Node 22 gives ~10,800 for the
// first): plain f() 3,610; three arguments and locals 3,068; class constructor
// 3,409; getter 3,068; Proxy get trap 2,454; [x].map(f) 1,497; levels through
// toJSON 944 and toString 740 (two JS calls per level). ~272 bytes of linear
// stack per plain JS frame.
//
// How 1 MiB was chosen: the second limit is wazero's own native stack
// (callStackCeiling: it refuses to grow past 50 MB, so at most ~100 MB of Go
// memory), which JS_CallInternal's machine frames fill at ~8 KB per plain JS
// frame, ~30x the rate of the linear stack. With a 2 MiB
// region all sweeps still ended in RangeErrors (7,224 plain frames), with 3 MiB
// most ended in wazero's "stack overflow" trap first (still contained, but not
// catchable). 1 MiB keeps a 3x margin below that trap while giving every
// direct-recursion pattern more than 1,000 levels.
//
// Memory per isolate: the 1 MiB region (linear memory, grown once at setup;
// pages become resident only when a recursion reaches them, and stay so until
// the isolate is discarded; a copy-on-write snapshot maps it for free). In
// addition, a maximal recursion makes wazero grow its native call stack: ~57 MB
// of Go allocations during the call (TestNativeStackCost), transient, per
// concurrently overflowing request.
//
// Throughput (BenchmarkStackGuard, same-run alternation of an original and a
// patched isolate, ratio patched/original, three runs): fib(22) recursion
// 0.96-1.01, ordinary JSON/string/array mix 0.94-1.03, i.e. within noise; the check adds
// five instructions to each prologue/epilogue and nothing to frameless
// functions.
//
// # Tests
//
//   - TestLEB128RoundTrip, TestRoundTripUnmodifiedModule (qjs.wasm parsed and
//     re-encoded byte for byte; every body decodes to its end),
//     TestPatchQJS (exports, no unguarded write left, compiles in wazero,
//     double patch refused), TestPatchRefusesGarbage, TestNewLayout.
//   - TestTinyModuleOverflowTrapsInsteadOfWriting: a hand-made module whose
//     recursion overwrites a canary below its stack when unpatched; patched,
//     it traps at the limit with the canary and the guard area untouched.
//   - TestOriginalModuleIsCorrupted: the bug, reproduced on the real engine.
//   - TestRecursionSweepOneIsolate: ONE patched isolate, depths 10..100,000 of
//     plain, map, constructor, getter, toJSON, nested JSON arrays (to 3,000:
//     QuickJS's JSON.stringify is quadratic in depth, a CPU matter) and
//     JSON.parse, and catch-and-continue recursion; no trap, RangeError
//     catchable, stack pointer back at the top, and after each a battery of 20
//     ordinary computations equal to a fresh isolate's (original and patched).
//   - TestMaxDepth, TestPatchedWithoutRelocation, TestTrapDiscardsIsolate
//     (with QuickJS's check disarmed the guard traps with "unreachable"),
//     TestNativeStackCost, BenchmarkStackGuard.
//   - Interrupt (isolates compiled without WithCloseOnContextDone):
//     TestPatchInterruptShape (exports, slot, offsets; a module whose poll
//     function reads other offsets or ignores the handler's answer is
//     refused), TestInterrupt (ten runaway programs, among them `for(;;){}`,
//     try/catch and try/finally around it, /(a+)+$/ on 'a'*40+'b', sort with
//     a comparator, toJSON, an async await loop: stopped from another
//     goroutine, uncatchable, later long code interrupted while the flag is
//     set, then reuse after reset and a second interrupt),
//     TestInterruptFlagZero, TestInterruptSetBeforeEval,
//     TestInterruptWithoutHandler, TestInterruptDuringGC, BenchmarkInterrupt.
package wasmpatch
