package cli

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/kitwasm/kitwasm/edge"
)

var update = flag.Bool("update", false, "rewrite the golden files of kitwasm check")

// syntheticBuild writes a build directory whose manifest has a route for every answer kitwasm
// check gives: prerendered, no read(), read() without config (fails both edge targets), read()
// with a Cloudflare mode, a file over Cloudflare's per-file limit, an invalid mode, and a
// Fastly embed within the package limit.
func syntheticBuild(t *testing.T, targets []string) string {
	t.Helper()
	dir := t.TempDir()
	write := func(rel string, size int64) {
		p := filepath.Join(dir, filepath.FromSlash(rel))
		require.NoError(t, os.MkdirAll(filepath.Dir(p), 0o755))
		require.NoError(t, os.WriteFile(p, bytes.Repeat([]byte("kitwasm "), int(size/8)), 0o644))
	}
	write("worker.js", 4096)
	write("worker.qjsbc", 8192)
	write("server-assets/_app/immutable/assets/data.A1.txt", 16000)
	write("server-assets/_app/immutable/assets/font.B2.ttf", 3000)
	huge := filepath.Join(dir, "server-assets/_app/immutable/assets/video.C3.mp4")
	require.NoError(t, os.WriteFile(huge, nil, 0o644))
	require.NoError(t, os.Truncate(huge, 30<<20)) // sparse: 30 MiB, over 25 MiB
	data := edge.ServerAsset{File: "_app/immutable/assets/data.A1.txt", Size: 16000}
	font := edge.ServerAsset{File: "_app/immutable/assets/font.B2.ttf", Size: 3000}
	video := edge.ServerAsset{File: "_app/immutable/assets/video.C3.mp4", Size: 30 << 20}
	cfg := func(read map[string]any) map[string]any {
		return map[string]any{"kitwasm": map[string]any{"read": read}}
	}
	m := edge.Manifest{
		Version: 1, Worker: "worker.js", Bytecode: "worker.qjsbc", ServerAssets: "server-assets", Targets: targets,
		Routes: []edge.Route{
			{ID: "/", Prerender: false, Config: map[string]any{}},
			{ID: "/about", Prerender: true, Config: map[string]any{}},
			{ID: "/data", Prerender: false, Read: true, Assets: []edge.ServerAsset{data}, Config: map[string]any{}},
			{ID: "/data/cf", Prerender: "auto", Read: true, Assets: []edge.ServerAsset{data}, Config: cfg(map[string]any{"cloudflare": "assets"})},
			{ID: "/fonts", Prerender: false, Read: true, Assets: []edge.ServerAsset{font}, Config: cfg(map[string]any{"cloudflare": "embed", "fastly": "embed"})},
			{ID: "/video", Prerender: false, Read: true, Assets: []edge.ServerAsset{video}, Config: cfg(map[string]any{"cloudflare": "assets", "fastly": "kv"})},
		},
	}
	b, err := json.MarshalIndent(m, "", "\t")
	require.NoError(t, err)
	require.NoError(t, os.WriteFile(filepath.Join(dir, edge.ManifestFile), b, 0o644))
	return dir
}

// golden compares got with testdata/check/name, or rewrites it with -update.
func golden(t *testing.T, name, got string) {
	t.Helper()
	file := filepath.Join("testdata", "check", name)
	if *update {
		require.NoError(t, os.WriteFile(file, []byte(got), 0o644))
		return
	}
	want, err := os.ReadFile(file)
	require.NoError(t, err, "run go test ./internal/cli -run TestCheck -update to create it")
	assert.Equal(t, string(want), got, "kitwasm check output differs from %s (go test -update rewrites it)", file)
}

func TestCheckGolden(t *testing.T) {
	dir := syntheticBuild(t, []string{"kitwasm", "cloudflare", "fastly"})
	var stdout, stderr bytes.Buffer
	code := Main([]string{"check", dir}, &stdout, &stderr)
	assert.Equal(t, 1, code, "routes fail the build's targets: exit status 1")
	golden(t, "synthetic.txt", stdout.String())
	assert.Equal(t, "kitwasm check: 3 routes cannot run on every target in targets: /data (cloudflare, fastly), /data/cf (fastly), /video (cloudflare, fastly)\n", stderr.String())

	stdout.Reset()
	stderr.Reset()
	assert.Equal(t, 1, Main([]string{"check", "--json", dir}, &stdout, &stderr))
	golden(t, "synthetic.json", stdout.String())
	var rep struct {
		OK     bool
		Routes []struct {
			ID      string
			Support []struct {
				Target    string
				Supported bool
			}
		}
	}
	require.NoError(t, json.Unmarshal(stdout.Bytes(), &rep))
	assert.False(t, rep.OK)
	assert.Len(t, rep.Routes, 6)
	for _, r := range rep.Routes {
		assert.Len(t, r.Support, 3, "every known target, whatever targets says")
	}
}

// The exit status depends on the build's targets only; the table always shows all three.
func TestCheckExitStatusFollowsTargets(t *testing.T) {
	dir := syntheticBuild(t, nil) // an older manifest: kitwasm only
	var stdout, stderr bytes.Buffer
	assert.Equal(t, 0, Main([]string{"check", dir}, &stdout, &stderr), stderr.String())
	assert.Contains(t, stdout.String(), "ok: every route runs on kitwasm")
	assert.Contains(t, stdout.String(), "CLOUDFLARE")

	dir = syntheticBuild(t, []string{"kitwasm", "fastly"})
	stdout.Reset()
	stderr.Reset()
	assert.Equal(t, 1, Main([]string{"check", dir}, &stdout, &stderr))
	assert.Equal(t, "kitwasm check: 3 routes cannot run on every target in targets: /data (fastly), /data/cf (fastly), /video (fastly)\n", stderr.String())

	dir = syntheticBuild(t, []string{"kitwasm", "deno"})
	stderr.Reset()
	assert.Equal(t, 1, Main([]string{"check", dir}, &stdout, &stderr))
	assert.Contains(t, stderr.String(), `unknown target "deno" in targets; known targets: kitwasm, cloudflare, fastly`)

	stderr.Reset()
	assert.Equal(t, 2, Main([]string{"check", "a", "b"}, &stdout, &stderr))
	assert.Equal(t, 1, Main([]string{"check", t.TempDir()}, &stdout, &stderr))
	assert.True(t, strings.Contains(stderr.String(), "is it a build directory"), stderr.String())
}
