package wasmhost

import (
	"context"
	"strings"
	"sync"
	"testing"

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

func (c *consoleRecorder) text() string {
	c.mu.Lock()
	defer c.mu.Unlock()
	return strings.Join(c.lines, "\n")
}

func TestBareIsolateEvaluatesLayer(t *testing.T) {
	ctx := context.Background()
	rec := &consoleRecorder{}
	eng, err := NewEngine(ctx, EngineConfig{CacheDir: t.TempDir(), Console: rec.log})
	require.NoError(t, err)
	defer eng.Close(ctx)
	iso, err := eng.NewIsolate(ctx, nil, nil)
	require.NoError(t, err)
	defer iso.Close()
	bc, err := iso.compile(ctx, "t.js", `__kwtest = typeof std + ' ' + typeof setTimeout; globalThis.__kw_entry !== undefined`, false)
	require.NoError(t, err)
	require.NoError(t, iso.evalBytecode(ctx, bc, false))
	t.Log(rec.text())
}
