package scenario

import (
	"context"
	"slices"
	"testing"
	"testing/synctest"
	"time"

	gk "GOCOURSE_KIT"
)

// MergeForwardsEveryValue: three inputs that close at 0ms, 50ms and
// 105ms (no two values arrive at the same instant); the consumer reads at
// once. Every value must arrive, and the output must close when the last
// input closes: not at the first close.
func MergeForwardsEveryValue(t *testing.T, api API) {
	gk.Bubble(t, func(t *testing.T) {
		stop := make(chan struct{})
		defer close(stop)
		t0 := time.Now()
		a, _ := l09Source(stop, 10*time.Millisecond, []int{1, 2, 3, 4, 5}) // 10..50ms, closed at 50ms
		b, _ := l09Source(stop, 35*time.Millisecond, []int{11, 12, 13})    // 35, 70, 105ms, closed at 105ms
		c, _ := l09Source(stop, 0, nil)                                    // closed at once
		const last = 105 * time.Millisecond
		want := []int{1, 2, 3, 4, 5, 11, 12, 13}
		out := api.Merge(context.Background(), a, b, c)
		got, closed := l09Drain(out, last+l09Patience)
		at := time.Since(t0)
		sorted := slices.Sorted(slices.Values(got))
		switch {
		case !closed:
			gk.ErrorAt(t, gk.FuncPos(t, "Merge"),
				"Merge never closed its output: every input was closed at %v, and %v later the output was still open (it got %v). Who closes out, and when? One goroutine, after every forwarder is done (a WaitGroup)",
				"Merge 从来没有关闭输出：所有输入在 %v 时都已关闭，又过了 %v 输出仍然开着（收到了 %v）。谁来关闭 out，什么时候关？由一个 goroutine 在所有转发 goroutine 都结束之后关闭（用 WaitGroup）",
				last, l09Patience, l09Short(got))
		case at < last:
			gk.ErrorAt(t, gk.FuncPos(t, "Merge"),
				"Merge closed its output at %v, but its inputs closed at 0s, 50ms and 105ms: it must stay open until every input is closed (it delivered %v of %v). Is out closed when the first input ends, or by each forwarding goroutine?",
				"Merge 在 %v 就关闭了输出，而三个输入分别在 0s、50ms 和 105ms 关闭：输出必须开到所有输入都关闭为止（只送出了 %v，应有 %v）。out 是不是在第一个输入结束时、或者由每个转发 goroutine 各自关闭的？",
				at, l09Short(got), want)
		case !slices.Equal(sorted, want):
			gk.ErrorAt(t, gk.FuncPos(t, "Merge"),
				"Merge delivered %v; every value of every input should arrive exactly once: %v",
				"Merge 送出了 %v；每个输入的每个值都应当恰好到达一次：%v",
				l09Short(got), want)
		}
	})
	gk.Bubble(t, func(t *testing.T) {
		out := api.Merge(context.Background())
		if _, closed := l09Drain(out, l09Patience); !closed {
			gk.ErrorAt(t, gk.FuncPos(t, "Merge"),
				"Merge(ctx) with no inputs should close its output at once (every input is closed); it was still open after %v",
				"没有输入的 Merge(ctx) 应当立刻关闭输出（所有输入都已关闭）；过了 %v 它仍然开着",
				l09Patience)
		}
	})
}

// MergeSlowReaderGetsEveryValue: the consumer takes 5ms per value, so
// most of the time nobody is receiving when a forwarder has a value. A
// forwarder must wait for the reader, not give the value up.
func MergeSlowReaderGetsEveryValue(t *testing.T, api API) {
	gk.Bubble(t, func(t *testing.T) {
		stop := make(chan struct{})
		defer close(stop)
		var ins []<-chan int
		var want []int
		for i := range 3 {
			vals := make([]int, 10)
			for j := range vals {
				vals[j] = 100*i + j
			}
			want = append(want, vals...)
			in, _ := l09Source(stop, time.Millisecond, vals)
			ins = append(ins, in)
		}
		out := api.Merge(context.Background(), ins...)
		var got []int
		for {
			time.Sleep(5 * time.Millisecond) // a slow consumer
			v, ok, timedOut := l09Recv(out, l09Patience)
			if timedOut || !ok {
				break
			}
			got = append(got, v)
		}
		if sorted := slices.Sorted(slices.Values(got)); !slices.Equal(sorted, want) {
			gk.ErrorAt(t, gk.FuncPos(t, "Merge"),
				"with a consumer that takes 5ms per value, Merge delivered %d of the %d values sent (%v): values were dropped. A send in a select with default gives up whenever the reader is not there at that instant; wait for the reader or for ctx.Done() instead",
				"消费者每个值要花 5ms 时，Merge 只送出了发来的 %[2]d 个值中的 %[1]d 个（%[3]v）：有值被丢掉了。带 default 的 select 里的发送，只要读者那一刻不在就放弃；应当等读者或 ctx.Done()",
				len(got), len(want), l09Short(sorted))
		}
	})
}

// MergeExploredKeepsEveryValue: two inputs of 10 values each, read at
// once, under explored schedules: no schedule may lose a value.
func MergeExploredKeepsEveryValue(t *testing.T, api API) {
	gk.Explore(t, 20, func(t *testing.T) {
		var ins []<-chan int
		var want []int
		for i := range 2 {
			ch := make(chan int, 10)
			for j := range 10 {
				ch <- 100*i + j
				want = append(want, 100*i+j)
			}
			close(ch)
			ins = append(ins, ch)
		}
		got, closed := l09Drain(api.Merge(context.Background(), ins...), l09Patience)
		if sorted := slices.Sorted(slices.Values(got)); closed && !slices.Equal(sorted, want) {
			gk.ErrorAt(t, gk.FuncPos(t, "Merge"),
				"Merge delivered %d of the %d values of two closed inputs (%v): values were dropped when the reader was momentarily not receiving (a select with default?)",
				"两个已关闭的输入共 %[2]d 个值，Merge 只送出了 %[1]d 个（%[3]v）：读者某一刻恰好不在接收时，值被丢掉了（是不是用了带 default 的 select？）",
				len(got), len(want), l09Short(sorted))
		}
	})
}

// MergeExploredClosesOnce: two inputs that are closed and empty from
// the start, under explored schedules. The output is closed exactly once.
func MergeExploredClosesOnce(t *testing.T, api API) {
	gk.Explore(t, 20, func(t *testing.T) {
		a, b := make(chan int), make(chan int)
		close(a)
		close(b)
		out := api.Merge(context.Background(), a, b)
		if got, closed := l09Drain(out, l09Patience); !closed || len(got) > 0 {
			gk.ErrorAt(t, gk.FuncPos(t, "Merge"),
				"Merge of two closed, empty inputs should close its output at once with no values; got %v (closed: %v)",
				"两个已关闭的空输入，Merge 应当立刻关闭输出且不送出任何值；实际收到 %v（已关闭：%v）",
				got, closed)
		}
		time.Sleep(time.Millisecond) // let a second close, if any, happen inside this schedule
	})
}

// MergeStopsWhenTheConsumerCancels: two inputs that keep sending and
// one that never sends and never closes. The consumer reads five values,
// stops reading for 20ms (every forwarder now holds a value it cannot hand
// over), then cancels ctx and reads no more. Every goroutine of Merge must
// return at once, without waiting for a reader or for an input, and the
// output must be closed.
func MergeStopsWhenTheConsumerCancels(t *testing.T, api API) {
	gk.Bubble(t, func(t *testing.T) {
		stop := make(chan struct{})
		defer close(stop)
		ctx, cancel := context.WithCancel(context.Background())
		defer cancel()
		a := l09Endless(stop, time.Millisecond, 0)
		b := l09Endless(stop, 3*time.Millisecond, 1000)
		out := api.Merge(ctx, a, b, l09Silent())
		for i := range 5 {
			if _, ok, timedOut := l09Recv(out, l09Patience); timedOut || !ok {
				gk.ErrorAt(t, gk.FuncPos(t, "Merge"),
					"Merge's output gave no value %d (closed: %v) although two inputs send one every 1ms and 3ms",
					"两个输入每 1ms、3ms 各发一个值，但 Merge 的输出没有给出第 %d 个值（已关闭：%v）",
					i+1, !ok && !timedOut)
				return
			}
		}
		time.Sleep(20 * time.Millisecond) // the consumer stops reading
		cancel()
		synctest.Wait() // every goroutine that can still move has moved
		if n := l09LearnerGoroutines(); n > 0 {
			gk.ErrorAt(t, gk.FuncPos(t, "Merge"),
				"the consumer stopped reading and cancelled ctx, yet %d goroutine(s) of Merge were still blocked: a forwarder waiting to send on out, or on an input that never closes, must also watch ctx.Done() (in the same select). The leak report shows where each one is stuck",
				"消费者已经不再读取并取消了 ctx，Merge 仍有 %d 个 goroutine 阻塞着：等着往 out 发送、或等着一个永不关闭的输入的转发 goroutine，必须在同一个 select 里同时等 ctx.Done()。泄漏报告会指出每个卡在哪一行",
				n)
			return
		}
		if _, closed := l09DrainNow(out); !closed {
			gk.ErrorAt(t, gk.FuncPos(t, "Merge"),
				"after ctx was cancelled every goroutine of Merge returned, but the output was never closed: the consumer ranging over it waits forever. Close it once every forwarder has returned",
				"ctx 取消后 Merge 的所有 goroutine 都返回了，但输出始终没有关闭：range 它的消费者会永远等下去。在所有转发 goroutine 返回之后关闭它",
			)
		}
	})
}
