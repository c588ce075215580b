package wasmhost_test

import (
	"encoding/json"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/kitwasm/kitwasm/wasmhost"
)

// TestSandboxGrantsNothing tries, from JavaScript inside the sandbox, every way to the host
// that the engine's libc layer would offer: its std/os modules (through a computed dynamic
// import, which no bundler can see), files, directories, environment variables, processes.
// Each attempt must fail; the worker reports what happened and the test checks each.
func TestSandboxGrantsNothing(t *testing.T) {
	secret := filepath.Join(t.TempDir(), "secret.txt")
	require.NoError(t, os.WriteFile(secret, []byte("host secret"), 0o600))
	t.Setenv("KITWASM_TEST_SECRET", "env secret")
	cwd, _ := os.Getwd()

	p := pool(t, `
const attempt = async (f) => { try { const v = await f(); return v === undefined ? 'undefined' : v; } catch (e) { return 'threw ' + e.name; } };
export default {
  async fetch(request, env) {
    const q = new URL(request.url).searchParams;
    const secret = q.get('secret'), cwd = q.get('cwd');
    const out = {};
    out.globals = ['std', 'os', 'bjson', 'gc', 'print', 'scriptArgs', 'process', 'require', 'Deno', 'Bun'].filter((k) => k in globalThis);
    const spec = (m) => ['qjs', m].join(':');
    const std = await attempt(() => import(spec('std')));
    const os = await attempt(() => import(spec('os')));
    if (typeof std === 'object') {
      out.readSecret = await attempt(() => std.loadFile(secret));
      out.readPasswd = await attempt(() => std.loadFile('/etc/passwd'));
      out.readCwdFile = await attempt(() => std.loadFile(cwd + '/security_test.go'));
      out.openWrite = await attempt(() => std.open('/tmp/kitwasm-escape.txt', 'w'));
      out.getenvHome = await attempt(() => std.getenv('HOME'));
      out.getenvSecret = await attempt(() => std.getenv('KITWASM_TEST_SECRET'));
      out.environ = await attempt(() => JSON.stringify(std.getenviron()));
      out.urlGet = await attempt(() => std.urlGet('http://127.0.0.1:1/'));
    }
    if (typeof os === 'object') {
      out.readdirRoot = await attempt(() => JSON.stringify(os.readdir('/')));
      out.readdirCwd = await attempt(() => JSON.stringify(os.readdir(cwd)));
      out.statSecret = await attempt(() => JSON.stringify(os.stat(secret)));
      out.mkdir = await attempt(() => os.mkdir('/tmp/kitwasm-escape-dir'));
      out.remove = await attempt(() => os.remove(secret));
      out.exec = await attempt(() => os.exec(['/bin/sh', '-c', 'touch /tmp/kitwasm-escape-exec']));
      out.getcwd = await attempt(() => JSON.stringify(os.getcwd()));
    }
    out.fileModule = await attempt(() => import(['file://', secret].join('')));
    out.pathModule = await attempt(() => import(secret));
    out.nodeFs = await attempt(() => import(['node', 'fs'].join(':')));
    out.env = Object.keys(env);
    out.fetchElsewhere = await attempt(() => fetch('http://127.0.0.1:9/').then((r) => r.status));
    return Response.json(out);
  },
};`, wasmhost.PoolConfig{Env: map[string]string{"ALLOWED": "yes"}})

	rec := get(t, p, "/?secret="+secret+"&cwd="+cwd)
	require.Equal(t, 200, rec.Status, rec.Body.String())
	var out map[string]any
	require.NoError(t, json.Unmarshal(rec.Body.Bytes(), &out))
	t.Logf("%s", rec.Body.String())

	assert.Empty(t, out["globals"], "the engine's libc globals are removed")
	assert.Equal(t, []any{"ALLOWED"}, out["env"], "env holds only the configured bindings")
	assert.Equal(t, "threw TypeError", out["fetchElsewhere"], "fetch has no route to unlisted hosts")
	for _, k := range []string{"fileModule", "pathModule", "nodeFs"} {
		assert.Contains(t, out[k], "threw", "%s: module loading from the host must fail", k)
	}
	// Whatever std and os offer, they must see no file system, environment or processes.
	for _, k := range []string{"readSecret", "readPasswd", "readCwdFile", "openWrite", "getenvHome", "getenvSecret"} {
		if v, ok := out[k]; ok {
			assert.Contains(t, []any{nil, "undefined", "threw TypeError", "threw Error", "threw InternalError", "threw ReferenceError"}, v, "%s must fail or find nothing", k)
		}
	}
	if v, ok := out["environ"]; ok {
		assert.Equal(t, "{}", v, "no environment variables reach the sandbox")
	}
	for _, k := range []string{"readdirRoot", "readdirCwd", "statSecret"} {
		if v, ok := out[k].(string); ok {
			assert.NotContains(t, v, "secret.txt", k)
			assert.NotContains(t, v, "security_test.go", k)
			var res []any
			if json.Unmarshal([]byte(v), &res) == nil && len(res) == 2 {
				assert.NotEqual(t, float64(0), res[1], "%s must report an error", k)
			}
		}
	}
	_, err := os.Stat(secret)
	assert.NoError(t, err, "the host file still exists")
	for _, f := range []string{"/tmp/kitwasm-escape.txt", "/tmp/kitwasm-escape-dir", "/tmp/kitwasm-escape-exec"} {
		_, err := os.Stat(f)
		assert.True(t, os.IsNotExist(err), "%s must not have been created", f)
	}
}
