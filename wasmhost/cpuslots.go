package wasmhost

import (
	"context"
	"slices"
	"sync"
	"sync/atomic"
	"time"
)

// cpuSlots bounds how many of a pool's isolates run JavaScript at once (PoolConfig.Running,
// default GOMAXPROCS), and decides which of the others runs next: the one whose request
// arrived first.
//
// Without it, every isolate with work is a runnable goroutine, up to MaxIsolates (4 per CPU)
// of them, and Go's scheduler shares the CPUs among them unfairly: code compiled by wazero
// cannot be preempted, so a goroutine running JavaScript is preempted only when it calls the
// host after 10 ms on its CPU, and a preempted goroutine goes to the global run queue, which
// a busy P looks at once in 61 scheduling rounds while the goroutines that network events and
// channel wake-ups put on its local queue run first. Under 16 connections on 2 CPUs, form
// actions of the kit fixture waited 100-600 ms so (p99 20x their p50; BENCHMARKS.md, "Tail
// latency of the form action"). With no more JavaScript goroutines than Ps, the few that are
// preempted are picked up as soon as the short network goroutines are done, and the isolates
// that wait for the CPU wait here.
//
// An isolate takes a slot to call into the engine (loop.run) and keeps it from one call to
// the next until it has to wait (for a body chunk, a fetch, a timer); it gives it up while a
// host call may block on the client (writes of the response: a client that does not read must
// not hold a CPU). A slot freed goes to the waiting isolate with the smallest ticket: the
// time its request arrived plus the time it has held a slot since, so that a request that
// has started is finished before later ones take the CPU from it, as a FIFO queue of whole
// requests would (fewer isolates in flight, whose memory stays in the CPU's caches), while a
// long computation is served after requests that arrived within its running time. An
// isolate that has held its slot for cpuSlice while a request with a smaller ticket waits
// gives the slot up at its next host call and queues again with its new ticket: a long
// computation shares the CPU with short requests instead of holding it to the end.
type cpuSlots struct {
	mu      sync.Mutex
	free    int
	waiters []*cpuWaiter  // in no order; the smallest ticket goes first
	waiting atomic.Int32  // len(waiters), read without the lock
	epoch   time.Time     // tickets count nanoseconds from here
	slice   time.Duration // how long an isolate keeps its slot while others wait
}

type cpuWaiter struct {
	ticket int64
	ready  chan struct{} // closed when the slot is handed over
}

// cpuSlice is how long an isolate keeps its CPU slot at a stretch while others wait for one:
// the period after which Go's scheduler preempts a goroutine.
const cpuSlice = 10 * time.Millisecond

func newCPUSlots(n int) *cpuSlots {
	return &cpuSlots{free: max(n, 1), slice: cpuSlice, epoch: time.Now()}
}

// ticket is the place in the queue for the CPU of a request that arrives now.
func (s *cpuSlots) ticket() int64 { return int64(time.Since(s.epoch)) }

// waitsBefore says whether an isolate with a ticket below t waits for a slot.
func (s *cpuSlots) waitsBefore(t int64) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, w := range s.waiters {
		if w.ticket < t {
			return true
		}
	}
	return false
}

// take waits for a slot until it is handed over to ticket (the waiting one with the smallest
// ticket gets the next slot freed), or until ctx ends.
func (s *cpuSlots) take(ctx context.Context, ticket int64) error {
	s.mu.Lock()
	if s.free > 0 {
		s.free--
		s.mu.Unlock()
		return nil
	}
	w := &cpuWaiter{ticket: ticket, ready: make(chan struct{})}
	s.waiters = append(s.waiters, w)
	s.waiting.Store(int32(len(s.waiters)))
	s.mu.Unlock()
	select {
	case <-w.ready:
		return nil
	case <-ctx.Done():
	}
	s.mu.Lock()
	if i := slices.Index(s.waiters, w); i >= 0 {
		s.waiters = slices.Delete(s.waiters, i, i+1)
		s.waiting.Store(int32(len(s.waiters)))
		s.mu.Unlock()
		return context.Cause(ctx)
	}
	s.mu.Unlock()
	// The slot was handed over as ctx ended: pass it on.
	s.give()
	return context.Cause(ctx)
}

// give frees a slot: it goes to the waiter with the smallest ticket, if any.
func (s *cpuSlots) give() {
	s.mu.Lock()
	defer s.mu.Unlock()
	if len(s.waiters) == 0 {
		s.free++
		return
	}
	first := 0
	for i, w := range s.waiters {
		if w.ticket < s.waiters[first].ticket {
			first = i
		}
	}
	w := s.waiters[first]
	s.waiters = slices.Delete(s.waiters, first, first+1)
	s.waiting.Store(int32(len(s.waiters)))
	close(w.ready)
}

// takeCPU takes the loop's CPU slot before a call into the engine (nil: the loop has none to
// take, as while an isolate is made).
func (l *loop) takeCPU(ctx context.Context) error {
	if l.cpu == nil || l.holding {
		return nil
	}
	if err := l.cpu.take(ctx, l.ticket); err != nil {
		return err
	}
	l.holding, l.heldSince = true, time.Now()
	return nil
}

// giveCPU gives the slot back, adding the time it was held to the loop's ticket.
func (l *loop) giveCPU() {
	if l.holding {
		l.holding = false
		l.ticket += int64(time.Since(l.heldSince))
		l.cpu.give()
	}
}

// yieldCPU is called at every host call while the engine runs: after cpuSlice, if an isolate
// with a smaller ticket than this one's (counting the time held) waits, this one gives its
// slot up and queues again. If ctx ends while it waits, the call goes on without a slot: the
// isolate is being interrupted anyway.
func (l *loop) yieldCPU(ctx context.Context) {
	if !l.holding || l.cpu.waiting.Load() == 0 {
		return
	}
	held := time.Since(l.heldSince)
	if held < l.cpu.slice || !l.cpu.waitsBefore(l.ticket+int64(held)) {
		return
	}
	l.giveCPU()
	l.takeCPU(ctx)
}

// withoutCPU runs f, which may block on the client (writing the response), without the CPU
// slot, and takes it again after.
func (l *loop) withoutCPU(f func() error) error {
	if !l.holding {
		return f()
	}
	l.giveCPU()
	err := f()
	l.takeCPU(l.ctx)
	return err
}

// cpuGrace is how long a loop waits for a host operation's completion with its CPU slot
// before giving it up: a request body's chunk, read by a goroutine from what the edge has
// already received, comes within tens of microseconds (p90 0.1 ms measured under load), and
// giving the slot up and queueing again for it cost a switch to another isolate each time.
const cpuGrace = 500 * time.Microsecond

// awaitShortly waits up to cpuGrace for a completion and queues it; false if none came.
func (l *loop) awaitShortly() bool {
	select {
	case ev := <-l.async:
		l.pending--
		l.push(ev)
		return true
	default:
	}
	if l.grace == nil {
		l.grace = time.NewTimer(cpuGrace)
	} else {
		l.grace.Reset(cpuGrace)
	}
	select {
	case ev := <-l.async:
		l.grace.Stop()
		l.pending--
		l.push(ev)
		return true
	case <-l.grace.C:
		return false
	}
}
