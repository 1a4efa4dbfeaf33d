package scenario

import (
	"context"
	"errors"
	"testing"
	"time"

	gk "GOCOURSE_KIT"
)

var (
	l10ErrDown       = errors.New("replica 0: connection refused")
	l10ErrBusy       = errors.New("replica 1: too many requests")
	l10ErrGone       = errors.New("replica 2: no such shard")
	l10ErrCallerGone = errors.New("caller: the user closed the page")
)

// l10Race is the basic scenario: replica 0 answers at 30ms and notices
// cancellation only then; replica 1 answers at 10ms; replica 2 never answers
// and returns as soon as its context is done. First must return "fast" at
// 30ms, after cancelling replicas 0 and 2 with ErrAnswered.
func l10Race(t *testing.T, api API, check func(t *testing.T, w *l10World, o l10Outcome)) {
	gk.Bubble(t, func(t *testing.T) {
		w := l10NewWorld(
			l10Rep{mode: l10Deaf, work: 30 * time.Millisecond, answer: "slow"},
			l10Rep{mode: l10Honour, work: 10 * time.Millisecond, answer: "fast"},
			l10Rep{mode: l10Block},
		)
		o := l10Call(t, w, "First", func() (string, error) { return api.First(context.Background(), l10Query, w.queries()...) })
		if o.ok {
			check(t, w, o)
		}
	})
}

// L10FirstReturnsTheFirstAnswer: every replica is asked at once, and the
// first successful answer is the one returned.
func L10FirstReturnsTheFirstAnswer(t *testing.T, api API) {
	l10Race(t, api, func(t *testing.T, w *l10World, o l10Outcome) {
		if !l10CheckStarts(t, w, "First", o, 0, 0, 0, 0) {
			return
		}
		l10CheckAnswer(t, "First", o, "fast", "replica 1 answered \"fast\" at 10ms, before any other")
	})
}

// L10FirstCancelsLosersWithCause: once replica 1 has answered, replicas
// 0 and 2 see their context cancelled with ErrAnswered as its cause.
func L10FirstCancelsLosersWithCause(t *testing.T, api API) {
	l10Race(t, api, func(t *testing.T, w *l10World, o l10Outcome) {
		if o.err != nil || o.answer != "fast" {
			return // TestL10FirstReturnsTheFirstAnswer reports it
		}
		if l10CheckCancelled(t, api, w, "First", 2) {
			l10CheckCancelled(t, api, w, "First", 0)
		}
	})
}

// L10FirstWaitsForLosers: First returns at 30ms, when the slowest loser
// (replica 0, which notices cancellation late) has returned, not before.
func L10FirstWaitsForLosers(t *testing.T, api API) {
	l10Race(t, api, func(t *testing.T, w *l10World, o l10Outcome) {
		l10CheckReturnedAt(t, w, "First", o, 30*time.Millisecond)
	})
}

// L10FirstSkipsFailedReplies: the first reply is an error; the answer
// that comes after it (10ms) is the one to return, at 15ms, when the loser
// (5ms to stop) has returned.
func L10FirstSkipsFailedReplies(t *testing.T, api API) {
	gk.Bubble(t, func(t *testing.T) {
		w := l10NewWorld(
			l10Rep{mode: l10Honour, work: 5 * time.Millisecond, err: l10ErrDown},
			l10Rep{mode: l10Honour, work: 10 * time.Millisecond, answer: "b"},
			l10Rep{mode: l10Honour, work: 50 * time.Millisecond, answer: "c", linger: 5 * time.Millisecond},
		)
		o := l10Call(t, w, "First", func() (string, error) { return api.First(context.Background(), l10Query, w.queries()...) })
		if !o.ok {
			return
		}
		if l10CheckAnswer(t, "First", o, "b", "replica 0 failed at 5ms, but replica 1 answered \"b\" at 10ms: a failed reply is not an answer, keep waiting for a success") {
			l10CheckReturnedAt(t, w, "First", o, 15*time.Millisecond)
		}
	})
}

// L10FirstJoinsErrorsInReplicaOrder: every replica fails, in the order
// 1, 2, 0; First returns at 20ms with errors.Join of the three errors, in
// replica order.
func L10FirstJoinsErrorsInReplicaOrder(t *testing.T, api API) {
	gk.Bubble(t, func(t *testing.T) {
		w := l10NewWorld(
			l10Rep{mode: l10Honour, work: 20 * time.Millisecond, err: l10ErrDown},
			l10Rep{mode: l10Honour, work: 5 * time.Millisecond, err: l10ErrBusy},
			l10Rep{mode: l10Honour, work: 10 * time.Millisecond, err: l10ErrGone},
		)
		o := l10Call(t, w, "First", func() (string, error) { return api.First(context.Background(), l10Query, w.queries()...) })
		if !o.ok {
			return
		}
		if o.answer != "" {
			gk.ErrorAt(t, gk.FuncPos(t, "First"), "every replica failed, but First returned the answer %q", "每个副本都失败了，First 却返回了答案 %q", o.answer)
		}
		if l10CheckJoined(t, "First", o.err, l10ErrDown, l10ErrBusy, l10ErrGone) {
			l10CheckReturnedAt(t, w, "First", o, 20*time.Millisecond)
		}
	})
}

// l10CheckCallerError reports unless err wraps both ctx.Err() and
// context.Cause(ctx) of the caller's ctx.
func l10CheckCallerError(t *testing.T, fn string, ctx context.Context, err error) bool {
	t.Helper()
	at := gk.FuncPos(t, fn)
	switch {
	case err == nil:
		gk.ErrorAt(t, at, "the caller's ctx was done (%s), but %s returned a nil error",
			"调用方的 ctx 已经结束（%s），%s 却返回了 nil error", l10ErrText(context.Cause(ctx)), fn)
		return false
	case !errors.Is(err, ctx.Err()):
		gk.ErrorAt(t, at, "the caller's ctx was done, but errors.Is(err, ctx.Err()) is false for the error %s returned (%s): wrap ctx.Err() (%s) with %%w",
			"调用方的 ctx 已经结束，但对 %[1]s 返回的 error（%[2]s），errors.Is(err, ctx.Err()) 为 false：要用 %%w 包装 ctx.Err()（%[3]s）",
			fn, l10ErrText(err), l10ErrText(ctx.Err()))
		return false
	case !errors.Is(err, context.Cause(ctx)):
		gk.ErrorAt(t, at, "the caller cancelled with the cause %s, but errors.Is(err, context.Cause(ctx)) is false for the error %s returned (%s): the error hides why the caller gave up. Wrap context.Cause(ctx) too",
			"调用方以 cause %[1]s 取消，但对 %[2]s 返回的 error（%[3]s），errors.Is(err, context.Cause(ctx)) 为 false：这个 error 把调用方放弃的原因藏起来了。把 context.Cause(ctx) 也包装进去",
			l10ErrText(context.Cause(ctx)), fn, l10ErrText(err))
		return false
	}
	return true
}

// L10FirstStopsWhenCallerCancels: no replica answers; the caller cancels
// at 30ms with a cause; each replica takes 5ms to stop. First returns at
// 35ms with an error that wraps both ctx.Err() and the cause.
func L10FirstStopsWhenCallerCancels(t *testing.T, api API) {
	gk.Bubble(t, func(t *testing.T) {
		w := l10NewWorld(
			l10Rep{mode: l10Block, linger: 5 * time.Millisecond},
			l10Rep{mode: l10Block, linger: 5 * time.Millisecond},
			l10Rep{mode: l10Block, linger: 5 * time.Millisecond},
		)
		ctx, cancel := context.WithCancelCause(context.Background())
		defer cancel(nil)
		time.AfterFunc(30*time.Millisecond, func() { cancel(l10ErrCallerGone) })
		o := l10Call(t, w, "First", func() (string, error) { return api.First(ctx, l10Query, w.queries()...) })
		if !o.ok {
			return
		}
		if l10CheckCallerError(t, "First", ctx, o.err) {
			l10CheckReturnedAt(t, w, "First", o, 35*time.Millisecond)
		}
	})
}

// L10FirstHonoursCallerDeadline: the caller's deadline is 40ms; no
// replica answers. First returns at 40ms with a DeadlineExceeded error.
func L10FirstHonoursCallerDeadline(t *testing.T, api API) {
	gk.Bubble(t, func(t *testing.T) {
		w := l10NewWorld(l10Rep{mode: l10Block}, l10Rep{mode: l10Block})
		ctx, cancel := context.WithTimeout(context.Background(), 40*time.Millisecond)
		defer cancel()
		o := l10Call(t, w, "First", func() (string, error) { return api.First(ctx, l10Query, w.queries()...) })
		if !o.ok {
			return
		}
		if l10CheckCallerError(t, "First", ctx, o.err) {
			l10CheckReturnedAt(t, w, "First", o, 40*time.Millisecond)
		}
	})
}

// L10NoReplicas: with nobody to ask, First and Hedged return
// ErrNoReplicas at once.
func L10NoReplicas(t *testing.T, api API) {
	for _, fn := range []string{"First", "Hedged"} {
		gk.Bubble(t, func(t *testing.T) {
			w := l10NewWorld()
			o := l10Call(t, w, fn, func() (string, error) {
				if fn == "First" {
					return api.First(context.Background(), l10Query)
				}
				return api.Hedged(context.Background(), l10Query, 10*time.Millisecond)
			})
			if o.ok && !errors.Is(o.err, api.ErrNoReplicas()) {
				gk.ErrorAt(t, gk.FuncPos(t, fn), "%s with no replicas returned (%q, %s); it should return ErrNoReplicas",
					"没有副本时 %s 返回了 (%q, %s)；它应当返回 ErrNoReplicas", fn, o.answer, l10ErrText(o.err))
			}
			if o.ok && o.at != 0 {
				gk.ErrorAt(t, gk.FuncPos(t, fn), "%s with no replicas returned only after %v; there is nothing to wait for",
					"没有副本时 %s 过了 %v 才返回；根本没有什么可等的", fn, o.at)
			}
		})
	}
}

// L10FirstSameInstant, under explored schedules: two replicas answer
// and one fails at the same virtual instant (10ms), a fourth never answers.
// Whatever order the three replies are taken in, First returns one of the
// two answers at 13ms, after the fourth (3ms to stop) has returned with
// ErrAnswered.
func L10FirstSameInstant(t *testing.T, api API) {
	gk.Explore(t, 20, func(t *testing.T) {
		w := l10NewWorld(
			l10Rep{mode: l10Honour, work: 10 * time.Millisecond, err: l10ErrDown},
			l10Rep{mode: l10Honour, work: 10 * time.Millisecond, answer: "a"},
			l10Rep{mode: l10Block, linger: 3 * time.Millisecond},
			l10Rep{mode: l10Honour, work: 10 * time.Millisecond, answer: "b"},
		)
		o := l10Call(t, w, "First", func() (string, error) { return api.First(context.Background(), l10Query, w.queries()...) })
		if !o.ok {
			return
		}
		if o.err != nil || (o.answer != "a" && o.answer != "b") {
			gk.ErrorAt(t, gk.FuncPos(t, "First"),
				"at 10ms replica 0 failed while replicas 1 and 3 answered \"a\" and \"b\", all at the same instant; First returned (%q, %s), it should return one of the answers with a nil error, whichever reply it took first",
				"在 10ms 这同一时刻，副本 0 失败，副本 1 和 3 分别答复 \"a\" 和 \"b\"；First 返回了 (%q, %s)，无论先收到哪个回复，它都应当返回其中一个答案，error 为 nil",
				o.answer, l10ErrText(o.err))
			return
		}
		if l10CheckReturnedAt(t, w, "First", o, 13*time.Millisecond) {
			l10CheckCancelled(t, api, w, "First", 2)
		}
	})
}
