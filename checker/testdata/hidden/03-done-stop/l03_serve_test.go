package main

import (
	"testing"

	gcscenario "GOCOURSE_SCENARIO"
)

// Scenarios of serve(ln, h, stop): see scenario/serve.go.

func TestServeServesUntilStopIsClosedThenReturnsNil(t *testing.T) {
	gcscenario.ServeServesUntilStopIsClosedThenReturnsNil(t, l03API)
}
func TestServeLetsRequestInFlightFinishAfterStop(t *testing.T) {
	gcscenario.ServeLetsRequestInFlightFinishAfterStop(t, l03API)
}
func TestServeReturnsTheErrorWhenServingFails(t *testing.T) {
	gcscenario.ServeReturnsTheErrorWhenServingFails(t, l03API)
}
func TestServeLetsRequestInFlightFinishWhenServingFails(t *testing.T) {
	gcscenario.ServeLetsRequestInFlightFinishWhenServingFails(t, l03API)
}
func TestServeKeepsDrainingWhenStopClosesAfterAFailure(t *testing.T) {
	gcscenario.ServeKeepsDrainingWhenStopClosesAfterAFailure(t, l03API)
}
