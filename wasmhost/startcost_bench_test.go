package wasmhost_test

import (
	"context"
	"path/filepath"
	"syscall"
	"testing"
	"time"

	"github.com/kitwasm/kitwasm/internal/testworker"
)

// BenchmarkIsolateStartCost: what one more isolate costs (issue 13 asked for before/after
// figures): made from the Web layer's and the worker's bytecode (NewIsolate, a pool's first
// isolate) and restored from the pool's snapshot (every later one). Besides wall time it
// reports the process's CPU time per isolate (user+system, GC included), which other load on
// the machine disturbs far less, and the isolate's linear memory (= the snapshot's size).
// The file has no dependency on newer code, so it can be copied into a checkout of an older
// commit to compare the two in one run.
func BenchmarkIsolateStartCost(b *testing.B) {
	eng, _ := testworker.Engine(b)
	w := testworker.Compile(b, filepath.Join("testdata", "ssr.js"))
	ctx := context.Background()
	cpu := func() time.Duration {
		var ru syscall.Rusage
		syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
		return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
	}
	b.Run("new", func(b *testing.B) {
		var linear int64
		c0 := cpu()
		for i := 0; i < b.N; i++ {
			iso, err := eng.NewIsolate(ctx, w, nil)
			if err != nil {
				b.Fatal(err)
			}
			linear = int64(iso.MemoryBytes())
			iso.Close()
		}
		b.ReportMetric(float64((cpu()-c0).Nanoseconds())/float64(b.N), "cpu-ns/op")
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
		b.ResetTimer()
		c0 := cpu()
		for i := 0; i < b.N; i++ {
			iso, err := eng.Restore(ctx, snap)
			if err != nil {
				b.Fatal(err)
			}
			iso.Close()
		}
		b.ReportMetric(float64((cpu()-c0).Nanoseconds())/float64(b.N), "cpu-ns/op")
		b.ReportMetric(float64(snap.Size()), "snapshot-bytes")
	})
}
