package gocoursekit

import (
	"fmt"
	"os"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
	"time"
)

// Inside a synctest bubble, virtual time advances only when every goroutine
// of the bubble is durably blocked (on a channel, a timer, a sync.Cond, a
// WaitGroup). A goroutine that waits on a mutex nobody releases, or spins in
// a busy loop, freezes the clock: the test would hang until the grader's
// time limit with nothing to show. The watchdog, a real-time goroutine
// outside the bubble, samples the bubble's goroutines and names the one that
// froze it, in the learner's file, then stops the test binary (the bubble's
// goroutines cannot be stopped any other way).
const (
	// watchEvery is how often the watchdog samples the bubble.
	watchEvery = 100 * time.Millisecond
	// watchSamples samples in a row with no progress make a bubble stuck:
	// 1.5 s of real time, where a right solution needs milliseconds.
	watchSamples = 15
)

// StuckMarker starts the line the watchdog prints just before it ends the
// test binary, so the grader knows the binary did not die of its own accord.
const StuckMarker = "GOCOURSE-STUCK"

// watchdog watches one bubble while it runs.
type watchdog struct {
	inside atomic.Int64 // the id of the goroutine that entered the bubble (goid.go)
	stop   chan struct{}
	done   chan struct{}
}

// startWatchdog starts watching; the caller must call w.end() when the
// bubble has returned, and w.enter() first thing inside the bubble.
func startWatchdog(t *testing.T) *watchdog {
	w := &watchdog{stop: make(chan struct{}), done: make(chan struct{})}
	go w.run(t)
	return w
}

// enter records the calling goroutine, which runs the bubble's work until
// the bubble ends: the first sample finds its bubble from its stack. Most
// bubbles end long before a sample, so they never pay for reading a stack.
func (w *watchdog) enter() { w.inside.Store(goid()) }

// bubbleOf returns the bubble ("synctest bubble 3]") of goroutine id, or "".
func bubbleOf(id int64) string {
	prefix := "goroutine " + strconv.FormatInt(id, 10) + " ["
	for _, g := range Goroutines() {
		if header, _, _ := strings.Cut(g, "\n"); strings.HasPrefix(header, prefix) {
			return bubbleRE.FindString(header)
		}
	}
	return ""
}

// end stops the watchdog and waits for it.
func (w *watchdog) end() {
	close(w.stop)
	<-w.done
}

// goroutineSample is one goroutine of the bubble as a sample saw it.
type goroutineSample struct {
	id      string // "goroutine 7"
	state   string // "sync.Mutex.Lock", "chan receive (durable)"
	frames  string // function names and lines, without arguments or offsets
	durable bool
	stack   string
}

func (w *watchdog) run(t *testing.T) {
	defer close(w.done)
	tick := time.NewTicker(watchEvery) // real time: this goroutine is outside the bubble
	defer tick.Stop()
	var window []map[string]goroutineSample // the last watchSamples samples
	bubble := ""                            // the bubble watched, once known
	for {
		select {
		case <-w.stop:
			return
		case <-tick.C:
		}
		if bubble == "" {
			if g := w.inside.Load(); g != 0 {
				bubble = bubbleOf(g)
			}
			if bubble == "" {
				continue
			}
		}
		window = append(window, sampleBubble(bubble))
		if len(window) > watchSamples {
			window = window[1:]
		}
		if len(window) == watchSamples {
			if stuck, ok := stuckGoroutine(window); ok {
				reportStuck(t, stuck, window[len(window)-1])
				fmt.Printf("\n%s %s: the bubble made no progress; the test binary stops here\n", StuckMarker, t.Name())
				os.Exit(3)
			}
		}
	}
}

// argsRE and offsetRE strip what changes in a stack while nothing happens.
var (
	argsRE   = regexp.MustCompile(`\(0x[^)]*\)|\(\.\.\.\)|\(\)`)
	offsetRE = regexp.MustCompile(` \+0x[0-9a-f]+`)
)

// sampleBubble returns the goroutines of the bubble named by id, by goroutine.
func sampleBubble(id string) map[string]goroutineSample {
	out := map[string]goroutineSample{}
	for _, g := range Goroutines() {
		header, frames, _ := strings.Cut(g, "\n")
		if !strings.Contains(header, id) {
			continue
		}
		m := stateRE.FindStringSubmatch(header)
		if m == nil {
			continue
		}
		state := strings.TrimSpace(m[1])
		gid, _, _ := strings.Cut(header, " [")
		frames = offsetRE.ReplaceAllString(argsRE.ReplaceAllString(frames, ""), "")
		out[gid] = goroutineSample{id: gid, state: state, frames: frames,
			durable: strings.Contains(header, "(durable)"), stack: g}
	}
	return out
}

// stuckGoroutine decides whether the window shows a frozen bubble: in its
// second half no goroutine was seen in a state (or at a place) that the
// first half had not seen already, and some goroutine was in a state that
// does not let the clock advance (a mutex wait, running, runnable) in every
// sample. A bubble that is working shows new goroutines, new lines or new
// states; one whose goroutines poll with time.Sleep is durably blocked in
// some samples and is not stuck.
func stuckGoroutine(window []map[string]goroutineSample) (goroutineSample, bool) {
	half := len(window) / 2
	seen := map[string]bool{}
	for _, s := range window[:half] {
		for _, g := range s {
			seen[g.id+"|"+g.state+"|"+g.frames] = true
		}
	}
	for _, s := range window[half:] {
		for _, g := range s {
			if !seen[g.id+"|"+g.state+"|"+g.frames] {
				return goroutineSample{}, false
			}
		}
	}
	last := window[len(window)-1]
	var candidates []goroutineSample
	for id, g := range last {
		never := true
		for _, s := range window {
			if h, ok := s[id]; !ok || h.durable {
				never = false
				break
			}
		}
		if never {
			candidates = append(candidates, g)
		}
	}
	if len(candidates) == 0 {
		return goroutineSample{}, false
	}
	// Prefer a goroutine in the learner's code, and a mutex wait to a spin:
	// the mutex wait is the cause, a spinning test helper is not.
	best := candidates[0]
	score := func(g goroutineSample) int {
		s := 0
		if LearnerFrame(g.stack).Line != 0 {
			s += 2
		}
		if strings.Contains(g.state, "Mutex") {
			s++
		}
		return s
	}
	for _, g := range candidates[1:] {
		if score(g) > score(best) || (score(g) == score(best) && g.id < best.id) {
			best = g
		}
	}
	return best, true
}

// reportStuck reports the goroutine that froze the bubble, and where the
// bubble's other goroutines of the learner's code wait.
func reportStuck(t *testing.T, g goroutineSample, last map[string]goroutineSample) {
	wait := time.Duration(watchSamples) * watchEvery
	at := LearnerFrame(g.stack)
	count := map[string]int{} // "tracker.go:41 (select)" -> goroutines there
	for _, o := range last {
		if p := LearnerFrame(o.stack); o.id != g.id && p.Line != 0 {
			count[fmt.Sprintf("%s:%d (%s)", p.File, p.Line, strings.TrimSuffix(o.state, " (durable)"))]++
		}
	}
	var others []string
	for place, n := range count {
		if n > 1 {
			place += fmt.Sprintf(" ×%d", n)
		}
		others = append(others, place)
	}
	sort.Strings(others)
	if len(others) > 4 {
		others = others[:4]
	}
	alsoEN, alsoZH := "", ""
	if len(others) > 0 {
		alsoEN = "; meanwhile your other goroutines are at " + strings.Join(others, ", ")
		alsoZH = "；与此同时，你的其他 goroutine 停在：" + strings.Join(others, "、")
	}
	switch {
	case strings.Contains(g.state, "Mutex"):
		Report(t, KindTimeout, at,
			"stuck: this goroutine has waited %[1]v for a lock (%[2]s) that is never released: the goroutine holding it is itself waiting for something, so nothing can move%[3]s. Never hold a lock while you wait for something slow (a channel, a callback, a ctx)",
			"卡死了：这个 goroutine 等一把锁（%[2]s）已经等了 %[1]v，这把锁永远不会被释放：持有它的 goroutine 自己也在等别的东西，所以谁都动不了%[4]s。不要拿着锁去等慢的事情（channel、回调、ctx）",
			wait, g.state, alsoEN, alsoZH)
	case g.state == "running" || g.state == "runnable":
		Report(t, KindTimeout, at,
			"stuck: this goroutine has run for %[1]v without ever blocking (a busy loop?)%[3]s. Wait on a channel, a sync.Cond or ctx.Done() instead of spinning",
			"卡死了：这个 goroutine 已经连续运行 %[1]v 而从不阻塞（忙等循环？）%[4]s。请在 channel、sync.Cond 或 ctx.Done() 上等待，而不是空转",
			wait, g.state, alsoEN, alsoZH)
	default:
		Report(t, KindTimeout, at,
			"stuck: nothing advanced for %[1]v; this goroutine waits (%[2]s) on something that never happens%[3]s",
			"卡死了：%[1]v 内没有任何进展；这个 goroutine 在等（%[2]s）一件永远不会发生的事%[4]s",
			wait, g.state, alsoEN, alsoZH)
	}
}
