package compare

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"context"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/tetratelabs/wazero"
	"github.com/tetratelabs/wazero/imports/wasi_snapshot_preview1"

	"github.com/kitwasm/kitwasm/internal/nodetest"
	"github.com/kitwasm/kitwasm/wasmhost/translated/translate"
)

// The translated engine as a wasmhost.Backend, in a program or test file built in the
// translation's workspace.
const backendExpr = `translated.NewBackend(func(h *translated.Host) translated.Module { return qjsgo.New(h, h) }, qjsgo.ModuleID)`

// The program that compares the engines, built in the translation's cache directory.
const compareMain = `package main

import (
	"os"

	"github.com/kitwasm/kitwasm/wasmhost"
	"github.com/kitwasm/kitwasm/wasmhost/translated"
	"github.com/kitwasm/kitwasm/wasmhost/translated/compare"
	"kitwasm.local/engine/qjsgo"
)

func main() {
	os.Exit(compare.Main(os.Args[1:], func() wasmhost.Backend { return ` + backendExpr + ` }, os.Stdout))
}
`

// The smallest program around the translated engine (no wazero compile at run time): what a
// Fastly package holds besides its own code. It makes an engine and a pool of the CPU
// script's worker, and times the first request and warm ones.
const minimalMain = `package main

import (
	"context"
	_ "embed"
	"fmt"
	"os"
	"slices"
	"time"

	"github.com/kitwasm/kitwasm/wasmhost"
	"github.com/kitwasm/kitwasm/wasmhost/translated"
	"kitwasm.local/engine/qjsgo"
)

//go:embed cpu.js
var cpuJS string

func get(p *wasmhost.Pool) string {
	rec := &wasmhost.Recorder{}
	p.Serve(context.Background(), &wasmhost.Request{Method: "GET", URL: "http://localhost/"}, rec)
	return fmt.Sprint(rec.Status, " ", rec.Body.String())
}

func main() {
	ctx := context.Background()
	start := time.Now()
	eng, err := wasmhost.NewEngineOn(ctx, ` + backendExpr + `, wasmhost.EngineConfig{CacheDir: "-"})
	if err != nil {
		fmt.Println(err)
		os.Exit(1)
	}
	w, err := eng.CompileWorker(ctx, "cpu.js", cpuJS+"\nexport default { fetch() { return new Response(bench()) } }")
	if err != nil {
		fmt.Println(err)
		os.Exit(1)
	}
	p, err := wasmhost.NewPool(ctx, eng, wasmhost.PoolConfig{Worker: w, MaxIsolates: 1, MinIdle: 1})
	if err != nil {
		fmt.Println(err)
		os.Exit(1)
	}
	out := get(p)
	first := time.Since(start)
	var d []time.Duration
	for range 10 {
		t := time.Now()
		get(p)
		d = append(d, time.Since(t))
	}
	slices.Sort(d)
	fmt.Printf("bench %s\nengine, layer, worker and first request %.3f ms\nwarm request median %.3f ms\n", out, float64(first)/1e6, float64(d[len(d)/2])/1e6)
}
`

// The file added to wasmhost's tests (go test -overlay) for the conformance run: the shared
// test engine (internal/testworker) runs on the translated engine.
const wasmhostOverlay = `package wasmhost_test

import (
	"strings"
	"testing"

	"github.com/kitwasm/kitwasm/internal/testworker"
	"github.com/kitwasm/kitwasm/wasmhost/translated"
	"kitwasm.local/engine/qjsgo"
)

func init() { testworker.Backend = ` + backendExpr + ` }

func TestZZTranslatedBackendInUse(t *testing.T) {
	eng, _ := testworker.Engine(t)
	if d := eng.RestoreModeDescription(); !strings.Contains(d, "does not run on wazero") {
		t.Fatalf("the tests' engine runs on wazero (%s), not on the translated engine", d)
	}
}
`

// The file added to this package's tests: the checks and snapshots on both engines.
const compareOverlay = `package compare

import (
	"context"
	"strings"
	"testing"

	"github.com/kitwasm/kitwasm/wasmhost"
	"github.com/kitwasm/kitwasm/wasmhost/translated"
	"kitwasm.local/engine/qjsgo"
)

func TestZZChecksOnBothEngines(t *testing.T) {
	ctx := context.Background()
	engines, err := NewEngines(ctx, func() wasmhost.Backend { return ` + backendExpr + ` }, func(int, string) {})
	if err != nil {
		t.Fatal(err)
	}
	var log strings.Builder
	passed, err := Verify(ctx, engines, &log)
	t.Logf("checks passed on both engines: %d of %d\n%s", passed, len(Checks), log.String())
	if err != nil {
		t.Fatal(err)
	}
	log.Reset()
	err = VerifySnapshots(ctx, engines, &log)
	t.Log(log.String())
	if err != nil {
		t.Fatal(err)
	}
}
`

// conformanceSkip are wasmhost tests that do not run in the conformance run: they make their
// own wazero engines (restore modes), measure the process (soak), or check the package's
// imports rather than the engine.
const conformanceSkip = `^(TestRestoreModesAnswerAsFreshOnes|TestSoakSeries|TestNoNetHTTP)$`

var (
	trOnce sync.Once
	tr     *translate.Translation
	trWork string
	trTime time.Duration
	trErr  error
)

// translation translates the patched engine with wasm2go (into the user's cache, or
// $KITWASM_WASM2GO_CACHE) once per test binary, and writes the workspace that joins it and
// this repository.
func translation(t *testing.T) (*translate.Translation, string) {
	trOnce.Do(func() {
		cache := os.Getenv("KITWASM_WASM2GO_CACHE")
		if cache == "" {
			if cache, trErr = translate.DefaultCacheDir(); trErr != nil {
				return
			}
		}
		start := time.Now()
		if tr, trErr = translate.Generate(context.Background(), cache); trErr != nil {
			return
		}
		trTime = time.Since(start)
		root, _ := filepath.Abs(filepath.Join("..", "..", ".."))
		trWork, trErr = tr.Workspace(root)
	})
	if trErr != nil {
		t.Fatal(trErr)
	}
	return tr, trWork
}

// TestConformanceInTranslatedEngine runs wasmhost's tests (the Web layer, the host function
// and its services, the event loop, limits, snapshots, the pool) with the tests' shared engine
// on the translated engine, and this package's checks and cross-engine snapshots on both
// engines: go test -overlay adds one file to each package's tests, built in the translation's
// workspace (nothing is written into the repository). Translating takes ~20 s and compiling
// the translated engine ~1 min of CPU, once per run (Go's build cache keeps the compiled
// engine between runs while the translation is unchanged).
//
//	go test -run TestConformanceInTranslatedEngine -v ./wasmhost/translated/compare
func TestConformanceInTranslatedEngine(t *testing.T) {
	if testing.Short() {
		t.Skip("-short: translating and compiling the engine takes minutes")
	}
	tr, work := translation(t)
	t.Logf("translation %s (fresh %v) in %s", tr.Dir, tr.Fresh, trTime.Round(time.Millisecond))
	root, _ := filepath.Abs(filepath.Join("..", "..", ".."))
	dir := t.TempDir()
	overlay := map[string]string{}
	for path, src := range map[string]string{
		filepath.Join(root, "wasmhost", "zz_translated_backend_test.go"):                    wasmhostOverlay,
		filepath.Join(root, "wasmhost", "translated", "compare", "zz_both_engines_test.go"): compareOverlay,
	} {
		f := filepath.Join(dir, filepath.Base(path))
		if err := os.WriteFile(f, []byte(src), 0o644); err != nil {
			t.Fatal(err)
		}
		overlay[path] = f
	}
	b, _ := json.Marshal(map[string]any{"Replace": overlay})
	overlayFile := filepath.Join(dir, "overlay.json")
	if err := os.WriteFile(overlayFile, b, 0o644); err != nil {
		t.Fatal(err)
	}

	// Compile first (timed apart from running): the translated engine is the bulk of it.
	start := time.Now()
	bin := filepath.Join(dir, "bin")
	build := exec.Command("go", "test", "-overlay", overlayFile, "-c", "-o", bin+"/",
		"github.com/kitwasm/kitwasm/wasmhost", "github.com/kitwasm/kitwasm/wasmhost/translated/compare")
	build.Dir = root
	build.Env = append(os.Environ(), "GOWORK="+work)
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("go test -c: %v\n%s", err, out)
	}
	cpu := build.ProcessState.UserTime() + build.ProcessState.SystemTime()
	t.Logf("compiled both test binaries with the translated engine in %s (CPU of go and the tools it waited for: %s)",
		time.Since(start).Round(100*time.Millisecond), cpu.Round(100*time.Millisecond))

	run := func(name, pkgDir string, args ...string) (passed []string, out []byte) {
		t.Helper()
		start := time.Now()
		cmd := exec.Command(filepath.Join(bin, name), append([]string{"-test.v", "-test.count=1", "-test.timeout=8m"}, args...)...)
		cmd.Dir = pkgDir
		out, err := cmd.CombinedOutput()
		var failed []string
		sc := bufio.NewScanner(bytes.NewReader(out))
		sc.Buffer(nil, 1<<20)
		re := regexp.MustCompile(`^--- (PASS|FAIL|SKIP): (\S+)`)
		for sc.Scan() {
			if m := re.FindStringSubmatch(sc.Text()); m != nil {
				switch m[1] {
				case "PASS":
					passed = append(passed, m[2])
				case "FAIL":
					failed = append(failed, m[2])
				}
			}
		}
		t.Logf("%s on the translated engine: %d tests passed, %d failed, in %s", name, len(passed), len(failed), time.Since(start).Round(100*time.Millisecond))
		if err != nil || len(failed) > 0 {
			t.Errorf("%s: %v; failed: %s\n%s", name, err, strings.Join(failed, " "), tail(out, 200))
		} else if testing.Verbose() {
			t.Logf("passed: %s", strings.Join(passed, " "))
		}
		return passed, out
	}
	wh, _ := run("wasmhost.test", filepath.Join(root, "wasmhost"), "-test.skip", conformanceSkip)
	cmp, out := run("compare.test", ".", "-test.run", "TestZZChecksOnBothEngines")
	t.Logf("compare.test:\n%s", out)
	// The runs must have happened on the translated engine, and run something.
	if !contains(wh, "TestZZTranslatedBackendInUse") || len(wh) < 40 {
		t.Errorf("wasmhost's tests did not run on the translated engine (%d passed)", len(wh))
	}
	if !contains(cmp, "TestZZChecksOnBothEngines") {
		t.Errorf("the checks did not run on both engines")
	}
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// tail is the last n lines of b.
func tail(b []byte, n int) string {
	lines := strings.Split(strings.TrimRight(string(b), "\n"), "\n")
	if len(lines) > n {
		lines = lines[len(lines)-n:]
	}
	return strings.Join(lines, "\n")
}

// TestTranslatedEngine builds the comparison program natively and the minimal program
// natively and for GOOS=wasip1, runs the comparison (checks, snapshots across engines,
// timings), and reports build times and sizes. It takes minutes on a 2-core machine, so it
// runs only with KITWASM_WASM2GO=1 (KITWASM_WASM2GO_ARGS passes flags to compare, e.g.
// "-runs 50"):
//
//	KITWASM_WASM2GO=1 go test -run TestTranslatedEngine -v -timeout 30m ./wasmhost/translated/compare
func TestTranslatedEngine(t *testing.T) {
	if os.Getenv("KITWASM_WASM2GO") != "1" {
		t.Skip("building and timing the translated engine takes minutes: set KITWASM_WASM2GO=1 to run it")
	}
	if testing.Short() {
		t.Skip("-short")
	}
	ctx := context.Background()
	tr, work := translation(t)
	src, _ := os.Stat(filepath.Join(tr.Dir, translate.PackageName, "engine.go"))
	t.Logf("translation %s (fresh %v) in %s: %.1f MB of Go", tr.Dir, tr.Fresh, trTime.Round(time.Millisecond), float64(src.Size())/1e6)

	cmpDir, err := tr.WriteMain("compare", compareMain)
	if err != nil {
		t.Fatal(err)
	}
	minDir, err := tr.WriteMain("minimal", minimalMain)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(minDir, "cpu.js"), []byte(CPUScript()), 0o644); err != nil {
		t.Fatal(err)
	}
	// Kept in the cache, so that compare can be run again (e.g. with -runs 50) without
	// rebuilding: <cache>/<key>/bin/compare.
	bin := filepath.Join(tr.Dir, "bin")
	if err := os.MkdirAll(bin, 0o755); err != nil {
		t.Fatal(err)
	}

	// build compiles pkg. With stamp, the generated package is changed by a fresh stamp
	// first, so that the time is that of compiling the translated engine (everything else
	// comes from Go's build cache): what a user pays once per engine ID and target.
	build := func(stamp bool, pkgDir, out string, env ...string) (wall, cpu time.Duration, size int64) {
		t.Helper()
		if stamp {
			b := make([]byte, 8)
			rand.Read(b)
			if err := os.WriteFile(filepath.Join(tr.Dir, translate.PackageName, "zz_stamp.go"),
				[]byte("package "+translate.PackageName+"\n\nconst buildStamp = \""+hex.EncodeToString(b)+"\"\n"), 0o644); err != nil {
				t.Fatal(err)
			}
		}
		args := []string{"-n", "10", "go", "build", "-o", out, "."}
		cmd := exec.Command("nice", args...)
		cmd.Dir = pkgDir
		cmd.Env = append(append(os.Environ(), "GOWORK="+work), env...)
		start := time.Now()
		if b, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("go build %s: %v\n%s", pkgDir, err, b)
		}
		wall = time.Since(start)
		// CPU time of go and the compilers and linker it waited for: less dependent on
		// what else the machine runs than the wall time.
		cpu = cmd.ProcessState.UserTime() + cmd.ProcessState.SystemTime()
		fi, err := os.Stat(out)
		if err != nil {
			t.Fatal(err)
		}
		return wall, cpu, fi.Size()
	}
	// Warm Go's build cache for the wasip1 standard library and kitwasm packages, so that
	// the timed wasip1 build below compiles the translated engine and links, like the native.
	warm := exec.Command("go", "build", "-o", os.DevNull, "github.com/kitwasm/kitwasm/wasmhost/translated")
	warm.Env = append(os.Environ(), "GOOS=wasip1", "GOARCH=wasm")
	if b, err := warm.CombinedOutput(); err != nil {
		t.Fatalf("%v\n%s", err, b)
	}

	cmpTime, cmpCPU, cmpSize := build(true, cmpDir, filepath.Join(bin, "compare"))
	minTime, minCPU, minSize := build(false, minDir, filepath.Join(bin, "minimal"))
	wasmTime, wasmCPU, wasmSize := build(true, minDir, filepath.Join(bin, "minimal.wasm"), "GOOS=wasip1", "GOARCH=wasm")
	wasmBytes, err := os.ReadFile(filepath.Join(bin, "minimal.wasm"))
	if err != nil {
		t.Fatal(err)
	}
	var gz bytes.Buffer
	zw, _ := gzip.NewWriterLevel(&gz, gzip.BestCompression)
	zw.Write(wasmBytes)
	zw.Close()
	r := func(d time.Duration) time.Duration { return d.Round(100 * time.Millisecond) }
	t.Logf("go build (translated engine compiled, rest cached; wall / CPU): compare (native, with wazero) %s / %s, %.1f MB; minimal native (engine already compiled: link) %s / %s, %.1f MB; minimal GOOS=wasip1 %s / %s, %.1f MB (%.1f MB gzipped)",
		r(cmpTime), r(cmpCPU), float64(cmpSize)/1e6, r(minTime), r(minCPU), float64(minSize)/1e6,
		r(wasmTime), r(wasmCPU), float64(wasmSize)/1e6, float64(gz.Len())/1e6)

	out, err := exec.Command(filepath.Join(bin, "compare"), strings.Fields(os.Getenv("KITWASM_WASM2GO_ARGS"))...).CombinedOutput()
	t.Logf("compare:\n%s", out)
	if err != nil {
		t.Fatalf("the engines disagree or failed: %v", err)
	}
	// Node 22 on the same script, right after: the reference for bench()'s timings.
	if node, err := nodetest.Node(); err != nil {
		t.Logf("no Node reference: %v", err)
	} else if ref, err := exec.Command(node, filepath.Join("testdata", "nodebench.mjs"), filepath.Join("testdata", "cpu.js")).CombinedOutput(); err != nil {
		t.Errorf("node reference: %v\n%s", err, ref)
	} else {
		t.Logf("reference (ms, min / median): %s", ref)
	}
	out, err = exec.Command(filepath.Join(bin, "minimal")).CombinedOutput()
	t.Logf("minimal (native):\n%s", out)
	if err != nil {
		t.Fatal(err)
	}

	// The wasip1 build runs: wazero stands in for Wasmtime here (compiler mode, natively).
	rt := wazero.NewRuntime(ctx)
	defer rt.Close(ctx)
	wasi_snapshot_preview1.MustInstantiate(ctx, rt)
	start := time.Now()
	compiled, err := rt.CompileModule(ctx, wasmBytes)
	if err != nil {
		t.Fatal(err)
	}
	compileTime := time.Since(start)
	var stdout bytes.Buffer
	start = time.Now()
	_, err = rt.InstantiateModule(ctx, compiled, wazero.NewModuleConfig().WithStdout(&stdout).WithStderr(&stdout).
		WithSysWalltime().WithSysNanotime().WithArgs("minimal"))
	if err != nil && !strings.Contains(err.Error(), "exit_code(0)") {
		t.Fatalf("wasip1 build: %v\n%s", err, stdout.String())
	}
	t.Logf("minimal (GOOS=wasip1 on wazero's compiler): compile %s, run %s\n%s", compileTime.Round(time.Millisecond), time.Since(start).Round(time.Millisecond), stdout.String())
	want := strings.SplitN(string(out), "\n", 2)[0]
	if !strings.HasPrefix(want, "bench 200 ") || !strings.Contains(stdout.String(), want) {
		t.Errorf("the wasip1 build answered differently from the native one: want %q", want)
	}
}
