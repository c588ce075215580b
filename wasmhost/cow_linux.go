//go:build linux

package wasmhost

import (
	"encoding/binary"
	"fmt"
	"os"
	"slices"
	"sync"
	"sync/atomic"
	"unsafe"

	"golang.org/x/sys/unix"
)

// On Linux a restored isolate's linear memory is a private (copy-on-write) mapping of the
// snapshot's pages: restoring maps them instead of copying 4+ MiB, and the isolates share
// every page that none of them has written (RATIONALE.md, "Why map snapshots copy-on-write?").
const cowSupported = true

const cowMode = "copy-on-write mapping (mmap MAP_PRIVATE of the snapshot)"

// cowImage holds a snapshot's memory in a file: a sealed memfd for a snapshot taken in this
// process, or the snapshot file itself. Mappings outlive it; it is needed to make new ones.
type cowImage struct {
	fd   int
	off  int64
	size int // bytes, a multiple of 64 KiB
	once sync.Once
	done atomic.Bool
}

// newMemfdImage copies mem into an anonymous file, sealed so that nothing can change the
// pages that isolates map.
func newMemfdImage(mem []byte) (*cowImage, error) {
	fd, err := unix.MemfdCreate("kitwasm-snapshot", unix.MFD_CLOEXEC|unix.MFD_ALLOW_SEALING)
	if err != nil {
		return nil, fmt.Errorf("memfd_create: %w", err)
	}
	for b := mem; len(b) > 0; {
		n, err := unix.Write(fd, b)
		if err != nil {
			unix.Close(fd)
			return nil, fmt.Errorf("write snapshot memfd: %w", err)
		}
		b = b[n:]
	}
	nfd := fd
	if _, err := unix.FcntlInt(uintptr(nfd), unix.F_ADD_SEALS, unix.F_SEAL_SHRINK|unix.F_SEAL_GROW|unix.F_SEAL_WRITE|unix.F_SEAL_SEAL); err != nil {
		unix.Close(nfd)
		return nil, fmt.Errorf("seal snapshot memfd: %w", err)
	}
	return &cowImage{fd: nfd, size: len(mem)}, nil
}

// fileImage maps size bytes of f from off (page-aligned). It takes its own descriptor.
func fileImage(f *os.File, off int64, size int) (*cowImage, error) {
	fd, err := unix.Dup(int(f.Fd()))
	if err != nil {
		return nil, err
	}
	unix.CloseOnExec(fd)
	return &cowImage{fd: fd, off: off, size: size}, nil
}

func (img *cowImage) close() {
	img.once.Do(func() {
		img.done.Store(true)
		unix.Close(img.fd)
	})
}

func (img *cowImage) closed() bool { return img.done.Load() }

// readOnlyView maps the image read-only and shared (the page cache's pages, no copy): the
// Snapshot's memory for the copying path and for Size.
func (img *cowImage) readOnlyView() ([]byte, error) {
	return unix.Mmap(img.fd, img.off, img.size, unix.PROT_READ, unix.MAP_SHARED)
}

// cowMemory is an isolate's linear memory outside the Go heap: one reservation of the memory
// limit's size (address space only, MAP_NORESERVE) that grows in place.
//
// Restoring by mapping, the start of the reservation is remapped onto the snapshot's pages,
// copy-on-write. wazero writes the module's data segments at instantiation: the first
// Reallocate hands it a scratch buffer for them instead, so that they dirty no page of the
// isolate; the restore's Grow then switches to the reservation.
//
// Restoring by copying, the snapshot is copied into the reservation, and the reservation is
// recycled when the isolate closes (memPool): its pages are already backed, which matters
// where first touches of pages are expensive (virtual machines with shadow paging).
type cowMemory struct {
	mu      sync.Mutex
	base    []byte // the whole reservation; nil once freed
	high    int    // the largest size handed out: bytes past it are still zero
	scratch []byte // for the first Reallocate, when mapping
	pool    *memPool
	img     *cowImage // what the start of the reservation maps, when mapping
}

func reserveMemory(max uint64) (*cowMemory, error) {
	b, err := unix.Mmap(-1, 0, int(max), unix.PROT_READ|unix.PROT_WRITE, unix.MAP_PRIVATE|unix.MAP_ANON|unix.MAP_NORESERVE)
	if err != nil {
		return nil, fmt.Errorf("reserve %d bytes of address space: %w", max, err)
	}
	return &cowMemory{base: b}, nil
}

// mapImage puts the snapshot's pages, copy-on-write, at the start of the reservation.
func (m *cowMemory) mapImage(img *cowImage) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	if img.size > len(m.base) {
		return fmt.Errorf("snapshot of %d bytes exceeds the memory limit of %d", img.size, len(m.base))
	}
	_, err := unix.MmapPtr(img.fd, img.off, unsafe.Pointer(&m.base[0]), uintptr(img.size),
		unix.PROT_READ|unix.PROT_WRITE, unix.MAP_PRIVATE|unix.MAP_FIXED)
	if err != nil {
		return fmt.Errorf("map snapshot: %w", err)
	}
	m.high = max(m.high, img.size)
	m.img = img
	return nil
}

// reset makes a recycled reservation that maps img read as a fresh mapping of it: the pages
// the previous isolate wrote (private copies, found in /proc/self/pagemap) get the snapshot's
// bytes back from mem, what it grew past the snapshot is cleared, and every page it did not
// write is still the shared snapshot page, already mapped. Where a page's first touch is
// expensive (shadow paging), this avoids the faults of a new mapping.
func (m *cowMemory) reset(mem []byte) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	const page = 4096
	n := m.high / page
	flags := make([]byte, 8*n)
	f, err := os.Open("/proc/self/pagemap")
	if err != nil {
		return err
	}
	defer f.Close()
	off := int64(uintptr(unsafe.Pointer(&m.base[0]))/page) * 8
	if _, err := f.ReadAt(flags, off); err != nil {
		return fmt.Errorf("pagemap: %w", err)
	}
	for i := 0; i < n; i++ {
		e := binary.LittleEndian.Uint64(flags[8*i:])
		present, swapped, fileOrShared := e&(1<<63) != 0, e&(1<<62) != 0, e&(1<<61) != 0
		if !(present || swapped) || fileOrShared {
			continue // never written: the snapshot's page (or a zero page past it)
		}
		at := i * page
		if at < len(mem) {
			copy(m.base[at:at+page], mem[at:at+page])
		} else if b := m.base[at : at+page]; !allZero(b) {
			clear(b) // (a page only read is the shared zero page: left alone)
		}
	}
	m.high = len(mem)
	return nil
}

// load copies mem into the start of a (possibly recycled) reservation and clears what a
// previous isolate left past it.
func (m *cowMemory) load(mem []byte) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	if len(mem) > len(m.base) {
		return fmt.Errorf("snapshot of %d bytes exceeds the memory limit of %d", len(mem), len(m.base))
	}
	copy(m.base, mem)
	if m.high <= len(mem) {
		m.high = len(mem)
		return nil
	}
	if rest := m.base[len(mem):m.high]; len(rest) > 1<<20 {
		// A large leftover goes back to the kernel (it reads as zeros again).
		if err := unix.Madvise(rest, unix.MADV_DONTNEED); err != nil {
			return err
		}
	} else {
		clear(rest)
	}
	m.high = len(mem)
	return nil
}

// Reallocate implements experimental.LinearMemory: the memory grows in place, within the
// reservation; pages past the snapshot are zero pages, as memory.grow requires.
func (m *cowMemory) Reallocate(size uint64) []byte {
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.scratch != nil {
		b := m.scratch
		m.scratch = nil
		if size <= uint64(cap(b)) {
			return b[:size:size]
		}
	}
	if size > uint64(len(m.base)) {
		return nil
	}
	m.high = max(m.high, int(size))
	return m.base[:size:size]
}

// Free implements experimental.LinearMemory (wazero calls it when the module closes): the
// reservation is recycled, or unmapped.
func (m *cowMemory) Free() {
	m.mu.Lock()
	if m.base == nil {
		m.mu.Unlock()
		return
	}
	if m.pool != nil && m.pool.put(m) {
		m.mu.Unlock()
		return
	}
	unix.Munmap(m.base)
	m.base = nil
	m.mu.Unlock()
}

// memPool keeps the reservations of closed isolates for the next copying restores.
type memPool struct {
	mu     sync.Mutex
	size   int
	free   []*cowMemory
	closed bool
}

// memPoolMax bounds the recycled memories of an engine: each keeps the pages its isolate
// wrote resident (a whole copy when copying).
const memPoolMax = 16

func allZero(b []byte) bool {
	for _, c := range b {
		if c != 0 {
			return false
		}
	}
	return true
}

// get returns a recycled reservation of size bytes that maps img (nil: copying), or a new
// one (recycled reports which).
func (p *memPool) get(size int, img *cowImage) (m *cowMemory, recycled bool, err error) {
	p.mu.Lock()
	p.free = slices.DeleteFunc(p.free, func(m *cowMemory) bool {
		if m.img != nil && m.img.closed() {
			go m.unmap()
			return true
		}
		return false
	})
	if p.size == size {
		for i := len(p.free) - 1; i >= 0; i-- {
			if m := p.free[i]; m.img == img {
				p.free = append(p.free[:i], p.free[i+1:]...)
				p.mu.Unlock()
				return m, true, nil
			}
		}
	}
	p.mu.Unlock()
	if m, err = reserveMemory(uint64(size)); err != nil {
		return nil, false, err
	}
	m.pool = p
	return m, false, nil
}

// put takes m back (m.mu held by the caller); false when full or closed.
func (p *memPool) put(m *cowMemory) bool {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.closed || (m.img != nil && m.img.closed()) {
		return false
	}
	if len(p.free) >= memPoolMax {
		// Make room: the oldest goes (a snapshot no longer used leaves its memories here).
		go p.free[0].unmap()
		p.free = p.free[1:]
	}
	if p.size != len(m.base) {
		if len(p.free) > 0 {
			return false
		}
		p.size = len(m.base)
	}
	p.free = append(p.free, m)
	return true
}

// trim unmaps up to n of the reservations recycled last: the pool shrank, their isolates
// are closed for good, and the pages they wrote go back to the system.
func (p *memPool) trim(n int) {
	p.mu.Lock()
	k := min(n, len(p.free))
	gone := slices.Clone(p.free[len(p.free)-k:])
	p.free = p.free[:len(p.free)-k]
	p.mu.Unlock()
	for _, m := range gone {
		m.unmap()
	}
}

// recycled counts the reservations kept for the next restores.
func (p *memPool) recycled() int {
	p.mu.Lock()
	defer p.mu.Unlock()
	return len(p.free)
}

// close unmaps every recycled reservation; later Frees unmap.
func (p *memPool) close() {
	p.mu.Lock()
	free := p.free
	p.free, p.closed = nil, true
	p.mu.Unlock()
	for _, m := range free {
		m.unmap()
	}
}

// unmap releases a reservation that is in no isolate's use.
func (m *cowMemory) unmap() {
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.base != nil {
		unix.Munmap(m.base)
		m.base = nil
	}
}

// unmapView releases a view from readOnlyView.
func unmapView(b []byte) { unix.Munmap(b) }
