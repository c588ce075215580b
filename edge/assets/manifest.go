package assets

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
)

// Manifest describes a kitwasm build directory (written by `kitwasm build`, read by `kitwasm
// serve`): the worker, and every file that is served without entering JavaScript.
type Manifest struct {
	Version int `json:"version"`
	// Engine identifies the engine the bytecode was compiled for; on a mismatch the worker
	// is compiled again from Worker.
	Engine   string `json:"engine"`
	Worker   string `json:"worker"`   // the bundled module worker, relative to the build directory
	Bytecode string `json:"bytecode"` // its QuickJS bytecode
	Base     string `json:"base"`     // kit's paths.base, e.g. "" or "/docs"
	AppPath  string `json:"appPath"`  // e.g. "_app"
	// Files maps a URL pathname to a static file (client assets and prerendered pages).
	Files map[string]*Asset `json:"files"`
	// Redirects maps a pathname to a relative location answered with 308: the non-canonical
	// trailing-slash form of a prerendered page.
	Redirects map[string]string `json:"redirects"`
	// ServerAssets is the directory (relative) holding the files read() may open.
	ServerAssets string   `json:"serverAssets"`
	Routes       []Route  `json:"routes"`
	ReadRoutes   []string `json:"readRoutes"` // ids of routes whose server code uses read()
	// Targets are the platforms the build must run on (adapter option targets; none means
	// kitwasm only). `kitwasm check` answers for them and for every other known target.
	Targets []string `json:"targets,omitempty"`
	// Fastly is the adapter's fastly option, kept for kitwasm build --target fastly.
	Fastly *FastlyOptions `json:"fastly,omitempty"`
}

// FastlyOptions configure the Fastly Compute package (adapter option fastly).
type FastlyOptions struct {
	// Name is the package's name (fastly.toml's name, build/fastly/<name>.tar.gz).
	Name string `json:"name,omitempty"`
	// Backends maps a host (name or name:port) the worker may fetch to the name of the
	// Compute backend that reaches it; other hosts are refused, as --allow-fetch does.
	Backends map[string]string `json:"backends,omitempty"`
}

// Asset is one static file.
type Asset struct {
	File         string `json:"file"` // relative to the build directory
	Size         int64  `json:"size"`
	ETag         string `json:"etag"` // without quotes
	Type         string `json:"type,omitempty"`
	CacheControl string `json:"cacheControl,omitempty"`
	Gzip         int64  `json:"gz,omitempty"` // size of File+".gz", if present
	Brotli       int64  `json:"br,omitempty"` // size of File+".br", if present
}

// Route is one of the app's routes, as kit describes it.
type Route struct {
	ID        string         `json:"id"`
	Pattern   string         `json:"pattern"`
	Prerender any            `json:"prerender"`
	Config    map[string]any `json:"config"`
	Methods   []string       `json:"methods"`
	Read      bool           `json:"read"`
	// Assets are the server assets the route's server code references (kit's
	// findServerAssets for this route), sized by kitwasm build; none for prerendered routes.
	Assets []ServerAsset `json:"assets,omitempty"`
}

// ServerAsset is one file of the build's server assets: its name relative to the assets root
// (e.g. _app/immutable/assets/data.X.txt) and its size in bytes.
type ServerAsset struct {
	File string `json:"file"`
	Size int64  `json:"size"`
}

// ManifestFile is the manifest's name inside a build directory.
const ManifestFile = "manifest.json"

// ReadManifest reads dir/manifest.json.
func ReadManifest(dir string) (*Manifest, error) {
	b, err := os.ReadFile(filepath.Join(dir, ManifestFile))
	if err != nil {
		if os.IsNotExist(err) {
			return nil, fmt.Errorf("%s has no %s: is it a build directory written by @kitwasm/adapter (npx vite build)?", dir, ManifestFile)
		}
		return nil, err
	}
	var m Manifest
	if err := json.Unmarshal(b, &m); err != nil {
		return nil, fmt.Errorf("%s: %w", filepath.Join(dir, ManifestFile), err)
	}
	if m.Version != 1 {
		return nil, fmt.Errorf("%s: manifest version %d is not supported by this kitwasm; rebuild the app", dir, m.Version)
	}
	return &m, nil
}
