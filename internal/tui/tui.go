// Package tui is gocourse's interactive terminal interface: it shows a lesson,
// watches the learner's exercise file, grades it on every save and shows the
// verdict in the learner's language.
//
// The shape is the usual Bubble Tea one: a root Model routes keys, sizes and
// messages to child views (lesson, verdict panel, lesson list, help, solution);
// rendering, grading, warming and watching happen in tea.Cmds and goroutines
// that report back with messages, so Update never blocks. Every goroutine the
// package starts belongs to a supervisor that cancels and waits for all of
// them when the program ends.
package tui

import (
	"context"
	"errors"
	"fmt"
	"os"
	"strings"
	"sync"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/colorprofile"
	"github.com/charmbracelet/x/term"

	"github.com/gocourse/gocourse/checker"
	"github.com/gocourse/gocourse/lessons"
)

// Config is what the command line hands the interface.
type Config struct {
	Catalog *lessons.Catalog
	Root    string // workspace root on disk (absolute); exercise files are Root/ExercisePath()
	Lang    string // "zh" or "en"
	// Grade grades the learner's file. The learner's current language is in
	// ctx: see LangFrom. It must return soon after ctx is cancelled.
	Grade func(ctx context.Context, l *lessons.Lesson) checker.Verdict
	// Warm warms the build cache for a lesson; may be nil. It must return
	// soon after ctx is cancelled.
	Warm     func(ctx context.Context, l *lessons.Lesson)
	Progress Progress
	// Reset restores a lesson's starter, backing up the learner's file first;
	// backup is where the old file went ("" when there was nothing to save).
	Reset  func(l *lessons.Lesson) (backup string, err error)
	Editor string // $VISUAL/$EDITOR, may be empty; may hold arguments ("code -w")
	// ProgressFile is the progress file's absolute path, watched so that a
	// pass recorded by another process (`gocourse check`, another TUI)
	// shows at once; "" for none.
	ProgressFile string
	// Notice is a status line shown at start, in the learner's language
	// (a progress file kept aside as corrupt, or too new to write); may be
	// empty.
	Notice string
}

// Progress remembers which lessons the learner passed. The interface calls
// it from one goroutine at a time (it serialises the calls itself), so an
// implementation need not be safe for concurrent use.
type Progress interface {
	Passed(slug string) bool
	// Record is called after every finished grading that is a real attempt
	// (status pass or fail; not error, not cancelled).
	Record(slug string, v checker.Verdict) error
	// FirstRun reports whether the learner has never used the course before.
	FirstRun() bool
}

// ErrNotTTY is returned by Run when standard input or output is not a terminal.
var ErrNotTTY = errors.New("gocourse needs an interactive terminal for the course; " +
	"without one, use `gocourse list` to see the lessons and `gocourse check N` to grade lesson N " +
	"（需要在交互式终端中运行；否则请用 `gocourse list` 查看课程，用 `gocourse check N` 评测第 N 课）")

type langKey struct{}

// LangFrom returns the learner's current language ("zh" or "en") carried by
// the context Config.Grade and Config.Warm receive, or "" when there is none.
// The language can change while the program runs (key L), so Grade should
// read it from its context rather than from the Config it was built with.
func LangFrom(ctx context.Context) string {
	s, _ := ctx.Value(langKey{}).(string)
	return s
}

func withLang(ctx context.Context, lang string) context.Context {
	return context.WithValue(ctx, langKey{}, lang)
}

// isTerminal reports whether the program talks to a terminal; tests replace it.
var isTerminal = func() bool {
	return term.IsTerminal(os.Stdin.Fd()) && term.IsTerminal(os.Stdout.Fd())
}

// shutdownGrace bounds how long Run waits for the goroutines it started once
// the program has quit (a grader that ignores cancellation must not hang the
// learner's terminal).
var shutdownGrace = 10 * time.Second

// Run runs the interactive course until the learner quits or ctx is done.
// It returns ErrNotTTY when there is no terminal; nil when the learner quit
// or ctx was cancelled; otherwise the error that stopped the program.
// Every goroutine the interface started has stopped when Run returns.
func Run(ctx context.Context, cfg Config, opts ...tea.ProgramOption) error {
	if !isTerminal() {
		return ErrNotTTY
	}
	m := New(ctx, cfg)
	base := append([]tea.ProgramOption{tea.WithContext(ctx)}, noColor(os.Environ())...)
	p := tea.NewProgram(m, append(base, opts...)...)
	_, err := p.Run()
	if serr := m.shutdown(); serr != nil && err == nil {
		err = serr
	}
	if err != nil && ctx.Err() != nil && errors.Is(err, tea.ErrProgramKilled) {
		return nil // the caller cancelled: not an error of ours
	}
	return err
}

// noColor forces a colourless profile when NO_COLOR is set to anything:
// colorprofile honours it only when it parses as a boolean ("1", "true"),
// while no-color.org says any non-empty value counts.
func noColor(environ []string) []tea.ProgramOption {
	for _, kv := range environ {
		if v, ok := strings.CutPrefix(kv, "NO_COLOR="); ok && v != "" {
			return []tea.ProgramOption{tea.WithColorProfile(colorprofile.Ascii)}
		}
	}
	return nil
}

// supervisor owns every goroutine the interface starts: tea.Cmds that may
// block (grading, warming, rendering, waiting for file events) and the
// watcher. shutdown cancels them all and waits until they have returned.
type supervisor struct {
	ctx    context.Context
	cancel context.CancelFunc

	mu     sync.Mutex
	closed bool
	wg     sync.WaitGroup
}

func newSupervisor(parent context.Context) *supervisor {
	ctx, cancel := context.WithCancel(parent)
	return &supervisor{ctx: ctx, cancel: cancel}
}

// enter registers one more running task; false once shut down.
func (s *supervisor) enter() bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.closed {
		return false
	}
	s.wg.Add(1)
	return true
}

// cmd wraps fn as a tea.Cmd whose run is owned by s: it does not start after
// shutdown, and shutdown waits for it.
func (s *supervisor) cmd(fn func(ctx context.Context) tea.Msg) tea.Cmd {
	return func() tea.Msg {
		if !s.enter() {
			return nil
		}
		defer s.wg.Done()
		if s.ctx.Err() != nil {
			return nil
		}
		return fn(s.ctx)
	}
}

// goroutine starts fn in a goroutine owned by s; false after shutdown.
func (s *supervisor) goroutine(fn func(ctx context.Context)) bool {
	if !s.enter() {
		return false
	}
	go func() {
		defer s.wg.Done()
		fn(s.ctx)
	}()
	return true
}

// shutdown cancels every task and waits for them (at most shutdownGrace).
func (s *supervisor) shutdown() error {
	s.mu.Lock()
	s.closed = true
	s.mu.Unlock()
	s.cancel()
	done := make(chan struct{})
	go func() {
		s.wg.Wait()
		close(done)
	}()
	select {
	case <-done:
		return nil
	case <-time.After(shutdownGrace):
		return fmt.Errorf("tui: background work still running %s after quitting (a grader ignoring cancellation?)", shutdownGrace)
	}
}

// lockedProgress serialises every call to the learner's Progress.
type lockedProgress struct {
	mu sync.Mutex
	p  Progress
}

func (l *lockedProgress) passed(slug string) bool {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.p.Passed(slug)
}

func (l *lockedProgress) record(slug string, v checker.Verdict) (passed bool, err error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	err = l.p.Record(slug, v)
	return l.p.Passed(slug), err
}

func (l *lockedProgress) firstRun() bool {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.p.FirstRun()
}

// memProgress is used when the Config has none: progress for this run only.
type memProgress struct{ passed map[string]bool }

func (m *memProgress) Passed(slug string) bool { return m.passed[slug] }
func (m *memProgress) FirstRun() bool          { return false }
func (m *memProgress) Record(slug string, v checker.Verdict) error {
	if v.OK() {
		m.passed[slug] = true
	}
	return nil
}
