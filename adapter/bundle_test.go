package adapter

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// An npm package's export conditions are resolved as the runtime needs: a Wasm isolate is a
// worker, never a browser or Node.
func TestBundleResolvesWorkerConditions(t *testing.T) {
	dir := t.TempDir()
	files := map[string]string{
		"node_modules/dual/package.json":  `{"name":"dual","exports":{".":{"browser":"./browser.js","node":"./node.js","worker":"./worker.js","default":"./default.js"}}}`,
		"node_modules/dual/browser.js":    `export const where = 'browser';`,
		"node_modules/dual/node.js":       `export const where = 'node';`,
		"node_modules/dual/worker.js":     `export const where = 'worker';`,
		"node_modules/dual/default.js":    `export const where = 'default';`,
		"node_modules/plain/package.json": `{"name":"plain","main":"./cjs.js","module":"./esm.js"}`,
		"node_modules/plain/esm.js":       `export default 'esm';`,
		"node_modules/plain/cjs.js":       `module.exports = 'cjs';`,
		"lib/local.js":                    `export const local = 'local';`,
		"worker.js": `import { where } from 'dual'; import plain from 'plain'; import { local } from './lib/local.js';
export default { fetch() { return new Response([where, plain, local].join()); } };`,
	}
	for name, src := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		require.NoError(t, os.MkdirAll(filepath.Dir(p), 0o755))
		require.NoError(t, os.WriteFile(p, []byte(src), 0o644))
	}
	b, err := BundleWorker(filepath.Join(dir, "worker.js"), BundleOptions{})
	require.NoError(t, err)
	assert.Contains(t, b.Code, `"worker"`)
	assert.NotContains(t, b.Code, `"browser"`)
	assert.NotContains(t, b.Code, `"node"`)
	assert.Contains(t, b.Code, `"esm"`, "the module field wins over main")
	assert.Len(t, b.Inputs, 4)
	assert.NotEmpty(t, b.SourceMap)
}

func TestBundleErrorsCarryPositions(t *testing.T) {
	p := filepath.Join(t.TempDir(), "broken.js")
	require.NoError(t, os.WriteFile(p, []byte("export default {\n  fetch() { return new Response('x') \n}}}\n"), 0o644))
	_, err := BundleWorker(p, BundleOptions{})
	var be *BuildError
	require.ErrorAs(t, err, &be)
	assert.Equal(t, "broken.js", be.Errors[0].File)
	assert.Equal(t, 3, be.Errors[0].Line)
	assert.Regexp(t, `^broken\.js:3:\d+: `, be.Error())
}
