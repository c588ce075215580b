package cli

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"net/http"
	"slices"
	"strings"
	"time"

	"github.com/kitwasm/kitwasm/adapter"
	"github.com/kitwasm/kitwasm/edge"
	"github.com/kitwasm/kitwasm/wasmhost"
)

// emulation is what kitwasm serve --target cloudflare|fastly changes: the platform's limits
// from adapter/targets.json (emulate), enforced by the runtime (wasmhost.Limits, the engine's
// memory limit, the request deadline) and the edge (body, URL and header sizes), the
// platform's answers when a request goes over one, and read() limited to the server assets
// the platform could serve.
type emulation struct {
	target, plan string
	model        *adapter.Target
	memoryPages  uint32
	timeout      time.Duration // the wall-clock limit, 0: --timeout
	maxBody      int64         // 0: --max-body
	limits       wasmhost.Limits
	edge         func(*edge.Config)
	readable     map[string]string // server asset → "" if the platform serves it, else why not
	lines        []string          // the start-up block
	set          map[string]bool   // the serve flags given
}

// newEmulation reads the model of target on plan. set says which serve flags the user gave:
// those win over the platform's numbers (and the start-up block says so).
func newEmulation(target, plan string, o *serveOptions, set map[string]bool, app *loadedApp, dir string) (*emulation, error) {
	model := adapter.Targets()
	t := model.Targets[target]
	if t == nil {
		return nil, usagef("--target %q: known targets are %s", target, strings.Join(model.Order, ", "))
	}
	if t.Emulate == nil {
		if plan != "" {
			return nil, usagef("--plan: %s has no plans", target)
		}
		return nil, nil // kitwasm itself
	}
	e := t.Emulate
	plan, err := e.Plan(target, plan)
	if err != nil {
		return nil, usageError{fmt.Errorf("--plan: %w", err)}
	}
	em := &emulation{target: target, plan: plan, model: t, set: set}
	get := func(key string) (*adapter.EmulatedLimit, int64) {
		l := e.Limits[key]
		if l == nil {
			return nil, 0
		}
		return l, l.For(plan)
	}
	add := func(key, how string) {
		l, v := get(key)
		if l == nil || v == 0 {
			return
		}
		line := fmt.Sprintf("    %-32s %s", l.What+":", adapter.FormatLimit(v, l.Unit))
		if l.Note != "" {
			line += " (" + l.Note + ")"
		}
		line += ", over it " + l.Answer.Text()
		line += "\n      from " + l.Source
		if how != "" {
			line += "; " + how
		}
		em.lines = append(em.lines, line)
	}
	em.lines = append(em.lines, fmt.Sprintf("  emulating %s (--target %s, --plan %s: %s) with %s", t.Name, target, plan, e.Plans[plan], e.Runtime))
	em.lines = append(em.lines, "    plan: "+e.PlanNote)

	if l, v := get("cpu"); l != nil && v > 0 {
		em.limits.CPUTime = time.Duration(v) * time.Millisecond
		add("cpu", "measured as the CPU time of the isolate's thread while it runs (not while it waits for I/O or timers)")
	}
	if l, v := get("wall"); l != nil && v > 0 {
		if set["timeout"] {
			add("wall", fmt.Sprintf("NOT enforced: --timeout %v given", o.timeout))
		} else {
			em.timeout = time.Duration(v) * time.Millisecond
			add("wall", "")
		}
	} else {
		em.lines = append(em.lines, fmt.Sprintf("    %-32s none on %s; --timeout %v applies", "wall-clock time:", t.Name, o.timeout))
	}
	if l, v := get("memory"); l != nil && v > 0 {
		em.memoryPages, _ = emulatedMemoryPages(target, plan)
		add("memory", "the isolate's Wasm memory; QuickJS's heap limit is 7/8 of it")
	}
	if l, v := get("subrequests"); l != nil && v > 0 {
		em.limits.Subrequests = int(v)
		em.limits.SubrequestError = l.Answer.Throws
		add("subrequests", "every fetch() counts, the app's own origin included")
	}
	if l, v := get("requestBody"); l != nil && v > 0 {
		if set["max-body"] {
			add("requestBody", "NOT enforced: --max-body "+o.maxBody+" given")
		} else {
			em.maxBody = v
			add("requestBody", "")
		}
	} else {
		em.lines = append(em.lines, fmt.Sprintf("    %-32s none stated by %s; --max-body %s applies", "request body:", t.Name, o.maxBody))
	}
	var ec edge.Config
	for key, dst := range map[string]*int{"url": &ec.MaxURLBytes, "requestHeaders": &ec.MaxRequestHeaderBytes, "requestHeader": &ec.MaxRequestFieldBytes, "responseHeaders": &ec.MaxResponseHeaderBytes, "responseHeader": &ec.MaxResponseFieldBytes} {
		if l, v := get(key); l != nil && v > 0 {
			*dst = int(v)
			if strings.HasPrefix(key, "response") {
				ec.ResponseHeaderStatus, ec.ResponseHeaderBody = l.Answer.Status, l.Answer.Body
			}
		}
	}
	for _, key := range []string{"url", "requestHeaders", "requestHeader", "responseHeaders", "responseHeader"} {
		add(key, "")
	}
	em.edge = func(c *edge.Config) {
		c.MaxURLBytes, c.MaxRequestHeaderBytes, c.MaxRequestFieldBytes = ec.MaxURLBytes, ec.MaxRequestHeaderBytes, ec.MaxRequestFieldBytes
		c.MaxResponseHeaderBytes, c.MaxResponseFieldBytes = ec.MaxResponseHeaderBytes, ec.MaxResponseFieldBytes
		c.ResponseHeaderStatus, c.ResponseHeaderBody = ec.ResponseHeaderStatus, ec.ResponseHeaderBody
	}
	em.limits.Fail = em.fail
	if e.Exception != nil {
		em.lines = append(em.lines, fmt.Sprintf("    %-32s %s", "a worker that throws:", e.Exception.Text()))
	}

	// read(): only what the platform could serve.
	if app.manifest != nil {
		if err := em.readRules(dir, app.manifest); err != nil {
			return nil, err
		}
		n := 0
		for _, why := range em.readable {
			if why != "" {
				n++
			}
		}
		em.lines = append(em.lines, fmt.Sprintf("    %-32s %d of the build's %d referenced server assets fail as on %s (kitwasm check says why)", "read():", n, len(em.readable), t.Name))
		if !slices.Contains(app.manifest.Targets, target) {
			em.lines = append(em.lines, fmt.Sprintf("    %-32s the build's targets option lacks '%s', so vite build did not check its routes for %s; kitwasm check does", "note:", target, t.Name))
		}
	}
	return em, nil
}

// emulatedMemoryPages is the isolates' memory limit in pages that --target and --plan set (0:
// the engine's default), known before the app is read so that the engine compiles meanwhile.
// ok is false for a target or plan that newEmulation refuses.
func emulatedMemoryPages(target, plan string) (pages uint32, ok bool) {
	t := adapter.Targets().Targets[target]
	if t == nil {
		return 0, false
	}
	if t.Emulate == nil {
		return 0, plan == ""
	}
	plan, err := t.Emulate.Plan(target, plan)
	if err != nil {
		return 0, false
	}
	if l := t.Emulate.Limits["memory"]; l != nil && l.For(plan) > 0 {
		return uint32(l.For(plan) / 65536), true
	}
	return 0, true
}

// fail renders the platform's answer to a request the runtime failed.
func (em *emulation) fail(status int, err error) (int, [][2]string, []byte) {
	e := em.model.Emulate
	var a *adapter.LimitAnswer
	switch {
	case errors.Is(err, wasmhost.ErrCPUTime):
		a = answerOf(e, "cpu")
	case errors.Is(err, wasmhost.ErrMemory):
		a = answerOf(e, "memory")
	case errors.Is(err, wasmhost.ErrException):
		a = e.Exception
	case status == 503 && em.timeout > 0 && strings.Contains(err.Error(), "time limit"):
		a = answerOf(e, "wall")
	}
	if a == nil || a.Status == 0 {
		return 0, nil, nil
	}
	body := a.Body
	if body == "" {
		body = http.StatusText(a.Status)
	}
	return a.Status, [][2]string{{"content-type", "text/plain; charset=UTF-8"}}, []byte(body)
}

func answerOf(e *adapter.Emulation, key string) *adapter.LimitAnswer {
	if l := e.Limits[key]; l != nil {
		return &l.Answer
	}
	return nil
}

// readRules decides, for every server asset a route references, whether read() could open it
// on the target, from the same answers as kitwasm check: on Cloudflare the files of routes
// that read through the assets binding or embed them, and any file uploaded with the client
// files (kit copies the assets it emits there), each within the per-file limit; on Fastly
// the files of routes that embed them.
func (em *emulation) readRules(dir string, m *edge.Manifest) error {
	rep, err := adapter.Check(dir, m)
	if err != nil {
		return fmt.Errorf("--target %s: %w", em.target, err)
	}
	em.readable = map[string]string{}
	for i, r := range rep.Routes {
		var s adapter.RouteSupport
		for _, x := range r.Support {
			if x.Target == em.target {
				s = x
			}
		}
		for _, a := range m.Routes[i].Assets {
			if prev, ok := em.readable[a.File]; ok && prev == "" {
				continue
			}
			if s.Supported && s.Mode != "" {
				em.readable[a.File] = ""
			} else {
				em.readable[a.File] = fmt.Sprintf("route %s cannot read it on %s: %s", r.ID, em.model.Name, s.Reason)
			}
		}
	}
	if em.target == "cloudflare" {
		max := em.model.Read.Modes["assets"].MaxFileBytes
		for file, why := range em.readable {
			if f := m.Files[m.Base+"/"+file]; why != "" && f != nil && f.Size <= max {
				em.readable[file] = "" // uploaded as a client file: env.ASSETS answers it
			}
		}
	}
	return nil
}

// assets wraps a build's server assets so that read() of a file the target could not serve
// fails as it would there.
// QuickJS cuts an error's message at 255 bytes, so read() throws the platform's short
// message and the reason goes to log.
func (em *emulation) assets(fsys fs.FS, m *edge.Manifest, log io.Writer) fs.FS {
	if em.readable == nil || fsys == nil {
		return fsys
	}
	return &emulatedAssets{FS: fsys, em: em, base: m.Base, log: log, m: m}
}

type emulatedAssets struct {
	fs.FS
	em   *emulation
	base string
	log  io.Writer
	m    *edge.Manifest
}

func (a *emulatedAssets) Open(name string) (fs.File, error) {
	why, known := a.em.readable[name]
	if !known {
		why = "no route of the build references it (kitwasm check lists what each route reads)"
		if f := a.m.Files[a.base+"/"+name]; a.em.target == "cloudflare" && f != nil && f.Size <= a.em.model.Read.Modes["assets"].MaxFileBytes {
			why = "" // a client file: uploaded with the static assets, env.ASSETS answers it
		}
	}
	if why == "" {
		return a.FS.Open(name)
	}
	if _, err := fs.Stat(a.FS, name); err != nil {
		return nil, err // no such file here either: read() answers as for a missing file
	}
	fmt.Fprintf(a.log, "kitwasm: read(%q) fails as on %s: %s\n", name, a.em.model.Name, why)
	switch a.em.target {
	case "cloudflare":
		return nil, fmt.Errorf("the assets binding answered 404 for %s/%s (--target cloudflare: the file is not uploaded nor embedded; the log says why)", a.base, name)
	default:
		return nil, fmt.Errorf("the file is not embedded in the %s package (--target %s; the log says why)", a.em.model.Name, a.em.target)
	}
}

// announce writes the start-up block.
func (em *emulation) announce(w io.Writer) {
	if em == nil {
		return
	}
	fmt.Fprintln(w, strings.Join(em.lines, "\n"))
}

// flagsSet is the names of the flags given on the command line.
func flagsSet(fs *flag.FlagSet) map[string]bool {
	set := map[string]bool{}
	fs.Visit(func(f *flag.Flag) { set[f.Name] = true })
	return set
}

// The methods below apply the emulation to serve's configuration; on nil (--target kitwasm)
// they leave it as it is.

func (em *emulation) memoryLimit() uint32 {
	if em == nil {
		return 0
	}
	return em.memoryPages
}

func (em *emulation) pool(c *wasmhost.PoolConfig, app *loadedApp, log io.Writer) {
	if em == nil {
		return
	}
	c.Limits = em.limits
	if c.Limits.CPUTime > 0 {
		// Say when a request comes close: QuickJS's CPU time is not V8's, and a page near
		// the limit here may be over it after the next change.
		limit := c.Limits.CPUTime
		c.Limits.OnCPU = func(req *wasmhost.Request, used time.Duration) {
			if used >= limit/2 {
				fmt.Fprintf(log, "kitwasm: %s %s used %v of CPU time, %d%% of the limit of %v (--target %s --plan %s)\n",
					req.Method, req.URL, used.Round(100*time.Microsecond), used*100/limit, limit, em.target, em.plan)
			}
		}
	}
	if em.target == "fastly" && !em.set["isolation"] {
		c.Isolation = wasmhost.IsolationRequest // Fastly runs every request in a fresh instance
	}
	if em.timeout > 0 {
		c.RequestTimeout = em.timeout
	}
	if app.manifest != nil {
		c.Assets = em.assets(c.Assets, app.manifest, log)
	}
}

func (em *emulation) edgeConfig(c *edge.Config, log io.Writer) {
	if em == nil {
		return
	}
	if em.maxBody > 0 {
		c.MaxBodyBytes = em.maxBody
	}
	em.edge(c)
	c.OnLimit = func(r *http.Request, reason string) {
		uri := r.URL.RequestURI()
		if len(uri) > 80 {
			uri = uri[:80] + "..."
		}
		fmt.Fprintf(log, "kitwasm: %s %s: refused as on %s: %s\n", r.Method, uri, em.model.Name, reason)
	}
}

// noComputePackage says, before the start-up block, that kitwasm serve --target fastly of a
// build without a Compute package does not run the package: no silent fallback.
func noComputePackage(dir string, w io.Writer) {
	fmt.Fprintf(w, `kitwasm: --target fastly: %[1]s has no Fastly Compute package (%[1]s/fastly/<name>/bin/main.wasm),
  so this is NOT the Compute emulation: the build runs in kitwasm's own runtime with Fastly's limits.
  To run the app as it would run on Compute (its main.wasm, a fresh instance per request, Compute's
  host functions), build the package: add 'fastly' to the adapter's targets option and run vite build,
  or run: kitwasm build --target fastly %[1]s
`, dir)
}
