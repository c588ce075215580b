package cli

import (
	"context"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"time"

	"github.com/kitwasm/kitwasm/adapter"
	"github.com/kitwasm/kitwasm/edge"
	"github.com/kitwasm/kitwasm/jsengine"
	"github.com/kitwasm/kitwasm/wasmhost"
)

// loadedApp is what serve runs: a bundled worker, and for a build its manifest and assets.
type loadedApp struct {
	name     string
	path     string // the build directory or the worker file
	code     string // the bundled module
	srcmap   []byte // its source map, if any
	bytecode []byte // precompiled, if valid for this engine
	manifest *edge.Manifest
	assets   fs.FS
}

func loadWorker(file string, out io.Writer) (*loadedApp, error) {
	t := time.Now()
	b, err := adapter.BundleWorker(file, adapter.BundleOptions{})
	if err != nil {
		return nil, err
	}
	fmt.Fprintf(out, "  worker    %s (%d files, %s, bundled in %s)\n", file, len(b.Inputs), adapter.FormatSize(int64(len(b.Code))), since(t))
	return &loadedApp{name: filepath.Base(file), path: file, code: b.Code, srcmap: []byte(b.SourceMap)}, nil
}

func loadBuild(dir string, out io.Writer) (*loadedApp, error) {
	m, err := edge.ReadManifest(dir)
	if err != nil {
		return nil, err
	}
	code, err := os.ReadFile(filepath.Join(dir, m.Worker))
	if err != nil {
		return nil, err
	}
	app := &loadedApp{name: m.Worker, path: dir, code: string(code), manifest: m, assets: os.DirFS(filepath.Join(dir, m.ServerAssets))}
	app.srcmap, _ = os.ReadFile(filepath.Join(dir, m.Worker+".map")) // optional: positions in logs
	if m.Engine == jsengine.ID() {
		if app.bytecode, err = os.ReadFile(filepath.Join(dir, m.Bytecode)); err != nil {
			return nil, err
		}
	}
	fmt.Fprintf(out, "  app       %s (%s worker, %d static paths)\n", dir, adapter.FormatSize(int64(len(code))), len(m.Files))
	return app, nil
}

// worker compiles the app for eng, or takes its precompiled bytecode (eng may then be nil).
func (a *loadedApp) worker(ctx context.Context, eng *wasmhost.Engine) (*wasmhost.Worker, error) {
	var w *wasmhost.Worker
	if a.bytecode != nil {
		w = wasmhost.WorkerFromBytecode(a.name, a.bytecode)
	} else {
		var err error
		if w, err = eng.CompileWorker(ctx, a.name, a.code); err != nil {
			return nil, fmt.Errorf("compile %s: %w", a.name, err)
		}
	}
	if len(a.srcmap) > 0 {
		if err := w.SetSourceMap(a.srcmap); err != nil {
			return nil, fmt.Errorf("%s.map: %w", a.name, err)
		}
	}
	return w, nil
}

// prepareWorker starts making the app's worker, and returns a function that waits for it.
// With precompiled bytecode the engine is not needed, and the work (parsing the source map:
// ~15-25 ms of CPU for a kit app's ~1 MB map) runs beside the engine's compile, on another
// core, instead of after it; without, the worker is compiled with the engine when asked.
func (a *loadedApp) prepareWorker(ctx context.Context) func(eng *wasmhost.Engine) (*wasmhost.Worker, error) {
	if a.bytecode == nil {
		return func(eng *wasmhost.Engine) (*wasmhost.Worker, error) { return a.worker(ctx, eng) }
	}
	type made struct {
		w   *wasmhost.Worker
		err error
	}
	done := make(chan made, 1)
	go func() {
		w, err := a.worker(ctx, nil)
		done <- made{w, err}
	}()
	return func(*wasmhost.Engine) (*wasmhost.Worker, error) {
		m := <-done
		return m.w, m.err
	}
}

// snapshotFile is where the app's snapshot is kept between starts: in the compilation cache
// directory, one file per app (by its absolute path), so that a changed app or env replaces
// it. "" when caching is off (--cache-dir -).
//
// Not in the build directory: the snapshot holds the env bindings' values (often secrets,
// known only at serve time, which the key includes), a build directory may be read-only
// where it is deployed, and a start with a cold cache compiles the engine for seconds
// anyway, so a build-time snapshot would save little.
func (a *loadedApp) snapshotFile(eng *wasmhost.Engine) string {
	abs, err := filepath.Abs(a.path)
	if err != nil {
		return ""
	}
	return eng.SnapshotPath(abs)
}
