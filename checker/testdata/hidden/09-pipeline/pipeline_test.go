// Package pipeline's hidden tests (lesson 09): each runs its scenario
// (package scenario, beside this file: compiled once and cached) on the
// learner's Merge and Map, instantiated here as Merge[int] and
// Map[int, string]. Every scenario runs in a synctest bubble or under
// explored schedules, every wait bounded in virtual time (see the
// scenario package).
//
// The contract (COURSE.md, "09-pipeline"; the lesson's "How it is graded")
// and the test that fails when a sentence of it is broken:
//
//	Merge sends every value received from every input            TestMergeForwardsEveryValue, TestMergeSlowReaderGetsEveryValue,
//	                                                              TestMergeExploredKeepsEveryValue
//	... and closes it once every input is closed                 TestMergeForwardsEveryValue (closed at the last close, not the first;
//	                                                              a second close panics), TestMergeExploredClosesOnce
//	... or ctx is done; its goroutines return promptly without   TestMergeStopsWhenTheConsumerCancels (no goroutine of Merge left
//	    waiting for inputs or for a reader                        once the bubble settles after cancel, out closed; leaks reported)
//	every goroutine it started has returned when out is closed   TestMergeStopsWhenTheConsumerCancels, TestMergeForwardsEveryValue
//	                                                              (the bubble's leak check)
//	Map calls fn on each value of in                             TestMapKeepsInputOrder
//	... at most workers calls at once                            TestMapRunsAtMostWorkersCalls
//	... results on out in the order of their inputs              TestMapKeepsInputOrder
//	the number of goroutines does not grow with the values       TestMapGoroutinesDoNotGrowWithValues (100 values vs 20)
//	at the first error: no new call starts                       TestMapStopsAtTheFirstError
//	... calls in flight see their context cancelled              TestMapStopsAtTheFirstError
//	... what is sent is an in-order prefix, nothing from the      TestMapStopsAtTheFirstError
//	    failing input or after it
//	... wait returns that error (not the Canceled of the others)  TestMapStopsAtTheFirstError
//	when ctx is done it stops, wait returns ctx's error           TestMapStopsWhenTheConsumerCancels
//	out closed only after every goroutine that could send on it   TestMapClosesOutAfterEverySender, TestMapExploredClosesAfterEverySender
//	    has returned (a send on a closed channel panics)
//	wait returns only when every goroutine Map started returned  TestMapStopsAtTheFirstError, TestMapKeepsInputOrder (no fn call
//	                                                              still running when wait returns), the bubbles' leak check
//	nil when in was closed and every call succeeded              TestMapKeepsInputOrder
//	the caller reads out until closed, or cancels ctx            TestMapStopsWhenTheConsumerCancels (nothing left behind)
//
// The mistakes of COURSE.md and the fixture that proves each is caught are
// in checker/testdata/fixtures/09-pipeline/*/fixture.toml.
package pipeline

import (
	"testing"

	gcscenario "GOCOURSE_SCENARIO"
)

var l09API = gcscenario.API{Merge: Merge[int], Map: Map[int, string]}

func TestMergeForwardsEveryValue(t *testing.T) { gcscenario.MergeForwardsEveryValue(t, l09API) }
func TestMergeSlowReaderGetsEveryValue(t *testing.T) {
	gcscenario.MergeSlowReaderGetsEveryValue(t, l09API)
}
func TestMergeExploredKeepsEveryValue(t *testing.T) {
	gcscenario.MergeExploredKeepsEveryValue(t, l09API)
}
func TestMergeExploredClosesOnce(t *testing.T) { gcscenario.MergeExploredClosesOnce(t, l09API) }
func TestMergeStopsWhenTheConsumerCancels(t *testing.T) {
	gcscenario.MergeStopsWhenTheConsumerCancels(t, l09API)
}
func TestMapClosesOutAfterEverySender(t *testing.T) {
	gcscenario.MapClosesOutAfterEverySender(t, l09API)
}
func TestMapKeepsInputOrder(t *testing.T)        { gcscenario.MapKeepsInputOrder(t, l09API) }
func TestMapRunsAtMostWorkersCalls(t *testing.T) { gcscenario.MapRunsAtMostWorkersCalls(t, l09API) }
func TestMapGoroutinesDoNotGrowWithValues(t *testing.T) {
	gcscenario.MapGoroutinesDoNotGrowWithValues(t, l09API)
}
func TestMapStopsAtTheFirstError(t *testing.T) { gcscenario.MapStopsAtTheFirstError(t, l09API) }
func TestMapStopsWhenTheConsumerCancels(t *testing.T) {
	gcscenario.MapStopsWhenTheConsumerCancels(t, l09API)
}
func TestMapExploredClosesAfterEverySender(t *testing.T) {
	gcscenario.MapExploredClosesAfterEverySender(t, l09API)
}
