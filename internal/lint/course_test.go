package lint

import (
	"context"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/gocourse/gocourse/lessons"
)

// TestCourse lints the real course and logs every finding with the time each
// lesson took. It reports, never fails: lessons are work in progress and
// `gocourse dev check` is where findings count. Run it with
//
//	GOCOURSE_LINT_COURSE=1 go test -run TestCourse -v ./internal/lint/
func TestCourse(t *testing.T) {
	if os.Getenv("GOCOURSE_LINT_COURSE") == "" {
		t.Skip("set GOCOURSE_LINT_COURSE=1 to lint the course in this repository")
	}
	root, err := filepath.Abs("../..")
	if err != nil {
		t.Fatal(err)
	}
	cat, err := lessons.Load(os.DirFS(root))
	if err != nil {
		t.Logf("the catalog has problems (lessons with them are linted if they loaded):\n%v", err)
	}
	if cat == nil {
		return
	}
	start := time.Now()
	total := 0
	for _, l := range cat.Lessons {
		began := time.Now()
		findings := Lesson(context.Background(), cat, l)
		total += len(findings)
		t.Logf("%s: %d findings in %.2fs", l.Slug, len(findings), time.Since(began).Seconds())
		for _, f := range findings {
			t.Logf("  %s:%d: %s\n      fix: %s", f.File, f.Line, f.Problem, f.Fix)
		}
	}
	t.Logf("%d lessons, %d findings, %.2fs", len(cat.Lessons), total, time.Since(start).Seconds())
}
