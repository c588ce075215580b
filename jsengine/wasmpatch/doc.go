// Package wasmpatch rewrites the QuickJS-NG Wasm module (qjs.wasm of
// github.com/fastschema/qjs v0.0.6) at load time so that deep recursion can
// never corrupt an isolate: JavaScript gets a catchable
// `RangeError: Maximum call stack size exceeded`, and a bounds check on the C
// stack pointer turns any other overflow into a trap instead of a silent
// overwrite. It uses the standard library only and does not import wazero; the
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
package wasmpatch
