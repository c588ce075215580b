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
	deadline := time.Now().Add(30 * time.Millisecond)
	x := 0
	for time.Now().Before(deadline) {
		x++
	}
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
	if total-slept < 10*time.Millisecond {
		t.Errorf("30 ms of busy work counted %v of CPU time (%d loops)", total-slept, x)
	}
}
