package wasmhost

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"sync"

	"github.com/kitwasm/kitwasm/jsengine"
)

// A snapshot file lets a process start serving without evaluating the app: a header page
// (magic, then JSON: the key and the guest's pointers and stack globals) followed by the
// linear memory, page-aligned so that it is mapped copy-on-write straight from the file.

const (
	snapshotMagic      = "kitwasm snapshot\n"
	snapshotHeaderSize = 4096
	snapshotFormat     = 1
)

// SnapshotKey is what a snapshot depends on: a file whose key differs from the running
// process's is stale and refused.
type SnapshotKey struct {
	Format      int    `json:"format"`
	Engine      string `json:"engine"` // jsengine.ID() and the patched module
	Layer       string `json:"layer"`  // the Web layer's source
	Worker      string `json:"worker"` // the worker's bytecode
	Env         string `json:"env"`    // the env bindings (their hash: values are secrets)
	MemoryPages uint32 `json:"memoryPages"`
}

var layerHash = sync.OnceValue(func() string {
	src, _ := jsengine.Layer()
	sum := sha256.Sum256([]byte(src))
	return hex.EncodeToString(sum[:16])
})

// SnapshotKey returns the key of a snapshot of w with env made by this engine.
func (e *Engine) SnapshotKey(w *Worker, env map[string]string) SnapshotKey {
	k := SnapshotKey{Format: snapshotFormat, Engine: e.moduleSum(), Layer: layerHash(), MemoryPages: e.cfg.MemoryLimitPages}
	if w != nil {
		k.Worker = w.sum()
	}
	h := sha256.New()
	keys := make([]string, 0, len(env))
	for k := range env {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	for _, k := range keys {
		fmt.Fprintf(h, "%d:%s%d:%s", len(k), k, len(env[k]), env[k])
	}
	k.Env = hex.EncodeToString(h.Sum(nil)[:16])
	return k
}

// cheapSnapshotKey is the key a snapshot file b must have for this engine, with the hashes
// (Web layer, worker, env) taken from b's own header unchecked (PoolConfig.TrustSnapshot).
func (e *Engine) cheapSnapshotKey(b []byte) SnapshotKey {
	want := SnapshotKey{Format: snapshotFormat, Engine: e.moduleSum(), MemoryPages: e.cfg.MemoryLimitPages}
	if len(b) >= snapshotHeaderSize && bytes.HasPrefix(b, []byte(snapshotMagic)) {
		line, _, _ := bytes.Cut(b[len(snapshotMagic):snapshotHeaderSize], []byte("\n"))
		var h snapshotHeader
		if json.Unmarshal(line, &h) == nil {
			want.Layer, want.Worker, want.Env = h.Key.Layer, h.Key.Worker, h.Key.Env
		}
	}
	return want
}

// diff names the fields in which a file's key differs from want.
func (k SnapshotKey) diff(want SnapshotKey) string {
	var d []string
	add := func(name, got, want string) {
		if got != want {
			d = append(d, fmt.Sprintf("%s %s, this process has %s", name, got, want))
		}
	}
	add("format", fmt.Sprint(k.Format), fmt.Sprint(want.Format))
	add("engine", k.Engine, want.Engine)
	add("web layer", k.Layer, want.Layer)
	add("worker bytecode", k.Worker, want.Worker)
	if k.Env != want.Env {
		d = append(d, "other env bindings")
	}
	add("memory limit (pages)", fmt.Sprint(k.MemoryPages), fmt.Sprint(want.MemoryPages))
	return fmt.Sprint(d)
}

type snapshotHeader struct {
	Key     SnapshotKey `json:"key"`
	Size    int         `json:"size"`
	Globals [3]uint64   `json:"globals"`
	RT      uint32      `json:"rt"`
	JSC     uint32      `json:"jsc"`
	Entry   uint32      `json:"entry"`
	StackKy uint32      `json:"stackKey"`
}

// ErrSnapshotStale is wrapped by ReadSnapshotFile's error for a file made for another engine,
// Web layer, worker, env or memory limit.
var ErrSnapshotStale = errors.New("stale snapshot")

// WriteFile writes s with key to path (mode 0600: the memory holds the env's values),
// whole or not at all (a temporary file renamed).
func (s *Snapshot) WriteFile(path string, key SnapshotKey) error {
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return err
	}
	f, err := os.CreateTemp(filepath.Dir(path), filepath.Base(path)+".*.tmp")
	if err != nil {
		return err
	}
	defer os.Remove(f.Name()) // after the rename, a no-op
	err = s.Encode(f, key)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return err
	}
	return os.Rename(f.Name(), path)
}

// Encode writes s with key in the snapshot file format (what WriteFile writes, and what
// PoolConfig.Snapshot and Engine.ReadSnapshot take).
func (s *Snapshot) Encode(w io.Writer, key SnapshotKey) error {
	page, err := s.header(key)
	if err != nil {
		return err
	}
	if _, err := w.Write(page); err != nil {
		return err
	}
	_, err = w.Write(s.memory)
	return err
}

func (s *Snapshot) header(key SnapshotKey) ([]byte, error) {
	hdr, err := json.Marshal(snapshotHeader{Key: key, Size: len(s.memory), Globals: s.globals, RT: s.rt, JSC: s.jsc, Entry: s.entry, StackKy: s.key})
	if err != nil {
		return nil, err
	}
	page := make([]byte, snapshotHeaderSize)
	if len(snapshotMagic)+len(hdr)+1 > len(page) {
		return nil, errors.New("snapshot header too large")
	}
	copy(page[copy(page, snapshotMagic):], append(hdr, '\n'))
	return page, nil
}

// parseHeader reads and checks a snapshot file's header page against want; name says what is
// read, size is the length of the whole file.
func (e *Engine) parseHeader(page []byte, name string, size int64, want SnapshotKey) (*snapshotHeader, error) {
	if len(page) < snapshotHeaderSize || !bytes.HasPrefix(page, []byte(snapshotMagic)) {
		return nil, fmt.Errorf("%w: %s is not a kitwasm snapshot", ErrSnapshotStale, name)
	}
	line, _, _ := bytes.Cut(page[len(snapshotMagic):snapshotHeaderSize], []byte("\n"))
	var h snapshotHeader
	if err := json.Unmarshal(line, &h); err != nil {
		return nil, fmt.Errorf("%w: %s: bad header: %v", ErrSnapshotStale, name, err)
	}
	if h.Key != want {
		return nil, fmt.Errorf("%w: %s was made for %s", ErrSnapshotStale, name, h.Key.diff(want))
	}
	if h.Size <= 0 || h.Size%65536 != 0 || size != int64(snapshotHeaderSize+h.Size) || h.Size > int(e.cfg.MemoryLimitPages)*65536 {
		return nil, fmt.Errorf("%w: %s: %d bytes of memory in a file of %d", ErrSnapshotStale, name, h.Size, size)
	}
	return &h, nil
}

// ReadSnapshot reads a snapshot of w from b, the bytes of a snapshot file (Snapshot.Encode,
// WriteFile, Pool.WriteSnapshot), if its key is want (else the error wraps ErrSnapshotStale
// and says what differs). The snapshot's memory is b's: b must not change afterwards.
func (e *Engine) ReadSnapshot(b []byte, w *Worker, want SnapshotKey) (*Snapshot, error) {
	h, err := e.parseHeader(b, "the snapshot", int64(len(b)), want)
	if err != nil {
		return nil, err
	}
	return &Snapshot{worker: w, memory: b[snapshotHeaderSize:], globals: h.Globals, rt: h.RT, jsc: h.JSC, entry: h.Entry, key: h.StackKy}, nil
}

// ReadSnapshotFile reads a snapshot of w written by WriteFile, if its key is want (else the
// error wraps ErrSnapshotStale and says what differs). On Linux the memory is not read: it is
// mapped from the file, and isolates restored by mapping share its pages.
func (e *Engine) ReadSnapshotFile(path string, w *Worker, want SnapshotKey) (*Snapshot, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	page := make([]byte, snapshotHeaderSize)
	if _, err := io.ReadFull(f, page); err != nil {
		return nil, fmt.Errorf("%w: %s is not a kitwasm snapshot", ErrSnapshotStale, path)
	}
	st, err := f.Stat()
	if err != nil {
		return nil, err
	}
	h, err := e.parseHeader(page, path, st.Size(), want)
	if err != nil {
		return nil, err
	}
	s := &Snapshot{worker: w, globals: h.Globals, rt: h.RT, jsc: h.JSC, entry: h.Entry, key: h.StackKy}
	if cowSupported {
		if img, err := fileImage(f, snapshotHeaderSize, h.Size); err == nil {
			if view, err := img.readOnlyView(); err == nil {
				s.memory, s.img = view, img
				s.imgOnce.Do(func() {})
				runtime.AddCleanup(s, func(img *cowImage) { img.close(); unmapView(view) }, img)
				return s, nil
			}
			img.close()
		}
	}
	s.memory = make([]byte, h.Size)
	if _, err := f.ReadAt(s.memory, snapshotHeaderSize); err != nil {
		return nil, err
	}
	return s, nil
}

// SnapshotPath is where the snapshot of the app at path (a build directory or worker file) is
// kept: under the engine's cache directory, "" when caching is off.
func (e *Engine) SnapshotPath(app string) string {
	if e.cacheDir == "" {
		return ""
	}
	sum := sha256.Sum256([]byte(app))
	return filepath.Join(e.cacheDir, "snapshots", hex.EncodeToString(sum[:12])+".kwsnap")
}
