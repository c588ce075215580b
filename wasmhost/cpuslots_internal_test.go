package wasmhost

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// waitFor blocks until s has n waiters.
func waitFor(t *testing.T, s *cpuSlots, n int32) {
	t.Helper()
	require.Eventually(t, func() bool { return s.waiting.Load() == n }, 10*time.Second, 100*time.Microsecond)
}

func TestCPUSlotGoesToTheOldestRequest(t *testing.T) {
	s := newCPUSlots(1)
	require.NoError(t, s.take(context.Background(), 10))
	got := make(chan int64, 3)
	// Waiters arrive out of ticket order, as when an older request comes back from a body
	// read while newer ones already wait.
	for i, ticket := range []int64{13, 11, 12} {
		go func() {
			require.NoError(t, s.take(context.Background(), ticket))
			got <- ticket
		}()
		waitFor(t, s, int32(i+1))
	}
	var order []int64
	for range 3 {
		s.give()
		order = append(order, <-got)
	}
	assert.Equal(t, []int64{11, 12, 13}, order, "the slot freed goes to the smallest ticket waiting")
	s.give()
	require.NoError(t, s.take(context.Background(), 99), "the last slot given back is free")
	s.give()
}

func TestCPUSlotWaiterLeavesWhenItsRequestEnds(t *testing.T) {
	s := newCPUSlots(1)
	require.NoError(t, s.take(context.Background(), 1))
	ctx, cancel := context.WithCancelCause(context.Background())
	stop := errors.New("the request's time is up")
	gave := make(chan error, 1)
	go func() { gave <- s.take(ctx, 2) }()
	waitFor(t, s, 1)
	cancel(stop)
	require.ErrorIs(t, <-gave, stop, "a waiter whose context ends gets its cause")
	assert.Equal(t, int32(0), s.waiting.Load())

	third := make(chan error, 1)
	go func() { third <- s.take(context.Background(), 3) }()
	waitFor(t, s, 1)
	s.give()
	require.NoError(t, <-third, "the slot goes to the next waiter, not to the one that left")
	s.give()
	assert.Equal(t, 1, s.free)
}
