package wasmpatch

import (
	"bytes"
	"errors"
	"fmt"
)

// Section ids of the Wasm binary format.
const (
	secCustom    = 0
	secType      = 1
	secImport    = 2
	secFunction  = 3
	secTable     = 4
	secMemory    = 5
	secGlobal    = 6
	secExport    = 7
	secStart     = 8
	secElem      = 9
	secCode      = 10
	secData      = 11
	secDataCount = 12
	secTag       = 13
)

// External kinds in imports and exports.
const (
	kindFunc   = 0
	kindTable  = 1
	kindMemory = 2
	kindGlobal = 3
	kindTag    = 4
)

const (
	valI32 = 0x7f
	valI64 = 0x7e
	valF32 = 0x7d
	valF64 = 0x7c
)

var wasmHeader = []byte{0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00}

// section is one section of a module: its id, and its payload (without the id
// byte and the size). For custom sections the payload includes the name.
type section struct {
	id      byte
	payload []byte
}

// module is a Wasm module split into sections. Only the parts the transform
// needs are decoded further (see the decode* functions).
type module struct {
	sections []section
}

func parseModule(b []byte) (*module, error) {
	if len(b) < 8 || !bytes.Equal(b[:8], wasmHeader) {
		return nil, errors.New("wasmpatch: not a Wasm 1.0 binary module")
	}
	r := &reader{b: b, pos: 8}
	m := &module{}
	for !r.eof() {
		id := r.byte()
		size := r.u32()
		payload := r.bytes(int(size))
		if r.err != nil {
			return nil, fmt.Errorf("wasmpatch: section %d: %w", id, r.err)
		}
		m.sections = append(m.sections, section{id: id, payload: payload})
	}
	return m, nil
}

// capacity bounds the preallocation for n entries of at least one byte each by the bytes
// left, so that a count field alone cannot size an allocation.
func (r *reader) capacity(n uint32) int {
	return int(min(uint64(n), uint64(len(r.b)-r.pos)))
}

func (m *module) encode() []byte {
	n := len(wasmHeader)
	for _, s := range m.sections {
		n += 1 + 5 + len(s.payload)
	}
	out := make([]byte, 0, n)
	out = append(out, wasmHeader...)
	for _, s := range m.sections {
		out = append(out, s.id)
		out = appendU32(out, uint32(len(s.payload)))
		out = append(out, s.payload...)
	}
	return out
}

// find returns the index of the first section with the id, or -1.
func (m *module) find(id byte) int {
	for i, s := range m.sections {
		if s.id == id {
			return i
		}
	}
	return -1
}

// customName returns the name of a custom section.
func customName(s section) string {
	r := &reader{b: s.payload}
	n := r.u32()
	name := r.bytes(int(n))
	if r.err != nil {
		return ""
	}
	return string(name)
}

// order is the position a non-custom section must take in a module.
func order(id byte) int {
	switch id {
	case secType:
		return 1
	case secImport:
		return 2
	case secFunction:
		return 3
	case secTable:
		return 4
	case secMemory:
		return 5
	case secTag:
		return 6
	case secGlobal:
		return 7
	case secExport:
		return 8
	case secStart:
		return 9
	case secElem:
		return 10
	case secDataCount:
		return 11
	case secCode:
		return 12
	case secData:
		return 13
	}
	return 100
}

// setSection replaces the payload of the section with the id, inserting the
// section at its ordered position if the module has none.
func (m *module) setSection(id byte, payload []byte) {
	if i := m.find(id); i >= 0 {
		m.sections[i].payload = payload
		return
	}
	at := len(m.sections)
	for i, s := range m.sections {
		if s.id != secCustom && order(s.id) > order(id) {
			at = i
			break
		}
	}
	m.sections = append(m.sections, section{})
	copy(m.sections[at+1:], m.sections[at:])
	m.sections[at] = section{id: id, payload: payload}
}

// funcType is a function signature.
type funcType struct {
	params, results []byte
}

func (m *module) decodeTypes() ([]funcType, error) {
	i := m.find(secType)
	if i < 0 {
		return nil, nil
	}
	r := &reader{b: m.sections[i].payload}
	n := r.u32()
	types := make([]funcType, 0, r.capacity(n))
	for k := uint32(0); k < n && r.err == nil; k++ {
		if form := r.byte(); form != 0x60 {
			return nil, fmt.Errorf("wasmpatch: type %d: unsupported form 0x%x", k, form)
		}
		var t funcType
		t.params = append([]byte(nil), r.bytes(int(r.u32()))...)
		t.results = append([]byte(nil), r.bytes(int(r.u32()))...)
		types = append(types, t)
	}
	if r.err != nil {
		return nil, fmt.Errorf("wasmpatch: type section: %w", r.err)
	}
	return types, nil
}

// importEntry is one import of the module: its names, kind, and (for a function) type index.
type importEntry struct {
	module, name string
	kind         byte
	typ          uint32
}

// imports decodes the import section (empty when there is none).
func (m *module) imports() ([]importEntry, error) {
	i := m.find(secImport)
	if i < 0 {
		return nil, nil
	}
	r := &reader{b: m.sections[i].payload}
	n := r.u32()
	var out []importEntry
	for k := uint32(0); k < n && r.err == nil; k++ {
		e := importEntry{module: string(r.bytes(int(r.u32()))), name: string(r.bytes(int(r.u32())))}
		switch e.kind = r.byte(); e.kind {
		case kindFunc:
			e.typ = r.u32()
		case kindTable:
			r.byte() // reftype
			skipLimits(r)
		case kindMemory:
			skipLimits(r)
		case kindGlobal:
			r.byte() // valtype
			r.byte() // mut
		case kindTag:
			r.byte()
			r.u32()
		default:
			return nil, fmt.Errorf("wasmpatch: import %d: unknown kind %d", k, e.kind)
		}
		out = append(out, e)
	}
	if r.err != nil {
		return nil, fmt.Errorf("wasmpatch: import section: %w", r.err)
	}
	return out, nil
}

// importCounts returns the number of imported functions and globals.
func (m *module) importCounts() (funcs, globals uint32, err error) {
	imps, err := m.imports()
	for _, e := range imps {
		switch e.kind {
		case kindFunc:
			funcs++
		case kindGlobal:
			globals++
		}
	}
	return funcs, globals, err
}

func skipLimits(r *reader) {
	flags := r.byte()
	r.u32()
	if flags&1 != 0 {
		r.u32()
	}
}

func (m *module) decodeFunctionTypes() ([]uint32, error) {
	i := m.find(secFunction)
	if i < 0 {
		return nil, nil
	}
	r := &reader{b: m.sections[i].payload}
	n := r.u32()
	out := make([]uint32, 0, r.capacity(n))
	for k := uint32(0); k < n && r.err == nil; k++ {
		out = append(out, r.u32())
	}
	if r.err != nil {
		return nil, fmt.Errorf("wasmpatch: function section: %w", r.err)
	}
	return out, nil
}

// global is one entry of the global section.
type global struct {
	valType byte
	mutable bool
	init    []byte // constant expression including the final end (0x0b)
}

// i32Const returns the value of an init expression of the form i32.const N; end.
func (g global) i32Const() (int32, bool) {
	r := &reader{b: g.init}
	if r.byte() != 0x41 {
		return 0, false
	}
	v := r.s32()
	if r.byte() != 0x0b || r.err != nil || !r.eof() {
		return 0, false
	}
	return v, true
}

func (m *module) decodeGlobals() ([]global, error) {
	i := m.find(secGlobal)
	if i < 0 {
		return nil, nil
	}
	r := &reader{b: m.sections[i].payload}
	n := r.u32()
	out := make([]global, 0, r.capacity(n))
	for k := uint32(0); k < n && r.err == nil; k++ {
		var g global
		g.valType = r.byte()
		g.mutable = r.byte() == 1
		start := r.pos
		skipConstExpr(r)
		g.init = r.b[start:r.pos]
		out = append(out, g)
	}
	if r.err != nil {
		return nil, fmt.Errorf("wasmpatch: global section: %w", r.err)
	}
	return out, nil
}

func encodeGlobals(gs []global) []byte {
	out := appendU32(nil, uint32(len(gs)))
	for _, g := range gs {
		out = append(out, g.valType)
		if g.mutable {
			out = append(out, 1)
		} else {
			out = append(out, 0)
		}
		out = append(out, g.init...)
	}
	return out
}

// skipConstExpr skips a constant expression up to and including its end.
func skipConstExpr(r *reader) {
	for r.err == nil {
		op := r.byte()
		if op == 0x0b {
			return
		}
		if err := skipImmediates(r, op); err != nil {
			r.fail(err)
			return
		}
	}
}

// export is one entry of the export section.
type export struct {
	name  string
	kind  byte
	index uint32
}

func (m *module) decodeExports() ([]export, error) {
	i := m.find(secExport)
	if i < 0 {
		return nil, nil
	}
	r := &reader{b: m.sections[i].payload}
	n := r.u32()
	out := make([]export, 0, r.capacity(n))
	for k := uint32(0); k < n && r.err == nil; k++ {
		var e export
		e.name = string(r.bytes(int(r.u32())))
		e.kind = r.byte()
		e.index = r.u32()
		out = append(out, e)
	}
	if r.err != nil {
		return nil, fmt.Errorf("wasmpatch: export section: %w", r.err)
	}
	return out, nil
}

func encodeExports(es []export) []byte {
	out := appendU32(nil, uint32(len(es)))
	for _, e := range es {
		out = appendName(out, e.name)
		out = append(out, e.kind)
		out = appendU32(out, e.index)
	}
	return out
}

// decodeCode returns the function bodies (without their size prefix).
func (m *module) decodeCode() ([][]byte, error) {
	i := m.find(secCode)
	if i < 0 {
		return nil, nil
	}
	r := &reader{b: m.sections[i].payload}
	n := r.u32()
	out := make([][]byte, 0, r.capacity(n))
	for k := uint32(0); k < n && r.err == nil; k++ {
		out = append(out, r.bytes(int(r.u32())))
	}
	if r.err != nil {
		return nil, fmt.Errorf("wasmpatch: code section: %w", r.err)
	}
	if !r.eof() {
		return nil, errors.New("wasmpatch: code section: trailing bytes")
	}
	return out, nil
}

func encodeCode(bodies [][]byte) []byte {
	n := 5
	for _, b := range bodies {
		n += 5 + len(b)
	}
	out := make([]byte, 0, n)
	out = appendU32(out, uint32(len(bodies)))
	for _, b := range bodies {
		out = appendU32(out, uint32(len(b)))
		out = append(out, b...)
	}
	return out
}

// globalNames reads the global-name subsection (id 7) of the name section.
func (m *module) globalNames() map[uint32]string {
	names := map[uint32]string{}
	for _, s := range m.sections {
		if s.id != secCustom || customName(s) != "name" {
			continue
		}
		r := &reader{b: s.payload}
		r.bytes(int(r.u32()))
		for !r.eof() && r.err == nil {
			sub := r.byte()
			body := r.bytes(int(r.u32()))
			if sub != 7 {
				continue
			}
			sr := &reader{b: body}
			n := sr.u32()
			for k := uint32(0); k < n && sr.err == nil; k++ {
				idx := sr.u32()
				names[idx] = string(sr.bytes(int(sr.u32())))
			}
		}
	}
	return names
}
