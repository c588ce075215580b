package compute

// sliceMemory is wazero's default behaviour: a Go slice, copied to a
// bigger one when the memory grows.
type sliceMemory struct{ buf []byte }

func (m *sliceMemory) Reallocate(size uint64) []byte {
	if size <= uint64(cap(m.buf)) {
		m.buf = m.buf[:size]
		return m.buf
	}
	b := make([]byte, size, max(size, 2*uint64(cap(m.buf))))
	copy(b, m.buf)
	m.buf = b
	return b
}

func (m *sliceMemory) Free() { m.buf = nil }
