package tui

import (
	"context"
	"io"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/exp/teatest/v2"
	"go.uber.org/goleak"

	"github.com/gocourse/gocourse/lessons"
)

// probe wraps the root model inside a real Program and publishes the
// screen (without styling) after every update, so a test can wait for a
// state without parsing the renderer's incremental output.
type probe struct {
	*Model
	screen atomic.Pointer[string]
}

func (p *probe) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	_, cmd := p.Model.Update(msg)
	s := ansi.Strip(p.Model.content())
	p.screen.Store(&s)
	return p, cmd
}

func (p *probe) waitFor(t testing.TB, what string, cond func(screen string) bool) {
	t.Helper()
	p.waitForLong(t, what, cond, 10*time.Second)
}

func (p *probe) waitForLong(t testing.TB, what string, cond func(screen string) bool, d time.Duration) {
	t.Helper()
	deadline := time.Now().Add(d)
	for time.Now().Before(deadline) {
		if s := p.screen.Load(); s != nil && cond(*s) {
			return
		}
		time.Sleep(5 * time.Millisecond)
	}
	s := p.screen.Load()
	if s == nil {
		t.Fatalf("timed out waiting for %s: nothing drawn", what)
	}
	t.Fatalf("timed out waiting for %s; screen:\n%s", what, *s)
}

func has(subs ...string) func(string) bool {
	return func(s string) bool {
		for _, sub := range subs {
			if !strings.Contains(s, sub) {
				return false
			}
		}
		return true
	}
}

// The whole loop through a real Bubble Tea program and a real workspace:
// start, save a wrong answer, see why, save a right one, pass, next lesson.
func TestFlowSaveWrongThenRightThenNext(t *testing.T) {
	c := fakeCatalog(t)
	root := workspace(t, c)
	g := &fakeGrader{root: root}
	prog := newFakeProgress(false)
	m := New(context.Background(), Config{Catalog: c, Root: root, Lang: "en", Grade: g.grade, Progress: prog})
	p := &probe{Model: m}
	tm := teatest.NewTestModel(t, p, teatest.WithInitialTermSize(100, 30))
	defer m.shutdown()

	p.waitFor(t, "the lesson and the watcher", has("Lesson 1/6", "A goroutine you start", "watching"))
	l := c.Lessons[0]
	save(t, root, l, strings.Replace(fakeStarter, "return 0", "return 41", 1))
	p.waitFor(t, "the failure", has("✗ Not yet", "demo.go:5", "want 42"))
	save(t, root, l, fakeSolution)
	p.waitFor(t, "the pass", has("✓ Passed", "Press n for lesson 2", "1/6 passed"))
	tm.Type("n")
	p.waitFor(t, "lesson 2", has("Lesson 2/6", fakeTitles[1][0], "Save exercises/02-two-listeners/demo.go"))
	tm.Type("q")
	tm.WaitFinished(t, teatest.WithFinalTimeout(5*time.Second))

	if got := strings.Join(prog.recorded(), " "); got != l.Slug+":fail "+l.Slug+":pass" {
		t.Fatalf("recorded %q", got)
	}
	if n := g.calls.Load(); n != 2 {
		t.Fatalf("graded %d times, want 2", n)
	}
	out, _ := io.ReadAll(tm.FinalOutput(t))
	if !strings.Contains(string(out), "Lesson 2/6") {
		t.Fatalf("final output lacks lesson 2")
	}
}

// e opens the editor through tea.ExecProcess; when it returns, the file is
// checked.
func TestFlowEditor(t *testing.T) {
	c := fakeCatalog(t)
	root := workspace(t, c)
	g := &fakeGrader{root: root}
	sol := filepath.Join(t.TempDir(), "solution.go")
	if err := os.WriteFile(sol, []byte(fakeSolution), 0o644); err != nil {
		t.Fatal(err)
	}
	editor := filepath.Join(t.TempDir(), "editor.sh")
	if err := os.WriteFile(editor, []byte("#!/bin/sh\ncp "+sol+" \"$1\"\n"), 0o755); err != nil {
		t.Fatal(err)
	}
	m := New(context.Background(), Config{Catalog: c, Root: root, Lang: "zh", Grade: g.grade,
		Progress: newFakeProgress(false), Editor: editor})
	p := &probe{Model: m}
	tm := teatest.NewTestModel(t, p, teatest.WithInitialTermSize(80, 24))
	defer m.shutdown()
	p.waitFor(t, "the lesson", has("第 1/6 课"))
	tm.Type("e")
	p.waitFor(t, "the pass", has("✓ 通过", "按 n 进入第 2 课"))
	tm.Type("q")
	tm.WaitFinished(t, teatest.WithFinalTimeout(5*time.Second))
}

// After the program quits, nothing the interface started is still running:
// not the watcher, its debouncer, a grading or a warm-up in flight.
func TestNoGoroutineLeftAfterQuit(t *testing.T) {
	c := fakeCatalog(t)
	root := workspace(t, c)
	defer goleak.VerifyNone(t, goleak.IgnoreCurrent(),
		// chroma's regexp2 (glamour's syntax highlighting) keeps a shared
		// clock goroutine for match timeouts; it is the library's, not ours,
		// and ends on its own after a second of idleness.
		goleak.IgnoreAnyFunction("github.com/dlclark/regexp2.runClock"))

	g := &fakeGrader{root: root, block: make(chan struct{})} // grading never ends by itself
	warming := make(chan string, 4)
	warm := func(ctx context.Context, l *lessons.Lesson) {
		warming <- l.Slug
		<-ctx.Done()
	}
	m := New(context.Background(), Config{Catalog: c, Root: root, Lang: "en", Grade: g.grade,
		Progress: newFakeProgress(false), Warm: warm})
	p := &probe{Model: m}
	prog := tea.NewProgram(p, tea.WithInput(nil), tea.WithOutput(io.Discard), tea.WithoutSignals(),
		tea.WithWindowSize(100, 30))
	done := make(chan error, 1)
	go func() {
		_, err := prog.Run()
		done <- err
	}()
	p.waitFor(t, "the watcher", has("watching", "A goroutine you start"))
	<-warming
	prog.Send(keyMsg("r")) // a grading that hangs until cancelled
	p.waitFor(t, "grading", has("Checking demo.go"))
	save(t, root, c.Lessons[0], fakeSolution) // a change still in the debouncer
	prog.Send(keyMsg("q"))
	if err := <-done; err != nil {
		t.Fatal(err)
	}
	if err := m.shutdown(); err != nil {
		t.Fatal(err)
	}
}
