package wasmpatch

import (
	"bytes"
	"errors"
	"fmt"
)

// Names and JSRuntime offsets of the interrupt protocol (see the package
// documentation, "Interrupting runaway code").
const (
	// ExportInterrupt is a new mutable i32 global: 0 lets JavaScript run; any
	// other value makes QuickJS throw an uncatchable InternalError
	// "interrupted" at its next interrupt poll.
	ExportInterrupt = "kitwasm_interrupt"
	// ExportInterruptHandler is a new immutable i32 global holding the table
	// index of the added handler function (type (i32 rt, i32 opaque) -> i32,
	// body `global.get kitwasm_interrupt`). The host stores it in
	// JSRuntime.interrupt_handler.
	ExportInterruptHandler = "kitwasm_interrupt_handler"

	// RuntimeInterruptHandlerOffset is the offset of interrupt_handler in
	// QuickJS's JSRuntime in this build, as read by __js_poll_interrupts.
	// Patch verifies it on the module and refuses a module that reads the
	// handler elsewhere (with RequireQuickJSHook).
	RuntimeInterruptHandlerOffset = 152
	// RuntimeInterruptOpaqueOffset is the offset of interrupt_opaque (passed
	// to the handler as its second argument; the added handler ignores it).
	RuntimeInterruptOpaqueOffset = 156
)

// pollShape is what the matcher learned from __js_poll_interrupts.
type pollShape struct {
	funcIndex     uint32 // in the function index space
	counterInit   int32  // value stored into ctx->interrupt_counter
	counterOffset uint32 // JSContext offset of interrupt_counter
	rtOffset      uint32 // JSContext offset of rt
	handlerOffset uint32 // JSRuntime offset of interrupt_handler
	opaqueOffset  uint32 // JSRuntime offset of interrupt_opaque
	handlerType   uint32 // type index of the call_indirect
	message       uint32 // address of "interrupted"
}

// memargOffset returns the offset immediate of a load or store instruction.
func memargOffset(raw []byte, in instr) (uint32, bool) {
	if in.op < 0x28 || in.op > 0x3e {
		return 0, false
	}
	r := &reader{b: raw[in.start+1 : in.end]}
	if r.u32()&0x40 != 0 {
		return 0, false // another memory than memory 0
	}
	off := r.u32()
	return off, r.err == nil && r.eof()
}

// immediates returns the raw immediate bytes of an instruction.
func immediates(raw []byte, in instr) []byte { return raw[in.start+1 : in.end] }

// matchPollInterrupts reports whether a function body is QuickJS-NG's
// __js_poll_interrupts:
//
//	local.get 0  i32.const N  i32.store counter           ;; ctx->interrupt_counter = N
//	block
//	  local.get 0  i32.load rt  local.tee $rt              ;; rt = ctx->rt
//	  i32.load handler  local.tee $h  i32.eqz  br_if 0     ;; rt->interrupt_handler
//	  local.get $rt  local.get $rt  i32.load handler+4  local.get $h
//	  call_indirect (type (i32 i32) -> i32) table 0
//	  i32.eqz  br_if 0
//	  local.get 0  i32.const "interrupted"  i32.const 0  call $JS_ThrowInternalError
//	  ...
func matchPollInterrupts(raw []byte, ft funcType, types []funcType) (pollShape, bool) {
	var s pollShape
	if !bytes.Equal(ft.params, []byte{valI32}) || !bytes.Equal(ft.results, []byte{valI32}) {
		return s, false
	}
	b, err := parseBody(raw)
	if err != nil {
		return s, false
	}
	var ins []instr
	if err := b.walk(func(in instr) {
		if len(ins) < 22 {
			ins = append(ins, in)
		}
	}); err != nil || len(ins) < 22 {
		return s, false
	}
	want := []byte{
		0x20, 0x41, 0x36, 0x02, // local.get i32.const i32.store block
		0x20, 0x28, 0x22, 0x28, 0x22, 0x45, 0x0d, // local.get load tee load tee eqz br_if
		0x20, 0x20, 0x28, 0x20, 0x11, 0x45, 0x0d, // get get load get call_indirect eqz br_if
		0x20, 0x41, 0x41, 0x10, // local.get i32.const i32.const call
	}
	for i, op := range want {
		if ins[i].op != op {
			return s, false
		}
	}
	rtLocal, hLocal := ins[6].imm, ins[8].imm
	ok := ins[0].imm == 0 && ins[4].imm == 0 && ins[18].imm == 0 &&
		rtLocal != 0 && hLocal != 0 && rtLocal != hLocal &&
		ins[11].imm == rtLocal && ins[12].imm == rtLocal && ins[14].imm == hLocal &&
		ins[1].imm > 0 && ins[20].imm == 0 &&
		bytes.Equal(immediates(raw, ins[3]), []byte{0x40}) &&
		bytes.Equal(immediates(raw, ins[10]), []byte{0}) &&
		bytes.Equal(immediates(raw, ins[17]), []byte{0})
	if !ok {
		return s, false
	}
	var ok1, ok2, ok3, ok4 bool
	s.counterOffset, ok1 = memargOffset(raw, ins[2])
	s.rtOffset, ok2 = memargOffset(raw, ins[5])
	s.handlerOffset, ok3 = memargOffset(raw, ins[7])
	s.opaqueOffset, ok4 = memargOffset(raw, ins[13])
	if !ok1 || !ok2 || !ok3 || !ok4 || s.opaqueOffset != s.handlerOffset+4 {
		return s, false
	}
	r := &reader{b: immediates(raw, ins[15])}
	s.handlerType = r.u32()
	table := r.u32()
	if r.err != nil || !r.eof() || table != 0 || int(s.handlerType) >= len(types) {
		return s, false
	}
	ht := types[s.handlerType]
	if !bytes.Equal(ht.params, []byte{valI32, valI32}) || !bytes.Equal(ht.results, []byte{valI32}) {
		return s, false
	}
	s.counterInit = int32(ins[1].imm)
	s.message = uint32(ins[19].imm)
	return s, true
}

// activeData returns n bytes of the initial linear memory at addr, if an
// active data segment of memory 0 with a constant offset covers them.
func (m *module) activeData(addr, n uint32) []byte {
	i := m.find(secData)
	if i < 0 {
		return nil
	}
	r := &reader{b: m.sections[i].payload}
	count := r.u32()
	for k := uint32(0); k < count && r.err == nil; k++ {
		flags := r.u32()
		var off int32
		active := flags == 0 || flags == 2
		if flags == 2 {
			active = r.u32() == 0
		}
		if flags == 0 || flags == 2 {
			if r.byte() != 0x41 {
				return nil
			}
			off = r.s32()
			if r.byte() != 0x0b {
				return nil
			}
		} else if flags != 1 {
			return nil
		}
		data := r.bytes(int(r.u32()))
		if r.err != nil {
			return nil
		}
		start := uint64(uint32(off))
		if active && uint64(addr) >= start && uint64(addr)+uint64(n) <= start+uint64(len(data)) {
			return data[uint64(addr)-start : uint64(addr)-start+uint64(n)]
		}
	}
	return nil
}

// findPollInterrupts finds the one function of the module that has the shape
// of __js_poll_interrupts and throws "interrupted".
func (m *module) findPollInterrupts(bodies [][]byte, funcTypes []uint32, types []funcType, nImpFuncs uint32) (pollShape, error) {
	var found []pollShape
	for i, raw := range bodies {
		if int(funcTypes[i]) >= len(types) {
			continue
		}
		s, ok := matchPollInterrupts(raw, types[funcTypes[i]], types)
		if !ok {
			continue
		}
		if !bytes.Equal(m.activeData(s.message, 12), []byte("interrupted\x00")) {
			continue
		}
		s.funcIndex = nImpFuncs + uint32(i)
		found = append(found, s)
	}
	switch len(found) {
	case 0:
		return pollShape{}, errors.New("wasmpatch: no function has the shape of QuickJS's __js_poll_interrupts (interrupt_counter reset, rt->interrupt_handler call, \"interrupted\")")
	case 1:
		return found[0], nil
	}
	return pollShape{}, fmt.Errorf("wasmpatch: %d functions have the shape of __js_poll_interrupts", len(found))
}

// growTable0 adds one slot to table 0 (defined by the module, funcref) and
// returns the index of the new slot.
func (m *module) growTable0() (uint32, error) {
	if n, err := m.importedTables(); err != nil {
		return 0, err
	} else if n > 0 {
		return 0, errors.New("wasmpatch: the function table is imported")
	}
	i := m.find(secTable)
	if i < 0 {
		return 0, errors.New("wasmpatch: module has no table")
	}
	p := m.sections[i].payload
	r := &reader{b: p}
	if r.u32() == 0 {
		return 0, errors.New("wasmpatch: module has no table")
	}
	if r.byte() != 0x70 {
		return 0, errors.New("wasmpatch: table 0 is not a funcref table")
	}
	flagsAt := r.pos
	flags := r.byte()
	if flags != 0 && flags != 1 {
		return 0, fmt.Errorf("wasmpatch: table 0 has unsupported limits flags %d", flags)
	}
	min := r.u32()
	max := min
	if flags == 1 {
		max = r.u32()
	}
	if r.err != nil {
		return 0, fmt.Errorf("wasmpatch: table section: %w", r.err)
	}
	if min == 0xffffffff {
		return 0, errors.New("wasmpatch: table 0 is full")
	}
	out := append([]byte(nil), p[:flagsAt]...)
	out = append(out, flags)
	out = appendU32(out, min+1)
	if flags == 1 {
		if max < min+1 {
			max = min + 1
		}
		out = appendU32(out, max)
	}
	out = append(out, p[r.pos:]...)
	m.sections[i].payload = out
	return min, nil
}

// importedFunc returns the function index of an imported function and its
// type index.
func (m *module) importedFunc(module, name string) (idx, typ uint32, ok bool) {
	imps, err := m.imports()
	if err != nil {
		return 0, 0, false
	}
	var funcs uint32
	for _, e := range imps {
		if e.kind != kindFunc {
			continue
		}
		if e.module == module && e.name == name {
			return funcs, e.typ, true
		}
		funcs++
	}
	return 0, 0, false
}

// importedTables counts the tables the module imports.
func (m *module) importedTables() (int, error) {
	imps, err := m.imports()
	tables := 0
	for _, e := range imps {
		if e.kind == kindTable {
			tables++
		}
	}
	return tables, err
}

// addElement appends an active element segment that puts function fn at slot
// of table 0.
func (m *module) addElement(slot, fn uint32) error {
	seg := []byte{0x00, 0x41}
	seg = appendS32(seg, int32(slot))
	seg = append(seg, 0x0b)
	seg = appendU32(seg, 1)
	seg = appendU32(seg, fn)
	count, rest := uint32(0), []byte(nil)
	if i := m.find(secElem); i >= 0 {
		r := &reader{b: m.sections[i].payload}
		count = r.u32()
		if r.err != nil {
			return fmt.Errorf("wasmpatch: element section: %w", r.err)
		}
		rest = r.b[r.pos:]
	}
	out := appendU32(nil, count+1)
	out = append(out, rest...)
	out = append(out, seg...)
	m.setSection(secElem, out)
	return nil
}

func encodeFunctionTypes(ts []uint32) []byte {
	out := appendU32(make([]byte, 0, 5+2*len(ts)), uint32(len(ts)))
	for _, t := range ts {
		out = appendU32(out, t)
	}
	return out
}
