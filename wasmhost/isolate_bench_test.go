package wasmhost_test

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/kitwasm/kitwasm/adapter"
	"github.com/kitwasm/kitwasm/edge"
	"github.com/kitwasm/kitwasm/internal/testworker"
	"github.com/kitwasm/kitwasm/jsengine"
	"github.com/kitwasm/kitwasm/wasmhost"
)

// Benchmarks of isolates (issue 10, "Isolates"): restoring from a snapshot mapped
// copy-on-write against the copying restore, private memory per idle isolate, cold start
// with a persisted snapshot, and a fresh isolate per request against reuse. Each compares
// the two ways in the same run, interleaved, so that the noise of a shared machine hits both.
//
//	go test -run '^$' -bench 'Isolate|Restore|ColdStartSnapshot|Isolation' -benchtime 200x ./wasmhost

// copyEngine is an engine that restores by copying (the reference of the COW benchmarks).
func copyEngine(b *testing.B) *wasmhost.Engine {
	eng, err := wasmhost.NewEngine(context.Background(), wasmhost.EngineConfig{Restore: wasmhost.RestoreCopy})
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { eng.Close(context.Background()) })
	return eng
}

func ssrSnapshot(b *testing.B, eng *wasmhost.Engine) *wasmhost.Snapshot {
	w := testworker.Compile(b, filepath.Join("testdata", "ssr.js"))
	iso, err := eng.NewIsolate(context.Background(), w, nil)
	if err != nil {
		b.Fatal(err)
	}
	defer iso.Close()
	s, err := iso.Snapshot()
	if err != nil {
		b.Fatal(err)
	}
	return s
}

func median(d []time.Duration) time.Duration {
	d = slices.Clone(d)
	slices.Sort(d)
	return d[len(d)/2]
}

// BenchmarkRestoreModes: Engine.Restore of the SSR worker's snapshot in the three ways, in
// turn: mapped copy-on-write (map), copied into a recycled memory (copy), and copied into a
// fresh Go heap buffer as before issue 10 (heap, the reference). Reports each one's median
// and the ratios to heap; ns/op is the three together.
func BenchmarkRestoreModes(b *testing.B) {
	mapEng, _ := testworker.Engine(b)
	if mapEng.RestoreMode() != wasmhost.RestoreMap {
		b.Skipf("no mapping here: %s", mapEng.RestoreModeDescription())
	}
	copyEng := copyEngine(b)
	heapEng, err := wasmhost.NewEngine(context.Background(), wasmhost.HeapCopyConfig(wasmhost.EngineConfig{}))
	if err != nil {
		b.Fatal(err)
	}
	defer heapEng.Close(context.Background())
	snap := ssrSnapshot(b, mapEng)
	ctx := context.Background()
	engines := []*wasmhost.Engine{mapEng, copyEng, heapEng}
	times := make([][]time.Duration, len(engines))
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		for j, eng := range engines {
			s := time.Now()
			iso, err := eng.Restore(ctx, snap)
			if err != nil {
				b.Fatal(err)
			}
			times[j] = append(times[j], time.Since(s))
			iso.Close()
		}
	}
	b.StopTimer()
	m, c, h := median(times[0]), median(times[1]), median(times[2])
	b.ReportMetric(float64(snap.Size()), "snapshot-bytes")
	b.ReportMetric(float64(m.Nanoseconds()), "map-median-ns")
	b.ReportMetric(float64(c.Nanoseconds()), "copy-median-ns")
	b.ReportMetric(float64(h.Nanoseconds()), "heap-median-ns")
	b.ReportMetric(float64(m)/float64(h), "map-x-heap")
	b.ReportMetric(float64(c)/float64(h), "copy-x-heap")
}

// privateDirty is the process's Private_Dirty (plus Private_Hugetlb) in bytes, from
// /proc/self/smaps_rollup.
func privateDirty(b *testing.B) int64 {
	data, err := os.ReadFile("/proc/self/smaps_rollup")
	if err != nil {
		b.Skipf("no smaps_rollup: %v", err)
	}
	var total int64
	sc := bufio.NewScanner(bytes.NewReader(data))
	for sc.Scan() {
		f := bytes.Fields(sc.Bytes())
		if len(f) >= 2 && (string(f[0]) == "Private_Dirty:" || string(f[0]) == "Private_Hugetlb:") {
			kb, _ := strconv.ParseInt(string(f[1]), 10, 64)
			total += kb * 1024
		}
	}
	return total
}

// BenchmarkIdleIsolateMemory: the private memory that one idle isolate restored from the
// SSR worker's snapshot adds to the process (Private_Dirty before and after restoring 16,
// Go heap included), mapped copy-on-write and copied (into recycled memories).
func BenchmarkIdleIsolateMemory(b *testing.B) {
	cow, _ := testworker.Engine(b)
	if cow.RestoreMode() != wasmhost.RestoreMap {
		b.Skipf("restores copy here: %s", cow.RestoreModeDescription())
	}
	snap := ssrSnapshot(b, cow)
	ctx := context.Background()
	const n = 16
	measure := func(eng *wasmhost.Engine) float64 {
		// Warm up: the first restore makes the memfd, and wazero's per-engine state.
		iso, err := eng.Restore(ctx, snap)
		if err != nil {
			b.Fatal(err)
		}
		iso.Close()
		debug.FreeOSMemory()
		before := privateDirty(b)
		isos := make([]*wasmhost.Isolate, n)
		for j := range isos {
			if isos[j], err = eng.Restore(ctx, snap); err != nil {
				b.Fatal(err)
			}
		}
		debug.FreeOSMemory()
		after := privateDirty(b)
		for _, iso := range isos {
			iso.Close()
		}
		return float64(after-before) / n
	}
	var pc, pp float64
	for i := 0; i < b.N; i++ {
		pc += measure(cow)
		// A new copying engine each time: the memories an engine recycles stay resident, and
		// would hide the next round's.
		cp, err := wasmhost.NewEngine(ctx, wasmhost.EngineConfig{Restore: wasmhost.RestoreCopy})
		if err != nil {
			b.Fatal(err)
		}
		pp += measure(cp)
		cp.Close(ctx)
	}
	b.ReportMetric(pc/float64(b.N), "cow-private-bytes/isolate")
	b.ReportMetric(pp/float64(b.N), "copy-private-bytes/isolate")
}

// BenchmarkIsolationRequest: SSR requests from GOMAXPROCS goroutines, through a pool that
// reuses isolates and through pools that restore a fresh isolate for every request (by
// mapping, and by copying), in alternating rounds. x-reuse is each request mode's throughput
// as a fraction of reuse's.
func BenchmarkIsolationRequest(b *testing.B) {
	n := runtime.GOMAXPROCS(0)
	ctx := context.Background()
	mapEng, _ := testworker.Engine(b)
	copyEng := copyEngine(b)
	w := testworker.Compile(b, filepath.Join("testdata", "ssr.js"))
	newPool := func(eng *wasmhost.Engine, iso wasmhost.Isolation) *wasmhost.Pool {
		p, err := wasmhost.NewPool(ctx, eng, wasmhost.PoolConfig{Worker: w, MaxIsolates: 2 * n, MinIdle: n, Isolation: iso})
		if err != nil {
			b.Fatal(err)
		}
		b.Cleanup(p.Close)
		return p
	}
	pools := []*wasmhost.Pool{newPool(mapEng, wasmhost.IsolationReuse), newPool(mapEng, wasmhost.IsolationRequest), newPool(copyEng, wasmhost.IsolationRequest)}
	url := workers["ssr"]
	for _, p := range pools {
		serveOnce(b, p, url)
	}
	round := func(p *wasmhost.Pool, reqs int) time.Duration {
		var wg sync.WaitGroup
		next := make(chan struct{}, reqs)
		for i := 0; i < reqs; i++ {
			next <- struct{}{}
		}
		close(next)
		s := time.Now()
		for g := 0; g < n; g++ {
			wg.Add(1)
			go func() {
				defer wg.Done()
				for range next {
					serveOnce(b, p, url)
				}
			}()
		}
		wg.Wait()
		return time.Since(s)
	}
	const per = 50
	t := make([]time.Duration, len(pools))
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		for j, p := range pools {
			t[j] += round(p, per)
		}
	}
	b.StopTimer()
	reqs := float64(b.N * per)
	b.ReportMetric(reqs/t[0].Seconds(), "reuse-req/s")
	b.ReportMetric(reqs/t[1].Seconds(), "request-map-req/s")
	b.ReportMetric(reqs/t[2].Seconds(), "request-copy-req/s")
	b.ReportMetric(t[0].Seconds()/t[1].Seconds(), "map-x-reuse")
	b.ReportMetric(t[0].Seconds()/t[2].Seconds(), "copy-x-reuse")
}

// BenchmarkProcessColdStart: `kitwasm serve worker.js` (bundled and compiled at start) and
// `kitwasm serve build` (a build directory: bytecode precompiled, as @kitwasm/adapter writes
// it) from exec to the first 200, with a warm compilation cache, with the snapshot file from
// the previous start (snapshot) and without it (evaluate: the file is deleted before each
// start), alternately.
func BenchmarkProcessColdStart(b *testing.B) {
	dir := b.TempDir()
	bin := filepath.Join(dir, "kitwasm")
	if out, err := exec.Command("go", "build", "-o", bin, "../cmd/kitwasm").CombinedOutput(); err != nil {
		b.Fatalf("go build: %v\n%s", err, out)
	}
	cache := filepath.Join(dir, "cache")
	for _, run := range []string{"trivial", "ssr", "ssr-build"} {
		name, isBuild := strings.CutSuffix(run, "-build")
		b.Run(run, func(b *testing.B) {
			worker, _ := filepath.Abs(filepath.Join("testdata", name+".js"))
			if isBuild {
				worker = buildDir(b, worker)
			}
			start := func() time.Duration {
				ln, err := net.Listen("tcp", "127.0.0.1:0")
				if err != nil {
					b.Fatal(err)
				}
				addr := ln.Addr().String()
				ln.Close()
				cmd := exec.Command(bin, "serve", "--quiet", "--cache-dir", cache, "--addr", addr, worker)
				var out bytes.Buffer
				cmd.Stdout, cmd.Stderr = &out, &out
				t0 := time.Now()
				if err := cmd.Start(); err != nil {
					b.Fatal(err)
				}
				defer func() { cmd.Process.Kill(); cmd.Wait() }()
				url := "http://" + addr + strings.TrimPrefix(workers[name], "http://example.test")
				client := &http.Client{Timeout: 5 * time.Second}
				for time.Since(t0) < 30*time.Second {
					res, err := client.Get(url)
					if err == nil {
						io.Copy(io.Discard, res.Body)
						res.Body.Close()
						if res.StatusCode == 200 {
							return time.Since(t0)
						}
						b.Fatalf("status %d\n%s", res.StatusCode, out.String())
					}
					time.Sleep(500 * time.Microsecond)
				}
				b.Fatalf("no response in 30 s\n%s", out.String())
				return 0
			}
			removeSnapshots := func() { os.RemoveAll(filepath.Join(cache, "snapshots")) }
			start() // warms the compilation cache and writes the snapshot
			var ts, te []time.Duration
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				ts = append(ts, start())
				removeSnapshots()
				te = append(te, start())
			}
			b.StopTimer()
			b.ReportMetric(float64(median(ts).Microseconds())/1000, "snapshot-median-ms")
			b.ReportMetric(float64(median(te).Microseconds())/1000, "evaluate-median-ms")
		})
	}
}

// BenchmarkStartSnapshot: a process's start in process, from a warm compilation cache and
// precompiled bytecode (as `kitwasm serve build`): engine, pool, first response; with the
// snapshot file of the previous start (snapshot) and without (evaluate), alternately.
func BenchmarkStartSnapshot(b *testing.B) {
	cache := b.TempDir()
	ctx := context.Background()
	w := testworker.Compile(b, filepath.Join("testdata", "ssr.js"))
	bc := w.Bytecode()
	file := filepath.Join(b.TempDir(), "ssr.kwsnap")
	start := func(snapshot bool) time.Duration {
		if !snapshot {
			os.Remove(file)
		}
		s := time.Now()
		eng, err := wasmhost.NewEngine(ctx, wasmhost.EngineConfig{CacheDir: cache})
		if err != nil {
			b.Fatal(err)
		}
		defer eng.Close(ctx)
		p, err := wasmhost.NewPool(ctx, eng, wasmhost.PoolConfig{Worker: wasmhost.WorkerFromBytecode("ssr.js", bc), MaxIsolates: 1, MinIdle: 1, SnapshotFile: file})
		if err != nil {
			b.Fatal(err)
		}
		defer p.Close()
		serveOnce(b, p, workers["ssr"])
		d := time.Since(s)
		if snapshot != strings.HasPrefix(p.StartedFrom(), "restored") {
			b.Fatalf("snapshot %v, but the pool %s", snapshot, p.StartedFrom())
		}
		return d
	}
	start(false) // warms the compilation cache, the layer's bytecode, and writes the file
	var ts, te []time.Duration
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		ts = append(ts, start(true))
		te = append(te, start(false)) // and writes the file the next start(true) reads
	}
	b.StopTimer()
	b.ReportMetric(float64(median(ts).Microseconds())/1000, "snapshot-median-ms")
	b.ReportMetric(float64(median(te).Microseconds())/1000, "evaluate-median-ms")
}

// buildDir writes a minimal build directory for the worker at path: manifest, bundle,
// bytecode for this engine, no static files.
func buildDir(b *testing.B, path string) string {
	dir := b.TempDir()
	bundle, err := adapter.BundleWorker(path, adapter.BundleOptions{})
	if err != nil {
		b.Fatal(err)
	}
	w := testworker.Compile(b, path)
	m := edge.Manifest{Version: 1, Engine: jsengine.ID(), Worker: "worker.js", Bytecode: "worker.qjsbc", Files: map[string]*edge.Asset{}, ServerAssets: "server-assets"}
	mj, _ := json.Marshal(m)
	for name, data := range map[string][]byte{edge.ManifestFile: mj, "worker.js": []byte(bundle.Code), "worker.qjsbc": w.Bytecode()} {
		if err := os.WriteFile(filepath.Join(dir, name), data, 0o644); err != nil {
			b.Fatal(err)
		}
	}
	if err := os.Mkdir(filepath.Join(dir, "server-assets"), 0o755); err != nil {
		b.Fatal(err)
	}
	return dir
}
