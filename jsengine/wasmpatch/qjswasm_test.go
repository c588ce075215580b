package wasmpatch

import (
	_ "unsafe" // for go:linkname

	_ "github.com/fastschema/qjs" // embeds qjs.wasm
)

// qjsWasm is the engine module embedded by github.com/fastschema/qjs. It is
// read in place, never copied into this repository.
//
//go:linkname qjsWasm github.com/fastschema/qjs.wasmBytes
var qjsWasm []byte
