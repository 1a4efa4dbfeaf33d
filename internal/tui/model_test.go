package tui

import (
	"context"
	"errors"
	"regexp"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/gocourse/gocourse/checker"
	"github.com/gocourse/gocourse/lessons"
)

func TestStringsTableComplete(t *testing.T) {
	verbs := regexp.MustCompile(`%[-+# 0]*[0-9]*(\.[0-9]+)?[a-zA-Z%]`)
	for id := sid(0); id < sCount; id++ {
		e := texts[id]
		if strings.TrimSpace(e.en) == "" || strings.TrimSpace(e.zh) == "" {
			t.Errorf("string %d lacks a language: %+v", id, e)
		}
		if a, b := verbs.FindAllString(e.en, -1), verbs.FindAllString(e.zh, -1); strings.Join(a, " ") != strings.Join(b, " ") {
			t.Errorf("string %d: verbs %v (en) vs %v (zh)", id, a, b)
		}
	}
}

func TestStartsAtFirstUnfinishedLesson(t *testing.T) {
	c := fakeCatalog(t)
	for _, tc := range []struct {
		passed []string
		want   int
	}{
		{nil, 0},
		{[]string{c.Lessons[0].Slug, c.Lessons[1].Slug}, 2},
		{[]string{c.Lessons[0].Slug, c.Lessons[2].Slug}, 1},
		{slugs(c), 5}, // all done: the last lesson
	} {
		m := New(context.Background(), Config{Catalog: c, Root: t.TempDir(), Lang: "en", Progress: newFakeProgress(false, tc.passed...)})
		if m.cur != tc.want {
			t.Errorf("passed %v: opened lesson index %d, want %d", tc.passed, m.cur, tc.want)
		}
		m.shutdown()
	}
}

func slugs(c *lessons.Catalog) []string {
	var s []string
	for _, l := range c.Lessons {
		s = append(s, l.Slug)
	}
	return s
}

func TestFirstFrameBeforeRendering(t *testing.T) {
	h, _, _ := standard(t)
	h.size(80, 24)
	s := h.screen()
	for _, want := range []string{"Lesson 1/6", fakeTitles[0][0], "exercises/01-busy-main/demo.go", "0/6 passed", "Preparing the lesson"} {
		if !strings.Contains(s, want) {
			t.Errorf("first frame lacks %q:\n%s", want, s)
		}
	}
	h.until("the lesson text", func(*Model) bool { return h.rendered() })
	if !strings.Contains(h.screen(), "A goroutine you start") {
		t.Errorf("lesson text not shown:\n%s", h.screen())
	}
}

func TestWelcomeOnFirstRun(t *testing.T) {
	h, _, _ := standard(t, func(c *Config) { c.Progress = newFakeProgress(true) })
	h.size(100, 30)
	if !strings.Contains(h.screen(), "Welcome!") {
		t.Fatalf("no welcome on the first run:\n%s", h.screen())
	}
	h2, _, _ := standard(t)
	h2.size(100, 30)
	if strings.Contains(h2.screen(), "Welcome!") {
		t.Fatalf("welcome shown again:\n%s", h2.screen())
	}
}

// Every line fits the window at every size, in both languages, and the
// Chinese paragraph is wrapped rather than cut.
func TestFitsTheWindow(t *testing.T) {
	for _, lang := range []string{"en", "zh"} {
		h, _, _ := standard(t, func(c *Config) { c.Lang = lang })
		for _, sz := range [][2]int{{80, 24}, {120, 40}, {200, 50}, {60, 15}, {160, 40}} {
			h.size(sz[0], sz[1])
			h.until("rendered", func(*Model) bool { return h.rendered() })
			for _, scr := range []string{"", "l", "?"} { // lesson, list, help
				h.press(scr)
				lines := strings.Split(h.m.content(), "\n")
				if len(lines) != sz[1] && !(scr != "" && len(lines) < sz[1]) {
					t.Errorf("%s %v %q: %d lines, want %d:\n%s", lang, sz, scr, len(lines), sz[1], h.screen())
				}
				for i, l := range lines {
					if w := ansi.StringWidth(l); w > sz[0] {
						t.Errorf("%s %v %q: line %d is %d wide: %q", lang, sz, scr, i, w, ansi.Strip(l))
					}
				}
				h.press("esc")
			}
		}
	}
}

func TestTooSmall(t *testing.T) {
	h, _, _ := standard(t)
	h.size(50, 12)
	if s := h.screen(); !strings.Contains(s, "50×12") || !strings.Contains(s, "60×15") {
		t.Fatalf("no polite message:\n%s", s)
	}
	h.press("L")
	if s := h.screen(); !strings.Contains(s, "60×15") || !strings.Contains(s, "窗口") {
		t.Fatalf("no polite message in Chinese:\n%s", s)
	}
	h.size(80, 24)
	if s := h.screen(); strings.Contains(s, "60×15") {
		t.Fatalf("still too small:\n%s", s)
	}
}

func TestNextAndPrevious(t *testing.T) {
	h, _, _ := standard(t)
	h.size(80, 24)
	h.press("p")
	if h.m.cur != 0 || !strings.Contains(h.m.status, "first lesson") {
		t.Fatalf("p on lesson 1: cur=%d status=%q", h.m.cur, h.m.status)
	}
	h.press("n", "n")
	if h.m.cur != 2 {
		t.Fatalf("after n n: cur=%d", h.m.cur)
	}
	h.until("lesson 3 rendered", func(*Model) bool { return h.rendered() })
	if s := h.screen(); !strings.Contains(s, "Lesson 3/6") || !strings.Contains(s, fakeTitles[2][0]) {
		t.Fatalf("header:\n%s", s)
	}
	h.press("p")
	if h.m.cur != 1 {
		t.Fatalf("after p: cur=%d", h.m.cur)
	}
	h.press("n", "n", "n", "n", "n")
	if h.m.cur != 5 || !strings.Contains(h.m.status, "last lesson") {
		t.Fatalf("n past the end: cur=%d status=%q", h.m.cur, h.m.status)
	}
}

func TestLanguageSwitch(t *testing.T) {
	h, g, _ := standard(t)
	h.size(100, 30)
	h.until("rendered", func(*Model) bool { return h.rendered() })
	h.press("L")
	if h.m.lang != "zh" {
		t.Fatal("L did not switch to Chinese")
	}
	h.until("Chinese text", func(*Model) bool { return h.rendered() })
	s := h.screen()
	for _, want := range []string{"第 1/6 课", fakeTitles[0][1], "你启动的每一个", "下一课", "已通过 0/6"} {
		if !strings.Contains(s, want) {
			t.Errorf("Chinese screen lacks %q:\n%s", want, s)
		}
	}
	// A verdict in English is checked again in Chinese.
	h.press("L")
	h.press("r")
	h.until("verdict", func(m *Model) bool { return m.verdicts[m.lesson().Slug] != nil && m.job == nil })
	if !strings.Contains(h.screen(), "want 42") {
		t.Fatalf("English verdict missing:\n%s", h.screen())
	}
	h.press("L")
	if h.m.job == nil {
		t.Fatal("switching language did not check again")
	}
	h.until("Chinese verdict", func(m *Model) bool { return m.job == nil })
	if s := h.screen(); !strings.Contains(s, "应当返回 42") || !strings.Contains(s, "还没通过") {
		t.Fatalf("verdict not in Chinese:\n%s", s)
	}
	if lang, _ := g.langs.Load(h.m.lesson().Slug); lang != "zh" {
		t.Fatalf("grader got lang %v", lang)
	}
}

func TestHintLevels(t *testing.T) {
	h, _, _ := standard(t)
	h.size(100, 30)
	h.press("h")
	if s := h.screen(); !strings.Contains(s, "Hint 1/2") || !strings.Contains(s, "First hint of lesson 1") {
		t.Fatalf("first hint:\n%s", s)
	}
	h.press("h")
	if s := h.screen(); !strings.Contains(s, "Hint 2/2") || !strings.Contains(s, "Second hint") || !strings.Contains(s, "last hint") {
		t.Fatalf("second hint:\n%s", s)
	}
	h.press("h")
	if h.m.hints[h.m.lesson().Slug] != 2 || !strings.Contains(h.m.status, "last hint") {
		t.Fatalf("h past the last: level %d, status %q", h.m.hints[h.m.lesson().Slug], h.m.status)
	}
	h.press("L")
	if s := h.screen(); !strings.Contains(s, "提示 2/2") || !strings.Contains(s, "第二条提示") {
		t.Fatalf("hint in Chinese:\n%s", s)
	}
	h.press("n")
	if strings.Contains(h.screen(), "提示 2/2") {
		t.Fatalf("hint leaked to the next lesson:\n%s", h.screen())
	}
	h.press("p")
	if !strings.Contains(h.screen(), "提示 2/2") {
		t.Fatalf("hint level forgotten:\n%s", h.screen())
	}
}

func TestFileChangedGrades(t *testing.T) {
	h, g, p := standard(t)
	h.size(100, 30)
	l := h.m.lesson()
	h.send(fileChangedMsg{slug: l.Slug, hash: "aaa"})
	if h.m.job == nil {
		t.Fatal("a save did not start grading")
	}
	if !strings.Contains(h.screen(), "Checking demo.go") {
		t.Fatalf("no spinner line:\n%s", h.screen())
	}
	h.send(fileChangedMsg{slug: l.Slug, hash: "aaa"}) // the same content again
	h.until("verdict", func(m *Model) bool { return m.job == nil })
	if n := g.calls.Load(); n != 1 {
		t.Fatalf("graded %d times, want 1", n)
	}
	s := h.screen()
	for _, want := range []string{"✗ Not yet: one problem", "test", "demo.go:5", "TestAnswer", "Answer() = 0, want 42", "d shows the test output"} {
		if !strings.Contains(s, want) {
			t.Errorf("verdict lacks %q:\n%s", want, s)
		}
	}
	if got := p.recorded(); len(got) != 1 || got[0] != l.Slug+":fail" {
		t.Fatalf("recorded %v", got)
	}
	h.send(fileChangedMsg{slug: l.Slug, hash: "aaa"}) // unchanged since the verdict
	if h.m.job != nil {
		t.Fatal("regraded an unchanged file")
	}
	// Another lesson's file: not graded, but mentioned.
	h.send(fileChangedMsg{slug: h.m.lessons[3].Slug, hash: "bbb"})
	if h.m.job != nil || !strings.Contains(h.m.status, "lesson 4") {
		t.Fatalf("other lesson: job=%v status=%q", h.m.job, h.m.status)
	}
	// The file vanished.
	h.send(fileChangedMsg{slug: l.Slug, hash: ""})
	if h.m.job != nil || !strings.Contains(h.m.status, "missing") {
		t.Fatalf("gone file: job=%v status=%q", h.m.job, h.m.status)
	}
}

func TestPassRecordsAndCongratulates(t *testing.T) {
	h, _, p := standard(t)
	h.size(100, 30)
	l := h.m.lesson()
	save(t, h.m.cfg.Root, l, fakeSolution)
	h.press("r")
	h.until("verdict", func(m *Model) bool { return m.job == nil })
	s := h.screen()
	for _, want := range []string{"✓ Passed", "1.2s", "Press n for lesson 2", "1/6 passed"} {
		if !strings.Contains(s, want) {
			t.Errorf("pass screen lacks %q:\n%s", want, s)
		}
	}
	if got := p.recorded(); len(got) != 1 || got[0] != l.Slug+":pass" {
		t.Fatalf("recorded %v", got)
	}
	if h.m.cur != 0 {
		t.Fatal("moved on without being asked")
	}
}

func TestErrorVerdictNotRecorded(t *testing.T) {
	var p = newFakeProgress(false)
	h, _, _ := standard(t, func(c *Config) {
		c.Progress = p
		c.Grade = func(context.Context, *lessons.Lesson) checker.Verdict {
			return checker.Verdict{Status: checker.StatusError, Failures: []checker.Failure{{Kind: "compile", Message: "the Go toolchain was not found"}}}
		}
	})
	h.size(100, 30)
	h.press("r")
	h.until("verdict", func(m *Model) bool { return m.job == nil })
	if s := h.screen(); !strings.Contains(s, "Could not check") || !strings.Contains(s, "toolchain") {
		t.Fatalf("error verdict:\n%s", s)
	}
	if got := p.recorded(); len(got) != 0 {
		t.Fatalf("an error was recorded as an attempt: %v", got)
	}
}

func TestEveryFailureKindShown(t *testing.T) {
	v := checker.Verdict{Status: checker.StatusFail, Duration: 3 * time.Second}
	for i, k := range lessons.Kinds {
		v.Failures = append(v.Failures, checker.Failure{Kind: k, Test: "TestX", Message: "message " + k, File: "exercises/01-busy-main/demo.go", Line: i + 1})
	}
	v.Output = strings.Repeat("output line\n", 200)
	h, _, _ := standard(t, func(c *Config) {
		c.Grade = func(context.Context, *lessons.Lesson) checker.Verdict { return v }
	})
	h.size(80, 24)
	h.press("r")
	h.until("verdict", func(m *Model) bool { return m.job == nil })
	full := ansi.Strip(strings.Join(h.m.panelLines(80), "\n"))
	for i, k := range lessons.Kinds {
		label := h.m.kindLabel(k)
		if !strings.Contains(full, label) || !strings.Contains(full, "message "+k) || !strings.Contains(full, "demo.go:"+string(rune('1'+i))) {
			t.Errorf("kind %s not shown:\n%s", k, full)
		}
	}
	// The panel never floods the screen: two fifths of the body at most, the
	// rest scrolls.
	if h.m.panelVP.Height() > 8 {
		t.Fatalf("panel is %d lines high at 80×24", h.m.panelVP.Height())
	}
	h.press("d") // details: the test output, in the (now focused, taller) panel
	if !h.m.details || !h.m.focusPanel {
		t.Fatal("d did not open the output")
	}
	if got := len(strings.Split(h.m.content(), "\n")); got != 24 {
		t.Fatalf("screen is %d lines", got)
	}
	before := h.m.panelVP.YOffset()
	h.press("pgdown")
	if h.m.panelVP.YOffset() <= before {
		t.Fatal("pgdown did not scroll the focused panel")
	}
	h.press("tab")
	if h.m.focusPanel {
		t.Fatal("tab did not give the keys back to the lesson")
	}
	h.press("esc")
	if h.m.details {
		t.Fatal("esc did not close the output")
	}
	h.press("L")
	if s := ansi.Strip(strings.Join(h.m.panelLines(80), "\n")); !strings.Contains(s, "数据竞争") || !strings.Contains(s, "泄漏") {
		t.Fatalf("kinds in Chinese:\n%s", s)
	}
}

func TestSaveDuringGradingCancelsIt(t *testing.T) {
	h, g, p := standard(t)
	g.block = make(chan struct{})
	h.size(100, 30)
	l := h.m.lesson()
	h.send(fileChangedMsg{slug: l.Slug, hash: "first"})
	first := h.m.job
	h.send(fileChangedMsg{slug: l.Slug, hash: "second"})
	if h.m.job == first || h.m.job.hash != "second" {
		t.Fatal("second save did not replace the grading")
	}
	close(g.block)
	h.until("verdict", func(m *Model) bool { return m.job == nil && m.verdicts[l.Slug] != nil })
	h.drain(50 * time.Millisecond)
	if vs := h.m.verdicts[l.Slug]; vs.hash != "second" {
		t.Fatalf("verdict for %q, want the latest save", vs.hash)
	}
	if got := p.recorded(); len(got) != 1 {
		t.Fatalf("recorded %v: the cancelled grading must not count", got)
	}
}

func TestListFilterAndJump(t *testing.T) {
	h, _, _ := standard(t, func(c *Config) { c.Progress = newFakeProgress(false, "01-busy-main") })
	h.size(100, 30)
	h.press("l")
	if h.m.screen != scrList {
		t.Fatal("l did not open the list")
	}
	s := h.screen()
	for _, want := range []string{"Lessons", "1 of 6 lessons passed", "✓ 01", "○ 02", fakeTitles[3][0]} {
		if !strings.Contains(s, want) {
			t.Errorf("list lacks %q:\n%s", want, s)
		}
	}
	h.press("/")
	h.typeText("forgotten")
	h.until("filtered", func(m *Model) bool { return len(m.list.list.VisibleItems()) == 1 })
	h.press("enter") // accept the filter
	h.press("enter") // open
	if h.m.screen != scrLesson || h.m.cur != 3 {
		t.Fatalf("enter: screen %d, lesson %d", h.m.screen, h.m.cur)
	}
	// Chinese titles filter too, and q types into the filter.
	h.press("l", "/")
	h.typeText("q")
	if h.m.screen != scrList {
		t.Fatal("q while filtering left the list")
	}
	h.press("esc") // cancel the filter
	h.press("esc") // close
	if h.m.screen != scrLesson {
		t.Fatal("esc did not close the list")
	}
	h.press("l", "/")
	h.typeText("超时")
	h.until("filtered", func(m *Model) bool { return len(m.list.list.VisibleItems()) == 1 })
	h.press("enter", "down", "enter")
	if h.m.cur != 3 {
		t.Fatalf("Chinese filter jumped to %d", h.m.cur)
	}
}

func TestResetConfirm(t *testing.T) {
	var resets atomic.Int32
	h, _, _ := standard(t, func(c *Config) {
		c.Reset = func(l *lessons.Lesson) (string, error) {
			resets.Add(1)
			return "/tmp/backup/" + l.File + ".bak", nil
		}
	})
	h.size(100, 30)
	h.press("x")
	if !h.m.confirmReset || !strings.Contains(h.screen(), "Reset exercises/01-busy-main/demo.go") {
		t.Fatalf("x did not ask:\n%s", h.screen())
	}
	h.press("n")
	if h.m.confirmReset || !strings.Contains(h.m.status, "Kept") {
		t.Fatal("n did not cancel")
	}
	h.press("x", "j") // other keys do nothing while asking
	if !h.m.confirmReset {
		t.Fatal("question vanished")
	}
	h.press("y")
	h.until("reset", func(m *Model) bool { return strings.Contains(h.screen(), "Restored the starter") })
	if resets.Load() != 1 || !strings.Contains(h.screen(), "/tmp/backup/demo.go.bak") {
		t.Fatalf("resets=%d screen:\n%s", resets.Load(), h.screen())
	}

	h2, _, _ := standard(t, func(c *Config) {
		c.Reset = func(*lessons.Lesson) (string, error) { return "", errors.New("disk full") }
	})
	h2.size(100, 30)
	h2.press("x", "y")
	h2.until("failure", func(m *Model) bool { return strings.Contains(m.status, "disk full") })
}

func TestSolutionRefusedThenShown(t *testing.T) {
	h, _, _ := standard(t)
	h.size(100, 30)
	h.press("s")
	if h.m.screen != scrLesson || !strings.Contains(h.m.status, "once you pass") {
		t.Fatalf("s before passing: screen %d status %q", h.m.screen, h.m.status)
	}
	save(t, h.m.cfg.Root, h.m.lesson(), fakeSolution+"\n// my note\n")
	h.press("r")
	h.until("pass", func(m *Model) bool { return m.job == nil })
	h.press("s")
	if h.m.screen != scrSolution {
		t.Fatal("s after passing did not open the solution")
	}
	h.until("loaded", func(m *Model) bool { return m.sol.ready })
	s := h.screen()
	for _, want := range []string{"Reference solution: lesson 1", "--- yours/demo.go", "+++ solution/demo.go", "-// my note"} {
		if !strings.Contains(s, want) {
			t.Errorf("diff lacks %q:\n%s", want, s)
		}
	}
	h.press("tab")
	if !h.m.sol.full || strings.Contains(h.screen(), "+++") {
		t.Fatalf("tab: full=%v\n%s", h.m.sol.full, h.screen())
	}
	h.size(140, 30) // wide: side by side
	if s := h.screen(); strings.Count(s, "return 42") != 2 {
		t.Fatalf("side by side:\n%s", s)
	}
	h.press("L")
	if !strings.Contains(h.screen(), "参考答案") {
		t.Fatalf("solution in Chinese:\n%s", h.screen())
	}
	h.press("esc")
	if h.m.screen != scrLesson {
		t.Fatal("esc did not close the solution")
	}
}

func TestHelpScreen(t *testing.T) {
	h, _, _ := standard(t)
	h.size(100, 30)
	if s := h.screen(); !strings.Contains(s, "n next") || !strings.Contains(s, "? keys") {
		t.Fatalf("footer:\n%s", s)
	}
	h.press("?")
	s := h.screen()
	for _, want := range []string{"Keys", "solution", "reset exercise", "中文", "test output", "shift"} {
		if !strings.Contains(s, want) {
			t.Errorf("help lacks %q:\n%s", want, s)
		}
	}
	h.press("L")
	if s := h.screen(); !strings.Contains(s, "参考答案") || !strings.Contains(s, "English") {
		t.Fatalf("help in Chinese:\n%s", s)
	}
	h.press("?")
	if h.m.screen != scrLesson {
		t.Fatal("? did not close the help")
	}
}

func TestEditorKey(t *testing.T) {
	h, _, _ := standard(t)
	h.size(100, 30)
	h.press("e")
	if !strings.Contains(h.m.status, "No editor") || !strings.Contains(h.m.status, "demo.go") {
		t.Fatalf("no editor: status %q", h.m.status)
	}
	h2, _, _ := standard(t, func(c *Config) { c.Editor = "myeditor --wait" })
	h2.size(100, 30)
	_, cmd := h2.m.Update(keyMsg("e"))
	if cmd == nil {
		t.Fatal("e with an editor returned no command")
	}
	// Back from the editor: the file is checked.
	h2.send(editorDoneMsg{slug: h2.m.lesson().Slug})
	h2.until("grading", func(m *Model) bool { return m.job != nil || m.verdicts[m.lesson().Slug] != nil })
}

func TestQuitKeys(t *testing.T) {
	for _, k := range []string{"q", "ctrl+c"} {
		h, _, _ := standard(t)
		h.size(80, 24)
		_, cmd := h.m.Update(keyMsg(k))
		if cmd == nil {
			t.Fatalf("%s: no command", k)
		}
		if _, ok := cmd().(tea.QuitMsg); !ok {
			t.Fatalf("%s did not quit", k)
		}
		if h.m.sup.ctx.Err() == nil {
			t.Fatalf("%s did not cancel background work", k)
		}
	}
}

func TestMouseWheelScrollsThePaneUnderIt(t *testing.T) {
	h, _, _ := standard(t)
	h.size(80, 24)
	h.until("rendered", func(*Model) bool { return h.rendered() })
	h.send(tea.MouseWheelMsg{Button: tea.MouseWheelDown, Y: 5})
	if h.m.lessonVP.YOffset() == 0 {
		t.Fatal("wheel over the lesson did not scroll it")
	}
	h.press("pgdown")
	if h.m.lessonVP.YOffset() <= 3 {
		t.Fatal("pgdown did not scroll the lesson")
	}
	h.press("g")
	if h.m.lessonVP.YOffset() != 0 {
		t.Fatal("g did not go to the top")
	}
}

func TestBackgroundColour(t *testing.T) {
	h, _, _ := standard(t)
	h.size(80, 24)
	h.until("rendered", func(*Model) bool { return h.rendered() })
	h.send(tea.BackgroundColorMsg{Color: lightColour{}})
	if h.m.dark || h.m.st.dark {
		t.Fatal("light background not noticed")
	}
	h.until("light rendering", func(*Model) bool { return h.rendered() && !h.m.shownKey.dark })
}

type lightColour struct{}

func (lightColour) RGBA() (r, g, b, a uint32) { return 0xffff, 0xffff, 0xffff, 0xffff }

func TestRunWithoutTerminal(t *testing.T) {
	old := isTerminal
	isTerminal = func() bool { return false }
	defer func() { isTerminal = old }()
	err := Run(context.Background(), Config{Catalog: fakeCatalog(t)})
	if !errors.Is(err, ErrNotTTY) {
		t.Fatalf("Run = %v, want ErrNotTTY", err)
	}
	for _, want := range []string{"gocourse list", "gocourse check N"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("message lacks %q", want)
		}
	}
}

func TestWarmAtStartCancelledByGrading(t *testing.T) {
	started := make(chan string, 10)
	var cancelled atomic.Int32
	h, _, _ := standard(t, func(c *Config) {
		c.Warm = func(ctx context.Context, l *lessons.Lesson) {
			started <- l.Slug + ":" + LangFrom(ctx)
			<-ctx.Done()
			cancelled.Add(1)
		}
	})
	h.size(80, 24)
	select {
	case s := <-started:
		if s != "01-busy-main:en" {
			t.Fatalf("warmed %s", s)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("no warm-up")
	}
	h.press("r")
	h.until("warm-up cancelled", func(*Model) bool { return cancelled.Load() == 1 })
	h.until("verdict", func(m *Model) bool { return m.job == nil })
	h.press("n") // lesson 2 is cold: warm it
	select {
	case s := <-started:
		if s != "02-two-listeners:en" {
			t.Fatalf("warmed %s", s)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("no warm-up for lesson 2")
	}
	h.press("p") // lesson 1 was graded: warm already
	select {
	case s := <-started:
		t.Fatalf("warmed %s again", s)
	case <-time.After(50 * time.Millisecond):
	}
}

func TestExpandTabs(t *testing.T) {
	for in, want := range map[string]string{
		"\tx":       "    x",
		"ab\tc":     "ab  c",
		"abcd\te":   "abcd    e",
		"中\tx":      "中  x",
		"a\n\tb\tc": "a\n    b   c",
	} {
		if got := expandTabs(in, 4); got != want {
			t.Errorf("expandTabs(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestRenderedCodeKeepsIndentation(t *testing.T) {
	out, err := renderMarkdown(fakeMarkdown(1, "en"), 60, true)
	if err != nil {
		t.Fatal(err)
	}
	plain := ansi.Strip(out)
	if !strings.Contains(plain, "        return 42") {
		t.Fatalf("code indentation lost:\n%s", plain)
	}
	for _, l := range strings.Split(out, "\n") {
		if w := ansi.StringWidth(l); w > 60 {
			t.Errorf("line %d wide: %q", w, ansi.Strip(l))
		}
	}
	zh, err := renderMarkdown(fakeMarkdown(1, "zh"), 40, true)
	if err != nil {
		t.Fatal(err)
	}
	for _, l := range strings.Split(zh, "\n") {
		if w := ansi.StringWidth(l); w > 40 {
			t.Errorf("Chinese line %d wide: %q", w, ansi.Strip(l))
		}
	}
}

func TestExerciseLinkIsOSC8(t *testing.T) {
	h, _, _ := standard(t)
	h.size(100, 30)
	want := "file://" + h.m.cfg.Root + "/exercises/01-busy-main/demo.go"
	if !strings.Contains(h.m.content(), "\x1b]8;") || !strings.Contains(h.m.content(), want) {
		t.Fatalf("no OSC 8 link to %s in %q", want, h.m.headerView())
	}
}
