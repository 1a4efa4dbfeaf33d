// Package group: the hidden tests of lesson 08 (errgroup). Each runs its
// scenario (package scenario, beside this file: compiled once and cached) on
// the learner's Group and WithContext. Every test but the panic test runs in
// a synctest bubble (l08Bubble) or under explored schedules (l08Explore),
// with virtual time and GOMAXPROCS(1) so that a file gets the same verdict
// every time; every wait for the learner's code is bounded (l08Within,
// l08Now). Only TestL08_WaitWaitsForEveryF calls Wait right after Go; the
// others let the goroutines start first, so that an Add inside the goroutine
// is reported once, there.
//
// Each sentence of the contract (COURSE.md, "08-errgroup") and of the
// lesson's "How it is graded", and the test that fails when it is broken:
//
//	Wait returns once every f has returned                TestL08_WaitWaitsForEveryF (Add inside the new goroutine: Wait returns before f ran)
//	... with the first non-nil error                      TestL08_WaitReturnsTheFirstErrorInTime (last error, first-started f's error)
//	the first error recorded with synchronisation         TestL08_FirstErrorUnderSimultaneousErrors (race detector; Wait's error == the cause)
//	ctx cancelled, cause = first error, as soon as it     TestL08_ContextCancelledAtTheFirstError (checked before Wait is called)
//	  happens
//	... and in any case when Wait returns                 TestL08_ContextCancelledWhenWaitReturns (not before, while f's succeed)
//	the context is derived from the caller's              TestL08_WithContextDerivesFromTheParent
//	Go blocks while n goroutines are active               TestL08_GoBlocksAtTheLimit (limit ignored; slot awaited in a goroutine)
//	never more than n f's at once; slots given back once  TestL08_LimitIsNeverExceeded (slot released early or twice)
//	TryGo starts f only if no waiting is needed, reports  TestL08_TryGo, TestL08_TryGoConcurrently (TryGo blocks, exceeds the limit)
//	a negative limit means none                           TestL08_NegativeLimitMeansNone
//	the zero Group is valid                               TestL08_ZeroGroup (and the zero Group of TestL08_WaitWaitsForEveryF)
//	a panic in f is not the group's to recover            TestL08_PanicInFIsNotRecovered (child process)
package group

import (
	"context"
	"testing"

	gcscenario "GOCOURSE_SCENARIO"
)

// l08API hands the learner's Group to the scenarios as an interface. A nil
// *Group from WithContext stays a non-nil interface holding it, so that its
// methods are called with a nil receiver, as they were on the *Group itself.
var l08API = gcscenario.API{
	New: func() gcscenario.Group { return &Group{} },
	WithContext: func(ctx context.Context) (gcscenario.Group, context.Context) {
		g, ctx := WithContext(ctx)
		return g, ctx
	},
}

func TestL08_WaitWaitsForEveryF(t *testing.T) { gcscenario.WaitWaitsForEveryF(t, l08API) }
func TestL08_WaitReturnsTheFirstErrorInTime(t *testing.T) {
	gcscenario.WaitReturnsTheFirstErrorInTime(t, l08API)
}
func TestL08_FirstErrorUnderSimultaneousErrors(t *testing.T) {
	gcscenario.FirstErrorUnderSimultaneousErrors(t, l08API)
}
func TestL08_ContextCancelledAtTheFirstError(t *testing.T) {
	gcscenario.ContextCancelledAtTheFirstError(t, l08API)
}
func TestL08_ContextCancelledWhenWaitReturns(t *testing.T) {
	gcscenario.ContextCancelledWhenWaitReturns(t, l08API)
}
func TestL08_WithContextDerivesFromTheParent(t *testing.T) {
	gcscenario.WithContextDerivesFromTheParent(t, l08API)
}
func TestL08_GoBlocksAtTheLimit(t *testing.T)     { gcscenario.GoBlocksAtTheLimit(t, l08API) }
func TestL08_LimitIsNeverExceeded(t *testing.T)   { gcscenario.LimitIsNeverExceeded(t, l08API) }
func TestL08_TryGo(t *testing.T)                  { gcscenario.TryGo(t, l08API) }
func TestL08_TryGoConcurrently(t *testing.T)      { gcscenario.TryGoConcurrently(t, l08API) }
func TestL08_NegativeLimitMeansNone(t *testing.T) { gcscenario.NegativeLimitMeansNone(t, l08API) }
func TestL08_ZeroGroup(t *testing.T)              { gcscenario.ZeroGroup(t, l08API) }
func TestL08_PanicInFIsNotRecovered(t *testing.T) { gcscenario.PanicInFIsNotRecovered(t, l08API) }
