// Command busy-main serves "Hello" over HTTP until it is interrupted.
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

// run serves h on ln. It should block until ctx is done or serving fails,
// shut the server down gracefully on ctx done, and return an error only when
// serving failed.
//
// For now it is the notes' first version: serve in a goroutine, park forever.
func run(ctx context.Context, ln net.Listener, h http.Handler) error {
	// TODO: when will this goroutine stop, and how can run make it stop?
	// TODO: log.Fatal ends the process; return the error to the caller instead.
	go func() {
		if err := http.Serve(ln, h); err != nil {
			log.Fatal(err)
		}
	}()

	// TODO: select {} never returns. Block on something that ends:
	// ctx being done, or serving failing.
	// TODO: on ctx done, use http.Server's Shutdown (not Close), and do not
	// return before Shutdown itself has returned.
	select {}
}

// main is finished: it stops on Ctrl-C or SIGTERM and is the only place
// that may end the process.
func main() {
	addr := flag.String("addr", "127.0.0.1:8081", "address to listen on")
	flag.Parse()

	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)

	ln, err := net.Listen("tcp", *addr)
	if err == nil {
		log.Printf("listening on http://%s", ln.Addr())
		err = run(ctx, ln, http.HandlerFunc(hello))
	}
	stop()
	if err != nil {
		log.Print(err)
		os.Exit(1)
	}
}
