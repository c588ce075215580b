package jsengine_test

import (
	"bufio"
	"context"
	"encoding/json"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/kitwasm/kitwasm/internal/nodetest"
	"github.com/kitwasm/kitwasm/internal/testworker"
)

// TestWebConformance runs every check of testdata/checks under Node 22 (the reference) and
// inside the engine, and requires equal results for each, except checks listed in LEDGER.md
// (deliberate differences, each with its reason). A ledger entry whose check now agrees
// with Node fails the test too, so the ledger stays true.
func TestWebConformance(t *testing.T) {
	node, err := nodetest.Node()
	if err != nil {
		t.Fatal(err)
	}
	only := os.Getenv("KITWASM_CHECKS") // a prefix such as url/ runs only those checks
	out, err := exec.Command(node, filepath.Join("tools", "run-checks.mjs"), only).Output()
	if err != nil {
		t.Fatalf("node run-checks: %v\n%s", err, exitStderr(err))
	}
	var want map[string]json.RawMessage
	if err := json.Unmarshal(out, &want); err != nil {
		t.Fatalf("node output: %v", err)
	}

	// The checks run in an isolate restored from the pool's snapshot, not in the template
	// isolate the snapshot was taken from: what the pools serve with.
	cfg := defaultPool()
	cfg.MaxIsolates, cfg.MinIdle = 2, 2
	pool := testworker.Pool(t, filepath.Join("testdata", "webcheck.mjs"), cfg)
	for wait := time.Now(); pool.Created() < 2; time.Sleep(5 * time.Millisecond) {
		if time.Since(wait) > time.Minute {
			t.Fatal("the pool did not restore a second isolate")
		}
	}
	template, err := pool.Acquire(context.Background()) // the idle queue is FIFO: the first isolate
	if err != nil {
		t.Fatal(err)
	}
	rec := testworker.Get(t, pool, "http://localhost/?only="+url.QueryEscape(only))
	pool.Release(template)
	if rec.Status != 200 {
		t.Fatalf("engine answered %d: %s", rec.Status, rec.Body.String())
	}
	var got map[string]json.RawMessage
	if err := json.Unmarshal(rec.Body.Bytes(), &got); err != nil {
		t.Fatalf("engine output: %v\n%.2000s", err, rec.Body.String())
	}

	ledger := readLedger(t)
	names := make([]string, 0, len(want))
	for k := range want {
		names = append(names, k)
	}
	sort.Strings(names)
	same, known := 0, 0
	for _, name := range names {
		t.Run(name, func(t *testing.T) {
			w, g := compact(want[name]), compact(got[name])
			reason, listed := ledger.lookup(name)
			switch {
			case w == g && listed:
				t.Errorf("LEDGER.md lists %q (%s), but the engine now agrees with Node: remove the entry", name, reason)
			case w == g:
				same++
			case listed:
				known++
				t.Logf("known difference (LEDGER.md: %s)\n node:   %.300s\n engine: %.300s", reason, w, g)
			default:
				t.Errorf("differs from Node 22\n node:   %.1500s\n engine: %.1500s", w, g)
			}
		})
	}
	for k := range got {
		if _, ok := want[k]; !ok {
			t.Errorf("check %q ran only in the engine", k)
		}
	}
	t.Logf("%d checks: %d identical to Node 22, %d known differences (LEDGER.md)", len(names), same, known)
}

func compact(raw json.RawMessage) string {
	if raw == nil {
		return "<missing>"
	}
	return string(raw)
}

func exitStderr(err error) string {
	if ee, ok := err.(*exec.ExitError); ok {
		return string(ee.Stderr)
	}
	return ""
}

type ledger map[string]string

// readLedger reads LEDGER.md's table rows: | `check name`, ... | difference | reason |. A
// name ending in * covers every check with that prefix.
func readLedger(t *testing.T) ledger {
	l := ledger{}
	f, err := os.Open("LEDGER.md")
	if os.IsNotExist(err) {
		return l
	}
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		if !strings.HasPrefix(line, "|") {
			continue
		}
		cells := strings.Split(strings.Trim(line, "|"), "|")
		if len(cells) < 3 {
			continue
		}
		for _, name := range strings.Split(cells[0], ",") {
			name = strings.Trim(strings.TrimSpace(name), "`")
			if name == "" || strings.HasPrefix(name, "-") || strings.EqualFold(name, "check") {
				continue
			}
			l[name] = strings.TrimSpace(cells[len(cells)-1])
		}
	}
	return l
}

// entry returns the ledger name that covers name: itself, or a prefix pattern ending in *.
func (l ledger) entry(name string) string {
	if _, ok := l[name]; ok {
		return name
	}
	for k := range l {
		if strings.HasSuffix(k, "*") && strings.HasPrefix(name, strings.TrimSuffix(k, "*")) {
			return k
		}
	}
	return ""
}

func (l ledger) lookup(name string) (string, bool) {
	if r, ok := l[name]; ok {
		return r, true
	}
	for k, r := range l {
		if strings.HasSuffix(k, "*") && strings.HasPrefix(name, strings.TrimSuffix(k, "*")) {
			return r, true
		}
	}
	return "", false
}
