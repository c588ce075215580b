package wasmhost_test

import (
	"bufio"
	"bytes"
	"context"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"sync"
	"testing"
	"time"

	"github.com/kitwasm/kitwasm/internal/testworker"
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

// BenchmarkRestoreCOW: Engine.Restore of the SSR worker's snapshot, mapped copy-on-write and
// copied, alternately. Reports the median of each (cow-median-ns, copy-median-ns) and their
// ratio (x-copy). ns/op is the pair.
func BenchmarkRestoreCOW(b *testing.B) {
	cow, _ := testworker.Engine(b)
	if cow.RestoreMode() != wasmhost.RestoreMap {
		b.Skipf("restores copy here: %s", cow.RestoreModeDescription())
	}
	cp := copyEngine(b)
	snap := ssrSnapshot(b, cow)
	ctx := context.Background()
	var tc, tp []time.Duration
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		s := time.Now()
		iso, err := cow.Restore(ctx, snap)
		if err != nil {
			b.Fatal(err)
		}
		tc = append(tc, time.Since(s))
		iso.Close()
		s = time.Now()
		iso, err = cp.Restore(ctx, snap)
		if err != nil {
			b.Fatal(err)
		}
		tp = append(tp, time.Since(s))
		iso.Close()
	}
	b.StopTimer()
	mc, mp := median(tc), median(tp)
	b.ReportMetric(float64(snap.Size()), "snapshot-bytes")
	b.ReportMetric(float64(mc.Nanoseconds()), "cow-median-ns")
	b.ReportMetric(float64(mp.Nanoseconds()), "copy-median-ns")
	b.ReportMetric(float64(mc)/float64(mp), "x-copy")
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
// Go heap included), mapped copy-on-write and copied.
func BenchmarkIdleIsolateMemory(b *testing.B) {
	cow, _ := testworker.Engine(b)
	if cow.RestoreMode() != wasmhost.RestoreMap {
		b.Skipf("restores copy here: %s", cow.RestoreModeDescription())
	}
	cp := copyEngine(b)
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
		runtime.GC()
		before := privateDirty(b)
		isos := make([]*wasmhost.Isolate, n)
		for j := range isos {
			if isos[j], err = eng.Restore(ctx, snap); err != nil {
				b.Fatal(err)
			}
		}
		runtime.GC()
		after := privateDirty(b)
		for _, iso := range isos {
			iso.Close()
		}
		return float64(after-before) / n
	}
	var pc, pp float64
	for i := 0; i < b.N; i++ {
		pc += measure(cow)
		pp += measure(cp)
	}
	b.ReportMetric(pc/float64(b.N), "cow-private-bytes/isolate")
	b.ReportMetric(pp/float64(b.N), "copy-private-bytes/isolate")
}

// BenchmarkIsolationRequest: SSR requests from GOMAXPROCS goroutines, through a pool that
// reuses isolates and through one that restores a fresh isolate for every request, in
// alternating rounds. x-reuse is the request mode's throughput as a fraction of reuse's.
func BenchmarkIsolationRequest(b *testing.B) {
	n := runtime.GOMAXPROCS(0)
	reuse := benchPool(b, "ssr", wasmhost.PoolConfig{MaxIsolates: 2 * n, MinIdle: n})
	fresh := benchPool(b, "ssr", wasmhost.PoolConfig{MaxIsolates: 2 * n, MinIdle: n, Isolation: wasmhost.IsolationRequest})
	url := workers["ssr"]
	serveOnce(b, reuse, url)
	serveOnce(b, fresh, url)
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
	var tr, tf time.Duration
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		tr += round(reuse, per)
		tf += round(fresh, per)
	}
	b.StopTimer()
	reqs := float64(b.N * per)
	b.ReportMetric(reqs/tr.Seconds(), "reuse-req/s")
	b.ReportMetric(reqs/tf.Seconds(), "request-req/s")
	b.ReportMetric(tr.Seconds()/tf.Seconds(), "x-reuse")
	b.ReportMetric(float64(fresh.Created()), "fresh-isolates")
}
