// Package translated runs the engine module translated to Go by github.com/ncruces/wasm2go:
// the same patched qjs.wasm that wasmhost compiles with wazero (stack guard, interrupt poll,
// eval fix from jsengine/wasmpatch), turned into a Go package, so that a program that is
// itself Wasm (a Fastly Compute package, GOOS=wasip1) can run QuickJS without a Wasm runtime.
//
// The generated Go is never committed: package translate writes it into a cache directory,
// where a program that uses it is built. This package holds the parts written once: the host
// side of the module's imports (WASI without files or environment, and env.jsFunctionProxy)
// and a small driver of QuickJS's exports over the Guest interface, which the wazero-backed
// engine satisfies too (package compare), so that both are driven and tested by one code.
// It imports neither wazero nor the engine module's bytes, so a wasip1 program stays small.
package translated
