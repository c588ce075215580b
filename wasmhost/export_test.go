package wasmhost

// UnguardedConfig returns c for an engine without the stack guard, to measure the guard's
// cost in benchmarks. Such an engine must never serve: deep recursion corrupts it.
func UnguardedConfig(c EngineConfig) EngineConfig {
	c.unguarded = true
	return c
}

// Test-only access for the limits tests (issue 11: causal, not timed, assertions).
var (
	// ErrLimit is wrapped by every error of an exceeded time limit.
	ErrLimit = errLimit
	// ErrHung is the error of a worker whose promises can never settle.
	ErrHung = errHung
)
