package cli

import (
	"context"
	"io"
	"os"
	"os/signal"

	"github.com/kitwasm/kitwasm/adapter"
)

// build is run by @kitwasm/adapter at the end of `vite build`: kitwasm build <handoff.json>.
func build(args []string, stdout, stderr io.Writer) error {
	if len(args) != 1 || args[0] == "-h" || args[0] == "--help" {
		return usagef("usage: kitwasm build <handoff.json> (run by @kitwasm/adapter during vite build; build an app with `npx vite build`)")
	}
	h, err := adapter.ReadHandoff(args[0])
	if err != nil {
		return err
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	_, err = adapter.Build(ctx, h, stdout)
	return err
}
