package translate

import (
	"context"
	"testing"

	"github.com/tetratelabs/wazero"
)

// The translated module must declare wasmhost's memory limit: wasm2go turns the declared
// maximum into the bound of memory.grow.
func TestTranslationInputDeclaresTheMemoryLimit(t *testing.T) {
	patched, err := PatchedModule()
	if err != nil {
		t.Fatal(err)
	}
	input, err := TranslationInput()
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	rt := wazero.NewRuntimeWithConfig(ctx, wazero.NewRuntimeConfigInterpreter())
	defer rt.Close(ctx)
	for _, c := range []struct {
		name   string
		module []byte
		max    uint32
		hasMax bool
	}{{"patched", patched, 0, false}, {"translation input", input, MemoryLimitPages, true}} {
		compiled, err := rt.CompileModule(ctx, c.module)
		if err != nil {
			t.Fatalf("%s: %v", c.name, err)
		}
		mem := compiled.ExportedMemories()["memory"]
		if mem == nil {
			t.Fatalf("%s: no exported memory", c.name)
		}
		max, ok := mem.Max()
		if ok != c.hasMax || (ok && max != c.max) {
			t.Errorf("%s: memory max %d (declared %v), want %d (declared %v)", c.name, max, ok, c.max, c.hasMax)
		}
	}
	if _, err := limitMemory([]byte("\x00asm\x01\x00\x00\x00"), 10); err == nil {
		t.Error("a module without memory was accepted")
	}
}
