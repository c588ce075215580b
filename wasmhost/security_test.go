package wasmhost_test

import (
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"net/url"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/kitwasm/kitwasm/wasmhost"
)

// sandboxWorker runs every probe and reports each outcome under its name, whatever happened:
// {value, type} when the call returned, {threw, message} when it threw, {unavailable} when
// it could not be made at all (its module did not load, or the function does not exist).
// The modules are imported with computed specifiers, which no bundler can see.
const sandboxWorker = `
const show = (v) => { try { return JSON.parse(JSON.stringify(v) ?? 'null'); } catch { return String(v); } };
const run = async (f) => {
  try {
    const v = await f();
    return { type: v === null ? 'null' : typeof v, value: show(v) };
  } catch (e) {
    return { threw: String(e && e.name), message: String(e && e.message) };
  }
};
export default {
  async fetch(request, env) {
    const q = new URL(request.url).searchParams;
    const secret = q.get('secret'), cwd = q.get('cwd'), scratch = q.get('scratch'), envName = q.get('envName');
    const out = { probes: {} };
    out.globals = ['std', 'os', 'bjson', 'gc', 'print', 'scriptArgs', 'process', 'require', 'Deno', 'Bun'].filter((k) => k in globalThis);
    const spec = (m) => ['qjs', m].join(':');
    const mods = {};
    for (const m of ['std', 'os']) {
      try { mods[m] = await import(spec(m)); out['import_' + m] = 'object'; }
      catch (e) { out['import_' + m] = 'threw ' + e.name + ': ' + e.message; }
    }
    // probe calls mod[fn](...args()) when it can, and says why when it cannot.
    const probe = async (name, m, fn, args) => {
      const mod = mods[m];
      if (typeof mod !== 'object' || mod === null) { out.probes[name] = { unavailable: 'qjs:' + m + ' did not load' }; return; }
      if (typeof mod[fn] !== 'function') { out.probes[name] = { unavailable: m + '.' + fn + ' is ' + typeof mod[fn] }; return; }
      out.probes[name] = await run(() => mod[fn](...args()));
    };
    await probe('std.loadFile(secret)', 'std', 'loadFile', () => [secret]);
    await probe('std.loadFile(/etc/passwd)', 'std', 'loadFile', () => ['/etc/passwd']);
    await probe('std.loadFile(cwd file)', 'std', 'loadFile', () => [cwd + '/security_test.go']);
    await probe('std.loadScript(secret)', 'std', 'loadScript', () => [secret]);
    await probe('std.open(secret, r)', 'std', 'open', () => [secret, 'r']);
    await probe('std.open(scratch, w)', 'std', 'open', () => [scratch + '/opened.txt', 'w']);
    await probe('std.popen', 'std', 'popen', () => ['touch ' + scratch + '/popen.txt', 'r']);
    await probe('std.tmpfile', 'std', 'tmpfile', () => []);
    await probe('std.getenv(HOME)', 'std', 'getenv', () => ['HOME']);
    await probe('std.getenv(secret)', 'std', 'getenv', () => [envName]);
    await probe('std.getenviron', 'std', 'getenviron', () => []);
    await probe('std.urlGet', 'std', 'urlGet', () => ['http://127.0.0.1:1/']);
    await probe('os.open(secret)', 'os', 'open', () => [secret, 0]);
    await probe('os.readdir(/)', 'os', 'readdir', () => ['/']);
    await probe('os.readdir(cwd)', 'os', 'readdir', () => [cwd]);
    await probe('os.readdir(secret dir)', 'os', 'readdir', () => [secret.slice(0, secret.lastIndexOf('/'))]);
    await probe('os.stat(secret)', 'os', 'stat', () => [secret]);
    await probe('os.lstat(secret)', 'os', 'lstat', () => [secret]);
    await probe('os.realpath(secret)', 'os', 'realpath', () => [secret]);
    await probe('os.readlink(/proc/self/exe)', 'os', 'readlink', () => ['/proc/self/exe']);
    await probe('os.mkdir', 'os', 'mkdir', () => [scratch + '/made']);
    await probe('os.remove(secret)', 'os', 'remove', () => [secret]);
    await probe('os.rename(secret)', 'os', 'rename', () => [secret, scratch + '/moved.txt']);
    await probe('os.symlink', 'os', 'symlink', () => [secret, scratch + '/link']);
    await probe('os.utimes(secret)', 'os', 'utimes', () => [secret, 0, 0]);
    await probe('os.exec', 'os', 'exec', () => [['/bin/sh', '-c', 'touch ' + scratch + '/exec.txt']]);
    await probe('os.kill(1, 0)', 'os', 'kill', () => [1, 0]);
    await probe('os.chdir(cwd)', 'os', 'chdir', () => [cwd]);
    await probe('os.getcwd', 'os', 'getcwd', () => []);
    out.modules = {
      file: await run(() => import(['file://', secret].join(''))),
      path: await run(() => import(secret)),
      nodeFs: await run(() => import(['node', 'fs'].join(':'))),
    };
    out.leak = globalThis.__kitwasm_leak ?? null; // set if the secret file was ever evaluated
    out.env = Object.keys(env);
    out.fetchElsewhere = await run(() => fetch('http://127.0.0.1:9/').then((r) => r.status));
    return Response.json(out);
  },
};`

// probeOutcome is one probe's report from sandboxWorker.
type probeOutcome struct {
	Type        string          `json:"type"`
	Value       json.RawMessage `json:"value"`
	Threw       string          `json:"threw"`
	Message     string          `json:"message"`
	Unavailable string          `json:"unavailable"`
}

func (o probeOutcome) String() string {
	switch {
	case o.Unavailable != "":
		return "unavailable: " + o.Unavailable
	case o.Threw != "":
		return "threw " + o.Threw + ": " + o.Message
	}
	v := string(o.Value)
	if len(v) > 200 {
		v = v[:200] + "…"
	}
	return o.Type + " " + v
}

// denied says whether o is a failure as the engine's libc layer reports one: a throw, a
// missing function, null or undefined, a negative errno, or a [result, errno] pair with an
// errno and no result.
func (o probeOutcome) denied() bool {
	if o.Threw != "" || o.Unavailable != "" {
		return true
	}
	switch o.Type {
	case "null", "undefined":
		return true
	case "number":
		var n float64
		return json.Unmarshal(o.Value, &n) == nil && n < 0
	case "object":
		var pair []json.RawMessage
		if json.Unmarshal(o.Value, &pair) != nil || len(pair) != 2 {
			return false
		}
		var errno float64
		if json.Unmarshal(pair[1], &errno) != nil || errno == 0 {
			return false
		}
		switch strings.TrimSpace(string(pair[0])) {
		case "null", `""`, "[]":
			return true
		}
	}
	return false
}

func randomMarker(t *testing.T) string {
	b := make([]byte, 12)
	_, err := rand.Read(b)
	require.NoError(t, err)
	return "kitwasm-marker-" + hex.EncodeToString(b)
}

// TestSandboxGrantsNothing tries, from JavaScript inside the sandbox, every way to the host
// that the engine's libc layer would offer: its std/os modules, files, directories,
// environment variables, processes, module loading from the host. Every probe reports an
// outcome and every outcome is asserted: a probe that could not run at all must say why.
func TestSandboxGrantsNothing(t *testing.T) {
	fileMarker, envMarker := randomMarker(t), randomMarker(t)
	secretDir, scratch := t.TempDir(), t.TempDir() // scratch: where an escape would write
	secret := filepath.Join(secretDir, "secret.js")
	// The secret is also a script: evaluating it (loadScript, import) would set a global.
	content := `globalThis.__kitwasm_leak = "` + fileMarker + `";` + "\n"
	require.NoError(t, os.WriteFile(secret, []byte(content), 0o600))
	envName := "KITWASM_TEST_SECRET_" + strings.ToUpper(envMarker[len(envMarker)-8:])
	t.Setenv(envName, envMarker)
	cwd, err := os.Getwd()
	require.NoError(t, err)

	p := pool(t, sandboxWorker, wasmhost.PoolConfig{Env: map[string]string{"ALLOWED": "yes"}})
	q := url.Values{"secret": {secret}, "cwd": {cwd}, "scratch": {scratch}, "envName": {envName}}
	rec := get(t, p, "/?"+q.Encode())
	require.Equal(t, 200, rec.Status, rec.Body.String())
	body := rec.Body.String()
	t.Logf("%s", body)

	// Nothing of the host's reached the sandbox, in any probe's report.
	for what, s := range map[string]string{
		"the secret file's marker": fileMarker, "the host environment variable's value": envMarker,
		"the host environment variable's name": envName, "a file of the working directory": "package wasmhost_test",
		"/etc/passwd": "root:x:0:0", "the working directory's entries": "limits_test.go",
	} {
		assert.False(t, strings.Contains(body, s), "%s is visible inside the sandbox (%q)", what, s)
	}

	var out struct {
		Globals  []string                `json:"globals"`
		ImportS  string                  `json:"import_std"`
		ImportO  string                  `json:"import_os"`
		Probes   map[string]probeOutcome `json:"probes"`
		Modules  map[string]probeOutcome `json:"modules"`
		Leak     any                     `json:"leak"`
		Env      []string                `json:"env"`
		FetchElz probeOutcome            `json:"fetchElsewhere"`
	}
	require.NoError(t, json.Unmarshal(rec.Body.Bytes(), &out))

	assert.Empty(t, out.Globals, "the engine's libc globals are removed")
	assert.Equal(t, []string{"ALLOWED"}, out.Env, "env holds only the configured bindings")
	assert.Nil(t, out.Leak, "the secret file was evaluated inside the sandbox")
	assert.Equal(t, "TypeError", out.FetchElz.Threw, "fetch has no route to unlisted hosts: %v", out.FetchElz)
	for _, k := range []string{"file", "path", "nodeFs"} {
		o, ok := out.Modules[k]
		require.True(t, ok, "module probe %s did not report", k)
		assert.NotEmpty(t, o.Threw, "%s: module loading from the host must fail: %v", k, o)
	}

	// The engine offers its std and os modules to a computed dynamic import (the bundler
	// refuses static ones), so the probes below call the real functions. Should an engine
	// drop them, assert the rejection here instead: every probe then reports it.
	assert.Equal(t, "object", out.ImportS, "import of qjs:std")
	assert.Equal(t, "object", out.ImportO, "import of qjs:os")

	probes := []string{
		"std.loadFile(secret)", "std.loadFile(/etc/passwd)", "std.loadFile(cwd file)", "std.loadScript(secret)",
		"std.open(secret, r)", "std.open(scratch, w)", "std.popen", "std.tmpfile", "std.getenv(HOME)",
		"std.getenv(secret)", "std.getenviron", "std.urlGet", "os.open(secret)", "os.readdir(/)",
		"os.readdir(cwd)", "os.readdir(secret dir)", "os.stat(secret)", "os.lstat(secret)",
		"os.realpath(secret)", "os.readlink(/proc/self/exe)", "os.mkdir", "os.remove(secret)",
		"os.rename(secret)", "os.symlink", "os.utimes(secret)", "os.exec", "os.kill(1, 0)", "os.chdir(cwd)",
		"os.getcwd",
	}
	reported := make([]string, 0, len(out.Probes))
	for name := range out.Probes {
		reported = append(reported, name)
	}
	sort.Strings(reported)
	want := append([]string(nil), probes...)
	sort.Strings(want)
	require.Equal(t, want, reported, "every probe reports an outcome")

	ran := 0
	for _, name := range probes {
		o := out.Probes[name]
		if o.Unavailable == "" {
			ran++
		} else {
			// Not callable: the reason names the module or the function, and the module's own
			// import outcome is asserted above.
			assert.Regexp(t, `^(qjs:(std|os) did not load|(std|os)\.\w+ is \w+)$`, o.Unavailable, name)
		}
		switch name {
		case "std.getenviron":
			// An empty object: no variable at all reaches the sandbox.
			if o.Type == "string" || o.Type == "object" {
				assert.JSONEq(t, "{}", string(o.Value), "%s: %v", name, o)
				continue
			}
		case "os.getcwd":
			// The sandbox's own root, not the host's working directory.
			if !o.denied() {
				var pair []any
				require.NoError(t, json.Unmarshal(o.Value, &pair), "%s: %v", name, o)
				assert.Equal(t, []any{"/", float64(0)}, pair, "%s: %v", name, o)
				continue
			}
		}
		assert.True(t, o.denied(), "%s must fail or find nothing, got %v", name, o)
	}
	t.Logf("%d of %d probes called a real function of the engine", ran, len(probes))

	// And nothing happened on the host's side.
	got, err := os.ReadFile(secret)
	require.NoError(t, err, "the host file still exists")
	assert.Equal(t, content, string(got), "the host file is unchanged")
	entries, err := os.ReadDir(scratch)
	require.NoError(t, err)
	assert.Empty(t, entries, "nothing was created on the host (files, directories, links, processes' output)")
	entries, err = os.ReadDir(secretDir)
	require.NoError(t, err)
	assert.Len(t, entries, 1, "the secret's directory holds only the secret")
}
