// Command app is a Fastly Compute program written on compute-sdk-go, the
// client the emulation in edge/compute must satisfy. The tests build it with
// GOOS=wasip1 GOARCH=wasm and drive it through the emulator.
package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"os"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/fastly/compute-sdk-go/compute"
	"github.com/fastly/compute-sdk-go/configstore"
	"github.com/fastly/compute-sdk-go/edgedict"
	"github.com/fastly/compute-sdk-go/fsthttp"
	"github.com/fastly/compute-sdk-go/geo"
	"github.com/fastly/compute-sdk-go/kvstore"
	"github.com/fastly/compute-sdk-go/rtlog"
	"github.com/fastly/compute-sdk-go/secretstore"
)

var hits, spins int

func main() {
	// ServeMany, as kitwasm's Compute entry uses it: the emulator gives one
	// request per instance and answers the next-request promise with None.
	fsthttp.ServeMany(handle, &fsthttp.ServeManyOptions{NextTimeout: time.Second})
}

func handle(ctx context.Context, w fsthttp.ResponseWriter, r *fsthttp.Request) {
	switch r.URL.Path {
	case "/echo":
		body, err := io.ReadAll(r.Body)
		if err != nil {
			fail(w, err)
			return
		}
		var names []string
		for _, k := range r.Header.Keys() {
			names = append(names, k+": "+strings.Join(r.Header.Values(k), ","))
		}
		sort.Strings(names)
		w.Header().Set("Content-Type", "application/json")
		w.Header().Set("X-Echo", "1")
		w.WriteHeader(201)
		json.NewEncoder(w).Encode(map[string]any{
			"method":  r.Method,
			"url":     r.URL.String(),
			"host":    r.Host,
			"headers": names,
			"body":    string(body),
			"client":  r.RemoteAddr,
			"server":  r.ServerAddr,
		})
	case "/stream":
		w.Header().Set("Content-Type", "text/plain")
		for i := 0; i < 3; i++ {
			fmt.Fprintf(w, "chunk %d\n", i)
		}
	case "/tick":
		// A response paced by timers on another goroutine, as an event
		// loop's setTimeout paces a stream: each chunk reaches the client.
		chunks := make(chan int)
		go func() {
			t := time.NewTicker(5 * time.Millisecond)
			defer t.Stop()
			for i := 0; i < 10; i++ {
				<-t.C
				chunks <- i
			}
			close(chunks)
		}()
		for i := range chunks {
			fmt.Fprintf(w, "tick %d\n", i)
		}
	case "/env":
		// Compute's FASTLY_* variables (kitwasm's entry shows them in
		// platform.fastly).
		for _, k := range []string{"FASTLY_CACHE_GENERATION", "FASTLY_CUSTOMER_ID", "FASTLY_HOSTNAME", "FASTLY_IS_STAGING", "FASTLY_POP", "FASTLY_REGION", "FASTLY_SERVICE_ID", "FASTLY_SERVICE_VERSION", "FASTLY_TRACE_ID", "LOCAL_SWITCH"} {
			fmt.Fprintf(w, "%s=%s\n", k, os.Getenv(k))
		}
	case "/after":
		// Work after the response, as kitwasm's entry runs ctx.waitUntil:
		// it must finish even when the client has gone.
		io.WriteString(w, "answered")
		w.Close()
		time.Sleep(200 * time.Millisecond)
		fmt.Fprintf(rtlog.Open("after"), "work after the response done")
	case "/framed":
		// Manual framing, as kitwasm's Compute entry answers a body of
		// known length (and HEAD, with the length a GET would get).
		w.SetManualFramingMode(true)
		w.Header().Set("Content-Length", "6")
		w.WriteHeader(200)
		if r.Method != "HEAD" {
			io.WriteString(w, "framed")
		}
	case "/stream-backend":
		// The first line must reach the client before the backend answers
		// (the test's backend waits for the client to have read it).
		io.WriteString(w, "first\n")
		req, _ := fsthttp.NewRequest("GET", "http://origin.example/second", nil)
		resp, err := req.Send(ctx, "origin")
		if err != nil {
			fmt.Fprintf(w, "send: %v", err)
			return
		}
		io.Copy(w, resp.Body)
	case "/backend":
		var reqBody io.Reader = strings.NewReader("to-origin")
		if r.URL.Query().Get("stream") != "" {
			// A reader of unknown length: the SDK streams it
			// (send_async_streaming) while it polls for the response.
			reqBody = io.MultiReader(strings.NewReader("to-"), strings.NewReader("origin"))
		}
		req, err := fsthttp.NewRequest("POST", "http://origin.example/upstream?q=1", reqBody)
		if err != nil {
			fail(w, err)
			return
		}
		req.Header.Set("X-From-Guest", "yes")
		backend := r.URL.Query().Get("backend")
		if backend == "" {
			backend = "origin"
		}
		n := 1
		if r.URL.Query().Get("many") != "" {
			n = 40
		}
		var resp *fsthttp.Response
		for i := 0; i < n; i++ {
			if i > 0 {
				req, _ = fsthttp.NewRequest("GET", "http://origin.example/again", nil)
			}
			resp, err = req.Send(ctx, backend)
			if err != nil {
				w.WriteHeader(502)
				fmt.Fprintf(w, "send %d: %v", i, err)
				return
			}
			if i < n-1 {
				resp.Body.Close()
			}
		}
		w.Header().Set("X-Origin-Status", fmt.Sprint(resp.StatusCode))
		w.Header().Set("X-Origin-Header", resp.Header.Get("X-Origin"))
		w.WriteHeader(200)
		io.Copy(w, resp.Body)
	case "/geo":
		ip := net.ParseIP(r.RemoteAddr)
		g, err := geo.Lookup(ip)
		if err != nil {
			fail(w, err)
			return
		}
		json.NewEncoder(w).Encode(map[string]any{"client": r.RemoteAddr, "geo": g})
	case "/meta":
		meta, err := r.FastlyMeta()
		if err != nil {
			fail(w, err)
			return
		}
		heap, err := compute.GetHeapMiB()
		fmt.Fprintf(w, "request=%s sandbox=%s requests=%d heap>0=%v err=%v", meta.RequestID, meta.SandboxID, meta.SandboxRequests, heap > 0, err)
	case "/log":
		fmt.Fprintf(rtlog.Open("mylog"), "hello from the guest")
		io.WriteString(w, "logged")
	case "/config":
		var out []string
		if s, err := configstore.Open("settings"); err != nil {
			out = append(out, "configstore open: "+err.Error())
		} else {
			v, err := s.Get("greeting")
			out = append(out, fmt.Sprintf("configstore greeting=%q err=%v", v, err))
			_, err = s.Get("missing")
			out = append(out, fmt.Sprintf("configstore missing err=%v", err))
		}
		if d, err := edgedict.Open("settings"); err != nil {
			out = append(out, "dictionary open: "+err.Error())
		} else {
			v, err := d.Get("greeting")
			out = append(out, fmt.Sprintf("dictionary greeting=%q err=%v", v, err))
		}
		_, err := configstore.Open("nope")
		out = append(out, fmt.Sprintf("configstore nope err=%v", err))
		io.WriteString(w, strings.Join(out, "\n"))
	case "/unsupported":
		// Secret stores are not emulated: the SDK must see Compute's error status.
		_, err := secretstore.Open("secrets")
		fmt.Fprintf(w, "secretstore: %v", err)
	case "/kv":
		kvDemo(w)
	case "/count":
		// Compute gives each request a fresh instance: globals start over.
		hits++
		fmt.Fprintf(w, "hits=%d", hits)
	case "/alloc":
		mb, _ := strconv.Atoi(r.URL.Query().Get("mb"))
		var keep [][]byte
		for i := 0; i < mb; i++ {
			b := make([]byte, 1<<20)
			b[0] = byte(i)
			keep = append(keep, b)
		}
		fmt.Fprintf(w, "allocated %d MiB", len(keep))
	case "/sleep":
		// Waiting is not CPU time: Compute's 50 ms CPU limit must not stop it.
		ms, _ := strconv.Atoi(r.URL.Query().Get("ms"))
		time.Sleep(time.Duration(ms) * time.Millisecond)
		fmt.Fprintf(w, "slept %d ms", ms)
	case "/spin":
		for {
			spins++
		}
	case "/panic":
		panic("guest panics on purpose")
	default:
		w.WriteHeader(404)
		io.WriteString(w, "not found")
	}
}

func fail(w fsthttp.ResponseWriter, err error) {
	w.WriteHeader(500)
	io.WriteString(w, err.Error())
}

// kvDemo uses a KV store as compute-sdk-go offers it, one line per step.
func kvDemo(w io.Writer) {
	line := func(format string, args ...any) { fmt.Fprintf(w, format+"\n", args...) }
	_, err := kvstore.Open("nope")
	line("open nope: %v", err)
	st, err := kvstore.Open("sessions")
	if err != nil {
		line("open sessions: %v", err)
		return
	}
	lookup := func(key string) {
		e, err := st.Lookup(key)
		if err != nil {
			line("lookup %s: %v", key, err)
			return
		}
		line("lookup %s: %q meta=%q generation>0=%v", key, e.String(), e.Meta(), e.Generation() > 0)
	}
	lookup("seeded")
	lookup("missing")
	line("insert a: %v", st.Insert("user/a", strings.NewReader("alice")))
	lookup("user/a")
	line("add a again: %v", st.InsertWithConfig("user/a", strings.NewReader("x"), &kvstore.InsertConfig{Mode: kvstore.InsertModeAdd}))
	line("append a: %v", st.InsertWithConfig("user/a", strings.NewReader("!"), &kvstore.InsertConfig{Mode: kvstore.InsertModeAppend, Metadata: []byte("m1")}))
	lookup("user/a")
	e, _ := st.Lookup("user/a")
	line("stale generation: %v", st.InsertWithConfig("user/a", strings.NewReader("y"), &kvstore.InsertConfig{IfGenerationMatch: e.Generation() + 100}))
	line("matching generation: %v", st.InsertWithConfig("user/a", strings.NewReader("bob"), &kvstore.InsertConfig{IfGenerationMatch: e.Generation()}))
	lookup("user/a")
	for _, k := range []string{"user/b", "user/c", "other"} {
		st.Insert(k, strings.NewReader(k))
	}
	it := st.List(&kvstore.ListConfig{Prefix: "user/", Limit: 2})
	for it.Next() {
		line("list page: %v next=%q", it.Page().Data, it.Page().Meta.NextCursor)
	}
	line("list err: %v", it.Err())
	line("delete b: %v", st.Delete("user/b"))
	lookup("user/b")
	line("delete b again: %v", st.Delete("user/b"))
	line("invalid key: %v", st.Insert("a#b", strings.NewReader("x")))
}
