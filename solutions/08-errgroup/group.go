// Package group runs a set of goroutines that work on parts of one task, waits
// for all of them, keeps the first error, and cancels the others' context as
// soon as that error happens: the semantics of golang.org/x/sync/errgroup,
// built from package sync and package context alone.
package group

import (
	"context"
	"sync"
)

// A token is one slot of the limit: a goroutine holds one while it runs.
type token struct{}

// A Group is a collection of goroutines working on subtasks of the same task.
// The zero Group is valid: it has no limit and no context to cancel.
type Group struct {
	cancel context.CancelCauseFunc // nil for the zero Group

	wg sync.WaitGroup // counts the goroutines of the group

	// sem holds one token per active goroutine when a limit is set; nil
	// means no limit. A buffered channel is a counting semaphore: a send
	// takes a slot (and blocks while all cap(sem) are taken), a receive
	// gives one back.
	sem chan token

	errOnce sync.Once // the first error, and only the first, is kept
	err     error
}

// WithContext returns a new Group and a Context derived from ctx. The Context
// is cancelled, with the first error as its cause, the first time a function
// passed to Go returns a non-nil error, or else when Wait returns.
func WithContext(ctx context.Context) (*Group, context.Context) {
	ctx, cancel := context.WithCancelCause(ctx)
	return &Group{cancel: cancel}, ctx
}

// Go calls f in a new goroutine. While the group has as many active
// goroutines as its limit, Go blocks until one of them returns.
func (g *Group) Go(f func() error) {
	if g.sem != nil {
		g.sem <- token{} // wait for a slot here, in the caller: not in a goroutine
	}
	g.start(f)
}

// TryGo calls f in a new goroutine only if that needs no waiting for a slot,
// and reports whether it did.
func (g *Group) TryGo(f func() error) bool {
	if g.sem != nil {
		select {
		case g.sem <- token{}: // taking the slot and checking for one is one step
		default:
			return false
		}
	}
	g.start(f)
	return true
}

// start runs f in a new goroutine that already holds its slot (if any).
func (g *Group) start(f func() error) {
	// Add before the go statement: once Go has returned, a Wait that starts
	// must see this goroutine in the count, even if it has not run yet.
	g.wg.Add(1)
	go func() {
		defer g.done()
		// No recover here: a panic in f crashes the program, as it would in
		// any goroutine, with f's own stack. Recovering it would hide the
		// stack and delay the crash until (or hang it before) Wait.
		if err := f(); err != nil {
			g.errOnce.Do(func() {
				g.err = err
				if g.cancel != nil {
					g.cancel(err) // the first error is the context's cause
				}
			})
		}
	}()
}

// done gives back the goroutine's slot, then tells Wait it has returned.
func (g *Group) done() {
	if g.sem != nil {
		<-g.sem
	}
	g.wg.Done()
}

// SetLimit limits the number of active goroutines in the group to n; a
// negative n means no limit. It must not be called while goroutines of the
// group are active.
func (g *Group) SetLimit(n int) {
	if n < 0 {
		g.sem = nil
		return
	}
	g.sem = make(chan token, n)
}

// Wait blocks until every function passed to Go has returned, then returns
// the first non-nil error among them (or nil). It cancels the group's
// Context in any case.
func (g *Group) Wait() error {
	g.wg.Wait()
	// Wait's happens-after every Done, and every write of g.err happened
	// before its goroutine's Done: reading g.err here is not a race.
	if g.cancel != nil {
		g.cancel(g.err) // a nil cause means context.Canceled
	}
	return g.err
}
