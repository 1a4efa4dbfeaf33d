// Command two-listeners serves the application on one address and the pprof
// debug endpoints on another.
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

// serveApp should serve "Hello\n" on ln, block until serving fails, and
// return that error.
//
// For now it is the notes' version that hides a goroutine.
func serveApp(ln net.Listener) error {
	// TODO: who can tell, from the outside, that this goroutine exists?
	// Serve synchronously and let the caller decide what runs in the background.
	go func() {
		mux := http.NewServeMux()
		mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
			fmt.Fprintln(w, "Hello")
		})
		if err := http.Serve(ln, mux); err != nil {
			log.Fatal(err) // TODO: return the error instead
		}
	}()
	return nil
}

// serveDebug should serve http.DefaultServeMux on ln, with the same contract
// as serveApp.
func serveDebug(ln net.Listener) error {
	// TODO: same problems as serveApp.
	go func() {
		if err := http.Serve(ln, http.DefaultServeMux); err != nil {
			log.Fatal(err)
		}
	}()
	return nil
}

// run should run both servers and, when either one returns, stop the other
// (closing its listener is enough), wait for both, and return the first error.
func run(app, debug net.Listener) error {
	serveApp(app)
	serveDebug(debug)

	// TODO: select {} never returns, and notices nothing. Start each server
	// in a goroutine you know how to stop, and wait for their results.
	select {}
}

// main is finished: it is the only place that may end the process.
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

	if err := run(app, debug); err != nil {
		log.Print(err)
		os.Exit(1)
	}
}
