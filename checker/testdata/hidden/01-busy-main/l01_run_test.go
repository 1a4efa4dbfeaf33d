package main

import (
	"testing"

	gcscenario "GOCOURSE_SCENARIO"
)

// Scenarios of lesson 01 on the kit's virtual network (see the table in
// l01_a_static_test.go), in package scenario: each runs in a synctest
// bubble, in virtual time, on the learner's hello and run.
var l01API = gcscenario.API{Hello: hello, Run: run}

func TestHelloSaysHello(t *testing.T) { gcscenario.HelloSaysHello(t, l01API) }
func TestRunServesUntilCtxIsCancelled(t *testing.T) {
	gcscenario.RunServesUntilCtxIsCancelled(t, l01API)
}
func TestRunWaitsForInFlightRequestBeforeReturning(t *testing.T) {
	gcscenario.RunWaitsForInFlightRequestBeforeReturning(t, l01API)
}
func TestRunThatGivesUpOnShutdownSaysSo(t *testing.T) {
	gcscenario.RunThatGivesUpOnShutdownSaysSo(t, l01API)
}

// This test runs last: a log.Fatal on the failure path ends the process here.
func TestRunReturnsErrorWhenListenerBreaks(t *testing.T) {
	gcscenario.RunReturnsErrorWhenListenerBreaks(t, l01API)
}
