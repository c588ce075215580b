package wasmpatch

import (
	"errors"
	"fmt"
)

var errTruncated = errors.New("wasmpatch: unexpected end of data")

// reader is a cursor over a byte slice with LEB128 helpers. Errors are sticky:
// after the first failure every read returns zero and err stays set.
type reader struct {
	b   []byte
	pos int
	err error
}

func (r *reader) fail(err error) {
	if r.err == nil {
		r.err = err
	}
}

func (r *reader) eof() bool { return r.pos >= len(r.b) }

func (r *reader) byte() byte {
	if r.err != nil {
		return 0
	}
	if r.pos >= len(r.b) {
		r.fail(errTruncated)
		return 0
	}
	c := r.b[r.pos]
	r.pos++
	return c
}

func (r *reader) bytes(n int) []byte {
	if r.err != nil {
		return nil
	}
	if n < 0 || r.pos+n > len(r.b) {
		r.fail(errTruncated)
		return nil
	}
	s := r.b[r.pos : r.pos+n]
	r.pos += n
	return s
}

// u32 reads an unsigned LEB128 value of at most 32 bits (at most 5 bytes).
func (r *reader) u32() uint32 {
	var v uint64
	for i := 0; i < 5; i++ {
		c := r.byte()
		if r.err != nil {
			return 0
		}
		v |= uint64(c&0x7f) << (7 * i)
		if c&0x80 == 0 {
			if v > 0xffffffff {
				r.fail(fmt.Errorf("wasmpatch: u32 LEB128 overflow at %d", r.pos))
				return 0
			}
			return uint32(v)
		}
	}
	r.fail(fmt.Errorf("wasmpatch: u32 LEB128 too long at %d", r.pos))
	return 0
}

// signed reads a signed LEB128 value of at most bits bits.
func (r *reader) signed(bits int) int64 {
	var v int64
	var shift int
	maxBytes := (bits + 6) / 7
	for i := 0; i < maxBytes; i++ {
		c := r.byte()
		if r.err != nil {
			return 0
		}
		v |= int64(c&0x7f) << shift
		shift += 7
		if c&0x80 == 0 {
			if shift < 64 && c&0x40 != 0 {
				v |= -1 << shift
			}
			return v
		}
	}
	r.fail(fmt.Errorf("wasmpatch: s%d LEB128 too long at %d", bits, r.pos))
	return 0
}

func (r *reader) s32() int32 { return int32(r.signed(32)) }

// appendU32 appends the shortest unsigned LEB128 encoding of v.
func appendU32(b []byte, v uint32) []byte {
	for {
		c := byte(v & 0x7f)
		v >>= 7
		if v != 0 {
			b = append(b, c|0x80)
			continue
		}
		return append(b, c)
	}
}

// appendS32 appends the shortest signed LEB128 encoding of v.
func appendS32(b []byte, v int32) []byte {
	x := int64(v)
	for {
		c := byte(x & 0x7f)
		x >>= 7
		if (x == 0 && c&0x40 == 0) || (x == -1 && c&0x40 != 0) {
			return append(b, c)
		}
		b = append(b, c|0x80)
	}
}

// appendName appends a Wasm name (length-prefixed UTF-8).
func appendName(b []byte, s string) []byte {
	b = appendU32(b, uint32(len(s)))
	return append(b, s...)
}
