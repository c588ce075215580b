package cli

import (
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"path"
	"strings"
	"text/tabwriter"

	"github.com/kitwasm/kitwasm/adapter"
	"github.com/kitwasm/kitwasm/edge"
)

// check: kitwasm check [--json] [build dir]. One row per route: prerendered, uses read(), the
// server assets it references, and for every known target whether it runs there; then, for
// each route that uses read(), every target's reason. Exit status 1 when a route fails one
// of the build's targets (the adapter option targets), so that CI can gate on it.
func check(args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("check", flag.ContinueOnError)
	fs.SetOutput(stderr)
	asJSON := fs.Bool("json", false, "print the answers as JSON (what checkRoutes from @kitwasm/adapter returns)")
	fs.Usage = func() {
		fmt.Fprintln(fs.Output(), "usage: kitwasm check [--json] [build dir (default build)]")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		if err == flag.ErrHelp {
			return err
		}
		return usageError{err}
	}
	if fs.NArg() > 1 {
		return usagef("want at most one build directory, got %d arguments", fs.NArg())
	}
	dir := "build"
	if fs.NArg() == 1 {
		dir = fs.Arg(0)
	}
	m, err := edge.ReadManifest(dir)
	if err != nil {
		return err
	}
	rep, err := adapter.Check(dir, m)
	if err != nil {
		return err
	}
	if *asJSON {
		b, _ := json.MarshalIndent(rep, "", "  ")
		fmt.Fprintf(stdout, "%s\n", b)
	} else {
		printCheck(stdout, rep)
	}
	if fails := failingRoutes(rep); len(fails) > 0 {
		return fmt.Errorf("%s cannot run on every target in targets: %s", plural(len(fails), "route"), strings.Join(fails, ", "))
	}
	return nil
}

// failingRoutes lists "route (target, ...)" for each route that fails a build target.
func failingRoutes(rep *adapter.CheckReport) []string {
	var out []string
	byRoute := map[string][]string{}
	for _, f := range rep.Failures() {
		if byRoute[f.Route] == nil {
			out = append(out, f.Route)
		}
		byRoute[f.Route] = append(byRoute[f.Route], f.Target)
	}
	for i, r := range out {
		out[i] = r + " (" + strings.Join(byRoute[r], ", ") + ")"
	}
	return out
}

func plural(n int, word string) string {
	if n == 1 {
		return "1 " + word
	}
	return fmt.Sprintf("%d %ss", n, word)
}

func printCheck(w io.Writer, rep *adapter.CheckReport) {
	model := adapter.Targets()
	fmt.Fprintf(w, "targets: %s (a route failing one of them fails the check)\n\n", strings.Join(rep.Targets, ", "))
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	head := []string{"ROUTE", "PRERENDERED", "READ", "SERVER ASSETS"}
	for _, t := range model.Order {
		head = append(head, strings.ToUpper(t))
	}
	fmt.Fprintln(tw, strings.Join(head, "\t"))
	for _, r := range rep.Routes {
		var assets []string
		for _, a := range r.Assets {
			assets = append(assets, fmt.Sprintf("%s (%s)", path.Base(a.File), adapter.FormatSize(a.Size)))
		}
		cells := []string{r.ID, yesNo(r.Prerendered), yesNo(r.Read), orDash(strings.Join(assets, ", "))}
		for _, s := range r.Support {
			cell := yesNo(s.Supported)
			if s.Mode != "" {
				cell += " (" + s.Mode + ")"
			}
			cells = append(cells, cell)
		}
		fmt.Fprintln(tw, strings.Join(cells, "\t"))
	}
	tw.Flush()
	for _, r := range rep.Routes {
		if !r.Read || r.Prerendered {
			continue
		}
		fmt.Fprintf(w, "\n%s uses read():\n", r.ID)
		for _, s := range r.Support {
			fmt.Fprintf(w, "  %-10s  %-3s  %s\n", s.Target, yesNo(s.Supported), s.Reason)
			if s.Fix != "" {
				fmt.Fprintf(w, "  %-10s  %-3s  fix: %s\n", "", "", s.Fix)
			}
		}
	}
	if rep.OK {
		fmt.Fprintf(w, "\nok: every route runs on %s\n", strings.Join(rep.Targets, ", "))
	} else {
		fmt.Fprintf(w, "\nFAIL: %s cannot run on every target in targets\n", plural(len(failingRoutes(rep)), "route"))
	}
}

func yesNo(b bool) string {
	if b {
		return "yes"
	}
	return "no"
}

func orDash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}
