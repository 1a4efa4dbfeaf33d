// Package scenario holds the hidden tests of lesson 08-errgroup, called by the
// test functions in ../l08_errgroup_test.go with the learner's API (see the
// table there: every sentence of the contract and the test that probes it).
// Every test but the panic test runs in a synctest bubble (l08Bubble) or
// under explored schedules (l08Explore), with virtual time and GOMAXPROCS(1)
// so that a file gets the same verdict every time; every wait for the
// learner's code is bounded (l08Within, l08Now).
package scenario

// Helpers shared by the scenarios of lesson 08. The test doubles wait on
// channels and timers only (never on a mutex), so a bubble's clock can
// always move while they wait.

import (
	"context"
	"errors"
	"fmt"
	"runtime"
	"runtime/debug"
	"sync/atomic"
	"testing"
	"testing/synctest"
	"time"

	gk "GOCOURSE_KIT"
)

// Group is the learner's *Group as the scenarios call it.
type Group interface {
	Go(f func() error)
	TryGo(f func() error) bool
	Wait() error
	SetLimit(n int)
}

// API is the exercise as the scenarios call it; the hidden tests fill it in
// with the learner's Group and WithContext.
type API struct {
	New         func() Group // a new zero Group: &Group{}
	WithContext func(ctx context.Context) (Group, context.Context)
}

// l08Patience bounds every wait for the learner's code, in virtual time. The
// f's of the tests take at most a few seconds, so a minute is "never".
const l08Patience = time.Minute

// l08Result is how a call run by l08Within or l08Now ended.
type l08Result struct {
	returned bool
	panicked any    // the panic value, when the call panicked
	stack    string // its stack
}

// l08Run runs call in a new goroutine of the bubble and returns a channel
// that receives how it ended. A panic in call is recovered and reported
// there (not in the goroutines call starts: those are the learner's).
func l08Run(call func()) <-chan l08Result {
	done := make(chan l08Result, 1) // buffered: the goroutine can always finish
	go func() {
		finished := false
		defer func() {
			if finished {
				done <- l08Result{returned: true}
				return
			}
			r := recover()
			done <- l08Result{returned: true, panicked: r, stack: string(debug.Stack())}
		}()
		call()
		finished = true
	}()
	return done
}

// l08Within runs call and waits at most d of virtual time for it to return.
// A call that did not return is left behind: the bubble reports where it
// is stuck.
func l08Within(d time.Duration, call func()) l08Result {
	done := l08Run(call)
	timer := time.NewTimer(d)
	defer timer.Stop()
	select {
	case r := <-done:
		return r
	case <-timer.C:
		return l08Result{}
	}
}

// l08Now runs call and reports whether it returned without waiting: before
// any virtual time passed, once every goroutine of the bubble is blocked.
// When it did not, the caller can wait on later.
func l08Now(call func()) (r l08Result, later <-chan l08Result) {
	done := l08Run(call)
	synctest.Wait()
	select {
	case r := <-done:
		return r, nil
	default:
		return l08Result{}, done
	}
}

// l08Panicked reports a call that panicked; it returns true if it did.
func l08Panicked(t *testing.T, r l08Result, at gk.Pos, callEN, callZH string) bool {
	t.Helper()
	if r.panicked == nil {
		return false
	}
	gk.Report(t, gk.KindPanic, at,
		"%[1]s panicked: %[3]v. The zero Group (and a Group from WithContext) must work without panicking; does your code use a field (a channel, a map, a cancel func) that only WithContext or SetLimit sets?\n%[4]s",
		"%[2]s panic 了：%[3]v。零值 Group（以及 WithContext 返回的 Group）必须能直接使用，不能 panic；你的代码是不是用到了只有 WithContext 或 SetLimit 才会设置的字段（channel、map、cancel 函数）？\n%[4]s",
		callEN, callZH, r.panicked, r.stack)
	return true
}

// l08Gauge counts the f's running at this moment and remembers the most at
// once. Atomics only: enter and leave never block.
type l08Gauge struct {
	now, max, total atomic.Int64
}

func (g *l08Gauge) enter() {
	g.total.Add(1)
	n := g.now.Add(1)
	for {
		m := g.max.Load()
		if n <= m || g.max.CompareAndSwap(m, n) {
			return
		}
	}
}

func (g *l08Gauge) leave() { g.now.Add(-1) }

// l08Errors returns n distinct errors named after the test.
func l08Errors(what string, n int) []error {
	errs := make([]error, n)
	for i := range errs {
		errs[i] = fmt.Errorf("l08: %s error %d", what, i)
	}
	return errs
}

// l08Which returns the index of the error in errs that err is (or wraps), or
// -1.
func l08Which(err error, errs []error) int {
	for i, e := range errs {
		if errors.Is(err, e) {
			return i
		}
	}
	return -1
}

// l08Blocker is an f that runs until the test releases it (or never).
type l08Blocker struct {
	started chan struct{} // closed when f starts
	release chan struct{} // closed by the test to let f return
	ran     atomic.Bool
	err     error
}

func l08NewBlocker(err error) *l08Blocker {
	return &l08Blocker{started: make(chan struct{}), release: make(chan struct{}), err: err}
}

// f returns the function to hand to Go or TryGo; it may run only once.
func (b *l08Blocker) f(g *l08Gauge) func() error {
	return func() error {
		if g != nil {
			g.enter()
			defer g.leave()
		}
		if !b.ran.CompareAndSwap(false, true) {
			panic("l08: the same f was called twice")
		}
		close(b.started)
		<-b.release
		return b.err
	}
}

func (b *l08Blocker) hasStarted() bool {
	select {
	case <-b.started:
		return true
	default:
		return false
	}
}

// l08Release closes the release channels of bs that are still open.
func l08Release(bs ...*l08Blocker) {
	for _, b := range bs {
		select {
		case <-b.release:
		default:
			close(b.release)
		}
	}
}

// l08Closed reports whether the channel is closed, without waiting.
func l08Closed(c <-chan struct{}) bool {
	select {
	case <-c:
		return true
	default:
		return false
	}
}

// l08OneProc runs body with GOMAXPROCS(1), so that the goroutines of a
// scenario run one at a time and in the same order on every run: the
// verdict on a given file is the same every time (the race detector finds
// unsynchronised accesses from the happens-before order, not from timing,
// and gk.Explore's pauses still reorder goroutines where they matter).
func l08OneProc(body func()) {
	procs := runtime.GOMAXPROCS(1)
	defer runtime.GOMAXPROCS(procs)
	body()
}

// l08Bubble is gk.Bubble on one P.
func l08Bubble(t *testing.T, f func(t *testing.T)) {
	t.Helper()
	l08OneProc(func() { gk.Bubble(t, f) })
}

// l08Explore is gk.Explore on one P.
func l08Explore(t *testing.T, schedules int, f func(t *testing.T)) {
	t.Helper()
	l08OneProc(func() { gk.Explore(t, schedules, f) })
}
