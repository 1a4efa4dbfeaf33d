// Package replicas asks several replicas of a service the same question and
// keeps the first answer.
package replicas

import (
	"context"
	"errors"
	"time"
)

// Query asks one replica. It must return when ctx is done.
type Query func(ctx context.Context, q string) (string, error)

// ErrNoReplicas is returned when there is nobody to ask.
var ErrNoReplicas = errors.New("replicas: no replicas")

// ErrAnswered is the cause the losers' contexts are cancelled with.
var ErrAnswered = errors.New("replicas: another replica answered first")

// result carries both of a Query's return values through one channel.
type result struct {
	answer string
	err    error
}

// First sends q to every replica at once and returns the first answer.
// This is the replicated search from Rob Pike's "Go Concurrency Patterns"
// (2012), with a ctx parameter added that it does not use yet.
func First(ctx context.Context, q string, replicas ...Query) (string, error) {
	// TODO: what does the receive below do when there are no replicas?
	c := make(chan result)
	for _, r := range replicas {
		go func() {
			// TODO: which context should a replica be given, so that it
			// stops when the caller gives up, or when another replica has
			// already answered? And how will it learn which of the two it was?
			answer, err := r(context.Background(), q)
			// TODO: First receives one value. Who receives from the others?
			c <- result{answer, err}
		}()
	}
	// TODO: is the first reply the first answer? What if it is an error, and
	// what should the caller get when every replica fails?
	// TODO: when First returns, are the other calls still running?
	r := <-c
	return r.answer, r.err
}

// Hedged asks replica 0 first and the next replica only when the last one
// has been quiet for delay (or when everyone asked so far has failed).
func Hedged(ctx context.Context, q string, delay time.Duration, replicas ...Query) (string, error) {
	// TODO: this asks everyone at once, like First. When should replica
	// i+1 start, and what tells you that moment has come?
	return First(ctx, q, replicas...)
}
