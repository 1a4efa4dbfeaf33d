package main

import (
	"testing"

	gcscenario "GOCOURSE_SCENARIO"
)

// Hidden tests of lesson 02, as scenarios on the kit's virtual network (in
// package scenario): every test runs in a synctest bubble, on the learner's
// serveApp, serveDebug and run.
var l02API = gcscenario.API{ServeApp: serveApp, ServeDebug: serveDebug, Run: run}

func TestServeAppSaysHelloUntilItsListenerFails(t *testing.T) {
	gcscenario.ServeAppSaysHelloUntilItsListenerFails(t, l02API)
}
func TestServeAppDoesNotExposeTheDebugEndpoints(t *testing.T) {
	gcscenario.ServeAppDoesNotExposeTheDebugEndpoints(t, l02API)
}
func TestServeDebugServesPprofUntilItsListenerFails(t *testing.T) {
	gcscenario.ServeDebugServesPprofUntilItsListenerFails(t, l02API)
}
func TestRunStopsAppWhenDebugServerFails(t *testing.T) {
	gcscenario.RunStopsAppWhenDebugServerFails(t, l02API)
}
func TestRunStopsDebugWhenAppServerFails(t *testing.T) {
	gcscenario.RunStopsDebugWhenAppServerFails(t, l02API)
}
