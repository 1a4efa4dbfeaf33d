// Package group runs a set of goroutines that work on parts of one task and
// waits for all of them: your own errgroup.
//
// This is the version most people write first. It compiles, and it even
// seems to work when you try it once by hand. Read each TODO and ask
// yourself what happens when the goroutines run in an order you did not
// expect.
package group

import (
	"context"
	"sync"
)

// A Group is a collection of goroutines working on subtasks of the same task.
// The zero Group must be valid: no limit, no context.
type Group struct {
	wg    sync.WaitGroup
	mu    sync.Mutex
	err   error
	limit chan struct{}
}

// WithContext returns a new Group and a Context derived from ctx.
func WithContext(ctx context.Context) (*Group, context.Context) {
	// TODO: this context must be cancelled as soon as the first f returns an
	// error, and in any case when Wait returns. Who can cancel the ctx
	// returned here? And what would context.Cause(ctx) say?
	return &Group{}, ctx
}

// Go calls f in a new goroutine.
func (g *Group) Go(f func() error) {
	go func() {
		// TODO: Go returned at once, whatever the limit. How many goroutines
		// can pile up here, all waiting for a slot?
		if g.limit != nil {
			g.limit <- struct{}{}
			defer func() { <-g.limit }()
		}

		// TODO: Go has returned to its caller before this line runs. If the
		// caller calls Wait right away, what does the counter say then?
		g.wg.Add(1)
		defer g.wg.Done()

		if err := f(); err != nil {
			g.mu.Lock()
			g.err = err // TODO: is this the first error, or the last one?
			g.mu.Unlock()
		}
	}()
}

// TryGo calls f in a new goroutine only if the group is below its limit, and
// reports whether it did.
func (g *Group) TryGo(f func() error) bool {
	// TODO: does this look at the limit at all?
	g.Go(f)
	return true
}

// SetLimit limits the number of active goroutines to n; negative means no
// limit.
func (g *Group) SetLimit(n int) {
	if n < 0 {
		g.limit = nil
		return
	}
	g.limit = make(chan struct{}, n)
}

// Wait blocks until every f has returned and returns the first non-nil error.
func (g *Group) Wait() error {
	g.wg.Wait()
	g.mu.Lock()
	defer g.mu.Unlock()
	return g.err
}
