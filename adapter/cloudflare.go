package adapter

import (
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/url"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/kitwasm/kitwasm/edge"
)

// The Cloudflare layout that kitwasm build writes when the adapter's targets include
// 'cloudflare': everything `wrangler dev` and `wrangler deploy` need with the repository's
// wrangler.toml.example as the app's wrangler.toml (main and assets.directory name these
// paths), and no other step.
//
//	build/cloudflare/worker.js   the Worker: build/worker.js plus the server assets of the
//	                             routes that embed them (config.kitwasm.read.cloudflare 'embed')
//	build/cloudflare/assets/     the static-assets directory: client files, prerendered pages
//	                             (kit's file names, which html_handling "auto-trailing-slash"
//	                             serves at kit's URLs), _headers and _redirects
//
// The rest of the build (client/, prerendered/, worker.js, manifest.json) is left as it is for
// kitwasm serve. Precompressed variants (.gz, .br) are not uploaded: Cloudflare compresses
// itself, and would serve them as files of their own.
const (
	CloudflareDir       = "cloudflare"
	CloudflareWorker    = "cloudflare/worker.js"
	CloudflareAssetsDir = "cloudflare/assets"
)

// CloudflareGlobal is the global symbol (Symbol.for) under which build/cloudflare/worker.js
// hands its embedded server assets to the reader in adapter/files/entry.js.
const CloudflareGlobal = "kitwasm.cloudflare"

// cloudflareMaxRedirects is the number of static rules a _redirects file may hold
// (https://developers.cloudflare.com/workers/static-assets/redirects/#surpassing-_redirects-limits).
const cloudflareMaxRedirects = 2000

// cloudflareFreeFiles is the number of static assets a Worker version may have on Workers
// Free (https://developers.cloudflare.com/workers/platform/limits/; adapter/targets.json).
const cloudflareFreeFiles = 20000

// CloudflareLayout is what writeCloudflare wrote, for the build's log and for tests.
type CloudflareLayout struct {
	Assets    int      // files in the assets directory, _headers and _redirects not counted
	Redirects int      // rules in _redirects
	Embedded  []string // server assets embedded in the Worker
}

// writeCloudflare writes build/cloudflare (see CloudflareDir) from a completed build.
func writeCloudflare(h *Handoff, m *edge.Manifest, log io.Writer) (*CloudflareLayout, error) {
	root := filepath.Join(h.Out, CloudflareDir)
	if err := os.RemoveAll(root); err != nil {
		return nil, err
	}
	assets := filepath.Join(h.Out, filepath.FromSlash(CloudflareAssetsDir))
	if err := os.MkdirAll(assets, 0o755); err != nil {
		return nil, err
	}
	lay := &CloudflareLayout{}
	base := filepath.FromSlash(h.Base)
	// The client files first: kitwasm serve answers a pathname that both have with the client
	// file (addFiles), and so does this directory.
	var own struct{ headers, redirects []byte }
	// Every static asset has the per-file limit of the 'assets' mode of read(), not only
	// server assets: wrangler refuses to upload a larger file.
	maxFile := Targets().Targets["cloudflare"].Read.Modes["assets"]
	var tooLarge []string
	for _, set := range []struct {
		dir   string
		files []string
	}{{"client", h.Client.Files}, {"prerendered", h.Prerendered.Files}} {
		for _, f := range set.files {
			src := filepath.Join(h.Out, set.dir+base, filepath.FromSlash(f))
			switch {
			case h.Base == "" && f == "_headers":
				b, err := os.ReadFile(src) // the app's own rules (from static/): kept, before ours
				if err != nil {
					return nil, err
				}
				own.headers = b
				continue
			case h.Base == "" && f == "_redirects":
				b, err := os.ReadFile(src)
				if err != nil {
					return nil, err
				}
				own.redirects = b
				continue
			case hidden(f):
				continue
			}
			dst := filepath.Join(assets, base, filepath.FromSlash(f))
			if _, err := os.Lstat(dst); err == nil {
				continue
			}
			if err := linkOrCopy(src, dst); err != nil {
				return nil, err
			}
			lay.Assets++
			if st, err := os.Stat(dst); err == nil && st.Size() > maxFile.MaxFileBytes {
				tooLarge = append(tooLarge, fmt.Sprintf("%s/%s (%s)", set.dir, f, FormatSize(st.Size())))
			}
		}
	}
	if len(tooLarge) > 0 {
		return nil, fmt.Errorf("Cloudflare Workers serves static assets of at most %s each (%s), and these are larger:\n  %s\n"+
			"  fix: make them smaller, serve them from elsewhere (an R2 bucket, another origin), or remove 'cloudflare' from the adapter's targets option",
			FormatSize(maxFile.MaxFileBytes), maxFile.MaxFileSource, strings.Join(tooLarge, "\n  "))
	}
	if lay.Assets > cloudflareFreeFiles {
		fmt.Fprintf(log, "  ! %d static assets: more than the %d per Worker version of Workers Free (Workers Paid: 100,000; %s)\n",
			lay.Assets, cloudflareFreeFiles, maxFile.MaxFileSource)
	}

	// Server assets: an 'assets' route reads its files through env.ASSETS (kit copies the
	// server assets it emits into the client output as well; any it did not are added), an
	// 'embed' route from the Worker bundle.
	embedded := map[string]bool{}
	for _, r := range m.Routes {
		if !r.Read || isPrerendered(r) {
			continue
		}
		mode, ok := routeMode(r, "cloudflare")
		if !ok {
			continue // kitwasm build has failed the build already if cloudflare is a target
		}
		for _, a := range r.Assets {
			switch mode {
			case "embed":
				embedded[a.File] = true
			case "assets":
				dst := filepath.Join(assets, base, filepath.FromSlash(a.File))
				if _, err := os.Lstat(dst); err == nil {
					continue
				}
				if err := linkOrCopy(filepath.Join(h.Out, ServerAssetsD, filepath.FromSlash(a.File)), dst); err != nil {
					return nil, err
				}
				lay.Assets++
			}
		}
	}

	// _headers: kit's immutable files are cached for a year, as kitwasm serve and adapter-node
	// answer them (Cloudflare's default is public, max-age=0, must-revalidate).
	var hb strings.Builder
	if len(own.headers) > 0 {
		hb.Write(own.headers)
		if !strings.HasSuffix(hb.String(), "\n") {
			hb.WriteString("\n")
		}
	}
	fmt.Fprintf(&hb, "# kitwasm build: kit's immutable files (hashed names) are cached for a year.\n%s/%s/immutable/*\n  Cache-Control: %s\n",
		escapePath(h.Base), escapePath(h.AppPath), edge.ImmutableCacheControl)
	if err := os.WriteFile(filepath.Join(assets, "_headers"), []byte(hb.String()), 0o644); err != nil {
		return nil, err
	}

	// _redirects: the other trailing-slash form of each prerendered page answers 308, as kit
	// does (html_handling alone would answer 307).
	var rb strings.Builder
	if len(own.redirects) > 0 {
		rb.Write(own.redirects)
		if !strings.HasSuffix(rb.String(), "\n") {
			rb.WriteString("\n")
		}
		lay.Redirects = strings.Count(string(own.redirects), "\n") // an upper bound: comments count too
	}
	from := make([]string, 0, len(m.Redirects))
	for p := range m.Redirects {
		from = append(from, p)
	}
	sort.Strings(from)
	skipped := 0
	for _, p := range from {
		if lay.Redirects >= cloudflareMaxRedirects {
			skipped++
			continue
		}
		to := p + "/"
		if strings.HasSuffix(p, "/") {
			to = strings.TrimSuffix(p, "/")
		}
		if strings.ContainsAny(p, " \t\n*:") || strings.ContainsAny(to, " \t\n*:") {
			skipped++ // a placeholder or splat in _redirects syntax: left to html_handling
			continue
		}
		fmt.Fprintf(&rb, "%s %s 308\n", escapePath(p), escapePath(to))
		lay.Redirects++
	}
	if err := os.WriteFile(filepath.Join(assets, "_redirects"), []byte(rb.String()), 0o644); err != nil {
		return nil, err
	}
	if skipped > 0 {
		fmt.Fprintf(log, "  ! %d trailing-slash redirects of prerendered pages are not in _redirects (at most %d rules); Cloudflare's html_handling answers them with 307\n", skipped, cloudflareMaxRedirects)
	}

	// The Worker: build/worker.js, and the embedded files handed to its reader.
	lay.Embedded = make([]string, 0, len(embedded))
	for f := range embedded {
		lay.Embedded = append(lay.Embedded, f)
	}
	sort.Strings(lay.Embedded)
	var wb strings.Builder
	wb.WriteString("// Written by kitwasm build for Cloudflare Workers: `wrangler dev` and `wrangler deploy` with\n" +
		"// wrangler.toml.example (main). The app is ../worker.js; the server assets of routes with\n" +
		"// config.kitwasm.read.cloudflare 'embed' are embedded here (base64), for its read().\n")
	files := map[string]string{}
	for _, f := range lay.Embedded {
		b, err := os.ReadFile(filepath.Join(h.Out, ServerAssetsD, filepath.FromSlash(f)))
		if err != nil {
			return nil, fmt.Errorf("embedding server asset %s for Cloudflare: %w", f, err)
		}
		files[f] = base64.StdEncoding.EncodeToString(b)
	}
	g, _ := json.Marshal(map[string]any{"base": h.Base, "files": files})
	fmt.Fprintf(&wb, "globalThis[Symbol.for(%q)] = %s;\nexport { default } from '../%s';\n", CloudflareGlobal, g, WorkerFile)
	if err := os.WriteFile(filepath.Join(h.Out, filepath.FromSlash(CloudflareWorker)), []byte(wb.String()), 0o644); err != nil {
		return nil, err
	}
	fmt.Fprintf(log, "  ✓ Cloudflare: %s (%d embedded server assets) and %d files in %s/ (with _headers, _redirects); wrangler.toml.example runs it\n",
		relOrAbs(h.Root, filepath.Join(h.Out, filepath.FromSlash(CloudflareWorker))), len(lay.Embedded), lay.Assets, relOrAbs(h.Root, assets))
	return lay, nil
}

// escapePath percent-encodes a decoded pathname as it appears in a request's URL.
func escapePath(p string) string {
	return (&url.URL{Path: p}).EscapedPath()
}

// linkOrCopy hard-links src at dst (the build directory holds both), or copies it where links
// are not possible.
func linkOrCopy(src, dst string) error {
	if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
		return err
	}
	if err := os.Link(src, dst); err == nil {
		return nil
	} else if errors.Is(err, os.ErrNotExist) {
		return err
	}
	in, err := os.Open(src)
	if err != nil {
		return err
	}
	defer in.Close()
	out, err := os.Create(dst)
	if err != nil {
		return err
	}
	if _, err := io.Copy(out, in); err != nil {
		out.Close()
		return err
	}
	return out.Close()
}
