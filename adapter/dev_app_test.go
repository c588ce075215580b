package adapter_test

// `vite dev` (and `vite preview`) of a small app that the tests write into a temporary
// directory: a page that hydrates and posts a form action, and routes that fail. It is not
// part of the fixture because one of its routes imports a Node builtin, which must fail the
// build, and because the fixture's route list is pinned by other tests.

import (
	"encoding/json"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/kitwasm/kitwasm/adapter"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/net/websocket"
)

// devAppFiles are the app's files, beside src/app.html (the fixture's) and node_modules (a
// symlink to the fixture's: nothing is installed). NODE_MODULES is replaced by that
// directory's real path, which Vite's dev server must be allowed to serve to the browser.
var devAppFiles = map[string]string{
	"package.json": `{ "name": "kitwasm-dev-app", "private": true, "type": "module" }
`,
	"vite.config.js": `import { sveltekit } from '@sveltejs/kit/vite';
import kitwasm from '@kitwasm/adapter';

export default {
	plugins: [sveltekit({ adapter: kitwasm() })],
	cacheDir: '.vite',
	server: { fs: { allow: ['.', NODE_MODULES] } }
};
`,
	"src/routes/+page.svelte": `<h1>home</h1>
`,
	// (b) The page says whether it hydrated; with ?submit it posts its form through kit's
	// enhance once hydrated, and shows what the action answered.
	"src/routes/hydrate/+page.svelte": `<script>
	import { enhance } from '$app/forms';
	import { onMount } from 'svelte';

	let { data, form } = $props();
	let hydrated = $state(false);
	let el;

	onMount(() => {
		hydrated = true;
		if (new URLSearchParams(location.search).has('submit')) el.requestSubmit();
	});
</script>

<p id="state">{hydrated ? 'hydrated' : 'server-rendered'}</p>
<p id="rendered">rendered in {data.runtime}</p>
<form method="POST" action="?/echo" bind:this={el} use:enhance>
	<input name="word" value="kiwi" />
	<button>Send</button>
</form>
{#if form}<p id="posted">posted {form.word} to {form.runtime}</p>{/if}
`,
	"src/routes/hydrate/+page.server.js": `/** @type {import('./$types').PageServerLoad} */
export function load() {
	return { runtime: navigator.userAgent };
}

/** @type {import('./$types').Actions} */
export const actions = {
	echo: async ({ request }) => {
		const word = String((await request.formData()).get('word'));
		return { word, runtime: navigator.userAgent };
	}
};
`,
	// (d) A load that throws on line 6, and a component whose function throws on line 3.
	"src/routes/boom/+page.server.js": `// A load that throws: the logged stack must name this file and line 6.
/** @type {import('./$types').PageServerLoad} */
export function load() {
	const detail = 'from the boom route';
	if (detail) {
		throw new Error(` + "`exploded ${detail}`" + `);
	}
	return {};
}
`,
	// A route whose files' names are not Latin-1: an edit to it must still reach the runtime
	// (what changed travels to the worker in a request header, which holds only bytes).
	"src/routes/日本/+page.server.js": `export function load() {
	return { word: 'before' };
}
`,
	"src/routes/日本/+page.svelte": `<script>
	let { data } = $props();
</script>

<p id="word">{data.word}</p>
`,
	"src/routes/boom-component/+page.svelte": `<script>
	function fail() {
		throw new Error('the component failed');
	}
	fail();
</script>
`,
}

// nodeImportRoute is added to the app only when a test wants it (it fails every build).
const nodeImportRoute = `// A Node-only import: the kitwasm runtime has no node:fs.
import { readFileSync } from 'node:fs';

export function load() {
	return { text: readFileSync('/etc/hostname', 'utf8') };
}
`

// devApp writes the app into a temporary directory.
func devApp(t *testing.T, a *kitApp) *kitApp {
	t.Helper()
	dir := t.TempDir()
	modules, err := filepath.EvalSymlinks(filepath.Join(a.dir, "node_modules"))
	require.NoError(t, err)
	html, err := os.ReadFile(filepath.Join(a.dir, "src", "app.html"))
	require.NoError(t, err)
	files := map[string]string{"src/app.html": string(html)}
	for name, text := range devAppFiles {
		files[name] = strings.ReplaceAll(text, "NODE_MODULES", "'"+modules+"'")
	}
	for name, text := range files {
		file := filepath.Join(dir, filepath.FromSlash(name))
		require.NoError(t, os.MkdirAll(filepath.Dir(file), 0o755))
		require.NoError(t, os.WriteFile(file, []byte(text), 0o644))
	}
	require.NoError(t, os.Symlink(modules, filepath.Join(dir, "node_modules")))
	return &kitApp{dir: dir, node: a.node, kitwasm: a.kitwasm, env: a.env}
}

// (b) Under vite dev, and under vite preview of the build, the page hydrates in headless
// Chromium and its form action posts, answered by the kitwasm runtime.
func TestViteDevHydratesInChromium(t *testing.T) {
	a := devApp(t, prepareApp(t, "fixture"))
	env := append(a.env, "KITWASM_BIN="+a.kitwasm)

	check := func(mode, addr string) {
		t.Helper()
		dom := chromiumDOM(t, "http://"+addr+"/hydrate?submit")
		assert.Contains(t, dom, `<p id="state">hydrated</p>`, "%s: the page hydrated", mode)
		assert.Regexp(t, `<p id="rendered">rendered in kitwasm/[^<]+</p>`, dom, "%s: the load ran in kitwasm", mode)
		assert.Regexp(t, `<p id="posted">posted kiwi to kitwasm/[^<]+</p>`, dom, "%s: the form action posted, answered by kitwasm", mode)
	}

	dev := startDev(t, a, env)
	check("vite dev", dev.addr)
	assert.Regexp(t, `(?m)^.*200 /hydrate\?/echo$`, dev.out.String(), "kit's dev server logged the action")
	dev.stop(t, syscall.SIGTERM)

	viteBuild(t, a.dir, a.node, env)
	preview := startPreview(t, a, env)
	preview.runtimePID(t)
	check("vite preview", preview.addr)
	preview.stop(t, syscall.SIGTERM)
}

// (d) Under vite dev, a thrown error's logged stack names the src/routes file and line, and
// a Node-only import fails with the message `vite build` gives.
func TestViteDevErrorsNameSourceFiles(t *testing.T) {
	a := devApp(t, prepareApp(t, "fixture"))
	env := append(a.env, "KITWASM_BIN="+a.kitwasm)
	client := &http.Client{Timeout: 60 * time.Second}
	get := func(addr, path string) int {
		t.Helper()
		res, err := client.Get("http://" + addr + path)
		require.NoError(t, err)
		res.Body.Close()
		return res.StatusCode
	}

	dev := startDev(t, a, env)
	assert.Equal(t, 500, get(dev.addr, "/boom"))
	// kit's default handleError logs error.stack.
	dev.waitOutput(t, regexp.MustCompile(`Error: exploded from the boom route\n\s+at load \(\S*/src/routes/boom/\+page\.server\.js:6:\d+\)`))
	assert.Equal(t, 500, get(dev.addr, "/boom-component"))
	dev.waitOutput(t, regexp.MustCompile(`Error: the component failed\n\s+at fail \(\S*/src/routes/boom-component/\+page\.svelte:3:\d+\)`))

	// An edit to a module whose id is not Latin-1 shows on the next request.
	body := func(path string) string {
		t.Helper()
		res, err := client.Get("http://" + dev.addr + path)
		require.NoError(t, err)
		defer res.Body.Close()
		b, err := io.ReadAll(res.Body)
		require.NoError(t, err)
		require.Equal(t, 200, res.StatusCode, "GET %s: %s", path, b)
		return string(b)
	}
	require.Contains(t, body("/%E6%97%A5%E6%9C%AC"), `<p id="word">before</p>`)
	japan := filepath.Join(a.dir, "src", "routes", "日本", "+page.server.js")
	require.NoError(t, os.WriteFile(japan, []byte("export function load() {\n\treturn { word: 'after' };\n}\n"), 0o644))
	for start := time.Now(); !strings.Contains(body("/%E6%97%A5%E6%9C%AC"), `<p id="word">after</p>`); time.Sleep(100 * time.Millisecond) {
		require.Less(t, time.Since(start), 30*time.Second, "the edit to src/routes/日本/+page.server.js did not show")
	}

	// Vite's overlay: the browser's HMR socket gets the load failure, as kit sends it.
	overlay := viteHMRMessages(t, dev.addr)

	// A new route that imports node:fs: kit's dev server picks it up; loading it fails.
	route := filepath.Join(a.dir, "src", "routes", "node-import", "+page.server.js")
	require.NoError(t, os.MkdirAll(filepath.Dir(route), 0o755))
	require.NoError(t, os.WriteFile(route, []byte(nodeImportRoute), 0o644))
	for start := time.Now(); ; time.Sleep(100 * time.Millisecond) {
		status := get(dev.addr, "/node-import")
		if status == 500 {
			break
		}
		require.Less(t, time.Since(start), 30*time.Second, "GET /node-import answers %d, not 500", status)
	}
	builtin := regexp.MustCompile(`"node:fs" is a Node\.js builtin[^\n]*`)
	dev.waitOutput(t, regexp.MustCompile(`Internal server error: \S*/src/routes/node-import/\+page\.server\.js:2:1: "node:fs" is a Node\.js builtin`))
	for deadline := time.After(30 * time.Second); ; {
		var msg string
		select {
		case msg = <-overlay:
		case <-deadline:
			t.Fatal("Vite's overlay got no error for the node:fs import within 30 s")
		}
		var payload struct {
			Type string
			Err  struct{ Message string }
		}
		if json.Unmarshal([]byte(msg), &payload) == nil && payload.Type == "error" && builtin.MatchString(payload.Err.Message) {
			assert.Contains(t, payload.Err.Message, "/src/routes/node-import/+page.server.js:2:1", "the overlay names the file and line")
			break
		}
	}
	dev.stop(t, syscall.SIGTERM)

	// The same words as the build's: `vite build` bundles the server with BundleWorker, whose
	// runtimeImports plugin refuses the import.
	_, err := adapter.BundleWorker(route, adapter.BundleOptions{})
	require.Error(t, err, "bundling a node:fs import must fail")
	fromBuild := builtin.FindString(err.Error())
	require.NotEmpty(t, fromBuild, "the build's error names no builtin: %v", err)
	assert.Contains(t, dev.out.String(), fromBuild, "vite dev's message differs from vite build's")
}

// viteHMRMessages connects to the dev server's HMR socket as Vite's client does (its token
// is in /@vite/client) and returns the messages Vite sends it.
func viteHMRMessages(t *testing.T, addr string) <-chan string {
	t.Helper()
	res, err := http.Get("http://" + addr + "/@vite/client")
	require.NoError(t, err)
	client, err := io.ReadAll(res.Body)
	res.Body.Close()
	require.NoError(t, err)
	m := regexp.MustCompile(`const wsToken = "([^"]+)"`).FindSubmatch(client)
	require.NotNil(t, m, "no wsToken in /@vite/client")
	cfg, err := websocket.NewConfig("ws://"+addr+"/?token="+string(m[1]), "http://"+addr)
	require.NoError(t, err)
	cfg.Protocol = []string{"vite-hmr"}
	ws, err := websocket.DialConfig(cfg)
	require.NoError(t, err)
	t.Cleanup(func() { ws.Close() })
	out := make(chan string, 64)
	go func() {
		for {
			var msg string
			if websocket.Message.Receive(ws, &msg) != nil {
				return
			}
			select {
			case out <- msg:
			default:
			}
		}
	}()
	return out
}
