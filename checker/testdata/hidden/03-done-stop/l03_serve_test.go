package main

import (
	"testing"

	sc "GOCOURSE_SCENARIO"
)

// Scenarios of serve(ln, h, stop): see scenario/serve.go.

func TestServeServesUntilStopIsClosedThenReturnsNil(t *testing.T) {
	sc.ServeServesUntilStopIsClosedThenReturnsNil(t, l03API)
}
func TestServeLetsRequestInFlightFinishAfterStop(t *testing.T) {
	sc.ServeLetsRequestInFlightFinishAfterStop(t, l03API)
}
func TestServeReturnsTheErrorWhenServingFails(t *testing.T) {
	sc.ServeReturnsTheErrorWhenServingFails(t, l03API)
}
func TestServeLetsRequestInFlightFinishWhenServingFails(t *testing.T) {
	sc.ServeLetsRequestInFlightFinishWhenServingFails(t, l03API)
}
func TestServeKeepsDrainingWhenStopClosesAfterAFailure(t *testing.T) {
	sc.ServeKeepsDrainingWhenStopClosesAfterAFailure(t, l03API)
}
