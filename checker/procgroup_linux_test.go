package checker

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"
)

// census lists the live processes whose environment holds marker (every
// process a grading starts inherits it), with their names.
func census(marker string) map[int]string {
	found := map[int]string{}
	entries, _ := os.ReadDir("/proc")
	for _, e := range entries {
		pid, err := strconv.Atoi(e.Name())
		if err != nil || pid == os.Getpid() {
			continue
		}
		env, err := os.ReadFile(filepath.Join("/proc", e.Name(), "environ"))
		if err != nil || !strings.Contains(string(env), marker) {
			continue
		}
		argv, _ := os.ReadFile(filepath.Join("/proc", e.Name(), "cmdline"))
		name, _, _ := strings.Cut(string(argv), "\x00")
		found[pid] = filepath.Base(name)
	}
	return found
}

// TestKill9LeavesNothingBehind kills a grading gocourse with SIGKILL while
// the learner's code spins (an infinite loop, 2 minutes from its limit) and
// checks that within a second no process of the grading is alive and its
// folder is gone: the go command dies of its parent-death signal, the test
// binary of its broken lifeline, which also removes the folder.
func TestKill9LeavesNothingBehind(t *testing.T) {
	if dir := os.Getenv("GOCOURSE_KILL9_CHILD"); dir != "" {
		lesson, course := selftestLesson(t)
		lesson.TimeLimit = 2 * time.Minute
		Grade(context.Background(), Request{Lesson: lesson, Course: course, Lang: "en", Dir: dir, Display: "exercises/00-selftest"})
		os.Exit(0)
	}
	if testing.Short() {
		t.Skip("grades in a child process")
	}
	// An infinite loop in a test, and one in the learner's init(), which
	// runs before any TestMain: the kit takes its lifeline in its own init.
	initLoop := t.TempDir()
	sum, err := os.ReadFile(filepath.Join(repoRoot(t), "go.sum"))
	if err != nil {
		t.Fatal(err)
	}
	os.WriteFile(filepath.Join(initLoop, "go.sum"), sum, 0o644)
	os.WriteFile(filepath.Join(initLoop, "go.mod"), []byte("module x\n\ngo 1.25\n\nrequire go.uber.org/goleak v1.3.0\n"), 0o644)
	os.WriteFile(filepath.Join(initLoop, "sample.go"), []byte("package sample\n\nvar n int\n\nfunc init() {\n\tfor {\n\t\tn++\n\t}\n}\n\nfunc Add(a, b int) int { return a + b }\n"), 0o644)
	for name, dir := range map[string]string{
		"loop-in-test": filepath.Join(repoRoot(t), "checker/testdata/selftest/fixtures/infinite-loop"),
		"loop-in-init": initLoop,
	} {
		t.Run(name, func(t *testing.T) { kill9(t, dir) })
	}
}

func kill9(t *testing.T, dir string) {
	tmp := t.TempDir()
	marker := fmt.Sprintf("GOCOURSE_CENSUS=kill9-%d", time.Now().UnixNano())
	cmd := exec.Command(os.Args[0], "-test.run=^TestKill9LeavesNothingBehind$")
	cmd.Env = append(os.Environ(), "GOCOURSE_KILL9_CHILD="+dir, "TMPDIR="+tmp, marker)
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	defer cmd.Process.Kill()
	// Wait until the learner's code runs: the test binary is up.
	deadline := time.Now().Add(90 * time.Second) // a cold build cache compiles the race runtime
	for {
		procs := census(marker)
		running := false
		for pid, name := range procs {
			if pid != cmd.Process.Pid && strings.HasSuffix(name, ".test") {
				running = true
			}
		}
		if running {
			t.Logf("before kill -9: %v", procs)
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("the grading's test binary never started; processes: %v", procs)
		}
		time.Sleep(50 * time.Millisecond)
	}
	dirs, _ := filepath.Glob(filepath.Join(tmp, gradingPrefix+"*"))
	if len(dirs) != 1 {
		t.Fatalf("grading folders before the kill: %v", dirs)
	}
	killed := time.Now()
	if err := cmd.Process.Signal(syscall.SIGKILL); err != nil {
		t.Fatal(err)
	}
	_ = cmd.Wait()
	for {
		procs := census(marker)
		dirs, _ := filepath.Glob(filepath.Join(tmp, gradingPrefix+"*"))
		if len(procs) == 0 && len(dirs) == 0 {
			t.Logf("nothing left %v after kill -9", time.Since(killed).Round(time.Millisecond))
			return
		}
		if time.Since(killed) > time.Second {
			for pid := range procs {
				_ = syscall.Kill(pid, syscall.SIGKILL)
			}
			t.Fatalf("a second after kill -9: processes %v, folders %v", procs, dirs)
		}
		time.Sleep(20 * time.Millisecond)
	}
}
