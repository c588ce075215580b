package cli

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// The limits kitwasm serve --target fastly main.wasm gives the emulation
// come from adapter/targets.json, per plan.
func TestComputeLimitsFromTargets(t *testing.T) {
	o, plan, err := computeLimits("")
	require.NoError(t, err)
	assert.Equal(t, "paid", plan)
	assert.Equal(t, 2*time.Minute, o.WallTime)
	assert.Equal(t, uint64(128<<20), o.MemoryLimit)
	assert.Equal(t, 32, o.MaxBackendRequests)
	o, _, err = computeLimits("trial")
	require.NoError(t, err)
	assert.Equal(t, time.Minute, o.WallTime)
	assert.Equal(t, 10, o.MaxBackendRequests)
	_, _, err = computeLimits("gold")
	assert.ErrorContains(t, err, `fastly has no plan "gold"`)
}

func TestServeWasmNeedsFastlyTarget(t *testing.T) {
	p := filepath.Join(t.TempDir(), "main.wasm")
	require.NoError(t, os.WriteFile(p, []byte("\x00asm\x01\x00\x00\x00"), 0o644))
	var stdout, stderr bytes.Buffer
	err := serve([]string{p}, &stdout, &stderr)
	assert.ErrorContains(t, err, "only --target fastly runs one")
	err = serve([]string{"--target", "fastly", "--allow-fetch", "*", p}, &stdout, &stderr)
	assert.ErrorContains(t, err, "a Compute program names its backends")
}
