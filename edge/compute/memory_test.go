package compute

import (
	"bytes"
	"runtime"
	"testing"
)

// A linear memory handed to a new instance is all zeros, also when it is a mapping an
// earlier instance used (Wasm requires it, and an instance must not see another's data), and
// it grows in place.
func TestLinearMemoryReuseIsZeroed(t *testing.T) {
	if runtime.GOOS != "linux" {
		t.Skip("mappings are made on Linux only")
	}
	const max = 64 << 20
	var mems []interface{ Free() }
	defer func() {
		for _, m := range mems {
			m.Free()
		}
	}()
	a := newLinearMemory(1<<16, max)
	buf := a.Reallocate(4 << 20)
	if len(buf) != 4<<20 {
		t.Fatalf("len %d", len(buf))
	}
	grown := a.Reallocate(8 << 20)
	if len(grown) != 8<<20 || &grown[0] != &buf[0] {
		t.Fatal("the memory did not grow in place")
	}
	for i := range grown {
		grown[i] = 0xAB
	}
	a.Free()
	for i := 0; i < keptMemories+1; i++ {
		b := newLinearMemory(1<<16, max)
		mems = append(mems, b)
		got := b.Reallocate(16 << 20)
		if !bytes.Equal(got, make([]byte, len(got))) {
			t.Fatalf("memory %d handed out with an earlier instance's bytes", i)
		}
	}
	c := newLinearMemory(1<<16, max)
	mems = append(mems, c)
	if c.Reallocate(max+1) != nil {
		t.Fatal("grew past the maximum")
	}
}
