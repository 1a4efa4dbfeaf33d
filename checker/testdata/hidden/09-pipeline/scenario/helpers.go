// Package scenario holds the hidden tests of lesson 09-pipeline, called by
// the test functions in ../pipeline_test.go with the learner's Merge and Map
// (see the table there: every sentence of the contract and the test that
// probes it). Every test runs in a synctest bubble (gk.Bubble) or under
// explored schedules (gk.Explore): virtual time, inputs the test feeds,
// consumers that read slowly, stop early or cancel. Every wait is bounded in
// virtual time, so a stage that hangs is reported as the call that did not
// finish, and the bubble names any goroutine left blocked at its line in the
// learner's file.
package scenario

// Helpers shared by the hidden tests of lesson 09. Every name starts with l09
// so it cannot clash with the grading kit.

import (
	"context"
	"fmt"
	"sync"
	"sync/atomic"
	"time"

	gk "GOCOURSE_KIT"
)

// API is the exercise as the scenarios call it: the learner's generic Merge
// and Map, instantiated by the hidden tests with the types used here
// (Merge[int], Map[int, string]).
type API struct {
	Merge func(ctx context.Context, ins ...<-chan int) <-chan int
	Map   func(ctx context.Context, in <-chan int, workers int,
		fn func(context.Context, int) (string, error)) (out <-chan string, wait func() error)
}

// l09Patience is the longest a test waits (virtual time) for anything a
// right solution does at once: a value, a close, wait's return.
const l09Patience = 10 * time.Second

// l09Source starts a goroutine that sends vals on a new unbuffered channel,
// waiting gap before each, and closes the channel after the last one. The
// instant it closed is sent on the returned closedAt channel. It gives up
// (without closing) when stop is closed.
func l09Source(stop <-chan struct{}, gap time.Duration, vals []int) (<-chan int, <-chan time.Time) {
	ch := make(chan int)
	closedAt := make(chan time.Time, 1)
	go func() {
		for _, v := range vals {
			if gap > 0 {
				select {
				case <-time.After(gap):
				case <-stop:
					return
				}
			}
			select {
			case ch <- v:
			case <-stop:
				return
			}
		}
		close(ch)
		closedAt <- time.Now()
	}()
	return ch, closedAt
}

// l09Endless starts a goroutine that sends first, first+1, ... on a new
// unbuffered channel, one every gap, until stop is closed. It never closes
// the channel: an input that stays open.
func l09Endless(stop <-chan struct{}, gap time.Duration, first int) <-chan int {
	ch := make(chan int)
	go func() {
		for v := first; ; v++ {
			select {
			case <-time.After(gap):
			case <-stop:
				return
			}
			select {
			case ch <- v:
			case <-stop:
				return
			}
		}
	}()
	return ch
}

// l09Silent is an input that never sends and is never closed.
func l09Silent() <-chan int { return make(chan int) }

// l09Recv receives from c, waiting at most d (virtual time).
func l09Recv[T any](c <-chan T, d time.Duration) (v T, ok, timedOut bool) {
	timer := time.NewTimer(d)
	defer timer.Stop()
	select {
	case v, ok = <-c:
		return v, ok, false
	case <-timer.C:
		return v, false, true
	}
}

// l09Drain reads c until it is closed or d (virtual time) has passed in
// all; closed says which.
func l09Drain[T any](c <-chan T, d time.Duration) (got []T, closed bool) {
	timer := time.NewTimer(d)
	defer timer.Stop()
	for {
		select {
		case v, ok := <-c:
			if !ok {
				return got, true
			}
			got = append(got, v)
		case <-timer.C:
			return got, false
		}
	}
}

// l09DrainNow takes what c holds without waiting: closed is true when c
// turned out to be closed.
func l09DrainNow[T any](c <-chan T) (got []T, closed bool) {
	for {
		select {
		case v, ok := <-c:
			if !ok {
				return got, true
			}
			got = append(got, v)
		default:
			return got, false
		}
	}
}

// l09Wait calls wait in a goroutine and waits at most d for it to return.
func l09Wait(wait func() error, d time.Duration) (err error, returned bool) {
	done := make(chan error, 1)
	go func() { done <- wait() }()
	timer := time.NewTimer(d)
	defer timer.Stop()
	select {
	case err = <-done:
		return err, true
	case <-timer.C:
		return nil, false
	}
}

// l09LearnerGoroutines counts the goroutines of the bubble that are running
// the learner's code (a frame in the exercise file).
func l09LearnerGoroutines() int {
	n := 0
	for _, g := range gk.BubbleGoroutines() {
		if gk.LearnerFrame(g).Line != 0 {
			n++
		}
	}
	return n
}

// l09Gauge counts the calls of fn running at once and the most seen.
type l09Gauge struct {
	now, max atomic.Int64
}

func (g *l09Gauge) enter() {
	n := g.now.Add(1)
	for {
		m := g.max.Load()
		if n <= m || g.max.CompareAndSwap(m, n) {
			return
		}
	}
}

func (g *l09Gauge) leave() { g.now.Add(-1) }

// l09Call is what one call of fn did, in virtual time since the test began.
type l09Call struct {
	v          int
	start, end time.Duration
	late       bool // its ctx was already done when it started
	cancelled  bool // its ctx was done when it returned
}

// l09Log records calls of fn. Its mutex is only ever held for an append,
// never while anything waits.
type l09Log struct {
	mu     sync.Mutex
	t0     time.Time
	calls  []l09Call // every call that returned
	starts []int     // the value of every call that started
}

func (l *l09Log) start(v int) {
	l.mu.Lock()
	l.starts = append(l.starts, v)
	l.mu.Unlock()
}

func (l *l09Log) started() []int {
	l.mu.Lock()
	defer l.mu.Unlock()
	return append([]int(nil), l.starts...)
}

func (l *l09Log) add(c l09Call) {
	l.mu.Lock()
	l.calls = append(l.calls, c)
	l.mu.Unlock()
}

func (l *l09Log) all() []l09Call {
	l.mu.Lock()
	defer l.mu.Unlock()
	return append([]l09Call(nil), l.calls...)
}

// l09Plan says how the stand-in fn behaves for each value.
type l09Plan struct {
	dur      func(v int) time.Duration // how long the call for v takes
	fail     func(v int) error         // the error it returns at the end (nil: "r<v>")
	stubborn func(v int) bool          // it ignores ctx and runs to its end
	gate     <-chan struct{}           // if not nil, every call first waits for it to close (or ctx)
}

// l09Fn is a stand-in for the caller's fn: the call for v takes plan.dur(v)
// of virtual time, returning early with ctx's error if ctx is done first
// (unless it is stubborn), then returns "r<v>" or plan.fail(v). It logs
// every call and counts the calls running at once.
func l09Fn(log *l09Log, gauge *l09Gauge, plan l09Plan) func(context.Context, int) (string, error) {
	return func(ctx context.Context, v int) (string, error) {
		gauge.enter()
		defer gauge.leave()
		log.start(v)
		c := l09Call{v: v, start: time.Since(log.t0), late: ctx.Err() != nil}
		finish := func(err error) (string, error) {
			c.end = time.Since(log.t0)
			c.cancelled = ctx.Err() != nil
			log.add(c)
			if err != nil {
				return "", err
			}
			return l09Result(v), nil
		}
		if plan.gate != nil {
			select {
			case <-plan.gate:
			case <-ctx.Done():
				return finish(ctx.Err())
			}
		}
		var d time.Duration
		if plan.dur != nil {
			d = plan.dur(v)
		}
		timer := time.NewTimer(d)
		defer timer.Stop()
		if plan.stubborn != nil && plan.stubborn(v) {
			<-timer.C
		} else {
			select {
			case <-timer.C:
			case <-ctx.Done():
				return finish(ctx.Err())
			}
		}
		if plan.fail != nil {
			if err := plan.fail(v); err != nil {
				return finish(err)
			}
		}
		return finish(nil)
	}
}

func l09Result(v int) string { return fmt.Sprintf("r%d", v) }

// l09Values returns a buffered channel holding 0..n-1, already closed: an
// input that never makes Map wait.
func l09Values(n int) <-chan int {
	ch := make(chan int, n)
	for i := range n {
		ch <- i
	}
	close(ch)
	return ch
}

// l09Prefix reports whether got is r0, r1, ..., r(len(got)-1).
func l09Prefix(got []string) bool {
	for i, s := range got {
		if s != l09Result(i) {
			return false
		}
	}
	return true
}

// l09Short shortens a list of values for a message.
func l09Short[T any](vs []T) string {
	if len(vs) <= 12 {
		return fmt.Sprint(vs)
	}
	return fmt.Sprintf("%v ... (%d values)", vs[:12], len(vs))
}
