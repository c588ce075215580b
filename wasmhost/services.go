package wasmhost

import (
	"context"
	"errors"
	"fmt"
	"sync"
)

// Services are synchronous host computations the Web layer calls by name through one op
// (opService): things the Go standard library (or golang.org/x) does well and JavaScript in
// the engine would do slowly or not at all, such as cryptography, time zone rules, legacy
// text encodings and IDNA. A service is a pure function of its arguments: it sees no request,
// no other isolate and no host state, so whatever JavaScript passes (key material included)
// lives only in the isolate that passed it.
//
// A service gets its arguments as JSON (args) and an optional binary payload, and answers a
// string, a []byte (an ArrayBuffer in JavaScript) or nil (undefined). Errors reach JavaScript
// as a TypeError, or, for a *ServiceError, as a DOMException of its Name (the layer's
// __kw.hostService converts them).
type Service func(args string, payload []byte) (any, error)

// ServiceError is an error a service reports as a DOMException (e.g. "OperationError",
// "NotSupportedError", "DataError") or a TypeError (Name "TypeError").
type ServiceError struct {
	Name    string
	Message string
}

func (e *ServiceError) Error() string { return "[" + e.Name + "] " + e.Message }

var (
	servicesMu sync.RWMutex
	services   = map[string]Service{}
)

// RegisterService makes fn callable from the Web layer as name. Each service registers itself
// in an init function of its own file; a name may be registered once.
func RegisterService(name string, fn Service) {
	servicesMu.Lock()
	defer servicesMu.Unlock()
	if _, dup := services[name]; dup {
		panic("wasmhost: service " + name + " registered twice")
	}
	services[name] = fn
}

func (iso *Isolate) callService(ctx context.Context, name, args string, payload []byte) (uint64, error) {
	servicesMu.RLock()
	fn := services[name]
	servicesMu.RUnlock()
	if fn == nil {
		return 0, fmt.Errorf("no service %q", name)
	}
	v, err := fn(args, payload)
	if err != nil {
		var se *ServiceError
		if errors.As(err, &se) {
			return 0, se
		}
		return 0, fmt.Errorf("%s: %w", name, err)
	}
	g, jsc := iso.g, iso.jsc
	switch r := v.(type) {
	case nil:
		return jsUndefined, nil
	case string:
		return g.newStringValue(ctx, jsc, []byte(r))
	case []byte:
		return g.newArrayBuffer(ctx, jsc, r)
	}
	return 0, fmt.Errorf("%s: answered a %T", name, v)
}
