package checker

import (
	"context"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/gocourse/gocourse/lessons"
	"go.uber.org/goleak"
)

// repoRoot is the module root, two levels up from checker/.
func repoRoot(t testing.TB) string {
	t.Helper()
	root, err := filepath.Abs("..")
	if err != nil {
		t.Fatal(err)
	}
	return root
}

// selftestLesson is a tiny exercise (func Add(a, b int) int) used to prove
// how the grader treats hostile submissions, independent of real lessons.
func selftestLesson(t testing.TB) (*lessons.Lesson, fs.FS) {
	t.Helper()
	course := os.DirFS(repoRoot(t))
	dir := "checker/testdata/selftest/hidden"
	tests, files, err := lessons.HiddenTests(course, dir, "sample")
	if err != nil {
		t.Fatal(err)
	}
	return &lessons.Lesson{Number: 0, Slug: "00-selftest", Package: "sample", File: "sample.go",
		HiddenTests: tests, HiddenFiles: files, TimeLimit: 8 * time.Second}, course
}

// TestGradeHostileSubmissions grades each fixture of the tiny exercise and
// checks the verdict's status and failure kinds, that it came back within the
// limit, and that nothing was left behind.
func TestGradeHostileSubmissions(t *testing.T) {
	defer goleak.VerifyNone(t, goleak.IgnoreCurrent())
	lesson, course := selftestLesson(t)
	// A private temp dir: anything left in it after a grading was left by us.
	tmp := t.TempDir()
	t.Setenv("TMPDIR", tmp)
	cases := []struct {
		fixture string
		status  string
		kind    string   // a failure of this kind must be among the failures
		line    int      // and, when set, point at this line of sample.go (-1: any line)
		tests   []string // and, when set, be reported by each of these tests
	}{
		{"right", StatusPass, "", 0, nil},
		{"compile-error", StatusFail, KindCompile, 3, nil},
		{"wrong-api", StatusFail, KindCompile, 0, nil},
		{"wrong-answer", StatusFail, KindTest, 3, nil},
		{"race", StatusFail, KindRace, -1, nil}, // either of the two racing lines
		// goleak (real time) and a synctest bubble both see it.
		{"leak", StatusFail, KindLeak, 6, []string{"TestAddLeavesNoGoroutine", "TestAddInBubble"}},
		{"lint", StatusFail, KindLint, 7, nil},
		{"infinite-loop", StatusFail, KindTimeout, 0, nil},
		{"exit-in-init", StatusFail, KindPanic, 0, nil},
		{"fake-pass-in-init", StatusFail, KindPanic, 0, nil},
		{"panic-in-goroutine", StatusFail, KindPanic, 7, nil},
		{"exit-in-call", StatusFail, KindPanic, 0, nil},
		{"learner-testmain", StatusFail, KindTest, 0, nil},
		{"flood", StatusFail, KindPanic, 0, nil},
		{"child-holds-stdout", StatusFail, KindTimeout, 0, nil},
		// A bubble frozen by a mutex nobody releases, or by a busy loop,
		// is named by the kit's watchdog long before the time limit.
		{"stuck-mutex", StatusFail, KindTimeout, 12, []string{"TestAddInBubble"}},
		{"busy-loop-in-bubble", StatusFail, KindTimeout, 11, []string{"TestAddInBubble"}},
		{"waitgroup-add-in-goroutine", StatusFail, KindRace, -1, nil},
	}
	// And the message says what happened.
	says := map[string]string{
		"waitgroup-add-in-goroutine": "sync.WaitGroup: Add ran in a goroutine while Wait was already waiting",
		"stuck-mutex":                "waited 1.5s for a lock (sync.Mutex.Lock)",
		"busy-loop-in-bubble":        "without ever blocking",
		"exit-in-call":               "without a panic: your code (or something it called) called os.Exit",
	}
	// The watchdog answers within this (the lesson's limit is 8 s).
	stuckWithin := map[string]time.Duration{"stuck-mutex": 7 * time.Second, "busy-loop-in-bubble": 7 * time.Second}
	// A cold build cache (a new CI machine) compiles the race runtime once:
	// do it before timing the gradings.
	Warm(context.Background(), Request{Lesson: lesson, Course: course, Lang: "en",
		Dir: filepath.Join(repoRoot(t), "checker/testdata/selftest/fixtures/right")})
	for _, tc := range cases {
		t.Run(tc.fixture, func(t *testing.T) {
			dir := filepath.Join(repoRoot(t), "checker/testdata/selftest/fixtures", tc.fixture)
			start := time.Now()
			v := Grade(context.Background(), Request{Lesson: lesson, Course: course, Dir: dir,
				Display: "exercises/00-selftest", Lang: "en"})
			took := time.Since(start)
			if took > lesson.TimeLimit+5*time.Second {
				t.Errorf("grading took %v, limit %v", took, lesson.TimeLimit)
			}
			if d := stuckWithin[tc.fixture]; d > 0 && took > d {
				t.Errorf("stuck code named after %v, want within %v", took, d)
			}
			if v.Status != tc.status {
				t.Fatalf("status %q, want %q; failures: %+v\noutput:\n%s", v.Status, tc.status, v.Failures, tail(v.Output, 30))
			}
			if tc.kind != "" {
				i := slices.IndexFunc(v.Failures, func(f Failure) bool { return f.Kind == tc.kind })
				if i < 0 {
					t.Fatalf("no %s failure among %+v", tc.kind, v.Failures)
				}
				f := v.Failures[i]
				if want := says[tc.fixture]; want != "" && !strings.Contains(f.Message, want) {
					t.Errorf("%s message %q does not say %q", tc.kind, f.Message, want)
				}
				// One cause, one failure: a panic is not also "the program died".
				if n := len(v.Failures); tc.kind == KindPanic && n > 1 {
					t.Errorf("%d failures for one panic: %+v", n, v.Failures)
				}
				if tc.line == -1 && (f.File != "exercises/00-selftest/sample.go" || f.Line == 0) {
					t.Errorf("%s failure at %s:%d, want a line of exercises/00-selftest/sample.go", tc.kind, f.File, f.Line)
				}
				if tc.line > 0 && (f.File != "exercises/00-selftest/sample.go" || f.Line != tc.line) {
					t.Errorf("%s failure at %s:%d, want exercises/00-selftest/sample.go:%d", tc.kind, f.File, f.Line, tc.line)
				}
				// Each test found it: its own failure, or (the same kind at
				// the same place) one merged into an earlier test's.
				for _, name := range tc.tests {
					if !slices.ContainsFunc(v.failuresOf(name), func(k int) bool {
						f := v.Failures[k]
						return f.Kind == tc.kind && (tc.line <= 0 || f.Line == tc.line)
					}) {
						t.Errorf("no %s failure from %s among %+v", tc.kind, name, v.Failures)
					}
				}
			}
			// A leak while a goroutine outside the bubble ends (which hides
			// it from a goroutine count) is still found, at its line; the
			// verdict lists it once with TestAddInBubble's, so look at the
			// test's own output.
			if tc.fixture == "leak" {
				_, out, _ := strings.Cut(v.Output, "=== RUN   TestAddInBubbleWhileOneOutsideEnds")
				out, _, _ = strings.Cut(out, "--- FAIL")
				if !strings.Contains(out, `"kind":"leak","file":"sample.go","line":6`) {
					t.Errorf("TestAddInBubbleWhileOneOutsideEnds reported no leak at sample.go:6:\n%s", out)
				}
			}
			for _, f := range v.Failures {
				if strings.Contains(f.Message, os.TempDir()+"/gocourse-grade-") || strings.Contains(f.Message, dir) {
					t.Errorf("message shows a temp or absolute path: %q", f.Message)
				}
				if f.Message == "" {
					t.Errorf("empty message in %+v", f)
				}
			}
			if left, _ := os.ReadDir(tmp); len(left) > 0 {
				t.Errorf("temp files left behind: %v", left)
			}
			if out, _ := exec.Command("pgrep", "-f", "sleep 317").Output(); len(out) > 0 {
				t.Errorf("a child process outlived grading: pids %s", out)
			}
		})
	}
}
