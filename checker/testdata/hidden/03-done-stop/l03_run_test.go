package main

import (
	"testing"

	sc "GOCOURSE_SCENARIO"
)

// Scenarios of run(app, debug, appH, debugH): see scenario/run.go.

func TestRunStopsTheDebugServerWhenTheAppServerFails(t *testing.T) {
	sc.RunStopsTheDebugServerWhenTheAppServerFails(t, l03API)
}
func TestRunStopsTheAppServerWhenTheDebugServerFails(t *testing.T) {
	sc.RunStopsTheAppServerWhenTheDebugServerFails(t, l03API)
}
func TestRunWaitsForRequestInFlightOnTheOtherServer(t *testing.T) {
	sc.RunWaitsForRequestInFlightOnTheOtherServer(t, l03API)
}
func TestRunReturnsWhenBothServersFailAtOnce(t *testing.T) {
	sc.RunReturnsWhenBothServersFailAtOnce(t, l03API)
}
