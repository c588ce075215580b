package adapter

import (
	"context"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strings"
	"time"

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
	Routes    []edge.Route      `json:"routes"`
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
	b, err := BundleWorker(h.Entry, BundleOptions{Minify: h.Minify})
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
		ServerAssets: ServerAssetsD, Routes: h.Routes,
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
	mb, _ := json.MarshalIndent(m, "", "\t")
	if err := os.WriteFile(filepath.Join(h.Out, edge.ManifestFile), mb, 0o644); err != nil {
		return nil, err
	}
	fmt.Fprintf(log, "  ✓ manifest: %d static paths, %d redirects, %d server assets, %d routes\n", len(m.Files), len(m.Redirects), n, len(m.Routes))
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

// explainBuildError adds what to do to errors of the server bundle.
func explainBuildError(err error, h *Handoff) error {
	return fmt.Errorf("bundling the server for the kitwasm runtime failed:\n%w", err)
}
