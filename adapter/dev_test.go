package adapter_test

// `vite dev` with @kitwasm/adapter: the adapter's Vite plugin keeps kit's dev middleware and
// Vite's client side, but server-side rendering, endpoints, loads, actions and hooks run in
// the kitwasm runtime (files/dev-worker.js under kitwasm serve), never in Node.

import (
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestViteDevRendersInKitwasm(t *testing.T) {
	a := prepareApp(t, "fixture")
	client := &http.Client{
		Timeout:       90 * time.Second,
		Transport:     &http.Transport{DisableCompression: true},
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
	}
	requests := []devRequest{
		{method: "GET", path: "/"},
		{method: "GET", path: "/blog/hello"},
		{method: "GET", path: "/blog/nope"},
		{method: "GET", path: "/blog/boom"},
		{method: "GET", path: "/blog/hello/__data.json"},
		{method: "GET", path: "/form"},
		{method: "POST", path: "/form?/login", body: "name=Ada", headers: map[string]string{
			"origin": fixtureOrigin, "content-type": "application/x-www-form-urlencoded", "accept": "text/html"}},
		{method: "POST", path: "/form?/login", body: "name=", headers: map[string]string{
			"origin": fixtureOrigin, "content-type": "application/x-www-form-urlencoded", "accept": "application/json",
			"x-sveltekit-action": "true"}},
		{method: "GET", path: "/robots.txt"},
		{method: "GET", path: "/assets"}, // read() of $app/server
		{method: "GET", path: "/dev-edit"},
	}

	// Kit's own Node dev server first, for the same requests (one dev server at a time: both
	// would write .svelte-kit and Vite's dependency cache).
	node := startDev(t, a, append(a.env, "ADAPTER=node"))
	nodeFirst, nodeWarm := timeDev(t, client, node.addr)
	fromNode := map[string]*devResponse{}
	for _, r := range requests {
		fromNode[r.String()] = devDo(t, client, node.addr, r)
	}
	nodeEdit := timeEdits(t, a, client, node.addr)
	node.stop(t, syscall.SIGTERM)

	dev := startDev(t, a, append(a.env, "KITWASM_BIN="+a.kitwasm))
	m := regexp.MustCompile(`kitwasm: server-side rendering in the Wasm runtime \(pid (\d+),`).FindStringSubmatch(dev.out.String())
	require.NotNil(t, m, "vite dev started no kitwasm runtime:\n%s", dev.out.String())
	pid, _ := strconv.Atoi(m[1])
	first, warm := timeDev(t, client, dev.addr)

	// (a) Endpoints answer from the runtime.
	res := devDo(t, client, dev.addr, devRequest{method: "GET", path: "/runtime"})
	require.Equal(t, 200, res.status, "%s", res.body)
	var runtime map[string]any
	require.NoError(t, json.Unmarshal([]byte(res.body), &runtime), res.body)
	assert.Regexp(t, `^kitwasm/`, runtime["userAgent"], "vite dev must render in the kitwasm runtime, not Node")
	assert.Nil(t, runtime["node"], "process.versions.node under vite dev")
	assert.Equal(t, []any{"env", "context"}, runtime["platform"], "event.platform's keys under vite dev")
	assert.Equal(t, "127.0.0.1", runtime["client"], "getClientAddress()")

	// (e) Pages, errors, data, form actions, static files: as kit's Node dev server answers.
	for _, r := range requests {
		got, want := devDo(t, client, dev.addr, r), fromNode[r.String()]
		assert.Equal(t, want.status, got.status, "%s: status", r)
		assert.Equal(t, want.header, got.header, "%s: headers", r)
		assert.Equal(t, strings.ReplaceAll(want.body, node.addr, "ADDR"), strings.ReplaceAll(got.body, dev.addr, "ADDR"), "%s: body", r)
	}

	// (c) Edits to a +page.server.js and a +page.svelte show on the next request.
	edit := timeEdits(t, a, client, dev.addr)

	t.Logf("kit's Node dev server: first request %v, warm %v (median of %d), edit to response %v (median of %d)", nodeFirst, nodeWarm, warmRuns, nodeEdit, editRuns)
	t.Logf("vite dev through kitwasm: first request %v, warm %v (median of %d), edit to response %v (median of %d)", first, warm, warmRuns, edit, editRuns)
	t.Logf("kitwasm / Node: first request %.2fx, warm %.2fx, edit to response %.2fx", ratio(first, nodeFirst), ratio(warm, nodeWarm), ratio(edit, nodeEdit))

	dev.stop(t, syscall.SIGTERM)
	requireGone(t, pid)
}

// Without a kitwasm binary, vite dev fails and says how to fix it: it never renders in Node.
func TestViteDevFailsWithoutKitwasm(t *testing.T) {
	a := prepareApp(t, "fixture")
	port := freePort(t)
	cmd := exec.Command(a.node, filepath.Join("node_modules", "vite", "bin", "vite.js"), "dev", "--host", "127.0.0.1", "--port", strconv.Itoa(port), "--strictPort")
	cmd.Dir = a.dir
	cmd.Env = append(a.env, "NO_COLOR=1", "KITWASM_BIN="+filepath.Join(t.TempDir(), "no-kitwasm"))
	done := make(chan struct{})
	var out []byte
	var err error
	go func() { out, err = cmd.CombinedOutput(); close(done) }()
	select {
	case <-done:
	case <-time.After(90 * time.Second):
		_ = cmd.Process.Kill()
		<-done
		t.Fatalf("vite dev kept running without a kitwasm binary:\n%s", out)
	}
	require.Error(t, err, "vite dev must fail without kitwasm:\n%s", out)
	assert.Contains(t, string(out), "vite dev renders in kitwasm and cannot start it")
	assert.Contains(t, string(out), "KITWASM_BIN is set to")
}

type devRequest struct {
	method, path, body string
	headers            map[string]string
}

func (r devRequest) String() string { return r.method + " " + r.path + " " + r.body }

type devResponse struct {
	status int
	header map[string]string
	body   string
}

// devCompared are the response headers compared between the dev servers (Date, ETag of Vite's
// static files and connection headers say nothing about the app).
var devCompared = []string{"content-type", "cache-control", "location", "set-cookie", "x-post-slug", "x-sveltekit-page", "vary", "x-frame-options"}

func devDo(t *testing.T, client *http.Client, addr string, r devRequest) *devResponse {
	t.Helper()
	var body io.Reader
	if r.body != "" {
		body = strings.NewReader(r.body)
	}
	req, err := http.NewRequest(r.method, "http://"+addr+r.path, body)
	require.NoError(t, err)
	for k, v := range r.headers {
		req.Header.Set(k, v)
	}
	res, err := client.Do(req)
	require.NoError(t, err, "%s", r)
	defer res.Body.Close()
	b, err := io.ReadAll(res.Body)
	require.NoError(t, err)
	out := &devResponse{status: res.StatusCode, header: map[string]string{}, body: string(b)}
	for _, k := range devCompared {
		if v := res.Header.Values(k); len(v) > 0 {
			out.header[k] = strings.Join(v, "\n")
		}
	}
	return out
}

// timeDev measures the first page request after the dev server is ready, then the median of
// warmRuns more. Figures for the log only.
func timeDev(t *testing.T, client *http.Client, addr string) (first, warm time.Duration) {
	t.Helper()
	var times []time.Duration
	for i := 0; i <= warmRuns; i++ {
		start := time.Now()
		res := devDo(t, client, addr, devRequest{method: "GET", path: "/blog/hello"})
		times = append(times, time.Since(start))
		require.Equal(t, 200, res.status, "%s", res.body)
	}
	first, times = times[0], times[1:]
	slices.Sort(times)
	return first.Round(time.Millisecond), times[len(times)/2].Round(100 * time.Microsecond)
}

// editRuns is how many edits timeEdits times (the median is reported).
const editRuns = 10

// timeEdits rewrites the dev-edit route's +page.server.js and +page.svelte in turn (editRuns
// edits, each with a new marker) and waits for each edit to show in /dev-edit (failing after
// 30 s); the files are restored afterwards. It returns the median time from writing a file to
// the first response showing the edit.
func timeEdits(t *testing.T, a *kitApp, client *http.Client, addr string) time.Duration {
	t.Helper()
	dir := filepath.Join(a.dir, "src", "routes", "dev-edit")
	marker := regexp.MustCompile(`(server|component)-[a-z0-9]+`)
	edits := []struct{ file, kind string }{{"+page.server.js", "server"}, {"+page.svelte", "component"}}
	origs := map[string][]byte{}
	for _, e := range edits {
		file := filepath.Join(dir, e.file)
		orig, err := os.ReadFile(file)
		require.NoError(t, err)
		origs[file] = orig
		if !restored[file] {
			restored[file] = true
			t.Cleanup(func() { _ = os.WriteFile(file, orig, 0o644); delete(restored, file) })
		}
	}
	var times []time.Duration
	for i := range editRuns {
		e := edits[i%len(edits)]
		file := filepath.Join(dir, e.file)
		// A pause between edits, as between a person's saves: kit's own Node dev server
		// sometimes missed a second write of a file within ~100 ms.
		time.Sleep(300 * time.Millisecond)
		to := fmt.Sprintf("%s-%d", e.kind, time.Now().UnixNano())
		start := time.Now()
		require.NoError(t, os.WriteFile(file, marker.ReplaceAll(origs[file], []byte(to)), 0o644))
		for {
			res := devDo(t, client, addr, devRequest{method: "GET", path: "/dev-edit"})
			if strings.Contains(res.body, to) {
				break
			}
			require.Less(t, time.Since(start), 30*time.Second, "the edit of %s did not show within 30 s:\n%s", e.file, res.body)
			time.Sleep(2 * time.Millisecond)
		}
		times = append(times, time.Since(start))
	}
	// Back as they were for the next dev server (this one is not asked again).
	for file, orig := range origs {
		require.NoError(t, os.WriteFile(file, orig, 0o644))
	}
	slices.Sort(times)
	return times[len(times)/2].Round(time.Millisecond)
}

// restored records the files timeEdits restores when the test ends (once each).
var restored = map[string]bool{}

// startDev runs `vite dev` in the app with env and waits until it answers.
func startDev(t *testing.T, a *kitApp, env []string) *devServer {
	t.Helper()
	return startVite(t, a, "dev", env)
}

func ratio(a, b time.Duration) float64 { return float64(a) / float64(b) }
