package scenario

import (
	"context"
	"testing"
	"time"

	gk "GOCOURSE_KIT"
)

const l10Delay = 10 * time.Millisecond

// l10Hedge calls Hedged(ctx, l10Query, delay, the world's replicas...) in a
// new world and returns both.
func l10Hedge(t *testing.T, api API, ctx context.Context, delay time.Duration, reps ...l10Rep) (*l10World, l10Outcome) {
	t.Helper()
	w := l10NewWorld(reps...)
	o := l10Call(t, w, "Hedged", func() (string, error) { return api.Hedged(ctx, l10Query, delay, w.queries()...) })
	return w, o
}

const l10ms = time.Millisecond

// L10HedgedWaitsBeforeAskingNext: replica 0 is slow (25ms), replica 1,
// asked at 10ms, answers at 15ms. Replica 2 must never be asked; replica 0
// is cancelled with ErrAnswered and waited for (it takes 2ms to stop).
func L10HedgedWaitsBeforeAskingNext(t *testing.T, api API) {
	gk.Bubble(t, func(t *testing.T) {
		w, o := l10Hedge(t, api, context.Background(), l10Delay,
			l10Rep{mode: l10Honour, work: 25 * l10ms, answer: "r0", linger: 2 * l10ms},
			l10Rep{mode: l10Honour, work: 5 * l10ms, answer: "r1"},
			l10Rep{mode: l10Honour, work: 1 * l10ms, answer: "r2"},
		)
		if !o.ok || !l10CheckStarts(t, w, "Hedged", o, l10Delay, 0, 10*l10ms, l10Never) {
			return
		}
		if l10CheckAnswer(t, "Hedged", o, "r1", "replica 1, asked at 10ms, answered \"r1\" at 15ms, before replica 0") &&
			l10CheckReturnedAt(t, w, "Hedged", o, 17*l10ms) {
			l10CheckCancelled(t, api, w, "Hedged", 0)
		}
	})
}

// L10HedgedAsksNextAtOnceAfterFailure: replica 0 fails at 3ms, so
// replica 1 starts at once (3ms), not at 10ms; replica 1 never answers, so
// replica 2 starts a delay later, at 13ms, and answers at 15ms.
func L10HedgedAsksNextAtOnceAfterFailure(t *testing.T, api API) {
	gk.Bubble(t, func(t *testing.T) {
		w, o := l10Hedge(t, api, context.Background(), l10Delay,
			l10Rep{mode: l10Honour, work: 3 * l10ms, err: l10ErrDown},
			l10Rep{mode: l10Block, linger: 2 * l10ms},
			l10Rep{mode: l10Honour, work: 2 * l10ms, answer: "r2"},
		)
		if !o.ok || !l10CheckStarts(t, w, "Hedged", o, l10Delay, 0, 3*l10ms, 13*l10ms) {
			return
		}
		if l10CheckAnswer(t, "Hedged", o, "r2", "replica 2 answered \"r2\" at 15ms") &&
			l10CheckReturnedAt(t, w, "Hedged", o, 17*l10ms) {
			l10CheckCancelled(t, api, w, "Hedged", 1)
		}
	})
}

// L10HedgedWaitsWhileOthersRun: replica 1 (asked at 10ms) fails at 15ms
// while replica 0 is still running: not every started replica has failed,
// so replica 2 starts a delay after replica 1 started, at 20ms.
func L10HedgedWaitsWhileOthersRun(t *testing.T, api API) {
	gk.Bubble(t, func(t *testing.T) {
		w, o := l10Hedge(t, api, context.Background(), l10Delay,
			l10Rep{mode: l10Block, linger: 2 * l10ms},
			l10Rep{mode: l10Honour, work: 5 * l10ms, err: l10ErrBusy},
			l10Rep{mode: l10Honour, work: 2 * l10ms, answer: "r2"},
		)
		if !o.ok || !l10CheckStarts(t, w, "Hedged", o, l10Delay, 0, 10*l10ms, 20*l10ms) {
			return
		}
		if l10CheckAnswer(t, "Hedged", o, "r2", "replica 2 answered \"r2\" at 22ms") {
			l10CheckReturnedAt(t, w, "Hedged", o, 24*l10ms)
		}
	})
}

// L10HedgedStopsAtLastReplica: two slow replicas; after replica 1 has
// started at 10ms there is nobody left to ask, however often the delay
// passes. Replica 1 answers at 45ms.
func L10HedgedStopsAtLastReplica(t *testing.T, api API) {
	gk.Bubble(t, func(t *testing.T) {
		w, o := l10Hedge(t, api, context.Background(), l10Delay,
			l10Rep{mode: l10Honour, work: 50 * l10ms, answer: "r0", linger: 2 * l10ms},
			l10Rep{mode: l10Honour, work: 35 * l10ms, answer: "r1"},
		)
		if !o.ok || !l10CheckStarts(t, w, "Hedged", o, l10Delay, 0, 10*l10ms) {
			return
		}
		if l10CheckAnswer(t, "Hedged", o, "r1", "replica 1 answered \"r1\" at 45ms") {
			l10CheckReturnedAt(t, w, "Hedged", o, 47*l10ms)
		}
	})
}

// L10HedgedReturnsWhenAllFail: replica 0 fails at 12ms (replica 1 is
// still running), replica 1 at 14ms (now everyone asked has failed: replica
// 2 starts at once), replica 2 at 15ms. Hedged returns then, with the three
// errors joined in replica order.
func L10HedgedReturnsWhenAllFail(t *testing.T, api API) {
	gk.Bubble(t, func(t *testing.T) {
		w, o := l10Hedge(t, api, context.Background(), l10Delay,
			l10Rep{mode: l10Honour, work: 12 * l10ms, err: l10ErrDown},
			l10Rep{mode: l10Honour, work: 4 * l10ms, err: l10ErrBusy},
			l10Rep{mode: l10Honour, work: 1 * l10ms, err: l10ErrGone},
		)
		if !o.ok || !l10CheckStarts(t, w, "Hedged", o, l10Delay, 0, 10*l10ms, 14*l10ms) {
			return
		}
		if l10CheckJoined(t, "Hedged", o.err, l10ErrDown, l10ErrBusy, l10ErrGone) {
			l10CheckReturnedAt(t, w, "Hedged", o, 15*l10ms)
		}
	})
}

// L10HedgedZeroDelayAsksAll: with delay 0 (and with a negative delay)
// every replica is asked at once, as First does.
func L10HedgedZeroDelayAsksAll(t *testing.T, api API) {
	for _, delay := range []time.Duration{0, -l10ms} {
		gk.Bubble(t, func(t *testing.T) {
			w, o := l10Hedge(t, api, context.Background(), delay,
				l10Rep{mode: l10Honour, work: 10 * l10ms, answer: "r0"},
				l10Rep{mode: l10Honour, work: 5 * l10ms, answer: "r1"},
				l10Rep{mode: l10Block, linger: 5 * l10ms},
			)
			if !o.ok || !l10CheckStarts(t, w, "Hedged", o, delay, 0, 0, 0) {
				return
			}
			if l10CheckAnswer(t, "Hedged", o, "r1", "with every replica asked at once, replica 1 answers first, at 5ms") &&
				l10CheckReturnedAt(t, w, "Hedged", o, 10*l10ms) {
				l10CheckCancelled(t, api, w, "Hedged", 2)
			}
		})
	}
}

// L10HedgedStopsWhenCallerCancels: nobody answers; replicas start at 0,
// 10 and 20ms; the caller cancels at 25ms with a cause and each replica takes
// 3ms to stop. Hedged returns at 28ms with the caller's error and cause, and
// starts no replica after 25ms.
func L10HedgedStopsWhenCallerCancels(t *testing.T, api API) {
	gk.Bubble(t, func(t *testing.T) {
		ctx, cancel := context.WithCancelCause(context.Background())
		defer cancel(nil)
		time.AfterFunc(25*l10ms, func() { cancel(l10ErrCallerGone) })
		rep := l10Rep{mode: l10Block, linger: 3 * l10ms}
		w, o := l10Hedge(t, api, ctx, l10Delay, rep, rep, rep, rep, rep)
		if !o.ok || !l10CheckStarts(t, w, "Hedged", o, l10Delay, 0, 10*l10ms, 20*l10ms) {
			return
		}
		for _, e := range w.log {
			if !e.returned && e.at >= 25*l10ms {
				gk.ErrorAt(t, gk.FuncPos(t, "Hedged"),
					"Hedged called replica %d at %v, after the caller's ctx was done at 25ms: once the caller has given up, start nothing new",
					"Hedged 在 %[2]v 调用了副本 %[1]d，而调用方的 ctx 在 25ms 就已结束：调用方放弃之后，不要再启动任何新调用",
					e.i, e.at)
				return
			}
		}
		if l10CheckCallerError(t, "Hedged", ctx, o.err) {
			l10CheckReturnedAt(t, w, "Hedged", o, 28*l10ms)
		}
	})
}

// L10HedgedLeavesNoTimer: replica 0 answers at 5ms, before the delay
// ends. Hedged returns then, and nothing it left behind may start replica 1
// or 2 later: the test watches for another minute of virtual time.
func L10HedgedLeavesNoTimer(t *testing.T, api API) {
	gk.Bubble(t, func(t *testing.T) {
		w, o := l10Hedge(t, api, context.Background(), l10Delay,
			l10Rep{mode: l10Honour, work: 5 * l10ms, answer: "r0"},
			l10Rep{mode: l10Honour, work: 1 * l10ms, answer: "r1"},
			l10Rep{mode: l10Honour, work: 1 * l10ms, answer: "r2"},
		)
		if !o.ok || !l10CheckStarts(t, w, "Hedged", o, l10Delay, 0, l10Never, l10Never) {
			return
		}
		if l10CheckAnswer(t, "Hedged", o, "r0", "replica 0 answered \"r0\" at 5ms, before the delay ended") {
			l10CheckReturnedAt(t, w, "Hedged", o, 5*l10ms)
		}
	})
}

// L10HedgedFailureAtTheDelay, under explored schedules: replica 0 fails
// at 10ms, the very instant the delay ends. Whichever Hedged sees first, it
// starts replica 1 once, at 10ms, and replica 2 a delay after that, at
// 20ms (a stale timer must not start replica 2 at 10ms too).
func L10HedgedFailureAtTheDelay(t *testing.T, api API) {
	gk.Explore(t, 20, func(t *testing.T) {
		w, o := l10Hedge(t, api, context.Background(), l10Delay,
			l10Rep{mode: l10Honour, work: 10 * l10ms, err: l10ErrDown},
			l10Rep{mode: l10Block, linger: 2 * l10ms},
			l10Rep{mode: l10Honour, work: 1 * l10ms, answer: "r2"},
		)
		if !o.ok || !l10CheckStarts(t, w, "Hedged", o, l10Delay, 0, 10*l10ms, 20*l10ms) {
			return
		}
		if l10CheckAnswer(t, "Hedged", o, "r2", "replica 2 answered \"r2\" at 21ms") &&
			l10CheckReturnedAt(t, w, "Hedged", o, 23*l10ms) {
			l10CheckCancelled(t, api, w, "Hedged", 1)
		}
	})
}
