package wasmhost

import (
	"strings"
	"unicode/utf8"
)

// HTTP header values (and request targets) are bytes; in JavaScript they are ByteStrings,
// one character per byte (Fetch; Node and workerd decode them as Latin-1). Between the two
// they travel as JSON, that is UTF-8, so each byte becomes the character of the same value
// on the way in, and each character (<= U+00FF) the byte of the same value on the way out.

// latin1 returns s with every byte as the character of the same value.
func latin1(s string) string {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			var b strings.Builder
			b.Grow(len(s) + 8)
			for j := 0; j < len(s); j++ {
				b.WriteRune(rune(s[j]))
			}
			return b.String()
		}
	}
	return s
}

// bytesOf is the inverse of latin1: every character becomes one byte. A character above
// U+00FF cannot be a header byte (the Web layer's Headers rejects them); it becomes '?'.
func bytesOf(s string) string {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			b := make([]byte, 0, len(s))
			for _, r := range s {
				if r > 0xFF {
					r = '?'
				}
				b = append(b, byte(r))
			}
			return string(b)
		}
	}
	return s
}

func latin1Headers(h [][2]string) [][2]string {
	out := make([][2]string, len(h))
	for i, kv := range h {
		out[i] = [2]string{latin1(kv[0]), latin1(kv[1])}
	}
	return out
}

func bytesOfHeaders(h [][2]string) [][2]string {
	for i, kv := range h {
		h[i] = [2]string{bytesOf(kv[0]), bytesOf(kv[1])}
	}
	return h
}
