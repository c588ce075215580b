package wasmpatch

import (
	"fmt"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// battery is a set of ordinary computations. After any overflow, a reused
// isolate must give exactly the answers of a fresh one.
var battery = []string{
	`1 + 2 * 3`,
	`(function(){ let s = 0; for (let i = 0; i < 1000; i++) s += i * i; return s })()`,
	`JSON.stringify({a: [1, 2, {b: "c"}], d: null, e: 1.5})`,
	`JSON.stringify(JSON.parse('{"x":[1,2,3],"y":{"z":"w"}}'))`,
	`[5, 3, 9, 1, 7].sort((a, b) => a - b).join(",")`,
	`"Hello, World".toUpperCase().split("").reverse().join("")`,
	`/(\d+)-(\d+)/.exec("abc 123-456 def").slice(1).join("|")`,
	`(function(){ const m = new Map([[1, "a"], [2, "b"]]); const s = new Set([1, 2, 2, 3]); return m.get(2) + s.size })()`,
	`(function(){ function* g(){ yield 1; yield 2; yield 3 } return [...g()].map(x => x * 10).join() })()`,
	`(function(){ class A { #p = 41; get p(){ return this.#p + 1 } } return new A().p })()`,
	`(function(){ try { null.x } catch (e) { return e.constructor.name } })()`,
	`(2n ** 70n).toString()`,
	`new Date(0).toISOString()`,
	`Array.from(new Uint8Array([1, 2, 300])).join()`,
	`(function(){ const o = {a: 1, ...{b: 2}}; return Object.entries(o).flat().join() })()`,
	`(function(){ let c = 0; const inc = () => ++c; for (let i = 0; i < 50; i++) inc(); return c })()`,
	`Math.max(...[1, 5, 3]) + Math.round(2.5) + parseInt("ff", 16)`,
	`(function fib(n){ return n < 2 ? n : fib(n - 1) + fib(n - 2) })(18)`,
	`"x".repeat(10000).length`,
	`typeof globalThis.__kitwasm_leak`,
}

// recursion kinds of the sweep. Each source is a function of the depth N that
// returns the result or the caught error's "name: message".
var recursionKinds = []struct {
	name      string
	src       string // %d is the depth
	want      func(n int) string
	minLevels int // levels that must work (the goal is >= 1,000 nested JS calls)
}{
	{"plain", `function f(n){return n?f(n-1)+1:0}; return f(%d)`, strconv.Itoa, 3000},
	{"map", `function m(n){return n?[n].map(x=>m(x-1))[0]+1:0}; return m(%d)`, strconv.Itoa, 1000},
	{"constructor", `class C{constructor(n){this.v=n?new C(n-1).v+1:0}}; return new C(%d).v`, strconv.Itoa, 3000},
	{"getter", `const o={n:%d, get r(){ if(this.n<=0) return 0; this.n--; return this.r+1 }}; return o.r`, strconv.Itoa, 3000},
	// Two JS calls (j and toJSON) and two C re-entries per level.
	{"toJSON", `function j(n){return n?JSON.parse(JSON.stringify({toJSON(){return j(n-1)+1}})):0}; return j(%d)`, strconv.Itoa, 500},
	{"json-nested-array", `let a=[]; for(let i=0;i<%d;i++) a=[a]; return JSON.stringify(a).length`,
		func(n int) string { return strconv.Itoa(2*n + 2) }, 3000},
	{"json-parse-nested", `const n=%d; return JSON.parse('['.repeat(n)+']'.repeat(n)).length`,
		func(n int) string { return "1" }, 10000},
	// Catches the overflow at the deepest frame and carries on from there;
	// the result is whatever depth it reached, so only "no trap, no
	// corruption" is checked.
	{"try-catch-continue", `let max=0; function g(n){ if(n>=%d) return n; try { return g(n+1) } catch(e) { max=Math.max(max,n); return 'caught:'+e.name } } const r=g(0); return typeof r==='number' ? r : r+'@'+(max>0)`, nil, 0},
}

const rangeError = "RangeError: Maximum call stack size exceeded"

func wrapKind(src string, n int) string {
	return `(function(){ try { ` + fmt.Sprintf(src, n) + ` } catch (e) { return e.name + ": " + e.message } })()`
}

func runBattery(t *testing.T, iso *isolate) []string {
	t.Helper()
	out := make([]string, len(battery))
	for i, src := range battery {
		r, err := iso.eval(src)
		require.NoError(t, err, "battery %q trapped", src)
		out[i] = r.String()
	}
	return out
}

// TestOriginalModuleIsCorrupted documents the bug being fixed: the unpatched
// module has no working stack check, and a recursion of a few hundred frames
// overwrites the data below its 64 KiB stack, so a later ordinary evaluation
// traps or answers wrongly.
func TestOriginalModuleIsCorrupted(t *testing.T) {
	defer func(d time.Duration) { callTimeout = d }(callTimeout)
	callTimeout = 5 * time.Second // corrupted isolates may loop forever
	fresh := runBattery(t, newIsolate(t, isolateConfig{}))
	broken := false
	for _, n := range []int{100, 250, 500, 1000} {
		if broken {
			break
		}
		iso := newIsolate(t, isolateConfig{})
		r, err := iso.eval(wrapKind(recursionKinds[0].src, n))
		if err == nil {
			assert.NotEqual(t, rangeError, r.value, "the original module never throws RangeError")
			var got []string
			for _, src := range battery {
				r, err := iso.eval(src)
				if err != nil {
					got = append(got, "trap")
					break
				}
				got = append(got, r.String())
			}
			if strings.Join(got, "\n") == strings.Join(fresh, "\n") {
				t.Logf("original, depth %d: %s; battery unaffected", n, r)
				continue
			}
		}
		t.Logf("original, depth %d: result %q, trap %v, later evaluations broken", n, r, err)
		broken = true
	}
	assert.True(t, broken, "expected the unpatched module to break at some depth <= 1000")
}

// TestRecursionSweepOneIsolate runs every recursion kind at depths from 10 to
// 100,000 in ONE patched isolate, each followed by the battery, whose answers
// must equal a fresh isolate's (patched and unpatched alike). Every overflow
// must surface as a catchable RangeError; no call may trap.
func TestRecursionSweepOneIsolate(t *testing.T) {
	fresh := runBattery(t, newIsolate(t, isolateConfig{}))
	freshPatched := runBattery(t, newIsolate(t, isolateConfig{patched: true, stackSize: StackSize}))
	require.Equal(t, fresh, freshPatched, "patched and original engines must agree")

	iso := newIsolate(t, isolateConfig{patched: true, stackSize: StackSize})
	depths := []int{10, 100, 500, 1000, 3000, 10000, 100000}
	for _, k := range recursionKinds {
		maxOK, firstErr := 0, 0
		for _, n := range depths {
			if k.name == "json-nested-array" && n > 3000 {
				continue // quadratic in QuickJS (cycle check), not a stack matter
			}
			r, err := iso.eval(wrapKind(k.src, n))
			require.NoError(t, err, "%s depth %d trapped", k.name, n)
			require.False(t, r.thrown)
			switch {
			case r.value == rangeError:
				if firstErr == 0 {
					firstErr = n
				}
			case k.want != nil:
				require.Equal(t, k.want(n), r.value, "%s depth %d", k.name, n)
				maxOK = n
			default:
				maxOK = n
			}
			if k.want != nil && n <= k.minLevels {
				assert.Equal(t, k.want(n), r.value, "%s: at least %d levels must work", k.name, k.minLevels)
			}
			if k.want == nil {
				t.Logf("%-20s depth %6d: %s", k.name, n, r.value)
			}
			assert.Equal(t, uint64(iso.layout.Top), uint64(iso.stackPointer()), "stack fully unwound")
			require.Equal(t, fresh, runBattery(t, iso), "%s depth %d: battery differs from a fresh isolate", k.name, n)
		}
		t.Logf("%-20s deepest tested depth that worked: %6d; first RangeError at: %d", k.name, maxOK, firstErr)
	}

	// The same overflow left uncaught reaches the host as a thrown RangeError.
	r, err := iso.eval(`function u(n){return u(n+1)+1}; u(0)`)
	require.NoError(t, err)
	assert.True(t, r.thrown)
	assert.Equal(t, rangeError, r.value)
	require.Equal(t, fresh, runBattery(t, iso))
}

// TestMaxDepth measures the deepest recursion per kind (count frames until the
// RangeError) and checks the goal of at least 1,000 nested calls.
func TestMaxDepth(t *testing.T) {
	iso := newIsolate(t, isolateConfig{patched: true, stackSize: StackSize})
	for _, c := range []struct {
		name string
		src  string
		min  int
	}{
		{"plain f()", `let d=0; function g(){d++; g()} try{g()}catch(e){return [d,e.name]}`, 3000},
		{"3 args + locals", `let d=0; function g(a,b,c){d++; let x=a+1,y=b+2,z=c+3; g(x,y,z)} try{g(1,2,3)}catch(e){return [d,e.name]}`, 2500},
		{"[x].map", `let d=0; function g(){d++; [1].map(g)} try{g()}catch(e){return [d,e.name]}`, 1000},
		{"constructor", `let d=0; class C{constructor(){d++; new C()}} try{new C()}catch(e){return [d,e.name]}`, 3000},
		{"getter", `let d=0; const o={get x(){d++; return this.x}}; try{o.x}catch(e){return [d,e.name]}`, 2500},
		{"Proxy get trap", `let d=0; const p=new Proxy({}, {get(t,k){d++; return p[k]}}); try{p.x}catch(e){return [d,e.name]}`, 2000},
		{"toJSON (2 calls/level)", `let d=0; function g(){d++; JSON.stringify({toJSON(){g()}})} try{g()}catch(e){return [d,e.name]}`, 500},
		{"toString (2 calls/level)", `let d=0; function g(){d++; return String({toString(){return g()}})} try{g()}catch(e){return [d,e.name]}`, 500},
	} {
		r, err := iso.eval(`(function(){` + c.src + `})().join()`)
		require.NoError(t, err, c.name)
		parts := strings.Split(r.value, ",")
		require.Len(t, parts, 2, r.value)
		d, _ := strconv.Atoi(parts[0])
		assert.Equal(t, "RangeError", parts[1], c.name)
		assert.GreaterOrEqual(t, d, c.min, c.name)
		t.Logf("%-26s max depth %5d (%s)", c.name, d, parts[1])
	}
}

// TestPatchedWithoutRelocation: a host that skips the stack move still gets
// the guard on the module's own 64 KiB stack (RangeError at a lower depth).
func TestPatchedWithoutRelocation(t *testing.T) {
	fresh := runBattery(t, newIsolate(t, isolateConfig{}))
	iso := newIsolate(t, isolateConfig{patched: true})
	for _, n := range []int{10, 100, 1000, 100000} {
		r, err := iso.eval(wrapKind(recursionKinds[0].src, n))
		require.NoError(t, err)
		if n <= 100 {
			assert.Equal(t, strconv.Itoa(n), r.value)
		} else {
			assert.Equal(t, rangeError, r.value)
		}
		require.Equal(t, fresh, runBattery(t, iso))
	}
}

// TestTrapDiscardsIsolate: should a trap happen anyway (here forced by a
// trap limit above QuickJS's limit), the call fails with a Wasm error that
// the host turns into a 500, and a new isolate answers normally.
func TestTrapDiscardsIsolate(t *testing.T) {
	iso := newIsolate(t, isolateConfig{patched: true, stackSize: StackSize})
	// Disarm the RangeError: QuickJS's limit below the trap limit.
	mg := iso.mod.ExportedGlobal(ExportJSStackLimit)
	require.NotNil(t, mg)
	iso.mod.ExportedGlobal(ExportJSStackLimit).(interface{ Set(uint64) }).Set(0)
	_, err := iso.call("QJS_UpdateStackTop", uint64(iso.qjs))
	require.NoError(t, err)
	_, err = iso.eval(wrapKind(recursionKinds[0].src, 100000))
	require.Error(t, err)
	assert.Contains(t, err.Error(), "unreachable")

	fresh := newIsolate(t, isolateConfig{patched: true, stackSize: StackSize})
	r, err := fresh.eval(wrapKind(recursionKinds[0].src, 1000))
	require.NoError(t, err)
	assert.Equal(t, "1000", r.value)
}
