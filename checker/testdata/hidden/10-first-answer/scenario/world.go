// Package scenario holds the hidden tests of lesson 10-first-answer, called
// by the test functions in ../l10_test.go with the learner's API (see the
// table there: every sentence of the contract and the test that probes it).
// Every test runs in a synctest bubble (gk.Bubble, or gk.Explore for the
// scenarios whose bug needs an unlucky interleaving: two replicas finishing at
// the same virtual instant, a failure at the very moment the hedging delay
// ends). Time is virtual, so every duration checked here is exact. The
// replicas are fakes (l10Rep) that work for a chosen virtual duration and then
// answer or fail, and that record, through a channel, when they were called,
// when they returned and what context.Cause(ctx) said when they returned.
package scenario

import (
	"context"
	"errors"
	"fmt"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"

	gk "GOCOURSE_KIT"
)

// Query is the exercise's Query: one replica.
type Query func(ctx context.Context, q string) (string, error)

// API is the exercise as the scenarios call it; the hidden tests fill it in
// with the learner's First, Hedged, ErrNoReplicas and ErrAnswered. The two
// errors are read when a test looks at them, as the hidden tests did.
type API struct {
	First         func(ctx context.Context, q string, replicas ...Query) (string, error)
	Hedged        func(ctx context.Context, q string, delay time.Duration, replicas ...Query) (string, error)
	ErrNoReplicas func() error
	ErrAnswered   func() error
}

const (
	l10Patience = 10 * time.Second // virtual time to wait for First/Hedged before calling it stuck
	l10After    = time.Minute      // how long a test watches the replicas after the call returned
	l10Never    = time.Duration(-1)
	l10Query    = "gopher"
)

// l10Mode is how a fake replica treats its context.
type l10Mode int

const (
	l10Honour l10Mode = iota // works for work, or returns early (after linger) when ctx is done
	l10Deaf                  // works for work and looks at ctx only then: slow to notice cancellation
	l10Block                 // never finishes on its own: returns (after linger) when ctx is done
)

// l10Rep is one fake replica: it works for work, then answers answer, or
// fails with err if err is not nil.
type l10Rep struct {
	mode   l10Mode
	work   time.Duration
	answer string
	err    error
	linger time.Duration // how long it takes to return once it saw ctx done
}

// l10Event is one thing a fake replica did: it was called, or it returned.
type l10Event struct {
	i        int
	returned bool
	at       time.Duration
	q        string
	cause    error // context.Cause(ctx) when it returned
}

// l10World is one scenario: a clock origin, the replicas, and what they did.
type l10World struct {
	t0     time.Time
	reps   []l10Rep
	events chan l10Event // buffered: a fake never waits for the test
	log    []l10Event    // what drain has read so far (test goroutine only)
	// abort is closed when the test has seen all it needs: a fake still
	// waiting then returns, so that only goroutines stuck in the learner's
	// code are left for the bubble's leak check.
	abort chan struct{}
}

func l10NewWorld(reps ...l10Rep) *l10World {
	return &l10World{t0: time.Now(), reps: reps, events: make(chan l10Event, 1024), abort: make(chan struct{})}
}

func (w *l10World) now() time.Duration { return time.Since(w.t0) }

// queries returns the fakes as Query values for First/Hedged.
func (w *l10World) queries() []Query {
	qs := make([]Query, len(w.reps))
	for i, rep := range w.reps {
		qs[i] = func(ctx context.Context, q string) (string, error) {
			w.events <- l10Event{i: i, at: w.now(), q: q}
			defer func() { w.events <- l10Event{i: i, returned: true, at: w.now(), cause: context.Cause(ctx)} }()
			if rep.mode == l10Deaf {
				time.Sleep(rep.work)
			} else {
				var finished <-chan time.Time // nil for l10Block: never
				if rep.mode == l10Honour {
					tm := time.NewTimer(rep.work)
					defer tm.Stop()
					finished = tm.C
				}
				select {
				case <-finished:
				case <-w.abort:
					return "", fmt.Errorf("replica %d: abandoned by the test", i)
				case <-ctx.Done():
					time.Sleep(rep.linger)
					return "", fmt.Errorf("replica %d stopped: %w (%w)", i, ctx.Err(), context.Cause(ctx))
				}
			}
			if rep.err != nil {
				return "", rep.err
			}
			return rep.answer, nil
		}
	}
	return qs
}

// drain reads every event recorded so far.
func (w *l10World) drain() {
	for {
		select {
		case e := <-w.events:
			w.log = append(w.log, e)
		default:
			return
		}
	}
}

// starts lists when each replica was called (one entry per call).
func (w *l10World) starts(i int) []time.Duration {
	var at []time.Duration
	for _, e := range w.log {
		if e.i == i && !e.returned {
			at = append(at, e.at)
		}
	}
	return at
}

// returned tells when replica i's call returned, and its cause then.
func (w *l10World) returned(i int) (at time.Duration, cause error, ok bool) {
	for _, e := range w.log {
		if e.i == i && e.returned {
			return e.at, e.cause, true
		}
	}
	return 0, nil, false
}

// running lists the replicas called but not yet returned.
func (w *l10World) running() []int {
	var out []int
	for i := range w.reps {
		if len(w.starts(i)) > 0 {
			if _, _, ok := w.returned(i); !ok {
				out = append(out, i)
			}
		}
	}
	return out
}

// l10Outcome is what one call of First or Hedged returned, and when.
type l10Outcome struct {
	answer string
	err    error
	at     time.Duration
	ok     bool // false: it had not returned after l10Patience (reported)
	// running: the replicas still running at the moment it returned.
	running []int
}

// l10Call runs call (First or Hedged, named fn) in the bubble and waits for
// it at most l10Patience. Then it watches the replicas for l10After more, so
// that w.log holds every late return and late start.
func l10Call(t *testing.T, w *l10World, fn string, call func() (string, error)) l10Outcome {
	t.Helper()
	done := make(chan l10Outcome, 1)
	go func() {
		answer, err := call()
		done <- l10Outcome{answer: answer, err: err, at: w.now(), ok: true}
	}()
	stuck := time.NewTimer(l10Patience)
	defer stuck.Stop()
	var o l10Outcome
	select {
	case o = <-done:
		w.drain()
		o.running = w.running()
	case <-stuck.C:
		w.drain()
		run := w.running()
		gk.ErrorAt(t, gk.FuncPos(t, fn),
			"%s had not returned after %v. Replicas still running then: %s. Is every call's context cancelled once an answer is in or the caller's ctx is done (and derived from the caller's ctx)? Does %[1]s wait for results that will never come?",
			"%s 过了 %v 仍未返回。那时仍在运行的副本：%s。是否在拿到答案或调用方的 ctx 结束时取消了每个调用的 context（它是否从调用方的 ctx 派生）？%[1]s 是否在等永远不会来的结果？",
			fn, l10Patience, l10List(run))
		close(w.abort)
		return o
	}
	time.Sleep(l10After)
	w.drain()
	close(w.abort)
	return o
}

// l10List shows replica numbers: "replica 0, replica 2" or "none".
func l10List(is []int) string {
	if len(is) == 0 {
		return "none"
	}
	s := make([]string, len(is))
	for k, i := range is {
		s[k] = "replica " + strconv.Itoa(i)
	}
	return strings.Join(s, ", ")
}

// l10ErrText shows an error in a message: quoted, or nil.
func l10ErrText(err error) string {
	if err == nil {
		return "nil"
	}
	return strconv.Quote(err.Error())
}

// l10CheckStarts compares when each replica was called with want (l10Never:
// never called). It reports the first difference and returns false.
func l10CheckStarts(t *testing.T, w *l10World, fn string, o l10Outcome, delay time.Duration, want ...time.Duration) bool {
	t.Helper()
	at := gk.FuncPos(t, fn)
	for i, wantAt := range want {
		got := w.starts(i)
		switch {
		case len(got) > 1:
			gk.ErrorAt(t, at, "%s called replica %d %d times (at %v); each replica is asked once",
				"%s 调用了副本 %d 共 %d 次（在 %v）；每个副本只问一次", fn, i, len(got), got)
			return false
		case wantAt == l10Never && len(got) == 1 && got[0] > o.at:
			gk.ErrorAt(t, at, "replica %d was called at %v, after %s had returned at %v: a timer or goroutine of %[3]s was left behind and still started work. Stop the timer (defer timer.Stop(), or stop the AfterFunc) on every path",
				"副本 %d 在 %v 被调用了，而 %s 早在 %v 就已返回：%[3]s 留下了一个计时器或 goroutine，还在启动新的工作。在每条返回路径上停掉计时器（defer timer.Stop()，或停掉 AfterFunc）",
				i, got[0], fn, o.at)
			return false
		case wantAt == l10Never && len(got) == 1:
			gk.ErrorAt(t, at, "%s (delay %v) called replica %d at %v, but it should never have been asked: by then no delay had passed since the last start without an answer, and not every started replica had failed. Starts seen: %s",
				"%s（delay %v）在 %[4]v 调用了副本 %[3]d，但它根本不该被问到：那时距上一次启动还不满 delay，也不是所有已启动的副本都失败了。看到的启动：%[5]s",
				fn, delay, i, got[0], w.startsText())
			return false
		case wantAt != l10Never && len(got) == 0:
			gk.ErrorAt(t, at, "%s (delay %v) never called replica %d; it should have started at %v. Starts seen: %s",
				"%s（delay %v）始终没有调用副本 %d；它应当在 %v 启动。看到的启动：%s",
				fn, delay, i, wantAt, w.startsText())
			return false
		case wantAt != l10Never && got[0] != wantAt:
			gk.ErrorAt(t, at, "%s (delay %v) called replica %d at %v; it should have started at %v (replica i+1 starts delay after replica i started, or at once when every replica started so far has failed; the next delay counts from that start). Starts seen: %s",
				"%s（delay %v）在 %[4]v 调用了副本 %[3]d；它应当在 %[5]v 启动（副本 i+1 在副本 i 启动 delay 之后启动，或者在所有已启动的副本都失败时立即启动；下一个 delay 从这次启动算起）。看到的启动：%[6]s",
				fn, delay, i, got[0], wantAt, w.startsText())
			return false
		}
	}
	for i := range w.reps {
		for _, e := range w.log {
			if e.i == i && !e.returned && e.q != l10Query {
				gk.ErrorAt(t, at, "%s called replica %d with q = %q; it should pass the caller's q (%q)",
					"%s 调用副本 %d 时传的 q 是 %q；应当原样传入调用方的 q（%q）", fn, i, e.q, l10Query)
				return false
			}
		}
	}
	return true
}

// startsText lists every call seen, by time then replica (calls at the same
// instant arrive in any order): "replica 0 at 0s, replica 1 at 10ms".
func (w *l10World) startsText() string {
	var calls []l10Event
	for _, e := range w.log {
		if !e.returned {
			calls = append(calls, e)
		}
	}
	sort.SliceStable(calls, func(a, b int) bool {
		if calls[a].at != calls[b].at {
			return calls[a].at < calls[b].at
		}
		return calls[a].i < calls[b].i
	})
	var s []string
	for _, e := range calls {
		s = append(s, fmt.Sprintf("replica %d at %v", e.i, e.at))
	}
	if len(s) == 0 {
		return "none"
	}
	return strings.Join(s, ", ")
}

// l10CheckAnswer reports unless o is (want, nil).
func l10CheckAnswer(t *testing.T, fn string, o l10Outcome, want, why string) bool {
	t.Helper()
	if o.err != nil || o.answer != want {
		gk.ErrorAt(t, gk.FuncPos(t, fn),
			"%s returned (%q, %s); it should return (%q, nil): %s",
			"%s 返回了 (%q, %s)；它应当返回 (%q, nil)：%s",
			fn, o.answer, l10ErrText(o.err), want, why)
		return false
	}
	return true
}

// l10CheckReturnedAt reports unless o came back exactly at want, the moment
// the last call returned.
func l10CheckReturnedAt(t *testing.T, w *l10World, fn string, o l10Outcome, want time.Duration) bool {
	t.Helper()
	at := gk.FuncPos(t, fn)
	if len(o.running) > 0 {
		var late []string
		for _, i := range o.running {
			if r, _, ok := w.returned(i); ok {
				late = append(late, fmt.Sprintf("replica %d returned at %v", i, r))
			} else {
				late = append(late, fmt.Sprintf("replica %d never returned", i))
			}
		}
		gk.ErrorAt(t, at,
			"%s returned at %v while calls it started were still running: %s (%s). It must return only after every call it started has returned: cancel the losers, then wait for them (a sync.WaitGroup, or one receive per call)",
			"%s 在 %v 就返回了，而它启动的调用还在运行：%s（%s）。只有它启动的每个调用都返回之后，它才能返回：先取消落后的调用，再等它们结束（用 sync.WaitGroup，或者每个调用收一次结果）",
			fn, o.at, l10List(o.running), strings.Join(late, "; "))
		return false
	}
	if o.at != want {
		gk.ErrorAt(t, at,
			"%s returned at %v; it should return at %v, the moment the last of its calls returned",
			"%s 在 %v 返回；它应当在 %v 返回，也就是它的最后一个调用返回的那一刻",
			fn, o.at, want)
		return false
	}
	return true
}

// l10CheckCancelled reports unless replica i returned with a cause for
// which errors.Is(cause, ErrAnswered) holds.
func l10CheckCancelled(t *testing.T, api API, w *l10World, fn string, i int) bool {
	t.Helper()
	at := gk.FuncPos(t, fn)
	ret, cause, ok := w.returned(i)
	switch {
	case !ok:
		gk.ErrorAt(t, at,
			"replica %d was still waiting %v after %s returned: its context was never cancelled. Once one replica has answered, cancel the others (context.WithCancelCause, cancel(ErrAnswered))",
			"%[3]s 返回 %[2]v 之后，副本 %[1]d 仍在等待：它的 context 从未被取消。一旦有副本答复，就要取消其余的调用（context.WithCancelCause，cancel(ErrAnswered)）",
			i, l10After, fn)
		return false
	case cause == nil:
		gk.ErrorAt(t, at,
			"replica %d returned at %v and its context had not been cancelled then, although another replica had already answered; cancel the others with cancel(ErrAnswered)",
			"副本 %d 在 %v 返回时它的 context 还没被取消，而别的副本早已答复；要用 cancel(ErrAnswered) 取消其余的调用",
			i, ret)
		return false
	case !errors.Is(cause, api.ErrAnswered()):
		gk.ErrorAt(t, at,
			"replica %d's context was cancelled, but context.Cause(ctx) was %s; the losers must learn why: cancel them with ErrAnswered as the cause (context.WithCancelCause, then cancel(ErrAnswered))",
			"副本 %d 的 context 被取消了，但 context.Cause(ctx) 是 %s；落后的调用应当知道原因：以 ErrAnswered 为 cause 取消它们（context.WithCancelCause，然后 cancel(ErrAnswered)）",
			i, l10ErrText(cause))
		return false
	}
	return true
}

// l10CheckJoined reports unless err holds each of want (errors.Is) and
// shows them in replica order, both in its message and in its Unwrap tree.
func l10CheckJoined(t *testing.T, fn string, err error, want ...error) bool {
	t.Helper()
	at := gk.FuncPos(t, fn)
	if err == nil {
		gk.ErrorAt(t, at, "every replica failed, but %s returned a nil error", "每个副本都失败了，%s 却返回了 nil error", fn)
		return false
	}
	for i, e := range want {
		if !errors.Is(err, e) {
			gk.ErrorAt(t, at,
				"every replica failed, but errors.Is(err, <replica %d's error %q>) is false for the error %s returned (%s): return errors.Join of every replica's error",
				"每个副本都失败了，但对 %[3]s 返回的 error（%[4]s），errors.Is(err, <副本 %[1]d 的错误 %[2]q>) 为 false：应当返回所有副本错误的 errors.Join",
				i, e.Error(), fn, l10ErrText(err))
			return false
		}
	}
	msg := err.Error()
	last := -1
	for _, e := range want {
		p := strings.Index(msg, e.Error())
		if p < 0 { // a message of its own: the Unwrap tree below still tells
			continue
		}
		if p < last {
			gk.ErrorAt(t, at,
				"the joined error lists the replicas' errors in the order they arrived, not in replica order: %q. Keep each error at its replica's index and join them in that order",
				"合并后的 error 按到达顺序而不是副本顺序列出各个错误：%q。把每个错误存到它的副本下标处，再按这个顺序合并",
				msg)
			return false
		}
		last = p
	}
	var order []int
	var walk func(e error)
	walk = func(e error) {
		for i, w := range want {
			if e == w {
				order = append(order, i)
				return
			}
		}
		switch u := e.(type) {
		case interface{ Unwrap() []error }:
			for _, c := range u.Unwrap() {
				walk(c)
			}
		case interface{ Unwrap() error }:
			if c := u.Unwrap(); c != nil {
				walk(c)
			}
		}
	}
	walk(err)
	if !sort.IntsAreSorted(order) {
		gk.ErrorAt(t, at,
			"the joined error's Unwrap() []error holds the replicas' errors in the order %v, not in replica order; join them by replica index",
			"合并后 error 的 Unwrap() []error 里各副本错误的顺序是 %v，不是副本顺序；要按副本下标合并",
			order)
		return false
	}
	return true
}
