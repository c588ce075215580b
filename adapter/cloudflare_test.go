package adapter

import (
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/kitwasm/kitwasm/edge"
)

// writeCloudflare's layout for an app with a base path, files of its own named _headers and
// _redirects, a hidden file, precompressed variants, and one route per read() mode.
func TestWriteCloudflareLayout(t *testing.T) {
	out := t.TempDir()
	write := func(rel, content string) {
		p := filepath.Join(out, filepath.FromSlash(rel))
		require.NoError(t, os.MkdirAll(filepath.Dir(p), 0o755))
		require.NoError(t, os.WriteFile(p, []byte(content), 0o644))
	}
	write("client/docs/_app/immutable/entry/start.js", "start")
	write("client/docs/_app/immutable/entry/start.js.gz", "gz")
	write("client/docs/robots.txt", "robots")
	write("client/docs/.hidden", "no")
	write("client/docs/.well-known/security.txt", "yes")
	write("prerendered/docs/about.html", "about")
	write("prerendered/docs/ünï/index.html", "unicode")
	write("prerendered/docs/robots.txt", "the client file wins")
	write("server-assets/_app/immutable/assets/a.txt", "read through ASSETS")
	write("server-assets/_app/immutable/assets/e.bin", "\x00embedded\xff")

	h := &Handoff{Root: out, Out: out, Base: "/docs", AppPath: "_app", Targets: []string{"kitwasm", "cloudflare"}}
	h.Client.Files = []string{"_app/immutable/entry/start.js", "robots.txt", ".hidden", ".well-known/security.txt"}
	h.Client.Compressed = []string{"_app/immutable/entry/start.js"}
	h.Prerendered.Files = []string{"about.html", "ünï/index.html", "robots.txt"}
	embed := map[string]any{"kitwasm": map[string]any{"read": map[string]any{"cloudflare": "embed"}}}
	assets := map[string]any{"kitwasm": map[string]any{"read": map[string]any{"cloudflare": "assets"}}}
	m := &edge.Manifest{
		Redirects: map[string]string{"/docs/about/": "../about", "/docs/ünï": "./ünï/"},
		Routes: []edge.Route{
			{ID: "/e", Read: true, Config: embed, Assets: []edge.ServerAsset{{File: "_app/immutable/assets/e.bin"}}},
			{ID: "/a", Read: true, Config: assets, Assets: []edge.ServerAsset{{File: "_app/immutable/assets/a.txt"}}},
			{ID: "/p", Read: true, Prerender: true, Config: embed, Assets: []edge.ServerAsset{{File: "_app/immutable/assets/a.txt"}}},
		},
	}
	lay, err := writeCloudflare(h, m, io.Discard)
	require.NoError(t, err)
	assert.Equal(t, []string{"_app/immutable/assets/e.bin"}, lay.Embedded)
	assert.Equal(t, 2, lay.Redirects)

	read := func(rel string) string {
		b, err := os.ReadFile(filepath.Join(out, "cloudflare", filepath.FromSlash(rel)))
		require.NoError(t, err, rel)
		return string(b)
	}
	assert.Equal(t, "start", read("assets/docs/_app/immutable/entry/start.js"))
	assert.Equal(t, "robots", read("assets/docs/robots.txt"), "a client file is not replaced by a prerendered one")
	assert.Equal(t, "about", read("assets/docs/about.html"))
	assert.Equal(t, "unicode", read("assets/docs/ünï/index.html"))
	assert.Equal(t, "yes", read("assets/docs/.well-known/security.txt"))
	assert.Equal(t, "read through ASSETS", read("assets/docs/_app/immutable/assets/a.txt"), "an 'assets' route's file is uploaded")
	for _, absent := range []string{"assets/docs/_app/immutable/entry/start.js.gz", "assets/docs/.hidden", "assets/docs/_app/immutable/assets/e.bin"} {
		assert.NoFileExists(t, filepath.Join(out, "cloudflare", filepath.FromSlash(absent)))
	}
	assert.Contains(t, read("assets/_headers"), "\n/docs/_app/immutable/*\n  Cache-Control: public,max-age=31536000,immutable\n")
	assert.Equal(t, "/docs/about/ /docs/about 308\n/docs/%C3%BCn%C3%AF /docs/%C3%BCn%C3%AF/ 308\n", read("assets/_redirects"))
	worker := read("worker.js")
	assert.Contains(t, worker, `globalThis[Symbol.for("kitwasm.cloudflare")] = {"base":"/docs","files":{"_app/immutable/assets/e.bin":"AGVtYmVkZGVk/w=="}};`)
	assert.True(t, strings.HasSuffix(worker, "export { default } from '../worker.js';\n"), worker)

	// Without a base path, the app's own _headers and _redirects (from static/) come first.
	out2 := t.TempDir()
	out = out2
	write("client/_headers", "/x\n  X-Own: 1")
	write("client/_redirects", "/old /new 301\n")
	h2 := &Handoff{Root: out2, Out: out2, AppPath: "_app"}
	h2.Client.Files = []string{"_headers", "_redirects"}
	_, err = writeCloudflare(h2, &edge.Manifest{Redirects: map[string]string{"/about/": "../about"}}, io.Discard)
	require.NoError(t, err)
	assert.Equal(t, "/x\n  X-Own: 1\n# kitwasm build: kit's immutable files (hashed names) are cached for a year.\n/_app/immutable/*\n  Cache-Control: public,max-age=31536000,immutable\n", read("assets/_headers"))
	assert.Equal(t, "/old /new 301\n/about/ /about 308\n", read("assets/_redirects"))
}

// A static file over Cloudflare's 25 MiB per asset fails the build, saying which and what to do.
func TestWriteCloudflareRefusesTooLargeAssets(t *testing.T) {
	out := t.TempDir()
	big := filepath.Join(out, "client", "video.mp4")
	require.NoError(t, os.MkdirAll(filepath.Dir(big), 0o755))
	f, err := os.Create(big)
	require.NoError(t, err)
	require.NoError(t, f.Truncate(25<<20+1)) // sparse: no 25 MiB written
	require.NoError(t, f.Close())
	h := &Handoff{Root: out, Out: out, AppPath: "_app"}
	h.Client.Files = []string{"video.mp4"}
	_, err = writeCloudflare(h, &edge.Manifest{}, io.Discard)
	require.Error(t, err)
	assert.Contains(t, err.Error(), "Cloudflare Workers serves static assets of at most 25.0 MiB each (https://developers.cloudflare.com/workers/platform/limits/)")
	assert.Contains(t, err.Error(), "client/video.mp4 (25.0 MiB)")
	assert.Contains(t, err.Error(), "or remove 'cloudflare' from the adapter's targets option")

	require.NoError(t, os.Truncate(big, 25<<20))
	_, err = writeCloudflare(h, &edge.Manifest{}, io.Discard)
	assert.NoError(t, err, "25 MiB exactly is allowed")
}
