package sourcemap

import (
	"encoding/binary"
	"encoding/json"
	"math"
	"runtime"
	"strings"
	"testing"
)

// appendVLQ is an encoder written for the tests from the source map v3 format: the value
// shifted left with the sign in bit 0, in base64 digits of 5 bits, least significant first,
// bit 5 set on every digit but the last.
func appendVLQ(b []byte, v int32) []byte {
	x := uint64(int64(v)) << 1
	if v < 0 {
		x = uint64(-int64(v))<<1 | 1
	}
	for {
		d := x & 31
		x >>= 5
		if x != 0 {
			b = append(b, b64[d|32])
			continue
		}
		return append(b, b64[d])
	}
}

// FuzzParse: on arbitrary bytes Parse does not panic and allocates in proportion to its input;
// every lookup of a parsed map names one of its sources, with a positive line and column.
func FuzzParse(f *testing.F) {
	f.Add([]byte(`{"version":3,"sources":["a.js","b.js"],"mappings":"AAAA,CAAC;AACA,SAAS;;ACDT"}`), 1, 5)
	f.Add([]byte(`{"version":3,"sourceRoot":"src/","sources":["x.js"],"mappings":"AAAA"}`), 1, 1)
	f.Add([]byte(`{"version":3,"sources":[],"mappings":"A,C,D;;;"}`), 1, 1)
	f.Add([]byte(`{"version":3,"sources":["a"],"mappings":"ADAD"}`), 1, 1)     // negative source line
	f.Add([]byte(`{"version":3,"sources":["a"],"mappings":"AAAA,D"}`), 1, 1)   // column goes back
	f.Add([]byte(`{"version":3,"sources":["a"],"mappings":"+/////D"}`), 1, 1)  // VLQ out of int32
	f.Add([]byte(`{"version":3,"sources":["a"],"mappings":"gggggggB"}`), 1, 1) // VLQ too long
	f.Add([]byte(`{"version":2,"sources":["a"],"mappings":"AAAA"}`), 1, 1)     // wrong version
	f.Add([]byte(`{"version":3,"sources":["a"],"mappings":"AAAA,g"}`), 1, 1)   // truncated VLQ
	f.Fuzz(func(t *testing.T, data []byte, line, col int) {
		var m *Map
		var err error
		alloc := allocated(func() { m, err = Parse(data) })
		if limit := uint64(64*len(data) + 16<<10); alloc > limit {
			t.Fatalf("parsing %d bytes allocated %d", len(data), alloc)
		}
		if err != nil {
			return
		}
		lookups := [][2]int{{line, col}, {1, 1}, {1, math.MaxInt}, {math.MaxInt, 1}, {math.MinInt, math.MinInt}}
		for l := range m.lines {
			for _, s := range m.lines[l] {
				lookups = append(lookups, [2]int{l + 1, int(s.col) + 1}, [2]int{l + 1, int(s.col)})
			}
		}
		for _, lc := range lookups {
			source, sl, sc, ok := m.Lookup(lc[0], lc[1])
			if !ok {
				continue
			}
			found := false
			for _, s := range m.sources {
				found = found || s == source
			}
			if !found || sl < 1 || sc < 1 {
				t.Fatalf("Lookup(%d, %d) = %q:%d:%d, sources %q", lc[0], lc[1], source, sl, sc, m.sources)
			}
		}
	})
}

type refSeg struct{ col, src, line, scol int32 }

// FuzzMappings generates a valid map from the fuzzer's bytes (generated lines of segments
// with increasing columns, each with or without a source position), encodes it with
// appendVLQ and checks every lookup against a linear scan of what was encoded.
func FuzzMappings(f *testing.F) {
	f.Add(uint8(2), []byte{0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16})
	f.Add(uint8(1), []byte{255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255})
	f.Add(uint8(3), []byte{0x40, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x80})
	f.Fuzz(func(t *testing.T, nsrc uint8, data []byte) {
		sources := make([]string, int(nsrc)%8+1)
		for i := range sources {
			sources[i] = string(rune('a' + i))
		}
		var lines [][]refSeg
		var mappings []byte
		var prev refSeg
		cur := []refSeg{}
		var col int32
		for len(data) >= 17 {
			op, a, b, c, d := data[0], int32(binary.LittleEndian.Uint32(data[1:])), int32(binary.LittleEndian.Uint32(data[5:])), int32(binary.LittleEndian.Uint32(data[9:])), int32(binary.LittleEndian.Uint32(data[13:]))
			data = data[17:]
			if op&0x40 != 0 { // next generated line
				lines = append(lines, cur)
				cur = []refSeg{}
				mappings = append(mappings, ';')
				col = 0
				continue
			}
			if op&0x80 != 0 { // large values: the whole non-negative int32 range
				a &= math.MaxInt32
			} else {
				a &= 0xff
			}
			next := int64(col) + int64(a)
			if next > math.MaxInt32 {
				continue
			}
			if len(cur) > 0 {
				mappings = append(mappings, ',')
			}
			mappings = appendVLQ(mappings, int32(next)-col)
			col = int32(next)
			if op&1 != 0 { // a segment without a source position
				cur = append(cur, refSeg{col: col, src: -1})
				continue
			}
			s := refSeg{col: col, src: int32(uint32(b) % uint32(len(sources))), line: c & math.MaxInt32, scol: d & math.MaxInt32}
			if op&0x80 == 0 {
				s.line, s.scol = s.line&0xfff, s.scol&0xfff
			}
			mappings = appendVLQ(mappings, s.src-prev.src)
			mappings = appendVLQ(mappings, s.line-prev.line)
			mappings = appendVLQ(mappings, s.scol-prev.scol)
			prev = s
			cur = append(cur, s)
		}
		lines = append(lines, cur)
		doc, _ := json.Marshal(map[string]any{"version": 3, "sources": sources, "mappings": string(mappings)})
		m, err := Parse(doc)
		if err != nil {
			t.Fatalf("valid mappings %q: %v", mappings, err)
		}
		for l, segs := range lines {
			var probes []int32
			for _, s := range segs {
				probes = append(probes, s.col, s.col+1)
				if s.col > 0 {
					probes = append(probes, s.col-1)
				}
			}
			probes = append(probes, 0, math.MaxInt32-1)
			for _, c0 := range probes {
				want := refSeg{src: -1}
				for _, s := range segs {
					if s.col <= c0 {
						want = s // the last segment at or before the column
					}
				}
				source, sl, sc, ok := m.Lookup(l+1, int(c0)+1)
				if want.src < 0 {
					if ok {
						t.Fatalf("mappings %q: Lookup(%d, %d) = %s:%d:%d, want nothing", mappings, l+1, c0+1, source, sl, sc)
					}
					continue
				}
				if !ok || source != sources[want.src] || sl != int(want.line)+1 || sc != int(want.scol)+1 {
					t.Fatalf("mappings %q: Lookup(%d, %d) = %s:%d:%d %v, want %s:%d:%d", mappings, l+1, c0+1, source, sl, sc, ok, sources[want.src], want.line+1, want.scol+1)
				}
			}
		}
		if _, _, _, ok := m.Lookup(len(lines)+1, 1); ok {
			t.Fatal("a line past the end maps")
		}
	})
}

// FuzzVLQ: decodeVLQ inverts appendVLQ over the whole int32 range, and what it accepts from
// arbitrary text is a sequence it re-encodes to an equivalent one.
func FuzzVLQ(f *testing.F) {
	f.Add(int32(0), int32(-1), "AAAA")
	f.Add(int32(math.MaxInt32), int32(math.MinInt32+1), "+/////D")
	f.Add(int32(16), int32(-16), "gB")
	f.Fuzz(func(t *testing.T, a, b int32, s string) {
		enc := string(appendVLQ(appendVLQ(nil, a), b))
		vals, err := decodeVLQ(enc)
		if err != nil || len(vals) != 2 || vals[0] != a || vals[1] != b {
			t.Fatalf("(%d, %d) encoded %q decodes to %v, %v", a, b, enc, vals, err)
		}
		vals, err = decodeVLQ(s)
		if err != nil {
			return
		}
		var re []byte
		for _, v := range vals {
			re = appendVLQ(re, v)
		}
		again, err := decodeVLQ(string(re))
		if err != nil || len(again) != len(vals) {
			t.Fatalf("%q decodes to %v; re-encoded %q decodes to %v, %v", s, vals, re, again, err)
		}
		for i := range vals {
			if vals[i] != again[i] {
				t.Fatalf("%q decodes to %v; re-encoded %q decodes to %v", s, vals, re, again)
			}
		}
		if strings.ContainsAny(s, ";,") {
			t.Fatalf("separators in %q accepted as digits", s)
		}
	})
}

func allocated(fn func()) uint64 {
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	fn()
	runtime.ReadMemStats(&after)
	return after.TotalAlloc - before.TotalAlloc
}

// What the fuzzers found, as plain tests.
func TestFuzzFindings(t *testing.T) {
	// FuzzVLQ: the largest int32 wrapped around to -1.
	vals, err := decodeVLQ("+/////D")
	if err != nil || len(vals) != 1 || vals[0] != math.MaxInt32 {
		t.Errorf("decodeVLQ(+/////D) = %v, %v; want [%d]", vals, err, math.MaxInt32)
	}
	if _, err := decodeVLQ("gggggggE"); err == nil {
		t.Error("a VLQ value beyond 32 bits decodes")
	}
	// FuzzMappings: a one-field segment ends the mapping before it; it used to be skipped, so
	// its columns mapped to the previous segment's source position.
	m, err := Parse([]byte(`{"version":3,"sources":["a"],"mappings":"gDAgDgD,gD"}`))
	if err != nil {
		t.Fatal(err)
	}
	if s, l, c, ok := m.Lookup(1, 97); ok {
		t.Errorf("column after an unmapped segment maps to %s:%d:%d", s, l, c)
	}
	if _, l, _, ok := m.Lookup(1, 96); !ok || l != 49 {
		t.Errorf("column before the unmapped segment: line %d, %v", l, ok)
	}
	// FuzzParse: a negative source line is no position.
	m, err = Parse([]byte(`{"version":3,"sources":["a"],"mappings":"AADA"}`))
	if err != nil {
		t.Fatal(err)
	}
	if s, l, c, ok := m.Lookup(1, 1); ok {
		t.Errorf("negative source line maps to %s:%d:%d", s, l, c)
	}
}
