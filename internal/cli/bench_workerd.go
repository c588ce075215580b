package cli

// workerd for kitwasm bench: plain `workerd serve` (no wrangler, no Node in the request path)
// with a generated Cap'n Proto configuration. The app is build/worker.js unchanged, with
// compatibility flag nodejs_als (as wrangler.toml.example); static files are answered by a
// disk service over build/client, chosen by a small router worker that knows the list of
// files, as Cloudflare's asset routing answers them before the Worker.

import (
	"encoding/json"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
)

// findWorkerd returns the workerd binary: $KITWASM_WORKERD, workerd on PATH, the npm package
// workerd in the app's node_modules or in the repository's .tools/wrangler (which the wrangler
// tests install), or the copy kitwasm bench installed into its cache directory before. If none
// is found and install is set, it installs the npm package workerd there with npm.
func findWorkerd(app, npm string, install bool, progress func(string, ...any)) (string, error) {
	cands := []string{os.Getenv("KITWASM_WORKERD")}
	if p, err := exec.LookPath("workerd"); err == nil {
		cands = append(cands, p)
	}
	cands = append(cands, filepath.Join(app, "node_modules", "workerd", "bin", "workerd"))
	if root := repoRootFrom(app); root != "" {
		cands = append(cands, filepath.Join(root, ".tools", "wrangler", "node_modules", "workerd", "bin", "workerd"))
	}
	cache := workerdCacheDir()
	cands = append(cands, filepath.Join(cache, "node_modules", "workerd", "bin", "workerd"))
	for _, c := range cands {
		if c == "" {
			continue
		}
		if err := exec.Command(c, "--version").Run(); err == nil {
			return c, nil
		}
	}
	if !install || npm == "" {
		return "", fmt.Errorf("workerd not found: set KITWASM_WORKERD to a workerd binary, `npm install workerd`, or leave it out with --only kitwasm,node")
	}
	progress("installing the npm package workerd into %s", cache)
	if err := os.MkdirAll(cache, 0o755); err != nil {
		return "", err
	}
	cmd := exec.Command(npm, "install", "--prefix", cache, "--no-save", "--no-audit", "--no-fund", "--loglevel=error", "workerd")
	cmd.Env = os.Environ()
	if out, err := cmd.CombinedOutput(); err != nil {
		return "", fmt.Errorf("npm install workerd: %v\n%s", err, out)
	}
	bin := filepath.Join(cache, "node_modules", "workerd", "bin", "workerd")
	if err := exec.Command(bin, "--version").Run(); err != nil {
		return "", fmt.Errorf("npm installed workerd but %s does not run: %v", bin, err)
	}
	return bin, nil
}

func workerdCacheDir() string {
	dir, err := os.UserCacheDir()
	if err != nil {
		dir = os.TempDir()
	}
	return filepath.Join(dir, "kitwasm", "workerd")
}

// repoRootFrom returns the kitwasm repository that holds dir (the one with go.mod and
// cmd/kitwasm), or "".
func repoRootFrom(dir string) string {
	d, err := filepath.Abs(dir)
	if err != nil {
		return ""
	}
	for {
		if _, err := os.Stat(filepath.Join(d, "cmd", "kitwasm")); err == nil {
			if _, err := os.Stat(filepath.Join(d, "go.mod")); err == nil {
				return d
			}
		}
		parent := filepath.Dir(d)
		if parent == d {
			return ""
		}
		d = parent
	}
}

// workerdCompatDate is the compatibility date of the generated configuration: that of
// wrangler.toml.example, or the workerd release's date if the release is older (workerd
// refuses dates after its own).
func workerdCompatDate(bin string) string {
	const want = "2026-11-01"
	out, err := exec.Command(bin, "--version").Output()
	if err != nil {
		return want
	}
	f := strings.Fields(string(out))
	if len(f) == 2 && len(f[1]) == 10 && f[1] < want {
		return f[1]
	}
	return want
}

// routerJS answers the listed static files from the disk service and sends every other request
// to the app.
const routerJS = `const files = new Set(FILES);
export default {
	fetch(request, env) {
		if (request.method === 'GET' || request.method === 'HEAD') {
			const path = decodeURIComponent(new URL(request.url).pathname);
			if (files.has(path)) return env.STATIC.fetch(request);
		}
		return env.APP.fetch(request);
	}
};
`

// writeWorkerdConfig writes into dir a workerd configuration that serves the kitwasm build
// in build (its worker.js, and the static files in build/client) on addr, and returns the
// configuration file's path.
func writeWorkerdConfig(dir, build, addr, compatDate string) (string, error) {
	client, err := filepath.Abs(filepath.Join(build, "client"))
	if err != nil {
		return "", err
	}
	var files []string
	_ = filepath.WalkDir(client, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return nil
		}
		if ext := filepath.Ext(p); ext == ".br" || ext == ".gz" {
			if _, err := os.Stat(strings.TrimSuffix(p, ext)); err == nil {
				return nil // a precompressed variant
			}
		}
		rel, _ := filepath.Rel(client, p)
		files = append(files, "/"+filepath.ToSlash(rel))
		return nil
	})
	list, _ := json.Marshal(files)
	worker, err := os.ReadFile(filepath.Join(build, "worker.js"))
	if err != nil {
		return "", fmt.Errorf("the kitwasm build has no worker.js: %w", err)
	}
	if err := os.WriteFile(filepath.Join(dir, "worker.js"), worker, 0o644); err != nil {
		return "", err
	}
	if err := os.WriteFile(filepath.Join(dir, "router.js"), []byte(strings.Replace(routerJS, "FILES", string(list), 1)), 0o644); err != nil {
		return "", err
	}
	conf := fmt.Sprintf(`using Workerd = import "/workerd/workerd.capnp";

const config :Workerd.Config = (
  services = [
    (name = "main", worker = .router),
    (name = "app", worker = .app),
    (name = "static", disk = (path = %q, writable = false)),
  ],
  sockets = [(name = "http", address = %q, http = (), service = "main")],
);

const app :Workerd.Worker = (
  modules = [(name = "worker.js", esModule = embed "worker.js")],
  compatibilityDate = %q,
  compatibilityFlags = ["nodejs_als"],
);

const router :Workerd.Worker = (
  modules = [(name = "router.js", esModule = embed "router.js")],
  compatibilityDate = %q,
  bindings = [(name = "APP", service = "app"), (name = "STATIC", service = "static")],
);
`, client, addr, compatDate, compatDate)
	path := filepath.Join(dir, "config.capnp")
	return path, os.WriteFile(path, []byte(conf), 0o644)
}
