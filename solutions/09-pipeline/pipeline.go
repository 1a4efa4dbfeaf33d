// Package pipeline holds two stages every channel pipeline is built from:
// Merge, a fan-in of many channels into one, and Map, a bounded fan-out that
// keeps its results in the order of its inputs.
//
// The rules the code follows (lesson 09):
//   - only a sender closes a channel, once, after every sender is done;
//   - every goroutine that sends or receives also watches ctx, so a consumer
//     who stops reading and cancels never leaves one blocked;
//   - every goroutine started here has returned by the time the output is
//     closed, so "out is closed" means "this stage is over".
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
	wg.Add(len(ins)) // before any go statement: Wait must not see zero too early
	for _, in := range ins {
		go func() {
			defer wg.Done()
			for {
				select {
				case v, ok := <-in:
					if !ok {
						return // this input is done; the others may not be
					}
					select {
					case out <- v:
					case <-ctx.Done():
						return // the consumer is gone: drop v and stop
					}
				case <-ctx.Done():
					return // do not wait for an input that may never close
				}
			}
		}()
	}
	// One closer, and only after every forwarder (every sender on out) has
	// returned: a forwarder that closed out itself would close it twice, or
	// under another forwarder's send.
	go func() {
		wg.Wait()
		close(out)
	}()
	return out
}

// result is what one call of fn produced.
type result[U any] struct {
	v   U
	err error
}

// Map calls fn on each value of in, at most workers calls at once, and sends
// the results on out in the order of their inputs. At the first error (or
// when ctx is done) it stops; wait returns that error once every goroutine
// Map started has returned.
func Map[T, U any](ctx context.Context, in <-chan T, workers int,
	fn func(context.Context, T) (U, error)) (out <-chan U, wait func() error) {
	if workers < 1 {
		workers = 1
	}
	// The calls get a context of their own, cancelled at the first error:
	// cancel's cause is the first error (later causes are ignored), and calls
	// in flight see ctx.Done().
	ctx, cancel := context.WithCancelCause(ctx)
	results := make(chan U)
	done := make(chan struct{})
	var err error // written before close(done), read after it

	// queue holds one result channel per input, in input order: the channel
	// of channels that keeps the output ordered. Its capacity and the
	// semaphore bound how far the dispatcher may run ahead of the emitter.
	queue := make(chan chan result[U], workers)
	sem := make(chan struct{}, workers)
	var calls sync.WaitGroup // the goroutines that call fn

	dispatch := func() {
		defer close(queue) // the dispatcher is queue's only sender
		for {
			var v T
			select {
			case x, ok := <-in:
				if !ok {
					return
				}
				v = x
			case <-ctx.Done():
				return
			}
			select {
			case sem <- struct{}{}: // a slot: at most workers calls at once
			case <-ctx.Done():
				return
			}
			// A slot freed by a failing call is freed after its cancel:
			// checking here means no call starts after the first error.
			if ctx.Err() != nil {
				<-sem
				return
			}
			rc := make(chan result[U], 1) // room for the one result: its sender never waits
			select {
			case queue <- rc:
			case <-ctx.Done():
				<-sem
				return
			}
			calls.Add(1)
			go func() {
				defer calls.Done()
				u, err := fn(ctx, v)
				if err != nil {
					cancel(err) // only the first cause counts
				}
				<-sem
				rc <- result[U]{u, err}
			}()
		}
	}

	emit := func() {
		for rc := range queue {
			var r result[U]
			select {
			case r = <-rc:
			case <-ctx.Done():
				return
			}
			if r.err != nil {
				return // nothing from the failing input or after it
			}
			select {
			case results <- r.v:
			case <-ctx.Done():
				return
			}
		}
	}

	var stages sync.WaitGroup
	stages.Add(2)
	go func() { defer stages.Done(); dispatch() }()
	go func() { defer stages.Done(); emit() }()
	go func() {
		stages.Wait()
		calls.Wait() // Add happens in dispatch, which has returned: no Add after this Wait
		if ctx.Err() != nil {
			err = context.Cause(ctx) // the first error, or the caller's ctx's
		}
		cancel(nil)
		close(results) // every goroutine of Map has returned
		close(done)
	}()
	return results, func() error {
		<-done
		return err
	}
}
