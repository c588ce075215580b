package wasmhost

import (
	"encoding/binary"
	"encoding/json"
	"sync"
	"unicode/utf8"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/htmlindex"
)

// The "encoding" service: the legacy encodings of the WHATWG Encoding Standard for the Web
// layer's TextDecoder (jsengine/web/10_encoding.js), which keeps UTF-8 and UTF-16 to itself.
//
//	{op: "label", label}  -> the encoding's name for an ASCII-lowercased, trimmed label, or
//	                         undefined for a label the Encoding Standard does not define.
//	{op: "decode", enc, fatal, flush, state}, bytes
//	                      -> ArrayBuffer: 4 bytes (little-endian) = how many input bytes were
//	                         consumed, 1 byte = the decoder state to pass back with the next
//	                         chunk, then the decoded text as UTF-8.
//
// The service keeps nothing between calls: a streaming decoder that stops inside a multi-byte
// sequence reports the bytes it did not consume, and JavaScript passes them back in front of
// the next chunk (with the state byte, which only ISO-2022-JP uses). The decoders follow the
// Encoding Standard's algorithms step by step (how many bytes an error consumes, which bytes
// are put back); golang.org/x/text supplies the mappings (its tables are the Standard's
// indexes), read once per encoding into lookup tables of well-formed sequences.

func init() { RegisterService("encoding", encodingService) }

type encodingArgs struct {
	Op    string `json:"op"`
	Label string `json:"label"`
	Enc   string `json:"enc"`
	Fatal bool   `json:"fatal"`
	Flush bool   `json:"flush"`
	State int    `json:"state"`
}

func encodingService(args string, payload []byte) (any, error) {
	var a encodingArgs
	if err := json.Unmarshal([]byte(args), &a); err != nil {
		return nil, err
	}
	switch a.Op {
	case "label":
		if name := encodingName(a.Label); name != "" {
			return name, nil
		}
		return nil, nil
	case "decode":
		d := legacyDecoder(a.Enc)
		if d == nil {
			return nil, &ServiceError{Name: "TypeError", Message: "unsupported encoding " + a.Enc}
		}
		out := make([]byte, 5, 5+len(payload)+len(payload)/2)
		r := decodeRun{in: payload, out: out, fatal: a.Fatal, flush: a.Flush, state: a.State}
		if !d(&r) {
			return nil, &ServiceError{Name: "TypeError", Message: "The encoded data was not valid for encoding " + a.Enc}
		}
		binary.LittleEndian.PutUint32(r.out, uint32(r.consumed))
		r.out[4] = byte(r.state)
		return r.out, nil
	}
	return nil, &ServiceError{Name: "TypeError", Message: "unknown encoding op " + a.Op}
}

// encodingName is the Encoding Standard name for a label already trimmed of ASCII whitespace
// and ASCII-lowercased, or "" (htmlindex itself trims and lowercases more than the Standard).
func encodingName(label string) string {
	for i := 0; i < len(label); i++ {
		if c := label[i]; c <= ' ' || c >= 0x7F || ('A' <= c && c <= 'Z') {
			return ""
		}
	}
	e, err := htmlindex.Get(label)
	if err != nil {
		return ""
	}
	name, err := htmlindex.Name(e)
	if err != nil {
		return ""
	}
	return name
}

// decodeRun is one decode call: input, UTF-8 output, and how far the input was consumed.
type decodeRun struct {
	in       []byte
	out      []byte
	fatal    bool
	flush    bool
	state    int
	consumed int
}

func (r *decodeRun) emit(c rune) { r.out = utf8.AppendRune(r.out, c) }

// fail records a decoding error: false (stop) when fatal, else a U+FFFD and true.
func (r *decodeRun) fail() bool {
	if r.fatal {
		return false
	}
	r.emit(utf8.RuneError)
	return true
}

// A decoder runs over r.in; it returns false on an error in fatal mode. It sets r.consumed
// (all of r.in, except an incomplete sequence at the end when not flushing).
type decoderFunc func(r *decodeRun) bool

var decoders = map[string]decoderFunc{
	"gbk":         decodeGB18030,
	"gb18030":     decodeGB18030,
	"big5":        decodeBig5,
	"euc-jp":      decodeEUCJP,
	"iso-2022-jp": decodeISO2022JP,
	"shift_jis":   decodeShiftJIS,
	"euc-kr":      decodeEUCKR,
	"x-user-defined": func(r *decodeRun) bool {
		for _, b := range r.in {
			if b < 0x80 {
				r.out = append(r.out, b)
			} else {
				r.emit(0xF780 + rune(b) - 0x80)
			}
		}
		r.consumed = len(r.in)
		return true
	},
}

func legacyDecoder(name string) decoderFunc {
	if d := decoders[name]; d != nil {
		return d
	}
	t := singleByteTable(name)
	if t == nil {
		return nil
	}
	return func(r *decodeRun) bool {
		for _, b := range r.in {
			if b < 0x80 {
				r.out = append(r.out, b)
			} else if c := t[b-0x80]; c >= 0 {
				r.emit(c)
			} else if !r.fail() {
				return false
			}
		}
		r.consumed = len(r.in)
		return true
	}
}

// Lookup tables, built on first use from x/text's decoders; read-only after that. A table
// maps a well-formed sequence to its code point, or -1 where the index has no code point.
var (
	tablesMu sync.Mutex
	tables   = map[string][]rune{}
)

func table(key string, build func() []rune) []rune {
	tablesMu.Lock()
	defer tablesMu.Unlock()
	t := tables[key]
	if t == nil {
		t = build()
		tables[key] = t
	}
	return t
}

// decodeOne decodes one sequence with x/text: its single code point, or -1.
func decodeOne(e encoding.Encoding, seq []byte) rune {
	out, err := e.NewDecoder().Bytes(seq)
	if err != nil {
		return -1
	}
	c, n := utf8.DecodeRune(out)
	if n != len(out) || c == utf8.RuneError {
		return -1
	}
	return c
}

func mustEncoding(label string) encoding.Encoding {
	e, err := htmlindex.Get(label)
	if err != nil {
		panic(err)
	}
	return e
}

var singleByteNames = map[string]bool{
	"ibm866": true, "iso-8859-2": true, "iso-8859-3": true, "iso-8859-4": true, "iso-8859-5": true,
	"iso-8859-6": true, "iso-8859-7": true, "iso-8859-8": true, "iso-8859-8-i": true, "iso-8859-10": true,
	"iso-8859-13": true, "iso-8859-14": true, "iso-8859-15": true, "iso-8859-16": true, "koi8-r": true,
	"koi8-u": true, "macintosh": true, "windows-874": true, "windows-1250": true, "windows-1251": true,
	"windows-1252": true, "windows-1253": true, "windows-1254": true, "windows-1255": true,
	"windows-1256": true, "windows-1257": true, "windows-1258": true, "x-mac-cyrillic": true,
}

// singleByteTable is the code point of bytes 0x80-0xFF (-1: none) of a single-byte encoding.
func singleByteTable(name string) []rune {
	if !singleByteNames[name] {
		return nil
	}
	return table(name, func() []rune {
		e := mustEncoding(name)
		t := make([]rune, 128)
		for b := range t {
			t[b] = decodeOne(e, []byte{byte(0x80 + b)})
			if t[b] < 0 && b < 0x20 {
				// x/text maps the indexes' U+0080-U+009F entries to U+FFFD on purpose; in
				// the Standard's single-byte indexes they are the byte itself.
				t[b] = rune(0x80 + b)
			}
		}
		return t
	})
}

// pairTable maps (lead-0x81)*256+trail to the code point of the two-byte sequence, for leads
// 0x81-0xFE (prefix, if any, goes in front: 0x8F for JIS X 0212 in EUC-JP).
func pairTable(key, label string, prefix []byte) []rune {
	return table(key, func() []rune {
		e := mustEncoding(label)
		t := make([]rune, 126*256)
		seq := append(append([]byte{}, prefix...), 0, 0)
		for i := range t {
			seq[len(seq)-2], seq[len(seq)-1] = byte(0x81+i/256), byte(i%256)
			t[i] = -1
			if seq[len(seq)-1] >= 0x40 {
				t[i] = decodeOne(e, seq)
			}
		}
		return t
	})
}

func pair(t []rune, lead, b byte) rune { return t[int(lead-0x81)*256+int(b)] }

func isASCII(b byte) bool { return b < 0x80 }

// decodeGB18030 is the Standard's gb18030 decoder (also gbk's).
func decodeGB18030(r *decodeRun) bool {
	t := pairTable("gb18030", "gb18030", nil)
	in := r.in
	e := mustEncoding("gb18030")
	for i := 0; i < len(in); {
		b := in[i]
		switch {
		case isASCII(b):
			r.out = append(r.out, b)
			i++
			continue
		case b == 0x80:
			r.emit(0x20AC)
			i++
			continue
		case b == 0xFF:
			if !r.fail() {
				return false
			}
			i++
			continue
		}
		// b is a first byte: 0x81-0xFE.
		if i+1 >= len(in) {
			return r.incomplete(i)
		}
		b2 := in[i+1]
		if b2 >= 0x30 && b2 <= 0x39 {
			if i+2 >= len(in) {
				return r.incomplete(i)
			}
			b3 := in[i+2]
			if b3 < 0x81 || b3 > 0xFE {
				// Second and third bytes are put back.
				if !r.fail() {
					return false
				}
				i++
				continue
			}
			if i+3 >= len(in) {
				return r.incomplete(i)
			}
			b4 := in[i+3]
			if b4 < 0x30 || b4 > 0x39 {
				if !r.fail() {
					return false
				}
				i++
				continue
			}
			if c := gb18030Ranges(e, in[i:i+4]); c >= 0 {
				r.emit(c)
			} else if !r.fail() {
				return false
			}
			i += 4
			continue
		}
		if (b2 >= 0x40 && b2 <= 0x7E) || (b2 >= 0x80 && b2 <= 0xFE) {
			if c := gb18030Pair(t, b, b2); c >= 0 {
				r.emit(c)
				i += 2
				continue
			}
		}
		if !r.fail() {
			return false
		}
		if isASCII(b2) {
			i++
		} else {
			i += 2
		}
	}
	r.consumed = len(in)
	return true
}

// gb18030Pair is index gb18030's code point for a two-byte sequence. x/text leaves out the
// three user-defined areas, which GB 18030 maps in order onto the Private Use Area.
func gb18030Pair(t []rune, lead, b byte) rune {
	if c := pair(t, lead, b); c >= 0 {
		return c
	}
	switch {
	case lead >= 0xAA && lead <= 0xAF && b >= 0xA1:
		return 0xE000 + rune(lead-0xAA)*94 + rune(b-0xA1)
	case lead >= 0xF8 && b >= 0xA1:
		return 0xE234 + rune(lead-0xF8)*94 + rune(b-0xA1)
	case lead >= 0xA1 && lead <= 0xA7 && b <= 0xA0 && b != 0x7F:
		off := rune(b - 0x40)
		if b > 0x7F {
			off--
		}
		return 0xE4C6 + rune(lead-0xA1)*96 + off
	}
	return -1
}

// gb18030Ranges is the Standard's "index gb18030 ranges code point" of a four-byte sequence.
func gb18030Ranges(e encoding.Encoding, seq []byte) rune {
	p := (int(seq[0])-0x81)*12600 + (int(seq[1])-0x30)*1260 + (int(seq[2])-0x81)*10 + int(seq[3]) - 0x30
	if (p > 39419 && p < 189000) || p > 1237575 {
		return -1
	}
	if p == 7457 {
		return 0xE7C7
	}
	if p >= 189000 {
		return 0x10000 + rune(p) - 189000
	}
	// Every pointer up to 39419 has a code point (U+FFFD among them), so x/text's answer is
	// taken as it is.
	out, err := e.NewDecoder().Bytes(seq)
	if c, n := utf8.DecodeRune(out); err == nil && n == len(out) && n > 0 {
		return c
	}
	return -1
}

// incomplete ends a run at a sequence that starts at i and is cut off by the end of the input:
// when streaming, the sequence is left for the next chunk; at the end, it is one error.
func (r *decodeRun) incomplete(i int) bool {
	if !r.flush {
		r.consumed = i
		return true
	}
	r.consumed = len(r.in)
	return r.fail()
}

// twoByte runs a decoder whose sequences are one ASCII byte or a lead and a trail byte.
// single handles a byte alone (ok=false: an error), isLead tells a lead byte, and pairOf gives
// the code point(s) of a lead and trail (none: an error, and an ASCII trail is put back).
func twoByte(r *decodeRun, single func(b byte) (rune, bool), isLead func(b byte) bool, pairOf func(lead, b byte, emit func(rune)) bool) bool {
	in := r.in
	for i := 0; i < len(in); {
		b := in[i]
		if isLead(b) {
			if i+1 >= len(in) {
				return r.incomplete(i)
			}
			b2 := in[i+1]
			if pairOf(b, b2, r.emit) {
				i += 2
				continue
			}
			if !r.fail() {
				return false
			}
			if isASCII(b2) {
				i++
			} else {
				i += 2
			}
			continue
		}
		i++
		if c, ok := single(b); ok {
			r.emit(c)
		} else if !r.fail() {
			return false
		}
	}
	r.consumed = len(in)
	return true
}

func asciiOnly(b byte) (rune, bool) { return rune(b), isASCII(b) }

func leads81FE(b byte) bool { return b >= 0x81 && b <= 0xFE }

func decodeBig5(r *decodeRun) bool {
	t := pairTable("big5", "big5", nil)
	return twoByte(r, asciiOnly, leads81FE, func(lead, b byte, emit func(rune)) bool {
		if !((b >= 0x40 && b <= 0x7E) || (b >= 0xA1 && b <= 0xFE)) {
			return false
		}
		off := 0x62
		if b < 0x7F {
			off = 0x40
		}
		switch (int(lead)-0x81)*157 + int(b) - off {
		case 1133:
			emit(0xCA)
			emit(0x304)
			return true
		case 1135:
			emit(0xCA)
			emit(0x30C)
			return true
		case 1164:
			emit(0xEA)
			emit(0x304)
			return true
		case 1166:
			emit(0xEA)
			emit(0x30C)
			return true
		}
		if c := pair(t, lead, b); c >= 0 {
			emit(c)
			return true
		}
		return false
	})
}

func decodeEUCKR(r *decodeRun) bool {
	t := pairTable("euc-kr", "euc-kr", nil)
	return twoByte(r, asciiOnly, leads81FE, func(lead, b byte, emit func(rune)) bool {
		if b < 0x41 || b > 0xFE {
			return false
		}
		if c := pair(t, lead, b); c >= 0 {
			emit(c)
			return true
		}
		return false
	})
}

func decodeShiftJIS(r *decodeRun) bool {
	t := pairTable("shift_jis", "shift_jis", nil)
	single := func(b byte) (rune, bool) {
		switch {
		case b <= 0x80:
			return rune(b), true
		case b >= 0xA1 && b <= 0xDF:
			return 0xFF61 - 0xA1 + rune(b), true
		}
		return 0, false
	}
	isLead := func(b byte) bool { return (b >= 0x81 && b <= 0x9F) || (b >= 0xE0 && b <= 0xFC) }
	return twoByte(r, single, isLead, func(lead, b byte, emit func(rune)) bool {
		if !((b >= 0x40 && b <= 0x7E) || (b >= 0x80 && b <= 0xFC)) {
			return false
		}
		off, leadOff := 0x41, 0x81
		if b < 0x7F {
			off = 0x40
		}
		if lead >= 0xA0 {
			leadOff = 0xC1
		}
		p := (int(lead)-leadOff)*188 + int(b) - off
		if p >= 8836 && p <= 10715 {
			emit(0xE000 - 8836 + rune(p))
			return true
		}
		if c := pair(t, lead, b); c >= 0 {
			emit(c)
			return true
		}
		return false
	})
}

func decodeEUCJP(r *decodeRun) bool {
	t208 := pairTable("euc-jp", "euc-jp", nil)
	t212 := pairTable("euc-jp/0212", "euc-jp", []byte{0x8F})
	in := r.in
	inRange := func(b byte) bool { return b >= 0xA1 && b <= 0xFE }
	for i := 0; i < len(in); {
		b := in[i]
		switch {
		case isASCII(b):
			r.out = append(r.out, b)
			i++
			continue
		case b != 0x8E && b != 0x8F && !inRange(b):
			if !r.fail() {
				return false
			}
			i++
			continue
		}
		if i+1 >= len(in) {
			return r.incomplete(i)
		}
		b2 := in[i+1]
		if b == 0x8E && b2 >= 0xA1 && b2 <= 0xDF {
			r.emit(0xFF61 - 0xA1 + rune(b2))
			i += 2
			continue
		}
		lead, tbl, n := b, t208, 2
		if b == 0x8F && inRange(b2) {
			// JIS X 0212: the second byte is the lead of the pair.
			if i+2 >= len(in) {
				return r.incomplete(i)
			}
			lead, b2, tbl, n = b2, in[i+2], t212, 3
		}
		if inRange(lead) && inRange(b2) {
			if c := pair(tbl, lead, b2); c >= 0 {
				r.emit(c)
				i += n
				continue
			}
		}
		if !r.fail() {
			return false
		}
		if isASCII(b2) {
			i += n - 1
		} else {
			i += n
		}
	}
	r.consumed = len(in)
	return true
}

// ISO-2022-JP states; the run's state is the output state plus outputFlag.
const (
	isoASCII = iota
	isoRoman
	isoKatakana
	isoLead
	isoOutputFlag = 4
)

func decodeISO2022JP(r *decodeRun) bool {
	t208 := pairTable("euc-jp", "euc-jp", nil)
	in := r.in
	state, output := r.state&3, r.state&isoOutputFlag != 0
	for i := 0; i < len(in); {
		b := in[i]
		if b == 0x1B {
			// Escape start: ESC, then 0x24 or 0x28, then the final byte.
			if i+1 >= len(in) || ((in[i+1] == 0x24 || in[i+1] == 0x28) && i+2 >= len(in)) {
				if !r.flush {
					r.consumed, r.state = i, state|boolBit(output)
					return true
				}
			}
			next := -1
			if i+2 < len(in) {
				switch in[i+1] {
				case 0x28:
					switch in[i+2] {
					case 0x42:
						next = isoASCII
					case 0x4A:
						next = isoRoman
					case 0x49:
						next = isoKatakana
					}
				case 0x24:
					if in[i+2] == 0x40 || in[i+2] == 0x42 {
						next = isoLead
					}
				}
			}
			if next >= 0 {
				state = next
				was := output
				output = true
				i += 3
				if was && !r.fail() {
					return false
				}
				continue
			}
			// Not an escape sequence: only the ESC is consumed (the rest is put back).
			output = false
			i++
			if !r.fail() {
				return false
			}
			continue
		}
		switch state {
		case isoASCII, isoRoman:
			i++
			if b >= 0x80 || b == 0x0E || b == 0x0F {
				output = false
				if !r.fail() {
					return false
				}
				continue
			}
			output = false
			switch {
			case state == isoRoman && b == 0x5C:
				r.emit(0xA5)
			case state == isoRoman && b == 0x7E:
				r.emit(0x203E)
			default:
				r.out = append(r.out, b)
			}
		case isoKatakana:
			i++
			output = false
			if b >= 0x21 && b <= 0x5F {
				r.emit(0xFF61 - 0x21 + rune(b))
			} else if !r.fail() {
				return false
			}
		case isoLead:
			output = false
			if b < 0x21 || b > 0x7E {
				i++
				if !r.fail() {
					return false
				}
				continue
			}
			if i+1 >= len(in) {
				if !r.flush {
					r.consumed, r.state = i, state|boolBit(output)
					return true
				}
				r.consumed, r.state = len(in), state|boolBit(output)
				return r.fail()
			}
			b2 := in[i+1]
			if b2 == 0x1B {
				// The escape is decoded next.
				i++
				if !r.fail() {
					return false
				}
				continue
			}
			i += 2
			if b2 >= 0x21 && b2 <= 0x7E {
				if c := pair(t208, b|0x80, b2|0x80); c >= 0 {
					r.emit(c)
					continue
				}
			}
			if !r.fail() {
				return false
			}
		}
	}
	r.consumed, r.state = len(in), state|boolBit(output)
	return true
}

func boolBit(b bool) int {
	if b {
		return isoOutputFlag
	}
	return 0
}
