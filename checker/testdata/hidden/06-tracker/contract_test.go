package tracker

import (
	"context"
	"errors"
	"testing"
	"time"
)

// Every sentence of lesson 06's contract (COURSE.md and "How it is graded"),
// and the test that fails when it is broken (fixture that proves it):
//
//	Run records queued events one at a time, in order    TestEventsAreRecordedInOrderAndShutdownReturnsNil (wrong-parallel-workers,
//	                                                     wrong-goroutine-per-event, wrong-batch-slice-aliasing)
//	Run returns once Shutdown was called and drained     l06CheckRunReturned in the Shutdown tests (wrong-run-quits-undrained)
//	Event waits for room until ctx is done               TestEventWaitsForRoomUntilItsContextIsDone (wrong-event-ignores-ctx)
//	after Shutdown Event returns ErrClosed, no panic     TestEventAfterShutdownReturnsErrClosed (wrong-send-after-close, wrong-notes-final)
//	once ErrClosed, every later Event too                TestEventAfterShutdownReturnsErrClosed; explored: stress_test.go
//	Event racing Shutdown (race, panic, lost event)      stress_test.go under gcExplore (wrong-check-then-send, wrong-close-without-lock,
//	                                                     wrong-recover-send)
//	Shutdown waits until every accepted event recorded   TestShutdownWaitsUntilQueuedEventsAreRecorded (wrong-shutdown-no-wait)
//	... or until ctx is done (ctx's error)               TestShutdownReturnsContextErrorAtItsDeadline (wrong-shutdown-ignores-deadline),
//	                                                     TestShutdownKeepsItsDeadlineWhileEventsWaitForRoom (wrong-rwmutex-blocking-send)
//	safe twice and concurrently; every call waits        TestShutdownCanBeCalledTwiceAndConcurrently (wrong-shutdown-twice-panics)
//	Shutdown with a done ctx still stops new events      TestShutdownWithADoneContextStillStopsNewEvents (wrong-shutdown-done-ctx-returns-early)
//	ErrClosed even when Event's own ctx is done          TestShutdownWithADoneContextStillStopsNewEvents (wrong-event-checks-ctx-first)

// Shutdown given a context that is already done still stops new events
// before it returns ctx's error; and after Shutdown, Event returns ErrClosed
// even when its own ctx is done too.
func TestShutdownWithADoneContextStillStopsNewEvents(t *testing.T) {
	gcBubble(t, func(t *testing.T) {
		rec := &l06Recorder{delay: time.Minute}
		tr, _ := l06Start(t, 4, rec)
		defer l06Finish(tr, rec)
		accepted, ok := l06QueueAll(t, tr, 2)
		if !ok {
			return
		}

		done, cancel := context.WithCancel(context.Background())
		cancel()
		returned, err := l06ShutdownWithin(t, tr, done, time.Hour)
		switch {
		case !returned:
			gcErrorAt(t, gcFuncPos(t, "Tracker.Shutdown"),
				"Shutdown(ctx) with a ctx that was already cancelled was still blocked after 1h; it must stop new events, then return ctx's error at once",
				"用一个已经取消的 ctx 调用 Shutdown(ctx)，1h 后它仍然阻塞；它应当停止接收新事件，然后立刻返回 ctx 的错误")
			return
		case errors.Is(err, l06ErrPanicked):
			return
		case !errors.Is(err, context.Canceled):
			gcErrorAt(t, gcFuncPos(t, "Tracker.Shutdown"),
				"Shutdown(ctx) with a ctx that was already cancelled returned %v while 2 events were still to be recorded; it should return ctx's error (context.Canceled)",
				"用一个已经取消的 ctx 调用 Shutdown(ctx)，还有 2 个事件没记录完，它却返回了 %v；它应当返回 ctx 的错误（context.Canceled）",
				err)
			return
		}

		for _, c := range []struct {
			ctx    context.Context
			en, zh string
		}{
			{context.Background(), "a live ctx", "一个仍然有效的 ctx"},
			{done, "a ctx that is done too", "一个同样已经结束的 ctx"},
		} {
			returned, err := l06EventWithin(t, tr, c.ctx, "late", time.Minute)
			switch {
			case !returned:
				gcErrorAt(t, gcFuncPos(t, "Tracker.Event"),
					"after a Shutdown whose ctx was already done, Event with %s was still blocked after 1m; Shutdown stops new events even when it gives up waiting at once, so Event must return ErrClosed",
					"Shutdown 的 ctx 一开始就结束了，之后用%s调用 Event，1m 后它仍然阻塞；即使 Shutdown 立刻放弃等待，它也已经停止接收新事件，所以 Event 必须返回 ErrClosed",
					c.en, c.zh)
				return
			case errors.Is(err, l06ErrPanicked):
				return
			case !errors.Is(err, ErrClosed):
				gcErrorAt(t, gcFuncPos(t, "Tracker.Event"),
					"after a Shutdown whose ctx was already done, Event with %s returned %v; it must return ErrClosed: the Tracker is closed, whatever the state of Event's own ctx (check closing before anything else)",
					"Shutdown 的 ctx 一开始就结束了，之后用%s调用 Event，返回的却是 %v；它必须返回 ErrClosed：Tracker 已经关闭，和 Event 自己的 ctx 处于什么状态无关（先检查是否已关闭）",
					c.en, c.zh, err)
				return
			}
		}
		// Run still drains what was accepted; nothing late is recorded.
		time.Sleep(time.Hour)
		l06CheckRecorded(t, rec, rec.snapshot(), l06Seq(accepted), nil,
			l06Where{"a Shutdown whose ctx was already done; an hour later", "Shutdown 的 ctx 一开始就结束了；一小时之后"})
	})
}
