// The grading kit's shim. The grader overlays this file into the learner's
// package next to the lesson's hidden tests, its package clause rewritten to
// the exercise's and GOCOURSE_KIT to the import path of the kit package
// (kit.go and the files beside it, overlaid as <module>/zz_gocoursekit). It owns TestMain and gives
// the hidden tests the kit under short names that start with "gc", so they
// cannot clash with the learner's identifiers. The kit's code lives in its
// own package so that the go command compiles it once and caches it: only
// this shim is compiled again with every save.
package kit

import (
	"os"
	"strconv"
	"testing"

	gk "GOCOURSE_KIT"
)

// TestMain writes the run's exit code to the file the grader named. The grader
// trusts a pass only when this file says 0 and every hidden test reported a
// pass event: learner code that exits early or prints fake "--- PASS" lines
// never reaches this point.
func TestMain(m *testing.M) {
	code := m.Run()
	if p := os.Getenv("GOCOURSE_RESULT"); p != "" {
		_ = os.WriteFile(p, []byte("exit="+strconv.Itoa(code)+"\n"), 0o600)
	}
	os.Exit(code)
}

// A place in the learner's source, and a site: a place and its function.
type (
	gcPos  = gk.Pos
	gcSite struct {
		gcPos
		Func string
	}
)

// Failure kinds, and how long a bubble lets a right solution finish.
const (
	gcKindTest    = gk.KindTest
	gcKindRace    = gk.KindRace
	gcKindLeak    = gk.KindLeak
	gcKindPanic   = gk.KindPanic
	gcKindLint    = gk.KindLint
	gcKindTimeout = gk.KindTimeout
	gcSettle      = gk.Settle
)

// Reporting, synctest bubbles, leak checks and reading the learner's source:
// see kit.go for each.
var (
	gcReport           = gk.Report
	gcErrorf           = gk.Errorf
	gcErrorAt          = gk.ErrorAt
	gcFatalf           = gk.Fatalf
	gcLang             = gk.Lang
	gcBubble           = gk.Bubble
	gcExplore          = gk.Explore
	gcBubbleGoroutines = gk.BubbleGoroutines
	gcGoroutineState   = gk.GoroutineState
	gcNoLeaks          = gk.NoLeaks
	gcLearnerFrame     = gk.LearnerFrame
	gcSource           = gk.Source
	gcFuncPos          = gk.FuncPos
	gcWhere            = gk.Where
)

func gcCalls(t testing.TB, pkgPath string, names ...string) []gcSite {
	t.Helper()
	return gcSites(gk.Calls(t, pkgPath, names...))
}

func gcExitsOutsideMain(t testing.TB) []gcSite {
	t.Helper()
	return gcSites(gk.ExitsOutsideMain(t))
}

func gcEmptySelects(t testing.TB) []gcSite {
	t.Helper()
	return gcSites(gk.EmptySelects(t))
}

func gcGoStmts(t testing.TB) []gcSite {
	t.Helper()
	return gcSites(gk.GoStmts(t))
}

func gcSites(in []gk.Site) []gcSite {
	out := make([]gcSite, len(in))
	for i, s := range in {
		out[i] = gcSite{s.Pos, s.Func}
	}
	return out
}

// Calls of the code under test, bounded waits, barriers, and where the
// bubble's goroutines still are (calls.go).
type (
	gcCall    = gk.Call
	gcBarrier = gk.Barrier
)

var (
	gcGo         = gk.Go
	gcNewBarrier = gk.NewBarrier
	gcInside     = gk.Inside
)

// gcWithin waits at most d for ch to deliver (or be closed).
func gcWithin[T any](ch <-chan T, d gk.Duration) (T, bool) { return gk.Within(ch, d) }
