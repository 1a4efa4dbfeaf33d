// Package scenario holds the hidden tests of lesson 04-search-timeout, called
// by the test functions in ../search_test.go with the learner's API (see the
// table there: every sentence of the contract and the test that probes it).
// Every test runs in a synctest bubble (gk.Bubble): time is virtual, so a
// 200ms search and a 100ms timeout take no real time and every duration
// measured here is exact. Search is always replaced by a fake, so the tests
// do not depend on the learner leaving the provided one alone.
package scenario

import (
	"context"
	"errors"
	"strconv"
	"testing"
	"time"

	gk "GOCOURSE_KIT"
)

// API is the exercise as the scenarios call it; the hidden tests fill it in
// with the learner's Process, Timeout and Search.
type API struct {
	Process func(ctx context.Context, term string) (string, error)
	Timeout time.Duration
	Search  *func(term string) (string, error) // replaced by a fake in every test
}

const (
	l04Timeout    = 100 * time.Millisecond // the exercise fixes Timeout at this
	l04SlowSearch = 200 * time.Millisecond // as slow as the provided Search: later than Timeout
	l04FastSearch = 10 * time.Millisecond  // well before Timeout
	l04Patience   = 10 * time.Second       // virtual time to wait for Process before calling it stuck
)

// l04ErrBackend is the error the failing fake Search returns.
var l04ErrBackend = errors.New("search backend unavailable")

// l04Fake returns a stand-in for Search that takes d, then answers
// "record for <term>", or fails with err if err is not nil.
func l04Fake(d time.Duration, err error) func(string) (string, error) {
	return func(term string) (string, error) {
		time.Sleep(d)
		if err != nil {
			return "", err
		}
		return "record for " + term, nil
	}
}

// l04WithSearch runs body in a bubble with Search replaced by fake. Search is
// restored only after the bubble has ended, when every goroutine of a right
// solution has finished: one may still read Search after Process returned.
func l04WithSearch(t *testing.T, api API, fake func(string) (string, error), body func(t *testing.T)) {
	t.Helper()
	saved := *api.Search
	*api.Search = fake
	defer func() { *api.Search = saved }()
	gk.Bubble(t, body)
}

// l04Outcome is what one call of Process returned, and when.
type l04Outcome struct {
	record  string
	err     error
	elapsed time.Duration
}

// l04Process calls Process(ctx, term) inside the bubble and waits for it for
// at most l04Patience. ok is false (and the failure reported) if it never
// returned.
func l04Process(t *testing.T, api API, ctx context.Context, term string) (o l04Outcome, ok bool) {
	t.Helper()
	start := time.Now()
	done := make(chan l04Outcome, 1)
	go func() {
		record, err := api.Process(ctx, term)
		done <- l04Outcome{record, err, time.Since(start)}
	}()
	stuck := time.NewTimer(l04Patience)
	defer stuck.Stop()
	select {
	case o = <-done:
		return o, true
	case <-stuck.C:
		gk.ErrorAt(t, gk.FuncPos(t, "Process"),
			"Process(ctx, %q) had not returned after %v: it must return its result, or give up after Timeout (%v) or when ctx is done",
			"Process(ctx, %q) 过了 %v 仍未返回：它应当返回结果，或者在 Timeout（%v）到期、ctx 结束时放弃",
			term, l04Patience, api.Timeout)
		return l04Outcome{}, false
	}
}

// l04ErrText shows an error in a message: quoted, or nil.
func l04ErrText(err error) string {
	if err == nil {
		return "nil"
	}
	return strconv.Quote(err.Error())
}

// ProcessTimeoutLeavesNothingBehind gives up on a slow Search, then lets
// Search finish inside the bubble: no goroutine may stay blocked (the
// forgotten sender: gcBubble reports the leak at the learner's line), and the
// late search goroutine must not touch anything Process read or wrote (a
// result handed back through shared variables: the race detector sees it
// because that goroutine really runs to its end here).
func ProcessTimeoutLeavesNothingBehind(t *testing.T, api API) {
	l04WithSearch(t, api, l04Fake(l04SlowSearch, nil), func(t *testing.T) {
		l04Process(t, api, context.Background(), "gopher")
	})
}

// ProcessReturnsTheSearchResult: a Search faster than Timeout must have
// its result returned, with a nil error, as soon as it answers.
func ProcessReturnsTheSearchResult(t *testing.T, api API) {
	l04WithSearch(t, api, l04Fake(l04FastSearch, nil), func(t *testing.T) {
		o, ok := l04Process(t, api, context.Background(), "gopher")
		if !ok {
			return
		}
		at := gk.FuncPos(t, "Process")
		const want = "record for gopher"
		if o.record != want || o.err != nil {
			gk.ErrorAt(t, at,
				"Search answered (%q, nil) after %v, but Process returned (%q, %v); it should return Search's result unchanged",
				"Search 在 %[2]v 后返回了 (%[1]q, nil)，但 Process 返回的是 (%[3]q, %[4]v)；它应当原样返回 Search 的结果",
				want, l04FastSearch, o.record, o.err)
		}
		l04CheckReturnedWhenSearchAnswered(t, at, o)
	})
}

// l04CheckReturnedWhenSearchAnswered: in virtual time a Process that waits
// on its channel returns at the very instant Search answers; one that polls
// returns a tick later.
func l04CheckReturnedWhenSearchAnswered(t *testing.T, at gk.Pos, o l04Outcome) {
	t.Helper()
	if o.elapsed != l04FastSearch {
		gk.ErrorAt(t, at,
			"Search answered after %v, but Process returned after %v; it should return at that moment: wait on the channel Search's goroutine sends on (in a select with ctx.Done()), do not poll",
			"Search 在 %v 后就答复了，Process 却在 %v 后才返回；它应当在那一刻就返回：在 select 里同时等 Search 的 goroutine 发送的 channel 和 ctx.Done()，不要轮询",
			l04FastSearch, o.elapsed)
	}
}

// ProcessGivesUpAfterTimeout: with a Search slower than Timeout, Process
// must return an error exactly when Timeout has passed.
func ProcessGivesUpAfterTimeout(t *testing.T, api API) {
	if api.Timeout != l04Timeout {
		gk.Errorf(t,
			"Timeout is %v, but the exercise fixes it at %v: change Process, not the constant",
			"Timeout 现在是 %v，但练习规定它是 %v：要改的是 Process，而不是这个常量",
			api.Timeout, l04Timeout)
		return
	}
	l04WithSearch(t, api, l04Fake(l04SlowSearch, nil), func(t *testing.T) {
		o, ok := l04Process(t, api, context.Background(), "gopher")
		if !ok {
			return
		}
		at := gk.FuncPos(t, "Process")
		switch {
		case o.elapsed > api.Timeout:
			gk.ErrorAt(t, at,
				"Search takes %v and Process returned after %v (with %q, %v); it should give up after Timeout (%v): Process must not wait for Search longer than that",
				"Search 需要 %v，Process 却在 %v 后才返回 (%q, %v)；它应当在 Timeout（%v）到期时放弃：Process 等 Search 的时间不能超过 Timeout",
				l04SlowSearch, o.elapsed, o.record, o.err, api.Timeout)
		case o.elapsed < api.Timeout:
			gk.ErrorAt(t, at,
				"Process gave up after %v, before Timeout (%v) had passed; it should wait for Search for Timeout",
				"Process 在 %v 后就放弃了，还没到 Timeout（%v）；它应当等 Search 整整一个 Timeout",
				o.elapsed, api.Timeout)
		}
		if o.err == nil {
			gk.ErrorAt(t, at,
				"Search takes %v, longer than Timeout (%v), yet Process returned (%q, nil) after %v; when it gives up it must return an error",
				"Search 需要 %[1]v，比 Timeout（%[2]v）长，Process 却在 %[4]v 后返回了 (%[3]q, nil)；放弃时必须返回一个 error",
				l04SlowSearch, api.Timeout, o.record, o.elapsed)
		}
	})
}

// ProcessTimeoutErrorWrapsDeadlineExceeded: the error returned after a
// timeout must satisfy errors.Is(err, context.DeadlineExceeded).
func ProcessTimeoutErrorWrapsDeadlineExceeded(t *testing.T, api API) {
	l04WithSearch(t, api, l04Fake(l04SlowSearch, nil), func(t *testing.T) {
		o, ok := l04Process(t, api, context.Background(), "gopher")
		if !ok || o.err == nil { // a nil error is TestProcessGivesUpAfterTimeout's to report
			return
		}
		if !errors.Is(o.err, context.DeadlineExceeded) {
			gk.ErrorAt(t, gk.FuncPos(t, "Process"),
				"after the timeout Process returned the error %q, but errors.Is(err, context.DeadlineExceeded) is false: return ctx.Err(), or wrap it with %%w (fmt.Errorf(\"...: %%w\", ctx.Err())), so the caller can tell a timeout from other failures",
				"超时后 Process 返回的 error 是 %q，但 errors.Is(err, context.DeadlineExceeded) 为 false：请返回 ctx.Err()，或用 %%w 包装它（fmt.Errorf(\"...: %%w\", ctx.Err())），调用方才能把超时和其他错误区分开",
				o.err.Error())
		}
	})
}

// l04CheckEndsWithCaller checks an outcome against a caller's ctx that ended
// after `after` with the error want (context.Canceled or DeadlineExceeded).
// what and whatZH say what happened to the caller's ctx, for the message.
func l04CheckEndsWithCaller(t *testing.T, o l04Outcome, what, whatZH string, after time.Duration, want error) {
	t.Helper()
	at := gk.FuncPos(t, "Process")
	if o.elapsed != after {
		gk.ErrorAt(t, at,
			"%[1]s, but Process returned after %[3]v (with %[4]q, %[5]v); it must stop waiting as soon as the caller's ctx is done (is its timeout built on the ctx it was given, or on context.Background()?)",
			"%[2]s，Process 却在 %[3]v 后才返回 (%[4]q, %[5]v)；调用方的 ctx 一结束，就应当停止等待（超时是建立在传入的 ctx 上，还是建立在 context.Background() 上？）",
			what, whatZH, o.elapsed, o.record, o.err)
		return
	}
	if !errors.Is(o.err, want) {
		name := "context.Canceled"
		if want == context.DeadlineExceeded {
			name = "context.DeadlineExceeded"
		}
		gk.ErrorAt(t, at,
			"%[1]s and Process returned then, but with the error %[3]s; errors.Is(err, %[4]s) should hold: return the error of the ctx that ended (or wrap it with %%w)",
			"%[2]s，Process 也及时返回了，但返回的 error 是 %[3]s；errors.Is(err, %[4]s) 应当成立：返回结束的那个 ctx 的 Err()（或用 %%w 包装它）",
			what, whatZH, l04ErrText(o.err), name)
	}
}

// ProcessStopsWhenCallerCancels: the caller cancels ctx before Timeout;
// Process must return at that moment with context.Canceled.
func ProcessStopsWhenCallerCancels(t *testing.T, api API) {
	const cancelAfter = 30 * time.Millisecond
	l04WithSearch(t, api, l04Fake(l04SlowSearch, nil), func(t *testing.T) {
		ctx, cancel := context.WithCancel(context.Background())
		defer cancel()
		time.AfterFunc(cancelAfter, cancel)
		o, ok := l04Process(t, api, ctx, "gopher")
		if !ok {
			return
		}
		l04CheckEndsWithCaller(t, o,
			"the caller cancelled ctx after "+cancelAfter.String(),
			"调用方在 "+cancelAfter.String()+" 后取消了 ctx",
			cancelAfter, context.Canceled)
	})
}

// ProcessHonoursCallerDeadline: the caller's deadline comes before
// Timeout; Process must return at that deadline with DeadlineExceeded.
func ProcessHonoursCallerDeadline(t *testing.T, api API) {
	const deadline = 40 * time.Millisecond
	l04WithSearch(t, api, l04Fake(l04SlowSearch, nil), func(t *testing.T) {
		ctx, cancel := context.WithTimeout(context.Background(), deadline)
		defer cancel()
		o, ok := l04Process(t, api, ctx, "gopher")
		if !ok {
			return
		}
		l04CheckEndsWithCaller(t, o,
			"the caller's ctx reached its deadline after "+deadline.String(),
			"调用方 ctx 的 deadline 在 "+deadline.String()+" 后到期",
			deadline, context.DeadlineExceeded)
	})
}

// ProcessReturnsAtOnceWhenContextAlreadyCancelled: a ctx that is already
// done must end Process at once, with context.Canceled.
func ProcessReturnsAtOnceWhenContextAlreadyCancelled(t *testing.T, api API) {
	l04WithSearch(t, api, l04Fake(l04SlowSearch, nil), func(t *testing.T) {
		ctx, cancel := context.WithCancel(context.Background())
		cancel()
		o, ok := l04Process(t, api, ctx, "gopher")
		if !ok {
			return
		}
		l04CheckEndsWithCaller(t, o,
			"the caller's ctx was already cancelled when Process was called",
			"调用 Process 时 ctx 已经被取消",
			0, context.Canceled)
	})
}

// ProcessKeepsTimeoutWhenCallerDeadlineIsLater: a caller's deadline later
// than Timeout does not extend it: Process still gives up after Timeout.
func ProcessKeepsTimeoutWhenCallerDeadlineIsLater(t *testing.T, api API) {
	const deadline = 150 * time.Millisecond
	l04WithSearch(t, api, l04Fake(l04SlowSearch, nil), func(t *testing.T) {
		ctx, cancel := context.WithTimeout(context.Background(), deadline)
		defer cancel()
		o, ok := l04Process(t, api, ctx, "gopher")
		if !ok {
			return
		}
		if o.elapsed != l04Timeout || !errors.Is(o.err, context.DeadlineExceeded) {
			gk.ErrorAt(t, gk.FuncPos(t, "Process"),
				"the caller's ctx had a deadline %v away and Search takes %v; Process returned after %v with (%q, %v), but it should give up after Timeout (%v) with an error wrapping context.DeadlineExceeded: whichever limit comes first wins",
				"调用方 ctx 的 deadline 在 %v 之后，Search 需要 %v；Process 在 %v 后返回了 (%q, %v)，但它应当在 Timeout（%v）到期时放弃，并返回包装了 context.DeadlineExceeded 的 error：两个期限以先到者为准",
				deadline, l04SlowSearch, o.elapsed, o.record, o.err, l04Timeout)
		}
	})
}

// ProcessReturnsTheSearchError: when Search fails fast, Process must
// return that error (wrapped or not), not swallow it.
func ProcessReturnsTheSearchError(t *testing.T, api API) {
	l04WithSearch(t, api, l04Fake(l04FastSearch, l04ErrBackend), func(t *testing.T) {
		o, ok := l04Process(t, api, context.Background(), "gopher")
		if !ok {
			return
		}
		at := gk.FuncPos(t, "Process")
		if errors.Is(o.err, l04ErrBackend) && o.err != l04ErrBackend {
			gk.ErrorAt(t, at,
				"Search failed with the error %q, and Process returned it wrapped, as %q; when Search answers first, Process returns its record and error exactly as they are",
				"Search 失败了，error 是 %q，Process 却把它包装成了 %q；Search 先答复时，Process 应当把它的 record 和 error 原样返回",
				l04ErrBackend.Error(), o.err.Error())
			return
		}
		if !errors.Is(o.err, l04ErrBackend) {
			gk.ErrorAt(t, at,
				"Search failed after %v with the error %q, but Process returned (%q, %v); it should return Search's error (errors.Is(err, searchErr) must hold)",
				"Search 在 %v 后失败了，error 是 %q，但 Process 返回的是 (%q, %v)；它应当返回 Search 的 error（errors.Is(err, searchErr) 必须成立）",
				l04FastSearch, l04ErrBackend.Error(), o.record, o.err)
			return
		}
		l04CheckReturnedWhenSearchAnswered(t, at, o)
	})
}
