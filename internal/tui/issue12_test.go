package tui

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/charmbracelet/x/ansi"

	"github.com/gocourse/gocourse/checker"
	"github.com/gocourse/gocourse/lessons"
)

// Tests for the TUI items of issue 12 (6, 8, 10, 11).

func verdictDone(m *Model) bool { return m.job == nil && m.verdicts[m.lesson().Slug] != nil }

// joined is the screen with line breaks and indentation gone, to find a
// sentence the panel wrapped.
func joined(s string) string {
	var b strings.Builder
	for _, l := range strings.Split(s, "\n") {
		b.WriteString(strings.TrimSpace(l))
	}
	return b.String()
}

// Item 6: saving another file of the exercise folder regrades.
func TestHelperSaveRegrades(t *testing.T) {
	h, g, _ := standard(t)
	h.size(100, 30)
	h.until("the watcher", func(m *Model) bool { return m.watching })
	l := h.m.lesson()
	save(t, h.m.cfg.Root, l, fakeSolution)
	h.until("the pass", func(m *Model) bool { return verdictDone(m) && m.verdicts[l.Slug].v.OK() })
	n := g.calls.Load()
	helper := filepath.Join(h.m.cfg.Root, filepath.FromSlash(l.ExerciseDir()), "helper.go")
	if err := os.WriteFile(helper, []byte("package demo\n\nfunc broken( {\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	h.until("a grading of the folder", func(m *Model) bool { return g.calls.Load() > n && m.job == nil })
	// The idle text says which files count.
	h.press("n")
	if s := joined(h.screen()); !strings.Contains(s, "or any .go file beside it") || !strings.Contains(s, "_test.go files are not graded") {
		t.Fatalf("the idle text does not say which files are graded:\n%s", h.screen())
	}
}

// Item 8: what no longer holds goes.
func TestStaleNotesCleared(t *testing.T) {
	var backupDir string
	h, _, _ := standard(t, func(c *Config) {
		backupDir = filepath.Join(c.Root, ".gocourse", "backups", "01-busy-main", "20261201-235959.000")
		c.Reset = func(l *lessons.Lesson) (string, error) {
			if err := os.MkdirAll(backupDir, 0o755); err != nil {
				return "", err
			}
			return backupDir, nil
		}
	})
	h.size(60, 20)
	l := h.m.lesson()

	// The solution is refused; the pass that follows (no key pressed)
	// takes the refusal away, and the hint with it.
	h.press("h", "h", "s")
	if !strings.Contains(h.m.status, "once you pass") || !strings.Contains(h.screen(), "Hint 2/2") {
		t.Fatalf("status %q, screen:\n%s", h.m.status, h.screen())
	}
	p := h.m.exerciseAbs(l)
	save(t, h.m.cfg.Root, l, fakeSolution)
	solved := exerciseHash(filepath.Dir(p), p)
	h.send(fileChangedMsg{slug: l.Slug, hash: solved}) // the watcher's own is the same
	h.until("the pass", func(m *Model) bool { return verdictDone(m) && m.verdicts[l.Slug].hash == solved })
	if s := h.screen(); h.m.status != "" || strings.Contains(s, "once you pass") || strings.Contains(s, "Hint 2/2") {
		t.Fatalf("after the pass: status %q, screen:\n%s", h.m.status, s)
	}
	h.press("h") // the same hint again, not the next
	if !strings.Contains(h.screen(), "Hint 2/2") {
		t.Fatalf("h after the pass:\n%s", h.screen())
	}

	// A reset: the backup's path whole at 60 columns, until the file
	// changes again.
	h.press("x", "y")
	h.until("the reset", func(m *Model) bool { _, ok := m.resets[l.Slug]; return ok })
	want := ".gocourse/backups/01-busy-main/20261201-235959.000/"
	if s := joined(h.screen()); !strings.Contains(s, "Restored the starter") || !strings.Contains(s, want) {
		t.Fatalf("the reset note lacks the whole path %s:\n%s", want, h.screen())
	}
	for _, line := range strings.Split(h.m.content(), "\n") {
		if w := ansi.StringWidth(line); w > 60 {
			t.Fatalf("line %d wide: %q", w, ansi.Strip(line))
		}
	}
	after := h.m.resets[l.Slug].hash
	h.send(fileChangedMsg{slug: l.Slug, hash: after}) // the starter graded: still true
	h.until("the starter's verdict", verdictDone)
	if !strings.Contains(joined(h.screen()), "Restored the starter") {
		t.Fatalf("the note went while the file is still the starter:\n%s", h.screen())
	}
	// Status lines a later verdict makes old news.
	h.press("p")
	if !strings.Contains(h.m.status, "first lesson") {
		t.Fatalf("status %q", h.m.status)
	}
	save(t, h.m.cfg.Root, l, fakeSolution+"// edited\n")
	edited := exerciseHash(filepath.Dir(p), p)
	h.send(fileChangedMsg{slug: l.Slug, hash: edited})
	h.until("the next verdict", func(m *Model) bool { return verdictDone(m) && m.verdicts[l.Slug].hash == edited })
	if s := h.screen(); strings.Contains(s, "Restored the starter") || h.m.status != "" {
		t.Fatalf("after an edit: status %q, screen:\n%s", h.m.status, s)
	}
}

// Item 8, with a verdict that fails: an old hint folds away when the file
// changed, and stays when the same file is checked again.
func TestHintFoldsOnNewVersion(t *testing.T) {
	h, _, _ := standard(t)
	h.size(100, 30)
	l := h.m.lesson()
	p := h.m.exerciseAbs(l)
	h.send(fileChangedMsg{slug: l.Slug, hash: exerciseHash(filepath.Dir(p), p)})
	h.until("verdict", verdictDone)
	h.press("h")
	h.press("r") // the same version again
	h.until("verdict", verdictDone)
	if !strings.Contains(h.screen(), "Hint 1/2") {
		t.Fatalf("the hint went on a re-check of the same file:\n%s", h.screen())
	}
	h.send(fileChangedMsg{slug: l.Slug, hash: "v2"})
	h.until("verdict", func(m *Model) bool { return verdictDone(m) && m.verdicts[l.Slug].hash == "v2" })
	if strings.Contains(h.screen(), "Hint 1/2") {
		t.Fatalf("an old hint stays under a new verdict:\n%s", h.screen())
	}
}

// Item 11: ? and q stay in the key bar at 60×20, in both languages.
func TestKeyBarKeepsHelpAndQuit(t *testing.T) {
	for _, lang := range []string{"en", "zh"} {
		h, _, _ := standard(t, func(c *Config) { c.Lang = lang })
		for _, w := range []int{60, 70, 80} {
			h.size(w, 20)
			lines := strings.Split(h.screen(), "\n")
			bar := lines[len(lines)-1]
			if !strings.Contains(bar, "? ") || !strings.Contains(bar, "q ") || ansi.StringWidth(bar) > w {
				t.Errorf("%s at %d: key bar %q", lang, w, bar)
			}
		}
	}
}

// tenLessons is the fake catalog grown to ten lessons, the third about
// servers.
func tenLessons(t *testing.T) *lessons.Catalog {
	c := fakeCatalog(t)
	for n := 7; n <= 10; n++ {
		l := *c.Lessons[n%6]
		l.Number, l.Slug = n, fmt.Sprintf("%02d-extra", n)
		l.Title = lessons.Text{EN: fmt.Sprintf("Extra lesson %d", n), ZH: fmt.Sprintf("附加第 %d 课", n)}
		c.Lessons = append(c.Lessons, &l)
	}
	c.Lessons[2].Summary = lessons.Text{EN: "Stop two servers cleanly.", ZH: "干净地停止两个服务器。"}
	return c
}

// Item 11: the filter matches summaries; ten lessons fit on one page at
// 60×20 (titles only) and at 100×30 (with summaries).
func TestListTenLessonsAndSummaryFilter(t *testing.T) {
	c := tenLessons(t)
	h := newHarness(t, Config{Catalog: c, Root: t.TempDir(), Lang: "en"})
	for _, sz := range [][2]int{{60, 20}, {100, 30}} {
		h.size(sz[0], sz[1])
		h.press("l")
		s := h.screen()
		if !strings.Contains(s, "Extra lesson 10") || !strings.Contains(s, fakeTitles[0][0][:20]) || h.m.list.list.Paginator.TotalPages != 1 {
			t.Errorf("%v: not all ten lessons on one page:\n%s", sz, s)
		}
		if got := strings.Contains(s, "Stop two servers"); got != (sz[1] == 30) {
			t.Errorf("%v: summaries shown = %v:\n%s", sz, got, s)
		}
		if n := len(strings.Split(h.m.content(), "\n")); n > sz[1] {
			t.Errorf("%v: the list is %d lines", sz, n)
		}
		h.press("esc")
	}
	h.press("l", "/")
	h.typeText("serv")
	h.until("filtered", func(m *Model) bool { return len(m.list.list.VisibleItems()) == 1 })
	if s := h.screen(); !strings.Contains(s, "9 not matching") {
		t.Errorf("status bar of the filtered list:\n%s", s)
	}
	h.press("enter", "enter")
	if h.m.cur != 2 {
		t.Fatalf(`"serv" opened lesson index %d, want 2`, h.m.cur)
	}
	h.press("L", "l", "/")
	h.typeText("服务器")
	h.until("filtered", func(m *Model) bool { return len(m.list.list.VisibleItems()) == 1 })
	if s := h.screen(); !strings.Contains(s, "9 课不匹配") {
		t.Errorf("status bar of the filtered list in Chinese:\n%s", s)
	}
}

// Item 11: a restart opens the lesson last viewed.
func TestRestartOpensLastLesson(t *testing.T) {
	c := fakeCatalog(t)
	root := workspace(t, c)
	h := newHarness(t, Config{Catalog: c, Root: root, Lang: "en"})
	h.size(80, 24)
	h.press("n", "n", "n")
	for deadline := time.Now().Add(5 * time.Second); lastLesson(root) != c.Lessons[3].Slug; time.Sleep(5 * time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatalf("the state file says %q", lastLesson(root))
		}
	}
	m := New(context.Background(), Config{Catalog: c, Root: root, Lang: "en"})
	defer m.shutdown()
	if m.cur != 3 {
		t.Fatalf("restart opened lesson index %d, want 3", m.cur)
	}
	if err := h.m.shutdown(); err != nil { // no write left in flight
		t.Fatal(err)
	}
	// A file naming no lesson (renamed since) falls back to the first unfinished.
	if err := os.WriteFile(statePath(root), []byte(`{"lesson":"99-gone"}`), 0o644); err != nil {
		t.Fatal(err)
	}
	m2 := New(context.Background(), Config{Catalog: c, Root: root, Lang: "en"})
	defer m2.shutdown()
	if m2.cur != 0 {
		t.Fatalf("unknown lesson: opened %d", m2.cur)
	}
}

// Item 11: d shows the kit's failure messages, not its JSON lines.
func TestDetailsShowMessages(t *testing.T) {
	out := "=== RUN   TestRun\n" +
		`    l01_run_test.go:42: GOCOURSE-FAILURE {"kind":"leak","file":"/tmp/x/main.go","line":17,"en":"run returned but its goroutine is still running","zh":"run 返回了，但它启动的 goroutine 还在运行"}` + "\n" +
		"--- FAIL: TestRun (0.01s)\nFAIL\n"
	h, _, _ := standard(t, func(c *Config) {
		c.Grade = func(context.Context, *lessons.Lesson) checker.Verdict {
			return checker.Verdict{Status: checker.StatusFail, Output: out,
				Failures: []checker.Failure{{Kind: "leak", Message: "leaked"}}}
		}
	})
	h.size(100, 30)
	h.press("r")
	h.until("verdict", verdictDone)
	h.press("d")
	s := h.screen()
	if strings.Contains(s, "GOCOURSE-FAILURE") || !strings.Contains(s, "main.go:17: run returned but its goroutine is still running") {
		t.Fatalf("d view:\n%s", s)
	}
	h.press("L")
	h.until("Chinese verdict", verdictDone)
	h.press("d")
	if s := h.screen(); !strings.Contains(s, "run 返回了") {
		t.Fatalf("d view in Chinese:\n%s", s)
	}
}

// Item 11: hints are markdown: headings without #, code without backticks,
// and a Chinese paragraph broken over lines without a stray space.
func TestHintMarkdown(t *testing.T) {
	c := fakeCatalog(t)
	c.Lessons[0].Hints = []lessons.Text{
		{EN: "## Why it hangs\n\nNothing closes `done`:\ncall `close(done)` when\nthe work ends.",
			ZH: "## 为什么会卡住\n\n没有人关闭 `done`：工作结束\n时调用 `close(done)`。"},
		{EN: "Second.", ZH: "第二条。"},
	}
	h := newHarness(t, Config{Catalog: c, Root: workspace(t, c), Lang: "en"})
	h.size(100, 30)
	h.press("h")
	s := h.screen()
	if strings.Contains(s, "##") || strings.Contains(s, "`") || !strings.Contains(s, "Why it hangs") ||
		!strings.Contains(s, "Nothing closes done: call close(done) when the work ends.") {
		t.Fatalf("hint:\n%s", s)
	}
	h.press("L")
	if s := h.screen(); !strings.Contains(s, "工作结束时调用 close(done)。") || strings.Contains(s, "##") {
		t.Fatalf("hint in Chinese:\n%s", s)
	}
}

// Item 10: a cold warm-up says what it builds and how far it is, and a
// check asked for meanwhile waits for it instead of building beside it.
func TestColdWarmUpShowsProgressAndQueuesTheCheck(t *testing.T) {
	step := make(chan struct{})
	h, g, _ := standard(t, func(c *Config) {
		c.Warm = func(ctx context.Context, l *lessons.Lesson) {
			report := WarmReporter(ctx)
			report(0, 200)
			for _, n := range []int{120, 200} {
				select {
				case <-step:
				case <-ctx.Done():
					return
				}
				report(n, 200)
			}
			<-step
		}
	})
	h.size(100, 30)
	h.until("the build on screen", func(*Model) bool { return strings.Contains(h.screen(), "0/200") })
	s := joined(h.screen())
	if !strings.Contains(s, "building the race-enabled standard library") || !strings.Contains(s, "building the race-enabled std library 0/200") {
		t.Fatalf("cold warm-up:\n%s", h.screen())
	}
	step <- struct{}{}
	h.until("progress", func(*Model) bool { return strings.Contains(h.screen(), "120/200") })
	h.press("r")
	if h.m.job != nil || !h.m.queued || !strings.Contains(joined(h.screen()), "Your check starts as soon as it is done") {
		t.Fatalf("r during the cold build: job %v queued %v\n%s", h.m.job, h.m.queued, h.screen())
	}
	if g.calls.Load() != 0 {
		t.Fatal("graded beside the build")
	}
	step <- struct{}{}
	step <- struct{}{}
	h.until("the queued check's verdict", verdictDone)
	if g.calls.Load() != 1 || strings.Contains(h.screen(), "200/200") {
		t.Fatalf("calls %d, screen:\n%s", g.calls.Load(), h.screen())
	}
}
