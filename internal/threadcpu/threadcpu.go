// Package threadcpu measures the CPU time of the OS thread a goroutine runs on: the
// goroutine is locked to its thread from Start until Stop, so that the thread's CPU clock is
// the CPU time of the work that goroutine does (a guest running inside wazero, which runs on
// the goroutine that calls it). Read may be called from another goroutine. On Linux it reads
// the thread's CPU clock by its id; elsewhere it falls back to wall time.
//
// edge/compute uses it for Fastly Compute's CPU limit, and wasmhost (cpu.go) for the CPU
// limits of kitwasm serve --target.
package threadcpu

import "time"

// Meter is a started measurement.
type Meter struct {
	clock int32
	start time.Duration
	wall  time.Time // fallback when the clock cannot be read
	ok    bool
}

// Read returns the CPU time the thread spent since Start.
func (m *Meter) Read() time.Duration {
	if m.ok {
		if t, ok := clockTime(m.clock); ok {
			return t - m.start
		}
	}
	return time.Since(m.wall)
}

// Measured says whether Read is the thread's CPU time (false: wall time).
func (m *Meter) Measured() bool { return m.ok }
