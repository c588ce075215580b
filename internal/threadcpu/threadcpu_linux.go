package threadcpu

import (
	"runtime"
	"syscall"
	"time"
	"unsafe"
)

// Start locks the calling goroutine to its thread and starts measuring that thread's CPU time.
func Start() *Meter {
	runtime.LockOSThread()
	tid := syscall.Gettid()
	// CPUCLOCK_SCHED (2) | CPUCLOCK_PERTHREAD_MASK (4), the thread id inverted and shifted
	// (Linux's MAKE_THREAD_CPUCLOCK).
	m := &Meter{clock: int32(^uint32(tid)<<3 | 6), wall: time.Now()}
	m.start, m.ok = clockTime(m.clock)
	return m
}

// Stop returns the CPU time since Start and unlocks the goroutine from its thread. It must be
// called on the goroutine that called Start.
func (m *Meter) Stop() time.Duration {
	d := m.Read()
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
