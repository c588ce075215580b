// Package cli implements the kitwasm command: flags, subcommands and their output.
package cli

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"strings"

	"github.com/kitwasm/kitwasm/jsengine"
)

const usage = `kitwasm runs SvelteKit apps and module workers inside a WebAssembly sandbox
(QuickJS on wazero), the same way locally and at the edge.

Usage:
  kitwasm serve [flags] <build dir>   serve a SvelteKit app built with @kitwasm/adapter
  kitwasm serve [flags] <worker.js>   serve a module worker (export default { fetch })
  kitwasm build <handoff.json>        finish a build (run by @kitwasm/adapter in vite build)
  kitwasm build --target fastly <build dir>   the build's Fastly Compute package (needs Go)
  kitwasm check [--json] [build dir]  which routes run on which targets (exit 1 if one fails)
  kitwasm bench [flags] [app dir]     load-test the app on kitwasm, adapter-node and workerd
  kitwasm version                     print the version
  kitwasm help [command]              show help

Run 'kitwasm help serve' or 'kitwasm help bench' for their flags.
`

// Main runs the command line args and returns the exit status.
func Main(args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		fmt.Fprint(stderr, usage)
		return 2
	}
	var err error
	switch args[0] {
	case "serve":
		err = serve(args[1:], stdout, stderr)
	case "build":
		err = build(args[1:], stdout, stderr)
	case "check":
		err = check(args[1:], stdout, stderr)
	case "bench":
		err = bench(args[1:], stdout, stderr)
	case "version", "--version", "-v":
		fmt.Fprintf(stdout, "kitwasm %s\n", jsengine.Version)
	case "help", "-h", "--help":
		if len(args) > 1 && args[1] == "serve" {
			fs, _ := serveFlags(io.Discard)
			fs.SetOutput(stdout)
			fs.Usage()
			return 0
		}
		if len(args) > 1 && args[1] == "bench" {
			fs, _ := benchFlags(io.Discard)
			fs.SetOutput(stdout)
			fs.Usage()
			return 0
		}
		fmt.Fprint(stdout, usage)
	default:
		fmt.Fprintf(stderr, "kitwasm: unknown command %q\n\n%s", args[0], usage)
		return 2
	}
	if err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return 0
		}
		var ue usageError
		if errors.As(err, &ue) {
			fmt.Fprintf(stderr, "kitwasm %s: %v\n", args[0], err)
			return 2
		}
		fmt.Fprintf(stderr, "kitwasm %s: %v\n", args[0], err)
		return 1
	}
	return 0
}

// usageError is a mistake in the command line (exit status 2).
type usageError struct{ error }

func usagef(format string, a ...any) error { return usageError{fmt.Errorf(format, a...)} }

// listFlag collects a repeatable flag; values may also be comma-separated.
type listFlag []string

func (l *listFlag) String() string { return strings.Join(*l, ",") }

func (l *listFlag) Set(v string) error {
	for _, s := range strings.Split(v, ",") {
		if s = strings.TrimSpace(s); s != "" {
			*l = append(*l, s)
		}
	}
	return nil
}

// envFlag collects repeatable KEY=VALUE flags.
type envFlag map[string]string

func (e envFlag) String() string { return "" }

func (e envFlag) Set(v string) error {
	k, val, ok := strings.Cut(v, "=")
	if !ok || k == "" {
		return fmt.Errorf("%q is not KEY=VALUE", v)
	}
	e[k] = val
	return nil
}
