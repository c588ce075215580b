package wasmpatch

import "fmt"

// skipImmediates consumes the immediates of the instruction whose opcode byte
// op has just been read. It covers the Wasm 2.0 instruction set without SIMD
// (MVP, sign extension, saturating truncation, bulk memory, reference types)
// plus tail calls; anything else is an error, so a module using an unknown
// instruction is refused rather than mis-parsed.
func skipImmediates(r *reader, op byte) error {
	switch {
	case op == 0x00 || op == 0x01 || op == 0x05 || op == 0x0b || op == 0x0f ||
		op == 0x1a || op == 0x1b || op == 0xd1:
		// unreachable nop else end return drop select ref.is_null
	case op == 0x02 || op == 0x03 || op == 0x04: // block loop if
		skipBlockType(r)
	case op == 0x0c || op == 0x0d: // br br_if
		r.u32()
	case op == 0x0e: // br_table
		n := r.u32()
		for i := uint32(0); i <= n && r.err == nil; i++ {
			r.u32()
		}
	case op == 0x10 || op == 0x12: // call return_call
		r.u32()
	case op == 0x11 || op == 0x13: // call_indirect return_call_indirect
		r.u32()
		r.u32()
	case op == 0x1c: // select t*
		n := r.u32()
		r.bytes(int(n))
	case op >= 0x20 && op <= 0x26: // local.* global.* table.get/set
		r.u32()
	case op >= 0x28 && op <= 0x3e: // loads and stores: memarg
		skipMemarg(r)
	case op == 0x3f || op == 0x40: // memory.size memory.grow
		r.u32()
	case op == 0x41:
		r.signed(32)
	case op == 0x42:
		r.signed(64)
	case op == 0x43:
		r.bytes(4)
	case op == 0x44:
		r.bytes(8)
	case op >= 0x45 && op <= 0xc4: // numeric, conversions, sign extension
	case op == 0xd0: // ref.null t
		r.byte()
	case op == 0xd2: // ref.func
		r.u32()
	case op == 0xfc:
		sub := r.u32()
		switch {
		case sub <= 7: // saturating truncation
		case sub == 8: // memory.init data mem
			r.u32()
			r.u32()
		case sub == 9: // data.drop
			r.u32()
		case sub == 10: // memory.copy mem mem
			r.u32()
			r.u32()
		case sub == 11: // memory.fill mem
			r.u32()
		case sub == 12 || sub == 14: // table.init, table.copy
			r.u32()
			r.u32()
		case sub == 13 || (sub >= 15 && sub <= 17): // elem.drop table.grow/size/fill
			r.u32()
		default:
			return fmt.Errorf("wasmpatch: unsupported instruction 0xfc %d", sub)
		}
	default:
		return fmt.Errorf("wasmpatch: unsupported instruction 0x%02x", op)
	}
	return r.err
}

func skipBlockType(r *reader) {
	if r.err != nil || r.eof() {
		r.fail(errTruncated)
		return
	}
	switch c := r.b[r.pos]; c {
	case 0x40, valI32, valI64, valF32, valF64, 0x7b, 0x70, 0x6f:
		r.pos++
	default:
		r.signed(33) // type index
	}
}

func skipMemarg(r *reader) {
	align := r.u32()
	if align&0x40 != 0 { // multi-memory: explicit memory index
		r.u32()
	}
	r.u32() // offset
}

// instr is one decoded instruction of a function body: its opcode, the byte
// range it occupies in the body, and (for local.*, global.*, i32.const) its
// first immediate.
type instr struct {
	op         byte
	start, end int
	imm        int64
}

// body is a decoded function body.
type body struct {
	raw        []byte
	localsEnd  int      // offset of the first instruction
	localDecls [][2]int // (count, valtype) pairs
	numLocals  uint64   // declared locals, excluding parameters
}

func parseBody(raw []byte) (*body, error) {
	r := &reader{b: raw}
	b := &body{raw: raw}
	n := r.u32()
	for i := uint32(0); i < n && r.err == nil; i++ {
		c := r.u32()
		t := r.byte()
		b.localDecls = append(b.localDecls, [2]int{int(c), int(t)})
		b.numLocals += uint64(c)
	}
	if r.err != nil {
		return nil, r.err
	}
	if b.numLocals > 50000 {
		return nil, fmt.Errorf("wasmpatch: function declares %d locals", b.numLocals)
	}
	b.localsEnd = r.pos
	return b, nil
}

// walk calls fn for every instruction of the body, in order.
func (b *body) walk(fn func(in instr)) error {
	r := &reader{b: b.raw, pos: b.localsEnd}
	for !r.eof() {
		start := r.pos
		op := r.byte()
		var imm int64
		switch {
		case op >= 0x20 && op <= 0x24:
			save := r.pos
			imm = int64(r.u32())
			r.pos = save
		case op == 0x41:
			save := r.pos
			imm = r.signed(32)
			r.pos = save
		}
		if err := skipImmediates(r, op); err != nil {
			return fmt.Errorf("at body offset %d: %w", start, err)
		}
		fn(instr{op: op, start: start, end: r.pos, imm: imm})
	}
	return r.err
}
