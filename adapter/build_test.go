package adapter

import (
	"os"
	"testing"

	"github.com/stretchr/testify/assert"

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
