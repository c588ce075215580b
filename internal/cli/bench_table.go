package cli

// The output of kitwasm bench: one Markdown table (it goes into BENCHMARKS.md as it is) with
// every figure also as a ratio to adapter-node's in the same run, or the report as JSON.

import (
	"fmt"
	"io"
	"strings"
	"time"
)

// benchReport is everything one run of kitwasm bench measured.
type benchReport struct {
	Date        string      `json:"date"`
	Machine     string      `json:"machine"`
	LoadAvg     string      `json:"load_average"` // /proc/loadavg before the run
	Command     string      `json:"command"`
	App         string      `json:"app"`
	Duration    string      `json:"duration"`
	Connections int         `json:"connections"`
	Servers     []string    `json:"servers"` // in table order; "node" first when it ran
	Scenarios   []scenario  `json:"scenarios"`
	Rows        []benchRow  `json:"rows"`
	Starts      []coldStart `json:"cold_starts"`
	Notes       []string    `json:"notes,omitempty"`
	index       map[[2]string]*benchRow
	startIndex  map[string]*coldStart
}

// benchRow is one scenario on one server.
type benchRow struct {
	Scenario string `json:"scenario"`
	Server   string `json:"server"`
	loadResult
	RSSPeak int64 `json:"rss_peak_bytes"` // highest VmRSS sampled during the measured load
}

// coldStart is a server's time from process start to its first 200.
type coldStart struct {
	Server string          `json:"server"`
	Runs   []time.Duration `json:"runs_ns"`
	Median time.Duration   `json:"median_ns"`
	RSS    int64           `json:"rss_bytes"` // VmRSS just after the first 200 of the last start
	Errors int             `json:"errors"`    // starts that never answered 200
}

// serverLabels names the servers in the table.
var serverLabels = map[string]string{
	"node":    "adapter-node (Node 22)",
	"kitwasm": "kitwasm serve",
	"request": "kitwasm serve --isolation request",
	"wasm2go": "kitwasm serve --engine wasm2go",
	"workerd": "workerd (build/worker.js)",
}

func (r *benchReport) row(scenario, server string) *benchRow {
	if r.index == nil {
		r.index = map[[2]string]*benchRow{}
		for i := range r.Rows {
			r.index[[2]string{r.Rows[i].Scenario, r.Rows[i].Server}] = &r.Rows[i]
		}
	}
	return r.index[[2]string{scenario, server}]
}

func (r *benchReport) start(server string) *coldStart {
	if r.startIndex == nil {
		r.startIndex = map[string]*coldStart{}
		for i := range r.Starts {
			r.startIndex[r.Starts[i].Server] = &r.Starts[i]
		}
	}
	return r.startIndex[server]
}

// writeTable prints the report as a Markdown table: per scenario one row per server with
// requests/s, p50 and p99 latency, peak RSS and errors, each figure followed by its ratio to
// adapter-node's in the same run; then one row per server with the cold start.
func (r *benchReport) writeTable(w io.Writer) {
	fmt.Fprintln(w, "| scenario | server | requests/s | p50 | p99 | RSS peak | errors |")
	fmt.Fprintln(w, "|---|---|--:|--:|--:|--:|--:|")
	for _, sc := range r.Scenarios {
		ref := r.row(sc.Name, "node")
		for _, s := range r.Servers {
			row := r.row(sc.Name, s)
			if row == nil {
				continue
			}
			var rps, p50, p99, rss string
			if ref != nil {
				rps = withRatio(fmt.Sprintf("%.0f", row.RPS()), row.RPS(), ref.RPS())
				p50 = withRatio(fmtDur(row.P50), float64(row.P50), float64(ref.P50))
				p99 = withRatio(fmtDur(row.P99), float64(row.P99), float64(ref.P99))
				rss = withRatio(fmtMB(row.RSSPeak), float64(row.RSSPeak), float64(ref.RSSPeak))
			} else {
				rps, p50, p99, rss = fmt.Sprintf("%.0f", row.RPS()), fmtDur(row.P50), fmtDur(row.P99), fmtMB(row.RSSPeak)
			}
			fmt.Fprintf(w, "| %s | %s | %s | %s | %s | %s | %d |\n", sc.Label, serverLabels[s], rps, p50, p99, rss, row.Errors)
		}
	}
	ref := r.start("node")
	for _, s := range r.Servers {
		cs := r.start(s)
		if cs == nil {
			continue
		}
		med, rss := fmtDur(cs.Median), fmtMB(cs.RSS)
		if ref != nil {
			med = withRatio(med, float64(cs.Median), float64(ref.Median))
			rss = withRatio(rss, float64(cs.RSS), float64(ref.RSS))
		}
		var runs []string
		for _, d := range cs.Runs {
			runs = append(runs, fmtDur(d))
		}
		fmt.Fprintf(w, "| cold start to first 200 (median of %s) | %s | | %s | | %s | %d |\n",
			strings.Join(runs, ", "), serverLabels[s], med, rss, cs.Errors)
	}
}

// withRatio appends value/ref as "(0.52x)"; "(–)" when there is no reference figure.
func withRatio(s string, value, ref float64) string {
	if ref <= 0 || value <= 0 {
		return s + " (–)"
	}
	return fmt.Sprintf("%s (%.2fx)", s, value/ref)
}

// fmtDur prints a latency with three significant digits.
func fmtDur(d time.Duration) string {
	switch {
	case d <= 0:
		return "–"
	case d < time.Millisecond:
		return fmt.Sprintf("%.0f µs", float64(d)/float64(time.Microsecond))
	case d < 10*time.Millisecond:
		return fmt.Sprintf("%.2f ms", float64(d)/float64(time.Millisecond))
	case d < 100*time.Millisecond:
		return fmt.Sprintf("%.1f ms", float64(d)/float64(time.Millisecond))
	default:
		return fmt.Sprintf("%.0f ms", float64(d)/float64(time.Millisecond))
	}
}

func fmtMB(b int64) string {
	if b <= 0 {
		return "–"
	}
	return fmt.Sprintf("%.0f MB", float64(b)/(1<<20))
}
