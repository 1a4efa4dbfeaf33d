package tui

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func TestWatcherDebouncesAndFilters(t *testing.T) {
	root := t.TempDir()
	a := filepath.Join(root, "exercises", "01-a", "a.go")
	b := filepath.Join(root, "exercises", "02-b", "b.go")
	for _, p := range []string{a, b} {
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte("package a\n"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	sup := newSupervisor(context.Background())
	defer func() {
		if err := sup.shutdown(); err != nil {
			t.Error(err)
		}
	}()
	started := startWatcher(sup, []watchTarget{{"01-a", a}, {"02-b", b}})
	if started.err != nil {
		t.Fatal(started.err)
	}
	next := func() (fileChangedMsg, bool) {
		select {
		case m := <-started.changes:
			return m, true
		case <-time.After(3 * debounce):
			return fileChangedMsg{}, false
		}
	}

	// A burst of writes is one change.
	for i := 0; i < 5; i++ {
		if err := os.WriteFile(a, []byte("package a\n// edit "+string(rune('0'+i))+"\n"), 0o644); err != nil {
			t.Fatal(err)
		}
		time.Sleep(10 * time.Millisecond)
	}
	// On a loaded machine a pause inside one os.WriteFile (truncate, then
	// write) can outlast the debounce, so a burst may surface as two events;
	// it must never be one per write, and the last must be the final content.
	var events []fileChangedMsg
	for {
		m, ok := next()
		if !ok {
			break
		}
		events = append(events, m)
	}
	if len(events) == 0 || len(events) > 2 {
		t.Fatalf("a burst of 5 writes gave %d events: %+v", len(events), events)
	}
	if last := events[len(events)-1]; last.slug != "01-a" || last.hash != exerciseHash(filepath.Dir(a), a) {
		t.Fatalf("burst: last event %+v is not the final content", last)
	}

	// Saving by rename (vim, JetBrains) is seen.
	tmp := b + ".tmp"
	if err := os.WriteFile(tmp, []byte("package b\n// renamed\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Rename(tmp, b); err != nil {
		t.Fatal(err)
	}
	if m, ok := next(); !ok || m.slug != "02-b" || m.hash != exerciseHash(filepath.Dir(b), b) {
		t.Fatalf("rename: %+v %v", m, ok)
	}

	// Other files, and mode changes, are not.
	if err := os.WriteFile(filepath.Join(filepath.Dir(a), "notes.txt"), []byte("x"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(a, 0o600); err != nil {
		t.Fatal(err)
	}
	if m, ok := next(); ok {
		t.Fatalf("reported %+v", m)
	}

	// A deleted file reports an empty hash.
	if err := os.Remove(a); err != nil {
		t.Fatal(err)
	}
	if m, ok := next(); !ok || m.hash != "" {
		t.Fatalf("remove: %+v %v", m, ok)
	}
}

func TestWatcherCannotStart(t *testing.T) {
	sup := newSupervisor(context.Background())
	defer sup.shutdown()
	msg := startWatcher(sup, []watchTarget{{"01-a", filepath.Join(t.TempDir(), "missing", "a.go")}})
	if msg.err == nil {
		t.Fatal("watching a missing directory succeeded")
	}
	// The learner is told to press r.
	h, _, _ := standard(t)
	h.size(100, 30)
	h.send(watchStartedMsg{err: msg.err})
	if s := h.screen(); !strings.Contains(s, "press r") {
		t.Fatalf("no advice:\n%s", s)
	}
}

// Item 6 of issue 12: every file the grader compiles counts, not only the
// main one (a broken helper.go must not leave "✓ Passed" on screen); the
// learner's own tests do not (grading leaves them out), nor editor files.
func TestWatcherWholeFolder(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "exercises", "01-a")
	a := filepath.Join(dir, "a.go")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(a, []byte("package a\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	sup := newSupervisor(context.Background())
	defer func() {
		if err := sup.shutdown(); err != nil {
			t.Error(err)
		}
	}()
	started := startWatcher(sup, []watchTarget{{"01-a", a}})
	if started.err != nil {
		t.Fatal(started.err)
	}
	next := func() (fileChangedMsg, bool) {
		select {
		case m := <-started.changes:
			return m, true
		case <-time.After(4 * debounce):
			return fileChangedMsg{}, false
		}
	}
	before := exerciseHash(dir, a)
	helper := filepath.Join(dir, "helper.go")
	if err := os.WriteFile(helper, []byte("package a\n\nfunc broken( {\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	m, ok := next()
	if !ok || m.slug != "01-a" || m.hash == "" || m.hash == before {
		t.Fatalf("saving helper.go: %+v %v (hash before %s)", m, ok, before)
	}
	for ok { // a second event of the same burst
		_, ok = next()
	}
	for _, name := range []string{"a_test.go", ".#a.go", "_scratch.go", "a.go~", "notes.md"} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte("x"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if m, ok := next(); ok {
		t.Fatalf("a file the grader leaves out was reported: %+v", m)
	}
	if h := exerciseHash(dir, a); h != m.hash {
		t.Fatalf("ungraded files changed the digest: %s then %s", m.hash, h)
	}
	if err := os.Remove(helper); err != nil {
		t.Fatal(err)
	}
	if m, ok := next(); !ok || m.hash != before {
		t.Fatalf("removing helper.go: %+v %v, want the digest of a.go alone", m, ok)
	}
}
