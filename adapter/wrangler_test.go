//go:build unix

package adapter_test

// The Cloudflare target (issue 8, part 5): the fixture built with targets ['kitwasm',
// 'cloudflare'] runs under `wrangler dev` with the repository's wrangler.toml.example copied as
// its wrangler.toml and nothing else done, and answers the adapter-node comparison's requests
// (fixtureRequests) as kitwasm serve does. Responses the Worker produces must be identical
// (diff, as in e2e_test.go); responses of Cloudflare's static-asset service (the files in
// build/cloudflare/assets, its _headers and _redirects) may differ only in the headers listed
// in assetServiceHeaders, each with its reason, or, for the requests assetServiceDeviation
// names, in what wrangler's asset service cannot do at all.

import (
	"bytes"
	"compress/gzip"
	"encoding/json"
	"fmt"
	"io"
	"io/fs"
	"maps"
	"mime"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/kitwasm/kitwasm/adapter"
	"github.com/kitwasm/kitwasm/edge"
	"github.com/kitwasm/kitwasm/internal/nodetest"
)

// wranglerVersion is the npm wrangler the tests install (into .tools/wrangler, git-ignored).
// Its workerd (1.20261123.x) supports the compatibility_date of wrangler.toml.example.
const wranglerVersion = "4.164.0"

// cloudflareApp is the fixture built for kitwasm and Cloudflare into dir/build, with
// wrangler.toml.example copied to dir/wrangler.toml, as a user would set it up.
type cloudflareApp struct {
	*kitApp
	dir      string
	manifest *edge.Manifest
	wrangler string // wrangler's bin/wrangler.js
}

// cloudflareFixture builds the fixture once per test binary (vite build with
// KITWASM_TARGETS=kitwasm,cloudflare into testdata/kit/fixture/build-cloudflare/build).
func cloudflareFixture(t *testing.T) *cloudflareApp {
	t.Helper()
	switch runtime.GOOS + "/" + runtime.GOARCH {
	case "linux/amd64", "linux/arm64", "darwin/amd64", "darwin/arm64":
	default:
		t.Skipf("workerd, which wrangler dev runs, has no build for %s/%s", runtime.GOOS, runtime.GOARCH)
	}
	a := prepareApp(t, "fixture")
	c := &cloudflareApp{kitApp: a, dir: filepath.Join(a.dir, "build-cloudflare")}
	c.wrangler = installWrangler(t, a)
	if cloudflareBuilt {
		m, err := edge.ReadManifest(filepath.Join(c.dir, "build"))
		require.NoError(t, err)
		c.manifest = m
		return c
	}
	require.NoError(t, os.RemoveAll(c.dir))
	require.NoError(t, os.MkdirAll(c.dir, 0o755))
	took := viteBuild(t, a.dir, a.node, append(a.env, "ADAPTER=kitwasm", "KITWASM_BIN="+a.kitwasm,
		"KITWASM_OUT="+filepath.Join(c.dir, "build"), "KITWASM_TARGETS=kitwasm,cloudflare"))
	t.Logf("vite build with targets kitwasm, cloudflare: %v", took.Round(time.Millisecond))
	require.FileExists(t, filepath.Join(c.dir, "build", "cloudflare", "worker.js"), "kitwasm build writes the Cloudflare layout for the cloudflare target")
	example, err := os.ReadFile(filepath.Join(nodetest.RepoRoot(), "wrangler.toml.example"))
	require.NoError(t, err)
	require.NoError(t, os.WriteFile(filepath.Join(c.dir, "wrangler.toml"), example, 0o644))
	m, err := edge.ReadManifest(filepath.Join(c.dir, "build"))
	require.NoError(t, err)
	c.manifest = m
	cloudflareBuilt = true
	return c
}

var cloudflareBuilt bool

// installWrangler installs npm wrangler@wranglerVersion into .tools/wrangler unless it is
// there, and returns its bin/wrangler.js.
func installWrangler(t *testing.T, a *kitApp) string {
	t.Helper()
	prefix := filepath.Join(nodetest.RepoRoot(), ".tools", "wrangler")
	bin := filepath.Join(prefix, "node_modules", "wrangler", "bin", "wrangler.js")
	var pkg struct{ Version string }
	if b, err := os.ReadFile(filepath.Join(prefix, "node_modules", "wrangler", "package.json")); err == nil && json.Unmarshal(b, &pkg) == nil && pkg.Version == wranglerVersion {
		return bin
	}
	npm := filepath.Join(filepath.Dir(a.node), "npm")
	if _, err := os.Stat(npm); err != nil {
		npm = "npm"
	}
	require.NoError(t, os.MkdirAll(prefix, 0o755))
	run(t, prefix, a.env, npm, "install", "--prefix", prefix, "--no-save", "--no-audit", "--no-fund", "--loglevel=error", "wrangler@"+wranglerVersion)
	return bin
}

// startWrangler runs `wrangler dev` in c.dir on a free loopback port, offline: no metrics, its
// configuration and logs in a temporary directory. It warns that it cannot fetch Request.cf.
func (c *cloudflareApp) startWrangler(t *testing.T, client *http.Client) string {
	t.Helper()
	return c.startWranglerIn(t, client, c.dir)
}

// startWranglerIn runs wrangler dev in dir (which holds wrangler.toml and build/).
func (c *cloudflareApp) startWranglerIn(t *testing.T, client *http.Client, dir string) string {
	t.Helper()
	addr, inspector := freeAddr(t), freePort(t)
	host, port, _ := strings.Cut(addr, ":")
	env := c.wranglerEnv(t)
	startGroup(t, "wrangler dev", dir, env, c.node, c.wrangler, "dev", "--ip", host, "--port", port,
		"--inspector-port", fmt.Sprint(inspector), "--show-interactive-dev-session=false", "--log-level", "warn")
	waitReady(t, client, "wrangler dev", addr)
	return addr
}

// startGroup starts a command in a process group of its own (wrangler runs Node, esbuild and
// workerd processes) and ends the whole group when the test ends; its output is logged if the
// test fails.
func startGroup(t *testing.T, label, dir string, env []string, name string, args ...string) {
	t.Helper()
	var out syncBuffer
	cmd := exec.Command(name, args...)
	cmd.Dir, cmd.Env = dir, env
	cmd.Stdout, cmd.Stderr = &out, &out
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	require.NoError(t, cmd.Start(), "starting %s", label)
	exited := make(chan struct{})
	go func() { _ = cmd.Wait(); close(exited) }()
	t.Cleanup(func() {
		_ = syscall.Kill(-cmd.Process.Pid, syscall.SIGTERM)
		select {
		case <-exited:
		case <-time.After(5 * time.Second):
		}
		_ = syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL) // what is left of the group
		<-exited
		if t.Failed() {
			t.Logf("%s output:\n%s", label, out.String())
		}
	})
}

// wranglerEnv is wrangler's environment: offline, no metrics, its configuration and logs in a
// temporary directory.
func (c *cloudflareApp) wranglerEnv(t *testing.T) []string {
	home := t.TempDir()
	// NODE_ENV=production: what `wrangler deploy` ships. wrangler dev otherwise sets
	// process.env.NODE_ENV to "development" in the Worker, and kit's error messages (esm-env's
	// DEV, decided at run time in the bundle) are the longer ones of development.
	return append(slices.Clone(c.env), "NODE_ENV=production", "WRANGLER_SEND_METRICS=false", "XDG_CONFIG_HOME="+home, "CI=true", "NO_COLOR=1",
		"WRANGLER_LOG_PATH="+filepath.Join(home, "logs"))
}

func noRedirectClient() *http.Client {
	return &http.Client{
		Timeout:       30 * time.Second,
		Transport:     &http.Transport{DisableCompression: true},
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
	}
}

// TestIssue8WranglerServesPrerenderedPages is the story of issue 8: a kitwasm build of an app
// with prerendered pages, run with `wrangler dev` and wrangler.toml.example as it is, answered
// them with 404 until build/prerendered was copied into build/client by hand.
func TestIssue8WranglerServesPrerenderedPages(t *testing.T) {
	c := cloudflareFixture(t)
	client := noRedirectClient()
	addr := c.startWrangler(t, client)
	for _, p := range []string{"/prerendered", "/prerendered/data.json", "/prerendered/__data.json"} {
		res, err := do(client, addr, e2eRequest{method: "GET", path: p})
		require.NoError(t, err)
		assert.Equal(t, 200, res.status, "GET %s under wrangler dev:\n%s", p, res.body)
		want, err := os.ReadFile(filepath.Join(c.dir, "build", filepath.FromSlash(c.manifest.Files[p].File)))
		require.NoError(t, err)
		assert.Equal(t, string(want), string(res.body), "GET %s: the prerendered file", p)
	}
	// Kit's trailing-slash rule for a prerendered page: the other form redirects with 308.
	res, err := do(client, addr, e2eRequest{method: "GET", path: "/prerendered/?a=1"})
	require.NoError(t, err)
	assert.Equal(t, 308, res.status)
	assert.Equal(t, "/prerendered?a=1", res.header.Get("location"))

	// wrangler deploy takes the same directory and configuration: --dry-run bundles the Worker
	// and reads the assets as a deploy would, without an account (offline).
	cmd := exec.Command(c.node, c.wrangler, "deploy", "--dry-run", "--outdir", t.TempDir())
	cmd.Dir, cmd.Env = c.dir, c.wranglerEnv(t)
	out, err := cmd.CombinedOutput()
	require.NoError(t, err, "wrangler deploy --dry-run:\n%s", out)
	for _, line := range strings.Split(string(out), "\n") {
		if strings.Contains(line, "Total Upload") || strings.Contains(line, "from the assets directory") {
			t.Logf("wrangler deploy --dry-run: %s", strings.TrimSpace(line))
		}
	}
	assert.Contains(t, string(out), "env.ASSETS")
}

// assetServiceHeaders are the response headers in which Cloudflare's static-asset service (under
// wrangler dev) may differ from kitwasm serve, each with the reason. Each check returns "" when
// the difference is the documented one.
var assetServiceHeaders = map[string]struct {
	why   string
	check headerCheck
}{
	"etag": {"Cloudflare's asset service sends its own ETag (a hash of the file it computes at upload), kitwasm serve a SHA-256 (as adapter-node); conditional requests send each server its own ETag", anything},
	"cache-control": {"files outside _app/immutable get Cloudflare's default `public, max-age=0, must-revalidate` (kitwasm serve sends none); _app/immutable must carry kitwasm's immutable policy, from _headers",
		func(a, _ *e2eResponse, va, vb []string) string {
			if len(va) > 0 && !slices.Equal(va, vb) {
				return "kitwasm's Cache-Control must come through (_headers)"
			}
			return ""
		}},
	"cf-cache-status": {"Cloudflare's cache status of the asset", anything},
	"accept-ranges":   {"kitwasm serve advertises byte ranges; wrangler dev's asset service answers none (see assetServiceDeviation)", anything},
	"vary":            {"kitwasm serve varies on Accept-Encoding for the files it has precompressed variants of; wrangler dev's asset service compresses on the fly and sends no Vary", anything},
	"content-type": {"Cloudflare adds `; charset=utf-8` to text types (kitwasm serve: kit's type as is), and repeats it on a 304; the media type must be the same",
		func(_, b *e2eResponse, va, vb []string) string {
			if len(va) == 0 && b.status == http.StatusNotModified {
				return ""
			}
			if len(va) != len(vb) {
				return "one side has none"
			}
			for i := range va {
				ma, _, errA := mime.ParseMediaType(va[i])
				mb, _, errB := mime.ParseMediaType(vb[i])
				if errA != nil || errB != nil || ma != mb {
					return "different media types"
				}
			}
			return ""
		}},
	"content-encoding": {"Cloudflare compresses on the fly and chooses the coding itself (kitwasm serve sends kit's precompressed variant); the bodies are compared decoded", anything},
	"content-length":   {"follows from the coding (on-the-fly compression is chunked)", anything},
	"location":         {"a _redirects rule gives an absolute path (/prerendered), kitwasm serve kit's relative reference (../prerendered); both must resolve to the same URL (checked by sameTarget)", nil},
	"allow":            {"on a method other than GET or HEAD, kitwasm serve names the allowed methods in its 405; the asset service's 405 has no Allow", anything},
}

func anything(_, _ *e2eResponse, _, _ []string) string { return "" }

// sameTarget checks that two Location values, relative to the request's URL, name one URL.
func sameTarget(path string) headerCheck {
	return func(_, _ *e2eResponse, va, vb []string) string {
		if len(va) != 1 || len(vb) != 1 {
			return "not one Location each"
		}
		base, err := url.Parse(fixtureOrigin + path)
		if err != nil {
			return err.Error()
		}
		ra, errA := base.Parse(va[0])
		rb, errB := base.Parse(vb[0])
		if errA != nil || errB != nil || ra.String() != rb.String() {
			return "they resolve to different URLs"
		}
		return ""
	}
}

// assetServiceDeviation says why the asset service cannot answer request r as kitwasm serve does
// (want) at all, or "": these responses are counted apart, and must be what the reason says.
func assetServiceDeviation(r e2eRequest, want, got *e2eResponse) string {
	if _, ok := r.headers["range"]; ok && got.status == 200 && (want.status == 206 || want.status == 416) {
		return "wrangler dev's asset service ignores Range and answers 200 with the whole file"
	}
	if _, ok := r.headers["if-none-match"]; ok && want.status == http.StatusNotModified && got.status == http.StatusOK {
		return "wrangler dev's asset service answers 304 only to an If-None-Match that is its ETag alone (not *, a list, or several lines)"
	}
	return ""
}

// workerDifferences are the requests whose Worker responses differ by what workerd does with
// non-ASCII header bytes, which no Worker code can change, with the reason.
var workerDifferences = map[string]string{
	"redirect 307 with a query": "kit sets Location: /form?x=ü; workerd writes a non-ASCII header value as UTF-8, " +
		"kitwasm serve (and Node) write each code point below 256 as one byte (the Fetch standard's ByteString)",
	"form page, a cookie of raw UTF-8 bytes (read as Latin-1)": "workerd decodes the request's raw non-ASCII header bytes as UTF-8, " +
		"kitwasm serve (and Node) as Latin-1, one character per byte (ByteString)",
	"request echo: headers, query, raw UTF-8 header bytes": "as above: workerd reads the raw UTF-8 bytes of X-Test as UTF-8, kitwasm serve as Latin-1",
}

// servedAsAsset says whether Cloudflare's static-asset service answers r (run_worker_first =
// false): the pathname is one of the build's static files, or a trailing-slash redirect of a
// prerendered page (_redirects).
func servedAsAsset(m *edge.Manifest, r e2eRequest) bool {
	p, _, _ := strings.Cut(r.path, "?")
	if d, err := url.PathUnescape(p); err == nil {
		p = d
	}
	_, file := m.Files[p]
	_, redirect := m.Redirects[p]
	return file || redirect
}

func TestWranglerMatchesKitwasmServe(t *testing.T) {
	c := cloudflareFixture(t)
	client := noRedirectClient()
	build := filepath.Join(c.dir, "build")

	// The layout wrangler.toml.example names, written by kitwasm build for the 'cloudflare' target.
	for _, f := range []string{"cloudflare/worker.js", "cloudflare/assets/_headers", "cloudflare/assets/_redirects", "cloudflare/assets/prerendered.html", "cloudflare/assets/robots.txt"} {
		assert.FileExists(t, filepath.Join(build, filepath.FromSlash(f)))
	}
	gz, _ := filepath.Glob(filepath.Join(build, "cloudflare", "assets", "_app", "immutable", "entry", "*.gz"))
	assert.Empty(t, gz, "precompressed variants are not uploaded: Cloudflare compresses itself")

	kitAddr := freeAddr(t)
	startServer(t, "kitwasm serve", c.dir, c.env, c.kitwasm, "serve", "--quiet", "--addr", kitAddr, "--allow-fetch", "127.0.0.1", "build")
	waitReady(t, client, "kitwasm serve", kitAddr)
	cfAddr := c.startWrangler(t, client)

	// The request list of the adapter-node comparison; the hashed names come from this build
	// (fixtureRequests looks for big.*.txt under build-node/client, here a link to build/client).
	names := filepath.Join(t.TempDir(), "app")
	require.NoError(t, os.MkdirAll(filepath.Join(names, "build-node"), 0o755))
	require.NoError(t, os.Symlink(filepath.Join(build, "client"), filepath.Join(names, "build-node", "client")))
	requests := fixtureRequests(t, client, names, kitAddr)

	except := map[string]headerCheck{}
	for name, h := range assetServiceHeaders {
		except[name] = h.check
	}
	var worker, workerSame, workerDiffering, assets, assetsSame, deviating int
	for _, r := range requests {
		want, errA := do(client, kitAddr, r)
		got, errB := do(client, cfAddr, r)
		if errA != nil || errB != nil {
			t.Errorf("%s %s (%s): kitwasm serve: %v; wrangler dev: %v", r.method, r.path, r.name, errA, errB)
			continue
		}
		if !servedAsAsset(c.manifest, r) {
			worker++
			if d := want.diff(got, nil); d != "" {
				if why, ok := workerDifferences[r.name]; ok {
					workerDiffering++
					t.Logf("%s %s (%s): the Worker differs from kitwasm serve as documented: %s\n%s", r.method, r.path, r.name, why, d)
					continue
				}
				t.Errorf("%s %s (%s): the Worker under wrangler dev (as \"kitwasm\") differs from kitwasm serve (as \"adapter-node\"):\n%s", r.method, r.path, r.name, d)
				continue
			}
			workerSame++
			continue
		}
		assets++
		if why := assetServiceDeviation(r, want, got); why != "" {
			// What it answers instead is the whole file.
			p, _, _ := strings.Cut(r.path, "?")
			p, _ = url.PathUnescape(p)
			whole, err := os.ReadFile(filepath.Join(build, filepath.FromSlash(c.manifest.Files[p].File)))
			require.NoError(t, err)
			if r.method == "HEAD" {
				whole = nil
			}
			if body := decoded(t, c.node, got).body; !bytes.Equal(body, whole) {
				t.Errorf("%s %s (%s): %s, but its body is not the whole file (%d bytes, want %d)", r.method, r.path, r.name, why, len(body), len(whole))
				continue
			}
			deviating++
			t.Logf("%s %s (%s): kitwasm serve %d, wrangler dev %d: %s", r.method, r.path, r.name, want.status, got.status, why)
			continue
		}
		except["location"] = sameTarget(r.path)
		decodedA, decodedB := decoded(t, c.node, want), decoded(t, c.node, got)
		if d := decodedA.diff(decodedB, except); d != "" {
			t.Errorf("%s %s (%s): Cloudflare's asset service under wrangler dev (as \"kitwasm\") differs from kitwasm serve (as \"adapter-node\") beyond assetServiceHeaders:\n%s", r.method, r.path, r.name, d)
			continue
		}
		assetsSame++
	}
	t.Logf("wrangler parity: %d of %d requests answered identically by the Worker and kitwasm serve; %d more differ as workerDifferences documents", workerSame, worker, workerDiffering)
	t.Logf("wrangler parity: %d of %d requests answered by Cloudflare's asset service identically but for the documented headers (%s); %d more differ as assetServiceDeviation documents",
		assetsSame, assets, strings.Join(slices.Sorted(maps.Keys(assetServiceHeaders)), ", "), deviating)
	t.Logf("wrangler parity: %d of %d in all", workerSame+assetsSame, len(requests))
	assert.Greater(t, worker, 50, "most of the requests reach the Worker")
	assert.Greater(t, assets, 20, "the static files are answered by the asset service")

	// Streamed responses reach the client while the Worker produces them.
	gate := newGate(t, gateTimeout)
	for _, s := range []struct{ path, first, released string }{
		{"/api/gated", "first ✓\n", "gate: released\n"},
		{"/streamed", `id="fast"`, "gate: released"},
	} {
		assert.NoError(t, checkStreamed(client, gate, cfAddr, s.path, s.first, s.released), "wrangler dev %s", s.path)
	}
}

// decoded returns a copy of res whose body is decoded from its Content-Encoding (gzip; br
// through Node's zlib).
func decoded(t *testing.T, node string, res *e2eResponse) *e2eResponse {
	t.Helper()
	out := *res
	if len(res.body) == 0 {
		return &out
	}
	switch res.header.Get("content-encoding") {
	case "gzip":
		zr, err := gzip.NewReader(bytes.NewReader(res.body))
		require.NoError(t, err)
		out.body, err = io.ReadAll(zr)
		require.NoError(t, err)
	case "br":
		cmd := exec.Command(node, "-e", "process.stdout.write(require('zlib').brotliDecompressSync(require('fs').readFileSync(0)))")
		cmd.Stdin = bytes.NewReader(res.body)
		b, err := cmd.Output()
		require.NoError(t, err, "decoding a brotli body with Node")
		out.body = b
	}
	return &out
}

// TestWranglerReadsEmbeddedServerAssets: with config.kitwasm.read.cloudflare 'embed', read()
// takes the files from build/cloudflare/worker.js, not from the assets (the fixture's read()
// routes use 'assets'; this writes the layout again with them set to 'embed', and removes the
// file from the assets directory, so that only the embedded copy can answer).
func TestWranglerReadsEmbeddedServerAssets(t *testing.T) {
	c := cloudflareFixture(t)
	client := noRedirectClient()
	dir := t.TempDir()
	build := filepath.Join(dir, "build")
	require.NoError(t, os.CopyFS(build, os.DirFS(filepath.Join(c.dir, "build"))))
	require.NoError(t, os.RemoveAll(filepath.Join(build, "cloudflare")))
	example, err := os.ReadFile(filepath.Join(nodetest.RepoRoot(), "wrangler.toml.example"))
	require.NoError(t, err)
	require.NoError(t, os.WriteFile(filepath.Join(dir, "wrangler.toml"), example, 0o644))

	m, err := edge.ReadManifest(build)
	require.NoError(t, err)
	var big string
	for i, r := range m.Routes {
		if r.ID == "/assets" || r.ID == "/assets/big" {
			m.Routes[i].Config = map[string]any{"kitwasm": map[string]any{"read": map[string]any{"cloudflare": "embed"}}}
			require.Len(t, r.Assets, 1, "route %s reads big.txt", r.ID)
			big = r.Assets[0].File
		}
	}
	h := &adapter.Handoff{Root: dir, Out: build, Base: m.Base, AppPath: m.AppPath, Targets: []string{"kitwasm", "cloudflare"}}
	h.Client.Files = listFiles(t, filepath.Join(build, "client"))
	h.Prerendered.Files = listFiles(t, filepath.Join(build, "prerendered"))
	lay, err := adapter.WriteCloudflare(h, m, io.Discard)
	require.NoError(t, err)
	assert.Equal(t, []string{big}, lay.Embedded)
	require.NoError(t, os.Remove(filepath.Join(build, "cloudflare", "assets", filepath.FromSlash(big))))

	kitAddr := freeAddr(t)
	startServer(t, "kitwasm serve", c.dir, c.env, c.kitwasm, "serve", "--quiet", "--addr", kitAddr, "build")
	waitReady(t, client, "kitwasm serve", kitAddr)
	cfAddr := c.startWranglerIn(t, client, dir)
	for _, p := range []string{"/assets", "/assets/big"} {
		r := e2eRequest{name: "read() of an embedded file", method: "GET", path: p}
		want, err := do(client, kitAddr, r)
		require.NoError(t, err)
		got, err := do(client, cfAddr, r)
		require.NoError(t, err)
		assert.Equal(t, 200, got.status, "GET %s:\n%s", p, got.body)
		assert.Empty(t, want.diff(got, nil), "GET %s: the Worker under wrangler dev (as \"kitwasm\") differs from kitwasm serve (as \"adapter-node\")", p)
	}
	// The file is not among the static assets: only the embedded copy can have answered.
	res, err := do(client, cfAddr, e2eRequest{method: "GET", path: "/" + big})
	require.NoError(t, err)
	assert.Equal(t, 404, res.status, "GET /%s: removed from the assets directory", big)
}

// listFiles lists the files under dir (slash-separated, relative), without precompressed variants.
func listFiles(t *testing.T, dir string) []string {
	t.Helper()
	var out []string
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || strings.HasSuffix(p, ".gz") || strings.HasSuffix(p, ".br") {
			return err
		}
		rel, err := filepath.Rel(dir, p)
		out = append(out, filepath.ToSlash(rel))
		return err
	})
	require.NoError(t, err)
	return out
}
