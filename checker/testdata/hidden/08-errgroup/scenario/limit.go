package scenario

import (
	"context"
	"errors"
	"testing"
	"testing/synctest"
	"time"

	gk "GOCOURSE_KIT"
)

// With SetLimit(2) and two f's running, a third Go blocks, in the caller,
// until one of them returns; then it starts f at once.
func GoBlocksAtTheLimit(t *testing.T, api API) {
	l08Bubble(t, func(t *testing.T) {
		g := api.New()
		g.SetLimit(2)
		gauge := &l08Gauge{}
		bs := []*l08Blocker{l08NewBlocker(nil), l08NewBlocker(nil), l08NewBlocker(nil)}
		defer l08Release(bs...)
		for i := range 2 {
			r, later := l08Now(func() { g.Go(bs[i].f(gauge)) })
			if l08Panicked(t, r, gk.FuncPos(t, "Group.Go"), "Go after SetLimit(2)", "SetLimit(2) 之后的 Go") {
				return
			}
			if later != nil {
				gk.ErrorAt(t, gk.FuncPos(t, "Group.Go"),
					"after SetLimit(2), Go call %d blocked although only %d goroutine(s) of the group were active; Go waits only while the limit is reached",
					"SetLimit(2) 之后，第 %d 次 Go 调用阻塞了，而 group 里只有 %d 个活跃的 goroutine；只有达到上限时 Go 才需要等待",
					i+1, i)
				return
			}
		}
		if !bs[0].hasStarted() || !bs[1].hasStarted() {
			gk.ErrorAt(t, gk.FuncPos(t, "Group.Go"),
				"after SetLimit(2), two Go calls returned but their f's had not both started; with free slots, Go starts f at once",
				"SetLimit(2) 之后两次 Go 都返回了，它们的 f 却没有都开始运行；有空位时 Go 会立刻启动 f")
			return
		}

		start := time.Now()
		third := l08Run(func() { g.Go(bs[2].f(gauge)) })
		time.Sleep(l08Patience)
		synctest.Wait()
		select {
		case r := <-third:
			if l08Panicked(t, r, gk.FuncPos(t, "Group.Go"), "Go after SetLimit(2)", "SetLimit(2) 之后的 Go") {
				return
			}
			if bs[2].hasStarted() {
				gk.ErrorAt(t, gk.FuncPos(t, "Group.Go"),
					"after SetLimit(2), with two f's running, a third Go returned and its f started: %d f's ran at once. The limit is ignored: Go must block until a slot is free",
					"SetLimit(2) 之后，两个 f 正在运行，第三次 Go 却返回了，它的 f 也开始运行：同时运行了 %d 个 f。上限被忽略了：Go 必须阻塞到有空位为止",
					gauge.max.Load())
			} else {
				gk.ErrorAt(t, gk.FuncPos(t, "Group.Go"),
					"after SetLimit(2), with two f's running, a third Go returned at once (its f waits for a slot somewhere else). Go itself must block while the limit is reached: a caller that loops over a million items would otherwise pile up a million goroutines, all waiting for a slot",
					"SetLimit(2) 之后，两个 f 正在运行，第三次 Go 却立刻返回了（它的 f 在别处等空位）。达到上限时必须是 Go 本身阻塞：否则一个遍历一百万个元素的调用方会堆出一百万个都在等空位的 goroutine")
			}
			return
		default:
		}
		if bs[2].hasStarted() {
			gk.ErrorAt(t, gk.FuncPos(t, "Group.Go"),
				"after SetLimit(2), a third f started while two were running",
				"SetLimit(2) 之后，两个 f 还在运行时第三个 f 就开始了")
			return
		}

		l08Release(bs[0]) // one slot becomes free
		synctest.Wait()
		select {
		case <-third:
		default:
			gk.ErrorAt(t, gk.FuncPos(t, "Group.Go"),
				"after SetLimit(2), one of the two running f's returned, but the third Go is still blocked: is the slot given back when f's goroutine ends?",
				"SetLimit(2) 之后，两个正在运行的 f 中有一个返回了，第三次 Go 却仍然阻塞：f 的 goroutine 结束时有没有把空位还回去？")
			return
		}
		if !bs[2].hasStarted() {
			gk.ErrorAt(t, gk.FuncPos(t, "Group.Go"),
				"the third Go returned when a slot became free, but its f has not started",
				"有空位后第三次 Go 返回了，它的 f 却没有开始运行")
			return
		}
		if d := time.Since(start); d != l08Patience {
			gk.ErrorAt(t, gk.FuncPos(t, "Group.Go"),
				"the third Go returned %v after the slot became free; it should return at that instant",
				"空位出现 %v 后第三次 Go 才返回；它应该在那一刻就返回", d-l08Patience)
		}
		l08Release(bs...)
		synctest.Wait() // every f has returned: Wait is not racing the last goroutines' start
		r := l08Within(l08Patience, func() { _ = g.Wait() })
		if !r.returned {
			gk.ErrorAt(t, gk.FuncPos(t, "Group.Wait"),
				"Wait had not returned after %v, although every f had been released",
				"所有 f 都已放行，Wait 过了 %v 仍未返回", l08Patience)
		}
	})
}

// SetLimit(3) and ten f's, some failing, some returning at once: never more
// than three run at the same moment, and every one of them runs.
func LimitIsNeverExceeded(t *testing.T, api API) {
	l08Explore(t, 30, func(t *testing.T) {
		const limit, n = 3, 10
		g, _ := api.WithContext(context.Background())
		g.SetLimit(limit)
		gauge := &l08Gauge{}
		errs := l08Errors("limit", n)
		r := l08Within(l08Patience, func() {
			for i := range n {
				g.Go(func() error {
					gauge.enter()
					defer gauge.leave()
					time.Sleep(time.Duration(i%4) * time.Millisecond)
					if i%3 == 0 {
						return errs[i]
					}
					return nil
				})
			}
			_ = g.Wait()
		})
		if l08Panicked(t, r, gk.FuncPos(t, "Group.Go"), "Go or Wait after SetLimit(3)", "SetLimit(3) 之后的 Go 或 Wait") {
			return
		}
		if max := gauge.max.Load(); max > limit {
			gk.ErrorAt(t, gk.FuncPos(t, "Group.Go"),
				"after SetLimit(%d), %d f's were running at the same moment. Does a goroutine give its slot back before its f has returned, or more than once (say, on the error path and again in a defer)?",
				"SetLimit(%d) 之后，同一时刻有 %d 个 f 在运行。是不是有 goroutine 在它的 f 返回之前就还了空位，或者还了不止一次（比如出错时还一次，defer 里又还一次）？",
				limit, max)
			return
		}
		if !r.returned {
			gk.ErrorAt(t, gk.FuncPos(t, "Group.Wait"),
				"after SetLimit(%d), ten Go calls of short f's followed by Wait had not finished after %v (%d f's had run). Is a slot never given back, or given back twice so that a goroutine waits for a slot that is not there?",
				"SetLimit(%d) 之后，十次 Go（都是很快的 f）再加一次 Wait，过了 %v 还没结束（已运行 %d 个 f）。是不是有空位从没被还回，或者被还了两次，结果某个 goroutine 在等一个不存在的空位？",
				limit, l08Patience, gauge.total.Load())
			return
		}
		if total := gauge.total.Load(); total != n {
			gk.ErrorAt(t, gk.FuncPos(t, "Group.Go"),
				"ten f's were passed to Go, but %d ran before Wait returned",
				"有十个 f 交给了 Go，Wait 返回前却只运行了 %d 个", total)
		}
	})
}

// TryGo starts f when a slot is free and says so; when none is, it returns
// false at once and f never runs.
func TryGo(t *testing.T, api API) {
	l08Bubble(t, func(t *testing.T) {
		g := api.New()
		g.SetLimit(1)
		gauge := &l08Gauge{}
		bs := []*l08Blocker{l08NewBlocker(nil), l08NewBlocker(nil), l08NewBlocker(nil)}
		defer l08Release(bs...)
		var ok [3]bool
		r, later := l08Now(func() { ok[0] = g.TryGo(bs[0].f(gauge)) })
		if l08Panicked(t, r, gk.FuncPos(t, "Group.TryGo"), "TryGo after SetLimit(1)", "SetLimit(1) 之后的 TryGo") {
			return
		}
		if later != nil {
			gk.ErrorAt(t, gk.FuncPos(t, "Group.TryGo"),
				"after SetLimit(1), on an idle group, TryGo blocked; with a free slot it starts f and returns true at once",
				"SetLimit(1) 之后，group 空闲时 TryGo 却阻塞了；有空位时它应该启动 f 并立刻返回 true")
			return
		}
		if !ok[0] || !bs[0].hasStarted() {
			gk.ErrorAt(t, gk.FuncPos(t, "Group.TryGo"),
				"after SetLimit(1), on an idle group, TryGo returned %v and its f started: %v; it should start f and return true",
				"SetLimit(1) 之后，group 空闲时 TryGo 返回了 %v，f 是否开始运行：%v；它应该启动 f 并返回 true",
				ok[0], bs[0].hasStarted())
			return
		}

		r, later = l08Now(func() { ok[1] = g.TryGo(bs[1].f(gauge)) })
		if later != nil {
			gk.ErrorAt(t, gk.FuncPos(t, "Group.TryGo"),
				"after SetLimit(1), with one f running, TryGo blocked, waiting for the slot; TryGo must never wait: it returns false at once",
				"SetLimit(1) 之后，已有一个 f 在运行，TryGo 却阻塞着等空位；TryGo 绝不等待：应该立刻返回 false")
			l08Release(bs...)
			synctest.Wait()
			l08Within(l08Patience, func() { _ = g.Wait() })
			return
		}
		if ok[1] || bs[1].hasStarted() {
			gk.ErrorAt(t, gk.FuncPos(t, "Group.TryGo"),
				"after SetLimit(1), with one f running, TryGo returned %v (its f started: %v); with the only slot taken it must return false and never start f",
				"SetLimit(1) 之后，已有一个 f 在运行，TryGo 返回了 %v（它的 f 是否开始运行：%v）；唯一的空位已被占用，它必须返回 false，并且永远不启动 f",
				ok[1], bs[1].hasStarted())
			l08Release(bs...)
			synctest.Wait()
			l08Within(l08Patience, func() { _ = g.Wait() })
			return
		}

		l08Release(bs[0])
		synctest.Wait() // the first f's goroutine has ended
		r, later = l08Now(func() { ok[2] = g.TryGo(bs[2].f(gauge)) })
		if later == nil && !ok[2] {
			gk.ErrorAt(t, gk.FuncPos(t, "Group.TryGo"),
				"after SetLimit(1), once the running f had returned, TryGo returned false; the slot should be free again. Is it given back when f's goroutine ends?",
				"SetLimit(1) 之后，正在运行的 f 返回以后，TryGo 返回了 false；空位应该已经空出来了。f 的 goroutine 结束时有没有把空位还回去？")
		}
		if later != nil {
			gk.ErrorAt(t, gk.FuncPos(t, "Group.TryGo"),
				"after SetLimit(1), once the running f had returned, TryGo blocked; the slot should be free again, and TryGo never waits",
				"SetLimit(1) 之后，正在运行的 f 返回以后，TryGo 却阻塞了；空位应该已经空出来了，而且 TryGo 从不等待")
		}
		if later != nil || !ok[2] {
			l08Release(bs...)
			synctest.Wait()
			l08Within(l08Patience, func() { _ = g.Wait() })
			return
		}
		l08Release(bs...)
		synctest.Wait()
		r = l08Within(l08Patience, func() { _ = g.Wait() })
		if !r.returned {
			gk.ErrorAt(t, gk.FuncPos(t, "Group.Wait"),
				"Wait had not returned after %v, although every f started by TryGo had been released",
				"TryGo 启动的每个 f 都已放行，Wait 过了 %v 仍未返回", l08Patience)
			return
		}
		if bs[1].hasStarted() {
			gk.ErrorAt(t, gk.FuncPos(t, "Group.TryGo"),
				"an f for which TryGo returned false ran anyway; false means f is never called",
				"TryGo 返回 false 的那个 f 还是被执行了；false 表示 f 永远不会被调用")
		}
	})
}

// Six goroutines call TryGo at the same moment on a Group with SetLimit(2):
// exactly two get true, none waits, and never more than two f's run.
func TryGoConcurrently(t *testing.T, api API) {
	l08Explore(t, 30, func(t *testing.T) {
		const limit, n = 2, 6
		g := api.New()
		g.SetLimit(limit)
		gauge := &l08Gauge{}
		gate := make(chan struct{})
		release := make(chan struct{})
		defer func() {
			if !l08Closed(release) {
				close(release)
			}
		}()
		results := make(chan bool, n)
		for range n {
			go func() {
				<-gate
				results <- g.TryGo(func() error {
					gauge.enter()
					defer gauge.leave()
					<-release
					return nil
				})
			}()
		}
		close(gate)
		synctest.Wait()
		got, trues := len(results), 0
		for range got {
			if <-results {
				trues++
			}
		}
		if got < n {
			gk.ErrorAt(t, gk.FuncPos(t, "Group.TryGo"),
				"SetLimit(%d), then %d goroutines called TryGo at the same moment: %d of those calls blocked. TryGo must never wait; is 'is there a slot?' checked in one step and then taken in another?",
				"SetLimit(%d) 之后，%d 个 goroutine 在同一时刻调用 TryGo：其中 %d 个调用阻塞了。TryGo 绝不能等待；是不是“有没有空位？”和“占用空位”分成了两步？",
				limit, n, n-got)
		} else if trues != limit || gauge.max.Load() > limit {
			gk.ErrorAt(t, gk.FuncPos(t, "Group.TryGo"),
				"SetLimit(%d), then %d goroutines called TryGo at the same moment, with no f returning: %d calls returned true and %d f's ran at once; exactly %d should get true",
				"SetLimit(%d) 之后，%d 个 goroutine 在同一时刻调用 TryGo，而没有任何 f 返回：%d 个调用返回 true，同时运行了 %d 个 f；应该正好有 %d 个返回 true",
				limit, n, trues, gauge.max.Load(), limit)
		}
		close(release)
		synctest.Wait()
		r := l08Within(l08Patience, func() { _ = g.Wait() })
		if !r.returned {
			gk.ErrorAt(t, gk.FuncPos(t, "Group.Wait"),
				"Wait had not returned after %v, although every f had been released",
				"所有 f 都已放行，Wait 过了 %v 仍未返回", l08Patience)
		}
	})
}

// A negative limit means no limit, also after a limit was set.
func NegativeLimitMeansNone(t *testing.T, api API) {
	l08Bubble(t, func(t *testing.T) {
		const n = 5
		g := api.New()
		g.SetLimit(1)
		g.SetLimit(-1)
		gauge := &l08Gauge{}
		release := make(chan struct{})
		defer func() {
			if !l08Closed(release) {
				close(release)
			}
		}()
		r, later := l08Now(func() {
			for range n {
				g.Go(func() error {
					gauge.enter()
					defer gauge.leave()
					<-release
					return nil
				})
			}
		})
		if l08Panicked(t, r, gk.FuncPos(t, "Group.SetLimit"), "Go after SetLimit(1), SetLimit(-1)", "SetLimit(1)、SetLimit(-1) 之后的 Go") {
			return
		}
		if later != nil || gauge.now.Load() != n {
			gk.ErrorAt(t, gk.FuncPos(t, "Group.SetLimit"),
				"after SetLimit(1) then SetLimit(-1), %d Go calls of f's that keep running: %d f's were running (Go blocked: %v). A negative limit means no limit at all",
				"先 SetLimit(1) 再 SetLimit(-1) 之后，%d 次 Go 调用（f 一直在运行）：有 %d 个 f 在运行（Go 是否阻塞：%v）。负数的上限表示完全没有上限",
				n, gauge.now.Load(), later != nil)
		}
		close(release)
		synctest.Wait()
		if later != nil {
			l08Within(l08Patience, func() { <-later })
		}
		r = l08Within(l08Patience, func() { _ = g.Wait() })
		if !r.returned {
			gk.ErrorAt(t, gk.FuncPos(t, "Group.Wait"),
				"Wait had not returned after %v, although every f had been released",
				"所有 f 都已放行，Wait 过了 %v 仍未返回", l08Patience)
		}
	})
}

// The zero Group works: Go, TryGo and Wait, with errors, without a context
// to cancel, without panicking.
func ZeroGroup(t *testing.T, api API) {
	l08Bubble(t, func(t *testing.T) {
		g := api.New()
		errs := l08Errors("zero", 2)
		var err error
		var tried bool
		start := time.Now()
		r := l08Within(l08Patience, func() {
			g.Go(func() error { time.Sleep(time.Second); return errs[0] })
			g.Go(func() error { time.Sleep(2 * time.Second); return errs[1] })
			tried = g.TryGo(func() error { time.Sleep(3 * time.Second); return nil })
		})
		if r.returned && r.panicked == nil {
			// Every goroutine has started before Wait: TestL08_WaitWaitsForEveryF
			// is the one about a Wait that comes first.
			synctest.Wait()
			r = l08Within(l08Patience, func() { err = g.Wait() })
		}
		if l08Panicked(t, r, gk.FuncPos(t, "Group.Go"), "Go, TryGo or Wait on a zero Group", "零值 Group 上的 Go、TryGo 或 Wait") {
			return
		}
		if !r.returned {
			gk.ErrorAt(t, gk.FuncPos(t, "Group.Wait"),
				"on a zero Group (var g Group), Go, Go, TryGo and Wait had not returned after %v; the f's take at most 3s",
				"在零值 Group（var g Group）上，Go、Go、TryGo 和 Wait 过了 %v 仍未全部返回；这些 f 最多只要 3s", l08Patience)
			return
		}
		if !tried {
			gk.ErrorAt(t, gk.FuncPos(t, "Group.TryGo"),
				"on a zero Group, which has no limit, TryGo returned false; without a limit it always starts f",
				"零值 Group 没有上限，TryGo 却返回了 false；没有上限时它总会启动 f")
		}
		if !errors.Is(err, errs[0]) {
			gk.ErrorAt(t, gk.FuncPos(t, "Group.Wait"),
				"on a zero Group, f's failed with %q at 1s and %q at 2s, and Wait returned %v; it must return the first",
				"在零值 Group 上，f 分别在 1s 和 2s 以 %q 和 %q 失败，Wait 返回了 %v；它必须返回第一个",
				errs[0], errs[1], err)
		}
		if d := time.Since(start); d != 3*time.Second && tried {
			gk.ErrorAt(t, gk.FuncPos(t, "Group.Wait"),
				"on a zero Group, Wait returned after %v; the f started by TryGo returns at 3s",
				"在零值 Group 上，Wait 在 %v 后返回；TryGo 启动的 f 在 3s 才返回", d)
		}
	})
}
