package adapter

import (
	"os"
	"path/filepath"
	"strings"
	"sync"

	"github.com/evanw/esbuild/pkg/api"
)

// A fast path replaces the slowest part of a known library function with code that gives
// the same result with fewer steps in QuickJS, an interpreter: a loop that runs a
// JavaScript function per character costs ~1.5 µs a character in the engine (a C regular
// expression over the whole string, ~3 µs a string). Each fast path applies only to the
// exact source text it was written against (any other version of the library is bundled
// unchanged), keeps every line where it was (positions in stack traces and the source map
// stay right), and is checked against the original in Node (fastpath_test.go).
type fastPath struct {
	// Name is what the build output says was applied.
	Name string
	// File matches the module's path (esbuild OnLoad filter, Go regexp syntax).
	File string
	// Apply returns the changed source, or false when src is not the text it knows.
	Apply func(src string) (string, bool)
}

var fastPaths = []fastPath{devalueStringifyString}

// devalueStringifyString: devalue's stringify_string (kit serialises every page's server
// data with devalue.uneval into the HTML) walks the string a character at a time and calls
// get_escaped_char for each. The fast path returns the quoted string at once when no
// character of it is one that get_escaped_char escapes: C0 controls, '"', '<', '\',
// U+2028 and U+2029 (its switch, and `char < ' '` for the other controls). On the 300-row
// page of testdata/kit/fixture this took devalue.uneval from ~53 to ~32 ms of ~81 ms per
// request (BENCHMARKS.md, "Where the 300-row page's time goes").
var devalueStringifyString = fastPath{
	Name: "devalue stringify_string",
	File: `[\\/]devalue[\\/]src[\\/]utils\.js$`,
	Apply: func(src string) (string, bool) {
		const escapes = "function get_escaped_char(char) {\n" +
			"\tswitch (char) {\n" +
			"\t\tcase '\"':\n\t\t\treturn '\\\\\"';\n" +
			"\t\tcase '<':\n\t\t\treturn '\\\\u003C';\n" +
			"\t\tcase '\\\\':\n\t\t\treturn '\\\\\\\\';\n" +
			"\t\tcase '\\n':\n\t\t\treturn '\\\\n';\n" +
			"\t\tcase '\\r':\n\t\t\treturn '\\\\r';\n" +
			"\t\tcase '\\t':\n\t\t\treturn '\\\\t';\n" +
			"\t\tcase '\\b':\n\t\t\treturn '\\\\b';\n" +
			"\t\tcase '\\f':\n\t\t\treturn '\\\\f';\n" +
			"\t\tcase '\\u2028':\n\t\t\treturn '\\\\u2028';\n" +
			"\t\tcase '\\u2029':\n\t\t\treturn '\\\\u2029';\n" +
			"\t\tdefault:\n" +
			"\t\t\treturn char < ' ' ? `\\\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}` : '';\n" +
			"\t}\n}\n"
		const head = "export function stringify_string(str) {\n"
		const body = "\tlet result = '';\n" +
			"\tlet last_pos = 0;\n" +
			"\tconst len = str.length;\n" +
			"\n" +
			"\tfor (let i = 0; i < len; i += 1) {\n" +
			"\t\tconst char = str[i];\n" +
			"\t\tconst replacement = get_escaped_char(char);\n" +
			"\t\tif (replacement) {\n" +
			"\t\t\tresult += str.slice(last_pos, i) + replacement;\n" +
			"\t\t\tlast_pos = i + 1;\n" +
			"\t\t}\n" +
			"\t}\n" +
			"\n" +
			"\treturn `\"${last_pos === 0 ? str : result + str.slice(last_pos)}\"`;\n" +
			"}\n"
		src = strings.ReplaceAll(src, "\r\n", "\n")
		if strings.Count(src, escapes) != 1 || strings.Count(src, head+body) != 1 {
			return "", false
		}
		// One line: the function's lines keep their numbers.
		fast := "const kitwasm_escaped_char = /[\\u0000-\\u001f\"<\\\\\\u2028\\u2029]/; " +
			"export function stringify_string(str) { if (!kitwasm_escaped_char.test(str)) return `\"${str}\"`;\n"
		return strings.Replace(src, head+body, fast+body, 1), true
	},
}

// fastPathPlugin applies fastPaths while bundling and records which ones it applied.
func fastPathPlugin(applied *[]string) api.Plugin {
	var mu sync.Mutex
	return api.Plugin{
		Name: "kitwasm-quickjs-fast-paths",
		Setup: func(b api.PluginBuild) {
			for _, fp := range fastPaths {
				b.OnLoad(api.OnLoadOptions{Filter: fp.File, Namespace: "file"}, func(args api.OnLoadArgs) (api.OnLoadResult, error) {
					src, err := os.ReadFile(args.Path)
					if err != nil {
						return api.OnLoadResult{}, nil // esbuild's own loader reports it
					}
					out, ok := fp.Apply(string(src))
					if !ok {
						return api.OnLoadResult{}, nil // another version: bundled unchanged
					}
					mu.Lock()
					*applied = append(*applied, fp.Name)
					mu.Unlock()
					return api.OnLoadResult{Contents: &out, Loader: api.LoaderJS, ResolveDir: filepath.Dir(args.Path)}, nil
				})
			}
		},
	}
}
