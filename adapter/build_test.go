package adapter

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/kitwasm/kitwasm/edge"
)

func TestRouteOfNamesTheSourceFile(t *testing.T) {
	h := &Handoff{Routes: []edge.Route{{ID: "/"}, {ID: "/blog/[slug]"}, {ID: "/api/[...rest]"}}}
	assert.Equal(t, "/blog/[slug], from src/routes/blog/[slug]/+page.server.js",
		routeOf(h, "/app/.svelte-kit/kitwasm/server/entries/pages/blog/_slug_/_page.server.js"))
	assert.Equal(t, "/, from src/routes/+layout.server.js", routeOf(h, "x/entries/pages/_layout.server.js"))
	assert.Equal(t, "/api/[...rest], from src/routes/api/[...rest]/+server.js", routeOf(h, "x/entries/endpoints/api/_...rest_/_server.js"))
	assert.Equal(t, "", routeOf(h, "x/chunks/internal.js"))
}

func TestBuiltinImportsAreBuildErrorsUnlessDynamic(t *testing.T) {
	dir := t.TempDir()
	write := func(name, src string) string {
		p := dir + "/" + name
		assert.NoError(t, writeFile(p, src))
		return p
	}
	static := write("static.js", "import fs from 'node:fs'; import path from 'path';\nexport default { fetch() { return new Response(fs + path) } }")
	_, err := BundleWorker(static, BundleOptions{})
	var be *BuildError
	if assert.ErrorAs(t, err, &be) {
		assert.Len(t, be.Errors, 2)
		assert.Contains(t, be.Error(), `static.js:1:16: "node:fs" is a Node.js builtin`)
		assert.Contains(t, be.Error(), `"path" is a Node.js builtin`)
	}
	engine := write("engine.js", "import * as std from 'qjs:std';\nexport default { fetch() { return new Response(String(std)) } }")
	_, err = BundleWorker(engine, BundleOptions{})
	assert.ErrorContains(t, err, "engine's internal module")

	dynamic := write("dynamic.js", "export default { async fetch() { await import('node:async_hooks').catch(() => null); return new Response('ok') } }")
	b, err := BundleWorker(dynamic, BundleOptions{})
	assert.NoError(t, err)
	assert.Contains(t, b.Code, `import("node:async_hooks")`)
}

func writeFile(p, s string) error { return os.WriteFile(p, []byte(s), 0o644) }

// The manifest keys files as adapter-node's tables do: client files by path (immutable below
// _app/immutable, /foo and /foo/ aliases for HTML), prerendered pages by the paths kit
// prerendered, and a 308 from the other trailing-slash form.
func TestManifestTables(t *testing.T) {
	out := t.TempDir()
	write := func(rel, content string) {
		p := filepath.Join(out, filepath.FromSlash(rel))
		require.NoError(t, os.MkdirAll(filepath.Dir(p), 0o755))
		require.NoError(t, os.WriteFile(p, []byte(content), 0o644))
	}
	write("client/_app/immutable/entry/app.js", "app")
	write("client/_app/version.json", `{"version":"1"}`)
	write("client/docs/index.html", "<p>docs</p>")
	write("client/.hidden", "no")
	write("client/.well-known/security.txt", "yes")
	write("client/favicon.png", "png")
	write("client/favicon.png.gz", "gz")
	write("client/favicon.png.br", "b")
	write("prerendered/about.html", "<h1>about</h1>")
	write("prerendered/blog/index.html", "<h1>blog</h1>")
	h := &Handoff{Out: out, AppPath: "_app", MimeTypes: map[string]string{".js": "text/javascript", ".json": "application/json", ".html": "text/html", ".png": "image/png"}}
	m := &edge.Manifest{Files: map[string]*edge.Asset{}, Redirects: map[string]string{}}
	require.NoError(t, addFiles(m, h, "client", []string{"_app/immutable/entry/app.js", "_app/version.json", "docs/index.html", ".hidden", ".well-known/security.txt", "favicon.png"}, []string{"favicon.png"}, nil))
	require.NoError(t, addFiles(m, h, "prerendered", []string{"about.html", "blog/index.html"}, nil, []string{"/about", "/blog/"}))

	app := m.Files["/_app/immutable/entry/app.js"]
	require.NotNil(t, app)
	assert.Equal(t, edge.ImmutableCacheControl, app.CacheControl)
	assert.Equal(t, "text/javascript", app.Type)
	assert.Equal(t, int64(3), app.Size)
	assert.Equal(t, "client/_app/immutable/entry/app.js", app.File)
	assert.Empty(t, m.Files["/_app/version.json"].CacheControl, "only immutable files are cached for a year")
	assert.Same(t, m.Files["/docs/index.html"], m.Files["/docs/"])
	assert.Same(t, m.Files["/docs/index.html"], m.Files["/docs"])
	assert.Equal(t, "text/html;charset=utf-8", m.Files["/docs/index.html"].Type)
	assert.Nil(t, m.Files["/.hidden"], "dotfiles are not served")
	assert.NotNil(t, m.Files["/.well-known/security.txt"], "except .well-known")
	fav := m.Files["/favicon.png"]
	assert.Equal(t, int64(2), fav.Gzip)
	assert.Equal(t, int64(1), fav.Brotli)
	// The SHA-256 of "png", base64url without padding, as adapter-node computes it.
	assert.Equal(t, "j4y7fc9G4Lx9UyZXSabBfRFgk6a6leRCdkBgx2_UqGw", fav.ETag)

	assert.Equal(t, "prerendered/about.html", m.Files["/about"].File)
	assert.Equal(t, "prerendered/blog/index.html", m.Files["/blog/"].File)
	assert.Equal(t, "../about", m.Redirects["/about/"], "as adapter-node's relative_pathname")
	assert.Equal(t, "./blog/", m.Redirects["/blog"])
	assert.Nil(t, m.Files["/about.html"], "prerendered files are keyed only by the paths kit prerendered")
}
