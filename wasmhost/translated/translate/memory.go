package translate

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
)

// MemoryLimitPages is the maximum the translated module's memory may grow to, in 64 KiB
// pages: wasmhost's default (EngineConfig.MemoryLimitPages), 128 MiB, the heap limit of
// Fastly Compute and of Workers. wazero enforces it at run time; wasm2go takes the maximum
// declared in the module (memory.grow beyond it returns -1, as in wazero), so it is written
// into the memory section before translating.
const MemoryLimitPages = 2048

// limitMemory sets the maximum of the module's own memory (memory section, index 0) to
// pages. It fails on a module whose memory is imported or already has a smaller maximum
// than its minimum allows.
func limitMemory(module []byte, pages uint32) ([]byte, error) {
	if len(module) < 8 || !bytes.Equal(module[:4], []byte("\x00asm")) {
		return nil, errors.New("not a Wasm module")
	}
	for at := 8; at < len(module); {
		id := module[at]
		size, n := binary.Uvarint(module[at+1:])
		if n <= 0 || at+1+n+int(size) > len(module) {
			return nil, errors.New("malformed section header")
		}
		body := module[at+1+n : at+1+n+int(size)]
		if id != 5 {
			at += 1 + n + int(size)
			continue
		}
		count, k := binary.Uvarint(body)
		if k <= 0 || count != 1 || len(body) <= k {
			return nil, fmt.Errorf("memory section with %d memories", count)
		}
		flags := body[k]
		if flags > 1 {
			return nil, fmt.Errorf("memory flags %#x (shared or 64-bit memory) not handled", flags)
		}
		min, m := binary.Uvarint(body[k+1:])
		if m <= 0 || min > uint64(pages) {
			return nil, fmt.Errorf("memory minimum %d pages above the limit %d", min, pages)
		}
		var sec []byte
		sec = binary.AppendUvarint(sec, 1)
		sec = append(sec, 1) // min and max
		sec = binary.AppendUvarint(sec, min)
		sec = binary.AppendUvarint(sec, uint64(pages))
		out := append([]byte(nil), module[:at]...)
		out = append(out, 5)
		out = binary.AppendUvarint(out, uint64(len(sec)))
		out = append(out, sec...)
		return append(out, module[at+1+n+int(size):]...), nil
	}
	return nil, errors.New("module has no memory section (imported memory is not handled)")
}
