package main

import (
	"testing"

	sc "GOCOURSE_SCENARIO"
)

// Hidden tests of lesson 02, as scenarios on the kit's virtual network (in
// package scenario): every test runs in a synctest bubble, on the learner's
// serveApp, serveDebug and run.
var l02API = sc.API{ServeApp: serveApp, ServeDebug: serveDebug, Run: run}

func TestServeAppSaysHelloUntilItsListenerFails(t *testing.T) {
	sc.ServeAppSaysHelloUntilItsListenerFails(t, l02API)
}
func TestServeAppDoesNotExposeTheDebugEndpoints(t *testing.T) {
	sc.ServeAppDoesNotExposeTheDebugEndpoints(t, l02API)
}
func TestServeDebugServesPprofUntilItsListenerFails(t *testing.T) {
	sc.ServeDebugServesPprofUntilItsListenerFails(t, l02API)
}
func TestRunStopsAppWhenDebugServerFails(t *testing.T) { sc.RunStopsAppWhenDebugServerFails(t, l02API) }
func TestRunStopsDebugWhenAppServerFails(t *testing.T) { sc.RunStopsDebugWhenAppServerFails(t, l02API) }
