package edge

import (
	"io"
	"net/http"
	"os"
	"path/filepath"

	"github.com/kitwasm/kitwasm/edge/assets"
)

// Static serves a build's static files (client assets, prerendered pages) from the manifest
// without entering JavaScript, and passes every other request to Next. The rules are those of
// @sveltejs/adapter-node, so that a kitwasm build answers as a Node one does: exact pathname
// lookup after kit's decoding, 405 for other methods than GET/HEAD, 308 from the non-canonical
// trailing-slash form of a prerendered page, ETag and If-None-Match, precompressed variants
// negotiated by Accept-Encoding, byte ranges, and immutable caching below _app/immutable.
// The decisions are assets.Decide's (net/http-free, shared with the Fastly Compute entry);
// this type maps them onto net/http and the build directory's files.
type Static struct {
	Dir      string // the build directory
	Manifest *Manifest
	Next     http.Handler
}

// NewStatic returns a Static for the build in dir.
func NewStatic(dir string, m *Manifest, next http.Handler) *Static {
	return &Static{Dir: dir, Manifest: m, Next: next}
}

// ImmutableCacheControl is the Cache-Control of files below <appPath>/immutable/.
const ImmutableCacheControl = assets.ImmutableCacheControl

func (s *Static) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	a := assets.Decide(s.Manifest, r.Method, r.RequestURI, r.Header.Values)
	if a.Status == 0 {
		s.Next.ServeHTTP(w, r)
		return
	}
	h := w.Header()
	for _, kv := range a.Header {
		h.Set(kv[0], kv[1])
	}
	if a.File == "" {
		w.WriteHeader(a.Status)
		return
	}
	f, err := os.Open(filepath.Join(s.Dir, filepath.FromSlash(a.File)))
	if err != nil {
		http.Error(w, "file listed in the manifest is missing: "+a.File, http.StatusInternalServerError)
		return
	}
	defer f.Close()
	w.WriteHeader(a.Status)
	if !a.Body {
		return
	}
	if a.Offset > 0 {
		f.Seek(a.Offset, io.SeekStart)
	}
	io.CopyN(w, f, a.Length)
}

// splitURL and decodeURI are assets.SplitURL and assets.DecodeURI (the fuzz targets' names).
var (
	splitURL  = assets.SplitURL
	decodeURI = assets.DecodeURI
)
