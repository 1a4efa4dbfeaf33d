package scenario

import (
	"context"
	"errors"
	"strings"
	"testing"
	"testing/synctest"
	"time"

	gk "GOCOURSE_KIT"
)

// l07PublishAt is when (virtual time) the Changed tests publish: an odd
// instant, so a Changed that wakes up on a timer and looks again returns
// later than a publish it is woken by.
const l07PublishAt = 10*time.Millisecond + 7*time.Microsecond + 3

func ChangedReturnsAtOnceWhenNewer(t *testing.T, api API) {
	gk.Bubble(t, func(t *testing.T) {
		s, ok := l07NewStore(t, api)
		if !ok {
			return
		}
		if _, _, ok := l07Update(t, s, func(next Config) error { return nil }); !ok {
			return
		}
		cur, _ := l07Load(t, s) // Version 2
		done, cancel := context.WithCancel(context.Background())
		cancel()
		for _, tc := range []struct {
			ctx    context.Context
			en, zh string
			since  int
		}{
			{context.Background(), "", "", 1},
			{context.Background(), "", "", 0},
			{done, " with a ctx that is already done", "（ctx 已经结束）", 1},
		} {
			r, ok := l07Wait(l07Go(func() (Config, error) { return s.Changed(tc.ctx, tc.since) }), l07Patience)
			switch {
			case !ok:
				gk.ErrorAt(t, gk.FuncPos(t, "Store.Changed"),
					"the current Version is %[1]d, yet Changed(ctx, %[2]d)%[3]s had not returned after %[4]v: when the current snapshot is newer than since it must return it at once",
					"当前 Version 是 %[1]d，Changed(ctx, %[2]d)%[5]s 却过了 %[4]v 仍未返回：当前快照比 since 新时，应当立即返回它",
					*api.Fields(cur).Version, tc.since, tc.en, l07Patience, tc.zh)
				return
			case r.err != nil || r.cfg == nil || *api.Fields(r.cfg).Version != *api.Fields(cur).Version:
				gk.ErrorAt(t, gk.FuncPos(t, "Store.Changed"),
					"the current Version is %[1]d; Changed(ctx, %[2]d)%[3]s returned (%[4]v, %[5]v): it must return the current snapshot and a nil error, even when ctx is done",
					"当前 Version 是 %[1]d；Changed(ctx, %[2]d)%[6]s 返回了 (%[4]v, %[5]v)：它应当返回当前快照和 nil 错误，即使 ctx 已经结束",
					*api.Fields(cur).Version, tc.since, tc.en, r.cfg, r.err, tc.zh)
				return
			case r.elapsed != 0:
				gk.ErrorAt(t, gk.FuncPos(t, "Store.Changed"),
					"the current Version is %[1]d; Changed(ctx, %[2]d)%[3]s returned it after %[4]v instead of at once: does it sleep before it looks?",
					"当前 Version 是 %[1]d；Changed(ctx, %[2]d)%[5]s 过了 %[4]v 才返回，而不是立即返回：它是不是先睡一会儿再看？",
					*api.Fields(cur).Version, tc.since, tc.en, r.elapsed, tc.zh)
				return
			}
		}
	})
}

func ChangedWakesWhenPublished(t *testing.T, api API) {
	gk.Bubble(t, func(t *testing.T) {
		s, ok := l07NewStore(t, api)
		if !ok {
			return
		}
		ctx, cancel := context.WithCancel(context.Background())
		defer cancel()
		const waiters = 3
		var results [waiters]<-chan l07Result
		for i := range results {
			results[i] = l07Go(func() (Config, error) { return s.Changed(ctx, 1) })
		}
		time.Sleep(l07PublishAt / 2)
		synctest.Wait()
		for _, g := range gk.BubbleGoroutines() {
			if gk.GoroutineState(g) == "sleep" && strings.Contains(g, ".Changed(") {
				gk.ErrorAt(t, gk.LearnerFrame(g),
					"Changed is waiting in time.Sleep: it polls. A waiting Changed must block until it is woken, by a channel that the publishing Update closes or a sync.Cond it broadcasts on, not wake up every so often to look again",
					"Changed 在 time.Sleep 里等待：它在轮询。等待中的 Changed 应当阻塞到被唤醒为止，由发布的 Update 关闭的 channel 或广播的 sync.Cond 来唤醒，而不是每隔一会儿醒来再看一次")
				return
			}
		}
		for i := range results {
			select {
			case r := <-results[i]:
				gk.ErrorAt(t, gk.FuncPos(t, "Store.Changed"),
					"Changed(ctx, 1) returned (%v, %v) after %v, though nothing newer than Version 1 was published: it must wait",
					"Changed(ctx, 1) 在 %[3]v 后返回了 (%[1]v, %[2]v)，可并没有比 Version 1 更新的快照发布：它应当等待",
					r.cfg, r.err, r.elapsed)
				return
			default:
			}
		}
		time.Sleep(l07PublishAt - l07PublishAt/2)
		if _, _, ok := l07Update(t, s, func(next Config) error { return nil }); !ok {
			return
		}
		for i := range results {
			r, ok := l07Wait(results[i], l07Patience)
			switch {
			case !ok:
				gk.ErrorAt(t, gk.FuncPos(t, "Store.Changed"),
					"%d calls of Changed(ctx, 1) were waiting when Update published Version 2; call %d had not returned %v later. A publish must wake every waiter (close a channel, or Broadcast a sync.Cond), not just one",
					"Update 发布 Version 2 时，有 %d 个 Changed(ctx, 1) 在等待；第 %d 个过了 %v 仍未返回。一次发布必须唤醒所有等待者（关闭一个 channel，或 sync.Cond 的 Broadcast），而不只是其中一个",
					waiters, i+1, l07Patience)
				return
			case r.err != nil || r.cfg == nil || *api.Fields(r.cfg).Version != 2:
				gk.ErrorAt(t, gk.FuncPos(t, "Store.Changed"),
					"Update published Version 2 and Changed(ctx, 1) returned (%v, %v); want the snapshot with Version 2 and a nil error",
					"Update 发布了 Version 2，Changed(ctx, 1) 返回了 (%v, %v)；应当返回 Version 2 的快照和 nil 错误",
					r.cfg, r.err)
				return
			case r.elapsed != l07PublishAt:
				gk.ErrorAt(t, gk.FuncPos(t, "Store.Changed"),
					"Update published Version 2 at %v, but Changed(ctx, 1) returned only at %v: it polls (a ticker, time.After in a loop) instead of being woken by the publish. Block on a channel the publishing Update closes, or a sync.Cond it broadcasts on",
					"Update 在 %v 发布了 Version 2，Changed(ctx, 1) 却到 %v 才返回：它在轮询（ticker，或循环里的 time.After），而不是被发布唤醒。应当阻塞在发布的 Update 所关闭的 channel 上，或它广播的 sync.Cond 上",
					l07PublishAt, r.elapsed)
				return
			}
		}
	})
}

func ChangedHonoursCtx(t *testing.T, api API) {
	gk.Bubble(t, func(t *testing.T) {
		s, ok := l07NewStore(t, api)
		if !ok {
			return
		}
		done, cancelDone := context.WithCancel(context.Background())
		cancelDone()
		for _, tc := range []struct {
			name, zh string
			ctx      func() (context.Context, context.CancelFunc)
			after    time.Duration
			want     error
		}{
			{"a ctx with a 50ms timeout", "带 50ms 超时的 ctx", func() (context.Context, context.CancelFunc) {
				return context.WithTimeout(context.Background(), 50*time.Millisecond)
			}, 50 * time.Millisecond, context.DeadlineExceeded},
			{"a ctx cancelled after 20ms", "20ms 后被取消的 ctx", func() (context.Context, context.CancelFunc) {
				ctx, cancel := context.WithCancel(context.Background())
				time.AfterFunc(20*time.Millisecond, cancel)
				return ctx, cancel
			}, 20 * time.Millisecond, context.Canceled},
			{"a ctx that is already done", "已经结束的 ctx", func() (context.Context, context.CancelFunc) {
				return done, func() {}
			}, 0, context.Canceled},
		} {
			ctx, cancel := tc.ctx()
			r, ok := l07Wait(l07Go(func() (Config, error) { return s.Changed(ctx, 1) }), l07Patience)
			cancel()
			switch {
			case !ok:
				gk.ErrorAt(t, gk.FuncPos(t, "Store.Changed"),
					"Changed(ctx, 1) with %[1]s and no newer snapshot had not returned after %[3]v: it must return ctx's error once ctx is done. Wait on ctx.Done() too",
					"传入%[2]s、又没有更新的快照时，Changed(ctx, 1) 过了 %[3]v 仍未返回：ctx 结束后它必须返回 ctx 的错误。也要等 ctx.Done()",
					tc.name, tc.zh, l07Patience)
				return
			case !errors.Is(r.err, tc.want):
				gk.ErrorAt(t, gk.FuncPos(t, "Store.Changed"),
					"Changed(ctx, 1) with %[1]s and no newer snapshot returned (%[3]v, %[4]v); want ctx's error, %[5]v",
					"传入%[2]s、又没有更新的快照时，Changed(ctx, 1) 返回了 (%[3]v, %[4]v)；应当返回 ctx 的错误 %[5]v",
					tc.name, tc.zh, r.cfg, r.err, tc.want)
				return
			case r.elapsed != tc.after:
				gk.ErrorAt(t, gk.FuncPos(t, "Store.Changed"),
					"Changed(ctx, 1) with %[1]s returned after %[3]v; ctx was done after %[4]v, and it must return then",
					"传入%[2]s时，Changed(ctx, 1) 在 %[3]v 后才返回；ctx 在 %[4]v 时就结束了，它应当那时返回",
					tc.name, tc.zh, r.elapsed, tc.after)
				return
			}
		}
	})
}
