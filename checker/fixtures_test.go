package checker

import (
	"context"
	"fmt"
	"os"
	"path"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

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
		subs := submissions(t, root, l)
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
				if !hasKinds(v, s.want.Kinds) {
					t.Errorf("%s\nwant kinds %v; failures:\n%s", s.want.Mistake, s.want.Kinds, describe(v))
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

// submission is one directory graded against a lesson, and what it must get.
type submission struct {
	name string
	dir  string
	want fixture
}

// submissions lists what proves a lesson: its solution, its starter and
// every fixture under checker/testdata/fixtures/<slug>/.
func submissions(t *testing.T, root string, l *lessons.Lesson) []submission {
	t.Helper()
	subs := []submission{
		{"solution", filepath.Join(root, l.SolutionDir()), fixture{Mistake: "the reference solution", Status: StatusPass}},
		{"starter", filepath.Join(root, l.ExerciseDir()), fixture{Mistake: "the untouched starter", Status: StatusFail, Kinds: []string{l.Starter}}},
	}
	dirs, _ := filepath.Glob(filepath.Join(root, "checker/testdata/fixtures", l.Slug, "*"))
	for _, d := range dirs {
		var f fixture
		if _, err := toml.DecodeFile(filepath.Join(d, "fixture.toml"), &f); err != nil {
			t.Errorf("%s: %v", d, err)
			continue
		}
		subs = append(subs, submission{filepath.Base(d), d, f})
	}
	return subs
}

// TestFixtureRates measures how stable every verdict is: with
// GOCOURSE_RATES=N it grades each submission N times, one after another, and
// fails any whose status or kinds change between runs or differ from what
// its fixture.toml says. Select lessons or fixtures with -run, e.g.
//
//	GOCOURSE_RATES=20 go test -race -run 'TestFixtureRates/06-tracker/wrong-' ./checker -v
func TestFixtureRates(t *testing.T) {
	n, _ := strconv.Atoi(os.Getenv("GOCOURSE_RATES"))
	if n <= 0 {
		t.Skip("set GOCOURSE_RATES=N to grade every submission N times")
	}
	root := repoRoot(t)
	cat, err := lessons.Load(os.DirFS(root))
	if err != nil {
		t.Fatalf("catalog: %v", err)
	}
	for _, l := range cat.Lessons {
		t.Run(l.Slug, func(t *testing.T) {
			for _, s := range submissions(t, root, l) {
				t.Run(s.name, func(t *testing.T) {
					right, slowest := 0, time.Duration(0)
					seen := map[string]int{}
					for range n {
						v := Grade(context.Background(), Request{Lesson: l, Course: cat.FS, Dir: s.dir,
							Display: l.ExerciseDir(), Lang: "en"})
						slowest = max(slowest, v.Duration)
						seen[signature(v)]++
						if v.Status == s.want.Status && hasKinds(v, s.want.Kinds) {
							right++
						} else {
							t.Logf("run gave %s:\n%s", v.Status, describe(v))
						}
					}
					t.Logf("%s: %d/%d as expected (%s), slowest %v, verdicts %v", s.name, right, n, s.want.Status, slowest.Round(time.Millisecond), seen)
					if right < n || len(seen) > 1 {
						t.Errorf("%s: unstable or wrong verdict: %d/%d as expected; verdicts seen %v", s.want.Mistake, right, n, seen)
					}
				})
			}
		})
	}
}

// signature is what must not change between two gradings of one file: the
// status and each failure's kind, test and place. A race is known by its
// place alone: the detector reports a race once per binary, in whichever
// test first makes it happen, and lesson texts say so.
func signature(v Verdict) string {
	parts := []string{v.Status}
	for _, f := range v.Failures {
		test := f.Test
		if f.Kind == KindRace {
			test = ""
		}
		parts = append(parts, fmt.Sprintf("%s:%s@%s:%d", f.Kind, test, path.Base(f.File), f.Line))
	}
	slices.Sort(parts[1:])
	return strings.Join(parts, " ")
}

func hasKinds(v Verdict, kinds []string) bool {
	for _, k := range kinds {
		if !slices.ContainsFunc(v.Failures, func(f Failure) bool { return f.Kind == k }) {
			return false
		}
	}
	return true
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
