//go:build unix

package checker

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"
)

// The hard limit kills the whole process group — a shell and the children
// it left running — and returns even though a child held the output open.
func TestRunGoTestKillsTheTreeAtTheHardLimit(t *testing.T) {
	cmd := exec.CommandContext(context.Background(), "sh", "-c", "sleep 101 & sleep 102 & echo started; wait")
	start := time.Now()
	res := runGoTest(context.Background(), time.Second, cmd)
	if took := time.Since(start); took > 3*time.Second {
		t.Errorf("returned after %v; limit 1s", took)
	}
	if !res.timedOut {
		t.Errorf("timedOut = false: %+v", res)
	}
	time.Sleep(100 * time.Millisecond)
	if out, _ := exec.Command("pgrep", "-f", "sleep 10[12]").Output(); len(out) > 0 {
		t.Errorf("children survived: %s", out)
	}
}

// Cancelling the caller's context stops a run as promptly as the limit.
func TestRunGoTestHonoursCancel(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	time.AfterFunc(200*time.Millisecond, cancel)
	start := time.Now()
	res := runGoTest(ctx, time.Minute, exec.CommandContext(ctx, "sleep", "103"))
	if took := time.Since(start); took > 2*time.Second {
		t.Errorf("returned after %v", took)
	}
	if res.timedOut {
		t.Error("a cancel is not a timeout")
	}
}

// Without a C compiler the race detector cannot work: the learner is told
// what to install, as an error (not a failure of their code).
func TestGradeWithoutCCompilerSaysWhatToInstall(t *testing.T) {
	goBin, err := exec.LookPath("go")
	if err != nil {
		t.Skip("no go")
	}
	bin := t.TempDir() // a PATH with go and nothing else
	if err := os.Symlink(goBin, filepath.Join(bin, "go")); err != nil {
		t.Fatal(err)
	}
	t.Setenv("PATH", bin)
	toolOnce = sync.Once{} // diagnose afresh under this PATH
	defer func() { toolOnce = sync.Once{} }()
	lesson, course := selftestLesson(t)
	v := Grade(context.Background(), Request{Lesson: lesson, Course: course, Lang: "en",
		Dir: filepath.Join(repoRoot(t), "checker/testdata/selftest/fixtures/right"), Display: "exercises/00-selftest"})
	if v.Status != StatusError || len(v.Failures) != 1 || !strings.Contains(v.Failures[0].Message, "apt install gcc") {
		t.Fatalf("verdict %+v", v)
	}
}

// SweepStale removes grading folders whose owner is gone (lock free, older
// than staleAge) and leaves a live grading's folder and a brand-new one.
func TestSweepStaleTakesOnlyOrphans(t *testing.T) {
	tmp := t.TempDir()
	t.Setenv("TMPDIR", tmp)
	mk := func(name string, lock bool, age time.Duration) string {
		d := filepath.Join(tmp, gradingPrefix+name)
		if err := os.MkdirAll(filepath.Join(d, "gowork"), 0o700); err != nil {
			t.Fatal(err)
		}
		if lock {
			os.WriteFile(filepath.Join(d, ownerLockName), nil, 0o600)
		}
		old := time.Now().Add(-age)
		os.Chtimes(d, old, old)
		return d
	}
	orphan := mk("orphan", true, time.Minute)
	nolock := mk("nolock", false, time.Minute)
	young := mk("young", false, 0)
	live := mk("live", true, time.Minute)
	release, err := holdOwnerLock(live) // a grading running now (another process would do the same)
	if err != nil {
		t.Fatal(err)
	}
	defer release()
	if n := SweepStale(); n != 2 {
		t.Errorf("removed %d, want 2", n)
	}
	for d, want := range map[string]bool{orphan: false, nolock: false, young: true, live: true} {
		if _, err := os.Stat(d); (err == nil) != want {
			t.Errorf("%s exists = %v, want %v", filepath.Base(d), err == nil, want)
		}
	}
}
