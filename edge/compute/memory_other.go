//go:build !linux

package compute

import "github.com/tetratelabs/wazero/experimental"

// newLinearMemory gives a Go slice, copied on growth, where no mapping is
// made.
func newLinearMemory(capacity, max uint64) experimental.LinearMemory { return &sliceMemory{} }
