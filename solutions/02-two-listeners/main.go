// Command two-listeners serves the application on one address and the pprof
// debug endpoints on another. When either server stops, the other is
// stopped too, and the program exits with the first error.
package main

import (
	"flag"
	"fmt"
	"log"
	"net"
	"net/http"
	_ "net/http/pprof" // registers /debug/pprof/ on http.DefaultServeMux
	"os"
)

// serveApp serves the application on ln. It does the serving itself: it
// blocks until serving fails and returns that error. Whether it runs in the
// background is the caller's decision.
func serveApp(ln net.Listener) error {
	mux := http.NewServeMux()
	mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprintln(w, "Hello")
	})
	return http.Serve(ln, mux)
}

// serveDebug serves http.DefaultServeMux, where net/http/pprof registered
// its handlers, on ln. Same contract as serveApp.
func serveDebug(ln net.Listener) error {
	return http.Serve(ln, http.DefaultServeMux)
}

// run serves the application on app and the debug endpoints on debug. When
// either server returns, run stops the other by closing its listener, waits
// for both, and returns the first error.
func run(app, debug net.Listener) error {
	// Each goroutine below answers the two questions: it stops when its
	// Serve returns, and run can make it stop by closing its listener. The
	// channel has room for both results, so neither send can block.
	errc := make(chan error, 2)
	go func() { errc <- serveApp(app) }()
	go func() { errc <- serveDebug(debug) }()

	first := <-errc

	// One server is down: take the other one down too. Closing a listener
	// makes its Serve return; closing the one that failed again is harmless.
	app.Close()
	debug.Close()

	<-errc // the second result: run returns only when both have stopped
	return first
}

func main() {
	appAddr := flag.String("app", "127.0.0.1:8081", "address of the application")
	debugAddr := flag.String("debug", "127.0.0.1:8082", "address of the debug endpoints (keep it private)")
	flag.Parse()

	app, err := net.Listen("tcp", *appAddr)
	if err != nil {
		log.Fatal(err)
	}
	debug, err := net.Listen("tcp", *debugAddr)
	if err != nil {
		app.Close()
		log.Fatal(err)
	}
	log.Printf("app on http://%s, debug on http://%s/debug/pprof/", app.Addr(), debug.Addr())

	// main decides that this process ends when run does, and how.
	if err := run(app, debug); err != nil {
		log.Print(err)
		os.Exit(1)
	}
}
