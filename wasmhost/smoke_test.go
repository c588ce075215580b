package wasmhost

import (
	"context"
	"strings"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// consoleRecorder collects console output of isolates.
type consoleRecorder struct {
	mu    sync.Mutex
	lines []string
}

func (c *consoleRecorder) log(level int, msg string) {
	c.mu.Lock()
	c.lines = append(c.lines, msg)
	c.mu.Unlock()
}

// mark and since: the lines logged after a point, joined by newlines.
func (c *consoleRecorder) mark() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return len(c.lines)
}

func (c *consoleRecorder) since(n int) string {
	c.mu.Lock()
	defer c.mu.Unlock()
	return strings.Join(c.lines[n:], "\n")
}

// evalLogged compiles and runs src as a script in iso and returns what it logged.
func evalLogged(t *testing.T, iso *Isolate, rec *consoleRecorder, src string) (string, error) {
	t.Helper()
	ctx := context.Background()
	n := rec.mark()
	bc, err := iso.compile(ctx, "t.js", src, false)
	if err != nil {
		return "", err
	}
	err = iso.evalBytecode(ctx, bc, false)
	return rec.since(n), err
}

// TestBareIsolateEvaluatesLayer: an isolate without a worker has the Web layer evaluated
// (its globals exist, the engine's libc globals and the host function do not), keeps state
// between evaluations, and reports thrown errors and syntax errors as errors.
func TestBareIsolateEvaluatesLayer(t *testing.T) {
	ctx := context.Background()
	rec := &consoleRecorder{}
	eng, err := NewEngine(ctx, EngineConfig{CacheDir: t.TempDir(), Console: rec.log})
	require.NoError(t, err)
	defer eng.Close(ctx)
	iso, err := eng.NewIsolate(ctx, nil, nil)
	require.NoError(t, err)
	defer iso.Close()

	logged, err := evalLogged(t, iso, rec, `console.log(JSON.stringify({
  std: typeof std, os: typeof os, host: typeof __kitwasm_host, entry: typeof __kw_entry,
  setTimeout: typeof setTimeout, fetch: typeof fetch, Response: typeof Response, URL: typeof URL,
  url: new URL('../b?x=1', 'https://example.com/a/c').href,
  text: new TextDecoder().decode(new TextEncoder().encode('héllo')),
}))`)
	require.NoError(t, err)
	assert.JSONEq(t, `{"std":"undefined","os":"undefined","host":"undefined","entry":"function",
		"setTimeout":"function","fetch":"function","Response":"function","URL":"function",
		"url":"https://example.com/b?x=1","text":"héllo"}`, logged)

	// Globals persist from one evaluation to the next.
	_, err = evalLogged(t, iso, rec, `globalThis.__kwtest = 41`)
	require.NoError(t, err)
	logged, err = evalLogged(t, iso, rec, `console.log(String(__kwtest + 1))`)
	require.NoError(t, err)
	assert.Equal(t, "42", logged)

	// A throw comes back as a JSError with its message; the isolate keeps working.
	_, err = evalLogged(t, iso, rec, `throw new RangeError('smoke ' + (1 + 1))`)
	var jerr *JSError
	require.ErrorAs(t, err, &jerr)
	assert.Contains(t, jerr.Error(), "RangeError: smoke 2")
	logged, err = evalLogged(t, iso, rec, `console.log('still ' + typeof __kwtest)`)
	require.NoError(t, err)
	assert.Equal(t, "still number", logged)
	assert.NoError(t, iso.Broken())

	// A syntax error fails the compile; the isolate keeps working (in the same isolate as
	// the throw: see TestCompileAfterThrowKeepsIsolateIntact).
	_, err = evalLogged(t, iso, rec, `let = ;`)
	require.ErrorAs(t, err, &jerr, "a syntax error fails the compile")
	assert.Contains(t, jerr.Error(), "SyntaxError")
	logged, err = evalLogged(t, iso, rec, `console.log('after ' + (6 * 7))`)
	require.NoError(t, err)
	assert.Equal(t, "after 42", logged)
	assert.NoError(t, iso.Broken())
}

// TestCompileAfterThrowKeepsIsolateIntact: in a bare isolate, `new TextDecoder()`, an
// evaluation that throws, a syntax error and an ordinary script leave the isolate usable.
// It used to trap with "out of bounds memory access" (8 of 8 isolates): QJS_Eval freed the
// function object of a throwing script twice, which corrupted malloc's free lists; the
// TextDecoder only shaped the heap so that the next compiles hit the damage. The engine
// module is now patched (jsengine/wasmpatch, evalfree.go); TestExceptionPathsFreeEachValueOnce
// checks the root cause.
func TestCompileAfterThrowKeepsIsolateIntact(t *testing.T) {
	ctx := context.Background()
	rec := &consoleRecorder{}
	eng, err := NewEngine(ctx, EngineConfig{CacheDir: t.TempDir(), Console: rec.log})
	require.NoError(t, err)
	defer eng.Close(ctx)
	for i := 0; i < 8; i++ {
		iso, err := eng.NewIsolate(ctx, nil, nil)
		require.NoError(t, err)
		for _, src := range []string{`new TextDecoder()`, `throw new RangeError('smoke')`, `let = ;`, `1`} {
			_, err := evalLogged(t, iso, rec, src)
			assert.NotErrorIs(t, err, ErrIsolateBroken, "isolate %d, %q", i, src)
		}
		logged, err := evalLogged(t, iso, rec, `console.log('after ' + (6 * 7))`)
		assert.NoError(t, err, "isolate %d", i)
		assert.Equal(t, "after 42", logged, "isolate %d", i)
		assert.NoError(t, iso.Broken(), "isolate %d", i)
		iso.Close()
	}
}
