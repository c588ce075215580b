package wasmhost

// UnguardedConfig returns c for an engine without the stack guard, to measure the guard's
// cost in benchmarks. Such an engine must never serve: deep recursion corrupts it.
func UnguardedConfig(c EngineConfig) EngineConfig {
	c.unguarded = true
	return c
}
