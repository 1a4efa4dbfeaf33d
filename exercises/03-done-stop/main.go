// Command server serves an application and a debug endpoint (pprof) on two
// listeners. This is the chapter notes' done/stop version, adapted to take
// its listeners and handlers as arguments. It looks right, and is not.
package main

import (
	"context"
	"flag"
	"fmt"
	"net"
	"net/http"
	_ "net/http/pprof" // registers /debug/pprof/ on http.DefaultServeMux
	"os"
)

// serve serves h on ln until stop is closed, then shuts down gracefully
// (requests in flight complete) and returns nil. If serving fails first, it
// returns that error. Either way it returns only when nothing it started is
// still running.
func serve(ln net.Listener, h http.Handler, stop <-chan struct{}) error {
	s := http.Server{Handler: h}

	// TODO: this goroutine waits on stop. Who waits for it? And if serving
	// fails first, who ever closes stop for it?
	go func() {
		<-stop
		// TODO: Shutdown waits for the requests in flight. Does anyone
		// wait for Shutdown? Its error is dropped, too.
		s.Shutdown(context.Background())
	}()

	// TODO: Serve returns the moment Shutdown starts, with
	// http.ErrServerClosed. Is that a failure? Is the server done by then?
	// And when Serve fails on its own, are its connections done?
	return s.Serve(ln)
}

// run serves appH on app and debugH on debug. When the first server returns,
// it closes stop exactly once, waits for both and returns the first non-nil
// error.
func run(app, debug net.Listener, appH, debugH http.Handler) error {
	done := make(chan error, 2)
	stop := make(chan struct{})

	go func() {
		done <- serve(debug, debugH, stop)
	}()
	go func() {
		done <- serve(app, appH, stop)
	}()

	// The notes' loop: stopped is only ever touched by this goroutine.
	var first error
	var stopped bool
	for i := 0; i < cap(done); i++ {
		if err := <-done; err != nil && first == nil {
			first = err
		}
		if !stopped {
			stopped = true
			close(stop)
		}
	}
	return first
}

func hello(w http.ResponseWriter, r *http.Request) {
	fmt.Fprintln(w, "Hello")
}

func main() {
	appAddr := flag.String("app", "127.0.0.1:8081", "address of the application server")
	debugAddr := flag.String("debug", "127.0.0.1:8082", "address of the debug (pprof) server")
	flag.Parse()

	app, err := net.Listen("tcp", *appAddr)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	debug, err := net.Listen("tcp", *debugAddr)
	if err != nil {
		app.Close()
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}

	mux := http.NewServeMux()
	mux.HandleFunc("/", hello)
	if err := run(app, debug, mux, http.DefaultServeMux); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}
