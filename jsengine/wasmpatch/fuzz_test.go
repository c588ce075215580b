package wasmpatch

import (
	"bytes"
	"math"
	"runtime"
	"testing"
)

// refSection is a section as refSplit finds it, with whether its size was written in the
// shortest LEB128 form (only then does encode reproduce the input byte for byte).
type refSection struct {
	id        byte
	payload   []byte
	canonical bool
}

// refSplit is an independent reading of the module structure (header, then id, u32 size,
// payload until the end), the reference the fuzzer compares parseModule with.
func refSplit(b []byte) ([]refSection, bool) {
	if len(b) < 8 || string(b[:8]) != "\x00asm\x01\x00\x00\x00" {
		return nil, false
	}
	var out []refSection
	for i := 8; i < len(b); {
		id := b[i]
		i++
		var size uint64
		n := 0
		for {
			if i >= len(b) || n == 5 {
				return nil, false
			}
			c := b[i]
			i++
			size |= uint64(c&0x7f) << (7 * n)
			n++
			if c < 0x80 {
				break
			}
		}
		if size > math.MaxUint32 || uint64(len(b)-i) < size {
			return nil, false
		}
		minLen := 1
		for v := size >> 7; v != 0; v >>= 7 {
			minLen++
		}
		out = append(out, refSection{id: id, payload: b[i : i+int(size)], canonical: n == minLen})
		i += int(size)
	}
	return out, true
}

func wasmSeeds() [][]byte {
	h := string(wasmHeader)
	return [][]byte{
		[]byte(h),
		[]byte(h + "\x01\x04\x01\x60\x00\x00"), // one type () -> ()
		[]byte(h + "\x01\x04\x01\x60\x00\x00\x03\x02\x01\x00\x0a\x04\x01\x02\x00\x0b"), // one empty function
		[]byte(h + "\x00\x05\x04name"),                         // empty custom section
		[]byte(h + "\x01\x84\x80\x80\x80\x00\x01\x60\x00\x00"), // padded size: valid, not canonical
		[]byte(h + "\x06\x06\x01\x7f\x01\x41\x2a\x0b"),         // mutable i32 global = 42
		[]byte(h + "\x07\x05\x01\x01f\x00\x00"),                // export "f" func 0
		[]byte(h + "\x02\x0b\x01\x03env\x01m\x02\x00\x01"),     // import env.m memory {min 1}
		[]byte(h + "\x01\xff\xff\xff\xff\x0f"),                 // a size larger than the data
		[]byte(h + "\x01\x05\xff\xff\x3f\x00\x00"),             // a type count of 2^20 in 5 bytes
	}
}

// engineSeeds are small modules assembled from the real engine's type, import, global and
// export sections (its code section is megabytes, too large for a seed).
func engineSeeds(t testing.TB) [][]byte {
	m, err := parseModule(qjsWasm)
	if err != nil {
		t.Fatal(err)
	}
	var out [][]byte
	for _, id := range []byte{secType, secImport, secGlobal, secExport} {
		if i := m.find(id); i >= 0 && len(m.sections[i].payload) < 1<<16 {
			out = append(out, (&module{sections: []section{m.sections[i]}}).encode())
		}
	}
	return out
}

// FuzzDecode feeds arbitrary bytes to the module decoder and every section decoder behind
// Patch. Properties: no panic; parseModule accepts exactly what refSplit accepts, with the same
// sections; encode reproduces the input when every size is in the shortest form, and
// parse∘encode is the identity on sections otherwise; memory allocated stays proportional to
// the input (a count field must not size an allocation by itself); a module Patch accepts
// parses again.
func FuzzDecode(f *testing.F) {
	for _, s := range wasmSeeds() {
		f.Add(s)
	}
	for _, s := range engineSeeds(f) {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		ref, refOK := refSplit(b)
		m, err := parseModule(b)
		if (err == nil) != refOK {
			t.Fatalf("parseModule error %v, reference accepts: %v", err, refOK)
		}
		if err != nil {
			return
		}
		if len(m.sections) != len(ref) {
			t.Fatalf("%d sections, reference %d", len(m.sections), len(ref))
		}
		canonical := true
		for i, s := range m.sections {
			if s.id != ref[i].id || !bytes.Equal(s.payload, ref[i].payload) {
				t.Fatalf("section %d differs from the reference", i)
			}
			canonical = canonical && ref[i].canonical
		}
		enc := m.encode()
		if canonical && !bytes.Equal(enc, b) {
			t.Fatalf("encode does not reproduce a canonical module:\n in %x\nout %x", b, enc)
		}
		m2, err := parseModule(enc)
		if err != nil {
			t.Fatalf("encoded module does not parse: %v", err)
		}
		if !bytes.Equal(m2.encode(), enc) {
			t.Fatal("parse∘encode is not idempotent")
		}

		alloc := allocated(func() { decodeAll(m) })
		if limit := uint64(64*len(b) + 64<<10); alloc > limit {
			t.Fatalf("decoding a %d-byte module allocated %d bytes", len(b), alloc)
		}
		if res, err := Patch(b, Options{}); err == nil {
			if _, err := parseModule(res.Module); err != nil {
				t.Fatalf("Patch wrote a module that does not parse: %v", err)
			}
		}
	})
}

// decodeAll runs every decoder of the package over m, ignoring errors.
func decodeAll(m *module) {
	m.decodeTypes()
	m.imports()
	m.decodeFunctionTypes()
	m.decodeGlobals()
	m.decodeExports()
	m.globalNames()
	for _, s := range m.sections {
		customName(s)
	}
	if bodies, err := m.decodeCode(); err == nil {
		for _, raw := range bodies {
			if b, err := parseBody(raw); err == nil {
				b.walk(func(instr) {})
			}
		}
	}
}

func allocated(fn func()) uint64 {
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	fn()
	runtime.ReadMemStats(&after)
	return after.TotalAlloc - before.TotalAlloc
}

// FuzzLEB128: every u32 and s32 round-trips through the shortest encoding; whatever the
// reader accepts from arbitrary bytes re-encodes to at most as many bytes, decoding the same.
func FuzzLEB128(f *testing.F) {
	f.Add(uint32(0), int32(0), []byte{0x00})
	f.Add(uint32(624485), int32(-123456), []byte{0xe5, 0x8e, 0x26})
	f.Add(uint32(math.MaxUint32), int32(math.MinInt32), []byte{0xff, 0xff, 0xff, 0xff, 0x0f})
	f.Add(uint32(1<<31), int32(math.MaxInt32), []byte{0x80, 0x80, 0x80, 0x80, 0x80})
	f.Add(uint32(64), int32(-64), []byte{0xff, 0xff, 0xff, 0xff, 0x7f})
	f.Fuzz(func(t *testing.T, u uint32, s int32, raw []byte) {
		enc := appendU32(nil, u)
		r := &reader{b: enc}
		if got := r.u32(); got != u || r.err != nil || !r.eof() {
			t.Fatalf("u32 %d: encoded %x decodes to %d (err %v, eof %v)", u, enc, got, r.err, r.eof())
		}
		enc = appendS32(nil, s)
		r = &reader{b: enc}
		if got := r.s32(); got != s || r.err != nil || !r.eof() {
			t.Fatalf("s32 %d: encoded %x decodes to %d (err %v, eof %v)", s, enc, got, r.err, r.eof())
		}
		if len(enc) > 5 {
			t.Fatalf("s32 %d encoded in %d bytes", s, len(enc))
		}

		r = &reader{b: raw}
		if v := r.u32(); r.err == nil {
			re := appendU32(nil, v)
			if len(re) > r.pos {
				t.Fatalf("u32 %x read as %d in %d bytes, re-encoded in %d", raw, v, r.pos, len(re))
			}
		}
		r = &reader{b: raw}
		if v := r.s32(); r.err == nil {
			re := appendS32(nil, v)
			rr := &reader{b: re}
			if rr.s32() != v || len(re) > r.pos {
				t.Fatalf("s32 %x read as %d in %d bytes, re-encoded as %x", raw, v, r.pos, re)
			}
		}
	})
}

// Found by FuzzDecode: a count field of 2^20 in a 5-byte type section made decodeTypes
// preallocate 48 MiB (and a count of 2^32-1, hundreds of GiB).
func TestDecodeCountDoesNotSizeAllocation(t *testing.T) {
	for _, id := range []byte{secType, secFunction, secGlobal, secExport, secCode} {
		m := &module{sections: []section{{id: id, payload: []byte{0xff, 0xff, 0xff, 0xff, 0x0f}}}}
		if alloc := allocated(func() { decodeAll(m) }); alloc > 1<<20 {
			t.Errorf("section %d: a count of 2^32-1 allocated %d bytes", id, alloc)
		}
	}
}
