package wasmpatch

import (
	"runtime"
	"testing"
	"time"
)

// Workloads for the throughput cost of the instrumentation.
var benchWorkloads = []struct{ name, src string }{
	// Call-heavy: every JS call crosses JS_CallInternal's guarded prologue.
	{"recursion", `(function fib(n){ return n < 2 ? n : fib(n - 1) + fib(n - 2) })(22)`},
	// Ordinary mix: strings, JSON, arrays, objects, regexps.
	{"ordinary", `(function(){
		let out = [];
		for (let i = 0; i < 300; i++) {
			const o = {id: i, name: "item" + i, tags: ["a", "b", String(i % 7)], nested: {x: i * 1.5}};
			const s = JSON.stringify(o);
			const p = JSON.parse(s);
			out.push(p.name.toUpperCase().replace(/ITEM(\d+)/, "I-$1") + ":" + p.tags.join("/"));
		}
		out.sort();
		return out.length + out[0].length;
	})()`},
}

// BenchmarkStackGuard runs each workload on an original and a patched isolate
// alternately in the same process and reports patched/original as a ratio, so
// the machine's load affects both sides alike.
//
//	go test -run '^$' -bench StackGuard -benchtime 20x ./jsengine/wasmpatch
func BenchmarkStackGuard(b *testing.B) {
	for _, w := range benchWorkloads {
		b.Run(w.name, func(b *testing.B) {
			orig := newIsolate(b, isolateConfig{})
			patched := newIsolate(b, isolateConfig{patched: true, stackSize: StackSize})
			run := func(iso *isolate) time.Duration {
				t0 := time.Now()
				r, err := iso.eval(w.src)
				d := time.Since(t0)
				if err != nil || r.thrown {
					b.Fatalf("%v %v", r, err)
				}
				return d
			}
			run(orig) // warm up
			run(patched)
			var to, tp time.Duration
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				if i%2 == 0 {
					to += run(orig)
					tp += run(patched)
				} else {
					tp += run(patched)
					to += run(orig)
				}
			}
			b.StopTimer()
			b.ReportMetric(float64(to.Microseconds())/float64(b.N), "orig-µs/op")
			b.ReportMetric(float64(tp.Microseconds())/float64(b.N), "patched-µs/op")
			b.ReportMetric(float64(tp)/float64(to), "patched/orig")
		})
	}
}

// TestNativeStackCost measures the Go memory wazero allocates for its own
// (native) call stack during a maximal recursion: it is the second limit on
// depth, and a transient cost per deep request.
func TestNativeStackCost(t *testing.T) {
	if testing.Short() {
		t.Skip("measurement")
	}
	iso := newIsolate(t, isolateConfig{patched: true, stackSize: StackSize})
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	r, err := iso.eval(`(function(){let d=0; function g(){d++; g()} try{g()}catch(e){}; return d})()`)
	runtime.ReadMemStats(&after)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("max-depth recursion (%s frames): %.1f MB allocated by Go during the call (wazero's native stack), linear stack region %d KiB",
		r.value, float64(after.TotalAlloc-before.TotalAlloc)/1e6, StackSize>>10)
}
