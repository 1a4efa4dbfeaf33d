package checker

import (
	"context"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"testing"

	"github.com/BurntSushi/toml"
	"github.com/gocourse/gocourse/lessons"
)

// fixture is a submission that proves a lesson's hidden tests: a wrong one
// (one mistake COURSE.md lists) must fail with the kinds it names; a right
// one, written differently from the reference, must pass.
type fixture struct {
	Mistake string   `toml:"mistake"`
	Status  string   `toml:"status"`
	Kinds   []string `toml:"kinds"`
}

// TestLessonFixtures grades every fixture of every lesson, plus each
// lesson's reference solution (must pass) and starter (must fail).
func TestLessonFixtures(t *testing.T) {
	if testing.Short() {
		t.Skip("grades every fixture: slow")
	}
	root := repoRoot(t)
	cat, err := lessons.Load(os.DirFS(root))
	if err != nil {
		t.Fatalf("catalog: %v", err)
	}
	sem := make(chan struct{}, max(2, runtime.NumCPU()))
	// Build each lesson's dependencies once (net/http with -race is the
	// slow one on a cold cache) before the parallel gradings start.
	for _, l := range cat.Lessons {
		Warm(context.Background(), Request{Lesson: l, Course: cat.FS, Lang: "en", Dir: filepath.Join(root, l.SolutionDir())})
	}
	for _, l := range cat.Lessons {
		dirs, _ := filepath.Glob(filepath.Join(root, "checker/testdata/fixtures", l.Slug, "*"))
		type sub struct {
			name string
			dir  string
			want fixture
		}
		subs := []sub{
			{"solution", filepath.Join(root, l.SolutionDir()), fixture{Mistake: "the reference solution", Status: StatusPass}},
			{"starter", filepath.Join(root, l.ExerciseDir()), fixture{Mistake: "the untouched starter", Status: StatusFail, Kinds: []string{l.Starter}}},
		}
		for _, d := range dirs {
			var f fixture
			if _, err := toml.DecodeFile(filepath.Join(d, "fixture.toml"), &f); err != nil {
				t.Errorf("%s: %v", d, err)
				continue
			}
			subs = append(subs, sub{filepath.Base(d), d, f})
		}
		for _, s := range subs {
			t.Run(l.Slug+"/"+s.name, func(t *testing.T) {
				t.Parallel()
				sem <- struct{}{}
				defer func() { <-sem }()
				v := Grade(context.Background(), Request{Lesson: l, Course: cat.FS, Dir: s.dir,
					Display: l.ExerciseDir(), Lang: "en"})
				if v.Status != s.want.Status {
					t.Fatalf("%s\nstatus %q, want %q; failures:\n%s", s.want.Mistake, v.Status, s.want.Status, describe(v))
				}
				for _, k := range s.want.Kinds {
					if !slices.ContainsFunc(v.Failures, func(f Failure) bool { return f.Kind == k }) {
						t.Errorf("%s\nno %s failure; failures:\n%s", s.want.Mistake, k, describe(v))
					}
				}
				for _, f := range v.Failures {
					if f.File != "" && !strings.HasPrefix(f.File, l.ExerciseDir()+"/") {
						t.Errorf("failure points outside the exercise: %+v", f)
					}
				}
			})
		}
	}
}

func describe(v Verdict) string {
	var b strings.Builder
	for _, f := range v.Failures {
		b.WriteString("  [" + f.Kind + "] " + f.Test + " " + f.File + ": " + f.Message + "\n")
	}
	if len(v.Failures) == 0 {
		b.WriteString(tail(v.Output, 20))
	}
	return b.String()
}
