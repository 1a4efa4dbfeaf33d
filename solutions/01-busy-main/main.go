// Command busy-main serves "Hello" over HTTP until it is interrupted, then
// shuts down gracefully: requests already in flight are allowed to finish.
package main

import (
	"context"
	"flag"
	"fmt"
	"log"
	"net"
	"net/http"
	"os"
	"os/signal"
	"syscall"
)

// hello answers every request with "Hello\n".
func hello(w http.ResponseWriter, r *http.Request) {
	fmt.Fprintln(w, "Hello")
}

// run serves h on ln and does the serving itself: it blocks until ctx is done
// or serving fails. When ctx is done it shuts the server down gracefully and
// returns Shutdown's result once Shutdown has finished, so nil means every
// in-flight request completed. When serving fails it returns that error.
// It never exits the process: that decision belongs to main.
func run(ctx context.Context, ln net.Listener, h http.Handler) error {
	srv := &http.Server{Handler: h}

	// Serve blocks, so it runs in a goroutine whose end we know: it returns
	// as soon as the server stops, and its one result has a buffered slot, so
	// the send never blocks even when nobody is reading any more.
	served := make(chan error, 1)
	go func() { served <- srv.Serve(ln) }()

	select {
	case err := <-served:
		// Serving failed before anyone asked us to stop (the listener broke).
		return err
	case <-ctx.Done():
	}

	// ctx is already cancelled, so it cannot bound the shutdown: Shutdown
	// would give up at once and leave requests running. Use a fresh context.
	// (A production server would bound this wait with a timeout.)
	err := srv.Shutdown(context.Background())

	// Serve returned http.ErrServerClosed the moment Shutdown started: that
	// is how it is meant to end, not an error. Receive it anyway, so the
	// goroutine is known to be gone before we return.
	<-served
	return err
}

func main() {
	addr := flag.String("addr", "127.0.0.1:8081", "address to listen on")
	flag.Parse()

	// ctx is cancelled on Ctrl-C or SIGTERM; that is how run learns to stop.
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)

	ln, err := net.Listen("tcp", *addr)
	if err == nil {
		log.Printf("listening on http://%s", ln.Addr())
		err = run(ctx, ln, http.HandlerFunc(hello))
	}
	// Deferred calls would be skipped by os.Exit, so clean up explicitly
	// first. main is the only place allowed to decide the process ends.
	stop()
	if err != nil {
		log.Print(err)
		os.Exit(1)
	}
}
