package adapter_test

import (
	"context"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/kitwasm/kitwasm/adapter"
	"github.com/kitwasm/kitwasm/internal/nodetest"
	"github.com/kitwasm/kitwasm/wasmhost"
	"github.com/stretchr/testify/require"
)

// devalueUtils returns the fixture's devalue/src/utils.js (the version kit 3.2 installs
// there), installing the fixture's packages first if needed.
func devalueUtils(t *testing.T) (dir string, src string) {
	t.Helper()
	node, err := nodetest.Node()
	require.NoError(t, err)
	app := filepath.Join(nodetest.RepoRoot(), "testdata", "kit", "fixture")
	npm := filepath.Join(filepath.Dir(node), "npm")
	if _, err := os.Stat(npm); err != nil {
		npm, err = exec.LookPath("npm")
		require.NoError(t, err)
	}
	npmInstall(t, app, append(os.Environ(), "PATH="+filepath.Dir(node)+string(os.PathListSeparator)+os.Getenv("PATH")), npm)
	dir = filepath.Join(app, "node_modules", "devalue", "src")
	b, err := os.ReadFile(filepath.Join(dir, "utils.js"))
	require.NoError(t, err)
	return dir, string(b)
}

// The fast path gives exactly what devalue's own stringify_string gives, for strings made of
// every kind of code unit it treats differently (C0 controls, the escaped characters, U+2028
// and U+2029, lone surrogates, astral characters, Latin-1 and other BMP text), run in Node
// against the original module.
func TestDevalueFastPathMatchesOriginal(t *testing.T) {
	dir, src := devalueUtils(t)
	fast, ok := adapter.ApplyDevalueFastPath(src)
	require.True(t, ok, "the fast path no longer matches the fixture's devalue (%s): update adapter/fastpath.go for this version", dir)
	require.Equal(t, strings.Count(src, "\n"), strings.Count(fast, "\n"), "the fast path must keep every line where it was")

	tmp := t.TempDir()
	for _, name := range []string{"constants.js"} {
		b, err := os.ReadFile(filepath.Join(dir, name))
		require.NoError(t, err)
		require.NoError(t, os.WriteFile(filepath.Join(tmp, name), b, 0o644))
	}
	require.NoError(t, os.WriteFile(filepath.Join(tmp, "fast.js"), []byte(fast), 0o644))
	require.NoError(t, os.WriteFile(filepath.Join(tmp, "package.json"), []byte(`{"type":"module"}`), 0o644))
	script := `
import { stringify_string as original } from ` + jsString("file://"+filepath.Join(dir, "utils.js")) + `;
import { stringify_string as fast } from './fast.js';
const units = [];
for (let c = 0; c < 0x80; c++) units.push(c);
units.push(0xa0, 0xe9, 0xfc, 0x2014, 0x2027, 0x2028, 0x2029, 0x202a, 0xd800, 0xdbff, 0xdc00, 0xdfff, 0xfeff, 0xfffd, 0xffff);
let seed = 1;
const rand = (n) => { seed = (seed * 1103515245 + 12345) % 2147483648; return seed % n; };
const strings = [''];
for (const u of units) strings.push(String.fromCharCode(u), 'a' + String.fromCharCode(u) + 'b');
strings.push('😀', 'row 1 — ünïcödé ', '</script><script>', '\u2028\u2029', 'x'.repeat(1000) + '<');
for (let i = 0; i < 20000; i++) {
	let s = '';
	const len = rand(12);
	for (let j = 0; j < len; j++) s += rand(4) === 0 ? String.fromCharCode(units[rand(units.length)]) : String.fromCharCode(0x20 + rand(0x5f));
	strings.push(s);
}
let differ = 0, first = '';
for (const s of strings) {
	const a = original(s), b = fast(s);
	if (a !== b) { if (!differ) first = JSON.stringify(s) + ': ' + JSON.stringify(a) + ' vs ' + JSON.stringify(b); differ++; }
}
console.log(JSON.stringify({ compared: strings.length, differ, first }));
`
	require.NoError(t, os.WriteFile(filepath.Join(tmp, "check.mjs"), []byte(script), 0o644))
	node, err := nodetest.Node()
	require.NoError(t, err)
	out, err := exec.Command(node, filepath.Join(tmp, "check.mjs")).CombinedOutput()
	require.NoError(t, err, "%s", out)
	require.Contains(t, string(out), `"differ":0,`, "the fast path differs from devalue's stringify_string: %s", out)
	require.Regexp(t, `"compared":2\d{4},`, string(out))
}

// Any other text of the function or of the characters it escapes is bundled unchanged.
func TestDevalueFastPathOnlyForItsVersion(t *testing.T) {
	_, src := devalueUtils(t)
	_, ok := adapter.ApplyDevalueFastPath(src)
	require.True(t, ok)
	for name, changed := range map[string]string{
		"another escaped character": strings.Replace(src, "\t\tcase '<':\n", "\t\tcase '>':\n\t\t\treturn '\\\\u003E';\n\t\tcase '<':\n", 1),
		"another loop":              strings.Replace(src, "\t\tconst char = str[i];\n", "\t\tconst char = str[i].normalize();\n", 1),
		"no stringify_string":       strings.Replace(src, "export function stringify_string(", "export function quote_string(", 1),
	} {
		require.NotEqual(t, src, changed, name)
		_, ok := adapter.ApplyDevalueFastPath(changed)
		require.False(t, ok, name)
	}
	// CRLF line endings (a package unpacked on Windows) are the same text.
	_, ok = adapter.ApplyDevalueFastPath(strings.ReplaceAll(src, "\n", "\r\n"))
	require.True(t, ok)
}

// BundleWorker applies the fast path to a worker that imports devalue, says so, and the
// bundled uneval still runs in the engine with devalue's answer.
func TestBundleAppliesFastPaths(t *testing.T) {
	devalueUtils(t)
	app := filepath.Join(nodetest.RepoRoot(), "testdata", "kit", "fixture")
	entry := filepath.Join(app, ".kitwasm-fastpath-test.js")
	require.NoError(t, os.WriteFile(entry, []byte(`import { uneval } from 'devalue';
export default { fetch: () => new Response(uneval([{ a: 'plain', b: 'needs "escaping" </script>\u2028', c: [1, 'ü'] }])) };
`), 0o644))
	t.Cleanup(func() { os.Remove(entry) })
	b, err := adapter.BundleWorker(entry, adapter.BundleOptions{WorkingDir: app})
	require.NoError(t, err)
	require.Equal(t, []string{"devalue stringify_string"}, b.FastPaths)
	require.Contains(t, b.Code, "kitwasm_escaped_char.test(str)")

	node, err := nodetest.Node()
	require.NoError(t, err)
	cmd := exec.Command(node, "--input-type=module", "-e", "const w = (await import("+jsString("file://"+entry)+")).default; process.stdout.write(await w.fetch().text())")
	cmd.Dir = app
	want, err := cmd.CombinedOutput()
	require.NoError(t, err, "%s", want)
	require.Contains(t, string(want), `\u003C/script>\u2028`)

	ctx := context.Background()
	eng, err := wasmhost.NewEngine(ctx, wasmhost.EngineConfig{Log: io.Discard})
	require.NoError(t, err)
	defer eng.Close(ctx)
	w, err := eng.CompileWorker(ctx, "worker.js", b.Code)
	require.NoError(t, err)
	p, err := wasmhost.NewPool(ctx, eng, wasmhost.PoolConfig{Worker: w, MaxIsolates: 1, NoSnapshots: true})
	require.NoError(t, err)
	defer p.Close()
	rec := &wasmhost.Recorder{}
	require.NoError(t, p.Serve(ctx, &wasmhost.Request{Method: "GET", URL: "http://localhost/"}, rec))
	require.Equal(t, 200, rec.Status)
	require.Equal(t, string(want), rec.Body.String())
}

func jsString(s string) string {
	r := strings.NewReplacer(`\`, `\\`, `'`, `\'`)
	return "'" + r.Replace(s) + "'"
}
