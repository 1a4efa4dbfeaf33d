// Package scenario holds the hidden tests of lesson 06-tracker, called by the
// test functions in ../tracker_test.go with the learner's API (see the table
// there: every sentence of the contract and the test that probes it). Every
// test runs in a synctest bubble (gk.Bubble, or gk.Explore for the explored
// schedules of stress.go): time is virtual, so records that take minutes and
// deadlines of an hour cost no real time, and every duration measured here is
// exact.
package scenario

// Helpers shared by the scenarios of lesson 06. Their names start with l06,
// as they did when they lived beside the learner's identifiers.

import (
	"context"
	"errors"
	"fmt"
	"runtime/debug"
	"sync"
	"testing"
	"testing/synctest"
	"time"

	gk "GOCOURSE_KIT"
)

// Tracker is the learner's *Tracker as the scenarios call it.
type Tracker interface {
	Run()
	Event(ctx context.Context, data string) error
	Shutdown(ctx context.Context) error
}

// API is the exercise as the scenarios call it; the hidden tests fill it in
// with the learner's New (a nil *Tracker becomes a nil Tracker) and ErrClosed.
type API struct {
	New       func(buffer int, record func(data string)) Tracker
	ErrClosed error
}

// l06Slack is how late (in virtual time) a call that must give up at a
// deadline may still return. Inside a synctest bubble a right solution is
// exact; the slack only tolerates solutions that poll.
const l06Slack = time.Second

// l06ErrPanicked stands for the result of a call that panicked (the panic
// has already been reported).
var l06ErrPanicked = errors.New("the call panicked")

// l06Recorder is the record function the tests hand to New. It remembers what
// was recorded and how many records ran at once.
type l06Recorder struct {
	delay time.Duration // virtual time one record takes
	gate  chan struct{} // if set, each record waits for a token (or close)

	mu         sync.Mutex
	got        []string // completed records, in order
	running    int
	maxRunning int
	gateOnce   sync.Once
}

func (r *l06Recorder) record(data string) {
	r.mu.Lock()
	r.running++
	r.maxRunning = max(r.maxRunning, r.running)
	r.mu.Unlock()
	if r.gate != nil {
		<-r.gate
	}
	if r.delay > 0 {
		time.Sleep(r.delay)
	}
	r.mu.Lock()
	r.got = append(r.got, data)
	r.running--
	r.mu.Unlock()
}

// open lets every waiting and future record through.
func (r *l06Recorder) open() {
	if r.gate != nil {
		r.gateOnce.Do(func() { close(r.gate) })
	}
}

func (r *l06Recorder) snapshot() []string {
	r.mu.Lock()
	defer r.mu.Unlock()
	return append([]string(nil), r.got...)
}

// checkOneAtATime reports records that overlapped.
func (r *l06Recorder) checkOneAtATime(t *testing.T) bool {
	t.Helper()
	r.mu.Lock()
	n := r.maxRunning
	r.mu.Unlock()
	if n > 1 {
		gk.ErrorAt(t, gk.FuncPos(t, "Tracker.Run"),
			"record was running %d times at once; events must be recorded one at a time, by Run alone (not by a goroutine per event or several workers)",
			"record 同时在运行 %d 次；事件必须由 Run 一个接一个地记录（不能每个事件开一个 goroutine，也不能开多个 worker）",
			n)
		return false
	}
	return true
}

// l06Start makes a Tracker and starts its Run the way the contract says a
// caller does. runDone is closed when Run returns.
func l06Start(t *testing.T, api API, buffer int, r *l06Recorder) (tr Tracker, runDone chan struct{}) {
	t.Helper()
	tr = api.New(buffer, r.record)
	if tr == nil {
		gk.Fatalf(t, "New(%d, record) returned nil; it should return a ready *Tracker",
			"New(%d, record) 返回了 nil；它应该返回一个可用的 *Tracker", buffer)
	}
	runDone = make(chan struct{})
	go func() {
		defer close(runDone)
		tr.Run()
	}()
	return tr, runDone
}

// l06Reported remembers which panics a test has already reported, so that
// a hundred goroutines hitting the same bug make one message, not a hundred.
var l06Reported sync.Map // l06ReportKey -> true

type l06ReportKey struct {
	t   *testing.T
	key string
}

// l06First reports whether this is the first time t reports key.
func l06First(t *testing.T, key string) bool {
	_, seen := l06Reported.LoadOrStore(l06ReportKey{t, key}, true)
	return !seen
}

// l06Event calls Event, turning a panic into a reported failure.
func l06Event(t *testing.T, tr Tracker, ctx context.Context, data string) (err error) {
	defer func() {
		p := recover()
		if p == nil {
			return
		}
		err = l06ErrPanicked
		if l06First(t, "Event panic") {
			gk.Report(t, gk.KindPanic, l06PanicPos(t, "Tracker.Event"),
				"Event panicked: %v. Event must never panic: once Shutdown has begun, it returns ErrClosed instead of sending",
				"Event 发生了 panic：%v。Event 绝不能 panic：Shutdown 一旦开始，它就应该返回 ErrClosed，而不是继续发送",
				p)
		}
	}()
	return tr.Event(ctx, data)
}

// l06Shutdown calls Shutdown, turning a panic into a reported failure.
func l06Shutdown(t *testing.T, tr Tracker, ctx context.Context) (err error) {
	defer func() {
		p := recover()
		if p == nil {
			return
		}
		err = l06ErrPanicked
		if l06First(t, "Shutdown panic") {
			gk.Report(t, gk.KindPanic, l06PanicPos(t, "Tracker.Shutdown"),
				"Shutdown panicked: %v. Shutdown must be safe to call more than once and concurrently with Event (close each channel exactly once, e.g. with sync.Once)",
				"Shutdown 发生了 panic：%v。Shutdown 必须可以重复调用，也可以和 Event 并发调用（每个 channel 只能关闭一次，比如用 sync.Once）",
				p)
		}
	}()
	return tr.Shutdown(ctx)
}

// l06PanicPos is the learner's line in the stack of a panic being recovered,
// or the named function when the stack has none.
func l06PanicPos(t *testing.T, fn string) gk.Pos {
	if at := gk.LearnerFrame(string(debug.Stack())); at.Line != 0 {
		return at
	}
	return gk.FuncPos(t, fn)
}

// l06Within runs f in its own goroutine and waits up to limit (virtual time)
// for it to return. A call that never returns stays blocked: the bubble then
// reports it as a leak too, which it is.
func l06Within(limit time.Duration, f func()) bool {
	done := make(chan struct{})
	go func() {
		defer close(done)
		f()
	}()
	timer := time.NewTimer(limit)
	defer timer.Stop()
	select {
	case <-done:
		return true
	case <-timer.C:
		return false
	}
}

// l06EventWithin calls Event with a limit on how long the test waits for it.
func l06EventWithin(t *testing.T, tr Tracker, ctx context.Context, data string, limit time.Duration) (returned bool, err error) {
	returned = l06Within(limit, func() { err = l06Event(t, tr, ctx, data) })
	return returned, err
}

// l06ShutdownWithin calls Shutdown with a limit on how long the test waits.
func l06ShutdownWithin(t *testing.T, tr Tracker, ctx context.Context, limit time.Duration) (returned bool, err error) {
	returned = l06Within(limit, func() { err = l06Shutdown(t, tr, ctx) })
	return returned, err
}

// l06Finish releases the recorder and shuts the tracker down so that a test
// that stopped early leaves nothing behind in a right solution. Failures
// here are not reported again: the test already said what went wrong.
func l06Finish(tr Tracker, r *l06Recorder) {
	r.open()
	ctx, cancel := context.WithTimeout(context.Background(), time.Hour)
	defer cancel()
	l06Within(2*time.Hour, func() {
		defer func() { _ = recover() }()
		_ = tr.Shutdown(ctx)
	})
}

// l06ShutdownOK calls Shutdown with a generous deadline and reports anything
// but a nil error returned while every accepted event has been recorded. It
// returns what had been recorded when Shutdown returned.
func l06ShutdownOK(t *testing.T, tr Tracker, r *l06Recorder, where l06Where) (recorded []string, ok bool) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), time.Hour)
	defer cancel()
	start := time.Now()
	returned, err := l06ShutdownWithin(t, tr, ctx, 2*time.Hour)
	recorded = r.snapshot()
	switch {
	case !returned:
		l06ErrorIn(t, gk.FuncPos(t, "Tracker.Shutdown"), where,
			"Shutdown(ctx) with a 1h deadline was still blocked after 2h; it must return ctx's error when ctx is done",
			"Shutdown(ctx) 的 deadline 是 1h，2h 后它仍然阻塞；ctx 结束时它必须返回 ctx 的错误")
		return recorded, false
	case errors.Is(err, l06ErrPanicked):
		return recorded, false
	case err != nil:
		l06ErrorIn(t, gk.FuncPos(t, "Tracker.Shutdown"), where,
			"Shutdown returned %q after %v; Run had recorded %d event(s) and had nothing slow left to do, so Shutdown should have returned nil as soon as Run drained the queue and returned",
			"Shutdown 在 %[2]v 后返回了 %[1]q；Run 已经记录了 %[3]d 个事件，剩下的工作并不慢，Run 清空队列并返回后 Shutdown 就应该返回 nil",
			err, time.Since(start), len(recorded))
		return recorded, false
	}
	return recorded, true
}

// l06CheckRunReturned reports a Run that is still running after Shutdown
// returned nil. Call it right after Shutdown returned nil.
func l06CheckRunReturned(t *testing.T, runDone chan struct{}) bool {
	t.Helper()
	synctest.Wait()
	select {
	case <-runDone:
		return true
	default:
		gk.ErrorAt(t, gk.FuncPos(t, "Tracker.Shutdown"),
			"Shutdown returned nil while Run was still running; Shutdown must wait until Run has returned",
			"Run 还在运行，Shutdown 却返回了 nil；Shutdown 必须等到 Run 返回之后")
		return false
	}
}

// l06Where describes, in both languages, the situation a failure happened in.
type l06Where struct{ en, zh string }

// l06ErrorIn is gk.ErrorAt with the situation appended to the message, in
// parentheses.
func l06ErrorIn(t *testing.T, at gk.Pos, where l06Where, en, zh string, args ...any) {
	t.Helper()
	n := len(args)
	gk.ErrorAt(t, at, fmt.Sprintf("%s (%%[%d]s)", en, n+1), fmt.Sprintf("%s（%%[%d]s）", zh, n+2),
		append(args, where.en, where.zh)...)
}

// l06Accepted is an event Event returned nil for: its caller and its place in
// that caller's sequence of calls.
type l06Accepted struct {
	caller, seq int
}

// l06CheckRecorded checks that records did not overlap, then compares what was recorded with what Event accepted
// (accepted, by data) and refused (refused, data to the error Event
// returned). Events of one caller must be recorded in the order of its calls.
// It reports the first problem it finds; where describes the situation.
func l06CheckRecorded(t *testing.T, rec *l06Recorder, got []string, accepted map[string]l06Accepted, refused map[string]error, where l06Where) bool {
	t.Helper()
	if !rec.checkOneAtATime(t) { // overlapping records explain disorder best
		return false
	}
	count := map[string]int{}
	for _, d := range got {
		count[d]++
	}
	for _, d := range got {
		if n := count[d]; n > 1 {
			l06ErrorIn(t, gk.FuncPos(t, "Tracker.Run"), where,
				"%q was recorded %d times; every accepted event must be recorded exactly once",
				"%q 被记录了 %d 次；每个被接受的事件必须恰好记录一次",
				d, n)
			return false
		}
		if err, ok := refused[d]; ok {
			l06ErrorIn(t, gk.FuncPos(t, "Tracker.Event"), where,
				"%q was recorded although Event returned %q for it; an event Event refuses must never be recorded",
				"Event 对 %q 返回了 %q，它却被记录了；Event 拒绝的事件绝不能被记录",
				d, err)
			return false
		}
		if _, ok := accepted[d]; !ok {
			l06ErrorIn(t, gk.FuncPos(t, "Tracker.Run"), where,
				"record was called with %q, which no Event call passed in",
				"record 收到了 %q，但没有任何 Event 调用传入过它",
				d)
			return false
		}
	}
	var missing []string
	for d := range accepted {
		if count[d] == 0 {
			missing = append(missing, d)
		}
	}
	if len(missing) > 0 {
		first := missing[0]
		for _, d := range missing {
			if a, b := accepted[d], accepted[first]; a.caller < b.caller || a.caller == b.caller && a.seq < b.seq {
				first = d
			}
		}
		l06ErrorIn(t, gk.FuncPos(t, "Tracker.Shutdown"), where,
			"Shutdown returned nil, but %d of the %d events Event accepted had not been recorded (the first missing is %q). Shutdown must wait until Run has recorded every accepted event",
			"Shutdown 返回了 nil，但 Event 接受的 %[2]d 个事件中有 %[1]d 个还没有被记录（第一个缺失的是 %[3]q）。Shutdown 必须等 Run 记录完所有被接受的事件",
			len(missing), len(accepted), first)
		return false
	}
	last := map[int]string{} // caller -> last recorded event of that caller
	for _, d := range got {
		a := accepted[d]
		if prev, ok := last[a.caller]; ok && accepted[prev].seq > a.seq {
			l06ErrorIn(t, gk.FuncPos(t, "Tracker.Run"), where,
				"events were recorded out of order: %[1]q was recorded after %[2]q, but Event accepted %[1]q first. Run must record events one at a time, in the order they were accepted",
				"事件的记录顺序错了：%[1]q 在 %[2]q 之后才被记录，但 Event 先接受的是 %[1]q。Run 必须按接受的顺序一个接一个地记录",
				d, prev)
			return false
		}
		last[a.caller] = d
	}
	return true
}

// l06Seq returns accepted events of a single caller, in order, as the map
// l06CheckRecorded wants.
func l06Seq(events []string) map[string]l06Accepted {
	m := map[string]l06Accepted{}
	for i, d := range events {
		m[d] = l06Accepted{caller: 0, seq: i}
	}
	return m
}

// l06Name is the data of the i-th event of a test.
func l06Name(i int) string { return fmt.Sprintf("event-%02d", i) }
