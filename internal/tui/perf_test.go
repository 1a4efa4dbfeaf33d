package tui

import (
	"bytes"
	"context"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/gocourse/gocourse/lessons"
)

// firstFrameWriter notes when the header first reaches the terminal.
type firstFrameWriter struct {
	mu    sync.Mutex
	buf   bytes.Buffer
	at    time.Time
	ready chan struct{}
}

func (w *firstFrameWriter) Write(p []byte) (int, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	w.buf.Write(p)
	if w.at.IsZero() && bytes.Contains(w.buf.Bytes(), []byte("Lesson")) {
		w.at = time.Now()
		close(w.ready)
	}
	return len(p), nil
}

func (w *firstFrameWriter) String() string {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.buf.String()
}

// The first frame (header, exercise, watcher state, footer) reaches the
// terminal within 100 ms of starting, before any markdown is rendered.
func TestTimeToFirstFrame(t *testing.T) {
	c := fakeCatalog(t)
	root := workspace(t, c)
	w := &firstFrameWriter{ready: make(chan struct{})}
	start := time.Now()
	m := New(context.Background(), Config{Catalog: c, Root: root, Lang: "en", Progress: newFakeProgress(false)})
	p := tea.NewProgram(m, tea.WithInput(nil), tea.WithOutput(w), tea.WithoutSignals(), tea.WithWindowSize(80, 24))
	done := make(chan error, 1)
	go func() {
		_, err := p.Run()
		done <- err
	}()
	select {
	case <-w.ready:
	case <-time.After(5 * time.Second):
		t.Fatal("no first frame")
	}
	elapsed := w.at.Sub(start)
	t.Logf("first frame after %s", elapsed)
	limit := 100 * time.Millisecond
	if raceEnabled {
		limit = time.Second // the race detector slows everything down ~10×
	}
	if elapsed > limit {
		t.Errorf("first frame took %s", elapsed)
	}
	p.Quit()
	if err := <-done; err != nil {
		t.Fatal(err)
	}
	if err := m.shutdown(); err != nil {
		t.Fatal(err)
	}
}

var sgrColour = regexp.MustCompile(`\x1b\[[0-9;:]*(38|48)[;:][0-9;:]*m`)

// NO_COLOR: Bubble Tea downsamples every colour, glamour's included, and
// keeps the text. TTY_FORCE makes colorprofile treat the buffer as a terminal.
func TestNoColor(t *testing.T) {
	c := fakeCatalog(t)
	for _, tc := range []struct {
		env        []string
		wantColour bool
	}{
		{[]string{"TERM=xterm-256color", "TTY_FORCE=1"}, true},
		{[]string{"TERM=xterm-256color", "TTY_FORCE=1", "NO_COLOR=1"}, false},
		{[]string{"TERM=xterm-256color", "TTY_FORCE=1", "NO_COLOR=yes"}, false},
	} {
		m := New(context.Background(), Config{Catalog: c, Root: workspace(t, c), Lang: "en", Progress: newFakeProgress(false)})
		pr := &probe{Model: m}
		var out syncBuffer
		opts := append([]tea.ProgramOption{tea.WithInput(nil), tea.WithOutput(&out), tea.WithoutSignals(),
			tea.WithWindowSize(80, 24), tea.WithEnvironment(tc.env)}, noColor(tc.env)...) // as Run does
		p := tea.NewProgram(pr, opts...)
		done := make(chan error, 1)
		go func() {
			_, err := p.Run()
			done <- err
		}()
		pr.waitFor(t, "the lesson", has("A goroutine you start"))
		time.Sleep(50 * time.Millisecond) // one more frame
		p.Quit()
		<-done
		m.shutdown()
		s := out.String()
		if got := sgrColour.MatchString(s); got != tc.wantColour {
			t.Errorf("env %v: colour in output = %v %q", tc.env, got, sgrColour.FindAllString(s, 5))
		}
		if !strings.Contains(s, "goroutine") {
			t.Errorf("env %v: text missing", tc.env)
		}
	}
}

type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

func TestSplitCommand(t *testing.T) {
	for in, want := range map[string]string{
		"vim":                          "vim",
		"code -w":                      "code|-w",
		`'/Apps/Sublime Text/subl' -w`: "/Apps/Sublime Text/subl|-w",
		`emacsclient -t  "a b"`:        "emacsclient|-t|a b",
		"":                             "",
	} {
		if got := strings.Join(splitCommand(in), "|"); got != want {
			t.Errorf("splitCommand(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestCodeSpans(t *testing.T) {
	st := newStyles(true)
	got := codeSpans("use `make(chan\nresult, 1)` now", st.code)
	if plain := ansi.Strip(got); plain != "use make(chan\nresult, 1) now" {
		t.Fatalf("text changed: %q", plain)
	}
}

// ---------------------------------------------------------------- benchmarks
// go test -run XXX -bench . ./internal/tui/

// From nothing to the first frame of the model (New, Init, size, View).
func BenchmarkFirstFrame(b *testing.B) {
	c := fakeCatalog(b)
	root := b.TempDir()
	for i := 0; i < b.N; i++ {
		m := New(context.Background(), Config{Catalog: c, Root: root, Lang: "en", Progress: newFakeProgress(false)})
		m.Update(tea.WindowSizeMsg{Width: 80, Height: 24})
		_ = m.View()
		m.shutdown()
	}
}

// Switching lessons when the neighbour was rendered in the background (the
// usual case: n after reading), and when it was not.
func BenchmarkSwitchLesson(b *testing.B) {
	for _, cached := range []bool{true, false} {
		name := "prerendered"
		if !cached {
			name = "cold"
		}
		b.Run(name, func(b *testing.B) {
			benchSwitch(b, cached, func(h *harness) { h.press("n"); h.press("p") })
		})
	}
}

// Switching the language (L), the other language prerendered or not.
func BenchmarkSwitchLanguage(b *testing.B) {
	for _, cached := range []bool{true, false} {
		name := "prerendered"
		if !cached {
			name = "cold"
		}
		b.Run(name, func(b *testing.B) {
			benchSwitch(b, cached, func(h *harness) { h.press("L") })
		})
	}
}

func benchSwitch(b *testing.B, cached bool, act func(h *harness)) {
	c := catalogForBench(b)
	h := newHarness(b, Config{Catalog: c, Root: b.TempDir(), Lang: "en", Progress: newFakeProgress(false)})
	h.size(100, 30)
	h.until("rendered", func(*Model) bool { return h.rendered() })
	h.drain(200 * time.Millisecond) // background prerendering
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if !cached {
			b.StopTimer()
			h.m.renders.mu.Lock()
			clear(h.m.renders.entries)
			h.m.renders.mu.Unlock()
			b.StartTimer()
		}
		act(h)
		h.until("rendered", func(*Model) bool { return h.rendered() })
		_ = h.m.View()
	}
}

// catalogForBench is the real course when it is there (real lessons are
// longer), else the fake one.
func catalogForBench(b *testing.B) *lessons.Catalog {
	fsys, ls := realLessonsOrNil(b)
	if len(ls) >= 2 {
		return &lessons.Catalog{FS: fsys, Lessons: ls}
	}
	return fakeCatalog(b)
}
