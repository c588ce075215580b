package wasmpatch

import (
	"bytes"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/tetratelabs/wazero/api"
)

const interrupted = "InternalError: interrupted"

func TestPatchInterruptShape(t *testing.T) {
	res, err := Patch(qjsWasm, Options{RequireQuickJSHook: true})
	require.NoError(t, err)
	require.True(t, res.Interrupt)
	assert.Equal(t, uint32(393), res.PollInterruptsFunc)
	assert.Equal(t, uint32(RuntimeInterruptHandlerOffset), res.InterruptHandlerOffset)
	assert.Equal(t, uint32(RuntimeInterruptOpaqueOffset), res.InterruptOpaqueOffset)
	assert.Equal(t, int32(10000), res.InterruptCounterInit)
	assert.Equal(t, uint32(542), res.InterruptHandlerSlot) // the table had 542 slots
	t.Logf("%+v", Result{Interrupt: res.Interrupt, InterruptGlobal: res.InterruptGlobal,
		InterruptHandlerGlobal: res.InterruptHandlerGlobal, InterruptHandlerFunc: res.InterruptHandlerFunc,
		InterruptHandlerSlot: res.InterruptHandlerSlot, PollInterruptsFunc: res.PollInterruptsFunc})

	// The exports, the table and the element segment, as wazero sees them.
	iso := newIsolate(t, isolateConfig{patched: true, stackSize: StackSize, interrupt: true})
	g, ok := iso.mod.ExportedGlobal(ExportInterrupt).(api.MutableGlobal)
	require.True(t, ok, "kitwasm_interrupt is a mutable global")
	assert.Equal(t, uint64(0), g.Get())
	h := iso.mod.ExportedGlobal(ExportInterruptHandler)
	require.NotNil(t, h)
	_, mutable := h.(api.MutableGlobal)
	assert.False(t, mutable)
	assert.Equal(t, uint64(res.InterruptHandlerSlot), h.Get())
	jsrt := iso.readU32(iso.qjs)
	assert.Equal(t, res.InterruptHandlerSlot, iso.readU32(jsrt+RuntimeInterruptHandlerOffset))
	assert.Equal(t, uint32(0), iso.readU32(jsrt+RuntimeInterruptOpaqueOffset))

	// The module without its name section or other hints: patching a module
	// whose __js_poll_interrupts differs is refused.
	mutate := func(f func(bodies [][]byte, m *module)) []byte {
		m, err := parseModule(qjsWasm)
		require.NoError(t, err)
		bodies, err := m.decodeCode()
		require.NoError(t, err)
		cp := make([][]byte, len(bodies))
		copy(cp, bodies)
		f(cp, m)
		m.setSection(secCode, encodeCode(cp))
		return m.encode()
	}
	nImp := uint32(24)
	// interrupt_handler read at 160 instead of 152 (same LEB length).
	other := mutate(func(bodies [][]byte, m *module) {
		b := append([]byte(nil), bodies[393-nImp]...)
		i := bytes.Index(b, []byte{0x28, 0x02, 0x98, 0x01}) // i32.load align=2 offset=152
		require.Greater(t, i, 0)
		b[i+2] = 0xa0
		j := bytes.Index(b, []byte{0x28, 0x02, 0x9c, 0x01}) // opaque at 156 -> 164
		require.Greater(t, j, 0)
		b[j+2] = 0xa4
		bodies[393-nImp] = b
	})
	_, err = StackGuard(other)
	require.Error(t, err)
	assert.Contains(t, err.Error(), "offset 160")
	// The handler's result no longer tested.
	other = mutate(func(bodies [][]byte, m *module) {
		b := append([]byte(nil), bodies[393-nImp]...)
		i := bytes.Index(b, []byte{0x11, 0x03, 0x00, 0x45}) // call_indirect 3 0; i32.eqz
		require.Greater(t, i, 0)
		b[i+3] = 0x01 // nop
		bodies[393-nImp] = b
	})
	_, err = StackGuard(other)
	require.Error(t, err)
	assert.Contains(t, err.Error(), "__js_poll_interrupts")
	// Without RequireQuickJSHook the stack guard is applied alone.
	r2, err := Patch(other, Options{})
	require.NoError(t, err)
	assert.False(t, r2.Interrupt)
	assert.True(t, r2.QuickJSHook)

	// A module without QuickJS gets no handler (and no table).
	r3, err := Patch(tinyModule(), Options{OriginalStackSize: tinyStack})
	require.NoError(t, err)
	assert.False(t, r3.Interrupt)
}

// runAsync evaluates src in a goroutine.
func runAsync(iso *isolate, src string) <-chan evalOutcome {
	done := make(chan evalOutcome, 1)
	go func() {
		r, err := iso.eval(src)
		done <- evalOutcome{r, err, time.Now()}
	}()
	return done
}

type evalOutcome struct {
	r   evalResult
	err error
	at  time.Time
}

// hangGuard bounds the waits below: it turns a missing interrupt (runaway code runs
// forever) into a failure. It is not a measure of speed; durations are only logged.
const hangGuard = time.Minute

// interruptAfter runs src, sets kitwasm_interrupt after delay from this
// goroutine, and returns the outcome and the time from the set to the return
// (for the log). src must not return by itself: returning before the flag is
// set fails the test.
func interruptAfter(t *testing.T, iso *isolate, src string, delay time.Duration) (evalResult, time.Duration) {
	t.Helper()
	flag := iso.mod.ExportedGlobal(ExportInterrupt).(api.MutableGlobal)
	done := runAsync(iso, src)
	select {
	case o := <-done:
		t.Fatalf("%q returned before the interrupt: %v %v", src, o.r, o.err)
	case <-time.After(delay):
	}
	set := time.Now()
	flag.Set(1)
	select {
	case o := <-done:
		require.NoError(t, o.err, "%q trapped", src)
		return o.r, o.at.Sub(set)
	case <-time.After(hangGuard):
		t.Fatalf("%q not interrupted: still running %v after the flag was set", src, hangGuard)
	}
	return evalResult{}, 0
}

// evalGuarded evaluates src like iso.eval, failing the test instead of hanging
// if it never returns.
func evalGuarded(t *testing.T, iso *isolate, src string) evalResult {
	t.Helper()
	select {
	case o := <-runAsync(iso, src):
		require.NoError(t, o.err, "%q trapped", src)
		return o.r
	case <-time.After(hangGuard):
		t.Fatalf("%q still running after %v", src, hangGuard)
	}
	return evalResult{}
}

var runaway = []struct {
	name, src string
	jobs      bool // leaves a runaway promise job behind
}{
	{"for", `for(;;){}`, false},
	{"try-catch", `try { for(;;){} } catch (e) { 'caught: ' + e }`, false},
	{"try-catch-in-loop", `for(;;) { try { for(;;){} } catch (e) {} }`, false},
	{"try-finally", `for(;;) { try { for(;;){} } finally { continue } }`, false},
	{"regexp", `/(a+)+$/.test('a'.repeat(40)+'b')`, false},
	{"recursion-catch", `function f(){ try { f() } catch (e) { f() } } f()`, false},
	{"sort", `const a = Array.from({length: 1000}, (_, i) => i); for(;;) a.sort((x, y) => y - x)`, false},
	{"json", `const o = {toJSON(){ return [1,2,3].map(x => x) }}; for(;;) JSON.stringify([o, o, o])`, false},
	{"async", `(async function(){ for(;;) await null })(); for(;;){}`, true},
	{"string", `let s = ''; for(;;) { s += 'x'; if (s.length > 1e5) s = '' }`, false},
	// Finite, so running to completion would be observable in the result; at
	// 1e10 iterations it cannot complete before the flag is set.
	{"finite", `let k = 0; for (let i = 0; i < 1e10; i++) k++; 'ran to completion: ' + k`, false},
}

// TestInterrupt stops runaway code with the flag alone: the isolates are
// compiled WITHOUT wazero's termination checks.
func TestInterrupt(t *testing.T) {
	fresh := newIsolate(t, isolateConfig{patched: true, stackSize: StackSize})
	want := runBattery(t, fresh)
	var worst time.Duration
	for _, c := range runaway {
		t.Run(c.name, func(t *testing.T) {
			iso := newIsolate(t, isolateConfig{patched: true, stackSize: StackSize, interrupt: true, noCloseOnDone: true})
			r, d := interruptAfter(t, iso, c.src, 100*time.Millisecond)
			assert.True(t, r.thrown, "%v", r)
			assert.Equal(t, interrupted, r.value, "uncatchable, and the code did not complete")
			t.Logf("stopped %v after the flag was set", d)
			if d > worst {
				worst = d
			}

			// While the flag stays set, every long computation is interrupted;
			// short code that reaches no poll still completes.
			r = evalGuarded(t, iso, `let n = 0; for (let i = 0; i < 1e6; i++) n++; n`)
			assert.Equal(t, interrupted, r.value)

			iso.mod.ExportedGlobal(ExportInterrupt).(api.MutableGlobal).Set(0)
			if c.jobs {
				// Not reusable: the interrupt ended the script, not the job
				// queue. With the flag back at 0, the next evaluation runs the
				// pending job loop forever.
				r, d := interruptAfter(t, iso, `'after'`, 200*time.Millisecond)
				t.Logf("next evaluation ran the left-over job until interrupted again: %v after %v", r, d)
				return
			}
			// Reuse after resetting the flag: the isolate answers like a fresh one.
			assert.Equal(t, want, runBattery(t, iso))
			r = evalGuarded(t, iso, `let m = 0; for (let i = 0; i < 1e6; i++) m++; m`)
			assert.Equal(t, "1000000", r.String())
			// And it can be interrupted again.
			r, _ = interruptAfter(t, iso, `for(;;){}`, 20*time.Millisecond)
			assert.Equal(t, interrupted, r.value)
		})
	}
	t.Logf("worst time from flag to return: %v", worst)
}

// TestInterruptFlagZero: with the handler installed and the flag at 0,
// ordinary code (and long loops) run as on an isolate without handler.
func TestInterruptFlagZero(t *testing.T) {
	plain := newIsolate(t, isolateConfig{patched: true, stackSize: StackSize})
	iso := newIsolate(t, isolateConfig{patched: true, stackSize: StackSize, interrupt: true, noCloseOnDone: true})
	assert.Equal(t, runBattery(t, plain), runBattery(t, iso))
	for _, src := range []string{
		`let n = 0; for (let i = 0; i < 3e6; i++) n += i & 1; n`,
		`/(a+)+$/.test('a'.repeat(18)+'b')`,
		`try { for(let i = 0; i < 1e5; i++) if (i === 99999) throw new Error('x') } catch (e) { e.message }`,
	} {
		a, err := plain.eval(src)
		require.NoError(t, err)
		b, err := iso.eval(src)
		require.NoError(t, err)
		assert.Equal(t, a, b, src)
		assert.False(t, strings.Contains(b.value, "interrupted"))
	}
}

// TestInterruptSetBeforeEval: a flag left at 1 stops the next long script at
// its first poll.
func TestInterruptSetBeforeEval(t *testing.T) {
	iso := newIsolate(t, isolateConfig{patched: true, stackSize: StackSize, interrupt: true, noCloseOnDone: true})
	iso.mod.ExportedGlobal(ExportInterrupt).(api.MutableGlobal).Set(1)
	t0 := time.Now()
	r := evalGuarded(t, iso, `for(;;){}`)
	t.Logf("stopped after %v", time.Since(t0))
	assert.Equal(t, interrupted, r.value)
	r = evalGuarded(t, iso, `1 + 1`)
	assert.Equal(t, "2", r.String(), "no poll reached")
}

// TestInterruptSkipsTheRest: the interrupt is uncatchable, so neither catch
// nor finally nor anything after the loop runs, while the loop itself did run
// (it counted) before it was stopped.
func TestInterruptSkipsTheRest(t *testing.T) {
	iso := newIsolate(t, isolateConfig{patched: true, stackSize: StackSize, interrupt: true, noCloseOnDone: true})
	r := evalGuarded(t, iso, `globalThis.reached = []; globalThis.spins = 0; 'ready'`)
	require.Equal(t, "ready", r.value)
	r, d := interruptAfter(t, iso, `try { for (;;) spins++; } catch (e) { reached.push('catch: ' + e); } finally { reached.push('finally'); }
reached.push('after'); 'completed'`, 50*time.Millisecond)
	assert.True(t, r.thrown)
	assert.Equal(t, interrupted, r.value)
	iso.mod.ExportedGlobal(ExportInterrupt).(api.MutableGlobal).Set(0)
	r = evalGuarded(t, iso, `JSON.stringify(reached)`)
	assert.Equal(t, "[]", r.value, "code after the interrupted loop ran")
	r = evalGuarded(t, iso, `spins > 0 ? 'ran' : 'never ran'`)
	assert.Equal(t, "ran", r.value, "the loop was running when it was stopped")
	spins := evalGuarded(t, iso, `String(spins)`)
	t.Logf("stopped %v after the flag, after %s iterations", d, spins.value)
}

// TestInterruptWithoutHandler: the patch alone changes nothing; QuickJS only
// calls the handler once the host has stored it in the JSRuntime.
func TestInterruptWithoutHandler(t *testing.T) {
	iso := newIsolate(t, isolateConfig{patched: true, stackSize: StackSize})
	iso.mod.ExportedGlobal(ExportInterrupt).(api.MutableGlobal).Set(1)
	r, err := iso.eval(`let n = 0; for (let i = 0; i < 1e6; i++) n++; n`)
	require.NoError(t, err)
	assert.Equal(t, "1000000", r.String())
}

// TestInterruptDuringGC: the Go runtime must be able to stop the world while a
// runaway loop runs (the handler's host call is the preemption point), else
// the goroutine that sets the flag never runs again.
func TestInterruptDuringGC(t *testing.T) {
	iso := newIsolate(t, isolateConfig{patched: true, stackSize: StackSize, interrupt: true, noCloseOnDone: true})
	stop := make(chan struct{})
	gcs := make(chan int, 1)
	go func() {
		n := 0
		for {
			select {
			case <-stop:
				gcs <- n
				return
			default:
				runtime.GC()
				n++
			}
		}
	}()
	r, d := interruptAfter(t, iso, `for(;;){}`, 300*time.Millisecond)
	close(stop)
	assert.Equal(t, interrupted, r.value)
	t.Logf("%d garbage collections completed during the runaway loop; stopped %v after the flag", <-gcs, d)
}

// BenchmarkInterrupt compares, in the same run on fib(20), the patched module
// with the interrupt handler installed, the same without handler, and the
// same compiled with wazero's WithCloseOnContextDone(true).
//
//	go test -run '^$' -bench Interrupt -benchtime 30x ./jsengine/wasmpatch
func BenchmarkInterrupt(b *testing.B) {
	const src = `(function fib(n){ return n < 2 ? n : fib(n - 1) + fib(n - 2) })(20)`
	isos := []*isolate{
		newIsolate(b, isolateConfig{patched: true, stackSize: StackSize, noCloseOnDone: true}),
		newIsolate(b, isolateConfig{patched: true, stackSize: StackSize, noCloseOnDone: true, interrupt: true}),
		newIsolate(b, isolateConfig{patched: true, stackSize: StackSize}),
	}
	run := func(iso *isolate) time.Duration {
		t0 := time.Now()
		r, err := iso.eval(src)
		d := time.Since(t0)
		if err != nil || r.thrown || r.value != "6765" {
			b.Fatalf("%v %v", r, err)
		}
		return d
	}
	for _, iso := range isos {
		run(iso)
	}
	tot := make([]time.Duration, len(isos))
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		for k := range isos {
			j := (k + i) % len(isos) // rotate the order
			tot[j] += run(isos[j])
		}
	}
	b.StopTimer()
	b.ReportMetric(float64(tot[0].Microseconds())/float64(b.N), "none-µs/op")
	b.ReportMetric(float64(tot[1].Microseconds())/float64(b.N), "handler-µs/op")
	b.ReportMetric(float64(tot[2].Microseconds())/float64(b.N), "closeondone-µs/op")
	b.ReportMetric(float64(tot[1])/float64(tot[0]), "handler/none")
	b.ReportMetric(float64(tot[2])/float64(tot[0]), "closeondone/none")
}
