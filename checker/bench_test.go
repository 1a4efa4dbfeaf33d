package checker

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"testing"

	"github.com/gocourse/gocourse/internal/workspace"
	"github.com/gocourse/gocourse/lessons"
)

// Save-to-verdict speed. Each iteration edits the exercise (so the package
// really recompiles, as after a learner's save) and grades it; the floor is
// `go test -race` of the same package with one empty test. Compare:
//
//	go test -run '^$' -bench 'SaveToVerdict|Floor' -benchtime 10x ./checker/
//
// BenchmarkSaveToVerdict/04 vs BenchmarkFloor/04: the ratio is the grader's
// overhead (goal ≤ 1.2), ns/op the warm time (goal ≤ 1 s on 2 cores).

func benchWorkspace(b *testing.B, slug string) (*lessons.Catalog, *lessons.Lesson, *workspace.Workspace) {
	b.Helper()
	course := os.DirFS(repoRoot(b))
	cat, err := lessons.Load(course)
	if err != nil {
		b.Fatal(err)
	}
	l, err := cat.Find(slug)
	if err != nil {
		b.Skip(err)
	}
	ws, err := workspace.Init(course, cat, filepath.Join(b.TempDir(), "ws"))
	if err != nil {
		b.Fatal(err)
	}
	return cat, l, ws
}

// touch appends a distinct function to the exercise file, as a save would.
func touch(b testing.TB, path string, i int) {
	f, err := os.OpenFile(path, os.O_APPEND|os.O_WRONLY, 0)
	if err != nil {
		b.Fatal(err)
	}
	// Real code, not a comment: a comment compiles to the same object, and
	// the go command would serve both the floor and the check from cache.
	name := fmt.Sprintf("gocourseSave%d", i)
	if i < 0 {
		name = fmt.Sprintf("gocourseSaveM%d", -i)
	}
	fmt.Fprintf(f, "\nfunc %s() int { return %d }\n", name, i)
	f.Close()
}

func BenchmarkSaveToVerdict(b *testing.B) {
	for _, slug := range []string{"04", "01"} {
		b.Run(slug, func(b *testing.B) {
			cat, l, ws := benchWorkspace(b, slug)
			req := Request{Lesson: l, Course: cat.FS, Dir: ws.ExerciseDir(l), Display: l.ExerciseDir(), Lang: "en"}
			Warm(context.Background(), req)
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				touch(b, ws.ExerciseFile(l), i)
				v := Grade(context.Background(), req)
				if v.Status == StatusError {
					b.Fatalf("grading error: %+v", v.Failures)
				}
			}
		})
	}
}

func BenchmarkFloor(b *testing.B) {
	for _, slug := range []string{"04", "01"} {
		b.Run(slug, func(b *testing.B) {
			_, l, ws := benchWorkspace(b, slug)
			dir := ws.ExerciseDir(l)
			empty := filepath.Join(b.TempDir(), "empty_test.go")
			os.WriteFile(empty, []byte("package "+l.Package+"\nimport \"testing\"\nfunc TestEmpty(t *testing.T) {}\n"), 0o600)
			ov, _ := json.Marshal(map[string]any{"Replace": map[string]string{filepath.Join(dir, "zz_empty_test.go"): empty}})
			overlay := filepath.Join(b.TempDir(), "overlay.json")
			os.WriteFile(overlay, ov, 0o600)
			run := func() {
				cmd := exec.Command("go", "test", "-race", "-count=1", "-overlay="+overlay, "-run=TestEmpty", ".")
				cmd.Dir = dir
				cmd.Env = append(os.Environ(), "GORACE=atexit_sleep_ms=0")
				if out, err := cmd.CombinedOutput(); err != nil {
					b.Fatalf("%v\n%s", err, out)
				}
			}
			run()
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				touch(b, ws.ExerciseFile(l), i)
				run()
			}
		})
	}
}
