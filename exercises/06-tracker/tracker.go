// Package tracker records application events in the background.
//
// This is the chapter notes' last Tracker, adapted to the exercise's API. It
// compiles, and it looks finished, but it is not: read the lesson, then fix it.
package tracker

import (
	"context"
	"errors"
)

// ErrClosed is returned by Event once Shutdown has been called.
var ErrClosed = errors.New("tracker: closed")

// Tracker queues events and records them in the background.
type Tracker struct {
	record func(data string)
	ch     chan string   // queued events
	stop   chan struct{} // Run signals here that it has finished
}

// New returns a Tracker whose queue holds up to buffer events.
func New(buffer int, record func(data string)) *Tracker {
	// TODO: which of the channels below is never made? What does a send on it do?
	return &Tracker{
		record: record,
		ch:     make(chan string, buffer),
	}
}

// Run records queued events, one at a time, until the queue is closed.
func (t *Tracker) Run() {
	for data := range t.ch {
		t.record(data)
	}
	t.stop <- struct{}{} // TODO: is anyone there to receive this, every time?
}

// Event queues data, waiting while the queue is full until ctx is done.
func (t *Tracker) Event(ctx context.Context, data string) error {
	// TODO: what happens here once Shutdown has closed t.ch? And while it is
	// closing it, from another goroutine?
	select {
	case t.ch <- data:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

// Shutdown stops new events and waits for Run to drain the queue, or for ctx.
func (t *Tracker) Shutdown(ctx context.Context) error {
	close(t.ch) // TODO: and the second time Shutdown is called?
	select {
	case <-t.stop:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}
