package translate

import (
	"context"
	"fmt"
	"io"
	"strings"
	"testing"

	"github.com/tetratelabs/wazero"

	"github.com/kitwasm/kitwasm/wasmhost"
	"github.com/kitwasm/kitwasm/wasmhost/translated"
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

// The backend checks engines against the limit the translation declares (it cannot import
// this package: that would put the engine module's bytes into every wasip1 program).
func TestBackendKnowsTheMemoryLimit(t *testing.T) {
	if translated.MemoryLimitPages != MemoryLimitPages {
		t.Fatalf("translated.MemoryLimitPages %d, translate.MemoryLimitPages %d", translated.MemoryLimitPages, MemoryLimitPages)
	}
}

// The generated package's ModuleID is the wazero engine's ID of the same module: snapshot
// files are keyed by it.
func TestModuleIDIsTheWazeroEngines(t *testing.T) {
	src, err := moduleIDFile()
	if err != nil {
		t.Fatal(err)
	}
	eng, err := wasmhost.NewEngine(context.Background(), wasmhost.EngineConfig{Log: io.Discard})
	if err != nil {
		t.Fatal(err)
	}
	defer eng.Close(context.Background())
	want := fmt.Sprintf("const ModuleID = %q\n", eng.SnapshotKey(nil, nil).Engine)
	if !strings.Contains(string(src), want) {
		t.Fatalf("generated ID file:\n%s\nwant it to contain %q", src, want)
	}
}
