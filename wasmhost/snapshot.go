package wasmhost

import (
	"context"
	"errors"
	"fmt"
	"runtime"
	"sync"
	"time"

	"github.com/tetratelabs/wazero/experimental"

	"github.com/kitwasm/kitwasm/jsengine/wasmpatch"
)

// Snapshot is an initialised isolate frozen between requests: its whole state is its linear
// memory plus the stack globals that the stack guard exports (RATIONALE.md, "Why restore
// isolates from snapshots?"). Restoring one skips evaluating the Web layer and the worker.
type Snapshot struct {
	worker  *Worker
	memory  []byte
	globals [3]uint64 // stack pointer, stack limit, QuickJS stack limit
	rt, jsc uint32
	entry   uint32
	key     uint32

	// On Linux, the pages that restored isolates map copy-on-write (cow_linux.go): a sealed
	// memfd made on the first restore, or the snapshot file it was read from.
	imgOnce sync.Once
	img     *cowImage
	imgErr  error
}

// image returns the snapshot's pages for mapping, making the memfd on first use.
func (s *Snapshot) image() (*cowImage, error) {
	s.imgOnce.Do(func() {
		if s.img != nil {
			return
		}
		if s.img, s.imgErr = newMemfdImage(s.memory); s.img != nil {
			runtime.AddCleanup(s, (*cowImage).close, s.img)
		}
	})
	return s.img, s.imgErr
}

// Close releases the file descriptor behind a snapshot's mappings (isolates restored from it
// keep theirs). Later restores copy. Safe to call more than once.
func (s *Snapshot) Close() {
	s.imgOnce.Do(func() {})
	if s.img != nil {
		s.img.close()
	}
	s.imgErr = errors.New("snapshot closed")
}

var stackGlobals = [3]string{wasmpatch.ExportStackPointer, wasmpatch.ExportStackLimit, wasmpatch.ExportJSStackLimit}

// Snapshot captures iso. It must be idle (no request in flight) and healthy; the isolate may
// go on serving afterwards.
func (iso *Isolate) Snapshot() (*Snapshot, error) {
	if iso.broken != nil {
		return nil, iso.broken
	}
	if iso.loop != nil {
		return nil, errors.New("snapshot of an isolate that is serving a request")
	}
	if iso.flag == nil {
		return nil, errors.New("snapshots need the stack-guarded engine")
	}
	mem := iso.mod.Memory()
	b, ok := mem.Read(0, mem.Size())
	if !ok {
		return nil, errors.New("engine memory out of range")
	}
	s := &Snapshot{worker: iso.worker, memory: append([]byte(nil), b...), rt: iso.rt, jsc: iso.jsc, entry: iso.entry, key: iso.stackKey}
	for i, name := range stackGlobals {
		g := iso.mod.ExportedGlobal(name)
		if g == nil {
			return nil, fmt.Errorf("engine module lacks global %s", name)
		}
		s.globals[i] = g.Get()
	}
	return s, nil
}

// Size is the snapshot's memory in bytes.
func (s *Snapshot) Size() int { return len(s.memory) }

// Restore makes a new isolate from s: a fresh instance of the engine whose memory and stack
// globals are the snapshot's. Its clocks start now, and JavaScript reseeds what must differ
// between isolates (Math.random) before the first request.
//
// How the memory gets there is the engine's RestoreMode: mapped copy-on-write, or copied.
func (e *Engine) Restore(ctx context.Context, s *Snapshot) (*Isolate, error) {
	var cm *cowMemory
	var img *cowImage
	var scratch *[]byte
	recycled := false
	ictx := ctx
	limit := int(e.cfg.MemoryLimitPages) * 65536
	switch e.restoreMode() {
	case RestoreMap:
		var err error
		if img, err = s.image(); err != nil {
			e.mapFailed(err)
		} else if cm, recycled, err = e.mem.get(limit, img); err != nil {
			e.mapFailed(err)
			cm = nil
		} else if s.Size() > e.minBytes {
			scratch = scratchPool.Get().(*[]byte)
			if cap(*scratch) < e.minBytes {
				*scratch = make([]byte, e.minBytes)
			}
			cm.scratch = *scratch
		}
	case RestoreCopy:
		if e.mem != nil {
			var err error
			if cm, _, err = e.mem.get(limit, nil); err != nil {
				cm = nil // the Go heap, as wazero allocates by default
			}
		}
	}
	if cm != nil {
		ictx = experimental.WithMemoryAllocator(ctx, experimental.MemoryAllocatorFunc(
			func(_, _ uint64) experimental.LinearMemory { return cm }))
	}
	mod, err := e.instantiate(ictx)
	if err != nil {
		if cm != nil {
			cm.Free()
		}
		return nil, err
	}
	iso := &Isolate{eng: e, mod: mod, born: time.Now(), worker: s.worker, rt: s.rt, jsc: s.jsc, entry: s.entry, stackKey: s.key}
	fail := func(err error) (*Isolate, error) {
		mod.Close(ctx) // frees cm
		return nil, err
	}
	mem := mod.Memory()
	switch {
	case img != nil && recycled:
		// A memory that mapped img for a closed isolate: the pages it wrote are restored.
		if err := cm.reset(s.memory); err != nil {
			return fail(fmt.Errorf("restore: %w", err))
		}
	case img != nil:
		// Nothing has run in the memory yet; the data segments went to the scratch buffer,
		// which the Grow below leaves.
		if err := cm.mapImage(img); err != nil {
			return fail(fmt.Errorf("restore: %w", err))
		}
	case cm != nil:
		if err := cm.load(s.memory); err != nil {
			return fail(fmt.Errorf("restore: %w", err))
		}
	}
	if l, ok := mem.(imageLoader); ok && cm == nil {
		if !l.LoadImage(s.memory) {
			return fail(errors.New("restore: the engine's memory cannot take the snapshot's size"))
		}
	} else {
		if need := (s.Size() - int(mem.Size())) / 65536; need > 0 {
			if _, ok := mem.Grow(uint32(need)); !ok {
				return fail(errors.New("restore: cannot grow the engine's memory to the snapshot's size"))
			}
		}
		if cm == nil && !mem.Write(0, s.memory) {
			return fail(errors.New("restore: engine memory out of range"))
		}
	}
	if scratch != nil {
		scratchPool.Put(scratch)
	}
	for i, name := range stackGlobals {
		g := mod.ExportedGlobal(name)
		if g == nil {
			return fail(fmt.Errorf("engine module lacks mutable global %s", name))
		}
		g.Set(s.globals[i])
	}
	if iso.g, err = newGuest(mod); err != nil {
		return fail(err)
	}
	if lim := e.jsStackLimit(uint32(s.globals[0]), uint32(s.globals[2])); lim != uint32(s.globals[2]) {
		// The snapshot's runtime keeps the limit it was made with (maybe on another host):
		// QJS_UpdateStackTop copies the tighter one into it.
		mod.ExportedGlobal(wasmpatch.ExportJSStackLimit).Set(uint64(lim))
		if _, err := iso.g.call(iso.guestContext(ctx), iso.g.updateStackTop, uint64(iso.rt)); err != nil {
			return fail(err)
		}
	}
	if iso.flag = mod.ExportedGlobal(wasmpatch.ExportInterrupt); iso.flag == nil {
		return fail(errors.New("engine module lacks the interrupt flag"))
	}
	l := &loop{iso: iso, ctx: ctx, respond: make(chan struct{}), async: make(chan event, 1), done: make(chan struct{})}
	l.pushJSON(map[string]any{"type": "restore"}, nil)
	iso.loop = l
	defer func() { iso.loop = nil }()
	stop := iso.whileRunning(ctx)
	defer stop()
	for len(l.queue) > 0 {
		if _, err := iso.callEntry(ctx); err != nil {
			return fail(err)
		}
	}
	return iso, nil
}

// scratchPool holds buffers of the engine memory's initial size, which take the module's data
// segments at instantiation when restoring by mapping.
var scratchPool = sync.Pool{New: func() any { return new([]byte) }}
