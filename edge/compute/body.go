package compute

import (
	"bytes"
	"errors"
	"io"
	"net/http"
)

// body is a Compute body handle: buffered bytes, then an optional source
// (the downstream request's body, a backend response's body), or, once it
// streams (send_downstream with streaming, send_async_streaming), a sink
// that writes go straight to.
type body struct {
	buf    []byte
	src    io.Reader
	sink   io.Writer
	closer io.Closer
	closed bool
}

func (b *body) read(p []byte) int {
	if len(b.buf) > 0 {
		n := copy(p, b.buf)
		b.buf = b.buf[n:]
		return n
	}
	for b.src != nil {
		n, err := b.src.Read(p)
		if err != nil {
			b.src = nil
		}
		if n > 0 {
			return n
		}
	}
	return 0
}

// reader returns the body's remaining content and empties it.
func (b *body) reader() io.Reader {
	var r io.Reader = bytes.NewReader(b.buf)
	if b.src != nil {
		r = io.MultiReader(r, b.src)
	}
	b.buf, b.src = nil, nil
	return r
}

func (b *body) write(p []byte, front bool) error {
	switch {
	case b.closed:
		return errClosedBody
	case b.sink != nil:
		_, err := b.sink.Write(p)
		return err
	case front:
		b.buf = append(bytes.Clone(p), b.buf...)
	case b.src != nil:
		b.src = io.MultiReader(b.src, bytes.NewReader(bytes.Clone(p)))
	default:
		b.buf = append(b.buf, p...)
	}
	return nil
}

func (b *body) appendBody(src *body) error {
	if b.closed {
		return errClosedBody
	}
	if b.sink != nil {
		_, err := io.Copy(b.sink, src.reader())
		return err
	}
	if b.src == nil && src.src == nil {
		b.buf = append(b.buf, src.buf...)
		src.buf = nil
		return nil
	}
	rest := src.reader()
	if b.src != nil {
		b.src = io.MultiReader(b.src, rest)
	} else {
		b.src = rest
	}
	return nil
}

// knownLength is the length when the whole body is buffered.
func (b *body) knownLength() (int, bool) {
	if b.src != nil || b.sink != nil {
		return 0, false
	}
	return len(b.buf), true
}

func (b *body) close() {
	if b.closed {
		return
	}
	b.closed = true
	if b.closer != nil {
		b.closer.Close()
	}
}

// flushWriter writes to the downstream connection and flushes each write,
// so a streaming response reaches the client as the program writes it.
type flushWriter struct{ w http.ResponseWriter }

func (f flushWriter) Write(p []byte) (int, error) {
	n, err := f.w.Write(p)
	if fl, ok := f.w.(http.Flusher); ok {
		fl.Flush()
	}
	return n, err
}

// errClosedBody: a closed streaming body's sink is a response already
// complete, whose writer the instance must no longer use.
var errClosedBody = errors.New("write to a closed body")
