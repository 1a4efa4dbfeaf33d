// Package gocoursekit is the grading kit shared by every lesson's hidden tests.
//
// It is never part of the course's own build: at grading time the grader
// overlays it as a package of the learner's module (<module>/zz_gocoursekit),
// where the go command compiles it once and caches it, and overlays a small
// shim (kit_test.go beside this file) into the learner's package that gives
// the hidden tests the short names they use (gcErrorf, gcBubble, ...) and
// owns TestMain.
//
// What it gives hidden tests:
//   - Errorf/Fatalf/ErrorAt/Report: failures in both languages with a kind and
//     a place in the learner's file, as one GOCOURSE-FAILURE line the grader reads;
//   - Bubble: a testing/synctest bubble that reports leaked goroutines with the
//     learner's line instead of killing the test binary;
//   - (NoLeaks, goleak after a real-time test, is in package leakcheck, linked
//     only by the lessons that use it);
//   - Source/Calls/FuncPos/...: the learner's source read with go/ast, for
//     static rules and for pointing failures at a function.
package gocoursekit

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"runtime"
	"sort"
	"strconv"
	"strings"
	"sync"
	"testing"
	"testing/synctest"
	"time"
)

// Failure kinds, as the grader reports them.
const (
	KindTest    = "test"
	KindRace    = "race"
	KindLeak    = "leak"
	KindPanic   = "panic"
	KindLint    = "lint"
	KindTimeout = "timeout"
)

// Pos is a place in the learner's source. File is relative to the exercise
// directory ("search.go"); the zero value means "no particular place".
type Pos struct {
	File string
	Line int
}

// Report marks t failed with a bilingual message of the given kind.
// en and zh are format strings sharing args.
func Report(t testing.TB, kind string, at Pos, en, zh string, args ...any) {
	t.Helper()
	b := failureRecord(kind, at, fmt.Sprintf(en, args...), fmt.Sprintf(zh, args...), en)
	noteFailure() // an explored schedule's trace ends here (explore.go)
	t.Errorf("GOCOURSE-FAILURE %s", b)
}

// Errorf reports a wrong result (kind "test") and lets the test go on.
func Errorf(t testing.TB, en, zh string, args ...any) {
	t.Helper()
	Report(t, KindTest, Pos{}, en, zh, args...)
}

// ErrorAt reports a wrong result pointing at a place in the learner's code.
func ErrorAt(t testing.TB, at Pos, en, zh string, args ...any) {
	t.Helper()
	Report(t, KindTest, at, en, zh, args...)
}

// Fatalf reports a wrong result and stops the test.
func Fatalf(t testing.TB, en, zh string, args ...any) {
	t.Helper()
	Report(t, KindTest, Pos{}, en, zh, args...)
	t.FailNow()
}

// Lang is the learner's language, for the rare message built in code.
func Lang() string {
	if os.Getenv("GOCOURSE_LANG") == "zh" {
		return "zh"
	}
	return "en"
}

// ---------------------------------------------------------------- synctest

// Settle is how long a bubble sleeps (in virtual time) before it ends, so a
// right solution's goroutines that are still sleeping can finish. It is far
// longer than any work the lessons simulate, and costs no real time.
const Settle = time.Hour

// Bubble runs f inside a synctest bubble. When f returns (or fails), the
// bubble sleeps Settle of virtual time and waits for every goroutine to
// block; any goroutine still in the bubble then is a leak, reported with the
// learner's line. The runtime's deadlock panic that would kill the whole test
// binary is recovered, so the remaining tests still run. A bubble that
// cannot advance at all (a goroutine on a mutex nobody releases, a busy
// loop) is named by the watchdog (watchdog.go) within two seconds.
//
// The leak check costs nothing when there is no leak: once every goroutine
// has blocked, the runtime itself knows whether any is left, and says so
// with that deadlock panic when the bubble's main goroutine ends. Only then
// are the stacks read (the leaked goroutines stay blocked where they were),
// instead of reading every stack at the end of every bubble — a fifth of an
// explored test's time.
func Bubble(t *testing.T, f func(t *testing.T)) {
	t.Helper()
	var bubble string // "synctest bubble 3]": read inside the bubble
	defer func() {
		r := recover()
		if r == nil {
			return
		}
		msg := fmt.Sprint(r)
		if !strings.Contains(msg, "deadlock") {
			panic(r)
		}
		leaked := goroutinesIn(bubble, Goroutines())
		if len(leaked) == 0 { // no stack to show: say what the runtime said
			Report(t, KindLeak, Pos{},
				"a goroutine started by your code is still blocked after the work ended (%s)",
				"你的代码启动的 goroutine 在工作结束后仍然阻塞（%s）", msg)
			return
		}
		// The runtime lists goroutines in no fixed order: sort them by
		// place so that the same file gives the same verdict (L09).
		sort.SliceStable(leaked, func(i, j int) bool {
			a, b := LearnerFrame(leaked[i]), LearnerFrame(leaked[j])
			return a.File < b.File || a.File == b.File && a.Line < b.Line
		})
		for _, g := range leaked {
			Report(t, KindLeak, LearnerFrame(g),
				"goroutine leak: a goroutine your code started is still blocked (%s) long after the call returned; nothing will ever unblock it",
				"goroutine 泄漏：你的代码启动的 goroutine 在调用返回很久之后仍然阻塞（%s），再也不会有人唤醒它",
				GoroutineState(g))
		}
	}()
	chosen.Store(0) // each test draws the same select choices, whatever ran before it
	// One P: the bubble's goroutines then run in the order the program
	// makes them runnable, and with chosen selects (choose.go) the same file
	// gives the same verdict run after run; other orders are Explore's to
	// try, by seed. (Async preemption still lets the watchdog past a busy loop.)
	procs := runtime.GOMAXPROCS(1)
	defer runtime.GOMAXPROCS(procs)
	w := startWatchdog(t)
	defer w.end()
	synctest.Test(t, func(t *testing.T) {
		w.enter()
		defer func() {
			// Runs even after t.Fatal/FailNow ended f early.
			time.Sleep(Settle)
			synctest.Wait()
			bubble = bubbleRE.FindString(ownHeader())
		}()
		f(t)
	})
}

// ownHeader is the calling goroutine's header line ("goroutine 7 [running,
// synctest bubble 3]:"), without reading any other goroutine's stack.
func ownHeader() string {
	var buf [256]byte
	n := runtime.Stack(buf[:], false)
	header, _, _ := strings.Cut(string(buf[:n]), "\n")
	return header
}

// stackBuf is allStacks' buffer, kept between calls: a fresh megabyte per
// bubble was a fifth of an explored test's time under the race detector
// (zeroing it, and the detector resetting its shadow when it is freed).
var (
	stackMu  sync.Mutex
	stackBuf = make([]byte, 1<<20)
)

// allStacks is runtime.Stack of every goroutine, up to 64 MB of them (code
// that starts a million goroutines gets the first few hundred thousand).
func allStacks() string {
	stackMu.Lock()
	defer stackMu.Unlock()
	for {
		n := runtime.Stack(stackBuf, true)
		if n < len(stackBuf) || len(stackBuf) >= 64<<20 {
			return string(stackBuf[:n])
		}
		stackBuf = make([]byte, 2*len(stackBuf))
	}
}

// Goroutines returns the stack of every goroutine, the caller's first, one
// string each, as runtime.Stack prints them.
func Goroutines() []string { return strings.Split(allStacks(), "\n\n") }

// BubbleGoroutines returns the stacks of the goroutines of the current
// synctest bubble other than the caller.
func BubbleGoroutines() []string {
	all := Goroutines()
	header, _, _ := strings.Cut(all[0], "\n") // the calling goroutine comes first
	return goroutinesIn(bubbleRE.FindString(header), all[1:])
}

// goroutinesIn returns the stacks of those goroutines that are in the
// given bubble ("synctest bubble 3]"), the bubble's own machinery aside.
// Goroutines leaked by an earlier test stay blocked in their own bubble:
// only the named one belongs to this test.
func goroutinesIn(bubble string, stacks []string) []string {
	if bubble == "" {
		return nil
	}
	var out []string
	for _, g := range stacks {
		header, frames, _ := strings.Cut(g, "\n")
		if !strings.Contains(header, bubble) ||
			strings.HasPrefix(frames, "internal/synctest.Run(") ||
			strings.HasPrefix(frames, "testing/synctest.testingSynctestTest(") {
			continue
		}
		out = append(out, g)
	}
	return out
}

// bubbleRE finds "synctest bubble 3]" in a goroutine header.
var bubbleRE = regexp.MustCompile(`synctest bubble \d+\]`)

var stateRE = regexp.MustCompile(`^goroutine \d+ \[([^\],]+)`)

// GoroutineState returns "chan send" from "goroutine 7 [chan send (durable), ...]:".
func GoroutineState(stack string) string {
	m := stateRE.FindStringSubmatch(stack)
	if m == nil {
		return "blocked"
	}
	return strings.TrimSuffix(strings.TrimSpace(m[1]), " (durable)")
}

// ---------------------------------------------------------------- source

// LearnerFrame finds the first stack frame in the learner's own files (the
// exercise directory, not a _test.go file) and returns it as a position.
func LearnerFrame(stack string) Pos {
	dir, _ := os.Getwd()
	for _, line := range strings.Split(stack, "\n") {
		line = strings.TrimSpace(line)
		path, rest, ok := strings.Cut(line, ".go:")
		if !ok {
			continue
		}
		path += ".go"
		if filepath.Dir(path) != dir || strings.HasSuffix(path, "_test.go") {
			continue
		}
		num := rest
		if i := strings.IndexAny(num, " \t"); i >= 0 {
			num = num[:i]
		}
		n, err := strconv.Atoi(num)
		// Line 1 is the package clause: a goroutine stopped inside a tight
		// loop can be shown there, which names no place at all.
		if err != nil || n <= 1 {
			continue
		}
		return Pos{File: filepath.Base(path), Line: n}
	}
	return Pos{}
}
