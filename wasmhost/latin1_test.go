package wasmhost_test

import (
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/kitwasm/kitwasm/wasmhost"
)

// Header bytes are Latin-1 characters in JavaScript, as in Node and workerd: a raw UTF-8
// "ë" arrives as two characters, and characters <= U+00FF leave as single bytes.
func TestHeaderBytesAreLatin1(t *testing.T) {
	p := pool(t, `
export default {
  fetch(request) {
    const v = request.headers.get('x-in');
    return new Response([...v].map((c) => c.charCodeAt(0)).join(','), { headers: { 'x-out': 'caf\u00e9', location: '/x?\u00fc' } });
  },
};`, wasmhost.PoolConfig{})
	rec := &wasmhost.Recorder{}
	p.Serve(t.Context(), &wasmhost.Request{Method: "GET", URL: "http://example.test/", Header: [][2]string{{"x-in", "Zo\xc3\xab \xe2\x9c\x93"}}}, rec)
	assert.Equal(t, 200, rec.Status)
	assert.Equal(t, "90,111,195,171,32,226,156,147", rec.Body.String())
	assert.Equal(t, "caf\xe9", rec.Get("x-out"))
	assert.Equal(t, "/x?\xfc", rec.Get("location"))
}
