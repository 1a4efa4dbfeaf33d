// Command server serves an application and a debug endpoint (pprof) on two
// listeners, and owns both: when either stops, for whatever reason, the other
// is shut down gracefully, and the program ends only after both have ended.
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

// serve serves h on ln until stop is closed, then shuts the server down
// gracefully and returns nil. If serving fails first, it returns that error.
// Either way it returns only when every goroutine it started has ended.
func serve(ln net.Listener, h http.Handler, stop <-chan struct{}) error {
	srv := &http.Server{Handler: h}

	// Serve blocks, so it runs in a goroutine that serve owns: its result
	// arrives on served (buffered, so the send never blocks), and serve does
	// not return before it has received it.
	served := make(chan error, 1)
	go func() { served <- srv.Serve(ln) }()

	select {
	case <-stop:
		// Shutdown closes the listener, which makes Serve return
		// http.ErrServerClosed at once, then waits for the requests in
		// flight to complete. Only when Shutdown returns is the server done.
		err := srv.Shutdown(context.Background())
		<-served // http.ErrServerClosed: it means "stopped as asked", not a failure
		return err
	case err := <-served:
		// Serving failed before anyone asked us to stop. Serve does not wait
		// for the connections it accepted: their goroutines may still be
		// handling requests. Shutdown lets them finish, so nothing serve
		// started outlives it.
		_ = srv.Shutdown(context.Background())
		return err
	}
}

// run serves appH on app and debugH on debug. When the first server returns,
// it tells the other to stop, waits for both and returns the first non-nil
// error.
func run(app, debug net.Listener, appH, debugH http.Handler) error {
	done := make(chan error, 2) // one slot per server: nobody blocks sending
	stop := make(chan struct{}) // closed once, by run alone, to stop both

	go func() { done <- serve(app, appH, stop) }()
	go func() { done <- serve(debug, debugH, stop) }()

	err := <-done // the first server ended: stop the other one
	close(stop)   // only run closes stop, and only here, so it happens once
	if err2 := <-done; err == nil {
		err = err2
	}
	return err
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
