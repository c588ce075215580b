package adapter_test

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/kitwasm/kitwasm/adapter"
	"github.com/kitwasm/kitwasm/internal/nodetest"
	"github.com/kitwasm/kitwasm/internal/testworker"
	"github.com/kitwasm/kitwasm/wasmhost"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// The traced app (testdata/kit/traced) has src/instrumentation.server.js, which sets up an
// OpenTelemetry tracer provider exporting kit's spans (tracing.server) over OTLP/HTTP JSON to
// the URL in OTLP_URL at build time. These tests run a small OTLP receiver on loopback.

// otlpSpan is one span as it arrived at the collector.
type otlpSpan struct {
	TraceID, SpanID, ParentSpanID, Name string
	Start, End                          uint64 // Unix ns
	Attrs                               map[string]string
	Service                             string
	Arrived                             time.Time
}

// collector is an OTLP/HTTP (JSON) trace receiver. While held, it keeps every export request
// waiting for its answer until release (or 20 s): a runtime that waited for the export before
// answering its client would stall.
type collector struct {
	url      string
	mu       sync.Mutex
	spans    []otlpSpan
	posts    int
	bad      []string
	held     chan struct{}
	released atomic.Bool
	arrived  chan struct{} // a token per export request
}

func newCollector(t *testing.T, hold bool) *collector {
	t.Helper()
	c := &collector{held: make(chan struct{}), arrived: make(chan struct{}, 1024)}
	if !hold {
		c.release()
	}
	l, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	srv := &http.Server{Handler: http.HandlerFunc(c.serve)}
	go func() { _ = srv.Serve(l) }()
	t.Cleanup(func() { c.release(); _ = srv.Close() })
	c.url = "http://" + l.Addr().String() + "/v1/traces"
	return c
}

func (c *collector) release() {
	if c.released.CompareAndSwap(false, true) {
		close(c.held)
	}
}

func (c *collector) serve(w http.ResponseWriter, r *http.Request) {
	now := time.Now()
	body, err := io.ReadAll(r.Body)
	if r.Method != http.MethodPost || r.URL.Path != "/v1/traces" || err != nil {
		c.fail(fmt.Sprintf("%s %s: not an OTLP trace export (%v)", r.Method, r.URL.Path, err))
		w.WriteHeader(http.StatusNotFound)
		return
	}
	if ct := r.Header.Get("Content-Type"); !strings.HasPrefix(ct, "application/json") {
		c.fail("export with Content-Type " + ct + ", not OTLP JSON")
	}
	spans, err := decodeOTLP(body)
	if err != nil {
		c.fail(err.Error())
	}
	c.mu.Lock()
	c.posts++
	for i := range spans {
		spans[i].Arrived = now
	}
	c.spans = append(c.spans, spans...)
	c.mu.Unlock()
	c.arrived <- struct{}{}
	select {
	case <-c.held:
	case <-time.After(20 * time.Second):
	}
	w.Header().Set("Content-Type", "application/json")
	_, _ = w.Write([]byte(`{}`))
}

func (c *collector) fail(msg string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.bad = append(c.bad, msg)
}

func (c *collector) snapshot() (spans []otlpSpan, posts int, bad []string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	return append([]otlpSpan(nil), c.spans...), c.posts, append([]string(nil), c.bad...)
}

// waitSpans waits until n spans have arrived (or 20 s) and returns all.
func (c *collector) waitSpans(t *testing.T, n int) []otlpSpan {
	t.Helper()
	deadline := time.Now().Add(20 * time.Second)
	for {
		spans, _, _ := c.snapshot()
		if len(spans) >= n || time.Now().After(deadline) {
			return spans
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// decodeOTLP reads an ExportTraceServiceRequest in OTLP's JSON encoding.
func decodeOTLP(body []byte) ([]otlpSpan, error) {
	type kv struct {
		Key   string                     `json:"key"`
		Value map[string]json.RawMessage `json:"value"`
	}
	var req struct {
		ResourceSpans []struct {
			Resource struct {
				Attributes []kv `json:"attributes"`
			} `json:"resource"`
			ScopeSpans []struct {
				Spans []struct {
					TraceID      string          `json:"traceId"`
					SpanID       string          `json:"spanId"`
					ParentSpanID string          `json:"parentSpanId"`
					Name         string          `json:"name"`
					Start        json.RawMessage `json:"startTimeUnixNano"`
					End          json.RawMessage `json:"endTimeUnixNano"`
					Attributes   []kv            `json:"attributes"`
				} `json:"spans"`
			} `json:"scopeSpans"`
		} `json:"resourceSpans"`
	}
	if err := json.Unmarshal(body, &req); err != nil {
		return nil, fmt.Errorf("export body is not OTLP JSON: %v", err)
	}
	value := func(v map[string]json.RawMessage) string {
		for _, raw := range v {
			var s string
			if json.Unmarshal(raw, &s) == nil {
				return s
			}
			return string(raw)
		}
		return ""
	}
	attrs := func(list []kv) map[string]string {
		m := map[string]string{}
		for _, a := range list {
			m[a.Key] = value(a.Value)
		}
		return m
	}
	nanos := func(raw json.RawMessage) uint64 {
		n, _ := strconv.ParseUint(strings.Trim(string(raw), `"`), 10, 64)
		return n
	}
	var out []otlpSpan
	for _, rs := range req.ResourceSpans {
		service := attrs(rs.Resource.Attributes)["service.name"]
		for _, ss := range rs.ScopeSpans {
			for _, s := range ss.Spans {
				out = append(out, otlpSpan{
					TraceID: s.TraceID, SpanID: s.SpanID, ParentSpanID: s.ParentSpanID, Name: s.Name,
					Start: nanos(s.Start), End: nanos(s.End), Attrs: attrs(s.Attributes), Service: service,
				})
			}
		}
	}
	return out, nil
}

// buildTraced builds the traced app (or its copy in dir, when dir is not the app) with the
// exporter pointed at otlpURL; extra is added to the build's environment.
func buildTraced(t *testing.T, a *kitApp, dir, otlpURL string, extra ...string) {
	t.Helper()
	env := append(append([]string{}, a.env...), "KITWASM_BIN="+a.kitwasm, "OTLP_URL="+otlpURL, "NO_COLOR=1")
	viteBuild(t, dir, a.node, append(env, extra...))
}

// serveTraced starts kitwasm serve on a build directory and waits until it listens.
func serveTraced(t *testing.T, a *kitApp, dir, build string, args ...string) string {
	t.Helper()
	addr := freeAddr(t)
	startServer(t, "kitwasm serve "+build, dir, a.env, a.kitwasm,
		append([]string{"serve", "--addr", addr, "--allow-fetch", "127.0.0.1", "--quiet"}, append(args, build)...)...)
	deadline := time.Now().Add(90 * time.Second)
	for {
		c, err := net.DialTimeout("tcp", addr, time.Second)
		if err == nil {
			c.Close()
			return addr
		}
		if time.Now().After(deadline) {
			t.Fatalf("kitwasm serve %s did not listen on %s within 90 s: %v", build, addr, err)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

type tracedResponse struct {
	status int
	header http.Header
	body   string
	done   time.Time // the whole body read
}

func getTraced(client *http.Client, addr, path string, header map[string]string) (*tracedResponse, error) {
	req, err := http.NewRequest("GET", "http://"+addr+path, nil)
	if err != nil {
		return nil, err
	}
	for k, v := range header {
		req.Header.Set(k, v)
	}
	res, err := client.Do(req)
	if err != nil {
		return nil, err
	}
	defer res.Body.Close()
	b, err := io.ReadAll(res.Body)
	if err != nil {
		return nil, err
	}
	return &tracedResponse{status: res.StatusCode, header: res.Header, body: string(b), done: time.Now()}, nil
}

func TestInstrumentationExportsKitSpans(t *testing.T) {
	a := prepareApp(t, "traced")
	col := newCollector(t, true)
	buildTraced(t, a, a.dir, col.url)

	worker, err := os.ReadFile(filepath.Join(a.dir, "build", "worker.js"))
	require.NoError(t, err)
	// One @opentelemetry/api in the bundle: the app's provider and kit's tracer share it.
	assert.Equal(t, 1, strings.Count(string(worker), "opentelemetry.js.api."),
		"the bundle should hold exactly one copy of @opentelemetry/api")

	// Enough isolates that every request below gets its own (each stays busy in waitUntil
	// while the collector holds its export): all but the first are restored from the snapshot.
	addr := serveTraced(t, a, a.dir, "build", "--isolates", "16")
	client := &http.Client{Timeout: 15 * time.Second}

	const parentTrace, parentSpan = "0af7651916cd43dd8448eb211c80319c", "b7ad6b7169203331"
	started := time.Now()
	var page *tracedResponse
	t.Run("instrumentation runs before the app", func(t *testing.T) {
		// The first request that enters JavaScript: hooks.server.js recorded, when it was
		// evaluated, whether the instrumentation had already run; handle reports it.
		var err error
		page, err = getTraced(client, addr, "/page/hello", map[string]string{"traceparent": "00-" + parentTrace + "-" + parentSpan + "-01"})
		require.NoError(t, err)
		require.Equal(t, 200, page.status, page.body)
		assert.Contains(t, page.body, "traced: hello")
		assert.Equal(t, "true", page.header.Get("x-instrumented-before-app"), "hooks.server.js was evaluated before instrumentation.server.js")
		assert.Equal(t, "true", page.header.Get("x-instrumented-in-handle"), "the first request's handle does not see the instrumentation's marker")
	})
	require.NotNil(t, page)

	// Endpoint requests, concurrently: each on its own isolate.
	const endpoints = 6
	responses := make([]*tracedResponse, endpoints)
	var wg sync.WaitGroup
	for i := range endpoints {
		wg.Add(1)
		go func() {
			defer wg.Done()
			r, err := getTraced(client, addr, fmt.Sprintf("/api/items/%d", i), nil)
			if assert.NoError(t, err) && assert.Equal(t, 200, r.status, r.body) {
				assert.JSONEq(t, fmt.Sprintf(`{"id":"%d"}`, i), r.body)
				responses[i] = r
			}
		}()
	}
	wg.Wait()
	// Every response is complete although no export has been answered: exporting does not
	// delay responses.
	require.False(t, col.released.Load())
	_, posts, _ := col.snapshot()
	t.Logf("all %d responses complete while the collector holds its answers (%d export requests arrived so far)", 1+endpoints, posts)
	col.release()

	spans := col.waitSpans(t, 4+3*endpoints)
	_, posts, bad := col.snapshot()
	assert.Empty(t, bad)
	t.Logf("%d spans in %d export requests", len(spans), posts)

	byTrace := map[string][]otlpSpan{}
	for _, s := range spans {
		byTrace[s.TraceID] = append(byTrace[s.TraceID], s)
		assert.Equal(t, "kitwasm-traced", s.Service, "span %s: resource service.name", s.Name)
		// Wall-clock times, also from isolates restored from the snapshot.
		assert.True(t, s.Start >= uint64(started.Add(-time.Second).UnixNano()) && s.End <= uint64(time.Now().Add(time.Second).UnixNano()) && s.Start <= s.End,
			"span %s: times %d-%d are not within the test (%v)", s.Name, s.Start, s.End, started)
	}

	// The page: its trace continues the one in traceparent; handle.root > resolve > load x2.
	pageSpans := byTrace[parentTrace]
	require.Len(t, pageSpans, 4, "spans of GET /page/hello (trace %s): %v", parentTrace, names(pageSpans))
	root := one(t, pageSpans, "sveltekit.handle.root")
	assert.Equal(t, parentSpan, root.ParentSpanID, "handle.root's parent is the caller's span (traceparent)")
	assert.Equal(t, "/page/[slug]", root.Attrs["http.route"])
	assert.Equal(t, "GET", root.Attrs["http.method"])
	resolve := one(t, pageSpans, "sveltekit.resolve")
	assert.Equal(t, root.SpanID, resolve.ParentSpanID, "resolve is a child of handle.root")
	var types []string
	for _, s := range pageSpans {
		if s.Name != "sveltekit.load" {
			continue
		}
		assert.Equal(t, resolve.SpanID, s.ParentSpanID, "load (%s) is a child of resolve", s.Attrs["sveltekit.load.node_id"])
		assert.Equal(t, "/page/[slug]", s.Attrs["http.route"])
		assert.Equal(t, "server", s.Attrs["sveltekit.load.environment"])
		types = append(types, s.Attrs["sveltekit.load.node_type"])
	}
	sort.Strings(types)
	assert.Equal(t, []string{"+layout.server", "+page.server"}, types, "the load spans")
	// When they arrived compared with when the client had read the response: logged, not
	// asserted (the client's goroutine may be scheduled after the collector's on a busy
	// machine); that exporting does not hold the response back is asserted above, by the
	// collector that keeps every export waiting.
	t.Logf("GET /page/hello: spans arrived %v after the client had read the response", pageSpans[0].Arrived.Sub(page.done).Round(time.Microsecond))

	// The endpoints: a new trace each; handle.root > resolve > endpoint.
	seen := 0
	for id, trace := range byTrace {
		if id == parentTrace {
			continue
		}
		seen++
		require.Len(t, trace, 3, "spans of an endpoint request: %v", names(trace))
		root := one(t, trace, "sveltekit.handle.root")
		assert.Empty(t, root.ParentSpanID, "an endpoint request without traceparent starts a trace")
		resolve := one(t, trace, "sveltekit.resolve")
		endpoint := one(t, trace, "sveltekit.endpoint")
		assert.Equal(t, root.SpanID, resolve.ParentSpanID)
		assert.Equal(t, resolve.SpanID, endpoint.ParentSpanID, "endpoint is a child of resolve")
		for _, s := range trace {
			assert.Equal(t, "/api/items/[id]", s.Attrs["http.route"], "span %s", s.Name)
		}
		assert.Equal(t, "GET", endpoint.Attrs["http.method"])
		// Which request: the URL attribute of handle.root.
		var i int
		_, err := fmt.Sscanf(root.Attrs["http.url"][strings.LastIndex(root.Attrs["http.url"], "/")+1:], "%d", &i)
		if assert.NoError(t, err, "http.url %q", root.Attrs["http.url"]) && i >= 0 && i < endpoints && responses[i] != nil {
			t.Logf("GET /api/items/%d: spans arrived %v after the client had read the response", i, trace[0].Arrived.Sub(responses[i].done).Round(time.Microsecond))
		}
	}
	assert.Equal(t, endpoints, seen, "one trace per endpoint request")

	// vite preview answers through kitwasm serve too (the adapter's allowFetch lets the
	// exporter reach the collector).
	t.Run("vite preview", func(t *testing.T) {
		p := startPreview(t, a, a.env)
		r, err := getTraced(client, p.addr, "/api/items/preview", nil)
		require.NoError(t, err)
		require.Equal(t, 200, r.status, r.body)
		spans := col.waitSpans(t, len(spans)+3)
		var root *otlpSpan
		for i, s := range spans {
			if s.Name == "sveltekit.handle.root" && strings.HasSuffix(s.Attrs["http.url"], "/api/items/preview") {
				root = &spans[i]
			}
		}
		require.NotNil(t, root, "no handle.root span of GET /api/items/preview under vite preview")
		trace := byTraceID(spans, root.TraceID)
		require.Len(t, trace, 3, "spans of GET /api/items/preview under vite preview: %v", names(trace))
		endpoint := one(t, trace, "sveltekit.endpoint")
		assert.Equal(t, one(t, trace, "sveltekit.resolve").SpanID, endpoint.ParentSpanID)
		assert.Equal(t, "/api/items/[id]", endpoint.Attrs["http.route"])
	})
}

// TestInstrumentationUnderViteDev: under vite dev the app's server code runs in kitwasm (the
// adapter's dev plugin, files/dev-worker.js), so its instrumentation must too: the worker
// imports src/instrumentation.server.js through its module runner before any app module, the
// ssr environment serves async functions lowered, and the exporter's flush runs in waitUntil
// after the response. The same expectations as TestInstrumentationExportsKitSpans.
func TestInstrumentationUnderViteDev(t *testing.T) {
	a := prepareApp(t, "traced")
	col := newCollector(t, true)
	dev := startDev(t, a, append(append([]string{}, a.env...), "KITWASM_BIN="+a.kitwasm, "OTLP_URL="+col.url))
	client := &http.Client{Timeout: 120 * time.Second}

	const parentTrace, parentSpan = "4bf92f3577b34da6a3ce929d0e0e4736", "00f067aa0ba902b7"
	page, err := getTraced(client, dev.addr, "/page/hello", map[string]string{"traceparent": "00-" + parentTrace + "-" + parentSpan + "-01"})
	require.NoError(t, err)
	require.Equal(t, 200, page.status, page.body)
	assert.Contains(t, page.body, "traced: hello")
	assert.Equal(t, "true", page.header.Get("x-instrumented-before-app"), "under vite dev, hooks.server.js was evaluated before instrumentation.server.js")
	assert.Equal(t, "true", page.header.Get("x-instrumented-in-handle"), "under vite dev, the first request's handle does not see the instrumentation's marker")
	// The page is complete while the collector holds the export: exporting does not delay it.
	require.False(t, col.released.Load())
	col.release()

	spans := col.waitSpans(t, 4)
	_, _, bad := col.snapshot()
	assert.Empty(t, bad)
	pageSpans := byTraceID(spans, parentTrace)
	require.Len(t, pageSpans, 4, "spans of GET /page/hello under vite dev (trace %s): %v (all: %v)", parentTrace, names(pageSpans), names(spans))
	root := one(t, pageSpans, "sveltekit.handle.root")
	assert.Equal(t, parentSpan, root.ParentSpanID, "handle.root's parent is the caller's span (traceparent)")
	assert.Equal(t, "/page/[slug]", root.Attrs["http.route"])
	assert.Equal(t, "kitwasm-traced", root.Service)
	resolve := one(t, pageSpans, "sveltekit.resolve")
	assert.Equal(t, root.SpanID, resolve.ParentSpanID, "resolve is a child of handle.root")
	var types []string
	for _, s := range pageSpans {
		if s.Name != "sveltekit.load" {
			continue
		}
		assert.Equal(t, resolve.SpanID, s.ParentSpanID, "load (%s) is a child of resolve", s.Attrs["sveltekit.load.node_id"])
		assert.Equal(t, "/page/[slug]", s.Attrs["http.route"])
		types = append(types, s.Attrs["sveltekit.load.node_type"])
	}
	sort.Strings(types)
	assert.Equal(t, []string{"+layout.server", "+page.server"}, types, "the load spans")

	// An endpoint: a new trace, handle.root > resolve > endpoint.
	r, err := getTraced(client, dev.addr, "/api/items/dev", nil)
	require.NoError(t, err)
	require.Equal(t, 200, r.status, r.body)
	spans = col.waitSpans(t, len(spans)+3)
	var endpointRoot *otlpSpan
	for i, s := range spans {
		if s.Name == "sveltekit.handle.root" && strings.HasSuffix(s.Attrs["http.url"], "/api/items/dev") {
			endpointRoot = &spans[i]
		}
	}
	require.NotNil(t, endpointRoot, "no handle.root span of GET /api/items/dev under vite dev: %v", names(spans))
	trace := byTraceID(spans, endpointRoot.TraceID)
	require.Len(t, trace, 3, "spans of GET /api/items/dev under vite dev: %v", names(trace))
	assert.Empty(t, endpointRoot.ParentSpanID)
	resolve = one(t, trace, "sveltekit.resolve")
	endpoint := one(t, trace, "sveltekit.endpoint")
	assert.Equal(t, endpointRoot.SpanID, resolve.ParentSpanID)
	assert.Equal(t, resolve.SpanID, endpoint.ParentSpanID, "endpoint is a child of resolve")
	assert.Equal(t, "/api/items/[id]", endpoint.Attrs["http.route"])
}

func byTraceID(spans []otlpSpan, id string) []otlpSpan {
	var out []otlpSpan
	for _, s := range spans {
		if s.TraceID == id {
			out = append(out, s)
		}
	}
	return out
}

// TestInstrumentationAbsentCostsNothing builds the traced app without its instrumentation
// file (and tracing.server off): the bundle must hold no OpenTelemetry, no lowered async
// functions and no flush wrapper, so no request pays for any of it.
func TestInstrumentationAbsentCostsNothing(t *testing.T) {
	a := prepareApp(t, "traced")
	dir := plainCopy(t, a)
	// tracing.server off as well: with it on, kit itself imports @opentelemetry/api.
	buildTraced(t, a, dir, "http://127.0.0.1:9/v1/traces", "TRACING=0")
	worker, err := os.ReadFile(filepath.Join(dir, "build", "worker.js"))
	require.NoError(t, err)
	code := string(worker)
	for _, s := range []string{"opentelemetry", "kitwasm.instrumentation.flush", "__async("} {
		assert.NotContains(t, code, s, "a build without instrumentation.server.js has %q in its bundle", s)
	}
	handoff, err := os.ReadFile(filepath.Join(dir, ".svelte-kit", "kitwasm", "handoff.json"))
	require.NoError(t, err)
	var h adapter.Handoff
	require.NoError(t, json.Unmarshal(handoff, &h))
	assert.False(t, h.Instrumentation)
	assert.Equal(t, "entry.js", filepath.Base(h.Entry), "the plain entry, not the instrumented wrapper")
	t.Logf("worker.js without instrumentation: %s", kb(int64(len(worker))))
}

// plainCopy copies the traced app without src/instrumentation.server.js into a temporary
// directory (node_modules linked, not copied).
func plainCopy(t *testing.T, a *kitApp) string {
	t.Helper()
	dir := t.TempDir()
	require.NoError(t, os.CopyFS(dir, os.DirFS(a.dir)), "copying %s", a.dir)
	for _, p := range []string{"node_modules", "build", ".svelte-kit"} {
		require.NoError(t, os.RemoveAll(filepath.Join(dir, p)))
	}
	require.NoError(t, os.Symlink(filepath.Join(a.dir, "node_modules"), filepath.Join(dir, "node_modules")))
	require.NoError(t, os.Remove(filepath.Join(dir, "src", "instrumentation.server.js")))
	return dir
}

func names(spans []otlpSpan) []string {
	out := make([]string, len(spans))
	for i, s := range spans {
		out[i] = s.Name
	}
	return out
}

func one(t *testing.T, spans []otlpSpan, name string) otlpSpan {
	t.Helper()
	var found []otlpSpan
	for _, s := range spans {
		if s.Name == name {
			found = append(found, s)
		}
	}
	require.Len(t, found, 1, "spans named %s among %v", name, names(spans))
	return found[0]
}

// TestInstrumentationThroughput measures requests/s of the traced app in kitwasm serve, in
// the same run, interleaved (rounds of 1 s per server, the median kept) so that the load of the
// machine falls alike on every configuration:
//   - tracing.server on: kit's spans, exported after every response;
//   - tracing.server off: the instrumentation still runs (context manager, lowered async,
//     a flush after every response that has nothing to send);
//   - the same, async not lowered: a build made only here, for comparison (spans would lose
//     their parents), to tell what the lowering costs;
//   - no instrumentation file, tracing off: the plain app.
//
// Set KITWASM_BENCH=1 (KITWASM_BENCH_ROUNDS, default 5).
func TestInstrumentationThroughput(t *testing.T) {
	if os.Getenv("KITWASM_BENCH") == "" {
		t.Skip("set KITWASM_BENCH=1 to measure requests/s with and without tracing")
	}
	a := prepareApp(t, "traced")
	col := newCollector(t, false)
	buildTraced(t, a, a.dir, col.url)
	notrace := filepath.Join(t.TempDir(), "build-notrace")
	buildTraced(t, a, a.dir, col.url, "TRACING=0", "KITWASM_OUT="+notrace)
	// build-notrace again, bundled without lowering async: kitwasm build of the same handoff.
	handoffFile := filepath.Join(a.dir, ".svelte-kit", "kitwasm", "handoff.json")
	raw, err := os.ReadFile(handoffFile)
	require.NoError(t, err)
	var h map[string]any
	require.NoError(t, json.Unmarshal(raw, &h))
	require.Equal(t, true, h["instrumentation"])
	h["instrumentation"] = false
	unlowered := filepath.Join(t.TempDir(), "build-unlowered")
	require.NoError(t, os.CopyFS(unlowered, os.DirFS(notrace)))
	h["out"] = unlowered
	raw, _ = json.Marshal(h)
	alt := filepath.Join(t.TempDir(), "handoff.json")
	require.NoError(t, os.WriteFile(alt, raw, 0o644))
	run(t, a.dir, a.env, a.kitwasm, "build", alt)

	plain := plainCopy(t, a)
	buildTraced(t, a, plain, col.url, "TRACING=0")
	servers := []struct{ label, addr string }{
		{"tracing.server on", serveTraced(t, a, a.dir, "build")},
		{"tracing.server off", serveTraced(t, a, a.dir, notrace)},
		{"off, async not lowered", serveTraced(t, a, a.dir, unlowered)},
		{"no instrumentation", serveTraced(t, a, plain, "build")},
	}
	rounds := 5
	if s := os.Getenv("KITWASM_BENCH_ROUNDS"); s != "" {
		rounds, err = strconv.Atoi(s)
		require.NoError(t, err)
	}
	for _, path := range []string{"/page/hello", "/api/items/7"} {
		results := make([][]float64, len(servers))
		cpu := make([][]float64, len(servers)) // ms of the server's CPU per request
		for range rounds {
			for i, s := range servers {
				before := processCPU(s.addr)
				rps, n := measureRPS(t, s.addr, path, 8, time.Second)
				results[i] = append(results[i], rps)
				if after := processCPU(s.addr); before >= 0 && after >= 0 && n > 0 {
					cpu[i] = append(cpu[i], float64(after-before)/float64(n))
				}
			}
		}
		med := make([]float64, len(servers))
		medCPU := make([]float64, len(servers))
		for i := range servers {
			sort.Float64s(results[i])
			med[i] = results[i][len(results[i])/2]
			if len(cpu[i]) > 0 {
				sort.Float64s(cpu[i])
				medCPU[i] = cpu[i][len(cpu[i])/2]
			}
		}
		last := len(servers) - 1
		for i, s := range servers {
			t.Logf("%-13s %-24s median %6.0f requests/s = %.2fx of no instrumentation (rounds: %s); CPU %.2f ms/request = %.2fx",
				path, s.label, med[i], med[i]/med[last], fmtRates(results[i]), medCPU[i], medCPU[i]/medCPU[last])
		}
	}
	spans, posts, _ := col.snapshot()
	t.Logf("collector: %d spans in %d export requests", len(spans), posts)
}

func fmtRates(rs []float64) string {
	parts := make([]string, len(rs))
	for i, r := range rs {
		parts[i] = strconv.Itoa(int(r))
	}
	return strings.Join(parts, " ")
}

// processCPU is the CPU time (user + system, ms) of the kitwasm serve process listening on
// addr, from /proc (Linux; -1 elsewhere). Less sensitive than requests/s to a busy machine.
func processCPU(addr string) int64 {
	entries, err := os.ReadDir("/proc")
	if err != nil {
		return -1
	}
	for _, e := range entries {
		cmdline, err := os.ReadFile(filepath.Join("/proc", e.Name(), "cmdline"))
		if err != nil || !strings.Contains(string(cmdline), "serve\x00--addr\x00"+addr+"\x00") {
			continue
		}
		stat, err := os.ReadFile(filepath.Join("/proc", e.Name(), "stat"))
		if err != nil {
			return -1
		}
		// Fields after the command name in parentheses: utime and stime are the 14th and 15th.
		f := strings.Fields(string(stat[strings.LastIndexByte(string(stat), ')')+1:]))
		if len(f) < 13 {
			return -1
		}
		utime, _ := strconv.ParseInt(f[11], 10, 64)
		stime, _ := strconv.ParseInt(f[12], 10, 64)
		return (utime + stime) * 10 // clock ticks of 10 ms (USER_HZ 100)
	}
	return -1
}

// measureRPS runs conc clients against addr+path for d (after a short warm-up) and returns
// requests/s and the number of requests answered with 200, warm-up included.
func measureRPS(t *testing.T, addr, path string, conc int, d time.Duration) (float64, int64) {
	t.Helper()
	client := &http.Client{Timeout: 30 * time.Second, Transport: &http.Transport{MaxIdleConnsPerHost: conc, DisableCompression: true}}
	warm, cancelWarm := context.WithTimeout(context.Background(), 200*time.Millisecond)
	defer cancelWarm()
	loop := func(ctx context.Context, n *atomic.Int64) {
		for ctx.Err() == nil {
			req, _ := http.NewRequestWithContext(ctx, "GET", "http://"+addr+path, nil)
			res, err := client.Do(req)
			if err != nil {
				continue
			}
			_, _ = io.Copy(io.Discard, res.Body)
			res.Body.Close()
			if res.StatusCode == 200 {
				n.Add(1)
			}
		}
	}
	run := func(ctx context.Context) int64 {
		var n atomic.Int64
		var wg sync.WaitGroup
		for range conc {
			wg.Add(1)
			go func() { defer wg.Done(); loop(ctx, &n) }()
		}
		wg.Wait()
		return n.Load()
	}
	warmed := run(warm)
	ctx, cancel := context.WithTimeout(context.Background(), d)
	defer cancel()
	start := time.Now()
	n := run(ctx)
	return float64(n) / time.Since(start).Seconds(), warmed + n
}

// TestInstrumentationUnderWrangler runs the traced app built for the cloudflare target with
// wrangler dev (workerd): the instrumentation runs there too, and kit's spans reach the
// collector from ctx.waitUntil.
func TestInstrumentationUnderWrangler(t *testing.T) {
	switch runtime.GOOS + "/" + runtime.GOARCH {
	case "linux/amd64", "linux/arm64", "darwin/amd64", "darwin/arm64":
	default:
		t.Skipf("workerd, which wrangler dev runs, has no build for %s/%s", runtime.GOOS, runtime.GOARCH)
	}
	a := prepareApp(t, "traced")
	col := newCollector(t, false)
	dir := t.TempDir()
	buildTraced(t, a, a.dir, col.url, "KITWASM_OUT="+filepath.Join(dir, "build"), "KITWASM_TARGETS=kitwasm,cloudflare")
	example, err := os.ReadFile(filepath.Join(nodetest.RepoRoot(), "wrangler.toml.example"))
	require.NoError(t, err)
	require.NoError(t, os.WriteFile(filepath.Join(dir, "wrangler.toml"), example, 0o644))
	c := &cloudflareApp{kitApp: a, dir: dir, wrangler: installWrangler(t, a)}
	client := &http.Client{Timeout: 30 * time.Second}
	addr := c.startWranglerIn(t, client, dir)

	const parentTrace, parentSpan = "4bf92f3577b34da6a3ce929d0e0e4736", "00f067aa0ba902b7"
	page, err := getTraced(client, addr, "/page/workerd", map[string]string{"traceparent": "00-" + parentTrace + "-" + parentSpan + "-01"})
	require.NoError(t, err)
	require.Equal(t, 200, page.status, page.body)
	assert.Equal(t, "true", page.header.Get("x-instrumented-before-app"))
	spans := byTraceID(col.waitSpans(t, 4), parentTrace)
	require.Len(t, spans, 4, "spans of GET /page/workerd under wrangler: %v", names(spans))
	root := one(t, spans, "sveltekit.handle.root")
	assert.Equal(t, parentSpan, root.ParentSpanID)
	resolve := one(t, spans, "sveltekit.resolve")
	assert.Equal(t, root.SpanID, resolve.ParentSpanID)
	for _, s := range spans {
		if s.Name == "sveltekit.load" {
			assert.Equal(t, resolve.SpanID, s.ParentSpanID)
			assert.Equal(t, "/page/[slug]", s.Attrs["http.route"])
		}
	}
}

// TestContextManagerFollowsAwaits runs KitwasmContextManager in the engine, in a worker bundled
// as an instrumented app is (async lowered): two interleaved async chains, each started in its
// own context, see that context after every await, timer, Promise.all and for await, and the
// root context is active again afterwards. Bundled without the lowering, native await loses
// the context, which is why an instrumented app is lowered.
func TestContextManagerFollowsAwaits(t *testing.T) {
	manager, err := filepath.Abs("instrumentation.worker.js")
	require.NoError(t, err)
	src := `import { KitwasmContextManager } from ` + strconv.Quote(manager) + `;
const cm = new KitwasmContextManager().enable();
const KEY = Symbol('key');
const root = cm.active();
const tick = () => new Promise((r) => setTimeout(r, 1));
const seen = () => String(cm.active().getValue(KEY));
async function chain(name, log) {
	await null;
	log.push(name + ' after await: ' + seen());
	await tick();
	log.push(name + ' after a timer: ' + seen());
	await Promise.all([(async () => { await tick(); log.push(name + ' in Promise.all: ' + seen()); })()]);
	for await (const x of (async function* () { yield 1; await tick(); yield 2; })()) log.push(name + ' for await ' + x + ': ' + seen());
	await new Promise((r) => queueMicrotask(r)).then(() => log.push(name + ' in then: ' + seen()));
}
export default {
	async fetch() {
		const log = [];
		await Promise.all([
			cm.with(root.setValue(KEY, 'a'), () => chain('a', log)),
			cm.with(root.setValue(KEY, 'b'), () => chain('b', log))
		]);
		log.push('afterwards: ' + seen());
		return Response.json(log.sort());
	}
};
`
	path := filepath.Join(t.TempDir(), "worker.js")
	require.NoError(t, os.WriteFile(path, []byte(src), 0o644))
	eng, _ := testworker.Engine(t)
	run := func(lower bool) []string {
		b, err := adapter.BundleWorker(path, adapter.BundleOptions{LowerAsync: lower})
		require.NoError(t, err)
		if lower {
			require.NotContains(t, b.Code, "async function", "LowerAsync left an async function")
		}
		w, err := eng.CompileWorker(context.Background(), "worker.js", b.Code)
		require.NoError(t, err)
		p, err := wasmhost.NewPool(context.Background(), eng, wasmhost.PoolConfig{Worker: w})
		require.NoError(t, err)
		defer p.Close()
		rec := testworker.Get(t, p, "http://ctx.test/")
		require.Equal(t, 200, rec.Status, rec.Body.String())
		var log []string
		require.NoError(t, json.Unmarshal(rec.Body.Bytes(), &log))
		return log
	}
	var want []string
	for _, name := range []string{"a", "b"} {
		for _, step := range []string{"after await", "after a timer", "for await 1", "for await 2", "in Promise.all", "in then"} {
			want = append(want, name+" "+step+": "+name)
		}
	}
	want = append(want, "afterwards: undefined")
	sort.Strings(want)
	assert.Equal(t, want, run(true), "with async lowered")
	assert.NotEqual(t, want, run(false), "native await kept the context: the lowering would be unnecessary")
}
