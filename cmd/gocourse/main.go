// Command gocourse is an interactive, bilingual course on Go concurrency:
// owning a goroutine's whole life, then the memory model, sync, channels and
// context. See `gocourse help`.
package main

import (
	"context"
	"os"
	"os/signal"
	"syscall"

	"github.com/gocourse/gocourse/internal/cli"
)

func main() {
	// Ctrl-C, a kill and a closed terminal (SIGHUP) all end gocourse the
	// same way: the context is cancelled, a grading in flight is stopped,
	// its process tree killed and its folder removed, the terminal restored.
	// A second signal, should that hang, ends the process at once.
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM, syscall.SIGHUP)
	context.AfterFunc(ctx, stop)
	code := cli.Main(ctx, os.Args[1:], os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}
