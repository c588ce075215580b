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

// Test-only access for the pool lifecycle tests.

// Slots counts the isolates that exist or are being made (idle, serving or warming).
func (p *Pool) Slots() int { return len(p.sem) }

// Idle counts the idle isolates.
func (p *Pool) Idle() int { return len(p.idle) }

// SetNewIsolateHook makes every later attempt to make an isolate call hook first and fail
// with its error, if any.
func (p *Pool) SetNewIsolateHook(hook func() error) {
	p.mu.Lock()
	p.newIsolateHook = hook
	p.mu.Unlock()
}

// Recycled counts the engine's memories kept for the next restores (Linux).
func (p *Pool) Recycled() int {
	if p.eng.mem == nil {
		return 0
	}
	return p.eng.mem.recycled()
}
