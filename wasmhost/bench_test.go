package wasmhost_test

import (
	"context"
	"os/exec"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/kitwasm/kitwasm/adapter"
	"github.com/kitwasm/kitwasm/internal/nodetest"
	"github.com/kitwasm/kitwasm/internal/testworker"
	"github.com/kitwasm/kitwasm/wasmhost"
)

// Benchmarks of the runtime (issue 2 and 4). Each timing that has a reference reports it as
// a ratio measured in the same run: x-node is ns/op divided by Node 22's ns/op for the same
// worker called in-process; x-unguarded is the stack-guarded engine over the original.
// Warm requests also report CPU time (user + system of the whole process) per request and
// x-node-cpu, its ratio to Node's: on a machine shared with other work, CPU time moves far
// less than wall time.
//
//	go test -run '^$' -bench . -benchtime 2s ./wasmhost

// workers: the URL each benchmark worker is asked for; the worker is testdata/<name>.js unless
// workerFiles names another file.
var workers = map[string]string{
	"trivial": "http://example.test/",
	"ssr":     "http://example.test/orders?rows=50",
	// The large page of issue 10: a 300-row table (~50 KB of HTML).
	"ssr300": "http://example.test/orders?rows=300",
	// The host boundary: a 64 KiB body as a string, as bytes, as a stream of four chunks.
	"body-string": "http://example.test/?kind=string",
	"body-bytes":  "http://example.test/?kind=bytes",
	"body-stream": "http://example.test/?kind=stream",
}

var workerFiles = map[string]string{
	"ssr300": "ssr.js", "body-string": "bodies.js", "body-bytes": "bodies.js", "body-stream": "bodies.js",
}

func workerFile(name string) string {
	if f, ok := workerFiles[name]; ok {
		return f
	}
	return name + ".js"
}

var nodeRefs sync.Map // worker name -> [2]float64{wall ns/op, CPU ns/op} under Node 22

// nodeNsPerOp runs the worker under Node 22 and returns its wall and CPU ns per request.
func nodeNsPerOp(b *testing.B, name string) (wall, cpu float64) {
	if v, ok := nodeRefs.Load(name); ok {
		r := v.([2]float64)
		return r[0], r[1]
	}
	node, err := nodetest.Node()
	if err != nil {
		b.Fatal(err)
	}
	file, _ := filepath.Abs(filepath.Join("testdata", workerFile(name)))
	n := "5000"
	if name == "ssr300" {
		n = "1000"
	}
	out, err := exec.Command(node, filepath.Join("..", "jsengine", "tools", "bench-worker.mjs"), file, workers[name], n).Output()
	if err != nil {
		b.Fatalf("node reference: %v", err)
	}
	f := strings.Fields(string(out))
	if len(f) != 2 {
		b.Fatalf("node reference: unexpected output %q", out)
	}
	if wall, err = strconv.ParseFloat(f[0], 64); err == nil {
		cpu, err = strconv.ParseFloat(f[1], 64)
	}
	if err != nil {
		b.Fatal(err)
	}
	nodeRefs.Store(name, [2]float64{wall, cpu})
	return wall, cpu
}

func benchPool(b *testing.B, name string, cfg wasmhost.PoolConfig) *wasmhost.Pool {
	if cfg.MaxIsolates == 0 {
		cfg.MaxIsolates, cfg.MinIdle = 1, 1
	}
	return testworker.Pool(b, filepath.Join("testdata", workerFile(name)), cfg)
}

func serveOnce(b *testing.B, p *wasmhost.Pool, url string) {
	rec := &wasmhost.Recorder{}
	if err := p.Serve(context.Background(), &wasmhost.Request{Method: "GET", URL: url}, rec); err != nil || rec.Status != 200 {
		b.Fatalf("status %d: %v", rec.Status, err)
	}
}

// BenchmarkWarmRequest: one request through a warm isolate (Pool.Serve, no HTTP).
func BenchmarkWarmRequest(b *testing.B) {
	warmRequests(b, "trivial", "ssr", "ssr300")
}

// BenchmarkHostBoundary: a 64 KiB response body across the host boundary, made as a string,
// as bytes and as a stream of four chunks (BenchmarkWarmRequest/trivial is the floor).
func BenchmarkHostBoundary(b *testing.B) {
	warmRequests(b, "body-string", "body-bytes", "body-stream")
}

func warmRequests(b *testing.B, names ...string) {
	for _, name := range names {
		b.Run(name, func(b *testing.B) {
			p := benchPool(b, name, wasmhost.PoolConfig{})
			serveOnce(b, p, workers[name])
			ref, refCPU := nodeNsPerOp(b, name)
			b.ResetTimer()
			cpu := cpuTime()
			for i := 0; i < b.N; i++ {
				serveOnce(b, p, workers[name])
			}
			cpuPerOp := float64((cpuTime() - cpu).Nanoseconds()) / float64(b.N)
			b.StopTimer()
			perOp := float64(b.Elapsed().Nanoseconds()) / float64(b.N)
			b.ReportMetric(ref, "node-ns/op")
			b.ReportMetric(perOp/ref, "x-node")
			b.ReportMetric(cpuPerOp, "cpu-ns/op")
			b.ReportMetric(refCPU, "node-cpu-ns/op")
			b.ReportMetric(cpuPerOp/refCPU, "x-node-cpu")
		})
	}
}

// BenchmarkParallelRequests: requests from GOMAXPROCS goroutines through a pool of as many
// isolates.
func BenchmarkParallelRequests(b *testing.B) {
	n := runtime.GOMAXPROCS(0)
	p := benchPool(b, "ssr", wasmhost.PoolConfig{MaxIsolates: n, MinIdle: n})
	serveOnce(b, p, workers["ssr"])
	b.ResetTimer()
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			serveOnce(b, p, workers["ssr"])
		}
	})
}

// BenchmarkAcquire: taking a warm isolate from the pool and giving it back.
func BenchmarkAcquire(b *testing.B) {
	p := benchPool(b, "trivial", wasmhost.PoolConfig{})
	ctx := context.Background()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		iso, err := p.Acquire(ctx)
		if err != nil {
			b.Fatal(err)
		}
		p.Release(iso)
	}
}

// BenchmarkNewIsolate: what a pool miss costs: instantiate, the Web layer and the worker
// evaluated from bytecode, init.
func BenchmarkNewIsolate(b *testing.B) {
	eng, _ := testworker.Engine(b)
	w := testworker.Compile(b, filepath.Join("testdata", "ssr.js"))
	ctx := context.Background()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		iso, err := eng.NewIsolate(ctx, w, nil)
		if err != nil {
			b.Fatal(err)
		}
		iso.Close()
	}
}

// BenchmarkColdStart: a process's first response: compile (or load) the engine, make an
// isolate, serve one request. With and without the on-disk compilation cache.
func BenchmarkColdStart(b *testing.B) {
	for _, mode := range []string{"cache", "nocache"} {
		b.Run(mode, func(b *testing.B) {
			dir := "-"
			if mode == "cache" {
				dir = b.TempDir()
				warm, err := wasmhost.NewEngine(context.Background(), wasmhost.EngineConfig{CacheDir: dir})
				if err != nil {
					b.Fatal(err)
				}
				warm.Close(context.Background())
			}
			src := filepath.Join("testdata", "trivial.js")
			w := testworker.Compile(b, src)
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				ctx := context.Background()
				eng, err := wasmhost.NewEngine(ctx, wasmhost.EngineConfig{CacheDir: dir})
				if err != nil {
					b.Fatal(err)
				}
				p, err := wasmhost.NewPool(ctx, eng, wasmhost.PoolConfig{Worker: w, MaxIsolates: 1, MinIdle: 1})
				if err != nil {
					b.Fatal(err)
				}
				serveOnce(b, p, workers["trivial"])
				p.Close()
				eng.Close(ctx)
			}
		})
	}
}

// BenchmarkMemoryPerIsolate reports the linear memory of an isolate after warm-up requests
// and the Go heap each one adds (wazero's compiled code is shared, not counted).
func BenchmarkMemoryPerIsolate(b *testing.B) {
	eng, _ := testworker.Engine(b)
	w := testworker.Compile(b, filepath.Join("testdata", "ssr.js"))
	ctx := context.Background()
	const n = 8
	var linear, heap float64
	for i := 0; i < b.N; i++ {
		runtime.GC()
		var before, after runtime.MemStats
		runtime.ReadMemStats(&before)
		isos := make([]*wasmhost.Isolate, n)
		for j := range isos {
			iso, err := eng.NewIsolate(ctx, w, nil)
			if err != nil {
				b.Fatal(err)
			}
			isos[j] = iso
			linear += float64(iso.MemoryBytes())
		}
		runtime.GC()
		runtime.ReadMemStats(&after)
		heap += float64(after.HeapInuse) - float64(before.HeapInuse)
		for _, iso := range isos {
			iso.Close()
		}
	}
	b.ReportMetric(linear/float64(b.N*n), "linear-bytes/isolate")
	b.ReportMetric(heap/float64(b.N*n), "heap-bytes/isolate")
}

// BenchmarkStackGuard measures the stack guard's cost on the SSR worker: the guarded and the
// original engine serve alternately in the same run.
func BenchmarkStackGuard(b *testing.B) {
	ctx := context.Background()
	guarded := benchPool(b, "ssr", wasmhost.PoolConfig{})
	ueng, err := wasmhost.NewEngine(ctx, wasmhost.UnguardedConfig(wasmhost.EngineConfig{}))
	if err != nil {
		b.Fatal(err)
	}
	defer ueng.Close(ctx)
	bundle, err := adapter.BundleWorker(filepath.Join("testdata", "ssr.js"), adapter.BundleOptions{})
	if err != nil {
		b.Fatal(err)
	}
	w, err := ueng.CompileWorker(ctx, "ssr.js", bundle.Code)
	if err != nil {
		b.Fatal(err)
	}
	// Snapshots need the guarded engine: the unguarded pool makes its isolates by evaluation.
	unguarded, err := wasmhost.NewPool(ctx, ueng, wasmhost.PoolConfig{Worker: w, MaxIsolates: 1, MinIdle: 1, NoSnapshots: true})
	if err != nil {
		b.Fatal(err)
	}
	defer unguarded.Close()
	serveOnce(b, guarded, workers["ssr"])
	serveOnce(b, unguarded, workers["ssr"])
	var tg, tu time.Duration
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		s := time.Now()
		serveOnce(b, guarded, workers["ssr"])
		m := time.Now()
		serveOnce(b, unguarded, workers["ssr"])
		tg, tu = tg+m.Sub(s), tu+time.Since(m)
	}
	b.ReportMetric(float64(tg.Nanoseconds())/float64(b.N), "guarded-ns/op")
	b.ReportMetric(float64(tu.Nanoseconds())/float64(b.N), "unguarded-ns/op")
	b.ReportMetric(float64(tg)/float64(tu), "x-unguarded")
}

// BenchmarkRestore: an isolate from the pool's snapshot (what the pool does once it has one),
// against BenchmarkNewIsolate's evaluation from bytecode. x-new-isolate is the ratio to
// NewIsolate measured in the same run.
func BenchmarkRestore(b *testing.B) {
	eng, _ := testworker.Engine(b)
	w := testworker.Compile(b, filepath.Join("testdata", "ssr.js"))
	ctx := context.Background()
	template, err := eng.NewIsolate(ctx, w, nil)
	if err != nil {
		b.Fatal(err)
	}
	snap, err := template.Snapshot()
	if err != nil {
		b.Fatal(err)
	}
	template.Close()
	const ref = 20
	start := time.Now()
	for i := 0; i < ref; i++ {
		iso, err := eng.NewIsolate(ctx, w, nil)
		if err != nil {
			b.Fatal(err)
		}
		iso.Close()
	}
	perNew := float64(time.Since(start).Nanoseconds()) / ref
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		iso, err := eng.Restore(ctx, snap)
		if err != nil {
			b.Fatal(err)
		}
		iso.Close()
	}
	b.StopTimer()
	b.ReportMetric(float64(snap.Size()), "snapshot-bytes")
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/perNew, "x-new-isolate")
}
