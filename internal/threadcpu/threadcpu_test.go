package threadcpu

import (
	"runtime"
	"testing"
	"time"
)

// Busy work counts; sleeping does not (on Linux, where the thread's clock is read).
func TestMeterCountsCPUNotSleep(t *testing.T) {
	m := Start()
	time.Sleep(50 * time.Millisecond)
	slept := m.Read()
	// Busy work until the clock shows 20 ms more; on a loaded machine the thread gets less
	// than all of the wall time, so the bound is generous, and reaching it proves the count.
	start := time.Now()
	x := 0
	for m.Read()-slept < 20*time.Millisecond && time.Since(start) < 10*time.Second {
		x++
	}
	busyWall := time.Since(start)
	total := m.Stop()
	if runtime.GOOS != "linux" {
		t.Skip("the CPU clock is read on Linux only")
	}
	if !m.Measured() {
		t.Fatal("the thread's CPU clock could not be read")
	}
	if slept > 20*time.Millisecond {
		t.Errorf("50 ms of sleep counted %v of CPU time", slept)
	}
	if total-slept < 20*time.Millisecond {
		t.Errorf("%v of busy work counted only %v of CPU time (%d loops)", busyWall, total-slept, x)
	}
}
