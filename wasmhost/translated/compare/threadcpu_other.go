//go:build !linux

package compare

import "time"

// threadCPU is not available here: CPU columns read 0.
func threadCPU() time.Duration { return 0 }
