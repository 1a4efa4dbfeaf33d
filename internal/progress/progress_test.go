package progress

import (
	"os"
	"os/exec"
	"path/filepath"
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
	// No temp files remain beside the progress file.
	entries, _ := os.ReadDir(filepath.Join(root, Dir))
	if len(entries) != 1 {
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
