// Hidden tests of lesson 03 (03-done-stop). Every sentence of the contract
// (COURSE.md) and of "How it is graded" (content/{en,zh}/03-done-stop.md),
// and the test that fails when it is broken; fixtures under
// checker/testdata/fixtures/03-done-stop prove each one.
//
//	sentence                                              test (fixture)
//	serve serves until stop is closed                     TestServeServesUntilStopIsClosedThenReturnsNil (wrong-serve-in-background)
//	then shuts down gracefully, in-flight complete        TestServeLetsRequestInFlightFinishAfterStop (wrong-close-instead-of-shutdown)
//	and returns nil (not ErrServerClosed)                 TestServeServesUntil..., TestServeLets...AfterStop (wrong-returns-errserverclosed)
//	serving fails first -> returns that error             TestServeReturnsTheErrorWhenServingFails (wrong-waits-for-stop-after-failure)
//	returns only when nothing it started still runs       every serve test's gk.Inside check (wrong-notes-serve-returns-early)
//	the goroutine waiting on stop left behind on failure  the bubble of TestServeReturnsTheError... (wrong-stop-waiter-left-behind)
//	on failure, requests in flight still finish           TestServeLetsRequestInFlightFinishWhenServingFails (wrong-no-drain-when-serving-fails)
//	a draining serve keeps draining when stop closes      TestServeKeepsDrainingWhenStopClosesAfterAFailure (wrong-drain-abandoned-on-stop)
//	no wait is bounded (10 virtual minutes)               TestServeLets...AfterStop, TestRunWaitsForRequestInFlight... (wrong-bounded-shutdown)
//	run: first returns -> close(stop), wait for both      TestRunStopsThe{Debug,App}Server... (wrong-run-closes-stop-too-late)
//	run waits for the second server                       TestRunWaitsForRequestInFlightOnTheOtherServer (wrong-run-returns-after-first)
//	run returns the first non-nil error                   TestRunStops..., TestRunWaits... (wrong-run-returns-last-error)
//	close(stop) exactly once, both fail at once           TestRunReturnsWhenBothServersFailAtOnce, gn.NetExplore + gn.BreakAll (wrong-double-close)
//	a shared flag written without synchronisation         TestRunReturnsWhenBothServersFailAtOnce (wrong-shared-flag, race)
//	no select {}; no log.Fatal/os.Exit outside main       TestNoEmptySelectAnywhere, TestOnlyMainMayEndTheProcess (wrong-empty-select-in-main, wrong-log-fatal)
package main

// Each test runs its scenario (package scenario, beside these files: compiled
// once and cached) on the learner's serve and run. This file sorts first, so
// the static rules run before any test that a stray log.Fatal could end
// together with the whole process.

import (
	"testing"

	gcscenario "GOCOURSE_SCENARIO"
)

var l03API = gcscenario.API{Serve: serve, Run: run}

func TestNoEmptySelectAnywhere(t *testing.T)    { gcscenario.NoEmptySelectAnywhere(t, l03API) }
func TestOnlyMainMayEndTheProcess(t *testing.T) { gcscenario.OnlyMainMayEndTheProcess(t, l03API) }
