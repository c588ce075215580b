package wasmpatch

import (
	"errors"
	"fmt"
)

// Exports that locate the double free of QJS_Eval (see the package
// documentation, "The double free in QJS_Eval").
const (
	// EvalExport is the export whose bytecode path is fixed: QJS_Eval, or the
	// function it calls for scripts (load_buf in qjswasm/eval.c).
	EvalExport = "QJS_Eval"
	// FreeValueExport is QuickJS's JS_FreeValue, the call that is removed.
	FreeValueExport = "JS_FreeValue"
)

// NaN-boxed JSValue tests as clang compiles JS_IsException on wasm32:
// (v & tagMask) != exceptionBits.
const (
	tagMask       = -1 << 32       // i64.const 0xffffffff00000000
	exceptionBits = int64(6) << 32 // JS_TAG_EXCEPTION in the high half
	opI64Const    = byte(0x42)     // i64.const
	opCall        = byte(0x10)     // call
	opDrop        = byte(0x1a)     // drop
	opLocalGet    = byte(0x20)     // local.get
	opLocalTee    = byte(0x22)     // local.tee
	opI64Load     = byte(0x29)     // i64.load
	opI32Const    = byte(0x41)     // i32.const
	opBrIf        = byte(0x0d)     // br_if
	opI64And      = byte(0x83)     // i64.and
	opI64Ne       = byte(0x52)     // i64.ne
	opEnd         = byte(0x0b)     // end
	maxEvalCallee = 64             // QJS_Eval's direct callees examined
	evalWrapperOp = 8              // instructions of JS_EvalFunction's body
	evalPatternOp = 12             // instructions of the matched sequence
	errNoEvalFree = "wasmpatch: no double free of the evaluated function found in QJS_Eval's bytecode path"
)

// evalFreeSite is the `call JS_FreeValue` to remove: body index k (function
// nImpFuncs+k) and its byte range in that body.
type evalFreeSite struct {
	funcIndex  uint32
	body       uint32
	start, end int
	evalFunc   uint32 // JS_EvalFunction, as recognised by its shape
}

// findEvalDoubleFree locates, in QJS_Eval or one of the functions it calls
// directly, the sequence that load_buf (qjswasm/eval.c) compiles to for
//
//	module_val = JS_EvalFunction(ctx, obj);
//	if (JS_IsException(module_val)) { JS_FreeValue(ctx, obj); ...
//
// i.e. local.get c; local.get o; call E; local.tee r; i64.const tagMask;
// i64.and; i64.const exceptionBits; i64.ne; br_if; local.get c; local.get o;
// call JS_FreeValue, where E has JS_EvalFunction's shape (a wrapper that
// passes ctx, the value, ctx->global_obj, NULL, NULL to one function). The
// site must be unique.
func findEvalDoubleFree(bodies [][]byte, exports []export, funcTypes []uint32, types []funcType, nImpFuncs uint32) (evalFreeSite, error) {
	var evalIdx, freeIdx uint32
	var haveEval, haveFree bool
	for _, e := range exports {
		if e.kind != kindFunc || e.index < nImpFuncs {
			continue
		}
		switch e.name {
		case EvalExport:
			evalIdx, haveEval = e.index, true
		case FreeValueExport:
			freeIdx, haveFree = e.index, true
		}
	}
	if !haveEval || !haveFree {
		return evalFreeSite{}, fmt.Errorf("wasmpatch: module lacks the %s or %s export", EvalExport, FreeValueExport)
	}
	typeOf := func(fn uint32) (funcType, bool) {
		if fn < nImpFuncs || int(fn-nImpFuncs) >= len(funcTypes) || int(funcTypes[fn-nImpFuncs]) >= len(types) {
			return funcType{}, false
		}
		return types[funcTypes[fn-nImpFuncs]], true
	}
	if ft, ok := typeOf(freeIdx); !ok || string(ft.params) != string([]byte{valI32, valI64}) || len(ft.results) != 0 {
		return evalFreeSite{}, fmt.Errorf("wasmpatch: %s is not (i32, i64) -> ()", FreeValueExport)
	}
	decode := func(fn uint32) ([]instr, []byte, error) {
		if fn < nImpFuncs || int(fn-nImpFuncs) >= len(bodies) {
			return nil, nil, errors.New("not a defined function")
		}
		raw := bodies[fn-nImpFuncs]
		b, err := parseBody(raw)
		if err != nil {
			return nil, nil, err
		}
		var ins []instr
		if err := b.walk(func(in instr) { ins = append(ins, in) }); err != nil {
			return nil, nil, err
		}
		return ins, raw, nil
	}
	callee := func(raw []byte, in instr) uint32 {
		r := &reader{b: raw[in.start+1 : in.end]}
		return r.u32()
	}
	i64Const := func(raw []byte, in instr) int64 {
		r := &reader{b: raw[in.start+1 : in.end]}
		return r.signed(64)
	}
	isEvalFunction := func(fn uint32) bool {
		ft, ok := typeOf(fn)
		if !ok || string(ft.params) != string([]byte{valI32, valI64}) || string(ft.results) != string([]byte{valI64}) {
			return false
		}
		ins, _, err := decode(fn)
		if err != nil || len(ins) != evalWrapperOp {
			return false
		}
		want := []byte{opLocalGet, opLocalGet, opLocalGet, opI64Load, opI32Const, opI32Const, opCall, opEnd}
		for i, op := range want {
			if ins[i].op != op {
				return false
			}
		}
		return ins[0].imm == 0 && ins[1].imm == 1 && ins[2].imm == 0 && ins[4].imm == 0 && ins[5].imm == 0
	}

	evalIns, evalRaw, err := decode(evalIdx)
	if err != nil {
		return evalFreeSite{}, fmt.Errorf("wasmpatch: %s: %w", EvalExport, err)
	}
	candidates := []uint32{evalIdx}
	seen := map[uint32]bool{evalIdx: true}
	for _, in := range evalIns {
		if in.op != opCall {
			continue
		}
		if c := callee(evalRaw, in); c >= nImpFuncs && !seen[c] && len(candidates) <= maxEvalCallee {
			seen[c] = true
			candidates = append(candidates, c)
		}
	}
	var sites []evalFreeSite
	for _, fn := range candidates {
		ins, raw, err := decode(fn)
		if err != nil {
			return evalFreeSite{}, fmt.Errorf("wasmpatch: function %d: %w", fn, err)
		}
		for i := 0; i+evalPatternOp <= len(ins); i++ {
			p := ins[i : i+evalPatternOp]
			want := []byte{opLocalGet, opLocalGet, opCall, opLocalTee, opI64Const, opI64And, opI64Const, opI64Ne, opBrIf, opLocalGet, opLocalGet, opCall}
			match := true
			for k, op := range want {
				match = match && p[k].op == op
			}
			if !match || p[9].imm != p[0].imm || p[10].imm != p[1].imm ||
				i64Const(raw, p[4]) != tagMask || i64Const(raw, p[6]) != exceptionBits ||
				callee(raw, p[11]) != freeIdx {
				continue
			}
			e := callee(raw, p[2])
			if !isEvalFunction(e) {
				continue
			}
			sites = append(sites, evalFreeSite{funcIndex: fn, body: fn - nImpFuncs, start: p[11].start, end: p[11].end, evalFunc: e})
		}
	}
	switch len(sites) {
	case 0:
		return evalFreeSite{}, errors.New(errNoEvalFree)
	case 1:
		return sites[0], nil
	default:
		return evalFreeSite{}, fmt.Errorf("wasmpatch: %d candidate double frees in QJS_Eval's bytecode path, expected one", len(sites))
	}
}

// removeEvalDoubleFree replaces the `call JS_FreeValue` of the site with
// `drop drop` (its two arguments, the i64 value and the i32 context), so the
// function object JS_EvalFunction already consumed is not freed again.
func removeEvalDoubleFree(raw []byte, s evalFreeSite) []byte {
	out := append([]byte(nil), raw[:s.start]...)
	out = append(out, opDrop, opDrop)
	return append(out, raw[s.end:]...)
}
