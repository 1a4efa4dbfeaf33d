package gocoursekit

// Calls of the code under test, waits with a bound, barriers, and where the
// bubble's goroutines still are: the generic helpers of a scenario (the
// virtual network in net/ builds on them).

import (
	"regexp"
	"strings"
	"testing"
	"testing/synctest"
	"time"
)

// ---------------------------------------------------------------- calls

// Call is a call of the code under test running in its own goroutine.
type Call struct {
	done chan struct{}
	err  error
}

// Go runs f in a goroutine and returns at once.
func Go(f func() error) *Call {
	c := &Call{done: make(chan struct{})}
	go func() {
		defer close(c.done)
		c.err = f()
	}()
	return c
}

// Done is closed when the call returned.
func (c *Call) Done() <-chan struct{} { return c.done }

// Returned reports, without waiting, whether the call has returned.
func (c *Call) Returned() bool {
	select {
	case <-c.done:
		return true
	default:
		return false
	}
}

// Err is what the call returned; only after Done (or Returned).
func (c *Call) Err() error { <-c.done; return c.err }

// Within waits at most d (virtual) for the call; ok is false if it has not returned.
func (c *Call) Within(d time.Duration) (err error, ok bool) {
	if _, ok := Within(c.done, d); !ok {
		return nil, false
	}
	return c.err, true
}

// Within waits at most d for ch to deliver (or be closed).
func Within[T any](ch <-chan T, d time.Duration) (v T, ok bool) {
	timer := time.NewTimer(d)
	defer timer.Stop()
	select {
	case v = <-ch:
		return v, true
	case <-timer.C:
		return v, false
	}
}

// Barrier releases n goroutines together.
type Barrier struct {
	mu      chan struct{} // a one-slot channel: waiting on it is durably blocking
	n, seen int
	all     chan struct{}
}

// NewBarrier returns a barrier for n goroutines.
func NewBarrier(n int) *Barrier {
	return &Barrier{mu: make(chan struct{}, 1), n: n, all: make(chan struct{})}
}

// Arrive blocks until n goroutines (this one included) have arrived.
func (b *Barrier) Arrive() {
	b.mu <- struct{}{}
	b.seen++
	if b.seen == b.n {
		close(b.all)
	}
	<-b.mu
	<-b.all
}

// All is closed when every goroutine has arrived.
func (b *Barrier) All() <-chan struct{} { return b.all }

// ---------------------------------------------------------------- inside

var frameRE = regexp.MustCompile(`(?m)^([\w./-]+)\.([\w]+)\(.*\)\n\t(\S+\.go):(\d+)`)

// Inside lets every goroutine of the bubble run until it blocks
// (synctest.Wait), then returns, for each goroutine (other than the caller)
// still inside one of the learner's functions of these names, the line of
// that function it is at; with no names, any goroutine with a frame in the
// learner's files. Call it the moment the code under test claims that
// everything it started has ended: a goroutine that was about to exit is
// gone by then, one that waits (on a channel, a timer, a lock) is not.
func Inside(t testing.TB, names ...string) []Pos {
	t.Helper()
	synctest.Wait()
	want := map[string]bool{}
	for _, n := range names {
		want[n] = true
	}
	var out []Pos
	for _, g := range BubbleGoroutines() {
		if len(names) == 0 {
			if at := LearnerFrame(g); at.File != "" {
				out = append(out, at)
			}
			continue
		}
		for _, m := range frameRE.FindAllStringSubmatch(g, -1) {
			if !want[m[2]] || strings.HasSuffix(m[3], "_test.go") {
				continue
			}
			at := LearnerFrame("\t" + m[3] + ":" + m[4] + " +0x0")
			if at.File == "" {
				continue
			}
			out = append(out, at)
			break
		}
	}
	return out
}

// Duration is time.Duration, for the shim's generic gcWithin.
type Duration = time.Duration
