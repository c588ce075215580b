// Package jsengine provides the JavaScript engine that kitwasm runs in its sandbox: the
// QuickJS-NG module compiled to Wasm (from github.com/fastschema/qjs) and the Web platform
// layer, written in JavaScript in web/, that every isolate evaluates before user code.
//
// The package has no Wasm runtime of its own: wasmhost compiles and instantiates Module()
// and evaluates Layer() in each isolate. See ARCHITECTURE.md for the request pipeline.
package jsengine

import (
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"fmt"
	"io/fs"
	"sort"
	"strings"
	"sync"
	_ "unsafe" // for go:linkname

	_ "github.com/fastschema/qjs" // embeds qjs.wasm; see Module
)

// qjsWasm is the engine module that github.com/fastschema/qjs embeds. We reach it by name
// instead of copying the binary into this repository (RATIONALE.md, "Why reach qjs.wasm
// through go:linkname?"): the host instantiates it itself, without qjs's Go API, so that
// no file system is mounted and the engine's entry points are driven by our event loop.
//
//go:linkname qjsWasm github.com/fastschema/qjs.wasmBytes
var qjsWasm []byte

// Module returns the bytes of the QuickJS-NG Wasm module. The slice must not be modified.
func Module() []byte { return qjsWasm }

//go:embed web/*.js
var webFS embed.FS

// Version is the kitwasm version, reported by `kitwasm version` and navigator.userAgent.
var Version = "0.1.0-dev"

// LayerFile is one file of the Web layer with its first line in the assembled script, so that
// positions in stack traces can be mapped back to jsengine/web/<Name>.
type LayerFile struct {
	Name      string
	FirstLine int
}

var (
	layerOnce  sync.Once
	layerSrc   string
	layerFiles []LayerFile
)

// Layer returns the Web platform layer as one classic script: every web/*.js file in name
// order, each in its own block, inside one function that holds the private `__kw` namespace.
// jsengine/tools/nodevm.mjs assembles it the same way.
func Layer() (string, []LayerFile) {
	layerOnce.Do(func() {
		names, err := fs.Glob(webFS, "web/*.js")
		if err != nil {
			panic(err)
		}
		sort.Strings(names)
		var b strings.Builder
		b.WriteString("(function () {\n\"use strict\";\nconst __kw = Object.create(null);\n")
		line := 4
		for _, name := range names {
			src, err := webFS.ReadFile(name)
			if err != nil {
				panic(err)
			}
			text := strings.ReplaceAll(string(src), "__KITWASM_VERSION__", Version)
			fmt.Fprintf(&b, "{ // %s\n", strings.TrimPrefix(name, "web/"))
			layerFiles = append(layerFiles, LayerFile{Name: strings.TrimPrefix(name, "web/"), FirstLine: line + 1})
			b.WriteString(text)
			b.WriteString("\n}\n")
			line += 2 + strings.Count(text, "\n") + 1
		}
		b.WriteString("})();\n")
		layerSrc = b.String()
	})
	return layerSrc, layerFiles
}

// LayerPosition maps a line of the assembled layer script to the source file and line.
func LayerPosition(line int) (file string, fileLine int) {
	_, files := Layer()
	for i := len(files) - 1; i >= 0; i-- {
		if line >= files[i].FirstLine {
			return "jsengine/web/" + files[i].Name, line - files[i].FirstLine + 1
		}
	}
	return "", line
}

var (
	idOnce sync.Once
	id     string
)

// ID identifies the engine build: QuickJS bytecode is valid only for the engine that wrote it.
func ID() string {
	idOnce.Do(func() {
		sum := sha256.Sum256(qjsWasm)
		id = "qjs-" + hex.EncodeToString(sum[:8])
	})
	return id
}
