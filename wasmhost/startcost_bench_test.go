//go:build linux

package wasmhost_test

import (
	"context"
	"path/filepath"
	"runtime"
	"syscall"
	"testing"
	"time"

	"github.com/kitwasm/kitwasm/internal/testworker"
)

// BenchmarkIsolateStartCost: what one more isolate costs (issue 13 asked for before/after
// figures): made from the Web layer's and the worker's bytecode (NewIsolate, a pool's first
// isolate) and restored from the pool's snapshot (every later one). Besides wall time it
// reports CPU time per isolate, the process's (user+system, GC included) and the benchmark
// thread's, which other load on the machine disturbs far less, and the isolate's linear
// memory (= the snapshot's size). The file has no dependency on newer code, so it can be
// copied into a checkout of an older commit to compare the two in one run.
func BenchmarkIsolateStartCost(b *testing.B) {
	eng, _ := testworker.Engine(b)
	w := testworker.Compile(b, filepath.Join("testdata", "ssr.js"))
	ctx := context.Background()
	usage := func(who int) time.Duration {
		var ru syscall.Rusage
		syscall.Getrusage(who, &ru)
		return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
	}
	// The process's CPU time (GC workers included) and the benchmark thread's own: the
	// engine runs an isolate's code on the calling goroutine, locked here to one thread.
	cpu := func() time.Duration { return usage(syscall.RUSAGE_SELF) }
	const rusageThread = 1 // RUSAGE_THREAD (Linux)
	threadCPU := func() time.Duration { return usage(rusageThread) }
	b.Run("new", func(b *testing.B) {
		runtime.LockOSThread()
		defer runtime.UnlockOSThread()
		var linear int64
		c0, t0 := cpu(), threadCPU()
		for i := 0; i < b.N; i++ {
			iso, err := eng.NewIsolate(ctx, w, nil)
			if err != nil {
				b.Fatal(err)
			}
			linear = int64(iso.MemoryBytes())
			iso.Close()
		}
		b.ReportMetric(float64((cpu()-c0).Nanoseconds())/float64(b.N), "cpu-ns/op")
		b.ReportMetric(float64((threadCPU()-t0).Nanoseconds())/float64(b.N), "thread-cpu-ns/op")
		b.ReportMetric(float64(linear), "linear-bytes")
	})
	b.Run("restore", func(b *testing.B) {
		template, err := eng.NewIsolate(ctx, w, nil)
		if err != nil {
			b.Fatal(err)
		}
		snap, err := template.Snapshot()
		template.Close()
		if err != nil {
			b.Fatal(err)
		}
		runtime.LockOSThread()
		defer runtime.UnlockOSThread()
		b.ResetTimer()
		c0, t0 := cpu(), threadCPU()
		for i := 0; i < b.N; i++ {
			iso, err := eng.Restore(ctx, snap)
			if err != nil {
				b.Fatal(err)
			}
			iso.Close()
		}
		b.ReportMetric(float64((cpu()-c0).Nanoseconds())/float64(b.N), "cpu-ns/op")
		b.ReportMetric(float64((threadCPU()-t0).Nanoseconds())/float64(b.N), "thread-cpu-ns/op")
		b.ReportMetric(float64(snap.Size()), "snapshot-bytes")
	})
}
