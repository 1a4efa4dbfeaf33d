package replicas

// Hidden tests of lesson 10-first-answer: each runs its scenario (package
// scenario, beside this file: compiled once and cached) on the learner's
// First, Hedged, ErrNoReplicas and ErrAnswered. Every test runs in a synctest
// bubble, in virtual time, against fake replicas that record when they were
// called, when they returned and what context.Cause(ctx) said then (see the
// scenario package's doc).
//
// Contract (COURSE.md and "How it is graded") -> the test that fails when it is broken:
//
//	First sends q to every replica at once                          TestL10FirstReturnsTheFirstAnswer
//	... and returns the first successful answer                      TestL10FirstReturnsTheFirstAnswer, TestL10FirstSameInstant
//	the first reply is not returned when it is an error              TestL10FirstSkipsFailedReplies, TestL10FirstSameInstant
//	the other calls are cancelled with ErrAnswered as cause          TestL10FirstCancelsLosersWithCause, TestL10FirstSameInstant
//	  (never cancelled: First never returns, or the call leaks)      TestL10FirstCancelsLosersWithCause (and the bubble's leak check)
//	returns only after every call it started has returned            TestL10FirstWaitsForLosers, TestL10FirstStopsWhenCallerCancels
//	  (the classic unbuffered First: the losers block on the send)   the bubble's leak check in every First test
//	every replica fails -> errors.Join of their errors               TestL10FirstJoinsErrorsInReplicaOrder
//	  ... in replica order (message and Unwrap tree)                 TestL10FirstJoinsErrorsInReplicaOrder
//	ctx done first -> errors.Is(err, ctx.Err())                      TestL10FirstStopsWhenCallerCancels, TestL10FirstHonoursCallerDeadline
//	  ... and errors.Is(err, context.Cause(ctx))                     TestL10FirstStopsWhenCallerCancels
//	  (the caller's ctx ignored: the calls never stop)               TestL10FirstStopsWhenCallerCancels, TestL10FirstHonoursCallerDeadline
//	no replicas -> ErrNoReplicas (First and Hedged)                  TestL10NoReplicas
//	Hedged starts replica 0, then i+1 delay after i started          TestL10HedgedWaitsBeforeAskingNext
//	  (all at once: replica 2 asked although replica 1 answered)     TestL10HedgedWaitsBeforeAskingNext
//	... or at once when every started replica has failed            TestL10HedgedAsksNextAtOnceAfterFailure, TestL10HedgedFailureAtTheDelay
//	  ... and not while another started replica is still running    TestL10HedgedWaitsWhileOthersRun
//	the next delay counts from that start                            TestL10HedgedAsksNextAtOnceAfterFailure, TestL10HedgedWaitsWhileOthersRun
//	never a replica past the last one                                TestL10HedgedStopsAtLastReplica
//	first success wins, the rest cancelled with ErrAnswered, waited  TestL10HedgedWaitsBeforeAskingNext, TestL10HedgedAsksNextAtOnceAfterFailure
//	all started replicas fail -> joined errors (it returns)          TestL10HedgedReturnsWhenAllFail
//	ctx done -> the caller's error and cause                         TestL10HedgedStopsWhenCallerCancels
//	delay <= 0 starts them all at once                               TestL10HedgedZeroDelayAsksAll
//	no timer left behind (no replica starts after Hedged returned)   TestL10HedgedLeavesNoTimer (and every Hedged test)
//	no goroutine left behind                                         the bubble's leak check in every test

import (
	"context"
	"testing"
	"time"

	gcscenario "GOCOURSE_SCENARIO"
)

// l10API hands the learner's API to the scenarios. First and Hedged take
// the scenario's fakes as this package's Query; the errors are read when a
// test looks at them, as the hidden tests in this package used to.
var l10API = gcscenario.API{
	First: func(ctx context.Context, q string, replicas ...gcscenario.Query) (string, error) {
		return First(ctx, q, l10Queries(replicas)...)
	},
	Hedged: func(ctx context.Context, q string, delay time.Duration, replicas ...gcscenario.Query) (string, error) {
		return Hedged(ctx, q, delay, l10Queries(replicas)...)
	},
	ErrNoReplicas: func() error { return ErrNoReplicas },
	ErrAnswered:   func() error { return ErrAnswered },
}

// l10Queries converts the fakes to Query values (nil stays nil).
func l10Queries(rs []gcscenario.Query) []Query {
	if rs == nil {
		return nil
	}
	qs := make([]Query, len(rs))
	for i, r := range rs {
		qs[i] = Query(r)
	}
	return qs
}

func TestL10FirstReturnsTheFirstAnswer(t *testing.T) {
	gcscenario.L10FirstReturnsTheFirstAnswer(t, l10API)
}
func TestL10FirstCancelsLosersWithCause(t *testing.T) {
	gcscenario.L10FirstCancelsLosersWithCause(t, l10API)
}
func TestL10FirstWaitsForLosers(t *testing.T)     { gcscenario.L10FirstWaitsForLosers(t, l10API) }
func TestL10FirstSkipsFailedReplies(t *testing.T) { gcscenario.L10FirstSkipsFailedReplies(t, l10API) }
func TestL10FirstJoinsErrorsInReplicaOrder(t *testing.T) {
	gcscenario.L10FirstJoinsErrorsInReplicaOrder(t, l10API)
}
func TestL10FirstStopsWhenCallerCancels(t *testing.T) {
	gcscenario.L10FirstStopsWhenCallerCancels(t, l10API)
}
func TestL10FirstHonoursCallerDeadline(t *testing.T) {
	gcscenario.L10FirstHonoursCallerDeadline(t, l10API)
}
func TestL10NoReplicas(t *testing.T)       { gcscenario.L10NoReplicas(t, l10API) }
func TestL10FirstSameInstant(t *testing.T) { gcscenario.L10FirstSameInstant(t, l10API) }
func TestL10HedgedWaitsBeforeAskingNext(t *testing.T) {
	gcscenario.L10HedgedWaitsBeforeAskingNext(t, l10API)
}
func TestL10HedgedAsksNextAtOnceAfterFailure(t *testing.T) {
	gcscenario.L10HedgedAsksNextAtOnceAfterFailure(t, l10API)
}
func TestL10HedgedWaitsWhileOthersRun(t *testing.T) {
	gcscenario.L10HedgedWaitsWhileOthersRun(t, l10API)
}
func TestL10HedgedStopsAtLastReplica(t *testing.T) { gcscenario.L10HedgedStopsAtLastReplica(t, l10API) }
func TestL10HedgedReturnsWhenAllFail(t *testing.T) { gcscenario.L10HedgedReturnsWhenAllFail(t, l10API) }
func TestL10HedgedZeroDelayAsksAll(t *testing.T)   { gcscenario.L10HedgedZeroDelayAsksAll(t, l10API) }
func TestL10HedgedStopsWhenCallerCancels(t *testing.T) {
	gcscenario.L10HedgedStopsWhenCallerCancels(t, l10API)
}
func TestL10HedgedLeavesNoTimer(t *testing.T)     { gcscenario.L10HedgedLeavesNoTimer(t, l10API) }
func TestL10HedgedFailureAtTheDelay(t *testing.T) { gcscenario.L10HedgedFailureAtTheDelay(t, l10API) }
