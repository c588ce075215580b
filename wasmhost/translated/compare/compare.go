package compare

import (
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

	"github.com/kitwasm/kitwasm/jsengine"
	"github.com/kitwasm/kitwasm/wasmhost/translated"
)

//go:embed testdata/cpu.js
var cpuJS string

// MemoryLimitPages is wasmhost's default (128 MiB); QuickJS's own limit is 7/8 of it.
const (
	MemoryLimitPages = 2048
	quickJSLimit     = MemoryLimitPages * 65536 / 8 * 7
)

// Engine makes guests of one kind.
type Engine struct {
	Name string
	// Guest returns a fresh guest instance, a function that wires its env.jsFunctionProxy to
	// an isolate's HostCall, and a function that releases it.
	Guest func() (g translated.Guest, wire func(hostCall), release func(), err error)
}

type hostCall = func(ctxp int32, this int64, argc, argv int32) int64

// New returns a fresh isolate (in a new guest instance) and a function that releases it.
func (e Engine) New() (*translated.Isolate, func(), error) {
	g, wire, release, err := e.Guest()
	if err != nil {
		return nil, nil, err
	}
	iso, err := translated.NewIsolate(g, quickJSLimit)
	if err != nil {
		release()
		return nil, nil, err
	}
	setHostFunc(iso)
	wire(iso.HostCall)
	return iso, release, nil
}

// Restore makes an isolate from s in a new guest instance.
func (e Engine) Restore(s *translated.Snapshot) (*translated.Isolate, func(), error) {
	g, wire, release, err := e.Guest()
	if err != nil {
		return nil, nil, err
	}
	iso, err := translated.Restore(g, s)
	if err != nil {
		release()
		return nil, nil, err
	}
	setHostFunc(iso)
	wire(iso.HostCall)
	return iso, release, nil
}

// WazeroEngine makes guests on w.
func WazeroEngine(ctx context.Context, w *Wazero) Engine {
	return Engine{Name: "wazero", Guest: func() (translated.Guest, func(hostCall), func(), error) {
		g, err := w.NewGuest(ctx)
		if err != nil {
			return nil, nil, nil, err
		}
		return g, func(c hostCall) { g.Call = c }, g.Close, nil
	}}
}

// TranslatedEngine makes guests with newGuest, which wraps the generated New:
//
//	func(h *translated.Host) translated.Guest { return translated.FromModule(qjsgo.New(h, h)) }
func TranslatedEngine(newGuest func(*translated.Host) translated.Guest, log io.Writer) Engine {
	return Engine{Name: "wasm2go", Guest: func() (translated.Guest, func(hostCall), func(), error) {
		h := &translated.Host{Log: log}
		return newGuest(h), func(c hostCall) { h.Call = c }, func() {}, nil
	}}
}

func setHostFunc(iso *translated.Isolate) {
	iso.HostFunc = func(s string) (string, error) {
		if s == "fail" {
			return "", errors.New("refused")
		}
		return strings.ToUpper(s), nil
	}
}

// VerifySnapshots takes a snapshot of an isolate on each engine after it evaluated the CPU
// script and set a counter, restores it on every engine (its own and the others), and checks
// that each restored isolate continues exactly where the original stands.
func VerifySnapshots(engines []Engine, log io.Writer) error {
	const next = "++globalThis.counter + ':' + bench() + ':' + __host('x')"
	for _, from := range engines {
		iso, release, err := from.New()
		if err != nil {
			return err
		}
		if _, err := iso.Eval("cpu.js", cpuJS+"\nglobalThis.counter = 41"); err != nil {
			release()
			return fmt.Errorf("%s: %w", from.Name, err)
		}
		snap, err := iso.Snapshot()
		if err != nil {
			release()
			return err
		}
		want, err := iso.Eval("next", next)
		release()
		if err != nil {
			return fmt.Errorf("%s: %w", from.Name, err)
		}
		for _, to := range engines {
			r, rrelease, err := to.Restore(snap)
			if err != nil {
				return fmt.Errorf("restore %s snapshot on %s: %w", from.Name, to.Name, err)
			}
			got, err := r.Eval("next", next)
			rrelease()
			fmt.Fprintf(log, "snapshot %-8s -> %-8s %q %v\n", from.Name, to.Name, got, err)
			if err != nil || got != want {
				return fmt.Errorf("snapshot of %s restored on %s answered %q (%v), want %q", from.Name, to.Name, got, err, want)
			}
		}
	}
	return nil
}

// Check is one script whose answer must be the same in every engine; Want, when set, is
// the answer (the output, or "error: " and the error).
type Check struct {
	Name, Src, Want string
	// Interrupt, when set, interrupts the isolate after this long (the answer is then
	// the broken isolate's error, compared by prefix).
	Interrupt time.Duration
	// Bytecode compiles Src first and evaluates the bytecode.
	Bytecode bool
}

// Checks is what both engines must answer alike.
var Checks = []Check{
	{Name: "arithmetic", Src: "1 + 2", Want: "3"},
	{Name: "es2023", Src: "class A { #x = 1; static { this.y = 2 } get x() { return this.#x } }; [new A().x, A.y, [3,1,2].toSorted().join(), Object.groupBy([1,2,3], x => x % 2 ? 'odd' : 'even').odd.length].join()", Want: "1,2,1,2,3,2"},
	{Name: "cpu", Src: cpuJS + "\nbench()"},
	{Name: "bytecode", Src: cpuJS + "\nbench()", Bytecode: true},
	{Name: "throw", Src: "throw new TypeError('boom')", Want: "error: TypeError: boom\n    at <eval> (throw:1:10)"},
	{Name: "host function", Src: "__host('abc') + typeof __host", Want: "ABCfunction"},
	{Name: "host error", Src: "try { __host('fail') } catch (e) { e.constructor.name + ': ' + e.message }", Want: "TypeError: host: refused"},
	{Name: "deep recursion", Src: "function f(n) { return n ? f(n - 1) + 1 : 0 }; let r; try { f(1e6) } catch (e) { r = e.constructor.name + ': ' + e.message }; r + ' / ' + f(1000)"},
	{Name: "out of memory", Src: "let a = [], r; try { for (;;) a.push('x'.repeat(1 << 20) + a.length) } catch (e) { r = String(e) } a = null; r"},
	{Name: "clock", Src: "Date.now() > 1.7e12 && new Date(0).toISOString() === '1970-01-01T00:00:00.000Z'", Want: "true"},
	// qjs exposes std and os; with no preopened directory every path fails (EBADF is 8).
	{Name: "no file system", Src: "JSON.stringify([std.open('/etc/passwd', 'r'), std.loadFile('/etc/hostname'), os.readdir('/'), os.stat('.')[1], os.open('x', os.O_CREAT | os.O_WRONLY) < 0, typeof require, typeof process])", Want: `[null,null,[[],44],44,true,"undefined","undefined"]`},
	{Name: "interrupt", Src: "for (;;) {}", Interrupt: 50 * time.Millisecond, Want: "error: isolate broken: interrupted"},
}

// Run evaluates c in a fresh isolate of e.
func Run(e Engine, c Check) (string, error) {
	iso, release, err := e.New()
	if err != nil {
		return "", err
	}
	defer release()
	if c.Interrupt > 0 {
		t := time.AfterFunc(c.Interrupt, iso.Interrupt)
		defer t.Stop()
	}
	var out string
	if c.Bytecode {
		bc, err := iso.Compile(c.Name, c.Src)
		if err != nil {
			return "", err
		}
		out, err = iso.EvalBytecode(bc)
		if err != nil {
			return "error: " + err.Error(), nil
		}
		return out, nil
	}
	out, err = iso.Eval(c.Name, c.Src)
	if err != nil {
		var jerr *translated.JSError
		if errors.As(err, &jerr) || errors.Is(err, translated.ErrBroken) {
			return "error: " + err.Error(), nil
		}
		return "", err
	}
	return out, nil
}

// Matches reports whether got is the check's expected answer.
func (c Check) Matches(got string) bool {
	if c.Want == "" {
		return true
	}
	if c.Interrupt > 0 {
		return strings.HasPrefix(got, c.Want)
	}
	return got == c.Want
}

// Verify runs every check in every engine: each answer must match the check's Want and the
// first engine's answer.
func Verify(engines []Engine, log io.Writer) error {
	var failed []string
	for _, c := range Checks {
		var first string
		for i, e := range engines {
			got, err := Run(e, c)
			if err != nil {
				failed = append(failed, fmt.Sprintf("%s on %s: %v", c.Name, e.Name, err))
				continue
			}
			short := got
			if len(short) > 100 {
				short = short[:100] + "..."
			}
			fmt.Fprintf(log, "check %-15s %-8s %q\n", c.Name, e.Name, short)
			if !c.Matches(got) {
				failed = append(failed, fmt.Sprintf("%s on %s: got %q, want %q", c.Name, e.Name, got, c.Want))
			}
			if i == 0 {
				first = got
			} else if got != first && c.Interrupt == 0 {
				failed = append(failed, fmt.Sprintf("%s: %s answered %q, %s %q", c.Name, e.Name, got, engines[0].Name, first))
			}
		}
	}
	if failed != nil {
		return errors.New(strings.Join(failed, "\n"))
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

// Measure times, for each engine, isolate creation (n fresh isolates), restoring n isolates
// from a snapshot taken on the first engine after evaluating the CPU script, and the CPU
// script (runs evaluations of bench() in one warm isolate), interleaving the engines so that
// load from other processes falls on all of them alike.
// snapBytes is the snapshot's size.
func Measure(engines []Engine, n, runs int) (create, restore, cpu []Stats, snapBytes int, err error) {
	runtime.LockOSThread()
	defer runtime.UnlockOSThread()
	iso, release, err := engines[0].New()
	if err != nil {
		return nil, nil, nil, 0, err
	}
	_, err = iso.Eval("cpu.js", cpuJS)
	snap, serr := iso.Snapshot()
	release()
	if err = errors.Join(err, serr); err != nil {
		return nil, nil, nil, 0, err
	}
	cd := make([][]sample, len(engines))
	rs := make([][]sample, len(engines))
	for i := 0; i < n; i++ {
		for k, e := range engines {
			var release func()
			s, err := timed(func() (err error) {
				_, release, err = e.New()
				return err
			})
			if err != nil {
				return nil, nil, nil, 0, fmt.Errorf("%s: %w", e.Name, err)
			}
			release()
			cd[k] = append(cd[k], s)
			s, err = timed(func() (err error) {
				_, release, err = e.Restore(snap)
				return err
			})
			if err != nil {
				return nil, nil, nil, 0, fmt.Errorf("%s: %w", e.Name, err)
			}
			release()
			rs[k] = append(rs[k], s)
		}
	}
	isos := make([]*translated.Isolate, len(engines))
	for k, e := range engines {
		iso, release, err := e.New()
		if err != nil {
			return nil, nil, nil, 0, err
		}
		defer release()
		if _, err := iso.Eval("cpu.js", cpuJS); err != nil {
			return nil, nil, nil, 0, fmt.Errorf("%s: %w", e.Name, err)
		}
		for range 3 {
			if _, err := iso.Eval("run", "bench()"); err != nil {
				return nil, nil, nil, 0, fmt.Errorf("%s: %w", e.Name, err)
			}
		}
		isos[k] = iso
	}
	rd := make([][]sample, len(engines))
	for i := 0; i < runs; i++ {
		for k := range engines {
			s, err := timed(func() error {
				_, err := isos[k].Eval("run", "bench()")
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
	return create, restore, cpu, len(snap.Memory), nil
}

// Main is the entry point of the comparison program that package compare's test builds in
// the translation's cache directory: it verifies the checks on both engines, then measures
// them. It returns the process exit code.
func Main(args []string, newGuest func(*translated.Host) translated.Guest, out io.Writer) int {
	fs := flag.NewFlagSet("compare", flag.ContinueOnError)
	n := fs.Int("isolates", 30, "isolates created per engine")
	runs := fs.Int("runs", 20, "timed runs of the CPU script per engine")
	if err := fs.Parse(args); err != nil {
		return 2
	}
	ctx := context.Background()
	start := time.Now()
	w, err := NewWazero(ctx, MemoryLimitPages, io.Discard)
	if err != nil {
		fmt.Fprintln(out, "wazero:", err)
		return 1
	}
	defer w.Close(ctx)
	fmt.Fprintf(out, "engine %s, wazero compile %s\n", jsengine.ID(), ms(time.Since(start)))
	engines := []Engine{WazeroEngine(ctx, w), TranslatedEngine(newGuest, io.Discard)}
	if err := Verify(engines, out); err != nil {
		fmt.Fprintln(out, "FAIL:", err)
		return 1
	}
	if err := VerifySnapshots(engines, out); err != nil {
		fmt.Fprintln(out, "FAIL:", err)
		return 1
	}
	create, restore, cpu, snapBytes, err := Measure(engines, *n, *runs)
	if err != nil {
		fmt.Fprintln(out, "FAIL:", err)
		return 1
	}
	fmt.Fprintf(out, "ms, min / median (wall; thread CPU)\n")
	row := func(name string, s []Stats) {
		for k, e := range engines {
			fmt.Fprintf(out, "%-20s %-8s wall %s / %s; CPU %s / %s\n", name, e.Name, ms(s[k].Min), ms(s[k].Median), ms(s[k].CPUMin), ms(s[k].CPUMedian))
		}
	}
	row("new isolate", create)
	row("isolate from snapshot", restore)
	row("cpu.js bench()", cpu)
	fmt.Fprintf(out, "snapshot: %.1f MB of linear memory\n", float64(snapBytes)/1e6)
	ratio := func(s []Stats) string {
		return fmt.Sprintf("%.2f / %.2f", float64(s[0].Median)/float64(s[1].Median), float64(s[0].CPUMedian)/float64(s[1].CPUMedian))
	}
	fmt.Fprintf(out, "RESULT wazero/wasm2go, median wall / thread CPU (>1: wasm2go faster): new isolate %s; from snapshot %s; bench %s\n",
		ratio(create), ratio(restore), ratio(cpu))
	return 0
}

// CPUScript is the CPU-bound script (testdata/cpu.js): it defines bench().
func CPUScript() string { return cpuJS }
