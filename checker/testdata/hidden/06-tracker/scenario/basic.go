package scenario

import (
	"context"
	"errors"
	"testing"
	"testing/synctest"
	"time"

	gk "GOCOURSE_KIT"
)

// Events from one goroutine are recorded in order; Run keeps running until
// Shutdown; Shutdown returns nil once Run has drained the queue and returned.
func EventsAreRecordedInOrderAndShutdownReturnsNil(t *testing.T, api API) {
	gk.Bubble(t, func(t *testing.T) {
		where := l06Where{"10 events from one goroutine, each recorded instantly", "同一个 goroutine 发出 10 个事件，每个都立刻记录完"}
		rec := &l06Recorder{}
		tr, runDone := l06Start(t, api, 4, rec)
		defer l06Finish(tr, rec)

		var accepted []string
		for i := range 10 {
			data := l06Name(i)
			returned, err := l06EventWithin(t, tr, context.Background(), data, time.Minute)
			switch {
			case !returned:
				gk.ErrorAt(t, gk.FuncPos(t, "Tracker.Event"),
					"Event(ctx, %q) was still blocked after 1m, although Run was running and records each event instantly; Event should return nil as soon as the event is queued",
					"Event(ctx, %q) 在 1m 后仍然阻塞，而 Run 一直在运行、每个事件都立刻记录完；事件进入队列后 Event 就应该返回 nil",
					data)
				return
			case errors.Is(err, l06ErrPanicked):
				return
			case err != nil:
				gk.ErrorAt(t, gk.FuncPos(t, "Tracker.Event"),
					"Event(ctx, %q) returned %q before any Shutdown; it should queue the event and return nil",
					"在调用 Shutdown 之前，Event(ctx, %q) 返回了 %q；它应该把事件放进队列并返回 nil",
					data, err)
				return
			}
			accepted = append(accepted, data)
		}

		time.Sleep(time.Minute)
		synctest.Wait()
		select {
		case <-runDone:
			gk.ErrorAt(t, gk.FuncPos(t, "Tracker.Run"),
				"Run returned before Shutdown was called; it must keep waiting for events until Shutdown, and return only once the queue is drained after it",
				"还没有调用 Shutdown，Run 就返回了；在 Shutdown 之前它必须一直等待新事件，Shutdown 之后清空队列才返回")
			return
		default:
		}

		recorded, ok := l06ShutdownOK(t, tr, rec, where)
		if !ok {
			return
		}
		if !l06CheckRecorded(t, rec, recorded, l06Seq(accepted), nil, where) {
			return
		}
		l06CheckRunReturned(t, runDone)
		rec.checkOneAtATime(t)
	})
}

// Shutdown waits for slow records of events still in the queue.
func ShutdownWaitsUntilQueuedEventsAreRecorded(t *testing.T, api API) {
	gk.Bubble(t, func(t *testing.T) {
		where := l06Where{"8 events queued, each taking 1s to record, then Shutdown", "8 个事件在排队，每个要记录 1s，然后调用 Shutdown"}
		rec := &l06Recorder{delay: time.Second}
		tr, runDone := l06Start(t, api, 10, rec)
		defer l06Finish(tr, rec)

		accepted, ok := l06QueueAll(t, tr, 8)
		if !ok {
			return
		}
		recorded, ok := l06ShutdownOK(t, tr, rec, where)
		if !ok {
			return
		}
		if !l06CheckRecorded(t, rec, recorded, l06Seq(accepted), nil, where) {
			return
		}
		if !l06CheckRunReturned(t, runDone) {
			return
		}
		rec.checkOneAtATime(t)
	})
}

// Shutdown gives up at its deadline (or cancellation) with ctx's error while
// Run keeps draining; a later Shutdown waits for the rest and returns nil.
func ShutdownReturnsContextErrorAtItsDeadline(t *testing.T, api API) {
	gk.Bubble(t, func(t *testing.T) {
		where := l06Where{"3 events of 1m each; a first Shutdown gave up at its deadline, a later one waited", "3 个事件，每个 1m；第一次 Shutdown 到 deadline 放弃了，后面的一次在等"}
		rec := &l06Recorder{delay: time.Minute}
		tr, runDone := l06Start(t, api, 4, rec)
		defer l06Finish(tr, rec)

		accepted, ok := l06QueueAll(t, tr, 3)
		if !ok {
			return
		}
		synctest.Wait() // Run has started recording the first event

		// 1. A deadline far shorter than the 3 minutes of recording left.
		const deadline = 10 * time.Second
		ctx, cancel := context.WithTimeout(context.Background(), deadline)
		defer cancel()
		start := time.Now()
		returned, err := l06ShutdownWithin(t, tr, ctx, time.Hour)
		took := time.Since(start)
		switch {
		case !returned:
			gk.ErrorAt(t, gk.FuncPos(t, "Tracker.Shutdown"),
				"Shutdown(ctx) with a 10s deadline was still blocked after 1h (3 events left to record, 1m each); when ctx is done Shutdown must stop waiting and return ctx's error",
				"Shutdown(ctx) 的 deadline 是 10s，1h 后却仍然阻塞（还有 3 个事件要记录，每个 1m）；ctx 结束时 Shutdown 必须停止等待，返回 ctx 的错误")
			return
		case errors.Is(err, l06ErrPanicked):
			return
		case err == nil:
			gk.ErrorAt(t, gk.FuncPos(t, "Tracker.Shutdown"),
				"Shutdown(ctx) with a 10s deadline returned nil after %v; with 3 events to record at 1m each it should have given up at its deadline (10s) and returned context.DeadlineExceeded",
				"Shutdown(ctx) 的 deadline 是 10s，它却在 %v 后返回了 nil；还有 3 个事件要记录（每个 1m），它应该在 deadline（10s）时放弃，返回 context.DeadlineExceeded",
				took)
			return
		case !errors.Is(err, context.DeadlineExceeded):
			gk.ErrorAt(t, gk.FuncPos(t, "Tracker.Shutdown"),
				"Shutdown(ctx) returned %q when its ctx expired; it should return ctx's error (errors.Is(err, context.DeadlineExceeded))",
				"Shutdown(ctx) 在 ctx 过期时返回了 %q；它应该返回 ctx 的错误（errors.Is(err, context.DeadlineExceeded)）",
				err)
			return
		case took < deadline || took > deadline+l06Slack:
			gk.ErrorAt(t, gk.FuncPos(t, "Tracker.Shutdown"),
				"Shutdown(ctx) returned ctx's error after %v; it should wait until its deadline (10s), no less and no more",
				"Shutdown(ctx) 在 %v 后返回了 ctx 的错误；它应该恰好等到 deadline（10s）",
				took)
			return
		}

		// 2. The tracker is closed even though Run is still draining.
		if err := l06Event(t, tr, context.Background(), "late"); !errors.Is(err, api.ErrClosed) {
			if !errors.Is(err, l06ErrPanicked) {
				gk.ErrorAt(t, gk.FuncPos(t, "Tracker.Event"),
					"Event after a Shutdown whose deadline expired returned %v; Shutdown has stopped new events even if Run is still draining, so Event must return ErrClosed",
					"Shutdown 的 deadline 已过，此后 Event 返回了 %v；即使 Run 还在清空队列，Shutdown 也已经停止接收新事件，Event 必须返回 ErrClosed",
					err)
			}
			return
		}

		// 3. A cancelled ctx: Shutdown returns context.Canceled when it is cancelled.
		ctx2, cancel2 := context.WithCancel(context.Background())
		go func() {
			time.Sleep(5 * time.Second)
			cancel2()
		}()
		start = time.Now()
		returned, err = l06ShutdownWithin(t, tr, ctx2, time.Hour)
		took = time.Since(start)
		switch {
		case !returned:
			gk.ErrorAt(t, gk.FuncPos(t, "Tracker.Shutdown"),
				"a second Shutdown(ctx), whose ctx was cancelled after 5s, was still blocked after 1h; it must return ctx's error when ctx is done",
				"第二次调用 Shutdown(ctx)，ctx 在 5s 后被取消，1h 后它却仍然阻塞；ctx 结束时它必须返回 ctx 的错误")
			return
		case errors.Is(err, l06ErrPanicked):
			return
		case !errors.Is(err, context.Canceled) || took < 5*time.Second || took > 5*time.Second+l06Slack:
			gk.ErrorAt(t, gk.FuncPos(t, "Tracker.Shutdown"),
				"a second Shutdown(ctx), whose ctx was cancelled after 5s while events were still being recorded, returned %v after %v; it should return context.Canceled when ctx is cancelled (after 5s)",
				"第二次调用 Shutdown(ctx)，ctx 在 5s 后被取消（此时事件还在记录中），它却在 %[2]v 后返回了 %[1]v；它应该在 ctx 被取消时（5s 后）返回 context.Canceled",
				err, took)
			return
		}

		// 4. Shutdown again with time to spare: Run finishes and Shutdown returns nil.
		recorded, ok := l06ShutdownOK(t, tr, rec, where)
		if !ok {
			return
		}
		if !l06CheckRecorded(t, rec, recorded, l06Seq(accepted), map[string]error{"late": api.ErrClosed},
			where) {
			return
		}
		if !l06CheckRunReturned(t, runDone) {
			return
		}
		rec.checkOneAtATime(t)
	})
}

// Event after Shutdown returns ErrClosed and never panics.
func EventAfterShutdownReturnsErrClosed(t *testing.T, api API) {
	gk.Bubble(t, func(t *testing.T) {
		rec := &l06Recorder{}
		tr, _ := l06Start(t, api, 4, rec)
		defer l06Finish(tr, rec)

		_ = l06Event(t, tr, context.Background(), l06Name(0))
		ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
		defer cancel()
		// Whether this Shutdown works is checked by other tests.
		l06Within(time.Hour, func() { _ = l06Shutdown(t, tr, ctx) })

		for i := 1; i <= 3; i++ {
			data := l06Name(i)
			returned, err := l06EventWithin(t, tr, context.Background(), data, time.Minute)
			switch {
			case !returned:
				gk.ErrorAt(t, gk.FuncPos(t, "Tracker.Event"),
					"Event(ctx, %q) after Shutdown was still blocked after 1m; after Shutdown, Event must return ErrClosed at once",
					"Shutdown 之后调用 Event(ctx, %q)，1m 后它仍然阻塞；Shutdown 之后 Event 必须立刻返回 ErrClosed",
					data)
				return
			case errors.Is(err, l06ErrPanicked):
				return
			case !errors.Is(err, api.ErrClosed):
				gk.ErrorAt(t, gk.FuncPos(t, "Tracker.Event"),
					"Event(ctx, %q) after Shutdown returned %v; it must return ErrClosed (errors.Is(err, ErrClosed))",
					"Shutdown 之后 Event(ctx, %q) 返回了 %v；它必须返回 ErrClosed（errors.Is(err, ErrClosed)）",
					data, err)
				return
			}
		}
		time.Sleep(time.Minute)
		synctest.Wait()
		for _, d := range rec.snapshot() {
			if d != l06Name(0) {
				gk.ErrorAt(t, gk.FuncPos(t, "Tracker.Event"),
					"%q was recorded although Event was called after Shutdown; after Shutdown no new event may be recorded",
					"%q 是在 Shutdown 之后才传给 Event 的，却被记录了；Shutdown 之后不能再记录任何新事件",
					d)
				return
			}
		}
	})
}

// While the queue is full, Event waits for room until its ctx is done, and
// returns ctx's error; an Event waiting when room appears gets in. A Tracker
// whose record is stuck accepts only as many events as its queue holds.
func EventWaitsForRoomUntilItsContextIsDone(t *testing.T, api API) {
	gk.Bubble(t, func(t *testing.T) {
		where := l06Where{"record was stuck and the queue full; some Event calls gave up", "record 卡住、队列已满；有些 Event 调用放弃了"}
		const buffer = 2
		rec := &l06Recorder{gate: make(chan struct{})}
		tr, _ := l06Start(t, api, buffer, rec)
		defer l06Finish(tr, rec)

		// 1. Fill the queue while record is stuck on its first event.
		accepted, refused, ok := l06Fill(t, tr, buffer)
		if !ok {
			return
		}

		// 2. An Event waiting for room gets in as soon as one record finishes.
		var waitErr error
		waitDone := make(chan struct{})
		go func() {
			defer close(waitDone)
			waitErr = l06Event(t, tr, context.Background(), "waiting")
		}()
		time.Sleep(time.Minute)
		select {
		case <-waitDone:
			gk.ErrorAt(t, gk.FuncPos(t, "Tracker.Event"),
				"Event(ctx, %q) returned %v while the queue was full and its ctx never ends; it must wait until there is room",
				"队列已满且 ctx 永不结束，Event(ctx, %q) 却返回了 %v；它必须等到队列有空位",
				"waiting", waitErr)
			return
		default:
		}
		select {
		case rec.gate <- struct{}{}: // let one record finish: that makes room
		case <-time.After(time.Minute):
			gk.ErrorAt(t, gk.FuncPos(t, "Tracker.Run"),
				"%d event(s) were queued but Run had not started recording any of them after a minute; Run must record queued events as they come",
				"已有 %d 个事件在队列中，1m 后 Run 却一个都没有开始记录；Run 必须随时记录进入队列的事件",
				len(accepted))
			return
		}
		timer := time.NewTimer(time.Minute)
		defer timer.Stop()
		select {
		case <-waitDone:
		case <-timer.C:
			gk.ErrorAt(t, gk.FuncPos(t, "Tracker.Event"),
				"Event(ctx, %q) was waiting for room in the full queue; a minute after one record finished it was still blocked. Event must get in as soon as there is room",
				"Event(ctx, %q) 在等队列的空位；一次 record 完成 1m 之后它仍然阻塞。一有空位 Event 就应该把事件放进队列",
				"waiting")
			return
		}
		if waitErr != nil {
			if !errors.Is(waitErr, l06ErrPanicked) {
				gk.ErrorAt(t, gk.FuncPos(t, "Tracker.Event"),
					"Event(ctx, %q) waited for room and returned %v once there was room; it should queue the event and return nil",
					"Event(ctx, %q) 等到了空位，却返回了 %v；它应该把事件放进队列并返回 nil",
					"waiting", waitErr)
			}
			return
		}
		accepted = append(accepted, "waiting")

		// 3. Cancellation while waiting: context.Canceled when cancelled.
		ctx, cancel := context.WithCancel(context.Background())
		go func() {
			time.Sleep(5 * time.Second)
			cancel()
		}()
		start := time.Now()
		returned, err := l06EventWithin(t, tr, ctx, "cancelled", time.Hour)
		took := time.Since(start)
		switch {
		case !returned:
			gk.ErrorAt(t, gk.FuncPos(t, "Tracker.Event"),
				"Event(ctx, %q) on a full queue was still blocked 1h after its ctx was cancelled (at 5s); it must return ctx's error when ctx is done",
				"队列已满时调用 Event(ctx, %q)，ctx 在 5s 时被取消，1h 后它仍然阻塞；ctx 结束时它必须返回 ctx 的错误",
				"cancelled")
			return
		case errors.Is(err, l06ErrPanicked):
			return
		case !errors.Is(err, context.Canceled) || took < 5*time.Second || took > 5*time.Second+l06Slack:
			gk.ErrorAt(t, gk.FuncPos(t, "Tracker.Event"),
				"Event(ctx, %q) on a full queue returned %v after %v; it should wait until its ctx is cancelled (5s) and then return context.Canceled",
				"队列已满时 Event(ctx, %q) 在 %[3]v 后返回了 %[2]v；它应该一直等到 ctx 被取消（5s），然后返回 context.Canceled",
				"cancelled", err, took)
			return
		}
		refused["cancelled"] = err

		// 4. Let everything through: exactly the accepted events, in order.
		rec.open()
		recorded, ok := l06ShutdownOK(t, tr, rec, where)
		if !ok {
			return
		}
		if !l06CheckRecorded(t, rec, recorded, l06Seq(accepted), refused, where) {
			return
		}
		rec.checkOneAtATime(t)
	})
}

// l06Fill calls Event with a 1s ctx until one gives up, while record is stuck
// on its gate, and checks that the queue held what New promised and no more.
func l06Fill(t *testing.T, tr Tracker, buffer int) (accepted []string, refused map[string]error, ok bool) {
	t.Helper()
	refused = map[string]error{}
	for i := 0; i < buffer+10; i++ {
		data := l06Name(i)
		ctx, cancel := context.WithTimeout(context.Background(), time.Second)
		start := time.Now()
		returned, err := l06EventWithin(t, tr, ctx, data, time.Minute)
		took := time.Since(start)
		cancel()
		switch {
		case !returned:
			gk.ErrorAt(t, gk.FuncPos(t, "Tracker.Event"),
				"Event(ctx, %q), whose ctx ends after 1s, was still blocked after 1m while the queue was full (record was busy); while it waits for room Event must also watch ctx and return ctx's error when ctx is done",
				"Event(ctx, %q) 的 ctx 在 1s 后结束，队列已满（record 正忙），1m 后它却仍然阻塞；等空位时 Event 也必须盯着 ctx，ctx 结束就返回 ctx 的错误",
				data)
			return nil, nil, false
		case errors.Is(err, l06ErrPanicked):
			return nil, nil, false
		case err == nil:
			accepted = append(accepted, data)
			continue
		}
		// The first refusal: the queue is full.
		refused[data] = err
		switch {
		case len(accepted) < buffer:
			gk.ErrorAt(t, gk.FuncPos(t, "Tracker.Event"),
				"Event(ctx, %q) returned %v when only %d event(s) had been accepted; New(%d, ...) makes room for %[4]d queued events",
				"只接受了 %[3]d 个事件，Event(ctx, %[1]q) 就返回了 %[2]v；New(%[4]d, ...) 的队列能容纳 %[4]d 个事件",
				data, err, len(accepted), buffer)
			return nil, nil, false
		case !errors.Is(err, context.DeadlineExceeded):
			gk.ErrorAt(t, gk.FuncPos(t, "Tracker.Event"),
				"Event(ctx, %q) on a full queue returned %v; when its ctx expires while it waits for room, it must return ctx's error (context.DeadlineExceeded)",
				"队列已满时 Event(ctx, %q) 返回了 %v；等空位时 ctx 过期，它必须返回 ctx 的错误（context.DeadlineExceeded）",
				data, err)
			return nil, nil, false
		case took < time.Second || took > time.Second+l06Slack:
			gk.ErrorAt(t, gk.FuncPos(t, "Tracker.Event"),
				"Event(ctx, %q) on a full queue gave up after %v; it should wait for room until its ctx is done (1s), no less and no more",
				"队列已满时 Event(ctx, %q) 在 %v 后放弃了；它应该等空位一直等到 ctx 结束（1s）",
				data, took)
			return nil, nil, false
		}
		return accepted, refused, true
	}
	gk.ErrorAt(t, gk.FuncPos(t, "Tracker.Event"),
		"Event accepted %d events while record was still busy with the first one; New(%d, ...) holds at most %[2]d queued events (plus the one being recorded). While the queue is full, Event must wait, not start a goroutine per event or grow the queue",
		"record 还卡在第一个事件上，Event 却接受了 %d 个事件；New(%d, ...) 的队列最多容纳 %[2]d 个事件（外加正在记录的那一个）。队列满时 Event 必须等待，不能每个事件开一个 goroutine，也不能让队列无限增长",
		len(accepted), buffer)
	return nil, nil, false
}

// Shutdown must keep its deadline even while Event calls wait for room in a
// full queue; the waiting calls then end with nil (recorded) or ErrClosed.
func ShutdownKeepsItsDeadlineWhileEventsWaitForRoom(t *testing.T, api API) {
	gk.Bubble(t, func(t *testing.T) {
		where := l06Where{"Shutdown was called while 3 Event calls waited for room", "调用 Shutdown 时有 3 个 Event 调用在等空位"}
		const buffer = 1
		rec := &l06Recorder{gate: make(chan struct{})}
		tr, runDone := l06Start(t, api, buffer, rec)
		defer l06Finish(tr, rec)

		accepted, refused, ok := l06Fill(t, tr, buffer)
		if !ok {
			return
		}

		// Three callers wait for room, with contexts that never end.
		waiting := []string{"waiting-a", "waiting-b", "waiting-c"}
		errs := make([]error, len(waiting))
		dones := make([]chan struct{}, len(waiting))
		for i, data := range waiting {
			dones[i] = make(chan struct{})
			go func() {
				defer close(dones[i])
				errs[i] = l06Event(t, tr, context.Background(), data)
			}()
		}
		time.Sleep(time.Second)

		const deadline = 10 * time.Second
		ctx, cancel := context.WithTimeout(context.Background(), deadline)
		defer cancel()
		start := time.Now()
		returned, err := l06ShutdownWithin(t, tr, ctx, time.Hour)
		took := time.Since(start)
		switch {
		case !returned:
			gk.ErrorAt(t, gk.FuncPos(t, "Tracker.Shutdown"),
				"Shutdown(ctx) with a 10s deadline was still blocked after 1h; record was stuck and 3 Event calls were waiting for room in the full queue. Whatever Shutdown waits for (Run, or Event calls still inside), it must give up when its ctx is done; and it should not wait for waiting Event calls at all: it stops them (they return ErrClosed)",
				"Shutdown(ctx) 的 deadline 是 10s，可 1h 后它仍然阻塞；当时 record 卡住了，还有 3 个 Event 调用在等满队列的空位。不管 Shutdown 在等什么（等 Run，还是等仍在 Event 里的调用），ctx 结束时都必须放弃；而且它根本不该等那些正在等空位的 Event：应该让它们停下（返回 ErrClosed）")
			return
		case errors.Is(err, l06ErrPanicked):
			return
		case !errors.Is(err, context.DeadlineExceeded) || took < deadline || took > deadline+l06Slack:
			gk.ErrorAt(t, gk.FuncPos(t, "Tracker.Shutdown"),
				"Shutdown(ctx) with a 10s deadline returned %v after %v, while record was stuck and 3 Event calls waited for room; it should give up at its deadline (10s) and return context.DeadlineExceeded",
				"Shutdown(ctx) 的 deadline 是 10s，在 record 卡住、3 个 Event 调用等待空位时，它在 %[2]v 后返回了 %[1]v；它应该在 deadline（10s）时放弃，返回 context.DeadlineExceeded",
				err, took)
			return
		}

		rec.open()
		recorded, ok := l06ShutdownOK(t, tr, rec, where)
		if !ok {
			return
		}
		synctest.Wait()
		want := l06Seq(accepted)
		for i, data := range waiting {
			select {
			case <-dones[i]:
			default:
				gk.ErrorAt(t, gk.FuncPos(t, "Tracker.Event"),
					"Event(ctx, %q), which was waiting for room when Shutdown was called, was still blocked after Shutdown returned nil; Shutdown must make waiting Event calls return ErrClosed (or let them in before the queue is drained)",
					"调用 Shutdown 时 Event(ctx, %q) 正在等空位，Shutdown 返回 nil 之后它仍然阻塞；Shutdown 必须让等待中的 Event 返回 ErrClosed（或者在清空队列之前让它们进队）",
					data)
				return
			}
			switch err := errs[i]; {
			case err == nil:
				// The waiting callers ran concurrently: each is its own caller.
				want[data] = l06Accepted{caller: 1 + i}
			case errors.Is(err, l06ErrPanicked):
				return
			case errors.Is(err, api.ErrClosed):
				refused[data] = err
			default:
				gk.ErrorAt(t, gk.FuncPos(t, "Tracker.Event"),
					"Event(ctx, %q) was waiting for room when Shutdown was called and returned %v; it should return ErrClosed (or nil if its event got in before the queue closed)",
					"调用 Shutdown 时 Event(ctx, %q) 正在等空位，它返回了 %v；它应该返回 ErrClosed（如果事件在队列关闭前进去了，则返回 nil）",
					data, err)
				return
			}
		}
		if !l06CheckRecorded(t, rec, recorded, want, refused, where) {
			return
		}
		if !l06CheckRunReturned(t, runDone) {
			return
		}
		rec.checkOneAtATime(t)
	})
}

// Shutdown is safe to call twice, concurrently: both calls wait for the
// drain and return nil; a later call returns nil at once.
func ShutdownCanBeCalledTwiceAndConcurrently(t *testing.T, api API) {
	gk.Bubble(t, func(t *testing.T) {
		rec := &l06Recorder{delay: time.Minute}
		tr, runDone := l06Start(t, api, 4, rec)
		defer l06Finish(tr, rec)

		var accepted []string
		for i := range 3 {
			if err := l06Event(t, tr, context.Background(), l06Name(i)); err != nil {
				return // other tests say why
			}
			accepted = append(accepted, l06Name(i))
		}

		type result struct {
			err      error
			returned bool
			recorded []string
		}
		results := make([]result, 2)
		dones := make([]chan struct{}, 2)
		for i := range results {
			dones[i] = make(chan struct{})
			go func() {
				defer close(dones[i])
				ctx, cancel := context.WithTimeout(context.Background(), time.Hour)
				defer cancel()
				results[i].returned, results[i].err = l06ShutdownWithin(t, tr, ctx, 2*time.Hour)
				results[i].recorded = rec.snapshot()
			}()
		}
		for i := range dones {
			<-dones[i]
		}
		for i, r := range results {
			switch {
			case !r.returned:
				gk.ErrorAt(t, gk.FuncPos(t, "Tracker.Shutdown"),
					"two Shutdown(ctx) calls ran at once (3 events left, 1m each, 1h deadline); one was still blocked after 2h. Every Shutdown call must return when Run is done or its ctx is",
					"两个 Shutdown(ctx) 同时调用（还剩 3 个事件，每个 1m，deadline 1h）；其中一个 2h 后仍然阻塞。每次 Shutdown 调用都必须在 Run 结束或它的 ctx 结束时返回")
				return
			case errors.Is(r.err, l06ErrPanicked):
				return
			case r.err != nil:
				gk.ErrorAt(t, gk.FuncPos(t, "Tracker.Shutdown"),
					"two Shutdown(ctx) calls ran at once (3 events left, 1m each, 1h deadline); call %d returned %v. Both should wait until Run has drained the queue and return nil",
					"两个 Shutdown(ctx) 同时调用（还剩 3 个事件，每个 1m，deadline 1h）；第 %d 个返回了 %v。两个都应该等 Run 清空队列，然后返回 nil",
					i+1, r.err)
				return
			}
			if !l06CheckRecorded(t, rec, r.recorded, l06Seq(accepted), nil, l06Where{"two Shutdown calls at once; this is what had been recorded when one of them returned", "两个 Shutdown 同时调用；这是其中一个返回时的记录情况"}) {
				return
			}
		}
		if !l06CheckRunReturned(t, runDone) {
			return
		}
		if _, ok := l06ShutdownOK(t, tr, rec, l06Where{"a third Shutdown, after the first two returned nil", "前两次都返回 nil 之后的第三次 Shutdown"}); !ok {
			return
		}
		if err := l06Event(t, tr, context.Background(), "late"); !errors.Is(err, api.ErrClosed) && !errors.Is(err, l06ErrPanicked) {
			gk.ErrorAt(t, gk.FuncPos(t, "Tracker.Event"),
				"Event after Shutdown returned %v; it must return ErrClosed",
				"Shutdown 之后 Event 返回了 %v；它必须返回 ErrClosed",
				err)
			return
		}
		rec.checkOneAtATime(t)
	})
}

// l06QueueAll queues events l06Name(0..n-1) into a tracker that has room for
// them all, before any Shutdown: every Event must return nil.
func l06QueueAll(t *testing.T, tr Tracker, n int) ([]string, bool) {
	var accepted []string
	for i := range n {
		if err := l06Event(t, tr, context.Background(), l06Name(i)); err != nil {
			if !errors.Is(err, l06ErrPanicked) {
				gk.ErrorAt(t, gk.FuncPos(t, "Tracker.Event"),
					"Event(ctx, %q) returned %q with room left in the queue (%d events queued) and before Shutdown; it should return nil",
					"队列还有空位（已排队 %[3]d 个事件），也还没有 Shutdown，Event(ctx, %[1]q) 却返回了 %[2]q；它应该返回 nil",
					l06Name(i), err, i)
			}
			return accepted, false
		}
		accepted = append(accepted, l06Name(i))
	}
	return accepted, true
}
