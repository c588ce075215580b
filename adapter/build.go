package adapter

import (
	"context"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strings"
	"time"

	"github.com/evanw/esbuild/pkg/api"

	"github.com/kitwasm/kitwasm/edge"
	"github.com/kitwasm/kitwasm/jsengine"
	"github.com/kitwasm/kitwasm/wasmhost"
)

// Handoff is what the npm adapter (adapter/index.js) writes for `kitwasm build`: where kit's
// output is and what kit knows about the app.
type Handoff struct {
	Version int    `json:"version"`
	Kit     int    `json:"kit"`
	Root    string `json:"root"`  // the app's directory
	Out     string `json:"out"`   // the build directory to complete
	Entry   string `json:"entry"` // the generated module worker
	Base    string `json:"base"`
	AppPath string `json:"appPath"`
	Origin  string `json:"origin"`
	Minify  bool   `json:"minify"`
	Client  struct {
		Files      []string `json:"files"`
		Compressed []string `json:"compressed"`
	} `json:"client"`
	Prerendered struct {
		Files      []string `json:"files"`
		Compressed []string `json:"compressed"`
		Paths      []string `json:"paths"`
	} `json:"prerendered"`
	ServerAssets struct {
		Dir   string   `json:"dir"`
		Files []string `json:"files"`
	} `json:"serverAssets"`
	MimeTypes map[string]string `json:"mimeTypes"`
	// Routes, each with the server assets it references (assets: [{file}]; sized here).
	Routes []edge.Route `json:"routes"`
	// Targets is the adapter's targets option (platforms the build must run on).
	Targets []string `json:"targets"`
	// Instrumentation: the app has src/instrumentation.server.js (adapter/instrumentation.js);
	// the bundle lowers async functions so that KitwasmContextManager can follow them.
	Instrumentation bool `json:"instrumentation,omitempty"`
	// Fastly is the adapter's fastly option (package name, backends per host), kept in the
	// manifest for the Compute package (kitwasm build --target fastly).
	Fastly *edge.FastlyOptions `json:"fastly,omitempty"`
}

// ReadHandoff reads the handoff file the npm adapter wrote.
func ReadHandoff(file string) (*Handoff, error) {
	b, err := os.ReadFile(file)
	if err != nil {
		return nil, err
	}
	var h Handoff
	if err := json.Unmarshal(b, &h); err != nil {
		return nil, fmt.Errorf("%s: %w", file, err)
	}
	if h.Version != 1 {
		return nil, fmt.Errorf("%s: handoff version %d; the installed @kitwasm/adapter and kitwasm do not match", file, h.Version)
	}
	return &h, nil
}

// Build files the names of a build directory.
const (
	WorkerFile    = "worker.js"
	BytecodeFile  = "worker.qjsbc"
	ServerAssetsD = "server-assets"
)

// Build completes the build directory: bundles the worker, checks that it loads in the
// runtime, precompiles its bytecode, copies server assets and writes the manifest. Progress
// goes to log, in the style of kit's adapters.
func Build(ctx context.Context, h *Handoff, log io.Writer) (*edge.Manifest, error) {
	start := time.Now()
	b, err := BundleWorker(h.Entry, BundleOptions{Minify: h.Minify, WorkingDir: h.Root, LowerAsync: h.Instrumentation})
	if err != nil {
		return nil, explainBuildError(err, h)
	}
	if err := os.WriteFile(filepath.Join(h.Out, WorkerFile), []byte(b.Code+"//# sourceMappingURL="+WorkerFile+".map\n"), 0o644); err != nil {
		return nil, err
	}
	if err := os.WriteFile(filepath.Join(h.Out, WorkerFile+".map"), []byte(b.SourceMap), 0o644); err != nil {
		return nil, err
	}
	fmt.Fprintf(log, "  ✓ bundled %d modules into %s (%s) in %s\n", len(b.Inputs), WorkerFile, size(len(b.Code)), time.Since(start).Round(time.Millisecond))
	if len(b.FastPaths) > 0 {
		fmt.Fprintf(log, "  ✓ QuickJS fast path for %s (same results, fewer steps in the engine)\n", strings.Join(b.FastPaths, ", "))
	}

	t := time.Now()
	eng, err := wasmhost.NewEngine(ctx, wasmhost.EngineConfig{Log: io.Discard})
	if err != nil {
		return nil, err
	}
	defer eng.Close(ctx)
	w, err := eng.CompileWorker(ctx, WorkerFile, b.Code)
	if err != nil {
		return nil, fmt.Errorf("the bundled worker does not compile in the runtime: %w", err)
	}
	iso, err := eng.NewIsolate(ctx, w, nil)
	if err != nil {
		return nil, fmt.Errorf("the bundled worker fails when loaded in the runtime: %w", err)
	}
	iso.Close()
	if err := os.WriteFile(filepath.Join(h.Out, BytecodeFile), w.Bytecode(), 0o644); err != nil {
		return nil, err
	}
	fmt.Fprintf(log, "  ✓ compiled to QuickJS bytecode (%s) and loaded once in %s\n", size(len(w.Bytecode())), time.Since(t).Round(time.Millisecond))

	m := &edge.Manifest{
		Version: 1, Engine: jsengine.ID(), Worker: WorkerFile, Bytecode: BytecodeFile,
		Base: h.Base, AppPath: h.AppPath, Files: map[string]*edge.Asset{}, Redirects: map[string]string{},
		ServerAssets: ServerAssetsD, Routes: h.Routes, Targets: h.Targets, Fastly: h.Fastly,
	}
	for _, r := range h.Routes {
		if r.Read {
			m.ReadRoutes = append(m.ReadRoutes, r.ID)
		}
	}
	if err := addFiles(m, h, "client", h.Client.Files, h.Client.Compressed, nil); err != nil {
		return nil, err
	}
	if err := addFiles(m, h, "prerendered", h.Prerendered.Files, h.Prerendered.Compressed, h.Prerendered.Paths); err != nil {
		return nil, err
	}
	n, err := copyServerAssets(h)
	if err != nil {
		return nil, err
	}
	if err := sizeRouteAssets(m, h.Out); err != nil {
		return nil, err
	}
	mb, _ := json.MarshalIndent(m, "", "\t")
	if err := os.WriteFile(filepath.Join(h.Out, edge.ManifestFile), mb, 0o644); err != nil {
		return nil, err
	}
	// The sizes of the files read() needs are known only now: check them against the targets
	// (supports.read has checked the routes' config during kit's analysis).
	rep, err := Check(h.Out, m)
	if err != nil {
		return nil, err
	}
	if fails := rep.Failures(); len(fails) > 0 {
		msgs := make([]string, len(fails))
		for i, f := range fails {
			msgs[i] = f.String()
		}
		return nil, fmt.Errorf("the build cannot run on every target in targets (%s):\n%s\n(kitwasm check %s shows every route)",
			strings.Join(rep.Targets, ", "), strings.Join(msgs, "\n"), relOrAbs(h.Root, h.Out))
	}
	fmt.Fprintf(log, "  ✓ manifest: %d static paths, %d redirects, %d server assets, %d routes\n", len(m.Files), len(m.Redirects), n, len(m.Routes))
	if slices.Contains(h.Targets, "cloudflare") {
		if _, err := writeCloudflare(h, m, log); err != nil { // adapter/cloudflare.go
			return nil, fmt.Errorf("writing the Cloudflare layout (%s): %w", CloudflareDir, err)
		}
	}
	fmt.Fprintf(log, "  Run it with: kitwasm serve %s\n", relOrAbs(h.Root, h.Out))
	return m, nil
}

func relOrAbs(root, p string) string {
	if r, err := filepath.Rel(root, p); err == nil && !strings.HasPrefix(r, "..") {
		return r
	}
	return p
}

func size(n int) string {
	if n >= 1<<20 {
		return fmt.Sprintf("%.1f MiB", float64(n)/(1<<20))
	}
	return fmt.Sprintf("%.1f KiB", float64(n)/(1<<10))
}

// addFiles measures the files of one directory ("client" or "prerendered") and adds them to
// the manifest as adapter-node's asset tables do. For prerendered files, paths lists the
// pathnames kit prerendered; only they are keyed, plus a 308 from their other trailing-slash
// form. Client files are keyed by their path, with /foo and /foo/ aliases for HTML files.
func addFiles(m *edge.Manifest, h *Handoff, dir string, files, compressed, paths []string) error {
	zipped := map[string]bool{}
	for _, f := range compressed {
		zipped[f] = true
	}
	measured := map[string]*edge.Asset{}
	root := filepath.Join(h.Out, dir+filepath.FromSlash(h.Base))
	for _, f := range files {
		if hidden(f) {
			continue
		}
		a, err := measure(filepath.Join(root, filepath.FromSlash(f)), path.Join(dir+h.Base, f), zipped[f])
		if err != nil {
			return err
		}
		ext := path.Ext(f)
		a.Type = h.MimeTypes[ext]
		if a.Type == "text/html" {
			a.Type += ";charset=utf-8"
		}
		measured[f] = a
	}
	if paths == nil {
		immutable := "/" + h.AppPath + "/immutable/"
		keys := make([]string, 0, len(measured))
		for f := range measured {
			keys = append(keys, f)
		}
		sort.Strings(keys)
		for _, f := range keys {
			key := h.Base + "/" + f
			if strings.HasPrefix(key, immutable) {
				measured[f].CacheControl = edge.ImmutableCacheControl
			}
			m.Files[key] = measured[f]
		}
		for _, f := range keys { // /foo and /foo/ for foo.html (sorted first) or foo/index.html
			if !strings.HasSuffix(f, ".html") {
				continue
			}
			key := h.Base + "/" + f
			var slash string
			if f == "index.html" || strings.HasSuffix(f, "/index.html") {
				slash = strings.TrimSuffix(key, "index.html")
			} else {
				slash = strings.TrimSuffix(key, ".html") + "/"
			}
			for _, alias := range []string{slash, strings.TrimSuffix(slash, "/")} {
				if _, taken := m.Files[alias]; !taken && alias != "" {
					m.Files[alias] = measured[f]
				}
			}
		}
		return nil
	}
	var keys []string
	for _, p := range paths {
		f := strings.TrimPrefix(p, h.Base+"/")
		if f == "" {
			f = "index.html"
		}
		a := measured[f]
		if a == nil {
			if strings.HasSuffix(f, "/") {
				a = measured[f+"index.html"]
			} else {
				a = measured[f+".html"]
			}
		}
		if a == nil {
			continue
		}
		if _, taken := m.Files[p]; !taken {
			m.Files[p] = a
		}
		keys = append(keys, p)
	}
	for _, k := range keys {
		var inverted string
		if strings.HasSuffix(k, "/") {
			inverted = strings.TrimSuffix(k, "/")
		} else {
			inverted = k + "/"
		}
		if _, taken := m.Files[inverted]; inverted != "" && !taken {
			m.Redirects[inverted] = relativePathname(inverted, k)
		}
	}
	return nil
}

// relativePathname is the relative reference from one form of a path to the other (they
// differ by a trailing slash), as kit writes it.
func relativePathname(from, to string) string {
	parts := strings.Split(strings.TrimSuffix(to, "/"), "/")
	segment := parts[len(parts)-1]
	if strings.HasSuffix(from, "/") {
		return "../" + segment
	}
	return "./" + segment + "/"
}

// hidden files are not served, except below .well-known.
func hidden(f string) bool {
	if strings.HasPrefix(f, ".well-known/") {
		return false
	}
	for _, seg := range strings.Split(f, "/") {
		if strings.HasPrefix(seg, ".") {
			return true
		}
	}
	return false
}

// measure returns the size and SHA-256 ETag (base64url, as adapter-node) of a file and of its
// precompressed variants.
func measure(abs, rel string, zipped bool) (*edge.Asset, error) {
	f, err := os.Open(abs)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	h := sha256.New()
	n, err := io.Copy(h, f)
	if err != nil {
		return nil, err
	}
	a := &edge.Asset{File: rel, Size: n, ETag: base64.RawURLEncoding.EncodeToString(h.Sum(nil))}
	if zipped {
		if st, err := os.Stat(abs + ".gz"); err == nil {
			a.Gzip = st.Size()
		}
		if st, err := os.Stat(abs + ".br"); err == nil {
			a.Brotli = st.Size()
		}
	}
	return a, nil
}

// sizeRouteAssets sets the size of each server asset a route references, from the copy in
// the build directory.
func sizeRouteAssets(m *edge.Manifest, out string) error {
	for i := range m.Routes {
		for j := range m.Routes[i].Assets {
			a := &m.Routes[i].Assets[j]
			st, err := os.Stat(filepath.Join(out, ServerAssetsD, filepath.FromSlash(a.File)))
			if err != nil {
				return fmt.Errorf("route %s: server asset %s: %w", m.Routes[i].ID, a.File, err)
			}
			a.Size = st.Size()
		}
	}
	return nil
}

// copyServerAssets copies the files read() may open into the build.
func copyServerAssets(h *Handoff) (int, error) {
	for _, f := range h.ServerAssets.Files {
		src := filepath.Join(h.ServerAssets.Dir, filepath.FromSlash(f))
		dst := filepath.Join(h.Out, ServerAssetsD, filepath.FromSlash(f))
		if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
			return 0, err
		}
		b, err := os.ReadFile(src)
		if err != nil {
			return 0, err
		}
		if err := os.WriteFile(dst, b, 0o644); err != nil {
			return 0, err
		}
	}
	return len(h.ServerAssets.Files), nil
}

// explainBuildError turns a failed server bundle into a message that says where the problem
// is: for a Node builtin, which route pulls it in and through which imports.
func explainBuildError(err error, h *Handoff) error {
	var be *BuildError
	if !errors.As(err, &be) {
		return err
	}
	var lines []string
	for _, d := range be.Errors {
		msg := d.String()
		if spec := builtinOf(d.Text); spec != "" {
			if chain := importChain(h, d.File, spec); len(chain) > 0 {
				msg += "\n    imported through: " + strings.Join(chain, "\n      <- ")
			}
		}
		lines = append(lines, msg)
	}
	return fmt.Errorf("bundling the server for the kitwasm runtime failed:\n%s", strings.Join(lines, "\n"))
}

var builtinRE = regexp.MustCompile(`^"([^"]+)" is a Node.js builtin`)

func builtinOf(text string) string {
	if m := builtinRE.FindStringSubmatch(text); m != nil {
		return m[1]
	}
	return ""
}

// importChain lists, from the file that imports spec up to the route module that pulls it in,
// the modules on the way, naming the route (kit's output under entries/ mirrors src/routes).
func importChain(h *Handoff, importer, spec string) []string {
	// Bundle again with every Node builtin external, to get the import graph.
	res := api.Build(api.BuildOptions{
		EntryPoints: []string{h.Entry}, Bundle: true, Format: api.FormatESModule, Platform: api.PlatformNeutral,
		Conditions: Conditions, MainFields: []string{"module", "main"}, Metafile: true, Write: false,
		LogLevel: api.LogLevelSilent, AbsWorkingDir: h.Root,
		External: append([]string{"node:*"}, nodeBuiltinList()...), Outdir: filepath.Join(filepath.Dir(h.Entry), "_chain"),
	})
	var meta struct {
		Inputs map[string]struct {
			Imports []struct{ Path string } `json:"imports"`
		} `json:"inputs"`
	}
	if len(res.Errors) > 0 || json.Unmarshal([]byte(res.Metafile), &meta) != nil {
		return nil
	}
	importedBy := map[string][]string{}
	for file, in := range meta.Inputs {
		for _, imp := range in.Imports {
			importedBy[imp.Path] = append(importedBy[imp.Path], file)
		}
	}
	start := ""
	for file := range meta.Inputs {
		if strings.HasSuffix(filepath.ToSlash(importer), file) || strings.HasSuffix(file, filepath.ToSlash(importer)) {
			start = file
		}
	}
	if start == "" {
		return nil
	}
	// Breadth-first up the graph to the nearest route module.
	prev := map[string]string{start: ""}
	queue := []string{start}
	for len(queue) > 0 {
		f := queue[0]
		queue = queue[1:]
		if route := routeOf(h, f); route != "" {
			var chain []string // from the importer of spec up to the route module f
			for g := f; g != ""; g = prev[g] {
				chain = append([]string{g}, chain...)
			}
			chain[len(chain)-1] += " (route " + route + ")"
			return chain
		}
		for _, up := range importedBy[f] {
			if _, seen := prev[up]; !seen {
				prev[up] = f
				queue = append(queue, up)
			}
		}
	}
	return nil
}

// routeOf names the route whose module kit wrote at file (…/entries/pages/<dir>/_page.server.js
// or …/entries/endpoints/<dir>/_server.js), or "".
func routeOf(h *Handoff, file string) string {
	file = filepath.ToSlash(file)
	for _, kind := range []string{"/entries/pages/", "/entries/endpoints/"} {
		i := strings.Index(file, kind)
		if i < 0 {
			continue
		}
		dir := path.Dir(file[i+len(kind):])
		if dir == "." {
			dir = ""
		}
		source := strings.NewReplacer("_page", "+page", "_layout", "+layout", "_server", "+server").Replace(path.Base(file))
		for _, r := range h.Routes {
			if kitOutputDir(r.ID) == dir {
				return fmt.Sprintf("%s, from src/routes%s/%s", r.ID, strings.TrimSuffix(r.ID, "/"), source)
			}
		}
		return "/" + dir
	}
	return ""
}

// kitOutputDir is the directory kit writes a route's modules to: the route id without its
// leading slash, brackets turned into underscores.
func kitOutputDir(id string) string {
	return strings.NewReplacer("[", "_", "]", "_").Replace(strings.TrimPrefix(id, "/"))
}
