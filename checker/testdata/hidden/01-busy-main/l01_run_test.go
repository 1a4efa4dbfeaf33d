package main

import (
	"testing"

	sc "GOCOURSE_SCENARIO"
)

// Scenarios of lesson 01 on the kit's virtual network (see the table in
// l01_a_static_test.go), in package scenario: each runs in a synctest
// bubble, in virtual time, on the learner's hello and run.
var l01API = sc.API{Hello: hello, Run: run}

func TestHelloSaysHello(t *testing.T)               { sc.HelloSaysHello(t, l01API) }
func TestRunServesUntilCtxIsCancelled(t *testing.T) { sc.RunServesUntilCtxIsCancelled(t, l01API) }
func TestRunWaitsForInFlightRequestBeforeReturning(t *testing.T) {
	sc.RunWaitsForInFlightRequestBeforeReturning(t, l01API)
}
func TestRunThatGivesUpOnShutdownSaysSo(t *testing.T) { sc.RunThatGivesUpOnShutdownSaysSo(t, l01API) }

// This test runs last: a log.Fatal on the failure path ends the process here.
func TestRunReturnsErrorWhenListenerBreaks(t *testing.T) {
	sc.RunReturnsErrorWhenListenerBreaks(t, l01API)
}
