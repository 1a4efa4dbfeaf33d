package main

import (
	"testing"

	gcscenario "GOCOURSE_SCENARIO"
)

// Scenarios of run(app, debug, appH, debugH): see scenario/run.go.

func TestRunStopsTheDebugServerWhenTheAppServerFails(t *testing.T) {
	gcscenario.RunStopsTheDebugServerWhenTheAppServerFails(t, l03API)
}
func TestRunStopsTheAppServerWhenTheDebugServerFails(t *testing.T) {
	gcscenario.RunStopsTheAppServerWhenTheDebugServerFails(t, l03API)
}
func TestRunWaitsForRequestInFlightOnTheOtherServer(t *testing.T) {
	gcscenario.RunWaitsForRequestInFlightOnTheOtherServer(t, l03API)
}
func TestRunReturnsWhenBothServersFailAtOnce(t *testing.T) {
	gcscenario.RunReturnsWhenBothServersFailAtOnce(t, l03API)
}
