package scenario

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"testing"
	"testing/synctest"
	"time"

	gk "GOCOURSE_KIT"
)

// l09ErrBoom is the error the failing call of fn returns.
var l09ErrBoom = errors.New("boom")

// l09Ms is n milliseconds.
func l09Ms(n int) time.Duration { return time.Duration(n) * time.Millisecond }

// MapClosesOutAfterEverySender: nine values, three workers, calls that
// end at distinct instants up to 75ms. The consumer reads until out is
// closed, then waits until every call must have ended, and only then
// checks: a Map that closes out while a call can still send (send on closed
// channel) fails here first, with nothing else reported before the panic.
func MapClosesOutAfterEverySender(t *testing.T, api API) {
	gk.Bubble(t, func(t *testing.T) {
		durs := []int{30, 10, 20, 5, 25, 15, 12, 40, 5}
		log := &l09Log{t0: time.Now()}
		var gauge l09Gauge
		fn := l09Fn(log, &gauge, l09Plan{dur: func(v int) time.Duration { return l09Ms(durs[v]) }})
		out, wait := api.Map(context.Background(), l09Values(len(durs)), 3, fn)
		got, closed := l09Drain(out, l09Patience)
		time.Sleep(time.Second) // every call has ended: a late send on a closed out panics now
		if closed && len(got) == len(durs) {
			l09Wait(wait, l09Patience)
			return // TestMapKeepsInputOrder checks the rest
		}
		if closed {
			gk.ErrorAt(t, gk.FuncPos(t, "Map"),
				"Map closed out after sending %v, before the results of all %d inputs had been sent: is out closed as soon as in is closed, while calls are still running? Close it only after every goroutine that sends on it has returned",
				"Map 只送出了 %v 就关闭了 out，%d 个输入的结果还没发完：是不是 in 一关闭就关了 out，而调用还在进行？只有所有往它发送的 goroutine 都返回之后才能关闭它",
				l09Short(got), len(durs))
		}
		l09Wait(wait, l09Patience)
	})
}

// MapKeepsInputOrder: nine values, three workers, durations chosen so
// that the calls finish in another order than they started (1, 3, 2, 0,
// ...). The results must come out in input order, out must be closed, and
// wait must return nil only once no call is running.
func MapKeepsInputOrder(t *testing.T, api API) {
	gk.Bubble(t, func(t *testing.T) {
		durs := []int{30, 10, 20, 5, 25, 15, 12, 40, 5} // ends: 10, 15, 20, 30, 35, 40, 42, 45, 75ms: no two at once
		log := &l09Log{t0: time.Now()}
		var gauge l09Gauge
		fn := l09Fn(log, &gauge, l09Plan{dur: func(v int) time.Duration { return l09Ms(durs[v]) }})
		out, wait := api.Map(context.Background(), l09Values(len(durs)), 3, fn)
		var want []string
		for v := range durs {
			want = append(want, l09Result(v))
		}
		got, closed := l09Drain(out, l09Patience)
		switch {
		case !closed:
			gk.ErrorAt(t, gk.FuncPos(t, "Map"),
				"Map's output was still open %v after the last result (got %v): close out once every result has been sent",
				"最后一个结果之后又过了 %v，Map 的输出仍然开着（收到 %v）：所有结果发完之后要关闭 out",
				l09Patience, l09Short(got))
		case len(got) < len(want) && l09Prefix(got):
			gk.ErrorAt(t, gk.FuncPos(t, "Map"),
				"Map closed out after sending %v, before the results of every input had been sent (want %v): is out closed as soon as in is closed, while calls are still running? Close it only after every goroutine that sends on it has returned",
				"Map 只送出了 %v 就关闭了 out，还没把所有输入的结果发完（应当是 %v）：是不是 in 一关闭就关了 out，而调用还在进行？只有所有往它发送的 goroutine 都返回之后才能关闭它",
				l09Short(got), want)
		case !slices.Equal(got, want):
			gk.ErrorAt(t, gk.FuncPos(t, "Map"),
				"Map sent %v; want the results in the order of their inputs, %v. The calls finish in another order (fn(1) first, then fn(3), fn(2), fn(0)...): a result must wait until every earlier one has been sent (a queue of per-item result channels)",
				"Map 送出的是 %v；结果应当按输入的顺序：%v。这些调用完成的顺序不同（先 fn(1)，再 fn(3)、fn(2)、fn(0)……）：一个结果要等它前面的都发出去之后才能发（每个元素一个结果 channel，排成队列）",
				l09Short(got), want)
		}
		err, returned := l09Wait(wait, l09Patience)
		running := gauge.now.Load()
		switch {
		case !returned:
			gk.ErrorAt(t, gk.FuncPos(t, "Map"),
				"wait() had not returned %v after every input was processed and out was closed",
				"所有输入都处理完、out 也关闭了，又过了 %v，wait() 仍未返回",
				l09Patience)
		case err != nil:
			gk.ErrorAt(t, gk.FuncPos(t, "Map"),
				"wait() returned %v, but in was closed and every call of fn succeeded: it should return nil",
				"wait() 返回了 %v，但 in 已关闭、fn 的每次调用都成功了：它应当返回 nil",
				err)
		case running > 0:
			gk.ErrorAt(t, gk.FuncPos(t, "Map"),
				"wait() returned while %d call(s) of fn were still running: it must return only once every goroutine Map started has returned",
				"wait() 返回时 fn 还有 %d 个调用在运行：只有 Map 启动的每个 goroutine 都返回之后，它才能返回",
				running)
		}
		count := map[int]int{}
		for _, v := range log.started() {
			count[v]++
		}
		for v := range durs {
			if count[v] != 1 {
				gk.ErrorAt(t, gk.FuncPos(t, "Map"),
					"fn was called %d times with the value %d; each value of in must be passed to fn exactly once",
					"fn 被以值 %[2]d 调用了 %[1]d 次；in 的每个值都应当恰好交给 fn 一次",
					count[v], v)
				break
			}
		}
	})
}

// MapRunsAtMostWorkersCalls: thirty values, four workers: never more
// than four calls of fn at once.
func MapRunsAtMostWorkersCalls(t *testing.T, api API) {
	gk.Bubble(t, func(t *testing.T) {
		log := &l09Log{t0: time.Now()}
		var gauge l09Gauge
		fn := l09Fn(log, &gauge, l09Plan{dur: func(v int) time.Duration { return l09Ms(v%7 + 1) }})
		out, wait := api.Map(context.Background(), l09Values(30), 4, fn)
		l09Drain(out, l09Patience)
		l09Wait(wait, l09Patience)
		if m := gauge.max.Load(); m > 4 {
			gk.ErrorAt(t, gk.FuncPos(t, "Map"),
				"Map(ctx, in, 4, fn) ran up to %d calls of fn at once; at most workers (4) may run at the same time. A slot must be taken before a call starts (a semaphore: a buffered channel of capacity workers), or use exactly workers goroutines",
				"Map(ctx, in, 4, fn) 同时运行了多达 %d 个 fn 调用；同一时刻最多只能有 workers（4）个。调用开始前要先拿到名额（信号量：容量为 workers 的带缓冲 channel），或者只用 workers 个 goroutine",
				m)
		}
	})
}

// MapGoroutinesDoNotGrowWithValues: the same Map with 20 and with 100
// values waiting in its input, every call of fn held at a gate. The number
// of goroutines running the learner's code must not grow with the values.
func MapGoroutinesDoNotGrowWithValues(t *testing.T, api API) {
	count := func(n int) int {
		var goroutines int
		gk.Bubble(t, func(t *testing.T) {
			gate := make(chan struct{})
			log := &l09Log{t0: time.Now()}
			var gauge l09Gauge
			fn := l09Fn(log, &gauge, l09Plan{gate: gate})
			out, wait := api.Map(context.Background(), l09Values(n), 2, fn)
			synctest.Wait() // Map has done all it can before the first call returns
			goroutines = l09LearnerGoroutines()
			close(gate)
			got, _ := l09Drain(out, l09Patience)
			l09Wait(wait, l09Patience)
			if len(got) != n {
				gk.ErrorAt(t, gk.FuncPos(t, "Map"),
					"Map with %d values and two workers sent %d results; want %d",
					"有 %d 个值、两个 worker 的 Map 送出了 %d 个结果；应当是 %d 个",
					n, len(got), n)
			}
		})
		return goroutines
	}
	few, many := count(20), count(100)
	if many > few+5 {
		gk.ErrorAt(t, gk.FuncPos(t, "Map"),
			"with 20 values waiting in its input Map ran %d goroutines, with 100 values %d (workers = 2, every call of fn blocked): a goroutine per value, even one that waits for a slot, grows with the input. Take the slot before the go statement, or start exactly workers goroutines",
			"输入里有 20 个值时 Map 运行了 %d 个 goroutine，有 100 个值时是 %d 个（workers = 2，fn 的每次调用都阻塞着）：每个值一个 goroutine，哪怕它在等名额，数量也会随输入增长。要在 go 语句之前拿到名额，或者只启动 workers 个 goroutine",
			few, many)
	}
}

// MapStopsAtTheFirstError: twenty values, three workers; fn(4) fails.
// With slots freed as calls return:
//
//	0ms  fn(0) 10ms, fn(1) 50ms (ignores ctx), fn(2) 20ms start
//	10ms fn(0) done; fn(3) 30ms starts
//	20ms fn(2) done; fn(4) starts, and fails at 35ms
//	35ms fn(4) fails: fn(3) must see its ctx cancelled at once; fn(1),
//	     which ignores ctx, ends at 50ms and finds its ctx cancelled
//
// (A Map that holds a slot until its result is sent runs another timeline;
// the checks below take the failure's instant from the calls themselves.)
// No call may start after the failure, nor with a context already
// cancelled; every call in flight sees its context cancelled; out is an
// in-order prefix of r0..r3; wait returns the error of fn(4) (not the
// Canceled of the others), and only once fn(1) has returned.
func MapStopsAtTheFirstError(t *testing.T, api API) {
	gk.Bubble(t, func(t *testing.T) {
		durs := map[int]int{0: 10, 1: 50, 2: 20, 3: 30, 4: 15}
		dur := func(v int) time.Duration {
			if d, ok := durs[v]; ok {
				return l09Ms(d)
			}
			return l09Ms(7)
		}
		log := &l09Log{t0: time.Now()}
		var gauge l09Gauge
		fn := l09Fn(log, &gauge, l09Plan{
			dur: dur,
			fail: func(v int) error {
				if v == 4 {
					return fmt.Errorf("fn(4): %w", l09ErrBoom)
				}
				return nil
			},
			stubborn: func(v int) bool { return v == 1 },
		})
		out, wait := api.Map(context.Background(), l09Values(20), 3, fn)
		got, closed := l09Drain(out, l09Patience)
		pos := gk.FuncPos(t, "Map")
		switch {
		case !closed:
			gk.ErrorAt(t, pos,
				"after fn(4) failed Map's output was still open %v later (got %v): out must be closed once Map has stopped",
				"fn(4) 失败后又过了 %v，Map 的输出仍然开着（收到 %v）：Map 停下之后要关闭 out",
				l09Patience, l09Short(got))
		case !l09Prefix(got) || len(got) > 4:
			gk.ErrorAt(t, pos,
				"fn(4) failed, and Map sent %v: what is sent must be an in-order prefix of the results that ends before the failing input (r0 ... r3 at most), without gaps",
				"fn(4) 失败了，而 Map 送出了 %v：送出的必须是按输入顺序、没有空缺的前缀，并且在失败的输入之前结束（最多 r0 ... r3）",
				l09Short(got))
		}
		err, returned := l09Wait(wait, l09Patience)
		running := gauge.now.Load()
		switch {
		case !returned:
			gk.ErrorAt(t, pos,
				"wait() had not returned %v after fn(4) failed and every call had ended",
				"fn(4) 失败、所有调用都结束之后又过了 %v，wait() 仍未返回",
				l09Patience)
		case !errors.Is(err, l09ErrBoom):
			gk.ErrorAt(t, pos,
				"wait() returned %v; want the first error in time, fn(4)'s (%v). The context.Canceled errors of the calls stopped because of it do not count: keep the first error, not the last",
				"wait() 返回了 %v；应当返回时间上的第一个错误，也就是 fn(4) 的（%v）。因它而被停掉的调用返回的 context.Canceled 不算：保留第一个错误，而不是最后一个",
				err, l09ErrBoom)
		case running > 0:
			gk.ErrorAt(t, pos,
				"wait() returned while %d call(s) of fn were still running (fn(1) ignores ctx and runs its 50ms to the end): wait must return only once every goroutine Map started has returned",
				"wait() 返回时 fn 还有 %d 个调用在运行（fn(1) 不理会 ctx，会跑满 50ms）：只有 Map 启动的每个 goroutine 都返回之后，wait 才能返回",
				running)
		}
		calls := log.all()
		slices.SortFunc(calls, func(a, b l09Call) int { return int(a.start - b.start) })
		failAt := time.Duration(-1)
		for _, c := range calls {
			if c.v == 4 && !c.late {
				failAt = c.end
			}
		}
		if failAt < 0 {
			gk.ErrorAt(t, pos,
				"fn was never called with the value 4 (calls: %d): Map must call fn on each value of in, in order, until it stops",
				"fn 从来没有以值 4 被调用（共 %d 次调用）：Map 必须按顺序对 in 的每个值调用 fn，直到它停下",
				len(calls))
			return
		}
		for _, c := range calls {
			if c.late || c.start > failAt {
				gk.ErrorAt(t, pos,
					"fn(%d) started at %v (its context already cancelled: %v), after fn(4) had failed at %v: after the first error no new call may start. Check ctx after taking a slot, just before the call",
					"fn(%[1]d) 在 %[2]v 开始（它的 context 当时已被取消：%[3]v），而 fn(4) 在 %[4]v 就已失败：第一个错误之后不能再开始新的调用。拿到名额之后、调用之前检查 ctx",
					c.v, c.start, c.late, failAt)
				break
			}
		}
		for _, c := range calls {
			if c.v == 4 || c.start >= failAt || c.start+dur(c.v) <= failAt {
				continue // not in flight when fn(4) failed
			}
			if !c.cancelled || (c.v != 1 && c.end != failAt) {
				gk.ErrorAt(t, pos,
					"fn(%d) was running when fn(4) failed at %v, but its context was not cancelled then (it ended at %v): give fn a context that Map cancels at the first error (context.WithCancelCause), not the caller's ctx",
					"fn(4) 在 %[2]v 失败时 fn(%[1]d) 正在运行，但它的 context 当时没有被取消（它在 %[3]v 结束）：交给 fn 的 context 必须在第一个错误时由 Map 取消（context.WithCancelCause），而不是调用方的 ctx",
					c.v, failAt, c.end)
				break
			}
		}
	})
}

// MapStopsWhenTheConsumerCancels: an input that never closes, three
// workers. The consumer reads five results, stops reading for 50ms (Map
// fills up and waits), then cancels ctx and reads no more. wait must return
// ctx's error, every goroutine of Map must have returned, and out must be
// closed.
func MapStopsWhenTheConsumerCancels(t *testing.T, api API) {
	gk.Bubble(t, func(t *testing.T) {
		stop := make(chan struct{})
		defer close(stop)
		ctx, cancel := context.WithCancel(context.Background())
		defer cancel()
		log := &l09Log{t0: time.Now()}
		var gauge l09Gauge
		fn := l09Fn(log, &gauge, l09Plan{dur: func(int) time.Duration { return 5 * time.Millisecond }})
		out, wait := api.Map(ctx, l09Endless(stop, time.Millisecond, 0), 3, fn)
		pos := gk.FuncPos(t, "Map")
		var got []string
		for range 5 {
			v, ok, timedOut := l09Recv(out, l09Patience)
			if timedOut || !ok {
				gk.ErrorAt(t, pos,
					"Map's output gave only %v (closed: %v) although its input sends a value every 1ms",
					"输入每 1ms 发一个值，但 Map 的输出只给出了 %v（已关闭：%v）",
					got, !ok && !timedOut)
				return
			}
			got = append(got, v)
		}
		time.Sleep(50 * time.Millisecond) // the consumer stops reading
		cancel()
		err, returned := l09Wait(wait, l09Patience)
		if !returned {
			gk.ErrorAt(t, pos,
				"the consumer stopped reading and cancelled ctx; %v later wait() had still not returned: a goroutine of Map waits to send on out, or on in, without watching ctx.Done(). The leak report shows where",
				"消费者不再读取并取消了 ctx；过了 %v，wait() 仍未返回：Map 有个 goroutine 在等着往 out 发送、或等着 in，却没有同时等 ctx.Done()。泄漏报告会指出在哪里",
				l09Patience)
			return
		}
		if !errors.Is(err, context.Canceled) {
			gk.ErrorAt(t, pos,
				"ctx was cancelled and wait() returned %v; want ctx's error (context.Canceled)",
				"ctx 被取消了，wait() 却返回了 %v；应当返回 ctx 的错误（context.Canceled）",
				err)
		}
		synctest.Wait()
		if n := l09LearnerGoroutines(); n > 0 {
			gk.ErrorAt(t, pos,
				"wait() returned, yet %d goroutine(s) running your code were still there: wait must return only once every goroutine Map started has returned",
				"wait() 已经返回，但仍有 %d 个运行你的代码的 goroutine：只有 Map 启动的每个 goroutine 都返回之后，wait 才能返回",
				n)
			return
		}
		rest, closed := l09DrainNow(out)
		got = append(got, rest...)
		switch {
		case !closed:
			gk.ErrorAt(t, pos,
				"ctx was cancelled and every goroutine of Map returned, but out was never closed: a consumer ranging over it waits forever",
				"ctx 已取消、Map 的 goroutine 都返回了，但 out 始终没有关闭：range 它的消费者会永远等下去")
		case !l09Prefix(got):
			gk.ErrorAt(t, pos,
				"Map sent %v: results must come in input order, without gaps",
				"Map 送出了 %v：结果必须按输入顺序，不能有空缺",
				l09Short(got))
		}
	})
}

// MapExploredClosesAfterEverySender: six values, two workers, calls
// that take no time, under explored schedules: out is closed only after
// everything that could send on it is done, and nothing is lost.
func MapExploredClosesAfterEverySender(t *testing.T, api API) {
	gk.Explore(t, 20, func(t *testing.T) {
		log := &l09Log{t0: time.Now()}
		var gauge l09Gauge
		out, wait := api.Map(context.Background(), l09Values(6), 2, l09Fn(log, &gauge, l09Plan{}))
		got, closed := l09Drain(out, l09Patience)
		err, returned := l09Wait(wait, l09Patience)
		want := []string{"r0", "r1", "r2", "r3", "r4", "r5"}
		if !closed || !slices.Equal(got, want) || !returned || err != nil {
			gk.ErrorAt(t, gk.FuncPos(t, "Map"),
				"six values, two workers, calls that take no time: Map sent %v (out closed: %v), wait returned %v (returned: %v); want %v, closed, nil",
				"六个值、两个 worker、不花时间的调用：Map 送出了 %v（out 已关闭：%v），wait 返回 %v（已返回：%v）；应当是 %v、已关闭、nil",
				l09Short(got), closed, err, returned, want)
		}
	})
}
