package scaffold

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/gocourse/gocourse/internal/lint"
	"github.com/gocourse/gocourse/lessons"
)

// minimalCourse writes a course with one finished lesson into a temp dir.
func minimalCourse(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	files := map[string]string{
		"go.mod": "module example.com/course\n\ngo 1.25\n",
		"lessons/01-demo.toml": `number = 1
slug = "01-demo"
package = "demo"
file = "demo.go"
leak = "synctest"

[title]
en = "A demo"
zh = "示例"

[summary]
en = "Add."
zh = "相加。"

[[hints]]
en = "a"
zh = "甲"

[[hints]]
en = "b"
zh = "乙"
`,
		"content/en/01-demo.md":                        "# A demo\n",
		"content/zh/01-demo.md":                        "# 示例\n",
		"exercises/01-demo/demo.go":                    "package demo\n\nfunc Add(a, b int) int { return 0 }\n",
		"solutions/01-demo/demo.go":                    "package demo\n\nfunc Add(a, b int) int { return a + b }\n",
		"checker/testdata/hidden/01-demo/demo_test.go": "package demo\n\nimport \"testing\"\n\nfunc TestAdd(t *testing.T) {}\n",
	}
	for name, data := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func goIn(t *testing.T, dir string, args ...string) {
	t.Helper()
	cmd := exec.Command("go", args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "GOWORK=off", "GOFLAGS=-mod=mod")
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("go %s: %v\n%s", strings.Join(args, " "), err, out)
	}
}

func TestNewLesson(t *testing.T) {
	t.Parallel()
	root := minimalCourse(t)
	created, err := NewLesson(root, "02-fan-out")
	if err != nil {
		t.Fatal(err)
	}
	want := []string{
		"lessons/02-fan-out.toml",
		"content/en/02-fan-out.md",
		"content/zh/02-fan-out.md",
		"exercises/02-fan-out/out.go",
		"solutions/02-fan-out/out.go",
		"checker/testdata/hidden/02-fan-out/l02_test.go",
		"checker/testdata/hidden/02-fan-out/scenario/scenario.go",
		"checker/testdata/fixtures/02-fan-out/wrong-todo/out.go",
		"checker/testdata/fixtures/02-fan-out/wrong-todo/fixture.toml",
		"checker/testdata/fixtures/02-fan-out/right-todo/out.go",
		"checker/testdata/fixtures/02-fan-out/right-todo/fixture.toml",
	}
	if !slices.Equal(created, want) {
		t.Fatalf("created:\n%s\nwant:\n%s", strings.Join(created, "\n"), strings.Join(want, "\n"))
	}

	// The catalog accepts it.
	cat, err := lessons.Load(os.DirFS(root))
	if err != nil {
		t.Fatalf("lessons.Load rejects the new lesson: %v", err)
	}
	l := cat.Lessons[1]
	if l.Number != 2 || l.Package != "out" || l.File != "out.go" || !slices.Equal(l.HiddenTests, []string{"TestTODO"}) {
		t.Fatalf("lesson = %+v", l)
	}

	// The module still builds and vets.
	goIn(t, root, "build", "./...")
	goIn(t, root, "vet", "./...")

	// The linter finds nothing but the TODOs: the two texts agree, the
	// examples compile, the code is formatted, the fixtures are valid.
	findings := lint.Lesson(context.Background(), cat, l)
	files := map[string]bool{}
	for _, f := range findings {
		if !strings.Contains(f.Problem, lint.TodoMarker) {
			t.Errorf("a finding other than a TODO: %+v", f)
		}
		files[f.File] = true
	}
	for _, p := range []string{"lessons/02-fan-out.toml", "content/en/02-fan-out.md", "content/zh/02-fan-out.md",
		"exercises/02-fan-out/out.go", "solutions/02-fan-out/out.go", "checker/testdata/hidden/02-fan-out/scenario/scenario.go"} {
		if !files[p] {
			t.Errorf("no TODO reported in %s", p)
		}
	}

	// Nothing is overwritten, and a refused call writes nothing.
	before, _ := os.ReadFile(filepath.Join(root, "content/en/02-fan-out.md"))
	if _, err := NewLesson(root, "02-fan-out"); err == nil || !strings.Contains(err.Error(), "next lesson is number 03") {
		t.Fatalf("a second scaffold of lesson 02: err = %v", err)
	}
	after, _ := os.ReadFile(filepath.Join(root, "content/en/02-fan-out.md"))
	if string(before) != string(after) {
		t.Fatal("the lesson text changed")
	}
}

func TestNewLessonRefusesToOverwrite(t *testing.T) {
	t.Parallel()
	root := minimalCourse(t)
	mine := filepath.Join(root, "content/zh/02-fan-out.md")
	if err := os.WriteFile(mine, []byte("我的草稿\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	_, err := NewLesson(root, "02-fan-out")
	if err == nil || !strings.Contains(err.Error(), "content/zh/02-fan-out.md") {
		t.Fatalf("err = %v, want a refusal naming the existing file", err)
	}
	if data, _ := os.ReadFile(mine); string(data) != "我的草稿\n" {
		t.Fatal("the existing file was overwritten")
	}
	for _, p := range []string{"lessons/02-fan-out.toml", "exercises/02-fan-out", "content/en/02-fan-out.md"} {
		if _, err := os.Stat(filepath.Join(root, p)); err == nil {
			t.Errorf("%s was created although the scaffold was refused", p)
		}
	}
}

func TestNewLessonNumberAndSlug(t *testing.T) {
	t.Parallel()
	root := minimalCourse(t)
	for slug, want := range map[string]string{
		"03-fan-out": "the next lesson is number 02, after the last manifest in lessons/; name it 02-fan-out",
		"2-fan-out":  "must look like 07-fan-out",
		"02-Fan":     "must look like 07-fan-out",
		"02_fan":     "must look like 07-fan-out",
	} {
		if _, err := NewLesson(root, slug); err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("NewLesson(%q): err = %v, want %q", slug, err, want)
		}
	}
	if _, err := NewLesson(t.TempDir(), "01-first"); err == nil || !strings.Contains(err.Error(), "is not a course") {
		t.Errorf("a directory without lessons/: err = %v", err)
	}
}

func TestNewLessonPackageMain(t *testing.T) {
	t.Parallel()
	root := minimalCourse(t)
	if _, err := NewLesson(root, "02-busy-main"); err != nil {
		t.Fatal(err)
	}
	cat, err := lessons.Load(os.DirFS(root))
	if err != nil {
		t.Fatal(err)
	}
	if l := cat.Lessons[1]; l.Package != "main" || l.File != "main.go" {
		t.Fatalf("lesson = %+v", l)
	}
	goIn(t, root, "vet", "./...")
}

func TestPackageName(t *testing.T) {
	for slug, want := range map[string]string{
		"fan-out":         "out",
		"search-timeout":  "timeout",
		"select":          "lesson07", // a keyword
		"go":              "lesson07",
		"worker-2":        "worker2", // a digit alone is not an identifier
		"directory-range": "directoryrange",
	} {
		if got := packageName(strings.Split(slug, "-"), 7); got != want {
			t.Errorf("packageName(%q) = %q, want %q", slug, got, want)
		}
	}
}
