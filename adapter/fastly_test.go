package adapter_test

// The fixture app as a Fastly Compute package (issue 9): built once with targets kitwasm and
// fastly, its build/fastly/<name>/bin/main.wasm served by `kitwasm serve --target fastly`
// (the Compute emulation of edge/compute: wazero, a fresh instance per request, Compute's
// host functions and limits), and compared request by request with adapter-node, with the
// same list and comparer as e2e_test.go.

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/tetratelabs/wazero"
)

// fastlyTestCPULimit is the CPU limit per request the comparison runs with, instead of
// Compute's 50 ms: under the emulation the package's requests take far more CPU than that
// (measured on a shared 2-core machine, 2026-12-06: ~190 ms for a static file, ~400-500 ms
// for an SSR page; the translated engine compiled by Go to Wasm and run by wazero is much
// slower than the engine on wazero directly, and each fresh instance starts the Go program
// and restores the engine's snapshot). Real Compute would stop them too, by its own speed,
// which this test cannot tell: the test logs each request's CPU time and how many exceed
// 50 ms, and runs with a limit high enough for a loaded CI machine. The limit itself is
// tested in edge/compute (TestComputeCPUTime).
const fastlyTestCPULimit = 10 * time.Second

// fastlyKnownDifferences are the requests of the list that the package answers differently from
// adapter-node today, each with what happens (first measured 2026-12-06, reported in issue 9's
// closing note). They are still sent, with a short timeout, and the test fails when one
// answers as adapter-node does, so that its entry is removed; the rest must be identical.
var fastlyKnownDifferences = map[string]string{
	"GET /large":                  "a 468 KB page: ~16 s of CPU inside the package (~10 ms under kitwasm serve), cut by the test's CPU limit",
	"GET /recurse/200000":         "the translated engine's recursion reaches wazero's native stack ceiling (400 MB, a trap: 500) before the engine's stack guard throws RangeError (measured: JS recursion 500 deep works, 600 traps, so ~0.7 MB of wazero stack per JS call level; kitwasm serve reaches 3000); Compute's stack is 1 MB",
	"GET /recurse/10?tree=100000": "as /recurse/200000",
}

// fastlyStats matches the line kitwasm serve --target fastly logs per request
// (internal/cli/compute.go).
var fastlyStats = regexp.MustCompile(`(?m)^(\S+) (\S+) (\d+) (\S+) \(instance (\S+), first byte (\S+), CPU (\S+)\)$`)

type fastlyRequestStats struct {
	method, uri                     string
	status                          int
	total, instance, firstByte, cpu time.Duration
}

func parseFastlyStats(log string) []fastlyRequestStats {
	var out []fastlyRequestStats
	for _, m := range fastlyStats.FindAllStringSubmatch(log, -1) {
		var s fastlyRequestStats
		s.method, s.uri = m[1], m[2]
		fmt.Sscan(m[3], &s.status)
		s.total, _ = time.ParseDuration(m[4])
		s.instance, _ = time.ParseDuration(m[5])
		s.firstByte, _ = time.ParseDuration(m[6])
		s.cpu, _ = time.ParseDuration(m[7])
		out = append(out, s)
	}
	return out
}

func median(d []time.Duration) time.Duration {
	if len(d) == 0 {
		return 0
	}
	s := slices.Clone(d)
	slices.Sort(s)
	return s[len(s)/2]
}

func TestSvelteKitOnFastlyComputeMatchesAdapterNode(t *testing.T) {
	a := prepareApp(t, "fixture")
	if !fixtureBuiltWithNode {
		viteBuild(t, a.dir, a.node, append(a.env, "ADAPTER=node"))
		fixtureBuiltWithNode = true
	}
	dir := filepath.Join(a.dir, "build-fastly")
	out := filepath.Join(dir, "build")
	require.NoError(t, os.RemoveAll(dir))
	// FIXTURE_FASTLY: the /assets routes embed their files for fastly (see their config).
	took := viteBuild(t, a.dir, a.node, append(a.env, "ADAPTER=kitwasm", "KITWASM_BIN="+a.kitwasm,
		"KITWASM_OUT="+out, "KITWASM_TARGETS=kitwasm,fastly", "FIXTURE_FASTLY=1"))
	wasms, _ := filepath.Glob(filepath.Join(out, "fastly", "*", "bin", "main.wasm"))
	require.Len(t, wasms, 1, "vite build with 'fastly' in targets writes build/fastly/<name>/bin/main.wasm")
	archives, _ := filepath.Glob(filepath.Join(out, "fastly", "*.tar.gz"))
	require.Len(t, archives, 1, "vite build with 'fastly' in targets writes build/fastly/<name>.tar.gz")
	require.FileExists(t, filepath.Join(filepath.Dir(filepath.Dir(wasms[0])), "fastly.toml"))
	wasm, err := os.ReadFile(wasms[0])
	require.NoError(t, err)
	arch, err := os.Stat(archives[0])
	require.NoError(t, err)
	t.Logf("vite build with targets kitwasm, fastly (the Compute package included): %v", took.Round(time.Millisecond))
	t.Logf("Compute package: %s %.1f MiB (bin/main.wasm %.1f MiB); Fastly's limit is 100 MB", filepath.Base(archives[0]),
		float64(arch.Size())/(1<<20), float64(len(wasm))/(1<<20))

	checkComputeImports(t, wasm)

	// The gated routes fetch the gate through the backend "gate" (the fixture's fastly.backends).
	gate := newGate(t, gateTimeout)
	nodeAddr := a.serveNode(t)
	addr := freeAddr(t)
	const label = "kitwasm on Compute (emulated)"
	started := time.Now()
	serverLog := startServer(t, label, a.dir, a.env, a.kitwasm, "serve", "--target", "fastly", "--addr", addr,
		"--cpu-limit", fastlyTestCPULimit.String(), "--backend", "gate="+gate.url, "--env", "KITWASM_FASTLY_TRACE=1", out)
	client := e2eClient()
	// wazero compiles main.wasm once at start-up (tens of seconds without the cache).
	waitReadyWithin(t, client, label, addr, 5*time.Minute)
	t.Logf("kitwasm serve --target fastly answered %v after it started (compiling main.wasm; kitwasm's compilation cache may hold it)", time.Since(started).Round(time.Millisecond))

	var compared, known []e2eRequest
	for _, r := range fixtureRequests(t, client, a.dir, nodeAddr) {
		if _, ok := fastlyKnownDifferences[r.method+" "+r.path]; ok {
			known = append(known, r)
		} else {
			compared = append(compared, r)
		}
	}
	compareWithNode(t, client, nodeAddr, addr, label, compared)
	checkStreamedRoutes(t, client, gate, map[string]string{label: addr})

	// platform.fastly reaches the app: the client's address, the emulation's geolocation and POP.
	res, err := do(client, addr, e2eRequest{method: "GET", path: "/runtime"})
	require.NoError(t, err)
	var runtime struct {
		Platform []string `json:"platform"`
		Fastly   struct {
			Client struct {
				Address string `json:"address"`
				Geo     struct {
					CountryCode string `json:"country_code"`
				} `json:"geo"`
			} `json:"client"`
			POP string `json:"pop"`
		} `json:"fastly"`
	}
	require.NoError(t, json.Unmarshal(res.body, &runtime), "%s", res.body)
	assert.Contains(t, runtime.Platform, "fastly", "event.platform: %s", res.body)
	assert.Equal(t, "127.0.0.1", runtime.Fastly.Client.Address, "%s", res.body)
	assert.Equal(t, "ZZ", runtime.Fastly.Client.Geo.CountryCode, "the emulation's fixed geolocation: %s", res.body)
	assert.Equal(t, "LOCAL", runtime.Fastly.POP, "%s", res.body)
	t.Logf("GET /runtime on the emulation: %s", res.body)

	// Every request's CPU time, measured by the emulation.
	all := parseFastlyStats(serverLog.String())
	over := 0
	var worst fastlyRequestStats
	for _, s := range all {
		if s.cpu > 50*time.Millisecond {
			over++
		}
		if s.cpu > worst.cpu {
			worst = s
		}
	}
	t.Logf("CPU time per request under the emulation: %d of %d requests over Compute's 50 ms; the most: %s %s, %v",
		over, len(all), worst.method, worst.uri, worst.cpu)

	measureFastly(t, a, client, addr, out, serverLog)

	// Last, so that their instances, which run on after the short timeout, disturb nothing measured.
	short := e2eClient()
	short.Timeout = 5 * time.Second
	for _, r := range known {
		key := r.method + " " + r.path
		want, err := do(client, nodeAddr, r)
		require.NoError(t, err)
		got, err := do(short, addr, r)
		if err == nil && want.diff(got, nil) == "" {
			t.Errorf("%s now answers as adapter-node does: remove it from fastlyKnownDifferences", key)
			continue
		}
		how := fmt.Sprintf("%v", err)
		if err == nil {
			how = fmt.Sprintf("status %d, %d bytes (adapter-node: %d, %d bytes)", got.status, len(got.body), want.status, len(want.body))
		}
		t.Logf("KNOWN DIFFERENCE %s: %s; %s", key, fastlyKnownDifferences[key], how)
	}
}

// checkComputeImports requires main.wasm to import only Compute's host modules (fastly_*) and
// wasi_snapshot_preview1, which is all Compute offers.
func checkComputeImports(t *testing.T, wasm []byte) {
	t.Helper()
	modules, problems, err := computeImports(wasm)
	require.NoError(t, err)
	for _, p := range problems {
		t.Error(p)
	}
	var list []string
	n := 0
	for m, k := range modules {
		list = append(list, fmt.Sprintf("%s (%d)", m, k))
		n += k
	}
	sort.Strings(list)
	t.Logf("main.wasm imports %d functions from: %s", n, strings.Join(list, ", "))
	require.Contains(t, modules, "fastly_http_req", "main.wasm does not use Compute's request API")
}

// computeImports parses wasm's import section: the functions imported per module, and a
// problem for each import Compute could not satisfy.
func computeImports(wasm []byte) (modules map[string]int, problems []string, err error) {
	ctx := context.Background()
	rt := wazero.NewRuntimeWithConfig(ctx, wazero.NewRuntimeConfigInterpreter()) // no code generated: only the imports are read
	defer rt.Close(ctx)
	mod, err := rt.CompileModule(ctx, wasm)
	if err != nil {
		return nil, nil, err
	}
	modules = map[string]int{}
	for _, f := range mod.ImportedFunctions() {
		m, name, _ := f.Import()
		modules[m]++
		if m != "wasi_snapshot_preview1" && !strings.HasPrefix(m, "fastly_") {
			problems = append(problems, fmt.Sprintf("main.wasm imports %s.%s: Compute offers only its fastly_* modules and wasi_snapshot_preview1", m, name))
		}
	}
	for _, m := range mod.ImportedMemories() {
		mn, name, _ := m.Import()
		problems = append(problems, fmt.Sprintf("main.wasm imports the memory %s.%s: a Compute program has its own", mn, name))
	}
	return modules, problems, nil
}

// The import check catches a module that imports something Compute does not offer.
func TestComputeImportCheck(t *testing.T) {
	module := func(mod string) []byte {
		b := []byte("\x00asm\x01\x00\x00\x00\x01\x04\x01\x60\x00\x00") // a type () -> ()
		imp := append([]byte{1, byte(len(mod))}, mod...)
		imp = append(imp, 1, 'f', 0, 0) // function f of type 0
		return append(append(b, 2, byte(len(imp))), imp...)
	}
	modules, problems, err := computeImports(module("fastly_http_req"))
	require.NoError(t, err)
	assert.Empty(t, problems)
	assert.Equal(t, map[string]int{"fastly_http_req": 1}, modules)
	_, problems, err = computeImports(module("env"))
	require.NoError(t, err)
	assert.Equal(t, []string{"main.wasm imports env.f: Compute offers only its fastly_* modules and wasi_snapshot_preview1"}, problems)
}

// measureFastly logs the closing note's figures (no assertions: the machine is shared):
// instance start to response for a static file and an SSR page under the emulation, their CPU
// time, and their latency next to kitwasm serve's of the same build, alternating, in the same
// run (kitwasm serve reuses warm isolates; the emulation starts a fresh instance of the
// compiled program per request, as Compute does).
func measureFastly(t *testing.T, a *kitApp, client *http.Client, addr, out string, serverLog *syncBuffer) {
	t.Helper()
	const n = 11
	timed := func(addr, path string) time.Duration {
		t0 := time.Now()
		res, err := do(client, addr, e2eRequest{method: "GET", path: path})
		d := time.Since(t0)
		require.NoError(t, err)
		require.Equal(t, 200, res.status, "GET %s on %s: %s", path, addr, res.body)
		return d
	}
	kitAddr := freeAddr(t)
	startServer(t, "kitwasm serve", a.dir, a.env, a.kitwasm, "serve", "--quiet", "--addr", kitAddr, "--allow-fetch", "127.0.0.1", out)
	waitReady(t, client, "kitwasm serve", kitAddr)
	for _, path := range []string{"/robots.txt", "/blog/hello"} {
		before := len(parseFastlyStats(serverLog.String()))
		for i := 0; i < 2; i++ {
			timed(kitAddr, path)
		}
		var emu, serve []time.Duration
		for i := 0; i < n; i++ {
			emu = append(emu, timed(addr, path))
			serve = append(serve, timed(kitAddr, path))
		}
		// The emulation logs a request when its instance ends, which may be after the response.
		var inst, first, cpu []time.Duration
		deadline := time.Now().Add(30 * time.Second)
		for {
			inst, first, cpu = nil, nil, nil
			for _, s := range parseFastlyStats(serverLog.String())[before:] {
				if s.uri == path {
					inst, first, cpu = append(inst, s.instance), append(first, s.firstByte), append(cpu, s.cpu)
				}
			}
			if len(inst) >= n || time.Now().After(deadline) {
				break
			}
			time.Sleep(50 * time.Millisecond)
		}
		require.Len(t, inst, n, "the emulation's log lines for %s", path)
		t.Logf("GET %s, median of %d: Compute emulation: instance start to first response byte %v (instantiation %v), CPU %v, client latency %v; kitwasm serve (same build, warm isolates): client latency %v (emulation/serve %.1fx)",
			path, n, median(first), median(inst), median(cpu), median(emu).Round(100*time.Microsecond), median(serve).Round(100*time.Microsecond),
			float64(median(emu))/float64(median(serve)))
	}
	// The package's own trace (KITWASM_FASTLY_TRACE, edge/fastly): its phases per instance.
	for _, phase := range []struct{ what, re string }{
		{"program start to ready to serve", `kitwasm: ready (\S+) after start`},
		{"engine and pool restored from the embedded snapshot", `kitwasm: engine and pool restored from the snapshot in (\S+)`},
	} {
		var d []time.Duration
		for _, m := range regexp.MustCompile(phase.re).FindAllStringSubmatch(serverLog.String(), -1) {
			if v, err := time.ParseDuration(m[1]); err == nil {
				d = append(d, v)
			}
		}
		if len(d) > 0 {
			t.Logf("inside the package (its trace): %s, median of %d instances: %v", phase.what, len(d), median(d))
		}
	}
}
