// Hidden tests of lesson 01 (01-busy-main). Every sentence of the contract
// (COURSE.md) and of "How it is graded" (content/{en,zh}/01-busy-main.md),
// and the test that fails when it is broken; fixtures under
// checker/testdata/fixtures/01-busy-main prove each one.
//
//	sentence                                              test (fixture)
//	hello: GET / -> 200 "Hello\n"                         TestHelloSaysHello
//	run serves h on ln                                    TestRunServesUntilCtxIsCancelled
//	it blocks until ctx is done or serving fails          TestRunServesUntilCtxIsCancelled (wrong-returns-at-once)
//	on ctx done: graceful, in-flight requests complete    TestRunWaitsForInFlightRequestBeforeReturning (wrong-close-not-shutdown)
//	returns nil only after Shutdown has finished          TestRunWaitsForInFlightRequestBeforeReturning (wrong-returns-before-shutdown-finishes, wrong-shutdown-with-cancelled-ctx)
//	ErrServerClosed is not an error to report             TestRunServesUntilCtxIsCancelled, TestRunWaits... (wrong-returns-err-server-closed)
//	serving fails -> run returns that error               TestRunReturnsErrorWhenListenerBreaks (wrong-ignores-serve-failure)
//	it never exits the process                            TestOnlyMainMayExitTheProcess (wrong-log-fatal-in-run, wrong-os-exit-in-run)
//	in-flight requests' contexts are not cancelled        TestRunWaitsForInFlightRequestBeforeReturning, SlowCtx (wrong-base-context-from-ctx)
//	a bounded shutdown that gives up says so (non-nil)    TestRunThatGivesUpOnShutdownSaysSo (wrong-bounded-shutdown-returns-nil)
//	nothing run started still runs when it returns        every run test's gk.Inside check; the bubble's leak check
//	                                                      (wrong-watcher-leaks-on-failure, wrong-unbuffered-result)
//	returns within 2 s after ctx done / listener broke    the l01Wait bounds of each run test
//	the server no longer answers once run returned        TestRunServesUntilCtxIsCancelled
//	no select {} (main parked)                            TestNoEmptySelectParksAGoroutine (wrong-select-in-main)
//	a goroutine left behind                               the bubble of every test (wrong-unbuffered-result)
package main

import (
	"testing"

	gcscenario "GOCOURSE_SCENARIO"
)

// Static rules of lesson 01 (package scenario, beside this file: compiled
// once and cached). This file sorts first, so these run before any test that
// could end the whole process through a stray log.Fatal.

func TestNoEmptySelectParksAGoroutine(t *testing.T) { gcscenario.NoEmptySelectParksAGoroutine(t) }
func TestOnlyMainMayExitTheProcess(t *testing.T)    { gcscenario.OnlyMainMayExitTheProcess(t) }
