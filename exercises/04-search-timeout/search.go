// Package search looks a term up with a time limit.
package search

import (
	"context"
	"errors"
	"time"
)

// Timeout is how long Process waits for Search before giving up.
const Timeout = 100 * time.Millisecond

// Search simulates a slow lookup: it takes 200ms, then returns "some value".
// It is a variable so that the tests can swap it: leave it as it is.
var Search = func(term string) (string, error) {
	time.Sleep(200 * time.Millisecond)
	return "some value", nil
}

// result carries both of Search's return values through one channel.
type result struct {
	record string
	err    error
}

// Process calls Search and returns its result. It must give up after
// Timeout, or when ctx is done if that comes first.
func Process(ctx context.Context, term string) (string, error) {
	// TODO: the caller's ctx is never used. What should the timeout build on?
	tctx, cancel := context.WithTimeout(context.Background(), Timeout)
	defer cancel()

	// TODO: after a timeout, nobody receives from ch. What happens to the
	// goroutine below when Search finally returns?
	ch := make(chan result)

	go func() {
		record, err := Search(term)
		ch <- result{record, err}
	}()

	select {
	case <-tctx.Done():
		// TODO: can the caller tell a timeout from a cancellation with this
		// error? Try errors.Is(err, context.DeadlineExceeded).
		return "", errors.New("search canceled")
	case r := <-ch:
		return r.record, r.err
	}
}
