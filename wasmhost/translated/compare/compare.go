// Package compare runs the engine on wazero and the engine translated by wasm2go through the
// same host side (wasmhost, over its two backends) and compares them: the same checks must give
// the same answers, a snapshot taken on either must restore on the other, and Main measures
// both in one run. The conformance run (the package test) runs wasmhost's own tests on the
// translated engine.
package compare

import (
	"bytes"
	"context"
	_ "embed"
	"errors"
	"flag"
	"fmt"
	"io"
	"runtime"
	"slices"
	"strings"
	"time"

	"github.com/kitwasm/kitwasm/wasmhost"
)

//go:embed testdata/cpu.js
var cpuJS string

// Engine is a wasmhost engine with a name for reports.
type Engine struct {
	Name string
	*wasmhost.Engine
}

// NewEngines returns the engine on wazero and, if newBackend is not nil, the engine on the
// backend it makes (the translated engine).
func NewEngines(ctx context.Context, newBackend func() wasmhost.Backend, console func(int, string)) ([]Engine, error) {
	cfg := wasmhost.EngineConfig{Log: io.Discard, Console: console}
	wz, err := wasmhost.NewEngine(ctx, cfg)
	if err != nil {
		return nil, fmt.Errorf("wazero: %w", err)
	}
	engines := []Engine{{"wazero", wz}}
	if newBackend != nil {
		tr, err := wasmhost.NewEngineOn(ctx, newBackend(), cfg)
		if err != nil {
			return nil, fmt.Errorf("wasm2go: %w", err)
		}
		engines = append(engines, Engine{"wasm2go", tr})
	}
	return engines, nil
}

// Check is one module worker whose answer to GET / (status and body) must be the same in
// every engine; Want, when set, is a prefix of the answer.
type Check struct {
	Name string
	// Top is module code before the worker; Body is the body of an async function whose
	// result is the response's text.
	Top, Body string
	Want      string
	// Timeout is the request time limit (default 10 s).
	Timeout time.Duration
}

// Source is the check's module worker.
func (c Check) Source() string {
	return c.Top + "\nexport default { async fetch(request, env, ctx) {\n" +
		"const r = await (async () => {\n" + c.Body + "\n})();\nreturn new Response(String(r));\n} };\n"
}

// Checks is what both engines must answer alike: the language, the Web layer's host calls
// (crypto, encoding, time zones, timers, streams), the engine's limits (stack guard, memory
// limit, interrupt) and the sandbox.
var Checks = []Check{
	{Name: "arithmetic", Body: "return 1 + 2", Want: "200 3"},
	{Name: "es2023", Body: "class A { #x = 1; static { this.y = 2 } get x() { return this.#x } }; return [new A().x, A.y, [3,1,2].toSorted().join(), Object.groupBy([1,2,3], x => x % 2 ? 'odd' : 'even').odd.length].join()", Want: "200 1,2,1,2,3,2"},
	{Name: "cpu", Top: cpuJS, Body: "return bench()", Want: "200 "},
	{Name: "throw", Body: "throw new TypeError('boom')", Want: "500 "},
	{Name: "web apis", Body: `
const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode('abc')));
const hex = [...digest].map((b) => b.toString(16).padStart(2, '0')).join('');
const u = new URL('https://user@example.com:8080/a/../b?x=1&y=%C3%A9#h');
const h = new Headers({ 'X-A': '1' }); h.append('x-a', '2');
const stream = new Response(new ReadableStream({ start(c) { c.enqueue(new TextEncoder().encode('st')); c.enqueue(new TextEncoder().encode('ream')); c.close(); } }));
await new Promise((r) => setTimeout(r, 5));
return JSON.stringify([hex, u.href, u.searchParams.get('y'), h.get('x-a'), await stream.text(), btoa('hi'), atob('aGk='),
  new TextDecoder().decode(new TextEncoder().encode('héllo ✓')), structuredClone({ a: [1, new Date(0)] }).a[1].toISOString(),
  crypto.getRandomValues(new Uint8Array(16)).length, typeof crypto.randomUUID(),
  new Intl.DateTimeFormat('en-US', { timeZone: 'Asia/Tokyo', hour: 'numeric', hourCycle: 'h23' }).format(new Date(0)),
  'straße'.normalize('NFD').length, new URL('https://bücher.example/').host])`,
		Want: `200 ["ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad","https://user@example.com:8080/b?x=1&y=%C3%A9#h","é","1, 2","stream","aGk=","hi","héllo ✓","1970-01-01T00:00:00.000Z",16,"string","09",6,"xn--bcher-kva.example"]`},
	{Name: "deep recursion", Body: "function f(n) { return n ? f(n - 1) + 1 : 0 }; let r; try { f(1e6) } catch (e) { r = e.constructor.name + ': ' + e.message }; return r + ' / ' + f(1000)", Want: "200 RangeError: Maximum call stack size exceeded / 1000"},
	{Name: "out of memory", Body: "let a = [], r; try { for (;;) a.push('x'.repeat(1 << 20) + a.length) } catch (e) { r = String(e) } a = null; return r", Want: "200 InternalError: out of memory"},
	{Name: "clock", Body: "return Date.now() > 1.7e12 && new Date(0).toISOString() === '1970-01-01T00:00:00.000Z' && performance.now() >= 0", Want: "200 true"},
	{Name: "sandbox", Body: "return JSON.stringify([typeof std, typeof os, typeof require, typeof process, typeof __kitwasm_host])", Want: `200 ["undefined","undefined","undefined","undefined","undefined"]`},
	// The request time limit interrupts the loop (natively: on wasip1 a timer cannot run
	// during a busy loop, see translated.NewBackend).
	{Name: "interrupt", Body: "for (;;) {}", Timeout: 300 * time.Millisecond, Want: "503 "},
}

// Run answers c's request in a fresh pool of e.
func Run(ctx context.Context, e Engine, c Check) (string, error) {
	w, err := e.CompileWorker(ctx, c.Name+".js", c.Source())
	if err != nil {
		return "", err
	}
	timeout := c.Timeout
	if timeout == 0 {
		timeout = 10 * time.Second
	}
	p, err := wasmhost.NewPool(ctx, e.Engine, wasmhost.PoolConfig{Worker: w, MaxIsolates: 1, MinIdle: 1, RequestTimeout: timeout, NoSnapshots: true})
	if err != nil {
		return "", err
	}
	defer p.Close()
	return get(ctx, p)
}

func get(ctx context.Context, p *wasmhost.Pool) (string, error) {
	rec := &wasmhost.Recorder{}
	err := p.Serve(ctx, &wasmhost.Request{Method: "GET", URL: "http://localhost/"}, rec)
	if rec.Status == 0 {
		return "", fmt.Errorf("no response: %v", err)
	}
	return fmt.Sprintf("%d %s", rec.Status, rec.Body.String()), nil
}

// Verify runs every check in every engine: each answer must start with the check's Want and
// equal the first engine's answer (except for 5xx pages, which may name the engine's error).
func Verify(ctx context.Context, engines []Engine, log io.Writer) (passed int, err error) {
	var failed []string
	for _, c := range Checks {
		var first string
		ok := true
		for i, e := range engines {
			got, err := Run(ctx, e, c)
			if err != nil {
				failed = append(failed, fmt.Sprintf("%s on %s: %v", c.Name, e.Name, err))
				ok = false
				continue
			}
			short := got
			if len(short) > 100 {
				short = short[:100] + "..."
			}
			fmt.Fprintf(log, "check %-15s %-8s %q\n", c.Name, e.Name, short)
			if !strings.HasPrefix(got, c.Want) {
				failed = append(failed, fmt.Sprintf("%s on %s: got %q, want %q...", c.Name, e.Name, got, c.Want))
				ok = false
			}
			if i == 0 {
				first = got
			} else if got != first && !strings.HasPrefix(got, "5") {
				failed = append(failed, fmt.Sprintf("%s: %s answered %q, %s %q", c.Name, e.Name, got, engines[0].Name, first))
				ok = false
			}
		}
		if ok {
			passed++
		}
	}
	if failed != nil {
		return passed, errors.New(strings.Join(failed, "\n"))
	}
	return passed, nil
}

// The snapshot check's worker: its top level sets a counter that requests increment.
const snapshotTop = "let counter = 41;\n" // + cpuJS

var snapshotCheck = Check{Name: "snapshot", Top: snapshotTop + cpuJS, Body: "return ++counter + ':' + bench()"}

// VerifySnapshots takes a snapshot on each engine (Pool.WriteSnapshot, the snapshot file
// format), restores it on every engine (its own and the others: PoolConfig.Snapshot), and
// checks that the restored isolate answers as the snapshotted one does.
func VerifySnapshots(ctx context.Context, engines []Engine, log io.Writer) error {
	for _, from := range engines {
		w, err := from.CompileWorker(ctx, "snapshot.js", snapshotCheck.Source())
		if err != nil {
			return fmt.Errorf("%s: %w", from.Name, err)
		}
		p, err := wasmhost.NewPool(ctx, from.Engine, wasmhost.PoolConfig{Worker: w, MaxIsolates: 1, MinIdle: 1})
		if err != nil {
			return fmt.Errorf("%s: %w", from.Name, err)
		}
		var snap bytes.Buffer
		err = p.WriteSnapshot(&snap)
		want, gerr := get(ctx, p) // served by the isolate the snapshot was taken of
		p.Close()
		if err = errors.Join(err, gerr); err != nil {
			return fmt.Errorf("%s: %w", from.Name, err)
		}
		for _, to := range engines {
			w := wasmhost.WorkerFromBytecode("snapshot.js", w.Bytecode())
			r, err := wasmhost.NewPool(ctx, to.Engine, wasmhost.PoolConfig{Worker: w, MaxIsolates: 1, MinIdle: 1, Snapshot: snap.Bytes()})
			if err != nil {
				return fmt.Errorf("restore %s snapshot on %s: %w", from.Name, to.Name, err)
			}
			got, err := get(ctx, r)
			r.Close()
			fmt.Fprintf(log, "snapshot %-8s -> %-8s %q %v\n", from.Name, to.Name, got, err)
			if err != nil || got != want || !strings.HasPrefix(got, "200 42:") {
				return fmt.Errorf("snapshot of %s restored on %s answered %q (%v), want %q", from.Name, to.Name, got, err, want)
			}
		}
	}
	return nil
}

// Stats are timings of one measurement: wall time, and CPU time of the thread that ran it.
type Stats struct{ Min, Median, CPUMin, CPUMedian time.Duration }

type sample struct{ wall, cpu time.Duration }

func stats(s []sample) Stats {
	w := make([]time.Duration, len(s))
	c := make([]time.Duration, len(s))
	for i, x := range s {
		w[i], c[i] = x.wall, x.cpu
	}
	slices.Sort(w)
	slices.Sort(c)
	return Stats{Min: w[0], Median: w[len(w)/2], CPUMin: c[0], CPUMedian: c[len(c)/2]}
}

func ms(d time.Duration) string { return fmt.Sprintf("%.3f", float64(d)/1e6) }

// timed runs f on this (locked) thread and measures it.
func timed(f func() error) (sample, error) {
	c, w := threadCPU(), time.Now()
	err := f()
	return sample{wall: time.Since(w), cpu: threadCPU() - c}, err
}

// Measure times, for each engine: making an isolate (the Web layer and the CPU script's
// worker evaluated; n of them), restoring n isolates from a snapshot taken on the first engine,
// and the CPU script (runs warm requests to bench()), interleaving the engines so that load
// from other processes falls on all of them alike. Isolates are made and restored on this
// (locked) thread; a request runs its event loop on another goroutine, so its thread CPU
// time is not measured (0). snapBytes is the snapshot's size.
func Measure(ctx context.Context, engines []Engine, n, runs int) (create, restore, cpu []Stats, snapBytes int, err error) {
	runtime.LockOSThread()
	defer runtime.UnlockOSThread()
	src := Check{Top: cpuJS, Body: "return bench()"}.Source()
	workers := make([]*wasmhost.Worker, len(engines))
	for k, e := range engines {
		if workers[k], err = e.CompileWorker(ctx, "cpu.js", src); err != nil {
			return nil, nil, nil, 0, fmt.Errorf("%s: %w", e.Name, err)
		}
	}
	iso, err := engines[0].NewIsolate(ctx, workers[0], nil)
	if err != nil {
		return nil, nil, nil, 0, err
	}
	snap, err := iso.Snapshot()
	iso.Close()
	if err != nil {
		return nil, nil, nil, 0, err
	}
	cd := make([][]sample, len(engines))
	rs := make([][]sample, len(engines))
	for i := 0; i < n; i++ {
		for k, e := range engines {
			var iso *wasmhost.Isolate
			s, err := timed(func() (err error) {
				iso, err = e.NewIsolate(ctx, workers[k], nil)
				return err
			})
			if err != nil {
				return nil, nil, nil, 0, fmt.Errorf("%s: %w", e.Name, err)
			}
			iso.Close()
			cd[k] = append(cd[k], s)
			s, err = timed(func() (err error) {
				iso, err = e.Restore(ctx, snap)
				return err
			})
			if err != nil {
				return nil, nil, nil, 0, fmt.Errorf("%s: %w", e.Name, err)
			}
			iso.Close()
			rs[k] = append(rs[k], s)
		}
	}
	pools := make([]*wasmhost.Pool, len(engines))
	for k, e := range engines {
		p, err := wasmhost.NewPool(ctx, e.Engine, wasmhost.PoolConfig{Worker: workers[k], MaxIsolates: 1, MinIdle: 1})
		if err != nil {
			return nil, nil, nil, 0, err
		}
		defer p.Close()
		for range 3 {
			if _, err := get(ctx, p); err != nil {
				return nil, nil, nil, 0, fmt.Errorf("%s: %w", e.Name, err)
			}
		}
		pools[k] = p
	}
	rd := make([][]sample, len(engines))
	for i := 0; i < runs; i++ {
		for k := range engines {
			s, err := timed(func() error {
				got, err := get(ctx, pools[k])
				if err == nil && !strings.HasPrefix(got, "200 ") {
					err = errors.New(got)
				}
				return err
			})
			if err != nil {
				return nil, nil, nil, 0, err
			}
			rd[k] = append(rd[k], s)
		}
	}
	for k := range engines {
		create = append(create, stats(cd[k]))
		restore = append(restore, stats(rs[k]))
		cpu = append(cpu, stats(rd[k]))
	}
	return create, restore, cpu, snap.Size(), nil
}

// Main is the entry point of the comparison program that the package's test builds in the
// translation's cache directory: it verifies the checks and snapshots on both engines, then
// measures them. It returns the process exit code.
func Main(args []string, newBackend func() wasmhost.Backend, out io.Writer) int {
	fs := flag.NewFlagSet("compare", flag.ContinueOnError)
	n := fs.Int("isolates", 20, "isolates created and restored per engine")
	runs := fs.Int("runs", 20, "timed requests to the CPU script per engine")
	if err := fs.Parse(args); err != nil {
		return 2
	}
	ctx := context.Background()
	engines, err := NewEngines(ctx, newBackend, func(int, string) {})
	if err != nil {
		fmt.Fprintln(out, err)
		return 1
	}
	for _, e := range engines {
		defer e.Close(ctx)
	}
	passed, err := Verify(ctx, engines, out)
	fmt.Fprintf(out, "checks passed on both engines: %d of %d\n", passed, len(Checks))
	if err != nil {
		fmt.Fprintln(out, "FAIL:", err)
		return 1
	}
	if err := VerifySnapshots(ctx, engines, out); err != nil {
		fmt.Fprintln(out, "FAIL:", err)
		return 1
	}
	create, restore, cpu, snapBytes, err := Measure(ctx, engines, *n, *runs)
	if err != nil {
		fmt.Fprintln(out, "FAIL:", err)
		return 1
	}
	fmt.Fprintf(out, "ms, min / median (wall; thread CPU)\n")
	row := func(name string, s []Stats) {
		for k, e := range engines {
			fmt.Fprintf(out, "%-22s %-8s wall %s / %s; CPU %s / %s\n", name, e.Name, ms(s[k].Min), ms(s[k].Median), ms(s[k].CPUMin), ms(s[k].CPUMedian))
		}
	}
	row("new isolate (+worker)", create)
	row("isolate from snapshot", restore)
	row("request: bench()", cpu)
	fmt.Fprintf(out, "snapshot: %.1f MB of linear memory\n", float64(snapBytes)/1e6)
	ratio := func(s []Stats) string { return fmt.Sprintf("%.2f", float64(s[0].Median)/float64(s[1].Median)) }
	fmt.Fprintf(out, "RESULT wazero/wasm2go, median wall (>1: wasm2go faster): new isolate %s; from snapshot %s; bench request %s\n",
		ratio(create), ratio(restore), ratio(cpu))
	return 0
}

// CPUScript is the CPU-bound script (testdata/cpu.js): it defines bench().
func CPUScript() string { return cpuJS }
