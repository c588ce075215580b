package cli

import (
	"context"
	"io"
	"os"
	"os/signal"
	"slices"

	"github.com/kitwasm/kitwasm/adapter"
	"github.com/kitwasm/kitwasm/edge"
)

const buildUsage = `usage: kitwasm build <handoff.json>            (run by @kitwasm/adapter during vite build; build an app with ` + "`npx vite build`" + `)
       kitwasm build --target fastly <build dir>   (the Fastly Compute package of an existing build: <build dir>/fastly/<name>.tar.gz; needs Go)`

// build is run by @kitwasm/adapter at the end of `vite build`: kitwasm build <handoff.json>;
// with 'fastly' in the adapter's targets it also writes the Compute package. kitwasm build
// --target fastly <build dir> writes that package for an existing build.
func build(args []string, stdout, stderr io.Writer) error {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	if len(args) == 3 && (args[0] == "--target" || args[0] == "-target") {
		if args[1] != "fastly" {
			return usagef("kitwasm build --target %s: the only target built this way is fastly (cloudflare's layout is written by the adapter when targets has 'cloudflare')\n%s", args[1], buildUsage)
		}
		m, err := edge.ReadManifest(args[2])
		if err != nil {
			return err
		}
		_, err = buildFastly(ctx, args[2], m, stdout)
		return err
	}
	if len(args) != 1 || args[0] == "-h" || args[0] == "--help" {
		return usagef("%s", buildUsage)
	}
	h, err := adapter.ReadHandoff(args[0])
	if err != nil {
		return err
	}
	m, err := adapter.Build(ctx, h, stdout)
	if err != nil {
		return err
	}
	if slices.Contains(h.Targets, "fastly") {
		_, err = buildFastly(ctx, h.Out, m, stdout)
	}
	return err
}
