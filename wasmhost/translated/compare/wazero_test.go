package compare

import (
	"context"
	"io"
	"strings"
	"testing"
)

// TestChecksOnWazero runs the checks that both engines must pass through the shared driver
// (translated.Isolate) on wazero alone: it keeps the driver and the host side honest in
// every CI run without translating the engine (TestTranslatedEngine does that, gated).
func TestChecksOnWazero(t *testing.T) {
	ctx := context.Background()
	w, err := NewWazero(ctx, MemoryLimitPages, io.Discard)
	if err != nil {
		t.Fatal(err)
	}
	defer w.Close(ctx)
	var log strings.Builder
	if err := Verify([]Engine{WazeroEngine(ctx, w)}, &log); err != nil {
		t.Fatalf("%v\n%s", err, log.String())
	}
	t.Log("\n" + log.String())
}
