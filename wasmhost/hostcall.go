package wasmhost

import (
	"context"
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha1"
	"crypto/sha256"
	"crypto/sha512"
	"errors"
	"fmt"
	"hash"
	"path"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/kitwasm/kitwasm/jsengine"
)

// The host function. Every isolate gets exactly one, installed as globalThis.__kitwasm_host
// and taken by jsengine/web/00_base.js into the layer's private namespace:
//
//	__kitwasm_host(op, ...args)
//
// It is called through QuickJS's C-function proxy: argv (8-byte JSValues) holds four values
// of the proxy (function id, context id, async flag, promise) followed by the JS arguments.
// Arguments are numbers, strings (UTF-8, no NUL) or ArrayBuffers, as each op documents; the
// answer is undefined, a number, a string or an ArrayBuffer. A failed op throws a TypeError
// into JS. The op numbers are the contract with 00_base.js (OP there).
const (
	opLog        = 1  // (level, message)
	opRandom     = 2  // (n) -> ArrayBuffer of n random bytes, n <= 65536
	opDigest     = 3  // (alg, data) -> ArrayBuffer
	opHMAC       = 4  // (alg, key, data) -> ArrayBuffer
	opNow        = 5  // () -> ms since the isolate's time origin, monotonic
	opNextEvent  = 6  // () -> JSON of the next host event, or undefined
	opEventBody  = 7  // () -> ArrayBuffer payload of that event, or undefined
	opSend       = 8  // (kind, json, payload?) -> undefined | number | string (loop.go)
	opTimeOrigin = 9  // () -> wall-clock ms of the time origin
	opUTF8Encode = 10 // (string, length) -> ArrayBuffer of its UTF-8 bytes, undefined if it has a NUL
	opService    = 11 // (name, json, payload?) -> string | ArrayBuffer | undefined (services.go)
)

const proxyArgs = 4 // argv entries QuickJS's proxy puts before the JS arguments

// hostCall is the module's import env.jsFunctionProxy (a HostFunc): the isolate comes from
// ctx (Isolate.guestContext).
func hostCall(ctx context.Context, stack []uint64) {
	iso, _ := ctx.Value(isolateKey{}).(*Isolate)
	jsc, argc, argv := uint32(stack[0]), int(uint32(stack[2])), uint32(stack[3])
	if iso == nil || argc <= proxyArgs {
		stack[0] = jsUndefined
		return
	}
	v, err := iso.hostCall(ctx, argc-proxyArgs, func(i int) uint64 { return iso.g.argv(argv, proxyArgs+i) })
	if err != nil {
		if errors.Is(err, ErrIsolateBroken) {
			panic(err) // unwinds the guest: the module is unusable anyway
		}
		msg, aerr := iso.g.alloc(ctx, []byte(fmt.Sprintf("kitwasm host: %v", err)), true)
		if aerr != nil {
			panic(iso.fatal(aerr))
		}
		v, err = iso.g.call(ctx, iso.g.throwTypeError, uint64(jsc), uint64(msg))
		iso.g.release(ctx, msg)
		if err != nil {
			panic(iso.fatal(err))
		}
	}
	stack[0] = v
}

// hostCall performs one op; arg(i) is the i-th JS argument after the op.
func (iso *Isolate) hostCall(ctx context.Context, argc int, arg func(int) uint64) (uint64, error) {
	if iso.loop != nil {
		iso.loop.yieldCPU(ctx)
	}
	g, jsc := iso.g, iso.jsc
	op, err := g.number(ctx, jsc, arg(0))
	if err != nil {
		return 0, err
	}
	str := func(i int) (string, error) {
		if i >= argc || tagOf(arg(i)) != tagString {
			return "", fmt.Errorf("op %d: argument %d must be a string", int(op), i)
		}
		return g.toString(ctx, jsc, arg(i))
	}
	buf := func(i int) ([]byte, error) {
		if i >= argc || tagOf(arg(i)) != tagObject {
			return nil, fmt.Errorf("op %d: argument %d must be an ArrayBuffer", int(op), i)
		}
		return g.arrayBufferBytes(ctx, jsc, arg(i))
	}
	switch int(op) {
	case opLog:
		level, err := g.number(ctx, jsc, arg(1))
		if err != nil {
			return 0, err
		}
		msg, err := str(2)
		if err != nil {
			return 0, err
		}
		iso.log(int(level), msg)
		return jsUndefined, nil
	case opRandom:
		n, err := g.number(ctx, jsc, arg(1))
		if err != nil {
			return 0, err
		}
		if n < 0 || n > 65536 {
			return 0, fmt.Errorf("random: %v bytes is out of range", n)
		}
		b := make([]byte, int(n))
		rand.Read(b)
		return g.newArrayBuffer(ctx, jsc, b)
	case opDigest, opHMAC:
		alg, err := str(1)
		if err != nil {
			return 0, err
		}
		newHash, ok := hashes[alg]
		if !ok {
			return 0, fmt.Errorf("digest: unsupported algorithm %q", alg)
		}
		var h hash.Hash
		next := 2
		if int(op) == opHMAC {
			key, err := buf(2)
			if err != nil {
				return 0, err
			}
			h, next = hmac.New(newHash, key), 3
		} else {
			h = newHash()
		}
		data, err := buf(next)
		if err != nil {
			return 0, err
		}
		h.Write(data)
		return g.newArrayBuffer(ctx, jsc, h.Sum(nil))
	case opNow:
		return g.newNumber(ctx, jsc, float64(time.Since(iso.born).Nanoseconds())/1e6)
	case opUTF8Encode:
		if argc < 2 || tagOf(arg(1)) != tagString {
			return 0, errors.New("utf8: argument must be a string")
		}
		b, err := g.cString(ctx, jsc, arg(1))
		if err != nil {
			return 0, err
		}
		// The C string ends at the first NUL: compare lengths in UTF-16 units.
		want, err := g.number(ctx, jsc, arg(2))
		if err != nil {
			return 0, err
		}
		if utf16Len(b) != int(want) {
			return jsUndefined, nil
		}
		return g.newArrayBuffer(ctx, jsc, b)
	case opTimeOrigin:
		return g.newNumber(ctx, jsc, float64(iso.born.UnixNano())/1e6)
	case opService:
		name, args, payload, err := stringsAndPayload(argc, arg, str, buf, false)
		if err != nil {
			return 0, err
		}
		return iso.callService(ctx, name, args, payload)
	case opNextEvent, opEventBody, opSend:
		if iso.loop == nil {
			return jsUndefined, nil
		}
		return iso.loop.hostCall(ctx, int(op), argc, arg, str, buf)
	}
	return 0, fmt.Errorf("unknown op %v", op)
}

// stringsAndPayload reads the arguments (string, string, ArrayBuffer?) of opSend and
// opService; with text, the payload may also be a string, which buf then reads. A payload that
// is present is never nil, even when empty: an empty body is a body, not "none follows".
func stringsAndPayload(argc int, arg func(int) uint64, str func(int) (string, error),
	buf func(int) ([]byte, error), text bool) (a, b string, payload []byte, err error) {
	if a, err = str(1); err != nil {
		return
	}
	if b, err = str(2); err != nil {
		return
	}
	if argc > 3 && (tagOf(arg(3)) == tagObject || text && tagOf(arg(3)) == tagString) {
		if payload, err = buf(3); err == nil && payload == nil {
			payload = []byte{}
		}
	}
	return
}

var hashes = map[string]func() hash.Hash{
	"SHA-1": sha1.New, "SHA-256": sha256.New, "SHA-384": sha512.New384, "SHA-512": sha512.New,
}

// log writes a console line of the isolate.
func (iso *Isolate) log(level int, msg string) {
	msg = mapLayerPositions(msg)
	if iso.worker != nil && iso.worker.srcmap != nil {
		msg = iso.worker.mapPositions(msg)
	}
	iso.eng.cfg.Console(level, msg)
}

var layerPos = regexp.MustCompile(`kitwasm:web-layer\.js:(\d+)`)

// mapLayerPositions rewrites positions in the assembled Web layer (kitwasm:web-layer.js:L)
// into the source file and line under jsengine/web, so stack traces point at real files.
func mapLayerPositions(msg string) string {
	if !strings.Contains(msg, "kitwasm:web-layer.js:") {
		return msg
	}
	return layerPos.ReplaceAllStringFunc(msg, func(m string) string {
		line, _ := strconv.Atoi(m[len("kitwasm:web-layer.js:"):])
		if file, fl := jsengine.LayerPosition(line); file != "" {
			return fmt.Sprintf("%s:%d", file, fl)
		}
		return m
	})
}

// utf16Len is the length in UTF-16 code units of UTF-8 text.
func utf16Len(b []byte) int {
	n := 0
	for i := 0; i < len(b); {
		c := b[i]
		switch {
		case c < 0x80:
			i++
			n++
		case c < 0xE0:
			i += 2
			n++
		case c < 0xF0:
			i += 3
			n++
		default:
			i += 4
			n += 2
		}
	}
	return n
}

// mapPositions rewrites name:line:col positions in the worker into their sources' positions.
func (w *Worker) mapPositions(msg string) string {
	if !strings.Contains(msg, w.Name+":") {
		return msg
	}
	re := w.positions
	return re.ReplaceAllStringFunc(msg, func(m string) string {
		sub := re.FindStringSubmatch(m)
		line, _ := strconv.Atoi(sub[1])
		col, _ := strconv.Atoi(sub[2])
		if src, l, c, ok := w.srcmap.Lookup(line, col); ok {
			return fmt.Sprintf("%s:%d:%d", path.Clean(src), l, c)
		}
		return m
	})
}
