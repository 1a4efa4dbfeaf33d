// The kit's short names, for hidden files that call it directly (a lesson's
// scenarios import the kit instead). The grader overlays this file into the
// learner's package only when the hidden files use one of the names it
// declares — it is compiled with every save — its package clause rewritten
// to the exercise's and GOCOURSE_KIT to the import path of the kit package.
// The names start with "gc", so they cannot clash with the learner's.
package kit

import (
	"testing"

	gckit "GOCOURSE_KIT"
)

// A place in the learner's source, and a site: a place and its function.
type (
	gcPos  = gckit.Pos
	gcSite struct {
		gcPos
		Func string
	}
)

// Failure kinds, and how long a bubble lets a right solution finish.
const (
	gcKindTest    = gckit.KindTest
	gcKindRace    = gckit.KindRace
	gcKindLeak    = gckit.KindLeak
	gcKindPanic   = gckit.KindPanic
	gcKindLint    = gckit.KindLint
	gcKindTimeout = gckit.KindTimeout
	gcSettle      = gckit.Settle
)

// Reporting, synctest bubbles, leak checks and reading the learner's source:
// see kit.go for each.
var (
	gcReport           = gckit.Report
	gcErrorf           = gckit.Errorf
	gcErrorAt          = gckit.ErrorAt
	gcFatalf           = gckit.Fatalf
	gcLang             = gckit.Lang
	gcBubble           = gckit.Bubble
	gcExplore          = gckit.Explore
	gcBubbleGoroutines = gckit.BubbleGoroutines
	gcGoroutineState   = gckit.GoroutineState
	gcLearnerFrame     = gckit.LearnerFrame
	gcFuncPos          = gckit.FuncPos
	gcWhere            = gckit.Where
)

func gcCalls(t testing.TB, pkgPath string, names ...string) []gcSite {
	t.Helper()
	return gcSites(gckit.Calls(t, pkgPath, names...))
}

func gcExitsOutsideMain(t testing.TB) []gcSite {
	t.Helper()
	return gcSites(gckit.ExitsOutsideMain(t))
}

func gcEmptySelects(t testing.TB) []gcSite {
	t.Helper()
	return gcSites(gckit.EmptySelects(t))
}

func gcGoStmts(t testing.TB) []gcSite {
	t.Helper()
	return gcSites(gckit.GoStmts(t))
}

func gcSites(in []gckit.Site) []gcSite {
	out := make([]gcSite, len(in))
	for i, s := range in {
		out[i] = gcSite{s.Pos, s.Func}
	}
	return out
}

// Calls of the code under test, bounded waits, barriers, and where the
// bubble's goroutines still are (calls.go).
type (
	gcCall    = gckit.Call
	gcBarrier = gckit.Barrier
)

var (
	gcGo         = gckit.Go
	gcNewBarrier = gckit.NewBarrier
	gcInside     = gckit.Inside
)

// gcWithin waits at most d for ch to deliver (or be closed).
func gcWithin[T any](ch <-chan T, d gckit.Duration) (T, bool) { return gckit.Within(ch, d) }
