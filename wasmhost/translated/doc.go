// Package translated runs the engine module translated to Go by github.com/ncruces/wasm2go:
// the same patched qjs.wasm that wasmhost compiles with wazero (stack guard, interrupt poll,
// eval fix from jsengine/wasmpatch), turned into a Go package, so that a program that is
// itself Wasm (a Fastly Compute package, GOOS=wasip1) can run QuickJS without a Wasm runtime.
//
// The generated Go is never committed: package translate writes it into a cache directory,
// where a program that uses it is built. This package holds the parts written once: the host
// side of the module's WASI imports (Host: no files or environment) and NewBackend, which
// makes the generated module a wasmhost.Backend. Everything above it (isolates, the host
// function, the event loop, snapshots, the pool) is wasmhost's own code, the same as on
// wazero. It does not import wazero itself (wasmhost does, for its other backend).
package translated
