package scenario

import (
	"context"
	"errors"
	"testing"
	"time"

	gk "GOCOURSE_KIT"
)

// Shutdown given a context that is already done still stops new events
// before it returns ctx's error; and after Shutdown, Event returns ErrClosed
// even when its own ctx is done too.
func ShutdownWithADoneContextStillStopsNewEvents(t *testing.T, api API) {
	gk.Bubble(t, func(t *testing.T) {
		rec := &l06Recorder{delay: time.Minute}
		tr, _ := l06Start(t, api, 4, rec)
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
			gk.ErrorAt(t, gk.FuncPos(t, "Tracker.Shutdown"),
				"Shutdown(ctx) with a ctx that was already cancelled was still blocked after 1h; it must stop new events, then return ctx's error at once",
				"用一个已经取消的 ctx 调用 Shutdown(ctx)，1h 后它仍然阻塞；它应当停止接收新事件，然后立刻返回 ctx 的错误")
			return
		case errors.Is(err, l06ErrPanicked):
			return
		case !errors.Is(err, context.Canceled):
			gk.ErrorAt(t, gk.FuncPos(t, "Tracker.Shutdown"),
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
				gk.ErrorAt(t, gk.FuncPos(t, "Tracker.Event"),
					"after a Shutdown whose ctx was already done, Event with %[1]s was still blocked after 1m; Shutdown stops new events even when it gives up waiting at once, so Event must return ErrClosed",
					"Shutdown 的 ctx 一开始就结束了，之后用%[2]s调用 Event，1m 后它仍然阻塞；即使 Shutdown 立刻放弃等待，它也已经停止接收新事件，所以 Event 必须返回 ErrClosed",
					c.en, c.zh)
				return
			case errors.Is(err, l06ErrPanicked):
				return
			case !errors.Is(err, api.ErrClosed):
				gk.ErrorAt(t, gk.FuncPos(t, "Tracker.Event"),
					"after a Shutdown whose ctx was already done, Event with %[1]s returned %[3]v; it must return ErrClosed: the Tracker is closed, whatever the state of Event's own ctx (check closing before anything else)",
					"Shutdown 的 ctx 一开始就结束了，之后用%[2]s调用 Event，返回的却是 %[3]v；它必须返回 ErrClosed：Tracker 已经关闭，和 Event 自己的 ctx 处于什么状态无关（先检查是否已关闭）",
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
