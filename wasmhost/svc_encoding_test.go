package wasmhost

import (
	"encoding/binary"
	"errors"
	"fmt"
	"testing"
)

// decodeCall runs the service's decode op and splits its answer.
func decodeCall(t *testing.T, enc string, in []byte, flush, fatal bool, state int) (consumed, newState int, text string, err error) {
	t.Helper()
	v, err := encodingService(fmt.Sprintf(`{"op":"decode","enc":%q,"flush":%t,"fatal":%t,"state":%d}`, enc, flush, fatal, state), in)
	if err != nil {
		return 0, 0, "", err
	}
	b := v.([]byte)
	return int(binary.LittleEndian.Uint32(b)), int(b[4]), string(b[5:]), nil
}

func TestEncodingServiceLabels(t *testing.T) {
	for label, want := range map[string]any{
		"latin2": "iso-8859-2", "sjis": "shift_jis", "gb2312": "gbk", "iso-2022-kr": "replacement",
		"x-user-defined": "x-user-defined", "utf8": "utf-8", "Latin2": nil, " latin2": nil, "latin2\t": nil, "nope": nil,
	} {
		got, err := encodingService(fmt.Sprintf(`{"op":"label","label":%q}`, label), nil)
		if err != nil || got != want {
			t.Errorf("label %q: %v, %v; want %v", label, got, err, want)
		}
	}
}

func TestEncodingServiceDecode(t *testing.T) {
	cases := []struct {
		enc  string
		in   []byte
		want string
	}{
		{"shift_jis", []byte{0x82, 0xA0, 0x00, 0x41, 0x82, 0x41}, "あ\x00A\uFFFDA"},
		{"gb18030", []byte{0x84, 0x31, 0xA4, 0x37, 0x81, 0x30, 0x81, 0x41, 0xAA, 0xA1}, "\uFFFD\uFFFD0丄\uE000"},
		{"big5", []byte{0x88, 0x62, 0xA4, 0xA4}, "\u00CA\u0304中"},
		{"euc-jp", []byte{0x8F, 0xB0, 0xA1, 0x8E, 0xB1}, "丂ｱ"},
		{"iso-2022-jp", []byte{0x1B, 0x24, 0x42, 0x46, 0x7C, 0x1B, 0x28, 0x4A, 0x5C}, "日¥"},
		{"iso-2022-jp", []byte{0x1B, 0x28, 0x42, 0x1B, 0x28, 0x42, 0x41}, "\uFFFDA"},
		{"iso-8859-2", []byte{0x80, 0xA1, 0x00}, "\u0080Ą\x00"},
		{"x-user-defined", []byte{0x41, 0x80, 0xFF}, "A\uF780\uF7FF"},
	}
	for _, c := range cases {
		if _, _, got, err := decodeCall(t, c.enc, c.in, true, false, 0); err != nil || got != c.want {
			t.Errorf("%s % x: %q, %v; want %q", c.enc, c.in, got, err, c.want)
		}
	}
}

// A streaming decode leaves an incomplete sequence unconsumed; at the end it is one error, and
// with fatal a TypeError.
func TestEncodingServiceStreaming(t *testing.T) {
	in := []byte{0x41, 0x81, 0x30, 0x81}
	n, _, text, err := decodeCall(t, "gb18030", in, false, false, 0)
	if err != nil || n != 1 || text != "A" {
		t.Fatalf("stream: %d %q %v", n, text, err)
	}
	if _, _, text, _ = decodeCall(t, "gb18030", in[n:], true, false, 0); text != "\uFFFD" {
		t.Fatalf("flush: %q", text)
	}
	_, _, _, err = decodeCall(t, "gb18030", in[n:], true, true, 0)
	var se *ServiceError
	if !errors.As(err, &se) || se.Name != "TypeError" {
		t.Fatalf("fatal: %v", err)
	}
	// ISO-2022-JP carries its mode in the state byte.
	n, st, text, _ := decodeCall(t, "iso-2022-jp", []byte{0x1B, 0x24, 0x42, 0x46}, false, false, 0)
	if n != 3 || st != isoLead || text != "" {
		t.Fatalf("iso-2022-jp stream: %d %d %q", n, st, text)
	}
	if _, _, text, _ = decodeCall(t, "iso-2022-jp", []byte{0x46, 0x7C}, true, false, st); text != "日" {
		t.Fatalf("iso-2022-jp resume: %q", text)
	}
}
