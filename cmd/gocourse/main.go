// Command gocourse is an interactive, bilingual course on owning a
// goroutine's whole life. See `gocourse help`.
package main

import (
	"context"
	"os"
	"os/signal"
	"syscall"

	"github.com/gocourse/gocourse/internal/cli"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := cli.Main(ctx, os.Args[1:], os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}
