package tui

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"testing/fstest"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/gocourse/gocourse/checker"
	"github.com/gocourse/gocourse/lessons"
)

// The fake course: six lessons shaped like the real ones, each asking for a
// function that returns 42.

var fakeTitles = [6][2]string{
	{"Keep yourself busy, or do the work yourself", "让自己忙起来，或者亲自干活"},
	{"Never start a goroutine without knowing when it will stop", "启动 goroutine 之前，先想好它何时停止"},
	{"The done/stop pattern", "done/stop 模式"},
	{"Timeouts, and the forgotten sender", "超时，以及被遗忘的发送者"},
	{"Leave concurrency to the caller", "把并发留给调用者"},
	{"Incomplete work", "未完成的工作"},
}

const fakeStarter = "package demo\n\n// Answer returns the answer.\nfunc Answer() int {\n\treturn 0\n}\n"
const fakeSolution = "package demo\n\n// Answer returns the answer.\nfunc Answer() int {\n\treturn 42\n}\n"

func fakeMarkdown(n int, lang string) string {
	title := fakeTitles[n-1][0]
	body := "A goroutine you start is a goroutine you own: know when it stops, and how. " +
		"This paragraph is long enough to be wrapped at every width the tests use, so the golden files show the wrapping."
	if lang == "zh" {
		title = fakeTitles[n-1][1]
		body = "你启动的每一个 goroutine 都归你负责：要知道它什么时候停止、怎样停止。这一段中文故意写得很长，没有空格，用来检查在各种宽度下都能正确换行，不会超出屏幕右边缘。"
	}
	return fmt.Sprintf("# %s\n\n%s\n\n```go\nfunc Answer() int {\n\tif true {\n\t\treturn 42\n\t}\n\treturn 0\n}\n```\n\n## %s\n\n- one\n- two\n\n%s\n", title, body, "Exercise", strings.Repeat(body+"\n\n", 3))
}

func fakeFS(n int) fstest.MapFS {
	fsys := fstest.MapFS{}
	words := []string{"busy-main", "two-listeners", "done-stop", "search-timeout", "directory-callback", "tracker"}
	for i := 1; i <= n; i++ {
		slug := fmt.Sprintf("%02d-%s", i, words[i-1])
		manifest := fmt.Sprintf(`number = %d
slug = %q
package = "demo"
file = "demo.go"
leak = "goleak"

[title]
en = %q
zh = %q

[summary]
en = "Summary of lesson %d."
zh = "第 %d 课的概要。"

[[hints]]
en = "First hint of lesson %d: think about who stops the goroutine."
zh = "第 %d 课的第一条提示：想想谁来停止这个 goroutine。"

[[hints]]
en = "Second hint of lesson %d: return 42."
zh = "第 %d 课的第二条提示：返回 42。"
`, i, slug, fakeTitles[i-1][0], fakeTitles[i-1][1], i, i, i, i, i, i)
		fsys["lessons/"+slug+".toml"] = &fstest.MapFile{Data: []byte(manifest)}
		fsys["content/en/"+slug+".md"] = &fstest.MapFile{Data: []byte(fakeMarkdown(i, "en"))}
		fsys["content/zh/"+slug+".md"] = &fstest.MapFile{Data: []byte(fakeMarkdown(i, "zh"))}
		fsys["exercises/"+slug+"/demo.go"] = &fstest.MapFile{Data: []byte(fakeStarter)}
		fsys["solutions/"+slug+"/demo.go"] = &fstest.MapFile{Data: []byte(fakeSolution)}
		fsys["checker/testdata/hidden/"+slug+"/demo_test.go"] = &fstest.MapFile{
			Data: []byte("package demo\n\nimport \"testing\"\n\nfunc TestAnswer(t *testing.T) {}\n")}
	}
	return fsys
}

func fakeCatalog(t testing.TB) *lessons.Catalog {
	t.Helper()
	c, err := lessons.Load(fakeFS(6))
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// workspace writes every starter into a temporary directory.
func workspace(t testing.TB, c *lessons.Catalog) string {
	t.Helper()
	root := t.TempDir()
	for _, l := range c.Lessons {
		p := filepath.Join(root, filepath.FromSlash(l.ExercisePath()))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(fakeStarter), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return root
}

// save writes an exercise file the way vim does: a new file renamed over
// the old one.
func save(t testing.TB, root string, l *lessons.Lesson, content string) {
	t.Helper()
	p := filepath.Join(root, filepath.FromSlash(l.ExercisePath()))
	tmp := p + ".swp~"
	if err := os.WriteFile(tmp, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Rename(tmp, p); err != nil {
		t.Fatal(err)
	}
}

// fakeProgress is an in-memory Progress that counts what it is told.
type fakeProgress struct {
	mu      sync.Mutex
	passed  map[string]bool
	first   bool
	records []string // "slug:status"
}

func newFakeProgress(first bool, passed ...string) *fakeProgress {
	p := &fakeProgress{passed: map[string]bool{}, first: first}
	for _, s := range passed {
		p.passed[s] = true
	}
	return p
}

func (p *fakeProgress) Passed(slug string) bool {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.passed[slug]
}

func (p *fakeProgress) FirstRun() bool { return p.first }

func (p *fakeProgress) Record(slug string, v checker.Verdict) error {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.records = append(p.records, slug+":"+v.Status)
	if v.OK() {
		p.passed[slug] = true
	}
	return nil
}

func (p *fakeProgress) recorded() []string {
	p.mu.Lock()
	defer p.mu.Unlock()
	return append([]string(nil), p.records...)
}

// fakeGrader passes a file that returns 42 and fails anything else, pointing
// at line 5. It counts its calls and remembers the language it was asked for.
type fakeGrader struct {
	root  string
	calls atomic.Int32
	langs sync.Map // slug -> last lang
	// block, when set, makes grading wait for it (or for cancellation).
	block chan struct{}
}

func (g *fakeGrader) grade(ctx context.Context, l *lessons.Lesson) checker.Verdict {
	g.calls.Add(1)
	g.langs.Store(l.Slug, LangFrom(ctx))
	if g.block != nil {
		select {
		case <-g.block:
		case <-ctx.Done():
			return checker.Verdict{Lesson: l.Slug, Status: checker.StatusError}
		}
	}
	data, err := os.ReadFile(filepath.Join(g.root, filepath.FromSlash(l.ExercisePath())))
	if err != nil {
		return checker.Verdict{Lesson: l.Slug, Status: checker.StatusError,
			Failures: []checker.Failure{{Kind: "compile", Message: err.Error()}}}
	}
	if strings.Contains(string(data), "return 42") {
		return checker.Verdict{Lesson: l.Slug, Status: checker.StatusPass, Duration: 1200 * time.Millisecond}
	}
	msg := "Answer() = 0, want 42"
	if LangFrom(ctx) == "zh" {
		msg = "Answer() 返回 0，应当返回 42"
	}
	return checker.Verdict{Lesson: l.Slug, Status: checker.StatusFail, Duration: 900 * time.Millisecond,
		Failures: []checker.Failure{{Kind: "test", Test: "TestAnswer", Message: msg, File: l.ExercisePath(), Line: 5}},
		Output:   "--- FAIL: TestAnswer (0.00s)\n    demo_test.go:5: " + msg + "\nFAIL\n"}
}

// harness drives a Model without a Program: it runs the commands Update
// returns in goroutines and feeds their messages back, like Bubble Tea does.
type harness struct {
	t    testing.TB
	m    *Model
	msgs chan tea.Msg
}

func newHarness(t testing.TB, cfg Config) *harness {
	t.Helper()
	h := &harness{t: t, m: New(context.Background(), cfg), msgs: make(chan tea.Msg, 1024)}
	t.Cleanup(func() {
		if err := h.m.shutdown(); err != nil {
			t.Error(err)
		}
	})
	h.run(h.m.Init())
	return h
}

func (h *harness) run(cmd tea.Cmd) {
	if cmd == nil {
		return
	}
	go func() {
		msg := cmd()
		if b, ok := msg.(tea.BatchMsg); ok {
			for _, c := range b {
				h.run(c)
			}
			return
		}
		if msg != nil {
			select {
			case h.msgs <- msg:
			default:
			}
		}
	}()
}

// send updates the model with msg and runs the command it returns.
func (h *harness) send(msg tea.Msg) {
	h.t.Helper()
	_, cmd := h.m.Update(msg)
	h.run(cmd)
}

func (h *harness) size(w, hgt int) { h.send(tea.WindowSizeMsg{Width: w, Height: hgt}) }

// press sends key presses: "n", "L", "enter", "esc", "tab", "ctrl+c", "up"…
func (h *harness) press(keys ...string) {
	h.t.Helper()
	for _, k := range keys {
		if k == "" {
			continue
		}
		h.send(keyMsg(k))
	}
}

func keyMsg(k string) tea.KeyPressMsg {
	switch k {
	case "enter":
		return tea.KeyPressMsg{Code: tea.KeyEnter}
	case "esc":
		return tea.KeyPressMsg{Code: tea.KeyEscape}
	case "tab":
		return tea.KeyPressMsg{Code: tea.KeyTab}
	case "up":
		return tea.KeyPressMsg{Code: tea.KeyUp}
	case "down":
		return tea.KeyPressMsg{Code: tea.KeyDown}
	case "pgdown":
		return tea.KeyPressMsg{Code: tea.KeyPgDown}
	case "ctrl+c":
		return tea.KeyPressMsg{Code: 'c', Mod: tea.ModCtrl}
	}
	r := []rune(k)[0]
	if r >= 'A' && r <= 'Z' {
		return tea.KeyPressMsg{Code: r + 'a' - 'A', ShiftedCode: r, Mod: tea.ModShift, Text: k}
	}
	return tea.KeyPressMsg{Code: r, Text: k}
}

// typeText sends each rune as a key press.
func (h *harness) typeText(s string) {
	for _, r := range s {
		h.send(tea.KeyPressMsg{Code: r, Text: string(r)})
	}
}

// until feeds messages to the model until cond holds (or fails the test).
func (h *harness) until(what string, cond func(m *Model) bool) {
	h.t.Helper()
	deadline := time.After(5 * time.Second)
	for !cond(h.m) {
		select {
		case msg := <-h.msgs:
			h.send(msg)
		case <-deadline:
			h.t.Fatalf("timed out waiting for %s; screen:\n%s", what, h.screen())
		}
	}
}

// drain feeds the messages that arrive within d.
func (h *harness) drain(d time.Duration) {
	h.t.Helper()
	timeout := time.After(d)
	for {
		select {
		case msg := <-h.msgs:
			h.send(msg)
		case <-timeout:
			return
		}
	}
}

// screen is the view without styling.
func (h *harness) screen() string { return ansi.Strip(h.m.content()) }

func (h *harness) rendered() bool { return h.m.shownKey == h.m.wantKey() && h.m.shownKey.slug != "" }

// standard builds the usual harness: fake catalog, workspace, fake grader.
func standard(t testing.TB, opts ...func(*Config)) (*harness, *fakeGrader, *fakeProgress) {
	t.Helper()
	c := fakeCatalog(t)
	root := workspace(t, c)
	g := &fakeGrader{root: root}
	p := newFakeProgress(false)
	cfg := Config{Catalog: c, Root: root, Lang: "en", Grade: g.grade, Progress: p}
	for _, o := range opts {
		o(&cfg)
	}
	if fp, ok := cfg.Progress.(*fakeProgress); ok {
		p = fp
	}
	h := newHarness(t, cfg)
	return h, g, p
}
