package compare

import (
	"context"
	"strings"
	"testing"
)

// TestChecksOnWazero runs the checks that both engines must pass on wazero alone, and a
// snapshot round trip through the file format: it keeps the checks honest in every run without
// translating the engine (TestConformanceInTranslatedEngine and TestTranslatedEngine do that).
func TestChecksOnWazero(t *testing.T) {
	ctx := context.Background()
	engines, err := NewEngines(ctx, nil, func(int, string) {})
	if err != nil {
		t.Fatal(err)
	}
	defer engines[0].Close(ctx)
	var log strings.Builder
	passed, err := Verify(ctx, engines, &log)
	if err != nil {
		t.Fatalf("%v\n%s", err, log.String())
	}
	if passed != len(Checks) {
		t.Fatalf("%d of %d checks passed", passed, len(Checks))
	}
	if err := VerifySnapshots(ctx, engines, &log); err != nil {
		t.Fatalf("%v\n%s", err, log.String())
	}
	t.Log("\n" + log.String())
}
