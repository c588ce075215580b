package cli

// The server processes of kitwasm bench: their output, their memory, their end.

import (
	"bytes"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"time"
)

// benchProc is a server process started in a process group of its own.
type benchProc struct {
	name string
	addr string
	cmd  *exec.Cmd
	done chan struct{}
	out  tailBuffer
}

func (p *benchProc) exited() bool {
	select {
	case <-p.done:
		return true
	default:
		return false
	}
}

// stop ends the process group: SIGTERM, then SIGKILL after 5 s.
func (p *benchProc) stop() {
	if p.cmd.Process == nil || p.exited() {
		return
	}
	_ = syscall.Kill(-p.cmd.Process.Pid, syscall.SIGTERM)
	select {
	case <-p.done:
	case <-time.After(5 * time.Second):
		_ = syscall.Kill(-p.cmd.Process.Pid, syscall.SIGKILL)
		<-p.done
	}
}

// rss is the process's resident set size now (VmRSS of /proc/<pid>/status), 0 if unknown.
func (p *benchProc) rss() int64 {
	if p.cmd.Process == nil {
		return 0
	}
	return vmRSS(p.cmd.Process.Pid)
}

// sampleRSS samples the RSS every 50 ms until the returned function is called, which returns
// the highest sample.
func (p *benchProc) sampleRSS() func() int64 {
	stop := make(chan struct{})
	res := make(chan int64)
	go func() {
		peak := p.rss()
		t := time.NewTicker(50 * time.Millisecond)
		defer t.Stop()
		for {
			select {
			case <-t.C:
				peak = max(peak, p.rss())
			case <-stop:
				res <- max(peak, p.rss())
				return
			}
		}
	}()
	return func() int64 { close(stop); return <-res }
}

// vmRSS reads VmRSS (in kB) from /proc/<pid>/status and returns it in bytes; 0 if unknown.
func vmRSS(pid int) int64 {
	b, err := os.ReadFile("/proc/" + strconv.Itoa(pid) + "/status")
	if err != nil {
		return 0
	}
	for _, line := range strings.Split(string(b), "\n") {
		if v, ok := strings.CutPrefix(line, "VmRSS:"); ok {
			kb, _ := strconv.ParseInt(strings.TrimSuffix(strings.TrimSpace(v), " kB"), 10, 64)
			return kb << 10
		}
	}
	return 0
}

// tailBuffer keeps a process's output; tail returns its last lines for error messages.
type tailBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (t *tailBuffer) Write(p []byte) (int, error) {
	t.mu.Lock()
	defer t.mu.Unlock()
	if t.buf.Len() > 1<<20 {
		rest := append([]byte(nil), t.buf.Bytes()[t.buf.Len()-64<<10:]...)
		t.buf.Reset()
		t.buf.Write(rest)
	}
	return t.buf.Write(p)
}

func (t *tailBuffer) tail() string {
	t.mu.Lock()
	defer t.mu.Unlock()
	s := t.buf.String()
	if len(s) > 4000 {
		s = "…" + s[len(s)-4000:]
	}
	return s
}
