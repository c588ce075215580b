package compute

import (
	"sync"
	"syscall"

	"github.com/tetratelabs/wazero/experimental"
)

// mmapMemory backs an instance's linear memory by an anonymous mapping of
// its maximum size (at most Options.MemoryLimit), so that memory.grow
// extends the slice in place: wazero's default copies the whole memory to a
// bigger Go slice on growth, which made a Go program's heap growth cost
// hundreds of milliseconds of CPU time here (16 MiB of allocations: ~300 ms),
// counted against Compute's 50 ms. A freed mapping is zeroed up to the
// length it reached and kept for the next instance (a few at most), whose
// pages are then already faulted in: a fresh mapping's page faults made
// instantiation ~5x slower.
type mmapMemory struct {
	buf  []byte // the whole mapping
	used uint64 // the largest length handed out
}

var freeMemories struct {
	sync.Mutex
	list []*mmapMemory
}

const keptMemories = 4

func newLinearMemory(capacity, max uint64) experimental.LinearMemory {
	if max == 0 || max > 1<<32 {
		return &sliceMemory{}
	}
	freeMemories.Lock()
	for i, m := range freeMemories.list {
		if uint64(len(m.buf)) == max {
			freeMemories.list = append(freeMemories.list[:i], freeMemories.list[i+1:]...)
			freeMemories.Unlock()
			return m
		}
	}
	freeMemories.Unlock()
	b, err := syscall.Mmap(-1, 0, int(max), syscall.PROT_READ|syscall.PROT_WRITE, syscall.MAP_PRIVATE|syscall.MAP_ANONYMOUS|syscall.MAP_NORESERVE)
	if err != nil {
		return &sliceMemory{}
	}
	return &mmapMemory{buf: b}
}

func (m *mmapMemory) Reallocate(size uint64) []byte {
	if m.buf == nil || size > uint64(len(m.buf)) {
		return nil
	}
	m.used = max(m.used, size)
	return m.buf[:size:size]
}

func (m *mmapMemory) Free() {
	if m.buf == nil {
		return
	}
	clear(m.buf[:m.used])
	m.used = 0
	freeMemories.Lock()
	if len(freeMemories.list) < keptMemories {
		freeMemories.list = append(freeMemories.list, m)
		freeMemories.Unlock()
		return
	}
	freeMemories.Unlock()
	syscall.Munmap(m.buf)
	m.buf = nil
}
