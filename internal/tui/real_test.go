package tui

import (
	"context"
	"io/fs"
	"os"
	"os/exec"
	"path"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/exp/teatest/v2"

	"github.com/gocourse/gocourse/checker"
	"github.com/gocourse/gocourse/lessons"
)

// These tests use the real course in the repository, as far as it is
// written: they skip what is not there yet.

func repoRoot(t testing.TB) string {
	t.Helper()
	dir, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			t.Skip("no go.mod above the test")
		}
		dir = parent
	}
}

// realLessonsOrNil is realLessons without skipping.
func realLessonsOrNil(t testing.TB) (fs.FS, []*lessons.Lesson) {
	fsys := os.DirFS(repoRoot(t))
	c, err := lessons.Load(fsys)
	if c == nil {
		return nil, nil
	}
	var ok []*lessons.Lesson
	for _, l := range c.Lessons {
		if err == nil || !strings.Contains(err.Error(), l.Manifest+":") {
			ok = append(ok, l)
		}
	}
	return fsys, ok
}

// realLessons loads the catalog from the repository and keeps the lessons
// whose own manifest has no problem (others may still be being written).
func realLessons(t testing.TB) (fs.FS, []*lessons.Lesson) {
	t.Helper()
	fsys, ok := realLessonsOrNil(t)
	if len(ok) == 0 {
		t.Skip("no complete lesson in the repository yet")
	}
	return fsys, ok
}

// Every real lesson renders inside the width, in both languages, with its
// code blocks' tabs expanded.
func TestRealLessonsRender(t *testing.T) {
	fsys, ls := realLessons(t)
	rc := newRenderCache(fsys)
	for _, l := range ls {
		for _, lang := range lessons.Languages {
			t.Run(l.Slug+"_"+lang, func(t *testing.T) {
				t.Parallel()
				// The narrowest window (60 columns) is where lines overflow.
				w := minWidth
				out, err := rc.render(l, renderKey{slug: l.Slug, lang: lang, width: w, dark: true})
				if err != nil {
					t.Fatalf("%s %s: %v", l.Slug, lang, err)
				}
				for i, line := range strings.Split(out, "\n") {
					if sw := ansi.StringWidth(line); sw > w {
						t.Errorf("%s %s at %d: line %d is %d wide: %q", l.Slug, lang, w, i, sw, ansi.Strip(line))
					}
				}
				if lang == "zh" {
					if src, err := fs.ReadFile(fsys, l.ContentPath(lang)); err == nil {
						checkNoStraySpaces(t, l.Slug, src, out)
					}
				}
				if strings.ContainsAny(out, "\t\u2028") {
					t.Errorf("%s %s: a tab or break mark is left in the output", l.Slug, lang)
				}
			})
		}
	}
}

// One flow grades for real with checker.Grade (go test -race and the leak
// checks): the starter fails, the reference solution passes.
func TestFlowRealGrading(t *testing.T) {
	if testing.Short() {
		t.Skip("real grading runs go test -race")
	}
	if _, err := exec.LookPath("go"); err != nil {
		t.Skip("no go toolchain")
	}
	fsys, ls := realLessons(t)
	var l *lessons.Lesson
	for _, x := range ls {
		if x.Slug == "04-search-timeout" {
			l = x
		}
	}
	if l == nil {
		t.Skip("lesson 04-search-timeout is not complete yet")
	}
	starter, err1 := fs.ReadFile(fsys, l.ExercisePath())
	solution, err2 := fs.ReadFile(fsys, path.Join(l.SolutionDir(), l.File))
	if err1 != nil || err2 != nil {
		t.Skipf("lesson 4 files: %v %v", err1, err2)
	}
	root := t.TempDir()
	// A workspace like the learner's: a module needing only goleak.
	var sum []string
	data, _ := os.ReadFile(filepath.Join(repoRoot(t), "go.sum"))
	for _, line := range strings.Split(string(data), "\n") {
		if strings.HasPrefix(line, "go.uber.org/goleak ") {
			sum = append(sum, line)
		}
	}
	if err := os.WriteFile(filepath.Join(root, "go.mod"), []byte("module gocourse.local/workspace\n\ngo 1.25\n\nrequire go.uber.org/goleak v1.3.0\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(root, "go.sum"), []byte(strings.Join(sum, "\n")+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	dir := filepath.Join(root, filepath.FromSlash(l.ExerciseDir()))
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	file := filepath.Join(dir, l.File)
	if err := os.WriteFile(file, starter, 0o644); err != nil {
		t.Fatal(err)
	}
	grade := func(ctx context.Context, l *lessons.Lesson) checker.Verdict {
		return checker.Grade(ctx, checker.Request{Lesson: l, Course: fsys, Lang: LangFrom(ctx),
			Dir: filepath.Join(root, filepath.FromSlash(l.ExerciseDir())), Display: l.ExerciseDir()})
	}
	c := &lessons.Catalog{FS: fsys, Lessons: []*lessons.Lesson{l}}
	prog := newFakeProgress(false)
	m := New(context.Background(), Config{Catalog: c, Root: root, Lang: "en", Grade: grade, Progress: prog})
	p := &probe{Model: m}
	tm := teatest.NewTestModel(t, p, teatest.WithInitialTermSize(120, 40))
	defer m.shutdown()

	p.waitFor(t, "the lesson", has(l.Title.EN, "watching"))
	start := time.Now()
	tm.Type("r")
	p.waitForLong(t, "the starter's verdict", has("✗ Not yet"), 2*time.Minute)
	t.Logf("starter graded in %s", time.Since(start))
	start = time.Now()
	save(t, root, l, string(solution))
	p.waitForLong(t, "the pass", has("✓ Passed"), 2*time.Minute)
	t.Logf("solution graded in %s", time.Since(start))
	tm.Type("q")
	tm.WaitFinished(t, teatest.WithFinalTimeout(10*time.Second))
	if got := strings.Join(prog.recorded(), " "); got != l.Slug+":fail "+l.Slug+":pass" {
		t.Fatalf("recorded %q", got)
	}
}
