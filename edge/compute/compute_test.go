package compute

import (
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/tetratelabs/wazero"

	"github.com/kitwasm/kitwasm/internal/syncbuf"
)

// The test program (testdata/app) is a Compute program on compute-sdk-go
// v1.9.0, with its own go.mod so that kitwasm's module does not depend on
// the SDK; it is built once per test binary.
var (
	buildOnce sync.Once
	buildDir  string
	wasmBytes []byte
	buildErr  error
	// One compilation for all the tests' handlers.
	cache = wazero.NewCompilationCache()
)

func TestMain(m *testing.M) {
	code := m.Run()
	if buildDir != "" {
		os.RemoveAll(buildDir)
	}
	os.Exit(code)
}

func program(t *testing.T) []byte {
	t.Helper()
	buildOnce.Do(func() {
		buildDir, buildErr = os.MkdirTemp("", "kitwasm-compute-")
		if buildErr != nil {
			return
		}
		out := filepath.Join(buildDir, "main.wasm")
		cmd := exec.Command("go", "build", "-o", out, ".")
		cmd.Dir = filepath.Join("testdata", "app")
		cmd.Env = append(os.Environ(), "GOOS=wasip1", "GOARCH=wasm", "GOFLAGS=", "GOWORK=off")
		start := time.Now()
		if msg, err := cmd.CombinedOutput(); err != nil {
			buildErr = fmt.Errorf("building testdata/app with GOOS=wasip1 GOARCH=wasm (it fetches github.com/fastly/compute-sdk-go v1.9.0 from the module proxy): %v\n%s", err, msg)
			return
		}
		wasmBytes, buildErr = os.ReadFile(out)
		fmt.Fprintf(os.Stderr, "compute test program: %d bytes, built in %s\n", len(wasmBytes), time.Since(start).Round(time.Millisecond))
	})
	if buildErr != nil {
		t.Fatal(buildErr)
	}
	return wasmBytes
}

type syncBuffer = syncbuf.Buffer

func serve(t *testing.T, opts Options) (*httptest.Server, *syncBuffer) {
	t.Helper()
	log := &syncBuffer{}
	if opts.Log == nil {
		opts.Log = log
	}
	opts.CompilationCache = cache
	h, err := NewHandler(program(t), opts)
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(h)
	t.Cleanup(func() {
		srv.Close()
		h.Close()
	})
	return srv, log
}

func get(t *testing.T, url string) (*http.Response, string) {
	t.Helper()
	resp, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return resp, string(b)
}

func TestComputeEcho(t *testing.T) {
	srv, _ := serve(t, Options{})
	req, _ := http.NewRequest("PUT", srv.URL+"/echo?a=1&b=two", strings.NewReader("request body"))
	req.Header.Set("X-Test", "one")
	req.Header.Add("X-Test", "two")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != 201 || resp.Header.Get("X-Echo") != "1" || resp.Header.Get("Content-Type") != "application/json" {
		t.Fatalf("status %d headers %v", resp.StatusCode, resp.Header)
	}
	var got struct {
		Method, URL, Host, Body, Client, Server string
		Headers                                 []string
	}
	if err := json.NewDecoder(resp.Body).Decode(&got); err != nil {
		t.Fatal(err)
	}
	host := strings.TrimPrefix(srv.URL, "http://")
	if got.Method != "PUT" || got.URL != "http://"+host+"/echo?a=1&b=two" || got.Host != host || got.Body != "request body" {
		t.Fatalf("request seen by the program: %+v", got)
	}
	if got.Client != "127.0.0.1" || got.Server != "127.0.0.1" {
		t.Fatalf("client/server address: %q %q", got.Client, got.Server)
	}
	want := []string{"Content-Length: 12", "Host: " + host, "X-Test: one,two"}
	for _, w := range want {
		i := sort.SearchStrings(got.Headers, w)
		if i == len(got.Headers) || got.Headers[i] != w {
			t.Fatalf("header %q missing from %q", w, got.Headers)
		}
	}
}

func TestComputeStreamingResponse(t *testing.T) {
	srv, _ := serve(t, Options{})
	resp, body := get(t, srv.URL+"/stream")
	if resp.StatusCode != 200 || body != "chunk 0\nchunk 1\nchunk 2\n" {
		t.Fatalf("status %d body %q", resp.StatusCode, body)
	}
	if resp.ContentLength != -1 || len(resp.TransferEncoding) == 0 || resp.TransferEncoding[0] != "chunked" {
		t.Fatalf("a streamed response should be chunked, got length %d encoding %v", resp.ContentLength, resp.TransferEncoding)
	}
}

// KV stores as compute-sdk-go uses them: open, lookup (value, metadata,
// generation), insert with its modes and generation match, list by prefix
// in pages, delete; the changes persist across requests (instances).
func TestComputeKVStore(t *testing.T) {
	kv := NewKVStore(map[string]string{"seeded": "from the host"})
	srv, log := serve(t, Options{KVStores: map[string]*KVStore{"sessions": kv}})
	_, body := get(t, srv.URL+"/kv")
	want := `open nope: kvstore: store not found
lookup seeded: "from the host" meta="" generation>0=true
lookup missing: kvstore: key not found
insert a: <nil>
lookup user/a: "alice" meta="" generation>0=true
add a again: kvstore: precondition failed
append a: <nil>
lookup user/a: "alice!" meta="m1" generation>0=true
stale generation: kvstore: precondition failed
matching generation: <nil>
lookup user/a: "bob" meta="" generation>0=true
list page: [user/a user/b] next="user/b"
list page: [user/c] next=""
list err: <nil>
delete b: <nil>
lookup user/b: kvstore: key not found
delete b again: kvstore: key not found
invalid key: kvstore: bad request
`
	if body != want {
		t.Fatalf("got:\n%s\nwant:\n%s\nlog: %s", body, want, log)
	}
	if strings.Contains(log.String(), "not implemented") {
		t.Fatalf("a KV hostcall reached a stub: %s", log)
	}
	// The program's changes are in the store the next instance (and the host) sees.
	if v, ok := kv.Get("user/a"); !ok || v != "bob" {
		t.Fatalf("user/a after the request: %q %v", v, ok)
	}
	if _, ok := kv.Get("user/b"); ok {
		t.Fatal("user/b was deleted")
	}
}

// A response paced by a timer on another goroutine completes (the
// program's scheduler sleeps through poll_oneoff between ticks).
func TestComputeTimerPacedStream(t *testing.T) {
	srv, log := serve(t, Options{})
	start := time.Now()
	resp, body := get(t, srv.URL+"/tick")
	if resp.StatusCode != 200 || !strings.HasPrefix(body, "tick 0\n") || !strings.HasSuffix(body, "tick 9\n") {
		t.Fatalf("status %d body %q log %s", resp.StatusCode, body, log)
	}
	t.Logf("10 chunks 5 ms apart in %v", time.Since(start).Round(time.Millisecond))
}

// Compute's FASTLY_* environment variables are set (local values), and
// Options.Env adds others.
func TestComputeEnvironment(t *testing.T) {
	srv, _ := serve(t, Options{Env: map[string]string{"LOCAL_SWITCH": "on"}})
	_, body := get(t, srv.URL+"/env")
	re := regexp.MustCompile(`^FASTLY_CACHE_GENERATION=0
FASTLY_CUSTOMER_ID=local
FASTLY_HOSTNAME=localhost
FASTLY_IS_STAGING=0
FASTLY_POP=LOCAL
FASTLY_REGION=local
FASTLY_SERVICE_ID=local
FASTLY_SERVICE_VERSION=0
FASTLY_TRACE_ID=[0-9a-f]{32}
LOCAL_SWITCH=on
$`)
	if !re.MatchString(body) {
		t.Fatalf("environment:\n%s", body)
	}
}

// The program runs to its end after the client has read its response and
// gone (work after the response, as ctx.waitUntil).
func TestComputeWorkAfterClientLeft(t *testing.T) {
	srv, log := serve(t, Options{})
	tr := &http.Transport{}
	resp, err := (&http.Client{Transport: tr}).Get(srv.URL + "/after")
	if err != nil {
		t.Fatal(err)
	}
	b, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	tr.CloseIdleConnections()
	if string(b) != "answered" {
		t.Fatalf("body %q", b)
	}
	deadline := time.Now().Add(10 * time.Second)
	for !strings.Contains(log.String(), "work after the response done") {
		if time.Now().After(deadline) {
			t.Fatalf("the work after the response never finished: %s", log)
		}
		time.Sleep(20 * time.Millisecond)
	}
	if strings.Contains(log.String(), "failed") {
		t.Fatalf("log: %s", log)
	}
}

// A response in manual framing mode keeps its Content-Length (no chunked
// encoding), for GET and for HEAD, whose body is empty.
func TestComputeManualFraming(t *testing.T) {
	srv, log := serve(t, Options{})
	for _, method := range []string{"GET", "HEAD"} {
		req, _ := http.NewRequest(method, srv.URL+"/framed", nil)
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		want := "framed"
		if method == "HEAD" {
			want = ""
		}
		if resp.StatusCode != 200 || resp.ContentLength != 6 || len(resp.TransferEncoding) > 0 || string(b) != want {
			t.Errorf("%s /framed: status %d, length %d, transfer-encoding %v, body %q (log %s)", method, resp.StatusCode, resp.ContentLength, resp.TransferEncoding, b, log)
		}
	}
}

func TestComputeFreshInstancePerRequest(t *testing.T) {
	srv, _ := serve(t, Options{})
	for i := 0; i < 3; i++ {
		if _, body := get(t, srv.URL+"/count"); body != "hits=1" {
			t.Fatalf("request %d: %q (a global survived from an earlier request)", i, body)
		}
	}
}

func TestComputeBackend(t *testing.T) {
	var mu sync.Mutex
	var seen []string
	origin := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b, _ := io.ReadAll(r.Body)
		mu.Lock()
		line := fmt.Sprintf("%s %s host=%s x=%s body=%s", r.Method, r.URL.RequestURI(), r.Host, r.Header.Get("X-From-Guest"), b)
		if r.ContentLength == -1 {
			line += " chunked=true"
		}
		seen = append(seen, line)
		mu.Unlock()
		w.Header().Set("X-Origin", "here")
		w.WriteHeader(202)
		io.WriteString(w, "from origin")
	}))
	defer origin.Close()
	srv, log := serve(t, Options{Backends: map[string]string{"origin": origin.URL}})

	resp, body := get(t, srv.URL+"/backend")
	if resp.StatusCode != 200 || body != "from origin" || resp.Header.Get("X-Origin-Status") != "202" || resp.Header.Get("X-Origin-Header") != "here" {
		t.Fatalf("status %d headers %v body %q", resp.StatusCode, resp.Header, body)
	}
	mu.Lock()
	if len(seen) != 1 || seen[0] != "POST /upstream?q=1 host=origin.example x=yes body=to-origin" {
		t.Fatalf("origin saw %q", seen)
	}
	seen = nil
	mu.Unlock()

	// A body of unknown length streams to the backend.
	resp, body = get(t, srv.URL+"/backend?stream=1")
	if resp.StatusCode != 200 || body != "from origin" {
		t.Fatalf("streamed request body: status %d body %q", resp.StatusCode, body)
	}
	mu.Lock()
	if len(seen) != 1 || seen[0] != "POST /upstream?q=1 host=origin.example x=yes body=to-origin chunked=true" {
		t.Fatalf("origin saw %q", seen)
	}
	seen = nil
	mu.Unlock()

	// Backends outside the allow-list are not reached.
	resp, body = get(t, srv.URL+"/backend?backend=elsewhere")
	if resp.StatusCode != 502 || !strings.Contains(body, "backend not found") {
		t.Fatalf("unknown backend: status %d body %q", resp.StatusCode, body)
	}
	if !strings.Contains(log.String(), `backend "elsewhere" is not configured`) {
		t.Fatalf("log: %s", log)
	}

	// Compute's 32 backend requests per execution.
	resp, body = get(t, srv.URL+"/backend?many=1")
	if resp.StatusCode != 502 || !strings.HasPrefix(body, "send 32: ") || !strings.Contains(body, "LimitExceeded") {
		t.Fatalf("33rd backend request: status %d body %q", resp.StatusCode, body)
	}
	mu.Lock()
	if len(seen) != 32 {
		t.Fatalf("origin saw %d requests, want 32", len(seen))
	}
	mu.Unlock()
}

func TestComputeGeoAndLog(t *testing.T) {
	srv, log := serve(t, Options{})
	_, body := get(t, srv.URL+"/geo")
	var got struct {
		Client string
		Geo    struct {
			AsName      string `json:"as_name"`
			CountryCode string `json:"country_code"`
		}
	}
	if err := json.Unmarshal([]byte(body), &got); err != nil {
		t.Fatalf("%v: %s", err, body)
	}
	if got.Client != "127.0.0.1" || got.Geo.CountryCode != "ZZ" || got.Geo.AsName != "kitwasm local emulation" {
		t.Fatalf("geo: %s", body)
	}
	if _, body := get(t, srv.URL+"/log"); body != "logged" {
		t.Fatal(body)
	}
	if !strings.Contains(log.String(), "fastly log mylog: hello from the guest") {
		t.Fatalf("log endpoint line missing: %s", log)
	}
}

func TestComputeConfigStore(t *testing.T) {
	srv, _ := serve(t, Options{Config: map[string]map[string]string{"settings": {"greeting": "hello"}}})
	_, body := get(t, srv.URL+"/config")
	want := strings.Join([]string{
		`configstore greeting="hello" err=<nil>`,
		`configstore missing err=key not found`,
		`dictionary greeting="hello" err=<nil>`,
		`configstore nope err=config store not found`,
	}, "\n")
	if body != want {
		t.Fatalf("got\n%s\nwant\n%s", body, want)
	}
}

func TestComputeUnimplementedHostcall(t *testing.T) {
	srv, log := serve(t, Options{})
	resp, body := get(t, srv.URL+"/unsupported")
	if resp.StatusCode != 200 || !strings.Contains(body, "secretstore: ") || !strings.Contains(body, "Unsupported") {
		t.Fatalf("status %d body %q", resp.StatusCode, body)
	}
	if !strings.Contains(log.String(), "hostcall fastly_secret_store.open is not implemented: answering FastlyStatus Unsupported (5)") {
		t.Fatalf("log: %s", log)
	}
	// The server goes on serving.
	if _, body := get(t, srv.URL+"/count"); body != "hits=1" {
		t.Fatal(body)
	}
}

func TestComputeProgramFailure(t *testing.T) {
	srv, log := serve(t, Options{})
	resp, _ := get(t, srv.URL+"/panic")
	if resp.StatusCode != 500 || !strings.Contains(log.String(), "guest panics on purpose") {
		t.Fatalf("panic: status %d log %s", resp.StatusCode, log)
	}
	if _, body := get(t, srv.URL+"/count"); body != "hits=1" {
		t.Fatal(body)
	}
}

// Compute's CPU limit stops a program that computes past it, and does not
// count the time a program waits.
func TestComputeCPUTime(t *testing.T) {
	var mu sync.Mutex
	var stats []Stats
	srv, log := serve(t, Options{Observe: func(s Stats) {
		mu.Lock()
		stats = append(stats, s)
		mu.Unlock()
	}})
	start := time.Now()
	resp, _ := get(t, srv.URL+"/spin")
	took := time.Since(start)
	if resp.StatusCode != 503 || !strings.Contains(log.String(), "exceeded the CPU time limit of 50ms") {
		t.Fatalf("spin: status %d log %s", resp.StatusCode, log)
	}
	if took > 20*time.Second {
		t.Errorf("the spinning program was stopped after %v: the wall-clock limit, not the CPU limit, ended it", took)
	}
	statsAtLeast(t, &mu, &stats, 1)
	mu.Lock()
	if len(stats) != 1 || !stats[0].CPUExceeded || stats[0].CPU < DefaultCPUTime {
		t.Fatalf("stats: %+v", stats)
	}
	t.Logf("CPU time: the spinning program was stopped at %v (after %v of wall time)", stats[0].CPU, took.Round(time.Millisecond))
	mu.Unlock()

	// A second of sleep under a limit of 250 ms (not 50: the emulator's
	// own first-request costs, page faults of fresh memory, count on this
	// thread and reach ~50 ms on a loaded machine).
	srv, log = serve(t, Options{CPUTime: 250 * time.Millisecond, Observe: func(s Stats) {
		mu.Lock()
		stats = append(stats, s)
		mu.Unlock()
	}})
	resp, body := get(t, srv.URL+"/sleep?ms=1000")
	if resp.StatusCode != 200 || body != "slept 1000 ms" {
		t.Fatalf("sleep: status %d body %q log %s", resp.StatusCode, body, log)
	}
	statsAtLeast(t, &mu, &stats, 2)
	mu.Lock()
	defer mu.Unlock()
	if len(stats) != 2 || stats[1].CPUExceeded || stats[1].CPU >= 250*time.Millisecond {
		t.Fatalf("stats: %+v", stats)
	}
	t.Logf("CPU time: a second of sleep used %v", stats[1].CPU)
}

func TestComputeWallTime(t *testing.T) {
	srv, log := serve(t, Options{WallTime: 300 * time.Millisecond, CPUTime: -1})
	resp, _ := get(t, srv.URL+"/spin")
	if resp.StatusCode != 503 || !strings.Contains(log.String(), "exceeded the wall-clock limit") {
		t.Fatalf("spin: status %d log %s", resp.StatusCode, log)
	}
}

func TestComputeMemoryLimit(t *testing.T) {
	// No CPU limit: 128 MiB of fresh pages cost ~200 ms of page faults on
	// the emulator's thread (more than Compute's 50 ms) before the heap
	// limit is reached, and this test is about the heap.
	srv, log := serve(t, Options{CPUTime: -1})
	resp, body := get(t, srv.URL+"/alloc?mb=16")
	if resp.StatusCode != 200 || body != "allocated 16 MiB" {
		t.Fatalf("alloc 16: %d %q", resp.StatusCode, body)
	}
	// 128 MiB heap per execution.
	resp, _ = get(t, srv.URL+"/alloc?mb=200")
	if resp.StatusCode != 500 || !strings.Contains(log.String(), "out of memory") {
		t.Fatalf("alloc 200 MiB: status %d, want 500 (memory limit); log %s", resp.StatusCode, log)
	}
	if _, body := get(t, srv.URL+"/count"); body != "hits=1" {
		t.Fatal(body)
	}
}

// TestComputeInstanceStart logs instance-start-to-response times (not an
// assertion: the machine is shared).
func TestComputeInstanceStart(t *testing.T) {
	var mu sync.Mutex
	var stats []Stats
	srv, _ := serve(t, Options{Observe: func(s Stats) {
		mu.Lock()
		stats = append(stats, s)
		mu.Unlock()
	}})
	const n = 20
	for i := 0; i < n; i++ {
		if resp, _ := get(t, srv.URL+"/count"); resp.StatusCode != 200 {
			t.Fatal(resp.Status)
		}
	}
	statsAtLeast(t, &mu, &stats, n)
	mu.Lock()
	defer mu.Unlock()
	if len(stats) != n {
		t.Fatalf("%d stats", len(stats))
	}
	med := func(f func(Stats) time.Duration) time.Duration {
		var d []time.Duration
		for _, s := range stats {
			d = append(d, f(s))
		}
		sort.Slice(d, func(i, j int) bool { return d[i] < d[j] })
		return d[len(d)/2]
	}
	t.Logf("instance start to response (median of %d, compiled once): instantiate %s, response head sent %s, instance done %s",
		n, med(func(s Stats) time.Duration { return s.Instantiate }), med(func(s Stats) time.Duration { return s.Response }), med(func(s Stats) time.Duration { return s.Total }))
}

// TestComputeStreamsAsWritten proves a streaming response reaches the
// client while the program still runs: the backend answers only once the
// client has read the program's first line.
func TestComputeStreamsAsWritten(t *testing.T) {
	gotFirst := make(chan struct{})
	origin := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-gotFirst:
			io.WriteString(w, "second\n")
		case <-time.After(10 * time.Second):
			io.WriteString(w, "timeout: the first line never reached the client\n")
		}
	}))
	defer origin.Close()
	srv, _ := serve(t, Options{Backends: map[string]string{"origin": origin.URL}})
	resp, err := http.Get(srv.URL + "/stream-backend")
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	buf := make([]byte, len("first\n"))
	if _, err := io.ReadFull(resp.Body, buf); err != nil || string(buf) != "first\n" {
		t.Fatalf("%q %v", buf, err)
	}
	close(gotFirst)
	rest, _ := io.ReadAll(resp.Body)
	if string(rest) != "second\n" {
		t.Fatalf("rest %q", rest)
	}
}

// Concurrent requests each get their own instance of the one compiled
// program.
func TestComputeConcurrentRequests(t *testing.T) {
	srv, _ := serve(t, Options{})
	var wg sync.WaitGroup
	errs := make(chan error, 8)
	for i := 0; i < 8; i++ {
		wg.Add(1)
		go func(i int) {
			defer wg.Done()
			body := fmt.Sprintf("body %d", i)
			resp, err := http.Post(srv.URL+"/echo", "text/plain", strings.NewReader(body))
			if err != nil {
				errs <- err
				return
			}
			defer resp.Body.Close()
			var got struct{ Body string }
			if err := json.NewDecoder(resp.Body).Decode(&got); err != nil || got.Body != body {
				errs <- fmt.Errorf("request %d: %q %v", i, got.Body, err)
			}
		}(i)
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
}

// fsthttp's FastlyMeta (what an edge entry shows as platform.fastly) and
// compute.GetHeapMiB work under emulation.
func TestComputeFastlyMeta(t *testing.T) {
	srv, log := serve(t, Options{})
	_, a := get(t, srv.URL+"/meta")
	_, b := get(t, srv.URL+"/meta")
	re := regexp.MustCompile(`^request=([0-9a-f]{32}) sandbox=([0-9a-f]{32}) requests=1 heap>0=true err=<nil>$`)
	ma, mb := re.FindStringSubmatch(a), re.FindStringSubmatch(b)
	if ma == nil || mb == nil {
		t.Fatalf("%q %q (log %s)", a, b, log)
	}
	if ma[1] == mb[1] || ma[2] == mb[2] {
		t.Fatalf("request and sandbox IDs should differ per request: %q %q", a, b)
	}
	if strings.Contains(log.String(), "not implemented") {
		t.Fatalf("FastlyMeta reached a stub: %s", log)
	}
}

// statsAtLeast waits until n requests were observed: Observe runs when the
// instance ends, which may be after the client has its response.
func statsAtLeast(t *testing.T, mu *sync.Mutex, stats *[]Stats, n int) {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for {
		mu.Lock()
		got := len(*stats)
		mu.Unlock()
		if got >= n {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("%d requests observed, want %d", got, n)
		}
		time.Sleep(5 * time.Millisecond)
	}
}
