package wasmhost

import (
	"bytes"
	"strings"
	"sync"
)

// Recorder is a ResponseWriter that keeps the response in memory, for tests and tools (the
// counterpart of net/http/httptest.ResponseRecorder).
type Recorder struct {
	mu         sync.Mutex
	Status     int
	StatusText string
	Header     [][2]string
	Body       bytes.Buffer
	// Writes counts the Write calls: for a streamed body, the chunks.
	Writes int
}

// WriteHead records the head.
func (r *Recorder) WriteHead(status int, text string, header [][2]string, _ int64) error {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.Status, r.StatusText, r.Header = status, text, header
	return nil
}

// Write records a chunk.
func (r *Recorder) Write(b []byte) error {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.Writes++
	r.Body.Write(b)
	return nil
}

// Get returns the first value of the header name (case-insensitive), or "".
func (r *Recorder) Get(name string) string {
	r.mu.Lock()
	defer r.mu.Unlock()
	for _, h := range r.Header {
		if strings.EqualFold(h[0], name) {
			return h[1]
		}
	}
	return ""
}
