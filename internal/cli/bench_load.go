package cli

// The load generator of kitwasm bench: a closed loop of a fixed number of keep-alive
// connections, each sending the next request as soon as the previous answer has been read to
// the end, for a fixed time. The same generator and the same requests go to every server.

import (
	"context"
	"fmt"
	"io"
	"net"
	"net/http"
	"slices"
	"strings"
	"sync"
	"time"
)

// scenario is one kind of request the bench sends.
type scenario struct {
	Name   string `json:"name"`   // short name: small, large, json, form, static
	Label  string `json:"label"`  // what it is, for the table
	Method string `json:"method"` // GET or POST
	Path   string `json:"path"`   // percent-encoded path and query
	Body   string `json:"-"`      // request body (form actions)
	Type   string `json:"-"`      // content-type of Body
	Accept string `json:"-"`      // Accept header (kit answers a form action with JSON unless HTML is asked for)
	Status int    `json:"status"` // the status every answer must have; others count as errors
}

// loadResult is what one scenario's load on one server measured.
type loadResult struct {
	Requests int           `json:"requests"` // answered with the expected status, body read
	Errors   int           `json:"errors"`   // transport errors, wrong statuses, short bodies
	Elapsed  time.Duration `json:"elapsed_ns"`
	P50      time.Duration `json:"p50_ns"`
	P99      time.Duration `json:"p99_ns"`
	Bytes    int64         `json:"bytes"` // body bytes read in successful answers
	// Unfinished requests were still waiting for their answer when the time was up; they are
	// neither requests nor errors (many of them mean that the duration is too short).
	Unfinished int    `json:"unfinished"`
	FirstErr   string `json:"first_error,omitempty"`
}

// RPS is the successful requests per second.
func (r loadResult) RPS() float64 {
	if r.Elapsed <= 0 {
		return 0
	}
	return float64(r.Requests) / r.Elapsed.Seconds()
}

// loadConfig is the load applied to one server for one scenario.
type loadConfig struct {
	addr        string // host:port
	host        string // Host header (and the Origin of POSTs); addr if empty
	connections int
	duration    time.Duration
	warmup      time.Duration // load applied before measuring, not counted
}

// newLoadClient returns a client with one keep-alive connection per worker, no compression
// (the servers compress differently) and no redirects followed.
func newLoadClient(connections int) *http.Client {
	return &http.Client{
		Timeout: 30 * time.Second,
		Transport: &http.Transport{
			DialContext:         (&net.Dialer{Timeout: 5 * time.Second, KeepAlive: 30 * time.Second}).DialContext,
			MaxConnsPerHost:     connections,
			MaxIdleConnsPerHost: connections,
			MaxIdleConns:        connections,
			IdleConnTimeout:     90 * time.Second,
			DisableCompression:  true,
			ForceAttemptHTTP2:   false,
		},
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
	}
}

// runLoad applies the scenario's requests to cfg.addr with cfg.connections concurrent
// connections: first cfg.warmup unmeasured, then cfg.duration measured.
func runLoad(ctx context.Context, cfg loadConfig, sc scenario) loadResult {
	if cfg.connections < 1 {
		cfg.connections = 1
	}
	client := newLoadClient(cfg.connections)
	defer client.CloseIdleConnections()
	if cfg.warmup > 0 {
		hammer(ctx, time.Now().Add(cfg.warmup), client, cfg, sc)
	}
	start := time.Now()
	workers := hammer(ctx, start.Add(cfg.duration), client, cfg, sc)
	elapsed := cfg.duration

	var res loadResult
	res.Elapsed = elapsed
	var lat []time.Duration
	for _, w := range workers {
		res.Requests += len(w.lat)
		res.Errors += w.errors
		res.Unfinished += w.unfinished
		res.Bytes += w.bytes
		lat = append(lat, w.lat...)
		if res.FirstErr == "" && w.firstErr != "" {
			res.FirstErr = w.firstErr
		}
	}
	res.P50, res.P99 = percentile(lat, 50), percentile(lat, 99)
	return res
}

type workerStats struct {
	lat        []time.Duration
	errors     int
	unfinished int
	bytes      int64
	firstErr   string
}

// hammer runs cfg.connections workers that send requests until the deadline, and waits for
// the answers under way then (a connection cut in the middle of a request would be reopened
// in the next phase, and the server would go on working for nobody); answers completed after
// the deadline count as unfinished, neither requests nor errors. The end of ctx interrupts all.
func hammer(ctx context.Context, deadline time.Time, client *http.Client, cfg loadConfig, sc scenario) []*workerStats {
	host := cfg.host
	if host == "" {
		host = cfg.addr
	}
	url := "http://" + cfg.addr + sc.Path
	workers := make([]*workerStats, cfg.connections)
	var wg sync.WaitGroup
	for i := range workers {
		w := &workerStats{lat: make([]time.Duration, 0, 1024)}
		workers[i] = w
		wg.Add(1)
		go func() {
			defer wg.Done()
			buf := make([]byte, 32<<10)
			for ctx.Err() == nil && time.Now().Before(deadline) {
				var body io.Reader
				if sc.Body != "" {
					body = strings.NewReader(sc.Body)
				}
				req, err := http.NewRequestWithContext(ctx, sc.Method, url, body)
				if err != nil {
					w.fail(err.Error())
					return
				}
				req.Host = host
				if sc.Body != "" {
					req.Header.Set("Content-Type", sc.Type)
				}
				if sc.Accept != "" {
					req.Header.Set("Accept", sc.Accept)
				}
				// The client address of the request on Cloudflare (kit's getClientAddress
				// there); the other servers take it from the connection.
				req.Header.Set("Cf-Connecting-Ip", "127.0.0.1")
				if sc.Method == "POST" {
					// Kit refuses cross-site form POSTs: the Origin is the site's own.
					req.Header.Set("Origin", "http://"+host)
				}
				t0 := time.Now()
				res, err := client.Do(req)
				if err != nil {
					switch {
					case ctx.Err() != nil:
					case time.Now().After(deadline):
						w.unfinished++
					default:
						w.fail(err.Error())
					}
					continue
				}
				n, err := io.CopyBuffer(io.Discard, res.Body, buf)
				res.Body.Close()
				t1 := time.Now()
				d := t1.Sub(t0)
				switch {
				case ctx.Err() != nil:
				case t1.After(deadline):
					w.unfinished++
				case err != nil:
					w.fail(fmt.Sprintf("reading the body: %v", err))
				case res.StatusCode != sc.Status:
					w.fail(fmt.Sprintf("%s %s answered %d, want %d", sc.Method, sc.Path, res.StatusCode, sc.Status))
				default:
					w.lat = append(w.lat, d)
					w.bytes += n
				}
			}
		}()
	}
	wg.Wait()
	return workers
}

func (w *workerStats) fail(msg string) {
	w.errors++
	if w.firstErr == "" {
		w.firstErr = msg
	}
}

// percentile returns the p-th percentile (nearest rank) of lat, which it sorts; 0 if empty.
func percentile(lat []time.Duration, p float64) time.Duration {
	if len(lat) == 0 {
		return 0
	}
	slices.Sort(lat)
	rank := int(p/100*float64(len(lat))+0.999999) - 1
	return lat[max(0, min(rank, len(lat)-1))]
}
