//go:build !linux

package wasmhost

import "time"

// cpuMeter measures wall time where no per-thread CPU clock is read (see cpu_linux.go): the
// time the isolate ran, including time the system gave to other work meanwhile.
type cpuMeter struct{ start time.Time }

func startCPUMeter() *cpuMeter { return &cpuMeter{start: time.Now()} }

func (m *cpuMeter) read() time.Duration { return time.Since(m.start) }

func (m *cpuMeter) stop() time.Duration { return m.read() }
