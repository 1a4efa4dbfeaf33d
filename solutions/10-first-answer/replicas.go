// Package replicas asks several replicas of a service the same question and
// keeps the first answer.
package replicas

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"time"
)

// Query asks one replica. It must return when ctx is done.
type Query func(ctx context.Context, q string) (string, error)

// ErrNoReplicas is returned when there is nobody to ask.
var ErrNoReplicas = errors.New("replicas: no replicas")

// ErrAnswered is the cause the losers' contexts are cancelled with.
var ErrAnswered = errors.New("replicas: another replica answered first")

// result is what one call returned, and which replica made it.
type result struct {
	i      int
	answer string
	err    error
}

// First sends q to every replica at once and returns the first successful
// answer. The other calls are then cancelled with ErrAnswered as their
// cause. On every path it returns only after every call has returned.
func First(ctx context.Context, q string, replicas ...Query) (string, error) {
	if len(replicas) == 0 {
		return "", ErrNoReplicas
	}
	// One child context for all calls: cancelling it with a cause tells every
	// loser why it was stopped. The deferred cancel releases it on the paths
	// where nobody answered (go vet's lostcancel check wants it on all of them).
	ctx, cancel := context.WithCancelCause(ctx)
	defer cancel(nil)

	// Room for every result: a call that finishes after we stopped reading
	// can still send and return. This is the fix for the forgotten sender.
	results := make(chan result, len(replicas))
	var wg sync.WaitGroup
	for i, r := range replicas {
		wg.Go(func() {
			answer, err := r(ctx, q)
			results <- result{i, answer, err}
		})
	}

	errs := make([]error, len(replicas)) // in replica order, not arrival order
	for range replicas {
		select {
		case r := <-results:
			if r.err == nil {
				cancel(ErrAnswered) // first cause wins: the losers see ErrAnswered
				wg.Wait()           // and we wait until each of them has returned
				return r.answer, nil
			}
			errs[r.i] = r.err
		case <-ctx.Done():
			// Only the caller can have cancelled ctx here: we have not.
			err := callerError(ctx)
			wg.Wait()
			return "", err
		}
	}
	wg.Wait() // every call has sent its result, so this returns at once
	return "", errors.Join(errs...)
}

// Hedged starts replica 0, then replica i+1 when delay has passed since
// replica i started without an answer, or at once when every replica started
// so far has failed. The first success wins; the rest are cancelled and
// waited for as in First. delay <= 0 starts them all at once.
func Hedged(ctx context.Context, q string, delay time.Duration, replicas ...Query) (string, error) {
	if delay <= 0 {
		return First(ctx, q, replicas...)
	}
	if len(replicas) == 0 {
		return "", ErrNoReplicas
	}
	ctx, cancel := context.WithCancelCause(ctx)
	defer cancel(nil)

	results := make(chan result, len(replicas))
	var wg sync.WaitGroup
	started := 0
	start := func() {
		i, r := started, replicas[started]
		started++
		wg.Go(func() {
			answer, err := r(ctx, q)
			results <- result{i, answer, err}
		})
	}

	// One timer for the whole call, reset at every start: the next delay
	// always counts from the last start. Stop releases it on every path.
	timer := time.NewTimer(delay)
	defer timer.Stop()
	start()

	errs := make([]error, len(replicas))
	failed := 0
	for failed < len(replicas) {
		var next <-chan time.Time // nil once every replica has started: that case is off
		if started < len(replicas) {
			next = timer.C
		}
		select {
		case r := <-results:
			if r.err == nil {
				cancel(ErrAnswered)
				wg.Wait()
				return r.answer, nil
			}
			errs[r.i] = r.err
			failed++
			// Everyone we asked has failed: waiting out the delay would
			// only make the caller wait for nothing.
			if failed == started && started < len(replicas) && ctx.Err() == nil {
				start()
				timer.Reset(delay)
			}
		case <-next:
			start()
			timer.Reset(delay)
		case <-ctx.Done():
			err := callerError(ctx)
			wg.Wait()
			return "", err
		}
	}
	wg.Wait()
	return "", errors.Join(errs...)
}

// callerError is the error for a caller whose ctx is done: it wraps both
// ctx.Err() (Canceled or DeadlineExceeded) and the cause the caller gave,
// so errors.Is finds either.
func callerError(ctx context.Context) error {
	err, cause := ctx.Err(), context.Cause(ctx)
	if errors.Is(cause, err) {
		return fmt.Errorf("replicas: %w", cause)
	}
	return fmt.Errorf("replicas: %w: %w", err, cause)
}
