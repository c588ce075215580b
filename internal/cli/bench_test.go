package cli

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/kitwasm/kitwasm/internal/nodetest"
)

// TestBenchLoadCountsRequestsAndErrors: the load generator keeps the given number of
// connections busy with keep-alive requests, sends the scenario's method, Host, Origin,
// content type and body, counts answers with another status as errors, and measures latency.
func TestBenchLoadCountsRequestsAndErrors(t *testing.T) {
	var served, conns, inFlight, peak atomic.Int64
	var mu sync.Mutex
	var bad []string
	srv := httptest.NewUnstartedServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		n := inFlight.Add(1)
		defer inFlight.Add(-1)
		for p := peak.Load(); n > p && !peak.CompareAndSwap(p, n); p = peak.Load() {
		}
		body, _ := io.ReadAll(r.Body)
		if r.Method != "POST" || r.Host != "app.test" || r.Header.Get("Origin") != "http://app.test" ||
			r.Header.Get("Content-Type") != "application/x-www-form-urlencoded" || string(body) != "name=bench" || r.Header.Get("Accept") != "text/html" {
			mu.Lock()
			bad = append(bad, r.Method+" "+r.Host+" "+r.Header.Get("Origin")+" "+string(body))
			mu.Unlock()
		}
		time.Sleep(2 * time.Millisecond)
		// Every fifth request fails.
		if served.Add(1)%5 == 0 {
			http.Error(w, "no", http.StatusInternalServerError)
			return
		}
		io.WriteString(w, strings.Repeat("x", 1000))
	}))
	srv.Config.ConnState = func(_ net.Conn, s http.ConnState) {
		if s == http.StateNew {
			conns.Add(1)
		}
	}
	srv.Start()
	defer srv.Close()

	sc := scenario{Name: "form", Method: "POST", Path: "/form?/login", Body: "name=bench", Type: "application/x-www-form-urlencoded", Accept: "text/html", Status: 200}
	res := runLoad(context.Background(), loadConfig{addr: srv.Listener.Addr().String(), host: "app.test", connections: 4, duration: 400 * time.Millisecond, warmup: 50 * time.Millisecond}, sc)

	assert.Empty(t, bad, "requests not as the scenario says")
	total := res.Requests + res.Errors
	require.Greater(t, res.Requests, 20, "%+v", res)
	assert.InDelta(t, 0.2, float64(res.Errors)/float64(total), 0.05, "every fifth answer is a 500: %+v", res)
	assert.Contains(t, res.FirstErr, "answered 500, want 200")
	assert.Equal(t, int64(res.Requests)*1000, res.Bytes, "only the bodies of good answers count")
	assert.GreaterOrEqual(t, res.P50, 2*time.Millisecond)
	assert.GreaterOrEqual(t, res.P99, res.P50)
	assert.InDelta(t, 400*time.Millisecond, res.Elapsed, float64(200*time.Millisecond))
	assert.EqualValues(t, 4, peak.Load(), "4 connections, 4 requests at a time")
	assert.LessOrEqual(t, conns.Load(), int64(8), "keep-alive: connections are reused (one set for the warm-up, one for the run)")
	assert.InDelta(t, float64(res.Requests)/res.Elapsed.Seconds(), res.RPS(), 0.001)
}

func TestBenchPercentile(t *testing.T) {
	var lat []time.Duration
	for i := 100; i >= 1; i-- {
		lat = append(lat, time.Duration(i)*time.Millisecond)
	}
	assert.Equal(t, 50*time.Millisecond, percentile(lat, 50))
	assert.Equal(t, 99*time.Millisecond, percentile(lat, 99))
	assert.Equal(t, 100*time.Millisecond, percentile(lat, 100))
	assert.Equal(t, time.Duration(0), percentile(nil, 50))
	assert.Equal(t, 7*time.Millisecond, percentile([]time.Duration{7 * time.Millisecond}, 99))
}

// TestBenchTable: one row per scenario and server, every figure with its ratio to
// adapter-node's, cold starts last.
func TestBenchTable(t *testing.T) {
	rep := &benchReport{
		Servers:   []string{"node", "kitwasm"},
		Scenarios: []scenario{{Name: "small", Label: "small SSR page `GET /`"}},
		Rows: []benchRow{
			{Scenario: "small", Server: "node", loadResult: loadResult{Requests: 2000, Elapsed: time.Second, P50: 10 * time.Millisecond, P99: 40 * time.Millisecond}, RSSPeak: 200 << 20},
			{Scenario: "small", Server: "kitwasm", loadResult: loadResult{Requests: 500, Errors: 3, Elapsed: time.Second, P50: 25 * time.Millisecond, P99: 120 * time.Millisecond}, RSSPeak: 50 << 20},
		},
		Starts: []coldStart{
			{Server: "node", Runs: []time.Duration{100 * time.Millisecond}, Median: 100 * time.Millisecond, RSS: 60 << 20},
			{Server: "kitwasm", Runs: []time.Duration{40 * time.Millisecond, 30 * time.Millisecond}, Median: 30 * time.Millisecond, RSS: 30 << 20},
		},
	}
	var b bytes.Buffer
	rep.writeTable(&b)
	want := "| scenario | server | requests/s | p50 | p99 | RSS peak | errors |\n" +
		"|---|---|--:|--:|--:|--:|--:|\n" +
		"| small SSR page `GET /` | adapter-node (Node 22) | 2000 (1.00x) | 10.0 ms (1.00x) | 40.0 ms (1.00x) | 200 MB (1.00x) | 0 |\n" +
		"| small SSR page `GET /` | kitwasm serve | 500 (0.25x) | 25.0 ms (2.50x) | 120 ms (3.00x) | 50 MB (0.25x) | 3 |\n" +
		"| cold start to first 200 (median of 100 ms) | adapter-node (Node 22) | | 100 ms (1.00x) | | 60 MB (1.00x) | 0 |\n" +
		"| cold start to first 200 (median of 40.0 ms, 30.0 ms) | kitwasm serve | | 30.0 ms (0.30x) | | 30 MB (0.50x) | 0 |\n"
	assert.Equal(t, want, b.String())

	// Without adapter-node there is nothing to divide by.
	rep = &benchReport{Servers: []string{"kitwasm"}, Scenarios: rep.Scenarios, Rows: rep.Rows[1:]}
	b.Reset()
	rep.writeTable(&b)
	assert.Contains(t, b.String(), "| small SSR page `GET /` | kitwasm serve | 500 | 25.0 ms | 120 ms | 50 MB | 3 |")
	assert.Equal(t, "850 µs", fmtDur(850*time.Microsecond))
}

func TestBenchFlags(t *testing.T) {
	var stderr bytes.Buffer
	err := bench([]string{"--only", "kitwasm,deno"}, io.Discard, &stderr)
	var ue usageError
	require.ErrorAs(t, err, &ue)
	assert.Contains(t, err.Error(), `unknown server "deno"`)
	err = bench([]string{"--path-small", "", "--path-large", "", "--path-json", "", "--path-form", "", "--path-static", ""}, io.Discard, &stderr)
	assert.ErrorContains(t, err, "every scenario is left out")
	err = bench([]string{"--path-json", "api"}, io.Discard, &stderr)
	assert.ErrorContains(t, err, "a path starts with /")
	err = bench([]string{t.TempDir()}, io.Discard, &stderr)
	assert.ErrorContains(t, err, "no app directory (no package.json)")
}

// TestBenchEndToEnd runs kitwasm bench on the fixture with short durations; only with
// KITWASM_BENCH_E2E=1 (it builds the fixture twice and takes a few minutes).
func TestBenchEndToEnd(t *testing.T) {
	if os.Getenv("KITWASM_BENCH_E2E") != "1" {
		t.Skip("set KITWASM_BENCH_E2E=1 to run kitwasm bench on the fixture")
	}
	node, err := nodetest.Node()
	require.NoError(t, err)
	root := nodetest.RepoRoot()
	bin := filepath.Join(t.TempDir(), "kitwasm")
	build := exec.Command("go", "build", "-o", bin, "./cmd/kitwasm")
	build.Dir = root
	out, err := build.CombinedOutput()
	require.NoError(t, err, "%s", out)

	cmd := exec.Command(bin, "bench", "--json", "--duration", "2s", "--warmup", "500ms", "--starts", "1", "--connections", "4")
	cmd.Dir = root
	cmd.Env = append(os.Environ(), "KITWASM_NODE="+node)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	require.NoError(t, cmd.Run(), "stderr:\n%s", stderr.String())
	t.Logf("progress:\n%s", stderr.String())
	var rep benchReport
	require.NoError(t, json.Unmarshal(stdout.Bytes(), &rep), "%s", stdout.String())
	assert.Equal(t, []string{"node", "kitwasm", "workerd"}, rep.Servers)
	require.Len(t, rep.Rows, len(benchScenarios)*3)
	for _, r := range rep.Rows {
		assert.Positive(t, r.Requests, "%s on %s: %+v", r.Scenario, r.Server, r)
		assert.Zero(t, r.Errors, "%s on %s: %s", r.Scenario, r.Server, r.FirstErr)
		assert.Positive(t, r.RSSPeak, "%s on %s", r.Scenario, r.Server)
	}
	require.Len(t, rep.Starts, 3)
	for _, s := range rep.Starts {
		assert.Positive(t, s.Median, s.Server)
		assert.Zero(t, s.Errors, s.Server)
	}
}
