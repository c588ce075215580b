package wasmhost

import (
	"context"
	"time"
)

// Wait returns when no request and no ctx.waitUntil work is in flight in the pool, or with
// ctx's error when ctx ends first. A host whose process ends after its last response (the
// Fastly Compute entry: the instance ends when its handler returns) calls it after the
// response is closed, so that waitUntil work is not cut off.
func (p *Pool) Wait(ctx context.Context) error {
	for {
		p.mu.Lock()
		n := len(p.inflight)
		p.mu.Unlock()
		if n == 0 {
			return nil
		}
		t := time.NewTimer(time.Millisecond)
		select {
		case <-ctx.Done():
			t.Stop()
			return ctx.Err()
		case <-t.C:
		}
	}
}
