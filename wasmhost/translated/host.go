package translated

import (
	"encoding/binary"
	"fmt"
	"io"
	"time"
)

// Host implements the module's imports for a generated module: pass it as both arguments of
// the generated New (its env and wasi_snapshot_preview1 interfaces). The WASI subset matches
// what wasmhost configures in wazero: no arguments, no environment, no preopened directories
// (so no file system at all), stdin empty, stdout and stderr to Log, wall and monotonic
// clocks, sleeping in poll_oneoff. Every path_* and fd_* call on anything but stdio answers
// EBADF.
//
// A Host serves one instance.
type Host struct {
	// Log receives the guest's stdout and stderr; nil discards them.
	Log io.Writer
	// Call answers env.jsFunctionProxy (the host function); nil answers undefined.
	Call func(ctxp int32, this int64, argc, argv int32) int64

	mem   Memory
	start time.Time
}

// WASI errno values used here.
const (
	errnoSuccess = 0
	errnoBadf    = 8
	errnoInval   = 28
	errnoNosys   = 52
	errnoSpipe   = 70
)

// ExitError is the panic value of proc_exit.
type ExitError struct{ Code int32 }

func (e *ExitError) Error() string { return fmt.Sprintf("engine called proc_exit(%d)", e.Code) }

// Init is called by the generated New with the module, before any export runs.
func (h *Host) Init(m any) {
	if mm, ok := m.(interface{ Xmemory() Memory }); ok {
		h.mem = mm.Xmemory()
	}
	h.start = time.Now()
}

func (h *Host) bytes() []byte { return *h.mem.Slice() }

func (h *Host) put32(p int32, v uint32) bool {
	b := h.bytes()
	if p < 0 || int(p)+4 > len(b) {
		return false
	}
	binary.LittleEndian.PutUint32(b[p:], v)
	return true
}

func (h *Host) put64(p int32, v uint64) bool {
	b := h.bytes()
	if p < 0 || int(p)+8 > len(b) {
		return false
	}
	binary.LittleEndian.PutUint64(b[p:], v)
	return true
}

// XjsFunctionProxy is env.jsFunctionProxy.
func (h *Host) XjsFunctionProxy(ctxp int32, this int64, argc, argv int32) int64 {
	if h.Call == nil {
		return jsUndefined
	}
	return h.Call(ctxp, this, argc, argv)
}

func (h *Host) zeroPair(a, b int32) int32 {
	if !h.put32(a, 0) || !h.put32(b, 0) {
		return errnoInval
	}
	return errnoSuccess
}

func (h *Host) Xargs_sizes_get(argc, size int32) int32    { return h.zeroPair(argc, size) }
func (h *Host) Xargs_get(int32, int32) int32              { return errnoSuccess }
func (h *Host) Xenviron_sizes_get(envc, size int32) int32 { return h.zeroPair(envc, size) }
func (h *Host) Xenviron_get(int32, int32) int32           { return errnoSuccess }

func (h *Host) Xclock_time_get(id int32, _ int64, out int32) int32 {
	var t int64
	switch id {
	case 0: // realtime
		t = time.Now().UnixNano()
	case 1: // monotonic
		t = int64(time.Since(h.start))
	default:
		return errnoInval
	}
	if !h.put64(out, uint64(t)) {
		return errnoInval
	}
	return errnoSuccess
}

func stdio(fd int32) bool { return fd >= 0 && fd <= 2 }

func (h *Host) Xfd_close(fd int32) int32 {
	if stdio(fd) {
		return errnoSuccess
	}
	return errnoBadf
}

func (h *Host) Xfd_fdstat_get(fd, out int32) int32 {
	if !stdio(fd) {
		return errnoBadf
	}
	b := h.bytes()
	if out < 0 || int(out)+24 > len(b) {
		return errnoInval
	}
	clear(b[out : out+24])
	b[out] = 2                    // character device
	rights := uint64(1<<6 | 1<<1) // fd_write, fd_read
	binary.LittleEndian.PutUint64(b[out+8:], rights)
	return errnoSuccess
}

func (h *Host) Xfd_fdstat_set_flags(fd, _ int32) int32 {
	if stdio(fd) {
		return errnoNosys
	}
	return errnoBadf
}

func (h *Host) Xfd_prestat_get(int32, int32) int32             { return errnoBadf }
func (h *Host) Xfd_prestat_dir_name(int32, int32, int32) int32 { return errnoBadf }

func (h *Host) Xfd_read(fd, _, _, nread int32) int32 {
	if fd != 0 {
		return errnoBadf
	}
	if !h.put32(nread, 0) { // stdin is empty
		return errnoInval
	}
	return errnoSuccess
}

func (h *Host) Xfd_readdir(int32, int32, int32, int64, int32) int32 { return errnoBadf }

func (h *Host) Xfd_seek(fd int32, _ int64, _, _ int32) int32 {
	if stdio(fd) {
		return errnoSpipe
	}
	return errnoBadf
}

func (h *Host) Xfd_write(fd, iovs, iovcnt, nwritten int32) int32 {
	if fd != 1 && fd != 2 {
		return errnoBadf
	}
	b := h.bytes()
	var n uint32
	for i := int32(0); i < iovcnt; i++ {
		at := int(iovs) + 8*int(i)
		if iovs < 0 || at+8 > len(b) {
			return errnoInval
		}
		p, l := binary.LittleEndian.Uint32(b[at:]), binary.LittleEndian.Uint32(b[at+4:])
		if uint64(p)+uint64(l) > uint64(len(b)) {
			return errnoInval
		}
		if h.Log != nil {
			h.Log.Write(b[p : p+l])
		}
		n += l
	}
	if !h.put32(nwritten, n) {
		return errnoInval
	}
	return errnoSuccess
}

func (h *Host) Xpath_create_directory(int32, int32, int32) int32 { return errnoBadf }
func (h *Host) Xpath_filestat_get(int32, int32, int32, int32, int32) int32 {
	return errnoBadf
}
func (h *Host) Xpath_filestat_set_times(int32, int32, int32, int32, int64, int64, int32) int32 {
	return errnoBadf
}
func (h *Host) Xpath_open(int32, int32, int32, int32, int32, int64, int64, int32, int32) int32 {
	return errnoBadf
}
func (h *Host) Xpath_remove_directory(int32, int32, int32) int32            { return errnoBadf }
func (h *Host) Xpath_rename(int32, int32, int32, int32, int32, int32) int32 { return errnoBadf }
func (h *Host) Xpath_unlink_file(int32, int32, int32) int32                 { return errnoBadf }

// Xpoll_oneoff sleeps for the shortest clock subscription (how wasi-libc implements
// nanosleep); fd subscriptions are answered with EBADF at once.
func (h *Host) Xpoll_oneoff(in, out, nsubs, nevents int32) int32 {
	b := h.bytes()
	if nsubs <= 0 || in < 0 || out < 0 || int(in)+48*int(nsubs) > len(b) || int(out)+32*int(nsubs) > len(b) {
		return errnoInval
	}
	var sleep time.Duration = -1
	for i := int32(0); i < nsubs; i++ {
		s := b[int(in)+48*int(i):]
		if s[8] != 0 { // not a clock
			continue
		}
		timeout := time.Duration(binary.LittleEndian.Uint64(s[24:]))
		if binary.LittleEndian.Uint16(s[40:])&1 != 0 { // absolute
			if binary.LittleEndian.Uint32(s[16:]) == 0 {
				timeout = time.Until(time.Unix(0, int64(timeout)))
			} else {
				timeout -= time.Since(h.start)
			}
		}
		if sleep < 0 || timeout < sleep {
			sleep = timeout
		}
	}
	if sleep > 0 {
		time.Sleep(sleep)
	}
	for i := int32(0); i < nsubs; i++ {
		s := b[int(in)+48*int(i):]
		e := b[int(out)+32*int(i):]
		clear(e[:32])
		copy(e[:8], s[:8]) // userdata
		e[10] = s[8]       // type
		if s[8] != 0 {
			binary.LittleEndian.PutUint16(e[8:], errnoBadf)
		}
	}
	if !h.put32(nevents, uint32(nsubs)) {
		return errnoInval
	}
	return errnoSuccess
}

func (h *Host) Xproc_exit(code int32) { panic(&ExitError{Code: code}) }
