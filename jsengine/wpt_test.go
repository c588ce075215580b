package jsengine_test

import (
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"github.com/kitwasm/kitwasm/internal/nodetest"
	"github.com/kitwasm/kitwasm/internal/testworker"
	"github.com/kitwasm/kitwasm/wasmhost"
)

// The Web Platform Tests' URL data files come from a Go module that ships a copy of them
// (testdata/, fetched from web-platform-tests/wpt's url/resources by its refresh.sh), taken
// from the module proxy at test time: the repository holds none of their text. The module's
// hash pins the exact files.
const (
	wptModule    = "github.com/nlnwa/whatwg-url@v0.6.2"
	wptModuleSum = "h1:jU61lU2ig4LANydbEJmA2nPrtCGiKdtgT0rmMd2VZ/Q="
)

// wptFiles are the data files, in the order the harness reports them.
var wptFiles = []string{"urltestdata", "setters_tests", "toascii", "IdnaTestV2"}

// wptDataDir downloads (or finds in the module cache) wptModule and returns its testdata
// directory.
func wptDataDir(t *testing.T) string {
	t.Helper()
	goBin, err := exec.LookPath("go")
	if err != nil {
		goBin = filepath.Join(runtime.GOROOT(), "bin", "go")
	}
	cmd := exec.Command(goBin, "mod", "download", "-json", wptModule)
	// Outside this module, so its go.mod and go.sum are neither read nor changed.
	cmd.Dir = t.TempDir()
	cmd.Env = append(os.Environ(), "GOFLAGS=", "GOWORK=off")
	out, err := cmd.Output()
	var info struct{ Dir, Sum, Error string }
	if jerr := json.Unmarshal(out, &info); err != nil || jerr != nil || info.Error != "" {
		t.Fatalf("go mod download %s (the WPT URL data files): %v %s %s\n%s\n"+
			"the test needs the Go module proxy (GOPROXY) or the module in the module cache", wptModule, err, info.Error, exitStderr(err), out)
	}
	if info.Sum != wptModuleSum {
		t.Fatalf("%s has hash %s, want %s: the data files are not the ones the ledger was written for", wptModule, info.Sum, wptModuleSum)
	}
	return filepath.Join(info.Dir, "testdata")
}

// wptResults: for each data file, [name, "" or the first failed assertion] per WPT test.
type wptResults map[string][][2]string

// TestWPTURL runs the WPT URL data files (urltestdata.json as url-constructor.any.js,
// url-origin.any.js and failure.html's URL API parts use it; setters_tests.json as
// url-setters.any.js; toascii.json as toascii.any.js; IdnaTestV2.json as
// IdnaTestV2.window.js) through one harness, testdata/wpt/url.mjs, under Node 22 and inside
// the engine. Per file the engine must pass at least as many tests as Node, and every test
// Node passes and the engine fails must be covered by a LEDGER.md row named
// "wpt/<file> <test name>" (a trailing * covers a prefix; a name with a comma or a "|" can
// only be covered by a prefix, as the ledger's first cell is a comma-separated list). A ledger row for a test the engine
// now passes, or that Node fails too, fails the test, so the ledger stays true.
func TestWPTURL(t *testing.T) {
	node, err := nodetest.Node()
	if err != nil {
		t.Fatal(err)
	}
	dir := wptDataDir(t)

	out, err := exec.Command(node, filepath.Join("testdata", "wpt", "node.mjs"), dir).Output()
	if err != nil {
		t.Fatalf("node testdata/wpt/node.mjs: %v\n%s", err, exitStderr(err))
	}
	var want wptResults
	if err := json.Unmarshal(out, &want); err != nil {
		t.Fatalf("node output: %v", err)
	}

	harness, err := filepath.Abs(filepath.Join("testdata", "wpt", "url.mjs"))
	if err != nil {
		t.Fatal(err)
	}
	var src strings.Builder
	fmt.Fprintf(&src, "import { runAll } from %q;\n", harness)
	for _, f := range wptFiles {
		fmt.Fprintf(&src, "import %s from %q;\n", f, filepath.Join(dir, f+".json"))
	}
	fmt.Fprintf(&src, `export default { fetch() { return Response.json(runAll({ %s })); } };`, strings.Join(wptFiles, ", "))
	pool := testworker.Pool(t, testworker.Source(t, src.String()), wasmhost.PoolConfig{})
	rec := testworker.Get(t, pool, "http://w/")
	var got wptResults
	if err := json.Unmarshal(rec.Body.Bytes(), &got); err != nil {
		t.Fatalf("engine answered %d: %v\n%.2000s", rec.Status, err, rec.Body.String())
	}

	ledger := readLedger(t)
	used := map[string]bool{}
	for _, file := range wptFiles {
		w, g := want[file], got[file]
		if len(w) == 0 || len(w) != len(g) {
			t.Errorf("%s: Node ran %d tests, the engine %d", file, len(w), len(g))
			continue
		}
		nodePass, enginePass, ledgered, bothFail := 0, 0, 0, 0
		for i := range w {
			name := w[i][0]
			if g[i][0] != name {
				t.Fatalf("%s #%d: Node ran %q, the engine %q", file, i, name, g[i][0])
			}
			nodeOK, engineOK := w[i][1] == "", g[i][1] == ""
			if nodeOK {
				nodePass++
			}
			if engineOK {
				enginePass++
			}
			key := "wpt/" + file + " " + name
			reason, listed := ledger.lookup(key)
			if listed {
				used[ledger.entry(key)] = true
			}
			switch {
			case nodeOK && !engineOK && listed:
				ledgered++
				t.Logf("known difference %s (LEDGER.md: %.80s)\n engine: %s", key, reason, g[i][1])
			case nodeOK && !engineOK:
				t.Errorf("%s: passes in Node 22, fails in the engine: %s", key, g[i][1])
			case !nodeOK && !engineOK:
				bothFail++
				if listed {
					t.Errorf("LEDGER.md lists %q, but Node 22 fails it too (%s): remove the entry", key, w[i][1])
				}
			case listed:
				t.Errorf("LEDGER.md lists %q, but the engine passes it: remove the entry", key)
			}
		}
		if enginePass < nodePass {
			t.Errorf("%s: the engine passes %d of %d tests, Node 22 %d", file, enginePass, len(w), nodePass)
		}
		t.Logf("%s: %d tests, engine passes %d, Node 22 passes %d (%d fail in both, %d pass only in Node, ledgered)",
			file, len(w), enginePass, nodePass, bothFail, ledgered)
	}
	for name := range ledger {
		if strings.HasPrefix(name, "wpt/") && !used[name] {
			t.Errorf("LEDGER.md row %q matches no WPT URL test that Node passes and the engine fails: remove it", name)
		}
	}
}
