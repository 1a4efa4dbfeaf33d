// Package pipeline holds two stages of a channel pipeline: Merge, a fan-in
// of many channels into one, and Map, a bounded fan-out that keeps its
// results in input order.
//
// Merge below is the first merge of the Go blog's "Go Concurrency Patterns:
// Pipelines and cancellation" (2014), made generic, with a ctx parameter it
// does not use yet. Map is the version people write first. Both compile,
// and both work as long as the consumer reads every value to the end.
package pipeline

import (
	"context"
	"sync"
)

// Merge sends every value received from every input on the returned channel
// and closes it once every input is closed or ctx is done.
func Merge[T any](ctx context.Context, ins ...<-chan T) <-chan T {
	out := make(chan T)
	var wg sync.WaitGroup
	// TODO: the consumer stops reading and cancels ctx. Where is each of
	// these goroutines then: on which line, waiting for whom? What would
	// let it return?
	output := func(in <-chan T) {
		for v := range in {
			out <- v
		}
		wg.Done()
	}
	wg.Add(len(ins))
	for _, in := range ins {
		go output(in)
	}
	go func() {
		wg.Wait()
		close(out)
	}()
	return out
}

// Map calls fn on each value of in, at most workers calls at once, and sends
// the results on out in the order of their inputs; wait returns the first
// error once everything Map started has returned.
func Map[T, U any](ctx context.Context, in <-chan T, workers int,
	fn func(context.Context, T) (U, error)) (out <-chan U, wait func() error) {
	results := make(chan U)
	go func() {
		// TODO: how many calls of fn run at once here, and how many
		// goroutines are there when in holds a million values?
		for v := range in {
			go func() {
				// TODO: in which order do the results arrive? What
				// happens to an error?
				u, _ := fn(ctx, v)
				results <- u
			}()
		}
		// TODO: in is closed, but are the goroutines above done sending?
		close(results)
	}()
	// TODO: what should wait wait for, and what should it return?
	return results, func() error { return nil }
}
