package scenario

import (
	"context"
	"errors"
	"sync/atomic"
	"testing"
	"testing/synctest"
	"time"

	gk "GOCOURSE_KIT"
)

// Wait returns once every f has returned, and not before: also an f that
// returns at once, started right before Wait.
func WaitWaitsForEveryF(t *testing.T, api API) {
	for _, zero := range []bool{true, false} {
		l08Bubble(t, func(t *testing.T) {
			which, whichZH := "a zero Group", "零值 Group"
			var g Group
			if zero {
				g = api.New()
			} else {
				which, whichZH = "a Group from WithContext", "WithContext 返回的 Group"
				g, _ = api.WithContext(context.Background())
			}
			delays := []time.Duration{0, time.Second, 3 * time.Second, 2 * time.Second}
			finished := make([]chan struct{}, len(delays))
			for i := range finished {
				finished[i] = make(chan struct{})
			}
			start := time.Now()
			var err error
			var wentIn atomic.Int32 // how many Go calls returned
			r := l08Within(l08Patience, func() {
				// Go and Wait back to back, in one goroutine, as callers do.
				for i, d := range delays {
					g.Go(func() error {
						time.Sleep(d)
						close(finished[i])
						return nil
					})
					wentIn.Add(1)
				}
				err = g.Wait()
			})
			if l08Panicked(t, r, gk.FuncPos(t, "Group.Go"), "Go or Wait on "+which, whichZH+" 上的 Go 或 Wait") {
				return
			}
			if !r.returned {
				if n := int(wentIn.Load()); n < len(delays) {
					gk.ErrorAt(t, gk.FuncPos(t, "Group.Go"),
						"on %[1]s without a limit, Go call %[2]d was still blocked after %v; without a limit Go never waits",
						"在没有限制的%[4]s上，第 %[2]d 次 Go 调用过了 %[3]v 仍然阻塞；没有限制时 Go 从不等待",
						which, n+1, l08Patience, whichZH)
					return
				}
				gk.ErrorAt(t, gk.FuncPos(t, "Group.Wait"),
					"on %[1]s, Wait had not returned after %[2]v, although every f returns within 3s",
					"在%[3]s 上，Wait 过了 %[2]v 仍未返回，而每个 f 都在 3s 内返回",
					which, l08Patience, whichZH)
				return
			}
			elapsed := time.Since(start)
			for i, d := range delays {
				if !l08Closed(finished[i]) {
					gk.ErrorAt(t, gk.FuncPos(t, "Group.Go"),
						"on %[1]s, Wait returned after %v while the f of Go call %d (which takes %v) had not returned yet. Go must count the goroutine (wg.Add) before the go statement: Add inside the new goroutine can run after Wait has already seen the counter at zero",
						"在%[5]s 上，Wait 在 %[2]v 后就返回了，而第 %[3]d 次 Go 的 f（要 %[4]v）还没有返回。Go 必须在 go 语句之前计数（wg.Add）：放在新 goroutine 里的 Add 可能在 Wait 已经看到计数为零之后才执行",
						which, elapsed, i+1, d, whichZH)
					return
				}
			}
			if err != nil {
				gk.ErrorAt(t, gk.FuncPos(t, "Group.Wait"),
					"on %[1]s, every f returned nil, but Wait returned %v; it should return nil",
					"在%[3]s 上，每个 f 都返回 nil，Wait 却返回了 %[2]v；应该返回 nil",
					which, err, whichZH)
				return
			}
			if elapsed != 3*time.Second {
				gk.ErrorAt(t, gk.FuncPos(t, "Group.Wait"),
					"on %[1]s, Wait returned after %v; the slowest f returns at 3s, and Wait should return then",
					"在%[3]s 上，Wait 在 %[2]v 后才返回；最慢的 f 在 3s 时返回，Wait 应当在那一刻返回",
					which, elapsed, whichZH)
			}
		})
	}
}

// Wait returns the first error in time: not the last, and not the error of
// the f started first.
func WaitReturnsTheFirstErrorInTime(t *testing.T, api API) {
	l08Bubble(t, func(t *testing.T) {
		g := api.New()
		errs := l08Errors("first-in-time", 3)
		// f 0 (started first) fails at 2s, f 1 at 1s (the first error), f 2 at 3s; f 3 succeeds at 4s.
		plan := []struct {
			at  time.Duration
			err error
		}{{2 * time.Second, errs[0]}, {time.Second, errs[1]}, {3 * time.Second, errs[2]}, {4 * time.Second, nil}}
		start := time.Now()
		var err error
		r := l08Within(l08Patience, func() {
			for _, p := range plan {
				g.Go(func() error {
					time.Sleep(p.at)
					return p.err
				})
			}
		})
		if r.returned && r.panicked == nil {
			synctest.Wait() // every goroutine has started: this test is about errors, not about a Wait that comes first
			r = l08Within(l08Patience, func() { err = g.Wait() })
		}
		if l08Panicked(t, r, gk.FuncPos(t, "Group.Go"), "Go or Wait on a zero Group", "零值 Group 上的 Go 或 Wait") {
			return
		}
		if !r.returned {
			gk.ErrorAt(t, gk.FuncPos(t, "Group.Wait"),
				"Wait had not returned after %v; the f's fail at 1s, 2s and 3s and the last one returns nil at 4s",
				"Wait 过了 %v 仍未返回；这些 f 分别在 1s、2s、3s 失败，最后一个在 4s 返回 nil",
				l08Patience)
			return
		}
		elapsed := time.Since(start)
		switch i := l08Which(err, errs); {
		case err == nil:
			gk.ErrorAt(t, gk.FuncPos(t, "Group.Wait"),
				"three f's returned errors (at 1s, 2s and 3s), but Wait returned nil; it must return the first error (%q)",
				"有三个 f 返回了错误（分别在 1s、2s、3s），Wait 却返回 nil；它必须返回第一个错误（%q）",
				errs[1])
		case i == 2:
			gk.ErrorAt(t, gk.FuncPos(t, "Group.Wait"),
				"Wait returned %q, the last error (at 3s); it must return the first one, %q (at 1s). Keep the first error and never overwrite it (sync.Once, or a check under the lock)",
				"Wait 返回了 %q，这是最后一个错误（3s 时）；它必须返回第一个错误 %q（1s 时）。保留第一个错误，之后不要覆盖它（sync.Once，或在锁内先检查）",
				err, errs[1])
		case i == 0:
			gk.ErrorAt(t, gk.FuncPos(t, "Group.Wait"),
				"Wait returned %q, the error of the f started first, which failed at 2s; the first error in time was %q, at 1s",
				"Wait 返回了 %q，这是最先启动的 f 的错误，它在 2s 才失败；时间上第一个错误是 1s 时的 %q",
				err, errs[1])
		case i != 1:
			gk.ErrorAt(t, gk.FuncPos(t, "Group.Wait"),
				"Wait returned %q, which no f returned; it must return the first error, %q",
				"Wait 返回了 %q，没有哪个 f 返回过它；它必须返回第一个错误 %q",
				err, errs[1])
		case elapsed != 4*time.Second:
			gk.ErrorAt(t, gk.FuncPos(t, "Group.Wait"),
				"Wait returned after %v; it must wait for every f, also after an error: the last one returns at 4s",
				"Wait 在 %v 后就返回了；即使已经出错，它也必须等每个 f 返回：最后一个在 4s 返回",
				elapsed)
		}
	})
}

// Six f's fail at the same instant: the group keeps one error, without a
// data race, and Wait and the context's cause agree on which.
func FirstErrorUnderSimultaneousErrors(t *testing.T, api API) {
	l08Explore(t, 30, func(t *testing.T) {
		g, ctx := api.WithContext(context.Background())
		errs := l08Errors("simultaneous", 6)
		var err error
		r := l08Within(l08Patience, func() {
			for _, e := range errs {
				g.Go(func() error {
					time.Sleep(time.Second)
					return e
				})
			}
		})
		if r.returned && r.panicked == nil {
			synctest.Wait() // every goroutine has started: this test is about errors, not about a Wait that comes first
			r = l08Within(l08Patience, func() { err = g.Wait() })
		}
		if l08Panicked(t, r, gk.FuncPos(t, "Group.Go"), "Go or Wait", "Go 或 Wait") {
			return
		}
		if !r.returned {
			gk.ErrorAt(t, gk.FuncPos(t, "Group.Wait"),
				"Wait had not returned after %v; six f's all fail at 1s",
				"Wait 过了 %v 仍未返回；六个 f 都在 1s 时失败", l08Patience)
			return
		}
		i := l08Which(err, errs)
		if i < 0 {
			gk.ErrorAt(t, gk.FuncPos(t, "Group.Wait"),
				"six f's failed at the same instant and Wait returned %v, which is none of their errors; it must return the one that was recorded first",
				"六个 f 在同一时刻失败，Wait 返回了 %v，并不是它们的错误之一；它必须返回最先记下的那个", err)
			return
		}
		cause := context.Cause(ctx)
		if j := l08Which(cause, errs); j != i {
			gk.ErrorAt(t, gk.FuncPos(t, "Group.Go"),
				"six f's failed at the same instant: Wait returned %q, but the context's cause is %v. The first error recorded must be both: record it and cancel with it in one step (sync.Once, or under one lock), so that no later error can overwrite either",
				"六个 f 在同一时刻失败：Wait 返回 %q，context 的 cause 却是 %v。最先记下的错误必须同时是这两者：在同一步里记下它并用它取消（sync.Once，或同一把锁内），后来的错误才不会覆盖其中任何一个",
				err, cause)
		}
	})
}

// The context is cancelled at the first error, with that error as its
// cause, before anyone calls Wait; f's watching it stop at once.
func ContextCancelledAtTheFirstError(t *testing.T, api API) {
	l08Bubble(t, func(t *testing.T) {
		g, ctx := api.WithContext(context.Background())
		errs := l08Errors("cancel", 2)
		watcher := l08NewBlocker(nil)
		defer l08Release(watcher)
		sawDone := make(chan time.Duration, 1)
		start := time.Now()
		r := l08Within(l08Patience, func() {
			g.Go(func() error { time.Sleep(time.Second); return errs[0] })
			g.Go(func() error {
				select {
				case <-ctx.Done():
					sawDone <- time.Since(start)
					return ctx.Err()
				case <-watcher.release:
					return nil
				}
			})
			g.Go(func() error { time.Sleep(2 * time.Second); return errs[1] })
		})
		if l08Panicked(t, r, gk.FuncPos(t, "Group.Go"), "Go", "Go") {
			return
		}
		if !r.returned {
			gk.ErrorAt(t, gk.FuncPos(t, "Group.Go"),
				"three Go calls on a Group without a limit had not returned after %v; without a limit Go never waits",
				"在没有限制的 Group 上，三次 Go 调用过了 %v 仍未返回；没有限制时 Go 从不等待", l08Patience)
			return
		}
		time.Sleep(time.Second - time.Since(start))
		synctest.Wait() // f 0 has returned errs[0]; everything that follows from it has happened
		if !l08Closed(ctx.Done()) {
			gk.ErrorAt(t, gk.FuncPos(t, "Group.Go"),
				"at 1s an f returned %q, and nobody has called Wait yet: the context from WithContext should be cancelled now, so that the other f's stop working. It is not: is it cancelled only by Wait? Cancel it where the first error is recorded",
				"1s 时一个 f 返回了 %q，此时还没有人调用 Wait：WithContext 返回的 context 此刻就应该被取消，好让其他 f 停下来。但它没有：是不是只在 Wait 里才取消？应该在记下第一个错误的地方取消",
				errs[0])
			l08Release(watcher)
			l08Within(l08Patience, func() { _ = g.Wait() })
			return
		}
		if cause := context.Cause(ctx); !errors.Is(cause, errs[0]) {
			gk.ErrorAt(t, gk.FuncPos(t, "WithContext"),
				"the context was cancelled at the first error, but context.Cause(ctx) is %v, not that error (%q). Make it with context.WithCancelCause and cancel it with the error: cancel(err)",
				"context 在第一个错误出现时被取消了，但 context.Cause(ctx) 是 %v，而不是那个错误（%q）。用 context.WithCancelCause 创建它，并用这个错误取消：cancel(err)",
				cause, errs[0])
		}
		if ctx.Err() != context.Canceled {
			gk.ErrorAt(t, gk.FuncPos(t, "WithContext"),
				"after the first error ctx.Err() is %v; a cancelled context reports context.Canceled (the error itself is its cause)",
				"第一个错误之后 ctx.Err() 是 %v；被取消的 context 应该报告 context.Canceled（错误本身是它的 cause）", ctx.Err())
		}
		select {
		case at := <-sawDone:
			if at != time.Second {
				gk.ErrorAt(t, gk.FuncPos(t, "Group.Go"),
					"an f watching ctx.Done() saw it closed at %v; the first error happened at 1s",
					"一个监听 ctx.Done() 的 f 在 %v 才看到它关闭；第一个错误发生在 1s", at)
			}
		default:
		}

		time.Sleep(2*time.Second - time.Since(start))
		synctest.Wait() // the second error has happened too
		if cause := context.Cause(ctx); !errors.Is(cause, errs[0]) {
			gk.ErrorAt(t, gk.FuncPos(t, "Group.Go"),
				"after a second error (at 2s), context.Cause(ctx) is %v; the cause must stay the first error, %q",
				"第二个错误（2s 时）之后，context.Cause(ctx) 变成了 %v；cause 必须一直是第一个错误 %q", cause, errs[0])
		}
		var err error
		r = l08Within(l08Patience, func() { err = g.Wait() })
		if !r.returned {
			gk.ErrorAt(t, gk.FuncPos(t, "Group.Wait"),
				"Wait had not returned after %v, although every f had returned by 2s",
				"Wait 过了 %v 仍未返回，而所有 f 在 2s 前都已返回", l08Patience)
			return
		}
		if !errors.Is(err, errs[0]) {
			gk.ErrorAt(t, gk.FuncPos(t, "Group.Wait"),
				"Wait returned %v; the first error was %q (at 1s). The f that stopped because the context was cancelled returned context.Canceled after it: that one does not count as first",
				"Wait 返回了 %v；第一个错误是 1s 时的 %q。那个因为 context 被取消而停下的 f 是在它之后才返回 context.Canceled 的，不算第一个",
				err, errs[0])
		}
	})
}

// Without errors the context stays alive while the f's work, and is
// cancelled (cause context.Canceled) once Wait returns.
func ContextCancelledWhenWaitReturns(t *testing.T, api API) {
	l08Bubble(t, func(t *testing.T) {
		g, ctx := api.WithContext(context.Background())
		start := time.Now()
		r := l08Within(l08Patience, func() {
			g.Go(func() error { time.Sleep(time.Second); return nil })
			g.Go(func() error { time.Sleep(2 * time.Second); return nil })
		})
		if l08Panicked(t, r, gk.FuncPos(t, "Group.Go"), "Go", "Go") || !r.returned {
			if !r.returned {
				gk.ErrorAt(t, gk.FuncPos(t, "Group.Go"),
					"two Go calls on a Group without a limit had not returned after %v; without a limit Go never waits",
					"在没有限制的 Group 上，两次 Go 调用过了 %v 仍未返回；没有限制时 Go 从不等待", l08Patience)
			}
			return
		}
		time.Sleep(1500 * time.Millisecond)
		synctest.Wait()
		if l08Closed(ctx.Done()) {
			gk.ErrorAt(t, gk.FuncPos(t, "Group.Go"),
				"at 1.5s, while an f was still working and none had failed, the group's context was already cancelled (cause %v); it must stay alive until the first error or until Wait returns",
				"1.5s 时还有 f 在工作、也没有任何 f 失败，group 的 context 却已经被取消（cause 为 %v）；在第一个错误出现或 Wait 返回之前，它必须保持有效",
				context.Cause(ctx))
			return
		}
		var err error
		var doneAtReturn bool
		r = l08Within(l08Patience, func() {
			err = g.Wait()
			doneAtReturn = l08Closed(ctx.Done()) // right when Wait returns, in its caller
		})
		if !r.returned {
			gk.ErrorAt(t, gk.FuncPos(t, "Group.Wait"),
				"Wait had not returned after %v, although both f's return by 2s",
				"Wait 过了 %v 仍未返回，而两个 f 都在 2s 前返回", l08Patience)
			return
		}
		if err != nil {
			gk.ErrorAt(t, gk.FuncPos(t, "Group.Wait"),
				"both f's returned nil, but Wait returned %v", "两个 f 都返回 nil，Wait 却返回了 %v", err)
		}
		if !doneAtReturn {
			gk.ErrorAt(t, gk.FuncPos(t, "Group.Wait"),
				"Wait returned (at %v) and the group's context is still not cancelled; Wait must cancel it in any case, also when every f succeeded, or whatever still watches it (and the context's resources) stays alive",
				"Wait 已经返回（%v 时），group 的 context 却仍未取消；无论如何 Wait 都必须取消它，所有 f 都成功时也一样，否则还在监听它的东西（以及 context 的资源）会一直留着",
				time.Since(start))
			return
		}
		if cause := context.Cause(ctx); cause != context.Canceled {
			gk.ErrorAt(t, gk.FuncPos(t, "Group.Wait"),
				"no f failed, so after Wait the context's cause should be context.Canceled (cancel(nil)); it is %v",
				"没有 f 失败，所以 Wait 之后 context 的 cause 应该是 context.Canceled（cancel(nil)）；实际是 %v", cause)
		}
	})
}

// The context of WithContext is derived from the caller's: cancelling the
// parent cancels it, with the parent's cause.
func WithContextDerivesFromTheParent(t *testing.T, api API) {
	l08Bubble(t, func(t *testing.T) {
		parent, cancelParent := context.WithCancelCause(context.Background())
		defer cancelParent(nil)
		stop := errors.New("l08: the caller gave up")
		g, ctx := api.WithContext(parent)
		r := l08Within(l08Patience, func() {
			g.Go(func() error {
				select {
				case <-ctx.Done():
				case <-time.After(time.Hour):
				}
				return nil
			})
		})
		if l08Panicked(t, r, gk.FuncPos(t, "Group.Go"), "Go", "Go") || !r.returned {
			return // TestL08_WaitWaitsForEveryF reports a Go that blocks
		}
		time.Sleep(time.Second)
		cancelParent(stop)
		synctest.Wait()
		if !l08Closed(ctx.Done()) {
			gk.ErrorAt(t, gk.FuncPos(t, "WithContext"),
				"the caller cancelled the ctx it passed to WithContext, but the group's context is still not done; derive it from that ctx, not from context.Background()",
				"调用方取消了传给 WithContext 的 ctx，group 的 context 却仍未结束；应该从这个 ctx 派生，而不是从 context.Background()")
		} else if cause := context.Cause(ctx); !errors.Is(cause, stop) {
			gk.ErrorAt(t, gk.FuncPos(t, "WithContext"),
				"the caller cancelled its ctx with cause %q, but the group's context has cause %v; a derived context inherits its parent's cause",
				"调用方用 cause %q 取消了它的 ctx，group 的 context 的 cause 却是 %v；派生出来的 context 会继承父 context 的 cause",
				stop, cause)
		}
		r = l08Within(l08Patience, func() { _ = g.Wait() })
		if !r.returned {
			gk.ErrorAt(t, gk.FuncPos(t, "Group.Wait"),
				"Wait had not returned after %v, although its only f returns when the context is done",
				"Wait 过了 %v 仍未返回，而它唯一的 f 在 context 结束时就会返回", l08Patience)
		}
	})
}
