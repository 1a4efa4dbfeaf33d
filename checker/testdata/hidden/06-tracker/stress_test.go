package tracker

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"runtime"
	"sync"
	"testing"
	"time"
)

// l06StressRounds trackers are each hammered by l06StressCallers goroutines
// calling Event while Shutdown runs. The interleavings come from the real
// scheduler (two Ps, runtime.Gosched), so every round is a different one.
const (
	l06StressRounds  = 40
	l06StressCallers = 100
	l06StressEvents  = 6 // per caller
)

// Many goroutines call Event while Shutdown runs: nothing panics, every Event
// that returned nil is recorded exactly once before Shutdown returns nil, in
// each caller's order, and nothing refused is ever recorded.
func TestManyConcurrentEventsRacingShutdownLoseNothing(t *testing.T) {
	for round := range l06StressRounds {
		l06Bubble(t, func(t *testing.T) { l06StressRound(t, round) })
		if t.Failed() {
			return // one failing round says it all
		}
	}
}

func l06StressRound(t *testing.T, round int) {
	rng := rand.New(rand.NewPCG(uint64(round), 6))
	buffer := 1 + rng.IntN(8)
	rec := &l06Recorder{}
	if round%4 == 3 {
		rec.delay = time.Millisecond // slow records: the queue fills up
	}
	tr, runDone := l06Start(t, buffer, rec)
	defer l06Finish(tr, rec)
	where := l06Where{
		fmt.Sprintf("stress round %d: %d goroutines calling Event while Shutdown runs, New(%d, ...)",
			round+1, l06StressCallers, buffer),
		fmt.Sprintf("压力测试第 %d 轮：%d 个 goroutine 在 Shutdown 执行期间调用 Event，New(%d, ...)",
			round+1, l06StressCallers, buffer),
	}

	type call struct {
		data string
		err  error
	}
	calls := make([][]call, l06StressCallers)
	start := make(chan struct{})
	var wg sync.WaitGroup
	for c := range l06StressCallers {
		// Decide everything random up front: rng is not safe for concurrent use.
		pauses := make([]int, l06StressEvents)
		for i := range pauses {
			pauses[i] = rng.IntN(4)
		}
		withDeadline := rng.IntN(5) == 0
		wg.Add(1)
		go func() {
			defer wg.Done()
			<-start
			ctx := context.Background()
			if withDeadline {
				var cancel context.CancelFunc
				ctx, cancel = context.WithTimeout(ctx, time.Duration(1+c%3)*time.Millisecond)
				defer cancel()
			}
			for i := range l06StressEvents {
				data := fmt.Sprintf("c%03d-e%d", c, i)
				err := l06Event(t, tr, ctx, data)
				calls[c] = append(calls[c], call{data, err})
				if errors.Is(err, l06ErrPanicked) {
					return
				}
				switch pauses[i] {
				case 0:
					runtime.Gosched()
				case 1:
					time.Sleep(time.Duration(1+c%5) * time.Microsecond)
				}
			}
		}()
	}
	callersDone := make(chan struct{})
	go func() {
		wg.Wait()
		close(callersDone)
	}()

	// Shutdown (sometimes two at once) after a random number of yields.
	shutdowns := 1 + rng.IntN(2)
	type result struct {
		err      error
		returned bool
		recorded []string
	}
	results := make([]result, shutdowns)
	shutdownDone := make(chan int, shutdowns)
	for s := range shutdowns {
		yields := rng.IntN(300)
		go func() {
			<-start
			for range yields {
				runtime.Gosched()
			}
			ctx, cancel := context.WithTimeout(context.Background(), time.Hour)
			defer cancel()
			results[s].returned, results[s].err = l06ShutdownWithin(t, tr, ctx, 2*time.Hour)
			results[s].recorded = rec.snapshot()
			shutdownDone <- s
		}()
	}
	close(start)
	for range shutdowns {
		<-shutdownDone
	}
	timer := time.NewTimer(time.Hour)
	defer timer.Stop()
	select {
	case <-callersDone:
	case <-timer.C:
		l06ErrorIn(t, gcFuncPos(t, "Tracker.Event"), where,
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
					l06ErrorIn(t, gcFuncPos(t, "Tracker.Event"), where,
						"Event(ctx, %q) returned nil after an earlier Event of the same goroutine had returned ErrClosed; once Shutdown has stopped new events, Event must keep returning ErrClosed",
						"同一个 goroutine 里，之前的 Event 已经返回了 ErrClosed，之后的 Event(ctx, %q) 却返回了 nil；Shutdown 停止接收新事件之后，Event 必须一直返回 ErrClosed",
						k.data)
					return
				}
				accepted[k.data] = l06Accepted{caller: c, seq: i}
			case errors.Is(k.err, ErrClosed):
				closed = true
				refused[k.data] = k.err
			case errors.Is(k.err, context.DeadlineExceeded):
				refused[k.data] = k.err
			default:
				l06ErrorIn(t, gcFuncPos(t, "Tracker.Event"), where,
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
			l06ErrorIn(t, gcFuncPos(t, "Tracker.Shutdown"), where,
				"Shutdown(ctx) with a 1h deadline was still blocked after 2h; it must return when Run is done, or ctx is",
				"Shutdown(ctx) 的 deadline 是 1h，2h 后它仍然阻塞；Run 结束或 ctx 结束时它都必须返回")
			return
		case errors.Is(r.err, l06ErrPanicked):
			return
		case r.err != nil:
			l06ErrorIn(t, gcFuncPos(t, "Tracker.Shutdown"), where,
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
		l06ErrorIn(t, gcFuncPos(t, "Tracker.Run"), where,
			"%d event(s) were recorded after Shutdown had returned nil; once Shutdown returns nil, Run has finished",
			"Shutdown 返回 nil 之后又记录了 %d 个事件；Shutdown 返回 nil 时 Run 应该已经结束",
			len(final)-len(results[0].recorded))
		return
	}
	rec.checkOneAtATime(t)
}
