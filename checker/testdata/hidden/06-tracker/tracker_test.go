// Hidden tests of lesson 06-tracker: each runs its scenario (package
// scenario, beside this file: compiled once and cached) on the learner's New
// and ErrClosed.
//
// Every sentence of the contract (COURSE.md and "How it is graded"),
// and the test that fails when it is broken (fixture that proves it):
//
//	Run records queued events one at a time, in order    TestEventsAreRecordedInOrderAndShutdownReturnsNil (wrong-parallel-workers,
//	                                                     wrong-goroutine-per-event, wrong-batch-slice-aliasing)
//	Run returns once Shutdown was called and drained     l06CheckRunReturned in the Shutdown tests (wrong-run-quits-undrained)
//	Event waits for room until ctx is done               TestEventWaitsForRoomUntilItsContextIsDone (wrong-event-ignores-ctx)
//	after Shutdown Event returns ErrClosed, no panic     TestEventAfterShutdownReturnsErrClosed (wrong-send-after-close, wrong-notes-final)
//	once ErrClosed, every later Event too                TestEventAfterShutdownReturnsErrClosed; explored: scenario/stress.go
//	Event racing Shutdown (race, panic, lost event)      scenario/stress.go under gk.Explore (wrong-check-then-send, wrong-close-without-lock,
//	                                                     wrong-recover-send)
//	Shutdown waits until every accepted event recorded   TestShutdownWaitsUntilQueuedEventsAreRecorded (wrong-shutdown-no-wait)
//	... or until ctx is done (ctx's error)               TestShutdownReturnsContextErrorAtItsDeadline (wrong-shutdown-ignores-deadline),
//	                                                     TestShutdownKeepsItsDeadlineWhileEventsWaitForRoom (wrong-rwmutex-blocking-send)
//	safe twice and concurrently; every call waits        TestShutdownCanBeCalledTwiceAndConcurrently (wrong-shutdown-twice-panics)
//	Shutdown with a done ctx still stops new events      TestShutdownWithADoneContextStillStopsNewEvents (wrong-shutdown-done-ctx-returns-early)
//	ErrClosed even when Event's own ctx is done          TestShutdownWithADoneContextStillStopsNewEvents (wrong-event-checks-ctx-first)
package tracker

import (
	"testing"

	gcscenario "GOCOURSE_SCENARIO"
)

// l06API is built when a test starts, as the tests read ErrClosed before.
// A nil *Tracker from New becomes a nil gcscenario.Tracker, which l06Start reports.
func l06API() gcscenario.API {
	return gcscenario.API{
		New: func(buffer int, record func(data string)) gcscenario.Tracker {
			var tr *Tracker = New(buffer, record)
			if tr == nil {
				return nil
			}
			return tr
		},
		ErrClosed: ErrClosed,
	}
}

func TestEventsAreRecordedInOrderAndShutdownReturnsNil(t *testing.T) {
	gcscenario.EventsAreRecordedInOrderAndShutdownReturnsNil(t, l06API())
}
func TestShutdownWaitsUntilQueuedEventsAreRecorded(t *testing.T) {
	gcscenario.ShutdownWaitsUntilQueuedEventsAreRecorded(t, l06API())
}
func TestShutdownReturnsContextErrorAtItsDeadline(t *testing.T) {
	gcscenario.ShutdownReturnsContextErrorAtItsDeadline(t, l06API())
}
func TestEventAfterShutdownReturnsErrClosed(t *testing.T) {
	gcscenario.EventAfterShutdownReturnsErrClosed(t, l06API())
}
func TestEventWaitsForRoomUntilItsContextIsDone(t *testing.T) {
	gcscenario.EventWaitsForRoomUntilItsContextIsDone(t, l06API())
}
func TestShutdownKeepsItsDeadlineWhileEventsWaitForRoom(t *testing.T) {
	gcscenario.ShutdownKeepsItsDeadlineWhileEventsWaitForRoom(t, l06API())
}
func TestShutdownCanBeCalledTwiceAndConcurrently(t *testing.T) {
	gcscenario.ShutdownCanBeCalledTwiceAndConcurrently(t, l06API())
}
func TestShutdownWithADoneContextStillStopsNewEvents(t *testing.T) {
	gcscenario.ShutdownWithADoneContextStillStopsNewEvents(t, l06API())
}
func TestManyConcurrentEventsRacingShutdownLoseNothing(t *testing.T) {
	gcscenario.ManyConcurrentEventsRacingShutdownLoseNothing(t, l06API())
}
