package compare

import (
	"context"
	_ "embed"
	"errors"
	"flag"
	"fmt"
	"io"
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

// Engine makes isolates of one kind.
type Engine struct {
	Name string
	// New returns a fresh isolate (a new guest instance) and a function that releases it.
	New func() (*translated.Isolate, func(), error)
}

// WazeroEngine makes isolates on w.
func WazeroEngine(ctx context.Context, w *Wazero) Engine {
	return Engine{Name: "wazero", New: func() (*translated.Isolate, func(), error) {
		g, err := w.NewGuest(ctx)
		if err != nil {
			return nil, nil, err
		}
		iso, err := newIsolate(g, func(c func(int32, int64, int32, int32) int64) { g.Call = c })
		if err != nil {
			g.Close()
			return nil, nil, err
		}
		return iso, g.Close, nil
	}}
}

// TranslatedEngine makes isolates with newGuest, which wraps the generated New:
//
//	func(h *translated.Host) translated.Guest { return translated.FromModule(qjsgo.New(h, h)) }
func TranslatedEngine(newGuest func(*translated.Host) translated.Guest, log io.Writer) Engine {
	return Engine{Name: "wasm2go", New: func() (*translated.Isolate, func(), error) {
		h := &translated.Host{Log: log}
		iso, err := newIsolate(newGuest(h), func(c func(int32, int64, int32, int32) int64) { h.Call = c })
		return iso, func() {}, err
	}}
}

func newIsolate(g translated.Guest, setCall func(func(int32, int64, int32, int32) int64)) (*translated.Isolate, error) {
	iso, err := translated.NewIsolate(g, quickJSLimit)
	if err != nil {
		return nil, err
	}
	iso.HostFunc = func(s string) (string, error) {
		if s == "fail" {
			return "", errors.New("refused")
		}
		return strings.ToUpper(s), nil
	}
	setCall(iso.HostCall)
	return iso, nil
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

// Stats are timings of one measurement.
type Stats struct{ Min, Median time.Duration }

func stats(d []time.Duration) Stats {
	slices.Sort(d)
	return Stats{Min: d[0], Median: d[len(d)/2]}
}

func ms(d time.Duration) string { return fmt.Sprintf("%.3f ms", float64(d)/1e6) }

// Measure times, for each engine, isolate creation (n fresh isolates) and the CPU script
// (runs evaluations of bench() in one warm isolate), interleaving the engines so that load
// from other processes falls on all of them alike.
func Measure(engines []Engine, n, runs int) (create, cpu []Stats, err error) {
	cd := make([][]time.Duration, len(engines))
	for i := 0; i < n; i++ {
		for k, e := range engines {
			start := time.Now()
			_, release, err := e.New()
			d := time.Since(start)
			if err != nil {
				return nil, nil, fmt.Errorf("%s: %w", e.Name, err)
			}
			release()
			cd[k] = append(cd[k], d)
		}
	}
	isos := make([]*translated.Isolate, len(engines))
	for k, e := range engines {
		iso, release, err := e.New()
		if err != nil {
			return nil, nil, err
		}
		defer release()
		if _, err := iso.Eval("cpu.js", cpuJS); err != nil {
			return nil, nil, fmt.Errorf("%s: %w", e.Name, err)
		}
		for range 3 {
			if _, err := iso.Eval("run", "bench()"); err != nil {
				return nil, nil, fmt.Errorf("%s: %w", e.Name, err)
			}
		}
		isos[k] = iso
	}
	rd := make([][]time.Duration, len(engines))
	for i := 0; i < runs; i++ {
		for k := range engines {
			start := time.Now()
			if _, err := isos[k].Eval("run", "bench()"); err != nil {
				return nil, nil, err
			}
			rd[k] = append(rd[k], time.Since(start))
		}
	}
	for k := range engines {
		create = append(create, stats(cd[k]))
		cpu = append(cpu, stats(rd[k]))
	}
	return create, cpu, nil
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
	create, cpu, err := Measure(engines, *n, *runs)
	if err != nil {
		fmt.Fprintln(out, "FAIL:", err)
		return 1
	}
	fmt.Fprintf(out, "%-9s %-26s %-26s\n", "engine", "isolate (min / median)", "cpu.js bench() (min / median)")
	for k, e := range engines {
		fmt.Fprintf(out, "%-9s %-26s %-26s\n", e.Name, ms(create[k].Min)+" / "+ms(create[k].Median), ms(cpu[k].Min)+" / "+ms(cpu[k].Median))
	}
	ratio := func(a, b time.Duration) float64 { return float64(a) / float64(b) }
	fmt.Fprintf(out, "RESULT isolate_wazero_over_wasm2go=%.2f cpu_wazero_over_wasm2go=%.2f (median; >1: wasm2go faster)\n",
		ratio(create[0].Median, create[1].Median), ratio(cpu[0].Median, cpu[1].Median))
	return 0
}

// CPUScript is the CPU-bound script (testdata/cpu.js): it defines bench().
func CPUScript() string { return cpuJS }
