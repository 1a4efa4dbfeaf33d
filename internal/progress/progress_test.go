package progress

import (
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"
)

func TestRecordAndReopen(t *testing.T) {
	root := t.TempDir()
	s, err := Open(root)
	if err != nil {
		t.Fatal(err)
	}
	if !s.FirstRun() {
		t.Error("a new workspace should be a first run")
	}
	if err := s.Record("04-search-timeout", false, []string{"leak", "test"}); err != nil {
		t.Fatal(err)
	}
	if err := s.Record("04-search-timeout", true, nil); err != nil {
		t.Fatal(err)
	}
	s2, err := Open(root)
	if err != nil {
		t.Fatal(err)
	}
	got := s2.Get("04-search-timeout")
	if !got.Passed() || got.Attempts != 2 || got.Failures["leak"] != 1 || s2.FirstRun() {
		t.Errorf("reopened progress = %+v", got)
	}
	// No temp files remain beside the progress file and its lock.
	entries, _ := os.ReadDir(filepath.Join(root, Dir))
	if len(entries) != 2 {
		t.Errorf("files in %s: %v", Dir, entries)
	}
}

// A torn or hand-broken file is kept aside, never silently overwritten.
func TestCorruptFileIsKeptAside(t *testing.T) {
	root := t.TempDir()
	p := filepath.Join(root, Dir, "progress.json")
	os.MkdirAll(filepath.Dir(p), 0o755)
	os.WriteFile(p, []byte(`{"lessons": {"01`), 0o644)
	s, err := Open(root)
	if err == nil || !strings.Contains(err.Error(), "corrupt") {
		t.Fatalf("want an error naming the kept copy, got %v", err)
	}
	if s == nil || s.Passed("01-busy-main") {
		t.Fatal("a fresh store should come back")
	}
	m, _ := filepath.Glob(p + ".corrupt-*")
	if len(m) != 1 {
		t.Errorf("corrupt copy not kept: %v", m)
	}
}

// TestSurvivesKill9 kills a process in the middle of writing progress, many
// times over, and checks the file always reads back whole.
func TestSurvivesKill9(t *testing.T) {
	if os.Getenv("GOCOURSE_PROGRESS_WRITER") != "" {
		s, _ := Open(os.Getenv("GOCOURSE_PROGRESS_WRITER"))
		for i := 0; ; i++ {
			kinds := []string{strings.Repeat("x", i%5000)} // vary the size
			_ = s.Record("01-busy-main", i%2 == 0, kinds)
		}
	}
	root := t.TempDir()
	for i := range 10 {
		cmd := exec.Command(os.Args[0], "-test.run=^TestSurvivesKill9$")
		cmd.Env = append(os.Environ(), "GOCOURSE_PROGRESS_WRITER="+root)
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		time.Sleep(time.Duration(50+i*17) * time.Millisecond)
		_ = cmd.Process.Kill() // SIGKILL: no chance to clean up
		_ = cmd.Wait()
		s, err := Open(root)
		if err != nil {
			t.Fatalf("after kill -9 number %d: %v", i+1, err)
		}
		if i > 2 && s.Get("01-busy-main").Attempts == 0 {
			t.Fatalf("after kill -9 number %d: no attempts recorded", i+1)
		}
	}
}

// TestMergeAcrossProcesses runs several writer processes at once (the test
// binary re-executed: think `gocourse check` and two TUIs on one workspace),
// each with two stores of its own, and checks that nothing was lost: every
// pass any of them recorded is there and the attempts add up.
func TestMergeAcrossProcesses(t *testing.T) {
	const procs, perStore = 4, 15
	if root := os.Getenv("GOCOURSE_PROGRESS_MERGE"); root != "" {
		id := os.Getenv("GOCOURSE_PROGRESS_ID")
		done := make(chan error, 2)
		for k := range 2 {
			go func() {
				s, err := Open(root)
				if err != nil {
					done <- err
					return
				}
				for i := range perStore {
					// Distinct content each time: every one is an attempt.
					h := fmt.Sprintf("%s-%d-%d", id, k, i)
					if err := s.Add("03-done-stop", Grading{Failures: []string{"leak"}, Hash: h}); err != nil {
						done <- err
						return
					}
				}
				// Each writer passes a lesson of its own.
				done <- s.Add("pass-"+id+"-"+strconv.Itoa(k), Grading{Passed: true, Hash: "p"})
			}()
		}
		for range 2 {
			if err := <-done; err != nil {
				fmt.Fprintln(os.Stderr, "writer:", err)
				os.Exit(3)
			}
		}
		os.Exit(0)
	}
	root := t.TempDir()
	// A pass recorded before the writers start must survive them all.
	s, err := Open(root)
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Add("03-done-stop", Grading{Passed: true, Hash: "first"}); err != nil {
		t.Fatal(err)
	}
	var cmds []*exec.Cmd
	for i := range procs {
		cmd := exec.Command(os.Args[0], "-test.run=^TestMergeAcrossProcesses$")
		cmd.Env = append(os.Environ(), "GOCOURSE_PROGRESS_MERGE="+root, "GOCOURSE_PROGRESS_ID="+strconv.Itoa(i))
		cmd.Stderr = os.Stderr
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		cmds = append(cmds, cmd)
	}
	for _, c := range cmds {
		if err := c.Wait(); err != nil {
			t.Fatalf("writer process: %v", err)
		}
	}
	// The store opened before sees the others' writes without reopening.
	got := s.Get("03-done-stop")
	if want := 1 + procs*2*perStore; got.Attempts != want || got.Failures["leak"] != procs*2*perStore {
		t.Errorf("attempts = %d, leak failures = %d; want %d and %d", got.Attempts, got.Failures["leak"], want, procs*2*perStore)
	}
	if !got.Passed() {
		t.Error("the pass recorded before the writers started was lost")
	}
	for i := range procs {
		for k := range 2 {
			if slug := fmt.Sprintf("pass-%d-%d", i, k); !s.Passed(slug) {
				t.Errorf("the pass of writer %d/%d (%s) was lost", i, k, slug)
			}
		}
	}
}

// Grading the same content again (a language switch, a second check of an
// unchanged file, verify) is no new attempt; a changed file is.
func TestAttemptsCountChangedContent(t *testing.T) {
	s, err := Open(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	add := func(g Grading) {
		t.Helper()
		if err := s.Add("05-x", g); err != nil {
			t.Fatal(err)
		}
	}
	add(Grading{Failures: []string{"race"}, Hash: "a"})
	add(Grading{Failures: []string{"race"}, Hash: "a"}) // re-graded in the other language
	add(Grading{Failures: []string{"race"}, Hash: "b"}) // edited
	add(Grading{Passed: true, Hash: "c", NoAttempt: true})
	got := s.Get("05-x")
	if got.Attempts != 2 || got.Failures["race"] != 2 || !got.Passed() {
		t.Errorf("got %+v; want 2 attempts, 2 race failures, passed", got)
	}
}

// Two corrupt files moved aside in the same second keep distinct names.
func TestCorruptCopiesNeverCollide(t *testing.T) {
	root := t.TempDir()
	p := filepath.Join(root, Dir, FileName)
	os.MkdirAll(filepath.Dir(p), 0o755)
	var asides []string
	for i := range 2 {
		os.WriteFile(p, []byte(`{"lessons": `+strconv.Itoa(i)), 0o644)
		_, err := Open(root)
		var ce *CorruptError
		if !errors.As(err, &ce) || ce.Aside == "" {
			t.Fatalf("Open = %v, want a CorruptError naming the copy", err)
		}
		asides = append(asides, ce.Aside)
	}
	m, _ := filepath.Glob(p + ".corrupt-*")
	if len(m) != 2 || asides[0] == asides[1] {
		t.Errorf("copies %v (names %v): want two", m, asides)
	}
}

// A file from a newer gocourse is read, shown and never written.
func TestNewerVersionIsReadOnly(t *testing.T) {
	root := t.TempDir()
	p := filepath.Join(root, Dir, FileName)
	os.MkdirAll(filepath.Dir(p), 0o755)
	orig := []byte(`{"version": 9, "lessons": {"01-busy-main": {"attempts": 2, "passed_at": "2026-01-02T03:04:05Z"}}, "future": true}`)
	os.WriteFile(p, orig, 0o644)
	s, err := Open(root)
	var ne *NewerError
	if !errors.As(err, &ne) || ne.Version != 9 {
		t.Fatalf("Open = %v, want a NewerError", err)
	}
	if !s.Passed("01-busy-main") {
		t.Error("the newer file's passes should still show")
	}
	if err := s.Add("01-busy-main", Grading{Passed: true}); !errors.As(err, &ne) {
		t.Errorf("Add on a newer file = %v, want a NewerError", err)
	}
	if b, _ := os.ReadFile(p); string(b) != string(orig) {
		t.Errorf("the newer file was changed:\n%s", b)
	}
}
