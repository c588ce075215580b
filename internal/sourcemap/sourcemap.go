// Package sourcemap maps positions in a bundled file back to its sources, from a source map
// (version 3) such as esbuild writes: enough to rewrite stack traces.
package sourcemap

import (
	"encoding/json"
	"errors"
	"math"
	"sort"
	"strings"
)

// Map is a decoded source map.
type Map struct {
	sources []string
	lines   [][]segment // per generated line, sorted by column
}

type segment struct {
	col, src, srcLine, srcCol int32
}

// Parse decodes a source map.
func Parse(data []byte) (*Map, error) {
	var raw struct {
		Version    int      `json:"version"`
		Sources    []string `json:"sources"`
		SourceRoot string   `json:"sourceRoot"`
		Mappings   string   `json:"mappings"`
	}
	if err := json.Unmarshal(data, &raw); err != nil {
		return nil, err
	}
	if raw.Version != 3 {
		return nil, errors.New("sourcemap: only version 3 is supported")
	}
	m := &Map{sources: make([]string, len(raw.Sources))}
	for i, s := range raw.Sources {
		m.sources[i] = raw.SourceRoot + s
	}
	// Decoded in place: a kit app's ~200 KB of mappings are ~70,000 segments, and a slice per
	// segment and per line's split cost more than the decoding (serve parses the map at start).
	var src, srcLine, srcCol int32
	var vals []int32
	m.lines = make([][]segment, 0, strings.Count(raw.Mappings, ";")+1)
	for rest, more := raw.Mappings, true; more; {
		var line string
		line, rest, more = strings.Cut(rest, ";")
		var segs []segment
		if line != "" {
			segs = make([]segment, 0, strings.Count(line, ",")+1)
		}
		var col int32
		for fields, next := line, true; next; {
			var field string
			field, fields, next = strings.Cut(fields, ",")
			if field == "" {
				continue
			}
			var err error
			if vals, err = appendVLQValues(vals[:0], field); err != nil {
				return nil, err
			}
			col += vals[0]
			if len(vals) < 4 {
				// A segment without a source position: what follows it on the line maps nowhere.
				segs = append(segs, segment{col: col, src: -1})
				continue
			}
			src, srcLine, srcCol = src+vals[1], srcLine+vals[2], srcCol+vals[3]
			segs = append(segs, segment{col: col, src: src, srcLine: srcLine, srcCol: srcCol})
		}
		m.lines = append(m.lines, segs)
	}
	return m, nil
}

// Lookup maps a generated position (1-based line, 1-based column, as stack traces print them)
// to the source file and its 1-based line and column. ok is false when nothing maps there.
func (m *Map) Lookup(line, col int) (source string, srcLine, srcCol int, ok bool) {
	if line < 1 || line > len(m.lines) {
		return "", 0, 0, false
	}
	segs := m.lines[line-1]
	c := int32(col - 1)
	i := sort.Search(len(segs), func(i int) bool { return segs[i].col > c }) - 1
	if i < 0 {
		return "", 0, 0, false
	}
	s := segs[i]
	if int(s.src) < 0 || int(s.src) >= len(m.sources) || s.srcLine < 0 || s.srcCol < 0 {
		return "", 0, 0, false
	}
	return m.sources[s.src], int(s.srcLine) + 1, int(s.srcCol) + 1, true
}

const b64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"

// b64Digit is each byte's value as a base64 digit, or -1.
var b64Digit = func() (t [256]int8) {
	for i := range t {
		t[i] = -1
	}
	for i := 0; i < len(b64); i++ {
		t[b64[i]] = int8(i)
	}
	return t
}()

func decodeVLQ(s string) ([]int32, error) { return appendVLQValues(nil, s) }

// appendVLQValues appends the values of the base64 VLQ sequence s to out.
func appendVLQValues(out []int32, s string) ([]int32, error) {
	var value int64 // up to 35 bits: an int32 magnitude and the sign
	var shift uint
	for i := 0; i < len(s); i++ {
		d := int(b64Digit[s[i]])
		if d < 0 {
			return nil, errors.New("sourcemap: bad base64 in mappings")
		}
		value |= int64(d&31) << shift
		if d&32 != 0 {
			shift += 5
			if shift > 30 {
				return nil, errors.New("sourcemap: VLQ value too large")
			}
			continue
		}
		v := value >> 1
		if value&1 != 0 {
			v = -v
		}
		if v < math.MinInt32 || v > math.MaxInt32 {
			return nil, errors.New("sourcemap: VLQ value too large")
		}
		out = append(out, int32(v))
		value, shift = 0, 0
	}
	if shift != 0 {
		return nil, errors.New("sourcemap: truncated VLQ value")
	}
	return out, nil
}
