package wasmhost

import (
	"runtime"
	"syscall"
	"time"
	"unsafe"
)

// cpuMeter measures the CPU time of the calling goroutine's thread, to which it locks the
// goroutine until stop: the guest runs on the goroutine that calls into wazero, so this is
// the isolate's CPU time. read may be called from another goroutine: it reads the thread's
// clock by its id (Linux's per-thread CPU clocks, MAKE_THREAD_CPUCLOCK).
type cpuMeter struct {
	clock int32
	start time.Duration
	wall  time.Time // fallback when the clock cannot be read
	ok    bool
}

func startCPUMeter() *cpuMeter {
	runtime.LockOSThread()
	tid := syscall.Gettid()
	// CPUCLOCK_SCHED (2) | CPUCLOCK_PERTHREAD_MASK (4), the thread id inverted and shifted.
	m := &cpuMeter{clock: int32(^uint32(tid)<<3 | 6), wall: time.Now()}
	m.start, m.ok = clockTime(m.clock)
	return m
}

func (m *cpuMeter) read() time.Duration {
	if m.ok {
		if t, ok := clockTime(m.clock); ok {
			return t - m.start
		}
	}
	return time.Since(m.wall)
}

func (m *cpuMeter) stop() time.Duration {
	d := m.read()
	runtime.UnlockOSThread()
	return d
}

func clockTime(clock int32) (time.Duration, bool) {
	var ts syscall.Timespec
	_, _, errno := syscall.Syscall(syscall.SYS_CLOCK_GETTIME, uintptr(int64(clock)), uintptr(unsafe.Pointer(&ts)), 0)
	if errno != 0 {
		return 0, false
	}
	return time.Duration(ts.Nano()), true
}
