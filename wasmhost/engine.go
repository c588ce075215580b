// Package wasmhost runs JavaScript isolates: the QuickJS-NG engine module (from jsengine)
// compiled once per process by wazero, instantiated into isolates that have evaluated the Web
// layer and a worker, pooled, and driven by a host-owned event loop with time and memory
// limits. It is the only package that runs the engine on wazero; the same host side also runs
// the engine translated to Go (backend.go, package wasmhost/translated).
//
// An isolate's whole state lives in its linear memory; the host grants it one function (see
// hostcall.go) and no file system, environment or network of its own.
package wasmhost

import (
	"context"
	"crypto/sha256"
	"debug/elf"
	"encoding/binary"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"time"

	"github.com/kitwasm/kitwasm/jsengine"
	"github.com/kitwasm/kitwasm/jsengine/wasmpatch"
)

// Engine is the compiled engine module, shared by every isolate of a process.
// It is safe for concurrent use.
type Engine struct {
	backend  Backend
	wz       *wazeroBackend // the backend, when it is wazero (restores by mapping need it)
	cfg      EngineConfig
	cacheDir string // "" when caching is off

	// CompileTime is how long compiling (or loading from the cache) took.
	CompileTime time.Duration

	layerOnce sync.Once
	layerBC   []byte
	layerErr  error

	minBytes int      // the engine memory's initial size
	mem      *memPool // recycled memories of copying restores (Linux, wazero)

	modeMu  sync.Mutex
	mode    RestoreMode
	modeWhy string // why restores copy, when they do
}

// EngineConfig configures an Engine. The zero value is valid.
type EngineConfig struct {
	// CacheDir holds wazero's compilation cache, so a second process start skips compiling
	// the engine. Empty means DefaultCacheDir(); "-" disables the cache.
	CacheDir string
	// MemoryLimitPages bounds each isolate's linear memory in 64 KiB pages (0: 2048 = 128 MiB,
	// the heap limit of Fastly Compute and of Workers).
	MemoryLimitPages uint32
	// Log receives what isolates write to stdout/stderr outside console (qjs:std), and host
	// warnings. Nil means os.Stderr.
	Log io.Writer
	// Console receives console output of isolates: level 0 debug, 1 log/info, 2 warn,
	// 3 error. Nil writes each message as a line to Log.
	Console func(level int, message string)

	// Restore is how isolates are restored from snapshots (default RestoreMap on Linux,
	// RestoreCopy elsewhere).
	Restore RestoreMode
	// JSStackBytes bounds the C stack that QuickJS's JavaScript may use in bytes (0: the
	// whole region less the reserves, ~960 KiB). Deeper recursion throws a catchable
	// RangeError. A host that spends more of its own stack per engine frame sets it lower:
	// the translated engine inside a GOOS=wasip1 program runs every C frame of the engine as
	// Go frames on the Wasm runtime's stack (Fastly Compute: 1 MB), where the default depth
	// traps the whole program instead.
	JSStackBytes uint32

	heapCopy  bool // benchmarks only: restore by copying into the Go heap (before issue 10)
	unguarded bool // benchmarks only: the engine module without the stack guard
}

// DefaultCacheDir is $XDG_CACHE_HOME/kitwasm/wazero (or the platform's equivalent).
func DefaultCacheDir() string {
	dir, err := os.UserCacheDir()
	if err != nil {
		return ""
	}
	return filepath.Join(dir, "kitwasm", "wazero")
}

// NewEngine compiles the engine module with wazero.
func NewEngine(ctx context.Context, cfg EngineConfig) (*Engine, error) {
	return NewEngineOn(ctx, &wazeroBackend{unguarded: cfg.unguarded}, cfg)
}

// NewEngineOn makes an engine whose isolates run on b: NewEngine's wazero, or the engine
// translated to Go (wasmhost/translated.NewBackend). Everything else (isolates, the host
// function, the event loop, snapshots, pools, limits) is the same code on both.
func NewEngineOn(ctx context.Context, b Backend, cfg EngineConfig) (*Engine, error) {
	if cfg.MemoryLimitPages == 0 {
		cfg.MemoryLimitPages = 2048
	}
	if cfg.Log == nil {
		cfg.Log = os.Stderr
	}
	if cfg.Console == nil {
		log := cfg.Log
		cfg.Console = func(_ int, msg string) { fmt.Fprintln(log, msg) }
	}
	dir := cfg.CacheDir
	if dir == "" {
		dir = DefaultCacheDir()
	}
	if dir == "-" {
		dir = ""
	}
	// The Web layer's hash, which snapshot keys need, is taken beside the compile below
	// (assembling and hashing ~0.5 MB of JavaScript: ~2-3 ms of a process start).
	go layerHash()
	start := time.Now()
	if err := b.Start(ctx, hostCall, BackendConfig{MemoryLimitPages: cfg.MemoryLimitPages, CacheDir: dir, Log: cfg.Log}); err != nil {
		return nil, err
	}
	e := &Engine{backend: b, cfg: cfg, cacheDir: dir, CompileTime: time.Since(start)}
	e.wz, _ = b.(*wazeroBackend)
	if e.wz != nil {
		e.minBytes = e.wz.minBytes
	}
	e.mode = cfg.Restore
	switch {
	case cfg.heapCopy:
		e.mode, e.modeWhy = RestoreCopy, "into the Go heap, for comparison"
	case e.wz == nil:
		e.mode, e.modeWhy = RestoreCopy, "the engine does not run on wazero"
	case e.mode == RestoreCopy:
		e.modeWhy = "chosen"
	case !cowSupported:
		e.mode, e.modeWhy = RestoreCopy, "mapping is implemented for Linux only, not "+runtime.GOOS
	default:
		e.mode = RestoreMap
	}
	if cowSupported && !cfg.heapCopy && e.wz != nil {
		e.mem = &memPool{}
	}
	return e, nil
}

// moduleSum names the patched engine module (Backend.ModuleID): snapshots depend on it.
func (e *Engine) moduleSum() string { return e.backend.ModuleID() }

// RestoreMode is how an engine restores isolates from snapshots.
type RestoreMode string

const (
	// RestoreMap maps the snapshot's pages copy-on-write (Linux): a restore copies nothing,
	// and an idle isolate owns only the pages it wrote. Every page an isolate touches first
	// costs a page fault, which is expensive in virtual machines with shadow paging.
	RestoreMap RestoreMode = "map"
	// RestoreCopy copies the snapshot into the isolate's memory: on Linux into a memory
	// recycled from a closed isolate, whose pages are already backed; each idle isolate owns
	// a whole copy.
	RestoreCopy RestoreMode = "copy"
)

// ParseRestoreMode reads "map" or "copy" (kitwasm serve --restore).
func ParseRestoreMode(s string) (RestoreMode, error) {
	switch RestoreMode(s) {
	case RestoreMap, RestoreCopy:
		return RestoreMode(s), nil
	case "":
		return "", nil
	}
	return "", fmt.Errorf("restore mode %q: want map (copy-on-write mapping of the snapshot, Linux) or copy", s)
}

// RestoreModeDescription says how isolates are restored from snapshots, and why when it is
// not the default, for the start-up log.
func (e *Engine) RestoreModeDescription() string {
	e.modeMu.Lock()
	defer e.modeMu.Unlock()
	if e.mode == RestoreMap {
		return "map: " + cowMode
	}
	if e.mem != nil {
		return "copy into recycled memories (" + e.modeWhy + ")"
	}
	return "copy (" + e.modeWhy + ")"
}

// RestoreMode is how isolates are restored now.
func (e *Engine) RestoreMode() RestoreMode { return e.restoreMode() }

func (e *Engine) restoreMode() RestoreMode {
	e.modeMu.Lock()
	defer e.modeMu.Unlock()
	return e.mode
}

// mapFailed switches restores to copying for the rest of the process, and says so once.
func (e *Engine) mapFailed(err error) {
	e.modeMu.Lock()
	defer e.modeMu.Unlock()
	if e.mode == RestoreMap {
		e.mode, e.modeWhy = RestoreCopy, "mapping failed: "+err.Error()
		fmt.Fprintf(e.cfg.Log, "kitwasm: restoring isolates by copy from now on: mapping the snapshot failed: %v\n", err)
	}
}

// Close releases the engine and every isolate made from it.
func (e *Engine) Close(ctx context.Context) error {
	err := e.backend.Close(ctx)
	if e.mem != nil {
		e.mem.close()
	}
	return err
}

// instantiate makes a fresh engine instance: no file system, no environment, no arguments,
// stdin empty; clocks and randomness from the host.
func (e *Engine) instantiate(ctx context.Context) (Module, error) {
	mod, err := e.backend.Instantiate(ctx)
	if err != nil {
		return nil, fmt.Errorf("instantiate engine: %w", err)
	}
	return mod, nil
}

// layerBytecode compiles the Web layer once per engine.
// The bytecode is kept in the cache directory beside wazero's, keyed by the layer's source
// and the engine build, so a process start skips compiling ~0.5 MB of JavaScript.
func (e *Engine) layerBytecode(ctx context.Context) ([]byte, error) {
	e.layerOnce.Do(func() {
		src, _ := jsengine.Layer()
		sum := sha256.Sum256([]byte(jsengine.ID() + "\x00" + src))
		cached := ""
		if e.cacheDir != "" {
			cached = filepath.Join(e.cacheDir, "layer-"+hex.EncodeToString(sum[:12])+".qjsbc")
			if bc, err := os.ReadFile(cached); err == nil {
				e.layerBC = bc
				return
			}
		}
		// Not under the caller's deadline: a failure here is remembered for the process.
		ctx := context.WithoutCancel(ctx)
		iso, err := e.newBareIsolate(ctx)
		if err != nil {
			e.layerErr = err
			return
		}
		defer iso.close(ctx)
		e.layerBC, e.layerErr = iso.compile(ctx, "kitwasm:web-layer.js", src, false)
		if e.layerErr == nil && cached != "" {
			// Written whole under a temporary name: a concurrent reader never sees a part.
			tmp := fmt.Sprintf("%s.%d.tmp", cached, os.Getpid())
			if os.WriteFile(tmp, e.layerBC, 0o644) == nil {
				os.Rename(tmp, cached)
			}
		}
	})
	return e.layerBC, e.layerErr
}

// ErrIsolateBroken is wrapped by errors that leave an isolate unusable (a trap, a deadline,
// proc_exit); the pool discards such isolates.
var ErrIsolateBroken = errors.New("isolate broken")

// ModuleID names a patched engine module: jsengine.ID() and the start of the SHA-256 of its
// bytes. Backends report it (Backend.ModuleID) for the module they run, and snapshot files are
// keyed by it; package wasmhost/translated/translate writes it into the translated engine.
func ModuleID(patched []byte) string { return moduleIDOf(sha256.Sum256(patched)) }

func moduleIDOf(sum [32]byte) string { return jsengine.ID() + "+" + hex.EncodeToString(sum[:8]) }

// hashInBackground starts the SHA-256 of b and returns a function that waits for it.
func hashInBackground(b []byte) func() [32]byte {
	done := make(chan [32]byte, 1)
	go func() { done <- sha256.Sum256(b) }()
	return sync.OnceValue(func() [32]byte { return <-done })
}

// guardedModule is the stack-guarded engine module, from the cache directory if there (path
// is then the file's) or patched now (and saved there).
type guardedModule struct {
	module []byte
	path   string   // the cache file it was read from, "" when patched now
	want   [32]byte // with path: the SHA-256 the file says module has
}

// The cache file: guardedMagic, the SHA-256 of the module, then the module.
const guardedMagic = "kitwasm guarded engine\n"

// loadGuardedModule returns the stack-guarded engine module. Patching takes ~12 ms of CPU,
// a quarter of a start with a warm compilation cache, so the result is kept in the cache
// directory with the SHA-256 of its bytes, which the caller checks (guardedModule.check)
// while wazero compiles, as it hashes the module then anyway for ModuleID. The file is keyed
// by the running executable's Go build ID, which changes with any change to the patching
// code or to the engine module (an embedded file, so an input of the build); not by
// jsengine.ID as well, whose hash of the 1 MB module cost ~2 ms of the start's critical path.
// Without a cache directory or a build ID, it patches. A refused file is removed, with a
// line on log.
func loadGuardedModule(module []byte, cacheDir string, log io.Writer) (guardedModule, error) {
	path := guardedPath(cacheDir)
	if path != "" {
		if b, err := os.ReadFile(path); err == nil && len(b) > len(guardedMagic)+32 && string(b[:len(guardedMagic)]) == guardedMagic {
			g := guardedModule{module: b[len(guardedMagic)+32:], path: path}
			copy(g.want[:], b[len(guardedMagic):])
			return g, nil
		} else if err == nil {
			refuseGuarded(log, path, "not a guarded engine module file")
		}
	}
	return patchGuarded(module, path)
}

// patchGuarded patches module and saves the result to path ("": not saved).
func patchGuarded(module []byte, path string) (guardedModule, error) {
	b, err := wasmpatch.StackGuard(module)
	if err != nil {
		return guardedModule{}, err
	}
	if path != "" {
		sum := sha256.Sum256(b)
		file := append(append([]byte(guardedMagic), sum[:]...), b...)
		// Written whole under a temporary name: a concurrent reader never sees a part.
		tmp := fmt.Sprintf("%s.%d.tmp", path, os.Getpid())
		if os.WriteFile(tmp, file, 0o644) == nil {
			os.Rename(tmp, path)
		}
		pruneGuarded(filepath.Dir(path), path, time.Now().Add(-guardedMaxAge))
	}
	return guardedModule{module: b}, nil
}

// guardedMaxAge: a guarded module file of another executable not written for this long is
// removed when a new one is written.
const guardedMaxAge = 7 * 24 * time.Hour

// pruneGuarded removes from dir the guarded module files other than keep last written before
// cutoff, and those of the format before the SHA-256 (engine-*.wasm). Each is 1 MB and every
// kitwasm build writes its own: they piled up (~80 within two hours of builds on one machine). An
// executable whose file is removed patches again (~12 ms) at its next start.
func pruneGuarded(dir, keep string, cutoff time.Time) {
	for _, pattern := range []string{"engine-*.guarded", "engine-*.wasm"} {
		names, _ := filepath.Glob(filepath.Join(dir, pattern))
		for _, name := range names {
			if st, err := os.Stat(name); err == nil && name != keep && (strings.HasSuffix(name, ".wasm") || st.ModTime().Before(cutoff)) {
				os.Remove(name)
			}
		}
	}
}

// check says why a module read from the cache cannot be used ("" if it can): sum is the
// SHA-256 of its bytes, compileErr wazero's answer to them.
func (g guardedModule) check(sum [32]byte, compileErr error) string {
	switch {
	case g.path == "":
		return ""
	case sum != g.want:
		return "its bytes do not match the SHA-256 it was saved with"
	case compileErr != nil:
		return compileErr.Error()
	}
	return ""
}

// refuseGuarded removes a cache file that cannot be used, and says so on log.
func refuseGuarded(log io.Writer, path, why string) {
	fmt.Fprintf(log, "kitwasm: patching the engine module again: the cached %s is refused: %s\n", path, why)
	os.Remove(path)
}

func guardedPath(cacheDir string) string {
	id := executableBuildID()
	if cacheDir == "" || id == "" {
		return ""
	}
	sum := sha256.Sum256([]byte(id))
	return filepath.Join(cacheDir, "engine-"+hex.EncodeToString(sum[:12])+".guarded")
}

// executableBuildID is the Go build ID of the running executable (ELF note), or "".
var executableBuildID = sync.OnceValue(func() string {
	exe, err := os.Executable()
	if err != nil {
		return ""
	}
	f, err := elf.Open(exe)
	if err != nil {
		return ""
	}
	defer f.Close()
	sec := f.Section(".note.go.buildid")
	if sec == nil {
		return ""
	}
	note, err := sec.Data()
	// namesz, descsz, type, "Go\0\0", then the ID.
	if err != nil || len(note) < 16 || string(note[12:15]) != "Go\x00" {
		return ""
	}
	descsz := int(binary.LittleEndian.Uint32(note[4:8]))
	if 16+descsz > len(note) || descsz == 0 {
		return ""
	}
	return string(note[16 : 16+descsz])
})
