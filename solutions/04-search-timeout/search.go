// Package search looks a term up with a time limit, and leaves nothing
// behind when it gives up.
package search

import (
	"context"
	"fmt"
	"time"
)

// Timeout is how long Process waits for Search before giving up.
const Timeout = 100 * time.Millisecond

// Search simulates a slow lookup: it takes 200ms, then returns "some value".
// It is a variable so that the tests can swap it.
var Search = func(term string) (string, error) {
	time.Sleep(200 * time.Millisecond)
	return "some value", nil
}

// result carries both of Search's return values through one channel.
type result struct {
	record string
	err    error
}

// Process calls Search and returns its result. It gives up after Timeout,
// or as soon as ctx is done if that comes first, with an error that wraps
// ctx's error (context.DeadlineExceeded or context.Canceled).
func Process(ctx context.Context, term string) (string, error) {
	// Build the timeout on the caller's ctx, not on context.Background():
	// the derived ctx is done at whichever comes first, the caller's
	// cancellation or deadline, or our own Timeout.
	ctx, cancel := context.WithTimeout(ctx, Timeout)
	defer cancel()

	// Room for exactly one result: the search goroutine can always send and
	// exit, even when Process has given up and nobody will ever receive.
	ch := make(chan result, 1)
	go func() {
		record, err := Search(term)
		ch <- result{record, err}
	}()

	select {
	case r := <-ch:
		// Search's own error is returned as it is.
		return r.record, r.err
	case <-ctx.Done():
		// %w keeps ctx.Err() visible to errors.Is, so the caller can tell a
		// timeout (DeadlineExceeded) from a cancellation (Canceled).
		return "", fmt.Errorf("search %q: %w", term, ctx.Err())
	}
}
