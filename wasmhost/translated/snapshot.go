package translated

import (
	"errors"
	"fmt"

	"github.com/kitwasm/kitwasm/jsengine/wasmpatch"
)

// Snapshot is an isolate's whole state between calls: its linear memory, where its C stack
// is, and the addresses of its QuickJS runtime and context. It is the same image whichever
// host ran the engine (wazero or the translated engine), so it can be taken on one and
// restored on the other: issue 9's plan of pre-initialising at build time with wazero and
// restoring per request in the translated engine. Take it only between calls, with no timer
// pending, and restore it into a fresh guest of the same engine build.
type Snapshot struct {
	Memory          []byte
	Stack           wasmpatch.Layout
	rt, jsc, keyPtr int32
}

// Snapshot copies the isolate's state.
func (iso *Isolate) Snapshot() (*Snapshot, error) {
	if iso.broken != nil {
		return nil, iso.broken
	}
	return &Snapshot{Memory: append([]byte(nil), iso.g.Memory()...), Stack: iso.stack,
		rt: iso.rt, jsc: iso.jsc, keyPtr: iso.stackKey}, nil
}

// Restore makes an isolate in the fresh guest g from s. The host function must be wired to
// the returned isolate's HostCall, as after NewIsolate.
func Restore(g Guest, s *Snapshot) (iso *Isolate, err error) {
	iso = &Isolate{g: g, rt: s.rt, jsc: s.jsc, stackKey: s.keyPtr, stack: s.Stack}
	err = iso.run(func() {
		have := len(g.Memory())
		if have > len(s.Memory) {
			panic(fmt.Errorf("snapshot of %d bytes is smaller than the fresh guest's %d", len(s.Memory), have))
		}
		if len(s.Memory)%65536 != 0 {
			panic(errors.New("snapshot is not a whole number of pages"))
		}
		if delta := (len(s.Memory) - have) / 65536; delta > 0 && g.GrowMemory(int32(delta)) < 0 {
			panic(errors.New("cannot grow memory to the snapshot's size"))
		}
		copy(g.Memory(), s.Memory)
		g.SetStack(s.Stack)
	})
	if err != nil {
		return nil, err
	}
	return iso, nil
}
