package wasmhost

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"time"

	"github.com/kitwasm/kitwasm/internal/threadcpu"
)

// Limits are per-request limits of an edge platform, enforced for kitwasm serve --target
// (internal/cli/emulate.go). The zero value enforces none of them (time and memory are bounded
// by PoolConfig.RequestTimeout and EngineConfig.MemoryLimitPages as always).
type Limits struct {
	// CPUTime bounds the CPU time of a request: the time its isolate spends running
	// JavaScript and the host calls JavaScript makes synchronously, from the request to its
	// last ctx.waitUntil promise, excluding time spent waiting for the request body, fetches,
	// timers or the client. On Linux it is the CPU time of the thread the isolate runs on
	// (other processes and the scheduler do not count); elsewhere it is the wall time of
	// those same stretches. Past it the isolate is interrupted and the request fails with
	// an error wrapping ErrCPUTime. 0: no limit.
	CPUTime time.Duration
	// Subrequests bounds the fetches of one request (0: no limit): the one over it is refused
	// and fetch() rejects with SubrequestError (%d is replaced by the limit).
	Subrequests     int
	SubrequestError string
	// Fail, when set, gives the response a client gets when the runtime answers for the
	// worker before its head: a limit (the error wraps ErrCPUTime, ErrMemory, or the
	// deadline's errLimit), an exception (ErrException), a failure of the runtime. It
	// returns status 0 to keep kitwasm's own answer (the status given).
	Fail func(status int, err error) (int, [][2]string, []byte)
	// OnCPU, with CPUTime, is told the CPU time of every request when its loop ends.
	OnCPU func(req *Request, used time.Duration)
}

var (
	// ErrCPUTime is wrapped by the error of a request past Limits.CPUTime.
	ErrCPUTime = errors.New("exceeded its CPU time limit")
	// ErrMemory is wrapped by the error of a request whose isolate ran out of memory.
	ErrMemory = errors.New("ran out of memory")
	// ErrException is wrapped by the error of a worker that threw before responding.
	ErrException = errors.New("the worker threw an exception")
)

// reqLimits is one request's account of its Limits.
type reqLimits struct {
	cfg    *Limits
	cancel context.CancelCauseFunc // ends the request (and interrupts the isolate) with a cause

	mu      sync.Mutex
	used    time.Duration    // CPU time of the entry calls that returned
	running *threadcpu.Meter // the entry call now running, if any (its thread's CPU clock)
	timer   *time.Timer
	fetches int
}

func newReqLimits(cfg *Limits, cancel context.CancelCauseFunc) *reqLimits {
	if cfg.CPUTime <= 0 && cfg.Subrequests <= 0 && cfg.Fail == nil {
		return nil
	}
	return &reqLimits{cfg: cfg, cancel: cancel}
}

func (r *reqLimits) cpuError(used time.Duration) error {
	return fmt.Errorf("%w: the request %w: %v of CPU time, over the limit of %v (kitwasm serve --target)",
		errLimit, ErrCPUTime, used.Round(100*time.Microsecond), r.cfg.CPUTime)
}

// callEntry is Isolate.callEntry with the request's CPU time measured and bounded.
func (l *loop) callEntry(ctx context.Context) (int32, error) {
	r := l.lim
	if r == nil || r.cfg.CPUTime <= 0 {
		return l.iso.callEntry(ctx)
	}
	m := threadcpu.Start()
	r.mu.Lock()
	if r.used >= r.cfg.CPUTime {
		r.mu.Unlock()
		m.Stop()
		err := r.cpuError(r.used)
		r.cancel(err)
		return -1, err
	}
	r.running = m
	r.timer = time.AfterFunc(r.cfg.CPUTime-r.used, r.check)
	r.mu.Unlock()

	d, err := l.iso.callEntry(ctx)

	spent := m.Stop()
	r.mu.Lock()
	r.running = nil
	r.timer.Stop()
	r.used += spent
	used := r.used
	r.mu.Unlock()
	if err == nil && used > r.cfg.CPUTime {
		// Over the limit by less than the timer could see: the request fails all the same,
		// as it would on the platform.
		err = r.cpuError(used)
		r.cancel(err)
		return -1, err
	}
	return d, err
}

// check runs when the running entry call may have used the request's CPU time: it stops the
// isolate if so, else looks again when the rest could be used up.
func (r *reqLimits) check() {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.running == nil {
		return
	}
	used := r.used + r.running.Read()
	if used >= r.cfg.CPUTime {
		r.cancel(r.cpuError(used)) // interrupts the isolate (Isolate.whileRunning)
		return
	}
	r.timer = time.AfterFunc(max(r.cfg.CPUTime-used, time.Millisecond), r.check)
}

// done reports the request's CPU time (Limits.OnCPU).
func (r *reqLimits) done(req *Request) {
	if r == nil || r.cfg.OnCPU == nil || r.cfg.CPUTime <= 0 {
		return
	}
	r.mu.Lock()
	used := r.used
	r.mu.Unlock()
	r.cfg.OnCPU(req, used)
}

// subrequest counts a fetch, and refuses the one over the limit.
func (r *reqLimits) subrequest() error {
	if r == nil || r.cfg.Subrequests <= 0 {
		return nil
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	r.fetches++
	if r.fetches > r.cfg.Subrequests {
		msg := r.cfg.SubrequestError
		if msg == "" {
			msg = "too many subrequests: the limit is %d per request"
		}
		if containsVerb(msg) {
			msg = fmt.Sprintf(msg, r.cfg.Subrequests)
		}
		return errors.New(msg)
	}
	return nil
}

func containsVerb(s string) bool {
	for i := 0; i+1 < len(s); i++ {
		if s[i] == '%' && s[i+1] == 'd' {
			return true
		}
	}
	return false
}

// failure is the answer a client gets when the runtime responds for the worker: status and
// text of kitwasm, or the platform's (Limits.Fail).
func failResponse(cfg *Limits, status int, err error) (int, [][2]string, []byte) {
	if cfg != nil && cfg.Fail != nil {
		f := cfg.Fail
		if s, h, b := f(status, err); s != 0 {
			return s, h, b
		}
	}
	msg := "Internal Server Error"
	if status == 503 {
		msg = "Service Unavailable"
	}
	return status, [][2]string{{"content-type", "text/plain;charset=UTF-8"}}, []byte(msg)
}

func (l *loop) failure(status int, err error) (int, [][2]string, []byte) {
	var cfg *Limits
	if l.lim != nil {
		cfg = l.lim.cfg
	}
	return failResponse(cfg, status, err)
}

// exception is why a worker's request failed before its head, as the JavaScript side said
// (an "error" message): out of memory, or an exception.
func (l *loop) exception(message string) (int, error) {
	if l.fatal == "out of memory" {
		return 500, fmt.Errorf("%w: %w: %s", errLimit, ErrMemory, message)
	}
	return 500, fmt.Errorf("%w: %s", ErrException, message)
}
