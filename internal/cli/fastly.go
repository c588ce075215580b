package cli

import (
	"archive/tar"
	"bytes"
	"compress/gzip"
	"context"
	"crypto/sha256"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime/debug"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/kitwasm/kitwasm/adapter"
	"github.com/kitwasm/kitwasm/edge"
	"github.com/kitwasm/kitwasm/wasmhost"
	"github.com/kitwasm/kitwasm/wasmhost/translated/translate"
)

// The Fastly Compute package (issue 9): kitwasm build --target fastly <build dir>, and the
// adapter with 'fastly' in targets. The package is a GOOS=wasip1 Go program (edge/fastly's
// Main) built in a Go workspace in the user's cache: the engine translated to Go (package
// translate, cached by engine ID), the kitwasm module's source, and a generated main module
// that embeds the build, the worker's bytecode and a snapshot taken here by the wazero engine
// (so that no instance evaluates the Web layer or the app).

// FastlyDir is the package's directory inside the build directory.
const FastlyDir = "fastly"

// FastlyPackage describes a package written by buildFastly.
type FastlyPackage struct {
	Name    string
	Dir     string // build/fastly/<name>: fastly.toml and bin/main.wasm
	Wasm    string // build/fastly/<name>/bin/main.wasm
	Archive string // build/fastly/<name>.tar.gz, for fastly compute deploy --package
	// WasmBytes and ArchiveBytes are the sizes of main.wasm and of the archive.
	WasmBytes, ArchiveBytes int64
	// Translate, Snapshot and Compile are the durations of the steps; Translated says
	// whether the engine was translated (false: found in the cache).
	Translate, Snapshot, Compile, Total time.Duration
	Translated                          bool
}

// fastlyWorkerName is the worker's name in the snapshot and in the package (not in the key,
// but the same on both sides).
const fastlyWorkerName = adapter.WorkerFile

var fastlyNameRE = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9._-]*$`)

// buildFastly writes build/fastly/<name>.tar.gz for the build in dir (manifest m).
func buildFastly(ctx context.Context, dir string, m *edge.Manifest, log io.Writer) (*FastlyPackage, error) {
	start := time.Now()
	dir, err := filepath.Abs(dir)
	if err != nil {
		return nil, err
	}
	opts := edge.FastlyOptions{}
	if m.Fastly != nil {
		opts = *m.Fastly
	}
	if opts.Name == "" {
		opts.Name = defaultFastlyName(dir)
	}
	if !fastlyNameRE.MatchString(opts.Name) {
		return nil, fmt.Errorf("fastly package name %q: use letters, digits, '.', '_' and '-' (adapter option fastly.name)", opts.Name)
	}
	for host, backend := range opts.Backends {
		if host == "" || strings.ContainsAny(host, "/ ") || backend == "" {
			return nil, fmt.Errorf("fastly.backends: %q → %q: want a host (api.example.com, or host:port) mapped to a backend name", host, backend)
		}
	}
	goBin, src, err := goAndSource(ctx, "the fastly target builds a Wasm program")
	if err != nil {
		return nil, err
	}
	cache, err := translate.DefaultCacheDir()
	if err != nil {
		return nil, err
	}
	pkg := &FastlyPackage{Name: opts.Name, Dir: filepath.Join(dir, FastlyDir, opts.Name)}
	pkg.Wasm = filepath.Join(pkg.Dir, "bin", "main.wasm")
	pkg.Archive = filepath.Join(dir, FastlyDir, opts.Name+".tar.gz")

	if err := os.MkdirAll(filepath.Dir(cache), 0o755); err != nil {
		return nil, err
	}
	unlock, err := lockFile(filepath.Join(filepath.Dir(cache), "fastly.lock"))
	if err != nil {
		return nil, err
	}
	defer unlock()
	fmt.Fprintf(log, "  fastly: translating the engine to Go with %s (cached by engine ID)...\n", translate.Wasm2Go)
	t := time.Now()
	tr, err := translate.Generate(ctx, cache)
	if err != nil {
		return nil, fmt.Errorf("translate the engine: %w", err)
	}
	pkg.Translate, pkg.Translated = time.Since(t), tr.Fresh
	how := "from the cache"
	if tr.Fresh {
		how = "translated"
	}
	fmt.Fprintf(log, "  ✓ fastly: engine %s in %s (%s)\n", how, pkg.Translate.Round(time.Millisecond), tr.Dir)

	ws, err := fastlyWorkspace(dir, cache)
	if err != nil {
		return nil, err
	}
	t = time.Now()
	if err := writeFastlySnapshot(ctx, dir, m, filepath.Join(ws, "app.kwsnap")); err != nil {
		return nil, err
	}
	pkg.Snapshot = time.Since(t)
	fmt.Fprintf(log, "  ✓ fastly: snapshot of the initialised app taken in %s\n", pkg.Snapshot.Round(time.Millisecond))

	if err := writeFastlyMain(ws, dir, m, opts, tr, src); err != nil {
		return nil, err
	}
	if err := os.MkdirAll(filepath.Dir(pkg.Wasm), 0o755); err != nil {
		return nil, err
	}
	fmt.Fprintf(log, "  fastly: compiling main.wasm (GOOS=wasip1 GOARCH=wasm go build; about a minute without Go's build cache)...\n")
	t = time.Now()
	cmd := exec.CommandContext(ctx, goBin, "build", "-trimpath", "-ldflags=-s -w", "-o", pkg.Wasm, ".")
	cmd.Dir = ws
	cmd.Env = append(os.Environ(), "GOOS=wasip1", "GOARCH=wasm", "CGO_ENABLED=0",
		"GOWORK="+filepath.Join(ws, "go.work"), "GOFLAGS=-mod=readonly")
	var stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stderr, &stderr
	if err := cmd.Run(); err != nil {
		return nil, fmt.Errorf("go build of the Compute program (in %s): %w\n%s", ws, err, strings.TrimSpace(stderr.String()))
	}
	pkg.Compile = time.Since(t)
	os.RemoveAll(ws) // kept only when the build failed, to look into
	if fi, err := os.Stat(pkg.Wasm); err == nil {
		pkg.WasmBytes = fi.Size()
	}
	fmt.Fprintf(log, "  ✓ fastly: main.wasm (%s) compiled in %s\n", adapter.FormatSize(pkg.WasmBytes), pkg.Compile.Round(time.Millisecond))

	toml := fastlyTOML(opts, relOrAbs(dir))
	if err := os.WriteFile(filepath.Join(pkg.Dir, "fastly.toml"), []byte(toml), 0o644); err != nil {
		return nil, err
	}
	if pkg.ArchiveBytes, err = writeFastlyArchive(pkg); err != nil {
		return nil, err
	}
	limit, source := fastlyPackageLimit()
	if pkg.ArchiveBytes > limit {
		return nil, fmt.Errorf("the Compute package %s is %s, over Fastly's limit of %s (%s): embed fewer or smaller files (static files, server assets)",
			pkg.Archive, adapter.FormatSize(pkg.ArchiveBytes), adapter.FormatSize(limit), source)
	}
	pkg.Total = time.Since(start)
	fmt.Fprintf(log, "  ✓ fastly: %s (%s; main.wasm %s; limit %s) in %s\n", pkg.Archive, adapter.FormatSize(pkg.ArchiveBytes), adapter.FormatSize(pkg.WasmBytes), adapter.FormatSize(limit), pkg.Total.Round(time.Millisecond))
	fmt.Fprintf(log, "  Deploy it with: fastly compute deploy --package %s\n", pkg.Archive)
	return pkg, nil
}

func relOrAbs(p string) string {
	if wd, err := os.Getwd(); err == nil {
		if r, err := filepath.Rel(wd, p); err == nil && !strings.HasPrefix(r, "..") {
			return r
		}
	}
	return p
}

// fastlyPackageLimit is Fastly's package size limit, from adapter/targets.json.
func fastlyPackageLimit() (int64, string) {
	if t, ok := adapter.Targets().Targets["fastly"]; ok {
		if m, ok := t.Read.Modes["embed"]; ok && m.MaxTotalBytes > 0 {
			return m.MaxTotalBytes, m.MaxTotalSource
		}
	}
	return 100 << 20, "https://docs.fastly.com/products/compute-resource-limits"
}

// defaultFastlyName is the app directory's name (the build directory's parent), made a
// valid package name.
func defaultFastlyName(dir string) string {
	abs, _ := filepath.Abs(dir)
	name := regexp.MustCompile(`[^A-Za-z0-9._-]+`).ReplaceAllString(filepath.Base(filepath.Dir(abs)), "-")
	name = strings.TrimLeft(name, "._-")
	if name == "" {
		name = "kitwasm-app"
	}
	return name
}

// goModVersion is the go directive of kitwasm's go.mod: the least Go that builds the package.
func goModVersion(src string) string {
	b, err := os.ReadFile(filepath.Join(src, "go.mod"))
	if err == nil {
		if m := regexp.MustCompile(`(?m)^go (\S+)`).FindSubmatch(b); m != nil {
			return string(m[1])
		}
	}
	return "1.26"
}

// goAndSource finds the go command and kitwasm's source to build a program from (the Compute
// package, or a native kitwasm with the translated engine); what says what is built, for the
// error when go is missing.
func goAndSource(ctx context.Context, what string) (goBin, src string, err error) {
	need := ""
	if src, err := kitwasmSource(ctx, ""); err == nil {
		need = goModVersion(src) // go.mod's go directive: the least Go that builds the program
	}
	if goBin, err = checkGo(need, what); err != nil {
		return "", "", err
	}
	src, err = kitwasmSource(ctx, goBin)
	return goBin, src, err
}

// checkGo finds the go command; need is the Go version kitwasm's go.mod asks for ("": that of
// the Go that built this binary). An older go is refused by go build itself, naming the version.
func checkGo(need, what string) (string, error) {
	goBin, err := exec.LookPath("go")
	if err != nil {
		if need == "" {
			need = "1.26"
			if bi, ok := debug.ReadBuildInfo(); ok {
				need = strings.TrimPrefix(bi.GoVersion, "go")
			}
		}
		return "", fmt.Errorf("%s with Go, and `go` is not on PATH: install Go %s or later (https://go.dev/dl/) and run the build again", what, need)
	}
	return goBin, nil
}

// kitwasmSource finds the kitwasm module's source for the workspace: KITWASM_SRC; the checkout
// this binary or the working directory is in; or, for a released binary, the module at its
// version from the module proxy (go mod download; not tried when goBin is "").
func kitwasmSource(ctx context.Context, goBin string) (string, error) {
	if s := os.Getenv("KITWASM_SRC"); s != "" {
		if !isKitwasmModule(s) {
			return "", fmt.Errorf("KITWASM_SRC=%s is not the kitwasm module's source (no go.mod with module github.com/kitwasm/kitwasm)", s)
		}
		return filepath.Abs(s)
	}
	var starts []string
	if exe, err := os.Executable(); err == nil {
		if r, err := filepath.EvalSymlinks(exe); err == nil {
			exe = r
		}
		starts = append(starts, filepath.Dir(exe))
	}
	if wd, err := os.Getwd(); err == nil {
		starts = append(starts, wd)
	}
	for _, d := range starts {
		for {
			if isKitwasmModule(d) {
				return d, nil
			}
			parent := filepath.Dir(d)
			if parent == d {
				break
			}
			d = parent
		}
	}
	if bi, ok := debug.ReadBuildInfo(); ok && goBin != "" && bi.Main.Path == "github.com/kitwasm/kitwasm" && bi.Main.Version != "" && bi.Main.Version != "(devel)" {
		out, err := exec.CommandContext(ctx, goBin, "mod", "download", "-json", bi.Main.Path+"@"+bi.Main.Version).Output()
		if err == nil {
			var info struct{ Dir string }
			if json.Unmarshal(out, &info) == nil && isKitwasmModule(info.Dir) {
				return info.Dir, nil
			}
		}
	}
	return "", errors.New("building a program with Go (the fastly target, or kitwasm serve --engine wasm2go) needs the kitwasm module's Go source and did not find it: set KITWASM_SRC to a kitwasm checkout, or run a kitwasm built from one")
}

func isKitwasmModule(dir string) bool {
	b, err := os.ReadFile(filepath.Join(dir, "go.mod"))
	return err == nil && regexp.MustCompile(`(?m)^module github\.com/kitwasm/kitwasm\s*$`).Match(b)
}

// fastlyWorkspace is the directory where the build's main module is generated: one per build
// directory (by its absolute path) beside the translations, emptied first and removed after a
// successful build.
func fastlyWorkspace(dir, cache string) (string, error) {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return "", err
	}
	ws := filepath.Join(filepath.Dir(cache), "fastly", fmt.Sprintf("%x", sha256.Sum256([]byte(abs)))[:16])
	if err := os.RemoveAll(ws); err != nil {
		return "", err
	}
	return ws, os.MkdirAll(ws, 0o755)
}

// writeFastlySnapshot takes the snapshot the package restores for every request: the app
// initialised by the wazero engine, for the worker's bytecode and the package's env (none).
func writeFastlySnapshot(ctx context.Context, dir string, m *edge.Manifest, path string) error {
	eng, err := wasmhost.NewEngine(ctx, wasmhost.EngineConfig{Log: io.Discard})
	if err != nil {
		return err
	}
	defer eng.Close(ctx)
	w, err := fastlyWorker(ctx, eng, dir, m)
	if err != nil {
		return err
	}
	pool, err := wasmhost.NewPool(ctx, eng, wasmhost.PoolConfig{
		Worker: w, Env: map[string]string{}, Assets: os.DirFS(filepath.Join(dir, m.ServerAssets)),
		MinIdle: 1, MaxIsolates: 1,
	})
	if err != nil {
		return fmt.Errorf("initialising the app for the snapshot: %w", err)
	}
	defer pool.Close()
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	if err := pool.WriteSnapshot(f); err != nil {
		f.Close()
		return fmt.Errorf("write the snapshot: %w", err)
	}
	return f.Close()
}

// fastlyWorker is the build's worker: its bytecode when it was compiled for this engine,
// else compiled again from worker.js (written into the package instead).
func fastlyWorker(ctx context.Context, eng *wasmhost.Engine, dir string, m *edge.Manifest) (*wasmhost.Worker, error) {
	app, err := loadBuild(dir, io.Discard)
	if err != nil {
		return nil, err
	}
	if app.bytecode != nil {
		return wasmhost.WorkerFromBytecode(fastlyWorkerName, app.bytecode), nil
	}
	w, err := eng.CompileWorker(ctx, fastlyWorkerName, app.code)
	if err != nil {
		return nil, fmt.Errorf("compile %s: %w", m.Worker, err)
	}
	return w, nil
}

// fastlyMainSource is the generated main package: everything is edge/fastly's Main; this file
// only embeds the build and names the translated engine.
const fastlyMainSource = `// Code generated by kitwasm build --target fastly. DO NOT EDIT.

// Command main is the Fastly Compute program of one kitwasm build.
package main

import (
	"embed"
	_ "embed"
	"io/fs"

	"github.com/kitwasm/kitwasm/edge/fastly"
	"github.com/kitwasm/kitwasm/wasmhost/translated"
	engine "%[1]s"
)

//go:embed app.kwsnap
var snapshot []byte

//go:embed worker.qjsbc
var bytecode []byte

//go:embed manifest.json
var manifest []byte

//go:embed fastly.json
var config []byte

//go:embed all:files
var files embed.FS

func main() {
	build, err := fs.Sub(files, "files")
	if err != nil {
		panic(err)
	}
	fastly.Main(fastly.Package{
		Backend: translated.NewBackend(func(h *translated.Host) translated.Module { return engine.New(h, h) }, engine.ModuleID),
		Snapshot: snapshot, WorkerName: %[2]q, Bytecode: bytecode,
		Manifest: manifest, Config: config, Files: build,
	})
}
`

// writeFastlyMain writes the main module into ws: main.go, go.mod, go.work (this module, the
// translated engine's and kitwasm's source), and the files it embeds.
func writeFastlyMain(ws, dir string, m *edge.Manifest, opts edge.FastlyOptions, tr *translate.Translation, src string) error {
	enginePkg := translate.ModulePath + "/" + translate.PackageName
	main := fmt.Sprintf(fastlyMainSource, enginePkg, fastlyWorkerName)
	gomod := fmt.Sprintf("// Generated by kitwasm build --target fastly. DO NOT EDIT.\nmodule kitwasm.local/app\n\ngo %s\n\nrequire github.com/fastly/compute-sdk-go v1.9.0\n", goModVersion(src))
	work := fmt.Sprintf("go %s\n\nuse (\n\t.\n\t%s\n\t%s\n)\n", goModVersion(src), tr.Dir, src)
	cfg, _ := json.Marshal(struct {
		Name     string            `json:"name"`
		Backends map[string]string `json:"backends,omitempty"`
	}{opts.Name, opts.Backends})
	mb, _ := json.Marshal(m)
	for name, b := range map[string][]byte{"main.go": []byte(main), "go.mod": []byte(gomod), "go.work": []byte(work), "fastly.json": cfg, "manifest.json": mb} {
		if err := os.WriteFile(filepath.Join(ws, name), b, 0o644); err != nil {
			return err
		}
	}
	// The bytecode: the build's, or compiled again if the engine changed (the snapshot was
	// taken for the same bytes: fastlyWorker).
	app, err := loadBuild(dir, io.Discard)
	if err != nil {
		return err
	}
	bc := app.bytecode
	if bc == nil {
		eng, err := wasmhost.NewEngine(context.Background(), wasmhost.EngineConfig{Log: io.Discard})
		if err != nil {
			return err
		}
		defer eng.Close(context.Background())
		w, err := eng.CompileWorker(context.Background(), fastlyWorkerName, app.code)
		if err != nil {
			return err
		}
		bc = w.Bytecode()
	}
	if err := os.WriteFile(filepath.Join(ws, "worker.qjsbc"), bc, 0o644); err != nil {
		return err
	}
	files := filepath.Join(ws, "files")
	for _, sub := range []string{"client", "prerendered", m.ServerAssets} {
		if sub == "" {
			continue
		}
		if err := copyTree(filepath.Join(dir, sub), filepath.Join(files, sub)); err != nil {
			return err
		}
	}
	return os.MkdirAll(files, 0o755)
}

// copyTree copies the regular files below from into to (a missing from is no error).
func copyTree(from, to string) error {
	return filepath.WalkDir(from, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			if errors.Is(err, fs.ErrNotExist) && p == from {
				return nil
			}
			return err
		}
		rel, _ := filepath.Rel(from, p)
		dst := filepath.Join(to, rel)
		if d.IsDir() {
			return os.MkdirAll(dst, 0o755)
		}
		if !d.Type().IsRegular() {
			return nil
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		return os.WriteFile(dst, b, 0o644)
	})
}

// fastlyTOML is the package's fastly.toml: the manifest fastly compute deploy reads, with the
// backends for local runs (fastly compute serve) under [local_server.backends].
func fastlyTOML(opts edge.FastlyOptions, buildDir string) string {
	var b strings.Builder
	fmt.Fprintf(&b, "# Generated by kitwasm build --target fastly. Deploy with: fastly compute deploy --package <this package's .tar.gz>\n")
	fmt.Fprintf(&b, "manifest_version = 3\nname = %s\ndescription = %s\nlanguage = \"other\"\n\n",
		strconv.Quote(opts.Name), strconv.Quote("A SvelteKit app built with @kitwasm/adapter"))
	fmt.Fprintf(&b, "[scripts]\nbuild = %s\n", strconv.Quote("kitwasm build --target fastly "+buildDir))
	hosts := make([]string, 0, len(opts.Backends))
	for h := range opts.Backends {
		hosts = append(hosts, h)
	}
	sort.Strings(hosts)
	seen := map[string]bool{}
	for _, h := range hosts {
		name := opts.Backends[h]
		if seen[name] {
			continue
		}
		seen[name] = true
		fmt.Fprintf(&b, "\n[local_server.backends.%s]\nurl = %s\noverride_host = %s\n", strconv.Quote(name), strconv.Quote("https://"+h), strconv.Quote(strings.Split(h, ":")[0]))
	}
	return b.String()
}

// writeFastlyArchive packs <name>/fastly.toml and <name>/bin/main.wasm into pkg.Archive, the
// layout fastly compute pack writes and fastly compute deploy --package takes.
func writeFastlyArchive(pkg *FastlyPackage) (int64, error) {
	f, err := os.Create(pkg.Archive)
	if err != nil {
		return 0, err
	}
	zw := gzip.NewWriter(f)
	tw := tar.NewWriter(zw)
	// Directory entries first, as tar -czf <name> writes them.
	for _, d := range []string{pkg.Name + "/", pkg.Name + "/bin/"} {
		if err := tw.WriteHeader(&tar.Header{Name: d, Mode: 0o755, ModTime: time.Now(), Typeflag: tar.TypeDir}); err != nil {
			f.Close()
			return 0, err
		}
	}
	for _, rel := range []string{"fastly.toml", "bin/main.wasm"} {
		b, err := os.ReadFile(filepath.Join(pkg.Dir, filepath.FromSlash(rel)))
		if err != nil {
			f.Close()
			return 0, err
		}
		hdr := &tar.Header{Name: pkg.Name + "/" + rel, Mode: 0o644, Size: int64(len(b)), ModTime: time.Now(), Typeflag: tar.TypeReg}
		if err := tw.WriteHeader(hdr); err != nil {
			f.Close()
			return 0, err
		}
		if _, err := tw.Write(b); err != nil {
			f.Close()
			return 0, err
		}
	}
	if err := tw.Close(); err != nil {
		f.Close()
		return 0, err
	}
	if err := zw.Close(); err != nil {
		f.Close()
		return 0, err
	}
	if err := f.Close(); err != nil {
		return 0, err
	}
	fi, err := os.Stat(pkg.Archive)
	if err != nil {
		return 0, err
	}
	return fi.Size(), nil
}
