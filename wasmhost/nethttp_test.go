package wasmhost

import (
	"net/http"
	"os/exec"
	"strings"
	"testing"
)

// TestNoNetHTTP keeps the runtime core free of net/http: its fetch and request types are its
// own (fetch.go), so that edge's HTTP server and other hosts (an edge platform's SDK) are peers
// over it. Test files may use net/http; the package and its imports may not.
func TestNoNetHTTP(t *testing.T) {
	gobin, err := exec.LookPath("go")
	if err != nil {
		t.Skip("go is not on PATH")
	}
	out, err := exec.Command(gobin, "list", "-deps", ".").CombinedOutput()
	if err != nil {
		t.Fatalf("go list -deps: %v\n%s", err, out)
	}
	for _, p := range strings.Fields(string(out)) {
		if p == "net/http" {
			t.Fatal("package wasmhost (non-test files) depends on net/http, directly or through an import " +
				"(`go list -deps ./wasmhost` lists it): keep HTTP in package edge, which maps " +
				"wasmhost's Request, ResponseWriter and Fetcher to net/http")
		}
	}
}

// TestStatusText: the runtime's own reason phrases are net/http's, for every code that has one.
func TestStatusText(t *testing.T) {
	for code := 100; code < 600; code++ {
		if got, want := statusText(code), http.StatusText(code); got != want {
			t.Errorf("statusText(%d) = %q, net/http says %q", code, got, want)
		}
	}
}
