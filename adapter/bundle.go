// Package adapter is the Go side of @kitwasm/adapter: it bundles a worker (a SvelteKit server
// entry, or any module worker) with esbuild into one ES module that the runtime can load. It
// is the only package that imports esbuild.
package adapter

import (
	"encoding/json"
	"fmt"
	"path/filepath"
	"slices"
	"sort"
	"strings"

	"github.com/evanw/esbuild/pkg/api"
)

// Bundle is one bundled module worker.
type Bundle struct {
	// Code is the ES module, with no imports left except dynamic imports of Node builtins
	// (which reject at run time, as kit expects of node:async_hooks).
	Code string
	// SourceMap maps Code back to the sources (JSON, version 3).
	SourceMap string
	// Inputs are the bundled files, relative to the working directory.
	Inputs []string
	// FastPaths are the fast paths (fastpath.go) applied to library code, by name.
	FastPaths []string
}

// BundleOptions configures BundleWorker.
type BundleOptions struct {
	// Minify shrinks the bundle (identifiers are kept: stack traces stay readable).
	Minify bool
	// Define replaces global identifiers at build time, as esbuild's define.
	Define map[string]string
	// WorkingDir is what diagnostics' file names are relative to (default: the entry's
	// directory).
	WorkingDir string
	// LowerAsync rewrites async functions, async generators and for await into generators
	// that resume through promise.then (esbuild's lowering), so that a context manager that
	// wraps then (KitwasmContextManager, @kitwasm/adapter/instrumentation) can follow a
	// request's asynchronous flow without AsyncLocalStorage. Only for apps with an
	// instrumentation file: it costs time on every await.
	LowerAsync bool
}

// Diagnostic is a build error or warning at a position in a source file.
type Diagnostic struct {
	File         string
	Line, Column int // 1-based line, 0-based column as esbuild reports
	Text         string
	LineText     string
}

func (d Diagnostic) String() string {
	if d.File == "" {
		return d.Text
	}
	return fmt.Sprintf("%s:%d:%d: %s", d.File, d.Line, d.Column+1, d.Text)
}

// BuildError carries every error of a failed build.
type BuildError struct{ Errors []Diagnostic }

func (e *BuildError) Error() string {
	var b strings.Builder
	for i, d := range e.Errors {
		if i > 0 {
			b.WriteByte('\n')
		}
		b.WriteString(d.String())
		if d.LineText != "" {
			fmt.Fprintf(&b, "\n    %s", strings.TrimRight(d.LineText, "\n"))
		}
	}
	return b.String()
}

// Conditions are the package.json export conditions the runtime matches, in order: a Wasm
// isolate is a worker, never a browser or Node.
var Conditions = []string{"worker", "import", "module", "default"}

// BundleWorker bundles the module worker at entry and everything it imports.
func BundleWorker(entry string, opts BundleOptions) (*Bundle, error) {
	abs, err := filepath.Abs(entry)
	if err != nil {
		return nil, err
	}
	var applied []string
	res := api.Build(api.BuildOptions{
		EntryPoints:       []string{abs},
		Bundle:            true,
		Format:            api.FormatESModule,
		Platform:          api.PlatformNeutral,
		Target:            api.ES2023,
		Conditions:        Conditions,
		MainFields:        []string{"module", "main"},
		ResolveExtensions: []string{".mjs", ".js", ".ts", ".jsx", ".tsx", ".json", ".cjs"},
		Sourcemap:         api.SourceMapExternal,
		SourcesContent:    api.SourcesContentInclude,
		// Never written: it makes the source map's paths relative to the working directory.
		Outfile:          filepath.Join(workingDir(opts.WorkingDir, abs), "_kitwasm_worker.js"),
		Charset:          api.CharsetUTF8,
		LegalComments:    api.LegalCommentsNone,
		MinifySyntax:     opts.Minify,
		MinifyWhitespace: opts.Minify,
		KeepNames:        false,
		Define:           opts.Define,
		Supported:        lowered(opts.LowerAsync),
		Metafile:         true,
		LogLevel:         api.LogLevelSilent,
		Write:            false,
		AbsWorkingDir:    workingDir(opts.WorkingDir, abs),
		Plugins:          []api.Plugin{runtimeImports, fastPathPlugin(&applied)},
	})
	if len(res.Errors) > 0 {
		return nil, &BuildError{Errors: diagnostics(res.Errors)}
	}
	slices.Sort(applied)
	b := &Bundle{FastPaths: slices.Compact(applied)}
	for _, f := range res.OutputFiles {
		switch {
		case strings.HasSuffix(f.Path, ".map"):
			b.SourceMap = string(f.Contents)
		default:
			b.Code = string(f.Contents)
		}
	}
	b.Inputs = metafileInputs(res.Metafile)
	return b, nil
}

// lowered is esbuild's Supported for BundleOptions.LowerAsync.
func lowered(on bool) map[string]bool {
	if !on {
		return nil
	}
	return map[string]bool{"async-await": false, "async-generator": false, "for-await": false}
}

func diagnostics(msgs []api.Message) []Diagnostic {
	out := make([]Diagnostic, 0, len(msgs))
	for _, m := range msgs {
		d := Diagnostic{Text: m.Text}
		if m.Location != nil {
			d.File, d.Line, d.Column, d.LineText = m.Location.File, m.Location.Line, m.Location.Column, m.Location.LineText
		}
		for _, n := range m.Notes {
			d.Text += "\n    " + n.Text
		}
		out = append(out, d)
	}
	return out
}

// runtimeImports decides what happens to imports the runtime cannot load from the bundle:
// Node builtins and the engine's own qjs:* modules.
var runtimeImports = api.Plugin{
	Name: "kitwasm-runtime-imports",
	Setup: func(b api.PluginBuild) {
		b.OnResolve(api.OnResolveOptions{Filter: `^(node:|qjs:)|^[a-z_]+(/[a-z_]+)?$`}, func(args api.OnResolveArgs) (api.OnResolveResult, error) {
			name := strings.TrimPrefix(args.Path, "node:")
			if strings.HasPrefix(args.Path, "qjs:") {
				return api.OnResolveResult{Errors: []api.Message{{Text: fmt.Sprintf(
					"%q is the engine's internal module and is not available to workers", args.Path)}}}, nil
			}
			if !strings.HasPrefix(args.Path, "node:") && !nodeBuiltins[name] {
				return api.OnResolveResult{}, nil // an npm package: resolve normally
			}
			if args.Kind == api.ResolveJSDynamicImport {
				// Left as import("node:…"): it rejects at run time, which is how kit detects
				// that AsyncLocalStorage is unavailable.
				return api.OnResolveResult{Path: "node:" + name, External: true}, nil
			}
			return api.OnResolveResult{Errors: []api.Message{{Text: fmt.Sprintf(
				"%q is a Node.js builtin, which the kitwasm runtime does not provide (it offers the Web platform: fetch, streams, crypto.subtle, URL, TextEncoder, ...). "+
					"Use a Web API instead, or move this code out of the worker's server path.", args.Path)}}}, nil
		})
	},
}

var nodeBuiltins = func() map[string]bool {
	m := map[string]bool{}
	for _, n := range strings.Fields(`assert assert/strict async_hooks buffer child_process cluster console
		constants crypto dgram diagnostics_channel dns dns/promises domain events fs fs/promises http http2
		https inspector module net os path path/posix path/win32 perf_hooks process punycode querystring
		readline repl stream stream/promises stream/web string_decoder sys timers timers/promises tls
		trace_events tty url util util/types v8 vm wasi worker_threads zlib test sqlite`) {
		m[n] = true
	}
	return m
}()

func workingDir(dir, entry string) string {
	if dir == "" {
		return filepath.Dir(entry)
	}
	return dir
}

// nodeBuiltinList is every Node builtin name, bare and with node:.
func nodeBuiltinList() []string {
	out := make([]string, 0, 2*len(nodeBuiltins))
	for n := range nodeBuiltins {
		out = append(out, n, "node:"+n)
	}
	return out
}

// metafileInputs lists the input files of esbuild's metafile.
func metafileInputs(meta string) []string {
	var m struct {
		Inputs map[string]json.RawMessage `json:"inputs"`
	}
	if json.Unmarshal([]byte(meta), &m) != nil {
		return nil
	}
	out := make([]string, 0, len(m.Inputs))
	for k := range m.Inputs {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}
