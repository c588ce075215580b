package adapter_test

import (
	"encoding/json"
	"flag"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

var updateGolden = flag.Bool("update", false, "rewrite the golden files of kitwasm check (adapter/testdata/check)")

// checkGolden compares got with adapter/testdata/check/name, or rewrites it with -update.
func checkGolden(t *testing.T, name, got string) {
	t.Helper()
	file := filepath.Join("testdata", "check", name)
	if *updateGolden {
		require.NoError(t, os.WriteFile(file, []byte(got), 0o644))
		return
	}
	want, err := os.ReadFile(file)
	require.NoError(t, err, "go test ./adapter -run TestKitwasmCheckFixture -update creates it")
	assert.Equal(t, string(want), got, "differs from %s (go test -update rewrites it)", file)
}

// TestKitwasmCheckFixture runs `kitwasm check` on the fixture's kitwasm build (the one
// TestSvelteKitMatchesAdapterNode made, if it ran) and compares text and --json with golden
// files: the three routes using read() are found (kit itself misses them: read() sits in a
// shared chunk), their server assets named and sized, and every target answered. The npm
// package's checkRoutes returns the same answers.
func TestKitwasmCheckFixture(t *testing.T) {
	a := prepareApp(t, "fixture")
	if !fixtureBuiltWithKitwasm {
		viteBuild(t, a.dir, a.node, append(a.env, "ADAPTER=kitwasm", "KITWASM_BIN="+a.kitwasm))
		fixtureBuiltWithKitwasm = true
	}
	cmd := exec.Command(a.kitwasm, "check", "build")
	cmd.Dir = a.dir
	out, err := cmd.Output()
	require.NoError(t, err, "the fixture's targets are the default, kitwasm, which every route runs on")
	checkGolden(t, "fixture.txt", string(out))

	cmd = exec.Command(a.kitwasm, "check", "--json", "build")
	cmd.Dir = a.dir
	js, err := cmd.Output()
	require.NoError(t, err)
	checkGolden(t, "fixture.json", string(js))

	// checkRoutes from @kitwasm/adapter, as a test in the app would call it.
	script := `import { checkRoutes } from '@kitwasm/adapter';
const r = await checkRoutes('build');
process.stdout.write(JSON.stringify(r));`
	node := exec.Command(a.node, "--input-type=module", "-e", script)
	node.Dir = a.dir
	node.Env = append(a.env, "KITWASM_BIN="+a.kitwasm)
	fromJS, err := node.CombinedOutput()
	require.NoError(t, err, string(fromJS))
	assert.JSONEq(t, string(js), string(fromJS))
}

// A build for Fastly fails when a route reads without saying how its files get there, with a
// message naming the route, the target, the reason and the ways out.
func TestBuildFailsForATargetARouteCannotReadOn(t *testing.T) {
	a := prepareApp(t, "fixture")
	cmd := exec.Command(a.node, filepath.Join("node_modules", "vite", "bin", "vite.js"), "build")
	cmd.Dir = a.dir
	cmd.Env = append(a.env, "ADAPTER=kitwasm", "KITWASM_BIN="+a.kitwasm, "KITWASM_OUT="+filepath.Join(t.TempDir(), "build"), "KITWASM_TARGETS=kitwasm,fastly")
	out, err := cmd.CombinedOutput()
	require.Error(t, err, "vite build must fail:\n%s", out)
	for _, want := range []string{
		"route /assets uses read() from $app/server and cannot run on fastly (Fastly Compute): Fastly Compute has no file system: read() works only for files embedded in the Wasm package (at most 100 MB for the whole compiled package)",
		"fix: export const config = { kitwasm: { read: { fastly: 'embed' } } } from the route /assets (or a layout above it); or remove 'fastly' from the adapter's targets option; or stop using read() in this route",
		"route /assets/big uses read() from $app/server and cannot run on fastly",
		"route /assets/small uses read() from $app/server and cannot run on fastly",
	} {
		assert.Contains(t, string(out), want)
	}
	assert.NotContains(t, string(out), "cannot run on cloudflare", "cloudflare is not a target of this build")
}

// supports.read, as kit calls it during its analysis: it answers from the route's config for
// every target in targets, and throws the message kit shows.
func TestSupportsReadAnswersPerTarget(t *testing.T) {
	a := prepareApp(t, "fixture")
	script := `import kitwasm from '@kitwasm/adapter';
const out = {};
const ask = (targets, config) => {
	try { return kitwasm({ targets }).supports.read({ config, route: { id: '/r' } }); }
	catch (e) { return e.message; }
};
out.kitwasm = ask(['kitwasm'], {});
out.fastlyNone = ask(['kitwasm', 'fastly'], {});
out.fastlyEmbed = ask(['kitwasm', 'fastly'], { kitwasm: { read: { fastly: 'embed' } } });
out.fastlyWrong = ask(['fastly'], { kitwasm: { read: { fastly: 'assets' } } });
out.cloudflareAssets = ask(['cloudflare'], { kitwasm: { read: { cloudflare: 'assets' } } });
out.cloudflareNone = ask(['cloudflare'], { kitwasm: { read: { fastly: 'embed' } } });
try { kitwasm({ targets: ['deno'] }); } catch (e) { out.unknown = e.message; }
process.stdout.write(JSON.stringify(out));`
	node := exec.Command(a.node, "--input-type=module", "-e", script)
	node.Dir = a.dir
	node.Env = a.env
	b, err := node.CombinedOutput()
	require.NoError(t, err, string(b))
	var got map[string]any
	require.NoError(t, json.Unmarshal(b, &got), string(b))
	assert.Equal(t, true, got["kitwasm"])
	assert.Equal(t, true, got["fastlyEmbed"])
	assert.Equal(t, true, got["cloudflareAssets"])
	assert.Equal(t, "route /r uses read() from $app/server and cannot run on fastly (Fastly Compute): Fastly Compute has no file system: "+
		"read() works only for files embedded in the Wasm package (at most 100 MB for the whole compiled package)\n"+
		"  fix: export const config = { kitwasm: { read: { fastly: 'embed' } } } from the route /r (or a layout above it); "+
		"or remove 'fastly' from the adapter's targets option; or stop using read() in this route", got["fastlyNone"])
	assert.Contains(t, got["fastlyWrong"], `config.kitwasm.read.fastly is "assets", not a mode Fastly Compute has ('embed')`)
	assert.Contains(t, got["cloudflareNone"], "cannot run on cloudflare (Cloudflare Workers): Cloudflare Workers has no file system")
	assert.True(t, strings.Contains(got["cloudflareNone"].(string), "read: { cloudflare: 'assets' }") && strings.Contains(got["cloudflareNone"].(string), "read: { cloudflare: 'embed' }"))
	assert.Contains(t, got["unknown"], `unknown target "deno" in targets; known targets: kitwasm, cloudflare, fastly`)
}
