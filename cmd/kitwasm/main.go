// Command kitwasm runs SvelteKit apps and module workers inside a WebAssembly sandbox.
// Run `kitwasm help` for the commands.
package main

import (
	"os"

	"github.com/kitwasm/kitwasm/internal/cli"
)

func main() { os.Exit(cli.Main(os.Args[1:], os.Stdout, os.Stderr)) }
