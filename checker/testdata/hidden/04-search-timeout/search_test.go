package search

// Hidden tests of lesson 04-search-timeout: each runs its scenario (package
// scenario, beside this file: compiled once and cached) on the learner's
// Process, Timeout and Search.
//
// Every sentence of the contract (COURSE.md and "How it is graded"), and the
// test that fails when it is broken (fixture that proves it):
//
//	Process calls Search and returns its result        TestProcessReturnsTheSearchResult (wrong-sync-search passes here, fails below)
//	gives up after Timeout                             TestProcessGivesUpAfterTimeout (wrong-no-timeout, wrong-timeout-raised)
//	... or when ctx is done, whichever is first        TestProcessStopsWhenCallerCancels, TestProcessHonoursCallerDeadline,
//	                                                   TestProcessKeepsTimeoutWhenCallerDeadlineIsLater (wrong-ignores-callers-ctx)
//	an already cancelled ctx ends Process at once      TestProcessReturnsAtOnceWhenContextAlreadyCancelled (wrong-ignores-callers-ctx)
//	errors.Is(err, DeadlineExceeded / Canceled)        TestProcessTimeoutErrorWrapsDeadlineExceeded (wrong-error-not-wrapped,
//	                                                   wrong-error-formatted-with-v, wrong-timer-returns-nil-error)
//	the caller sees its own reason                     l04CheckEndsWithCaller in the two caller tests (wrong-ignores-callers-ctx)
//	no goroutine stays blocked after Search finishes   TestProcessTimeoutLeavesNothingBehind (wrong-unbuffered, wrong-send-select-on-callers-ctx)
//	no shared variable (race)                          TestProcessTimeoutLeavesNothingBehind under -race (wrong-shared-variable)
//	returns at the moment Search answers (no polling)  l04CheckReturnedWhenSearchAnswered (wrong-polls-for-result)
//	Search's result and error as they are              TestProcessReturnsTheSearchResult, TestProcessReturnsTheSearchError
//	                                                   (wrong-search-error-swallowed, wrong-search-error-wrapped)
//	nothing panics when Process gives up               every test (wrong-close-channel-on-return: send on closed channel)

import (
	"testing"

	gcscenario "GOCOURSE_SCENARIO"
)

var l04API = gcscenario.API{Process: Process, Timeout: Timeout, Search: &Search}

func TestProcessTimeoutLeavesNothingBehind(t *testing.T) {
	gcscenario.ProcessTimeoutLeavesNothingBehind(t, l04API)
}
func TestProcessReturnsTheSearchResult(t *testing.T) {
	gcscenario.ProcessReturnsTheSearchResult(t, l04API)
}
func TestProcessGivesUpAfterTimeout(t *testing.T) { gcscenario.ProcessGivesUpAfterTimeout(t, l04API) }
func TestProcessTimeoutErrorWrapsDeadlineExceeded(t *testing.T) {
	gcscenario.ProcessTimeoutErrorWrapsDeadlineExceeded(t, l04API)
}
func TestProcessStopsWhenCallerCancels(t *testing.T) {
	gcscenario.ProcessStopsWhenCallerCancels(t, l04API)
}
func TestProcessHonoursCallerDeadline(t *testing.T) {
	gcscenario.ProcessHonoursCallerDeadline(t, l04API)
}
func TestProcessReturnsAtOnceWhenContextAlreadyCancelled(t *testing.T) {
	gcscenario.ProcessReturnsAtOnceWhenContextAlreadyCancelled(t, l04API)
}
func TestProcessKeepsTimeoutWhenCallerDeadlineIsLater(t *testing.T) {
	gcscenario.ProcessKeepsTimeoutWhenCallerDeadlineIsLater(t, l04API)
}
func TestProcessReturnsTheSearchError(t *testing.T) {
	gcscenario.ProcessReturnsTheSearchError(t, l04API)
}
