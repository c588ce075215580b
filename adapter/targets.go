package adapter

import (
	"compress/gzip"
	_ "embed"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"sync"

	"github.com/kitwasm/kitwasm/edge"
)

// The model of the targets lives in targets.json, next to index.js, because both sides need
// it: supports.read in index.js answers during kit's route analysis (in a worker thread, and
// synchronously: a spawned kitwasm process there would need the binary before the build has
// found it), and kitwasm build / kitwasm check here, which alone know the files' sizes. One
// data file read by both keeps the numbers and the texts in one place; the Go side embeds it,
// the npm package ships it.
//
//go:embed targets.json
var targetsJSON []byte

// TargetModel is targets.json: what each platform gives and forbids.
type TargetModel struct {
	Version int                `json:"version"`
	Order   []string           `json:"order"`
	Targets map[string]*Target `json:"targets"`
}

// Target is one platform.
type Target struct {
	Name string `json:"name"`
	Read struct {
		// Default is the mode of a route that sets none; nil: the route must choose.
		Default *string              `json:"default"`
		Modes   map[string]*ReadMode `json:"modes"`
		// Without completes "<Name> ..." for a route that has no usable mode.
		Without string `json:"without"`
	} `json:"read"`
	Limits []TargetLimit `json:"limits"`
	// Emulate is what kitwasm serve --target enforces (nil: the target is kitwasm itself).
	Emulate *Emulation `json:"emulate"`
}

// ReadMode is one way server assets reach read() on a target.
type ReadMode struct {
	How            string `json:"how"`
	MaxFileBytes   int64  `json:"maxFileBytes,omitempty"`
	MaxFileSource  string `json:"maxFileSource,omitempty"`
	MaxTotalBytes  int64  `json:"maxTotalBytes,omitempty"`
	Measure        string `json:"measure,omitempty"`
	MaxTotalSource string `json:"maxTotalSource,omitempty"`
}

// TargetLimit is one row of a target's limits table.
type TargetLimit struct {
	What   string `json:"what"`
	Value  string `json:"value"`
	Source string `json:"source"`
}

// Targets returns the model of every known target.
var Targets = sync.OnceValue(func() *TargetModel {
	var m TargetModel
	if err := json.Unmarshal(targetsJSON, &m); err != nil {
		panic("adapter/targets.json: " + err.Error())
	}
	return &m
})

// DefaultTargets is the adapter's default targets option.
var DefaultTargets = []string{"kitwasm"}

// RouteSupport says whether a route runs on one target, and why.
type RouteSupport struct {
	Target    string `json:"target"`
	Supported bool   `json:"supported"`
	Mode      string `json:"mode,omitempty"` // how read() gets its files there
	Reason    string `json:"reason"`
	Fix       string `json:"fix,omitempty"` // for an unsupported route
}

// RouteReport is one row of kitwasm check.
type RouteReport struct {
	ID          string             `json:"id"`
	Prerendered bool               `json:"prerendered"`
	Read        bool               `json:"read"`
	Assets      []edge.ServerAsset `json:"assets"`
	Support     []RouteSupport     `json:"support"` // every known target, in the model's order
}

// CheckReport is what kitwasm check prints (--json: this, as JSON) and the npm package's
// checkRoutes returns.
type CheckReport struct {
	Targets []string      `json:"targets"` // the build's targets: a failure on one of them fails the check
	OK      bool          `json:"ok"`
	Routes  []RouteReport `json:"routes"`
}

// Failures lists "route: target" for each route that fails one of the build's targets.
func (r *CheckReport) Failures() []RouteSupportFailure {
	var out []RouteSupportFailure
	for _, route := range r.Routes {
		for _, s := range route.Support {
			if !s.Supported && slices.Contains(r.Targets, s.Target) {
				out = append(out, RouteSupportFailure{Route: route.ID, RouteSupport: s})
			}
		}
	}
	return out
}

// RouteSupportFailure is a route that cannot run on one of the build's targets.
type RouteSupportFailure struct {
	Route string
	RouteSupport
}

func (f RouteSupportFailure) String() string {
	t := Targets().Targets[f.Target]
	return fmt.Sprintf("route %s uses read() from $app/server and cannot run on %s (%s): %s\n  fix: %s", f.Route, f.Target, t.Name, f.Reason, f.Fix)
}

// CheckTargets validates a targets option.
func CheckTargets(targets []string) error {
	model := Targets()
	for _, t := range targets {
		if model.Targets[t] == nil {
			return fmt.Errorf("unknown target %q in targets; known targets: %s", t, strings.Join(model.Order, ", "))
		}
	}
	return nil
}

// Check answers, for every route of the build in dir (its manifest m), whether it runs on each
// known target: the route's config against the model (as supports.read does at build time),
// and the sizes of the files read() needs against the target's limits.
func Check(dir string, m *edge.Manifest) (*CheckReport, error) {
	model := Targets()
	targets := m.Targets
	if len(targets) == 0 {
		targets = DefaultTargets
	}
	if err := CheckTargets(targets); err != nil {
		return nil, err
	}
	rep := &CheckReport{Targets: targets, OK: true}
	// Totals of the modes with a limit on all files together, per target (files counted once).
	type total struct {
		files map[string]int64
		size  int64
		err   error
	}
	totals := map[string]*total{}
	for _, r := range m.Routes {
		if !r.Read || isPrerendered(r) {
			continue
		}
		for _, t := range model.Order {
			mode, ok := routeMode(r, t)
			if !ok {
				continue
			}
			if model.Targets[t].Read.Modes[mode].MaxTotalBytes > 0 {
				if totals[t] == nil {
					totals[t] = &total{files: map[string]int64{}}
				}
				for _, a := range r.Assets {
					totals[t].files[a.File] = a.Size
				}
			}
		}
	}
	for t, tot := range totals {
		for _, rm := range model.Targets[t].Read.Modes {
			if rm.MaxTotalBytes > 0 {
				tot.size, tot.err = measureEmbedded(dir, m, t, tot.files)
			}
		}
	}

	for _, r := range m.Routes {
		row := RouteReport{ID: r.ID, Prerendered: isPrerendered(r), Read: r.Read, Assets: r.Assets}
		if row.Assets == nil {
			row.Assets = []edge.ServerAsset{}
		}
		for _, t := range model.Order {
			target := model.Targets[t]
			s := RouteSupport{Target: t, Supported: true}
			switch {
			case row.Prerendered:
				s.Reason = "prerendered: no server code runs at request time"
			case !r.Read:
				s.Reason = "does not use read()"
			default:
				mode, ok := routeMode(r, t)
				if !ok {
					s.Supported = false
					s.Reason, s.Fix = noModeReason(r, t)
					break
				}
				s.Mode = mode
				rm := target.Read.Modes[mode]
				s.Reason = rm.How
				if rm.MaxFileBytes > 0 {
					for _, a := range r.Assets {
						if a.Size > rm.MaxFileBytes {
							s.Supported = false
							s.Reason = fmt.Sprintf("%s is %s, over the limit of %s per file on %s (%s)", a.File, FormatSize(a.Size), FormatSize(rm.MaxFileBytes), target.Name, rm.MaxFileSource)
							s.Fix = fixText(r.ID, t, otherModes(t, mode), "make the file smaller")
						}
					}
				}
				if rm.MaxTotalBytes > 0 {
					tot := totals[t]
					switch {
					case tot.err != nil:
						s.Supported = false
						s.Reason = "cannot measure the embedded files: " + tot.err.Error()
					case tot.size > rm.MaxTotalBytes:
						s.Supported = false
						s.Reason = fmt.Sprintf("%s come to %s, over the limit of %s on %s (%s)", rm.Measure, FormatSize(tot.size), FormatSize(rm.MaxTotalBytes), target.Name, rm.MaxTotalSource)
						s.Fix = fixText(r.ID, t, otherModes(t, mode), "embed fewer or smaller files")
					default:
						s.Reason += fmt.Sprintf("; %s come to %s of %s", rm.Measure, FormatSize(tot.size), FormatSize(rm.MaxTotalBytes))
					}
				}
			}
			row.Support = append(row.Support, s)
			if !s.Supported && slices.Contains(targets, t) {
				rep.OK = false
			}
		}
		rep.Routes = append(rep.Routes, row)
	}
	return rep, nil
}

func isPrerendered(r edge.Route) bool { return r.Prerender == true }

// routeMode is how read() gets the route's files on target t: config.kitwasm.read[t], else the
// target's default. ok is false when there is none, or the route names a mode the target lacks.
func routeMode(r edge.Route, t string) (mode string, ok bool) {
	target := Targets().Targets[t]
	v, set := configMode(r, t)
	if set {
		s, isString := v.(string)
		_, known := target.Read.Modes[s]
		return s, isString && known
	}
	if target.Read.Default == nil {
		return "", false
	}
	return *target.Read.Default, true
}

func configMode(r edge.Route, t string) (any, bool) {
	kw, _ := r.Config["kitwasm"].(map[string]any)
	read, _ := kw["read"].(map[string]any)
	v, ok := read[t]
	return v, ok
}

// noModeReason explains why route r has no way to read on target t (the same text as
// supports.read in index.js).
func noModeReason(r edge.Route, t string) (reason, fix string) {
	target := Targets().Targets[t]
	modes := sortedModes(t)
	if v, set := configMode(r, t); set {
		b, _ := json.Marshal(v)
		return fmt.Sprintf("config.kitwasm.read.%s is %s, not a mode %s has (%s)", t, b, target.Name, quoteList(modes)),
			fixText(r.ID, t, modes, "")
	}
	return fmt.Sprintf("%s %s", target.Name, target.Read.Without), fixText(r.ID, t, modes, "")
}

// fixText is the ways out, as index.js words them.
func fixText(route, t string, modes []string, extra string) string {
	var ways []string
	for _, m := range modes {
		ways = append(ways, fmt.Sprintf("export const config = { kitwasm: { read: { %s: '%s' } } } from the route %s (or a layout above it)", t, m, route))
	}
	if extra != "" {
		ways = append(ways, extra)
	}
	ways = append(ways, fmt.Sprintf("remove '%s' from the adapter's targets option", t), "stop using read() in this route")
	return strings.Join(ways, "; or ")
}

func sortedModes(t string) []string {
	var out []string
	for m := range Targets().Targets[t].Read.Modes {
		out = append(out, m)
	}
	sort.Strings(out)
	return out
}

func otherModes(t, mode string) []string {
	var out []string
	for _, m := range sortedModes(t) {
		if m != mode {
			out = append(out, m)
		}
	}
	return out
}

func quoteList(s []string) string {
	q := make([]string, len(s))
	for i, v := range s {
		q[i] = "'" + v + "'"
	}
	return strings.Join(q, " or ")
}

// measureEmbedded is the size that counts against target t's total limit: for Cloudflare the
// gzip of worker.js plus the embedded files (the Worker size limit is after compression), for
// Fastly the bytecode plus the files (the runtime's own Wasm is not counted).
func measureEmbedded(dir string, m *edge.Manifest, t string, files map[string]int64) (int64, error) {
	compressed := t == "cloudflare"
	worker := m.Worker
	if !compressed {
		worker = m.Bytecode
	}
	paths := []string{filepath.Join(dir, filepath.FromSlash(worker))}
	names := make([]string, 0, len(files))
	for f := range files {
		names = append(names, f)
	}
	sort.Strings(names)
	for _, f := range names {
		paths = append(paths, filepath.Join(dir, filepath.FromSlash(m.ServerAssets), filepath.FromSlash(f)))
	}
	var total int64
	for _, p := range paths {
		n, err := fileSize(p, compressed)
		if err != nil {
			return 0, err
		}
		total += n
	}
	return total, nil
}

func fileSize(p string, gzipped bool) (int64, error) {
	f, err := os.Open(p)
	if err != nil {
		return 0, err
	}
	defer f.Close()
	if !gzipped {
		st, err := f.Stat()
		if err != nil {
			return 0, err
		}
		return st.Size(), nil
	}
	var c countWriter
	zw := gzip.NewWriter(&c)
	if _, err := io.Copy(zw, f); err != nil {
		return 0, err
	}
	if err := zw.Close(); err != nil {
		return 0, err
	}
	return c.n, nil
}

type countWriter struct{ n int64 }

func (c *countWriter) Write(p []byte) (int, error) { c.n += int64(len(p)); return len(p), nil }

// FormatSize says n bytes in B, KiB or MiB, one decimal, for progress and summary lines.
func FormatSize(n int64) string {
	switch {
	case n >= 1<<20:
		return fmt.Sprintf("%.1f MiB", float64(n)/(1<<20))
	case n >= 1<<10:
		return fmt.Sprintf("%.1f KiB", float64(n)/(1<<10))
	}
	return fmt.Sprintf("%d B", n)
}

// Emulation is the machine-readable part of a target's model that kitwasm serve --target
// enforces locally: numbers per limit, per plan where the platform's plans differ, and what
// the platform answers when a request goes over one.
type Emulation struct {
	// Runtime says what runs the build in the emulation.
	Runtime     string            `json:"runtime"`
	DefaultPlan string            `json:"defaultPlan"`
	Plans       map[string]string `json:"plans"` // plan → the platform's name for it
	PlanNote    string            `json:"planNote"`
	// Limits by key: cpu, wall (ms); memory, requestBody, url, requestHeaders,
	// responseHeaders (totals), requestHeader, responseHeader (one field) (bytes);
	// subrequests (count).
	Limits map[string]*EmulatedLimit `json:"limits"`
	// Exception is the platform's answer to a worker that threw before responding (nil:
	// kitwasm's own 500).
	Exception *LimitAnswer `json:"exception"`
}

// EmulatedLimit is one limit of an Emulation.
type EmulatedLimit struct {
	What   string           `json:"what"`
	Unit   string           `json:"unit"` // ms, bytes or count
	Value  int64            `json:"value,omitempty"`
	Plans  map[string]int64 `json:"plans,omitempty"` // overrides Value for a plan
	Source string           `json:"source"`
	Note   string           `json:"note,omitempty"`
	Answer LimitAnswer      `json:"answer"`
}

// LimitAnswer is what the platform does when the limit is exceeded: a response (Status,
// Body: nil body is a plain status text) or, for subrequests, an error thrown by fetch
// (Throws; %d is the limit).
type LimitAnswer struct {
	Status int    `json:"status,omitempty"`
	Body   string `json:"body,omitempty"`
	Throws string `json:"throws,omitempty"`
	Source string `json:"source"`
	Note   string `json:"note,omitempty"`
}

// For is the limit's number on plan (0: no such limit on that plan).
func (l *EmulatedLimit) For(plan string) int64 {
	if v, ok := l.Plans[plan]; ok {
		return v
	}
	return l.Value
}

// Plan checks plan ("" for the default) against the target's plans and returns it.
func (e *Emulation) Plan(target, plan string) (string, error) {
	if plan == "" {
		return e.DefaultPlan, nil
	}
	if _, ok := e.Plans[plan]; !ok {
		names := make([]string, 0, len(e.Plans))
		for p := range e.Plans {
			names = append(names, p)
		}
		sort.Strings(names)
		return "", fmt.Errorf("%s has no plan %q; its plans: %s (default %s)", target, plan, strings.Join(names, ", "), e.DefaultPlan)
	}
	return plan, nil
}

// LimitsTable renders the model's limits as the Markdown table of README.md's Targets
// section: one row per kind of limit (in the order they first appear), one column per
// target. TestReadmeTargetsTablesMatchTheModel keeps the README equal to it.
func LimitsTable() string {
	m := Targets()
	var rows []string
	cells := map[string]map[string]string{}
	for _, t := range m.Order {
		for _, l := range m.Targets[t].Limits {
			if cells[l.What] == nil {
				rows = append(rows, l.What)
				cells[l.What] = map[string]string{}
			}
			src := "(" + l.Source + ")"
			if strings.HasPrefix(l.Source, "https://") {
				src = "([source](" + l.Source + "))"
			}
			cells[l.What][t] = l.Value + " " + src
		}
	}
	var b strings.Builder
	b.WriteString("| |")
	for _, t := range m.Order {
		fmt.Fprintf(&b, " %s (`%s`) |", m.Targets[t].Name, t)
	}
	b.WriteString("\n| --- |" + strings.Repeat(" --- |", len(m.Order)) + "\n")
	for _, r := range rows {
		b.WriteString("| " + r + " |")
		for _, t := range m.Order {
			c, ok := cells[r][t]
			if !ok {
				c = "— (does not apply)"
			}
			b.WriteString(" " + c + " |")
		}
		b.WriteString("\n")
	}
	return b.String()
}

// EmulationTable renders what kitwasm serve --target enforces, one row per limit and plan,
// for README.md (kept equal by TestReadmeTargetsTablesMatchTheModel).
func EmulationTable() string {
	m := Targets()
	var b strings.Builder
	b.WriteString("| target | limit | value | over it, the request gets |\n| --- | --- | --- | --- |\n")
	for _, t := range m.Order {
		e := m.Targets[t].Emulate
		if e == nil {
			continue
		}
		keys := make([]string, 0, len(e.Limits))
		for k := range e.Limits {
			keys = append(keys, k)
		}
		sort.Slice(keys, func(i, j int) bool { return limitOrder(keys[i]) < limitOrder(keys[j]) })
		for _, k := range keys {
			l := e.Limits[k]
			fmt.Fprintf(&b, "| `%s` | %s | %s | %s |\n", t, l.What, l.Describe(e), l.Answer.Describe())
		}
	}
	return b.String()
}

// LimitKeys are the keys of Emulation.Limits in the order start-up and the README list them.
var LimitKeys = []string{"cpu", "wall", "memory", "subrequests", "requestBody", "url", "requestHeaders", "requestHeader", "responseHeaders", "responseHeader"}

func limitOrder(k string) int {
	if i := slices.Index(LimitKeys, k); i >= 0 {
		return i
	}
	return len(LimitKeys)
}

// Describe is the limit's number per plan, e.g. "10 ms (free), 30000 ms (paid)".
func (l *EmulatedLimit) Describe(e *Emulation) string {
	if len(l.Plans) == 0 {
		return FormatLimit(l.Value, l.Unit)
	}
	plans := make([]string, 0, len(e.Plans))
	for p := range e.Plans {
		plans = append(plans, p)
	}
	sort.Strings(plans)
	var parts []string
	for _, p := range plans {
		def := ""
		if p == e.DefaultPlan {
			def = ", the default"
		}
		parts = append(parts, fmt.Sprintf("%s (`--plan %s`%s)", FormatLimit(l.For(p), l.Unit), p, def))
	}
	return strings.Join(parts, "; ")
}

// Describe says what the platform answers, in Markdown (Text: in plain text).
func (a LimitAnswer) Describe() string { return a.describe(true) }

// Text says what the platform answers, in plain text.
func (a LimitAnswer) Text() string { return a.describe(false) }

func (a LimitAnswer) describe(markdown bool) string {
	var s string
	switch {
	case a.Throws != "":
		s = fmt.Sprintf("fetch() rejects: %q", a.Throws)
	case a.Body != "":
		s = fmt.Sprintf("%d, body %q", a.Status, a.Body)
	default:
		s = fmt.Sprintf("%d", a.Status)
	}
	src := a.Source
	if markdown && strings.HasPrefix(src, "https://") {
		src = "[source](" + src + ")"
	}
	if a.Note != "" {
		src += "; " + a.Note
	}
	return s + " (" + src + ")"
}

// FormatLimit writes a limit's number with its unit.
func FormatLimit(v int64, unit string) string {
	switch unit {
	case "ms":
		if v >= 1000 && v%1000 == 0 {
			return fmt.Sprintf("%d s", v/1000)
		}
		return fmt.Sprintf("%d ms", v)
	case "bytes":
		switch {
		case v >= 1<<20 && v%(1<<20) == 0:
			return fmt.Sprintf("%d MiB", v>>20)
		case v >= 1<<10 && v%(1<<10) == 0:
			return fmt.Sprintf("%d KiB", v>>10)
		}
		return fmt.Sprintf("%d bytes", v)
	}
	return fmt.Sprintf("%d", v)
}
