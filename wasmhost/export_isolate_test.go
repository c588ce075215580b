package wasmhost

// HeapCopyConfig returns c for an engine that restores snapshots as before issue 10: by
// copying into linear memory that wazero allocates in the Go heap (benchmarks compare).
func HeapCopyConfig(c EngineConfig) EngineConfig {
	c.heapCopy = true
	return c
}
