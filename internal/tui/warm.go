package tui

import (
	"context"
	"sync/atomic"
	"time"

	tea "charm.land/bubbletea/v2"
)

// The build-cache warm-up's progress. On a cold cache the first build
// compiles the race-enabled standard library (about 200 packages, 20-40 s):
// the learner is told what it is and how far it has got, and a check asked
// for meanwhile waits for it rather than building the same packages again
// beside it.

// coldBuild is how many packages to compile make a build worth showing.
const coldBuild = 30

// warmTickEvery is how often the progress on screen is refreshed.
var warmTickEvery = 200 * time.Millisecond

type warmReportKey struct{}

// WarmReporter returns the function Config.Warm tells how far the build has
// got: packages compiled so far of total, the packages that were not in the
// build cache (see checker.WarmProgress). It is never nil; it may be called
// from any goroutine.
func WarmReporter(ctx context.Context) func(built, total int) {
	if f, ok := ctx.Value(warmReportKey{}).(func(built, total int)); ok {
		return f
	}
	return func(int, int) {}
}

// buildProgress is written by the warm-up and read by the event loop.
type buildProgress struct{ built, total atomic.Int64 }

func (b *buildProgress) report(built, total int) {
	b.total.Store(int64(total))
	b.built.Store(int64(built))
}

type warmTickMsg struct{ gen int }

// warmTick asks for the next refresh of warm-up gen's progress.
func (m *Model) warmTick(gen int) tea.Cmd {
	return m.sup.cmd(func(ctx context.Context) tea.Msg {
		select {
		case <-time.After(warmTickEvery):
			return warmTickMsg{gen: gen}
		case <-ctx.Done():
			return nil
		}
	})
}

func (m *Model) onWarmTick(msg warmTickMsg) tea.Cmd {
	if msg.gen != m.warmGen || m.warming == "" || m.warmProg == nil {
		return nil // that warm-up is over
	}
	m.build.built, m.build.total = int(m.warmProg.built.Load()), int(m.warmProg.total.Load())
	m.build.frame++
	if m.queued && m.build.total > 0 && !m.coldWarm() {
		// A warm cache after all: no reason to wait.
		m.queued = false
		return m.startGrade(m.queuedHash)
	}
	return m.warmTick(msg.gen)
}

// coldWarm reports whether the warm-up of the current lesson is compiling
// enough to be worth showing (and waiting for).
func (m *Model) coldWarm() bool {
	l := m.lesson()
	return l != nil && m.warming == l.Slug && m.build.total >= coldBuild
}

var buildFrames = []string{"⠋", "⠙", "⠹", "⠸", "⠼", "⠴", "⠦", "⠧", "⠇", "⠏"}

func (m *Model) buildFrame() string { return buildFrames[m.build.frame%len(buildFrames)] }
