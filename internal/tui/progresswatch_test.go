package tui

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// A pass recorded by another process (`gocourse check` in another terminal,
// another TUI) shows in an open TUI within a second, without a restart; the
// Notice the command line hands over (a progress file kept aside) is shown.
func TestPassRecordedElsewhereShows(t *testing.T) {
	var file string
	h, _, p := standard(t, func(c *Config) {
		file = filepath.Join(c.Root, ".gocourse", "progress.json")
		if err := os.MkdirAll(filepath.Dir(file), 0o755); err != nil {
			t.Fatal(err)
		}
		c.ProgressFile = file
		c.Notice = "warning: progress.json could not be read; it was kept as progress.json.corrupt-1-2"
	})
	h.size(100, 30)
	h.until("the lesson", func(m *Model) bool { return h.rendered() })
	if s := h.screen(); !strings.Contains(s, "kept as progress.json.corrupt-1-2") {
		t.Errorf("the notice is not on screen:\n%s", s)
	}
	h.drain(200 * time.Millisecond) // the watcher is up
	slug := h.m.lessons[2].Slug
	if h.m.passed[slug] {
		t.Fatal("passed before anyone passed it")
	}
	// The other process: it records the pass, then renames the new file in.
	p.mu.Lock()
	p.passed[slug] = true
	p.mu.Unlock()
	tmp := file + ".tmp"
	os.WriteFile(tmp, []byte(`{"version":1}`), 0o644)
	start := time.Now()
	if err := os.Rename(tmp, file); err != nil {
		t.Fatal(err)
	}
	h.until("the pass made elsewhere", func(m *Model) bool { return m.passed[slug] })
	if d := time.Since(start); d > time.Second {
		t.Errorf("the pass showed after %v, want within a second", d)
	}
	if s := h.screen(); !strings.Contains(s, "1/6") {
		t.Errorf("the header does not count it:\n%s", s)
	}
}

// A lesson whose exercise file is gone says so at start, before any grading.
func TestMissingExerciseSaidAtStart(t *testing.T) {
	h, _, _ := standard(t, func(c *Config) {
		l := c.Catalog.Lessons[0]
		if err := os.Remove(filepath.Join(c.Root, filepath.FromSlash(l.ExercisePath()))); err != nil {
			t.Fatal(err)
		}
	})
	if !strings.Contains(h.m.status, "is missing") {
		t.Errorf("status at start: %q", h.m.status)
	}
}
