package compare

import (
	"bytes"
	"compress/gzip"
	"context"
	"crypto/rand"
	"encoding/hex"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/tetratelabs/wazero"
	"github.com/tetratelabs/wazero/imports/wasi_snapshot_preview1"

	"github.com/kitwasm/kitwasm/internal/nodetest"
	"github.com/kitwasm/kitwasm/wasmhost/translated/translate"
)

// The program that compares the engines, built in the translation's cache directory.
const compareMain = `package main

import (
	"os"

	"github.com/kitwasm/kitwasm/wasmhost/translated"
	"github.com/kitwasm/kitwasm/wasmhost/translated/compare"
	"kitwasm.local/engine/qjsgo"
)

func main() {
	os.Exit(compare.Main(os.Args[1:], func(h *translated.Host) translated.Guest {
		return translated.FromModule(qjsgo.New(h, h))
	}, os.Stdout))
}
`

// The smallest program around the translated engine (no wazero): what a Fastly package
// would hold besides its own code. It creates an isolate and times the CPU script.
const minimalMain = `package main

import (
	_ "embed"
	"fmt"
	"os"
	"slices"
	"time"

	"github.com/kitwasm/kitwasm/wasmhost/translated"
	"kitwasm.local/engine/qjsgo"
)

//go:embed cpu.js
var cpuJS string

func main() {
	start := time.Now()
	h := &translated.Host{Log: os.Stderr}
	iso, err := translated.NewIsolate(translated.FromModule(qjsgo.New(h, h)), 112<<20)
	if err != nil {
		fmt.Println(err)
		os.Exit(1)
	}
	h.Call = iso.HostCall
	created := time.Since(start)
	out, err := iso.Eval("cpu.js", cpuJS+"\nbench()")
	if err != nil {
		fmt.Println(err)
		os.Exit(1)
	}
	var d []time.Duration
	for range 10 {
		t := time.Now()
		iso.Eval("run", "bench()")
		d = append(d, time.Since(t))
	}
	slices.Sort(d)
	fmt.Printf("bench %s\nisolate %.3f ms\ncpu median %.3f ms\n", out, float64(created)/1e6, float64(d[len(d)/2])/1e6)

	// Can a timer stop a loop? Natively a goroutine interrupts it; a GOOS=wasip1 program has
	// one thread and no preemption, so the timer may only run once the loop is over.
	t := time.Now()
	time.AfterFunc(20*time.Millisecond, iso.Interrupt)
	_, err = iso.Eval("loop", "let n = 0; for (let i = 0; i < 5e6; i++) n += i; n")
	fmt.Printf("interrupt after 20 ms: %v after %.0f ms\n", err != nil, float64(time.Since(t))/1e6)
}
`

// TestTranslatedEngine translates the patched engine with wasm2go (into the user's cache,
// or $KITWASM_WASM2GO_CACHE), builds the comparison program natively and the minimal program
// natively and for GOOS=wasip1, runs the checks on both engines, and reports timings, build
// times and sizes. It takes minutes on a 2-core machine, so it runs only with
// KITWASM_WASM2GO=1 (KITWASM_WASM2GO_ARGS passes flags to compare, e.g. "-runs 50"):
//
//	KITWASM_WASM2GO=1 go test -run TestTranslatedEngine -v -timeout 30m ./wasmhost/translated/compare
func TestTranslatedEngine(t *testing.T) {
	if os.Getenv("KITWASM_WASM2GO") != "1" {
		t.Skip("translating the engine takes minutes: set KITWASM_WASM2GO=1 to run it")
	}
	if testing.Short() {
		t.Skip("-short")
	}
	ctx := context.Background()
	cache := os.Getenv("KITWASM_WASM2GO_CACHE")
	if cache == "" {
		var err error
		if cache, err = translate.DefaultCacheDir(); err != nil {
			t.Fatal(err)
		}
	}
	start := time.Now()
	tr, err := translate.Generate(ctx, cache)
	if err != nil {
		t.Fatal(err)
	}
	genTime := time.Since(start)
	src, _ := os.Stat(filepath.Join(tr.Dir, translate.PackageName, "engine.go"))
	t.Logf("translation %s (fresh %v) in %s: %.1f MB of Go", tr.Dir, tr.Fresh, genTime.Round(time.Millisecond), float64(src.Size())/1e6)

	root, _ := filepath.Abs(filepath.Join("..", "..", ".."))
	work, err := tr.Workspace(root)
	if err != nil {
		t.Fatal(err)
	}
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
	start = time.Now()
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
	if !strings.Contains(stdout.String(), "bench ") || !strings.Contains(string(out), strings.SplitN(strings.SplitN(stdout.String(), "bench ", 2)[1], "\n", 2)[0]) {
		t.Errorf("the wasip1 build answered differently from the native one")
	}
}
