//go:build !unix

package wasmhost_test

import "time"

// cpuTime is 0 where the process's CPU time is not at hand (GOOS=wasip1: the package's tests
// still vet and build there, as the Fastly entry compiles wasmhost for it).
func cpuTime() time.Duration { return 0 }
