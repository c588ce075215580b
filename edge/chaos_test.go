package edge_test

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"math/rand"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"regexp"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"testing/fstest"
	"time"

	"github.com/kitwasm/kitwasm/edge"
	"github.com/kitwasm/kitwasm/wasmhost"
)

// chaosWorker has one route per kind of request of TestChaos. Every response carries the
// request's token t; cancellations and failed body reads are logged with it, so that the test
// can see them happen.
const chaosWorker = `
const enc = new TextEncoder();
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
export default {
  async fetch(request, env, ctx) {
    const url = new URL(request.url);
    const t = url.searchParams.get('t') ?? '';
    const n = Number(url.searchParams.get('n') ?? 0);
    switch (url.pathname) {
      case '/echo':
        return new Response('echo ' + t);
      case '/json':
        await sleep(1);
        return Response.json({ t, n });
      case '/post': {
        let body;
        try { body = await request.text(); } catch (e) { console.log('body failed ' + t); throw e; }
        return new Response('post ' + t + ' ' + body);
      }
      case '/stream': case '/forever': case '/abort': {
        let i = 0;
        return new Response(new ReadableStream({
          async pull(c) {
            if (url.pathname === '/abort' && i === 2) throw new Error('chaos: the stream of ' + t + ' fails after its head');
            if (url.pathname === '/forever') await sleep(1);
            else if (i === n) return c.close();
            c.enqueue(enc.encode(t + ':' + i++ + ':' + '.'.repeat(1000) + '\n'));
          },
          cancel() { console.log('cancelled ' + t); },
        }), { headers: { 'content-type': 'text/plain', 'x-t': t } });
      }
      case '/fetch': {
        const res = await fetch('http://upstream.test/?t=' + t + '&fault=' + (url.searchParams.get('fault') ?? ''));
        return new Response('fetched ' + res.status + ' ' + (await res.text()));
      }
      case '/self': { // a same-origin fetch, answered in-process by the handler (edge.FetchPolicy.Self)
        const res = await fetch(new URL(url.searchParams.get('path') + '&t=' + t, request.url));
        return new Response('self ' + res.status + ' ' + (await res.text()));
      }
      case '/asset': {
        const s = await globalThis.__kitwasm.readAsset(url.searchParams.get('file'));
        if (!s) return new Response('no asset ' + t, { status: 404 });
        if (url.searchParams.has('stream')) return new Response(s, { headers: { 'x-t': t } });
        return new Response('asset ' + t + ' ' + (await new Response(s).arrayBuffer()).byteLength);
      }
      case '/spin':
        for (;;) {}
      case '/oom': {
        const keep = [];
        for (let i = 0; ; i++) keep.push(new Uint8Array(1 << 20).fill(i));
      }
    }
    return new Response('not found', { status: 404 });
  },
};`

// chaosFS is the server assets, with files whose Open or Read fail.
type chaosFS struct{ fstest.MapFS }

var errChaos = errors.New("chaos: injected I/O error")

func (c chaosFS) Open(name string) (fs.File, error) {
	switch name {
	case "open-fails.txt":
		return nil, &fs.PathError{Op: "open", Path: name, Err: errChaos}
	case "read-fails.bin":
		f, err := c.MapFS.Open("big.bin")
		if err != nil {
			return nil, err
		}
		return &failingFile{File: f, left: 100 << 10}, nil
	}
	return c.MapFS.Open(name)
}

// failingFile reads `left` bytes, then fails.
type failingFile struct {
	fs.File
	left int
}

func (f *failingFile) Read(p []byte) (int, error) {
	if f.left <= 0 {
		return 0, errChaos
	}
	if len(p) > f.left {
		p = p[:f.left]
	}
	n, err := f.File.Read(p)
	f.left -= n
	return n, err
}

// failingBody is a request body that fails after `left` bytes (a broken upstream proxy).
type failingBody struct {
	r    io.ReadCloser
	left int
}

func (b *failingBody) Read(p []byte) (int, error) {
	if b.left <= 0 {
		return 0, errChaos
	}
	if len(p) > b.left {
		p = p[:b.left]
	}
	n, err := b.r.Read(p)
	b.left -= n
	return n, err
}

func (b *failingBody) Close() error { return b.r.Close() }

// chaosFetcher answers fetches in-process; ?fault=err fails the fetch, ?fault=body fails its
// body after 100 bytes.
func chaosFetcher(ctx context.Context, fr *wasmhost.FetchRequest) (*wasmhost.FetchResponse, error) {
	u, err := url.Parse(fr.URL)
	if err != nil {
		return nil, err
	}
	q := u.Query()
	body := io.Reader(strings.NewReader("upstream " + q.Get("t")))
	switch q.Get("fault") {
	case "err":
		return nil, fmt.Errorf("chaos: upstream refused %s", q.Get("t"))
	case "body":
		body = io.MultiReader(strings.NewReader(strings.Repeat("u", 100)), &failingBody{r: io.NopCloser(strings.NewReader("")), left: 0})
	}
	return &wasmhost.FetchResponse{
		Status: 200, StatusText: "OK",
		Header: [][2]string{{"Content-Type", "text/plain"}}, Body: io.NopCloser(body),
	}, nil
}

// chaosLog keeps what the worker logs.
type chaosLog struct {
	mu    sync.Mutex
	lines []string
}

func (l *chaosLog) add(level int, msg string) {
	l.mu.Lock()
	l.lines = append(l.lines, msg)
	l.mu.Unlock()
}

func (l *chaosLog) has(line string) bool {
	l.mu.Lock()
	defer l.mu.Unlock()
	for _, s := range l.lines {
		if s == line {
			return true
		}
	}
	return false
}

var chaosToken = regexp.MustCompile(`ct\d{5}z`)

// chaosCase is one request of the run: do performs it and checks what the client saw;
// logged is a line the worker must log because of it (a cancellation the client caused).
type chaosCase struct {
	kind   string
	fault  bool // a fault is injected: it may break its isolate
	do     func(t string) error
	logged string
}

// TestChaos sends concurrent mixed traffic through a real HTTP server while injecting faults:
// isolates killed mid-request (time limit, memory limit), host operations failing (fetches,
// fetched bodies, request bodies, asset opens and reads), slow clients (reading and
// uploading), and clients that disconnect mid-body (in the response or in their upload).
// Every request without a fault must get exactly its answer, every faulted one its 5xx or a
// truncated transfer, no body may hold another request's token, and afterwards the pool
// serves with all its isolates, none of them bloated, and no goroutine is left behind.
//
// The order and the faults are drawn from a seeded math/rand; KITWASM_CHAOS_SEED=n repeats
// a run.
func TestChaos(t *testing.T) {
	seed := time.Now().UnixNano()
	if s := os.Getenv("KITWASM_CHAOS_SEED"); s != "" {
		var err error
		if seed, err = strconv.ParseInt(s, 10, 64); err != nil {
			t.Fatalf("KITWASM_CHAOS_SEED=%q: %v", s, err)
		}
	}
	t.Logf("seed %d (KITWASM_CHAOS_SEED=%d repeats this run)", seed, seed)
	rng := rand.New(rand.NewSource(seed))

	ctx := context.Background()
	log := &chaosLog{}
	// A 32 MiB memory limit, so that the memory fault is reached in a few allocations.
	eng, err := wasmhost.NewEngine(ctx, wasmhost.EngineConfig{MemoryLimitPages: 512, Log: io.Discard, Console: log.add})
	if err != nil {
		t.Fatal(err)
	}
	defer eng.Close(ctx)
	w, err := eng.CompileWorker(ctx, "chaos.js", chaosWorker)
	if err != nil {
		t.Fatal(err)
	}
	big := make([]byte, 200<<10)
	rng.Read(big)
	assets := chaosFS{fstest.MapFS{"ok.txt": {Data: []byte(strings.Repeat("asset\n", 500))}, "big.bin": {Data: big}}}

	var handler http.Handler
	self := edge.FetchPolicy{Self: http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { handler.ServeHTTP(w, r) })}.Fetcher()
	goroutinesBefore := runtime.NumGoroutine()
	const isolates = 6
	p, err := wasmhost.NewPool(ctx, eng, wasmhost.PoolConfig{
		// The time limit stops /spin; it must also leave the slow clients, under the load of
		// the whole run on a shared machine, ample time (4 s was once not enough there).
		Worker: w, MaxIsolates: isolates, MinIdle: isolates, RequestTimeout: 6 * time.Second,
		Fetcher: func(ctx context.Context, fr *wasmhost.FetchRequest) (*wasmhost.FetchResponse, error) {
			if u, err := url.Parse(fr.URL); err == nil && u.Host == "upstream.test" {
				return chaosFetcher(ctx, fr)
			}
			return self(ctx, fr)
		},
		Assets:  assets,
		OnError: func(*wasmhost.Request, error) {},
	})
	if err != nil {
		t.Fatal(err)
	}
	poolClosed := false
	defer func() {
		if !poolClosed {
			p.Close()
		}
	}()
	takeAll(t, p, isolates) // every isolate warm, so that Created counts only replacements
	createdBefore := p.Created()

	handler = edge.NewHandler(p, edge.Config{})
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if n, err := strconv.Atoi(r.Header.Get("X-Chaos-Body-Fail")); err == nil {
			r.Body = &failingBody{r: r.Body, left: n}
		}
		handler.ServeHTTP(w, r)
	}))
	serverClosed := false
	defer func() {
		if !serverClosed {
			srv.Close()
		}
	}()
	transport := &http.Transport{MaxIdleConnsPerHost: 16}
	client := &http.Client{Transport: transport, Timeout: 30 * time.Second} // a deadlock guard
	oneShot := &http.Transport{DisableKeepAlives: true}                     // closing a body closes its connection
	defer oneShot.CloseIdleConnections()
	defer transport.CloseIdleConnections()

	get := func(path string, header ...string) (*http.Response, string, error) {
		req, err := http.NewRequest("GET", srv.URL+path, nil)
		if err != nil {
			return nil, "", err
		}
		for i := 0; i+1 < len(header); i += 2 {
			req.Header.Set(header[i], header[i+1])
		}
		res, err := client.Do(req)
		if err != nil {
			return nil, "", err
		}
		defer res.Body.Close()
		b, err := io.ReadAll(res.Body)
		return res, string(b), err
	}
	// want checks a complete response.
	want := func(tok string, status int, body string) func(*http.Response, string, error) error {
		return func(res *http.Response, got string, err error) error {
			if err != nil {
				return fmt.Errorf("want %d %.80q, got error %v", status, body, err)
			}
			if res.StatusCode != status || got != body {
				return fmt.Errorf("want %d %.80q, got %d %.200q", status, body, res.StatusCode, got)
			}
			return nil
		}
	}
	streamBody := func(tok string, n int) string {
		var b strings.Builder
		for i := 0; i < n; i++ {
			fmt.Fprintf(&b, "%s:%d:%s\n", tok, i, strings.Repeat(".", 1000))
		}
		return b.String()
	}
	// truncated checks a response that fails after its head: the client must see the transfer
	// break off, not a clean end.
	truncated := func(tok, prefix string) func(*http.Response, string, error) error {
		return func(res *http.Response, got string, err error) error {
			if res == nil {
				return fmt.Errorf("want a truncated 200, got %v", err)
			}
			if res.StatusCode != 200 || res.Header.Get("x-t") != tok || !strings.HasPrefix(got, prefix) {
				return fmt.Errorf("want a 200 for %s starting with %.60q, got %d (x-t %q) %.200q", tok, prefix, res.StatusCode, res.Header.Get("x-t"), got)
			}
			if !errors.Is(err, io.ErrUnexpectedEOF) {
				return fmt.Errorf("an error after the head must abort the response (issue 11): the client saw a clean end after %d bytes (err %v)", len(got), err)
			}
			return nil
		}
	}
	check := func(path string, c func(*http.Response, string, error) error, header ...string) func(string) error {
		return func(tok string) error {
			res, body, err := get(strings.ReplaceAll(path, "TOK", tok), header...)
			if err := c(res, body, err); err != nil {
				return err
			}
			return foreign(body, tok)
		}
	}

	cases := map[string]func() chaosCase{
		// Requests without faults.
		"echo": func() chaosCase {
			return chaosCase{do: func(tok string) error { return check("/echo?t=TOK", want(tok, 200, "echo "+tok))(tok) }}
		},
		"json": func() chaosCase {
			n := rng.Intn(1000)
			return chaosCase{do: func(tok string) error {
				return check(fmt.Sprintf("/json?t=TOK&n=%d", n), want(tok, 200, fmt.Sprintf(`{"t":%q,"n":%d}`, tok, n)))(tok)
			}}
		},
		"stream": func() chaosCase {
			n := rng.Intn(20)
			return chaosCase{do: func(tok string) error {
				return check(fmt.Sprintf("/stream?t=TOK&n=%d", n), want(tok, 200, streamBody(tok, n)))(tok)
			}}
		},
		"post": func() chaosCase {
			reps := 1 + rng.Intn(8000)
			return chaosCase{do: func(tok string) error {
				body := strings.Repeat(tok+" ", reps)
				res, err := client.Post(srv.URL+"/post?t="+tok, "text/plain", strings.NewReader(body))
				if err != nil {
					return err
				}
				defer res.Body.Close()
				got, err := io.ReadAll(res.Body)
				if err := want(tok, 200, "post "+tok+" "+body)(res, string(got), err); err != nil {
					return err
				}
				return foreign(string(got), tok)
			}}
		},
		"fetch": func() chaosCase {
			return chaosCase{do: func(tok string) error { return check("/fetch?t=TOK", want(tok, 200, "fetched 200 upstream "+tok))(tok) }}
		},
		"self-fetch": func() chaosCase {
			n := rng.Intn(5)
			return chaosCase{do: func(tok string) error {
				return check(fmt.Sprintf("/self?t=TOK&path=%%2Fstream%%3Fn%%3D%d", n), want(tok, 200, "self 200 "+streamBody(tok, n)))(tok)
			}}
		},
		"asset": func() chaosCase {
			return chaosCase{do: func(tok string) error {
				return check("/asset?t=TOK&file=ok.txt", want(tok, 200, fmt.Sprintf("asset %s %d", tok, len(assets.MapFS["ok.txt"].Data))))(tok)
			}}
		},
		"asset-stream": func() chaosCase {
			return chaosCase{do: func(tok string) error {
				return check("/asset?t=TOK&file=big.bin&stream=1", want(tok, 200, string(big)))(tok)
			}}
		},
		// Slow clients: a streamed response read 1 KiB at a time, an upload in slow pieces.
		"slow-read": func() chaosCase {
			return chaosCase{do: func(tok string) error {
				res, err := client.Get(srv.URL + "/stream?n=256&t=" + tok)
				if err != nil {
					return err
				}
				defer res.Body.Close()
				var got []byte
				buf := make([]byte, 1024)
				for {
					n, err := res.Body.Read(buf)
					got = append(got, buf[:n]...)
					if err == io.EOF {
						break
					}
					if err != nil {
						return fmt.Errorf("slow read after %d bytes: %v", len(got), err)
					}
					time.Sleep(time.Millisecond)
				}
				if want := streamBody(tok, 256); string(got) != want {
					return fmt.Errorf("slow read: %d bytes, want %d", len(got), len(want))
				}
				return foreign(string(got), tok)
			}}
		},
		"slow-upload": func() chaosCase {
			return chaosCase{do: func(tok string) error {
				pr, pw := io.Pipe()
				go func() {
					for i := 0; i < 8; i++ {
						time.Sleep(2 * time.Millisecond)
						if _, err := io.WriteString(pw, tok+" "); err != nil {
							return
						}
					}
					pw.Close()
				}()
				res, err := client.Post(srv.URL+"/post?t="+tok, "text/plain", pr)
				if err != nil {
					return err
				}
				defer res.Body.Close()
				got, err := io.ReadAll(res.Body)
				return want(tok, 200, "post "+tok+" "+strings.Repeat(tok+" ", 8))(res, string(got), err)
			}}
		},
		// Isolates killed mid-request.
		"spin": func() chaosCase {
			return chaosCase{fault: true, do: check("/spin?t=TOK", want("", 503, "Service Unavailable"))}
		},
		"oom": func() chaosCase {
			return chaosCase{fault: true, do: check("/oom?t=TOK", want("", 500, "Internal Server Error"))}
		},
		// Host operations failing.
		"fetch-fails": func() chaosCase {
			return chaosCase{fault: true, do: check("/fetch?t=TOK&fault=err", want("", 500, "Internal Server Error"))}
		},
		"fetch-body-fails": func() chaosCase {
			return chaosCase{fault: true, do: check("/fetch?t=TOK&fault=body", want("", 500, "Internal Server Error"))}
		},
		"request-body-fails": func() chaosCase {
			c := chaosCase{fault: true}
			c.do = func(tok string) error {
				res, err := client.Do(mustRequest("POST", srv.URL+"/post?t="+tok, strings.NewReader(strings.Repeat(tok+" ", 20000)), "X-Chaos-Body-Fail", "70000"))
				if err != nil {
					return err
				}
				defer res.Body.Close()
				got, err := io.ReadAll(res.Body)
				return want("", 500, "Internal Server Error")(res, string(got), err)
			}
			return c
		},
		"asset-open-fails": func() chaosCase {
			return chaosCase{fault: true, do: func(tok string) error {
				// An I/O error opening the file is an error, not "no such file" (a 404 for a
				// file the app has): readAsset throws and the request fails.
				return check("/asset?t=TOK&file=open-fails.txt", want("", 500, "Internal Server Error"))(tok)
			}}
		},
		"asset-read-fails": func() chaosCase {
			return chaosCase{fault: true, do: check("/asset?t=TOK&file=read-fails.bin", want("", 500, "Internal Server Error"))}
		},
		// Failures after the head: the client must see a truncated transfer.
		"asset-stream-read-fails": func() chaosCase {
			return chaosCase{fault: true, do: func(tok string) error {
				return check("/asset?t=TOK&file=read-fails.bin&stream=1", truncated(tok, string(big[:64<<10])))(tok)
			}}
		},
		"stream-throws": func() chaosCase {
			return chaosCase{fault: true, do: func(tok string) error { return check("/abort?t=TOK&n=100", truncated(tok, streamBody(tok, 2)))(tok) }}
		},
		// A same-origin fetch whose response fails after its head: the worker reading it must
		// see an error, not a clean end of a short body.
		"self-fetch-aborted": func() chaosCase {
			return chaosCase{fault: true, do: func(tok string) error {
				res, body, err := get("/self?path=%2Fabort%3Fn%3D100&t=" + tok)
				if err == nil && res.StatusCode == 200 {
					return fmt.Errorf("an error after the head must abort the response (issue 11), also to a same-origin fetch: the worker read a clean end: %.80q", body)
				}
				return want("", 500, "Internal Server Error")(res, body, err)
			}}
		},
		// Clients that leave mid-body: the worker's stream must be cancelled, its upload's read
		// must fail (both logged with the token).
		"disconnect-response": func() chaosCase {
			return chaosCase{fault: true, logged: "cancelled TOK", do: func(tok string) error {
				res, err := (&http.Client{Transport: oneShot, Timeout: 30 * time.Second}).Get(srv.URL + "/forever?t=" + tok)
				if err != nil {
					return err
				}
				line, err := bufio.NewReader(res.Body).ReadString('\n')
				res.Body.Close()
				if err != nil || !strings.HasPrefix(line, tok+":0:") {
					return fmt.Errorf("first line %.60q, %v", line, err)
				}
				return nil
			}}
		},
		"disconnect-upload": func() chaosCase {
			return chaosCase{fault: true, logged: "body failed TOK", do: func(tok string) error {
				conn, err := net.Dial("tcp", srv.Listener.Addr().String())
				if err != nil {
					return err
				}
				defer conn.Close()
				_, err = fmt.Fprintf(conn, "POST /post?t=%s HTTP/1.1\r\nHost: chaos.test\r\nContent-Length: 100000\r\n\r\n%s", tok, strings.Repeat("y", 50000))
				return err
			}}
		},
	}
	// The plan: a fixed number of each kind of request, shuffled.
	plan := map[string]int{
		"echo": 60, "json": 60, "stream": 40, "post": 40, "fetch": 30, "self-fetch": 10, "asset": 20, "asset-stream": 10,
		"slow-read": 4, "slow-upload": 6,
		"spin": 1, "oom": 3, "fetch-fails": 8, "fetch-body-fails": 8, "request-body-fails": 6,
		"asset-open-fails": 5, "asset-read-fails": 5, "asset-stream-read-fails": 4, "stream-throws": 4, "self-fetch-aborted": 3,
		"disconnect-response": 6, "disconnect-upload": 6,
	}
	var names []string
	for name, n := range plan {
		for range n {
			names = append(names, name)
		}
	}
	slices.Sort(names)
	rng.Shuffle(len(names), func(i, j int) { names[i], names[j] = names[j], names[i] })
	all := make([]chaosCase, len(names))
	faults := 0
	for i, name := range names {
		all[i] = cases[name]()
		all[i].kind = name
		if all[i].fault {
			faults++
		}
	}

	began := time.Now()
	var next atomic.Int64
	var wg sync.WaitGroup
	var mu sync.Mutex
	var failures []string
	for range 10 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				i := int(next.Add(1) - 1)
				if i >= len(all) {
					return
				}
				tok := fmt.Sprintf("ct%05dz", i)
				start := time.Now()
				if err := all[i].do(tok); err != nil {
					mu.Lock()
					failures = append(failures, fmt.Sprintf("%s %s (after %v): %v", all[i].kind, tok, time.Since(start).Round(time.Millisecond), err))
					mu.Unlock()
				}
			}
		}()
	}
	wg.Wait()
	t.Logf("the traffic took %v", time.Since(began).Round(time.Millisecond))
	for _, f := range failures {
		t.Error(f)
	}

	// What clients caused inside the worker happened: cancelled streams, failed uploads.
	for i, c := range all {
		if c.logged == "" {
			continue
		}
		line := strings.ReplaceAll(c.logged, "TOK", fmt.Sprintf("ct%05dz", i))
		if !eventually(func() bool { return log.has(line) }) {
			t.Errorf("%s: the worker never logged %q", c.kind, line)
		}
	}

	// The pool still serves, with every isolate: none is lost, and those that failed were
	// replaced by fresh ones (an isolate that ran out of memory keeps its 32 MiB).
	for i := 0; i < 10; i++ {
		tok := fmt.Sprintf("ct%05dz", len(all)+i)
		if err := check("/echo?t=TOK", want(tok, 200, "echo "+tok))(tok); err != nil {
			t.Errorf("after the chaos: %v", err)
		}
	}
	linear := takeAll(t, p, isolates)
	replaced := p.Created() - createdBefore
	t.Logf("%d requests (%d with faults); %d isolates replaced; linear memory of the %d isolates: %v KiB",
		len(all), faults, replaced, isolates, linear)
	if least := int64(plan["spin"] + plan["oom"]); replaced < least || replaced > int64(faults) {
		t.Errorf("%d isolates replaced: want at least %d (each killed one) and at most %d (one per fault)", replaced, least, faults)
	}
	for _, kib := range linear {
		if kib > 16<<10 {
			t.Errorf("an isolate of %d KiB is back in the pool (the memory fault's isolate must be discarded): %v", kib, linear)
			break
		}
	}

	// Nothing is left running once the server and the pool are closed.
	srv.Close()
	serverClosed = true
	transport.CloseIdleConnections()
	oneShot.CloseIdleConnections()
	p.Close()
	poolClosed = true
	if !eventually(func() bool { return runtime.NumGoroutine() <= goroutinesBefore+2 }) {
		buf := make([]byte, 1<<20)
		t.Errorf("goroutines: %d before, %d after\n%s", goroutinesBefore, runtime.NumGoroutine(), buf[:runtime.Stack(buf, true)])
	}
}

// foreign fails if body holds any token but tok.
func foreign(body, tok string) error {
	for _, m := range chaosToken.FindAllString(body, -1) {
		if m != tok {
			return fmt.Errorf("the response to %s holds %s, another request's token", tok, m)
		}
	}
	return nil
}

// takeAll takes every isolate of the pool at once (so a lost slot shows as a deadlock, cut
// short by a generous guard) and returns their linear memory in KiB.
func takeAll(t *testing.T, p *wasmhost.Pool, n int) []uint32 {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	var held []*wasmhost.Isolate
	defer func() {
		for _, iso := range held {
			p.Release(iso)
		}
	}()
	var kib []uint32
	for range n {
		iso, err := p.Acquire(ctx)
		if err != nil {
			t.Fatalf("only %d of the pool's %d isolates could be taken: %v", len(held), n, err)
		}
		held = append(held, iso)
		kib = append(kib, iso.MemoryBytes()>>10)
	}
	return kib
}

// eventually polls cond for up to 15 s: a bound on waiting, not a measurement.
func eventually(cond func() bool) bool {
	for end := time.Now().Add(15 * time.Second); time.Now().Before(end); time.Sleep(20 * time.Millisecond) {
		if cond() {
			return true
		}
	}
	return cond()
}

func mustRequest(method, url string, body io.Reader, header ...string) *http.Request {
	req, err := http.NewRequest(method, url, body)
	if err != nil {
		panic(err)
	}
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	return req
}
