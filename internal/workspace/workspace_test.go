package workspace

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/gocourse/gocourse/lessons"
)

func demo() (fstest.MapFS, *lessons.Catalog) {
	course := fstest.MapFS{
		"go.mod":                    {Data: []byte("module x\n\ngo 1.26.7\n\nrequire (\n\tgo.uber.org/goleak v1.3.0\n)\n")},
		"go.sum":                    {Data: []byte("go.uber.org/goleak v1.3.0 h1:x\n")},
		"exercises/01-demo/demo.go": {Data: []byte("package demo // starter\n")},
	}
	l := &lessons.Lesson{Number: 1, Slug: "01-demo", Package: "demo", File: "demo.go"}
	return course, &lessons.Catalog{FS: course, Lessons: []*lessons.Lesson{l}}
}

func TestInitThenFindThenReset(t *testing.T) {
	course, cat := demo()
	dir := filepath.Join(t.TempDir(), "work")
	ws, err := Init(course, cat, dir)
	if err != nil {
		t.Fatal(err)
	}
	mod, _ := os.ReadFile(filepath.Join(dir, "go.mod"))
	if !strings.Contains(string(mod), "go 1.25") || !strings.Contains(string(mod), "go.uber.org/goleak v1.3.0") {
		t.Errorf("go.mod:\n%s", mod)
	}
	if _, err := Init(course, cat, dir); err == nil {
		t.Error("Init over an existing workspace must refuse")
	}
	// Found from a subdirectory.
	found, err := Find(filepath.Join(dir, "exercises", "01-demo"))
	if err != nil || found.Root != ws.Root {
		t.Fatalf("Find: %v, %v", found, err)
	}
	l := cat.Lessons[0]
	mine := []byte("package demo // my work\n")
	os.WriteFile(ws.ExerciseFile(l), mine, 0o644)
	os.WriteFile(filepath.Join(ws.ExerciseDir(l), "extra.go"), []byte("package demo\n"), 0o644)
	backup, err := ws.Reset(course, l)
	if err != nil {
		t.Fatal(err)
	}
	if got, _ := os.ReadFile(ws.ExerciseFile(l)); string(got) != "package demo // starter\n" {
		t.Errorf("after reset: %q", got)
	}
	if _, err := os.Stat(filepath.Join(ws.ExerciseDir(l), "extra.go")); err == nil {
		t.Error("a file the learner added should go (it is in the backup)")
	}
	if got, _ := os.ReadFile(filepath.Join(backup, "demo.go")); string(got) != string(mine) {
		t.Errorf("backup has %q", got)
	}
	if _, err := os.Stat(filepath.Join(backup, "extra.go")); err != nil {
		t.Error("the added file is not in the backup")
	}
}

func TestFindOutsideWorkspace(t *testing.T) {
	if _, err := Find(t.TempDir()); err == nil {
		t.Fatal("want ErrNotFound")
	}
}

// The exercise hash changes with any non-test .go file of the folder, and
// only with those.
func TestExerciseHash(t *testing.T) {
	root := t.TempDir()
	ws := &Workspace{Root: root}
	l := &lessons.Lesson{Slug: "04-x", Number: 4}
	dir := ws.ExerciseDir(l)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	os.WriteFile(filepath.Join(dir, "a.go"), []byte("package a\n"), 0o644)
	h1 := ws.ExerciseHash(l)
	os.WriteFile(filepath.Join(dir, "a_test.go"), []byte("package a // mine\n"), 0o644)
	os.WriteFile(filepath.Join(dir, "notes.txt"), []byte("x"), 0o644)
	if h := ws.ExerciseHash(l); h != h1 || h == "" {
		t.Errorf("tests and notes changed the hash: %q vs %q", h, h1)
	}
	os.WriteFile(filepath.Join(dir, "helper.go"), []byte("package a\n"), 0o644)
	if ws.ExerciseHash(l) == h1 {
		t.Error("a new helper.go did not change the hash")
	}
}
