package adapter_test

import (
	"net/http"
	"os/exec"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestExampleHydratesInChromium builds the README's example app with @kitwasm/adapter, serves
// it with kitwasm, and loads /counter?autoclick in headless Chromium (Debian's chromium
// package; .ci/test installs it). The server renders "clicked 0 times" and "server-rendered";
// only a page whose client code hydrated runs onMount, which clicks the button through
// Svelte's own handler: the DOM Chromium dumps must say "clicked 1 time" and "hydrated".
func TestExampleHydratesInChromium(t *testing.T) {
	_, err := exec.LookPath("chromium")
	require.NoError(t, err, "headless Chromium is needed: apt-get install chromium (as .ci/test does)")
	a := prepareApp(t, "example")
	app, node, env, kitwasm := a.dir, a.node, a.env, a.kitwasm
	viteBuild(t, app, node, append(env, "ADAPTER=kitwasm", "KITWASM_BIN="+kitwasm))

	addr := freeAddr(t)
	startServer(t, "kitwasm", app, env, kitwasm, "serve", "--quiet", "--addr", addr, "build")
	waitReady(t, &http.Client{Timeout: 10 * time.Second}, "kitwasm", addr)

	dom := chromiumDOM(t, "http://"+addr+"/counter?autoclick")
	assert.Contains(t, dom, "clicked 1 time", "the click went through Svelte's handler: the page hydrated")
	assert.Contains(t, dom, `<p id="state">hydrated</p>`)
	assert.False(t, strings.Contains(dom, "server-rendered"))
}

// chromiumDOM loads url in headless Chromium (Debian's package) and returns the DOM once the
// page's scripts and the requests they make have settled (virtual time: at most 10 s of timers).
func chromiumDOM(t *testing.T, url string) string {
	t.Helper()
	chromium, err := exec.LookPath("chromium")
	require.NoError(t, err, "headless Chromium is needed: apt-get install chromium (as .ci/test does)")
	out, err := exec.Command(chromium, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
		"--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
		"--user-data-dir="+t.TempDir(), "--virtual-time-budget=10000", "--dump-dom", url).Output()
	require.NoError(t, err, "chromium: %s", exitText(err))
	return string(out)
}

func exitText(err error) string {
	if ee, ok := err.(*exec.ExitError); ok {
		return string(ee.Stderr)
	}
	return ""
}
