package compare

import (
	"context"
	"io"
	"strings"
	"sync"
	"testing"
)

var (
	wazeroOnce sync.Once
	wazeroEng  *Wazero
	wazeroErr  error
)

// testWazero compiles the engine once for the package's tests (it is never closed).
func testWazero(t *testing.T) *Wazero {
	wazeroOnce.Do(func() { wazeroEng, wazeroErr = NewWazero(context.Background(), MemoryLimitPages, io.Discard) })
	if wazeroErr != nil {
		t.Fatal(wazeroErr)
	}
	return wazeroEng
}

// TestChecksOnWazero runs the checks that both engines must pass through the shared driver
// (translated.Isolate) on wazero alone: it keeps the driver and the host side honest in
// every CI run without translating the engine (TestTranslatedEngine does that, gated).
func TestChecksOnWazero(t *testing.T) {
	ctx := context.Background()
	w := testWazero(t)
	var log strings.Builder
	if err := Verify([]Engine{WazeroEngine(ctx, w)}, &log); err != nil {
		t.Fatalf("%v\n%s", err, log.String())
	}
	t.Log("\n" + log.String())
}

// A snapshot taken on wazero restores on wazero and continues where the original stands (the
// gated test restores it on the translated engine too, and the other way round).
func TestSnapshotsOnWazero(t *testing.T) {
	ctx := context.Background()
	w := testWazero(t)
	var log strings.Builder
	if err := VerifySnapshots([]Engine{WazeroEngine(ctx, w)}, &log); err != nil {
		t.Fatalf("%v\n%s", err, log.String())
	}
	t.Log("\n" + log.String())
}
