package wasmhost

import (
	"crypto/sha256"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/kitwasm/kitwasm/internal/syncbuf"
	"github.com/kitwasm/kitwasm/jsengine"
	"github.com/kitwasm/kitwasm/jsengine/wasmpatch"
)

// TestGuardedModuleCache: the stack-guarded engine module is saved in the cache directory and
// read back by the next engine; a file that is not one, or whose bytes do not match the
// SHA-256 saved with them, is refused with a line on the log, removed and made again, and
// the engine runs the module patching makes either way.
func TestGuardedModuleCache(t *testing.T) {
	if executableBuildID() == "" {
		t.Skip("the test binary has no Go build ID: the cache is off")
	}
	dir := t.TempDir()
	path := guardedPath(dir)
	patched, err := wasmpatch.StackGuard(jsengine.Module())
	require.NoError(t, err)
	want := ModuleID(patched)

	start := func() (id, log string) {
		t.Helper()
		var buf syncbuf.Buffer
		eng, err := NewEngine(t.Context(), EngineConfig{CacheDir: dir, Log: &buf})
		require.NoError(t, err)
		id = eng.moduleSum()
		require.NoError(t, eng.Close(t.Context()))
		return id, buf.String()
	}

	id, log := start() // patches, and saves
	assert.Equal(t, want, id)
	assert.Empty(t, log)
	saved, err := os.ReadFile(path)
	require.NoError(t, err)
	sum := sha256.Sum256(patched)
	assert.Equal(t, guardedMagic+string(sum[:])+string(patched), string(saved))

	// A valid file is used as it is: one holding the unguarded module shows that it is read.
	plain := jsengine.Module()
	plainSum := sha256.Sum256(plain)
	require.NoError(t, os.WriteFile(path, append(append([]byte(guardedMagic), plainSum[:]...), plain...), 0o644))
	id, log = start()
	assert.Equal(t, ModuleID(plain), id, "the cache file is read")
	assert.Empty(t, log)

	// Damaged: half the module, with the whole one's SHA-256.
	require.NoError(t, os.WriteFile(path, saved[:len(saved)/2], 0o644))
	id, log = start()
	assert.Equal(t, want, id)
	assert.Contains(t, log, "kitwasm: patching the engine module again: the cached "+path+" is refused: its bytes do not match the SHA-256 it was saved with")
	again, err := os.ReadFile(path)
	require.NoError(t, err)
	assert.Equal(t, saved, again, "made again")

	// Not a cache file at all.
	require.NoError(t, os.WriteFile(path, []byte("\x00asm\x01\x00\x00\x00"), 0o644))
	id, log = start()
	assert.Equal(t, want, id)
	assert.Contains(t, log, "is refused: not a guarded engine module file")
	id, log = start()
	assert.Equal(t, want, id)
	assert.Empty(t, log, "the file made again is used")

	// Bytes that match their SHA-256 but that wazero refuses.
	junk := []byte("\x00asm\x01\x00\x00\x00\x7f")
	junkSum := sha256.Sum256(junk)
	require.NoError(t, os.WriteFile(path, append(append([]byte(guardedMagic), junkSum[:]...), junk...), 0o644))
	id, log = start()
	assert.Equal(t, want, id)
	assert.Contains(t, log, "is refused: ")
	assert.NotContains(t, log, "SHA-256")
}

// TestPruneGuarded: writing a guarded module file removes other executables' files last
// written before the cutoff, and every file of the format before the SHA-256, and nothing else.
func TestPruneGuarded(t *testing.T) {
	dir := t.TempDir()
	old := time.Now().Add(-2 * guardedMaxAge)
	files := map[string]bool{ // name: kept
		"engine-aaaa.guarded": false, // another executable's, old
		"engine-bbbb.guarded": true,  // another executable's, recent
		"engine-cccc.guarded": true,  // this one's, however old
		"engine-dddd.wasm":    false, // the format before
		"layer-eeee.qjsbc":    true,
		"other.guarded":       true,
	}
	for name := range files {
		p := filepath.Join(dir, name)
		require.NoError(t, os.WriteFile(p, []byte("x"), 0o644))
		if name != "engine-bbbb.guarded" {
			require.NoError(t, os.Chtimes(p, old, old))
		}
	}
	pruneGuarded(dir, filepath.Join(dir, "engine-cccc.guarded"), time.Now().Add(-guardedMaxAge))
	for name, kept := range files {
		_, err := os.Stat(filepath.Join(dir, name))
		assert.Equal(t, kept, err == nil, name)
	}
}
