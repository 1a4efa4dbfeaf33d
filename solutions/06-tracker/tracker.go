// Package tracker records application events in the background without
// losing any of them at shutdown.
//
// One goroutine — Run, started by the caller — records events one at a time,
// in the order Event accepted them. Shutdown stops new events, lets Run drain
// the queue, and waits for Run to return or for its context to end.
package tracker

import (
	"context"
	"errors"
	"sync"
)

// ErrClosed is returned by Event once Shutdown has been called.
var ErrClosed = errors.New("tracker: closed")

// Tracker queues events and records them in the background.
type Tracker struct {
	record func(data string)

	queue   chan string   // accepted events, oldest first; closed once, by Shutdown
	closing chan struct{} // closed by Shutdown: no new events
	done    chan struct{} // closed by Run when the queue is drained

	// mu makes "is the tracker open?" and "send on queue" one step: Event
	// holds a read lock for as long as it may send, and Shutdown takes the
	// write lock to close queue, so no send can ever meet a closed channel.
	mu   sync.RWMutex
	once sync.Once // Shutdown closes things exactly once
}

// New returns a Tracker whose queue holds up to buffer events waiting to be
// recorded. record is called by Run, one event at a time.
func New(buffer int, record func(data string)) *Tracker {
	return &Tracker{
		record:  record,
		queue:   make(chan string, buffer),
		closing: make(chan struct{}),
		done:    make(chan struct{}),
	}
}

// Run records queued events until Shutdown has been called and the queue is
// empty. Start it once, in its own goroutine: go t.Run().
func (t *Tracker) Run() {
	defer close(t.done) // tells Shutdown that everything was recorded
	for data := range t.queue {
		t.record(data)
	}
}

// Event queues data for recording. While the queue is full it waits for room
// until ctx is done, then returns ctx's error. After Shutdown it returns
// ErrClosed.
func (t *Tracker) Event(ctx context.Context, data string) error {
	t.mu.RLock()
	defer t.mu.RUnlock()

	// Check closing on its own first. Once Shutdown has closed the queue, a
	// send case on it is ready too, and a select picks at random among ready
	// cases: one select holding both would panic (send on closed channel)
	// about half the time. Under the read lock, this check is what makes
	// "nobody sends once the queue is closed" true.
	select {
	case <-t.closing:
		return ErrClosed
	default:
	}

	select {
	case t.queue <- data:
		return nil
	case <-t.closing: // Shutdown began while we waited for room
		return ErrClosed
	case <-ctx.Done():
		return ctx.Err()
	}
}

// Shutdown stops new events, then waits until Run has recorded every accepted
// event and returned, or until ctx is done (returning ctx's error; Run keeps
// draining in the background, and a later Shutdown can wait for it again).
// It is safe to call more than once and concurrently with Event.
func (t *Tracker) Shutdown(ctx context.Context) error {
	t.once.Do(func() {
		close(t.closing) // refuse new events and wake the ones waiting for room
		t.mu.Lock()      // wait for every Event still able to send...
		close(t.queue)   // ...so this close can never race a send
		t.mu.Unlock()
	})

	select {
	case <-t.done:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}
