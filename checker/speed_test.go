package checker

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/gocourse/gocourse/internal/workspace"
	"github.com/gocourse/gocourse/lessons"
)

// TestVerdictSpeed measures every verdict against the floor: for each lesson
// and each of its submissions (solution, starter, every fixture) it copies
// the submission into a fresh workspace and times, interleaved so that load
// on a shared machine hits both alike, a grading after a save and the floor
// (`go test -race` of the same package with one empty test) after a save.
// With GOCOURSE_SPEED=N (rounds per submission) it prints one row per
// submission and, per lesson, the median and worst ratio. Timeouts of stuck
// code are listed but left out of the ratios: they wait on purpose.
// GOCOURSE_SPEED_ONLY=regexp times only the submissions it matches.
//
//	GOCOURSE_SPEED=3 go test -count=1 -timeout 60m -run 'TestVerdictSpeed/04' ./checker -v
//	scripts/bench-verdicts.sh 3            # every lesson, the table into bench-verdicts.txt
func TestVerdictSpeed(t *testing.T) {
	rounds, _ := strconv.Atoi(os.Getenv("GOCOURSE_SPEED"))
	if rounds <= 0 {
		t.Skip("set GOCOURSE_SPEED=N to time every verdict against the floor")
	}
	root := repoRoot(t)
	course := os.DirFS(root)
	cat, err := lessons.Load(course)
	if err != nil {
		t.Fatal(err)
	}
	only, err := regexp.Compile(os.Getenv("GOCOURSE_SPEED_ONLY"))
	if err != nil {
		t.Fatalf("GOCOURSE_SPEED_ONLY: %v", err)
	}
	var all []float64
	for _, l := range cat.Lessons {
		t.Run(fmt.Sprintf("%02d", l.Number), func(t *testing.T) {
			ws, err := workspace.Init(course, cat, filepath.Join(t.TempDir(), "ws"))
			if err != nil {
				t.Fatal(err)
			}
			dir := ws.ExerciseDir(l)
			floor := floorCommand(t, l, dir)
			req := Request{Lesson: l, Course: cat.FS, Dir: dir, Display: l.ExerciseDir(), Lang: "en"}
			Warm(context.Background(), req)
			var ratios []float64
			rows := []string{fmt.Sprintf("%-46s %-8s %9s %9s %6s", l.Slug, "verdict", "check ms", "floor ms", "ratio")}
			for _, s := range submissions(t, root, l) {
				if !only.MatchString(s.name) {
					continue
				}
				copySubmission(t, s.dir, dir)
				floor() // warm the floor for this file, too
				var checks, floors []time.Duration
				status := ""
				for i := range rounds {
					touch(t, filepath.Join(dir, l.File), i)
					start := time.Now()
					floor()
					floors = append(floors, time.Since(start))
					touch(t, filepath.Join(dir, l.File), -i-1)
					v := Grade(context.Background(), req)
					checks = append(checks, v.Duration)
					status = v.Status
					if slices.Contains(v.Kinds(), KindTimeout) {
						status = "timeout"
					}
				}
				c, f := medianDuration(checks), medianDuration(floors)
				ratio := float64(c) / float64(f)
				if status != "timeout" {
					ratios = append(ratios, ratio)
				}
				rows = append(rows, fmt.Sprintf("  %-44s %-8s %9d %9d %6.2f", s.name, status, c.Milliseconds(), f.Milliseconds(), ratio))
			}
			slices.Sort(ratios)
			all = append(all, ratios...)
			if len(ratios) > 0 {
				rows = append(rows, fmt.Sprintf("  median ratio %.2f, worst %.2f (%d verdicts, stuck code aside)",
					ratios[len(ratios)/2], ratios[len(ratios)-1], len(ratios)))
			}
			t.Log("\n" + strings.Join(rows, "\n"))
		})
	}
	if len(all) > 0 {
		slices.Sort(all)
		t.Logf("all lessons: median ratio %.2f, worst %.2f over %d verdicts", all[len(all)/2], all[len(all)-1], len(all))
	}
}

// floorCommand returns a function that runs the floor in dir: go test -race
// of the package with one empty test instead of the hidden ones.
func floorCommand(t *testing.T, l *lessons.Lesson, dir string) func() {
	tmp := t.TempDir()
	empty := filepath.Join(tmp, "empty_test.go")
	src := "package " + l.Package + "\nimport \"testing\"\nfunc TestEmpty(t *testing.T) {}\n"
	if err := os.WriteFile(empty, []byte(src), 0o600); err != nil {
		t.Fatal(err)
	}
	ov, _ := json.Marshal(map[string]any{"Replace": map[string]string{filepath.Join(dir, "zz_empty_test.go"): empty}})
	overlay := filepath.Join(tmp, "overlay.json")
	if err := os.WriteFile(overlay, ov, 0o600); err != nil {
		t.Fatal(err)
	}
	return func() {
		cmd := exec.Command("go", "test", "-race", "-count=1", "-overlay="+overlay, "-run=^TestEmpty$", ".")
		cmd.Dir = dir
		cmd.Env = append(os.Environ(), "GORACE=atexit_sleep_ms=0")
		if out, err := cmd.CombinedOutput(); err != nil && !strings.Contains(string(out), "build failed") {
			t.Logf("floor: %v\n%s", err, out)
		}
	}
}

// copySubmission replaces the exercise's .go files with the submission's.
func copySubmission(t *testing.T, from, to string) {
	t.Helper()
	old, _ := filepath.Glob(filepath.Join(to, "*.go"))
	for _, f := range old {
		os.Remove(f)
	}
	files, _ := filepath.Glob(filepath.Join(from, "*.go"))
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(to, filepath.Base(f)), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

func medianDuration(d []time.Duration) time.Duration {
	s := slices.Clone(d)
	slices.Sort(s)
	return s[len(s)/2]
}
