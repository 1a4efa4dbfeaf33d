package scenario

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"testing"
	"time"

	gk "GOCOURSE_KIT"
)

// Explored schedules (gk.Explore): each scenario is small — a few callers,
// a few events, one or two Shutdowns — and runs under many schedules, each
// of which pauses the learner's goroutines at different synchronisation
// points. That finds the interleavings a stress loop on the real scheduler
// almost never produces (a check in one select and a send in a second; a
// closed flag set after the wake-up channel is closed), and names them.
type l06Scenario struct {
	callers, events, shutdowns, buffer int
	slow                               bool // records take 1ms: the queue fills up
	deadline                           bool // the last caller's context ends after 1ms
}

var l06Scenarios = []l06Scenario{
	// The smallest first: its few yields are all covered by single-pause
	// schedules, so a bug that needs one goroutine overtaken at one point
	// (a Shutdown between its "finished?" check and its wait) is found
	// every time, not only when the base order happens to bring it close.
	{callers: 1, events: 1, shutdowns: 1, buffer: 1},
	{callers: 2, events: 2, shutdowns: 1, buffer: 1},
	{callers: 3, events: 2, shutdowns: 2, buffer: 2},
	{callers: 2, events: 3, shutdowns: 1, buffer: 1, slow: true, deadline: true},
}

// l06Schedules is how many schedules each scenario runs under.
const l06Schedules = 50

// Callers call Event while Shutdown runs: nothing panics, every Event
// that returned nil is recorded exactly once before Shutdown returns nil, in
// each caller's order, and nothing refused is ever recorded.
func ManyConcurrentEventsRacingShutdownLoseNothing(t *testing.T, api API) {
	for _, sc := range l06Scenarios {
		gk.Explore(t, l06Schedules, func(t *testing.T) { l06StressRound(t, api, sc) })
		if t.Failed() {
			return // one failing scenario says it all
		}
	}
}

func l06StressRound(t *testing.T, api API, sc l06Scenario) {
	rec := &l06Recorder{}
	if sc.slow {
		rec.delay = time.Millisecond
	}
	tr, runDone := l06Start(t, api, sc.buffer, rec)
	defer l06Finish(tr, rec)
	where := l06Where{
		fmt.Sprintf("%d goroutines each calling Event %d times while %d Shutdown call(s) run, New(%d, ...)",
			sc.callers, sc.events, sc.shutdowns, sc.buffer),
		fmt.Sprintf("%d 个 goroutine 各调用 %d 次 Event，同时有 %d 个 Shutdown 调用在执行，New(%d, ...)",
			sc.callers, sc.events, sc.shutdowns, sc.buffer),
	}

	type call struct {
		data string
		err  error
	}
	calls := make([][]call, sc.callers)
	start := make(chan struct{})
	var wg sync.WaitGroup
	for c := range sc.callers {
		withDeadline := sc.deadline && c == sc.callers-1
		wg.Add(1)
		go func() {
			defer wg.Done()
			<-start
			ctx := context.Background()
			if withDeadline {
				var cancel context.CancelFunc
				ctx, cancel = context.WithTimeout(ctx, time.Millisecond)
				defer cancel()
			}
			for i := range sc.events {
				data := fmt.Sprintf("c%d-e%d", c, i)
				err := l06Event(t, tr, ctx, data)
				calls[c] = append(calls[c], call{data, err})
				if errors.Is(err, l06ErrPanicked) {
					return
				}
			}
		}()
	}
	callersDone := make(chan struct{})
	go func() {
		wg.Wait()
		close(callersDone)
	}()

	// Shutdown (sometimes two at once), concurrently with the callers.
	type result struct {
		err      error
		returned bool
		recorded []string
	}
	results := make([]result, sc.shutdowns)
	shutdownDone := make(chan int, sc.shutdowns)
	for s := range sc.shutdowns {
		go func() {
			<-start
			ctx, cancel := context.WithTimeout(context.Background(), time.Hour)
			defer cancel()
			results[s].returned, results[s].err = l06ShutdownWithin(t, tr, ctx, 2*time.Hour)
			results[s].recorded = rec.snapshot()
			shutdownDone <- s
		}()
	}
	close(start)
	for range sc.shutdowns {
		<-shutdownDone
	}
	timer := time.NewTimer(time.Hour)
	defer timer.Stop()
	select {
	case <-callersDone:
	case <-timer.C:
		l06ErrorIn(t, gk.FuncPos(t, "Tracker.Event"), where,
			"an Event call was still blocked an hour after Shutdown returned; after Shutdown every Event must return",
			"Shutdown 返回一小时后仍有 Event 调用阻塞；Shutdown 之后每个 Event 都必须返回")
		return
	}

	// What Event said about each event.
	accepted := map[string]l06Accepted{}
	refused := map[string]error{}
	for c, cs := range calls {
		closed := false
		for i, k := range cs {
			switch {
			case errors.Is(k.err, l06ErrPanicked):
				return
			case k.err == nil:
				if closed {
					l06ErrorIn(t, gk.FuncPos(t, "Tracker.Event"), where,
						"Event(ctx, %q) returned nil after an earlier Event of the same goroutine had returned ErrClosed; once Shutdown has stopped new events, Event must keep returning ErrClosed",
						"同一个 goroutine 里，之前的 Event 已经返回了 ErrClosed，之后的 Event(ctx, %q) 却返回了 nil；Shutdown 停止接收新事件之后，Event 必须一直返回 ErrClosed",
						k.data)
					return
				}
				accepted[k.data] = l06Accepted{caller: c, seq: i}
			case errors.Is(k.err, api.ErrClosed):
				closed = true
				refused[k.data] = k.err
			case errors.Is(k.err, context.DeadlineExceeded):
				refused[k.data] = k.err
			default:
				l06ErrorIn(t, gk.FuncPos(t, "Tracker.Event"), where,
					"Event(ctx, %q) returned %q; it should return nil, ErrClosed after Shutdown, or ctx's error",
					"Event(ctx, %q) 返回了 %q；它只应返回 nil、Shutdown 之后的 ErrClosed，或 ctx 的错误",
					k.data, k.err)
				return
			}
		}
	}

	for _, r := range results {
		switch {
		case !r.returned:
			l06ErrorIn(t, gk.FuncPos(t, "Tracker.Shutdown"), where,
				"Shutdown(ctx) with a 1h deadline was still blocked after 2h; it must return when Run is done, or ctx is",
				"Shutdown(ctx) 的 deadline 是 1h，2h 后它仍然阻塞；Run 结束或 ctx 结束时它都必须返回")
			return
		case errors.Is(r.err, l06ErrPanicked):
			return
		case r.err != nil:
			l06ErrorIn(t, gk.FuncPos(t, "Tracker.Shutdown"), where,
				"Shutdown(ctx) returned %q; with a 1h deadline and quick records it should return nil once every accepted event is recorded",
				"Shutdown(ctx) 返回了 %q；deadline 有 1h、record 也很快，所有被接受的事件记录完之后它应该返回 nil",
				r.err)
			return
		}
		// Everything accepted was recorded by the time Shutdown returned nil.
		if !l06CheckRecorded(t, rec, r.recorded, accepted, refused, where) {
			return
		}
	}
	if !l06CheckRunReturned(t, runDone) {
		return
	}
	if final := rec.snapshot(); len(final) != len(results[0].recorded) {
		l06ErrorIn(t, gk.FuncPos(t, "Tracker.Run"), where,
			"%d event(s) were recorded after Shutdown had returned nil; once Shutdown returns nil, Run has finished",
			"Shutdown 返回 nil 之后又记录了 %d 个事件；Shutdown 返回 nil 时 Run 应该已经结束",
			len(final)-len(results[0].recorded))
		return
	}
	rec.checkOneAtATime(t)
}
