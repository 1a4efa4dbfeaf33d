package tui

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/fsnotify/fsnotify"
)

// debounce is how long the watcher waits after the last event on a file
// before reporting it: editors save in bursts (write, chmod, rename) that
// last a few milliseconds. It is part of save-to-verdict time, so it is kept
// short; a save split wider than this is only graded twice, the latest
// grading winning.
var debounce = 80 * time.Millisecond

// fileChangedMsg says a Go file of an exercise folder was saved (or
// removed); hash is the digest of the files the grader compiles (see
// exerciseHash), "" when the lesson's main file is gone.
type fileChangedMsg struct {
	slug    string
	hash    string
	watched bool // from the watcher (not from the editor's return)
}

// watchStartedMsg reports whether the watcher runs.
type watchStartedMsg struct {
	changes <-chan fileChangedMsg
	err     error
}

// watchTarget is one exercise to watch: its main file; every graded file
// of the same folder counts.
type watchTarget struct {
	slug string
	path string // absolute path of the main file
}

// graded reports whether the grader compiles a file of that name into the
// learner's package: a .go file that is not a test (the learner's own
// _test.go files are left out of grading) and that go does not ignore
// (names starting with "." or "_", which also covers editors' lock files
// such as emacs's .#main.go).
func graded(name string) bool {
	return strings.HasSuffix(name, ".go") && !strings.HasSuffix(name, "_test.go") &&
		!strings.HasPrefix(name, ".") && !strings.HasPrefix(name, "_")
}

// startWatcher watches the directories of targets (not the files: editors
// such as vim and JetBrains IDEs save by writing a new file and renaming it
// over the old one, which a watch on the file itself would lose). The
// watcher's goroutine is owned by sup and ends when sup shuts down.
func startWatcher(sup *supervisor, targets []watchTarget) watchStartedMsg {
	w, err := fsnotify.NewWatcher()
	if err != nil {
		return watchStartedMsg{err: err}
	}
	byDir := map[string]watchTarget{} // exercise directory -> its lesson
	dirs := map[string]bool{}
	var firstErr error
	for _, tg := range targets {
		dir := filepath.Dir(tg.path)
		if _, dup := byDir[dir]; dup {
			continue
		}
		byDir[dir] = tg
		if err := w.Add(dir); err != nil {
			if firstErr == nil {
				firstErr = err
			}
			continue
		}
		dirs[dir] = true
	}
	if len(dirs) == 0 {
		w.Close()
		if firstErr == nil {
			firstErr = errors.New("nothing to watch")
		}
		return watchStartedMsg{err: firstErr}
	}
	out := make(chan fileChangedMsg, 16)
	if !sup.goroutine(func(ctx context.Context) { watchLoop(ctx, w, byDir, dirs, out) }) {
		w.Close()
		return watchStartedMsg{err: context.Canceled}
	}
	return watchStartedMsg{changes: out}
}

// watchLoop turns fsnotify events into debounced fileChangedMsgs, one per
// exercise folder. It closes the watcher when ctx is done.
func watchLoop(ctx context.Context, w *fsnotify.Watcher, byDir map[string]watchTarget, dirs map[string]bool, out chan<- fileChangedMsg) {
	defer w.Close()
	pending := map[string]bool{} // exercise directories with events not yet reported
	lost := map[string]bool{}    // watched directories that went away
	timer := time.NewTimer(time.Hour)
	timer.Stop()
	defer timer.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case ev, ok := <-w.Events:
			if !ok {
				return
			}
			name := filepath.Clean(ev.Name)
			if dirs[name] && ev.Has(fsnotify.Remove|fsnotify.Rename) {
				lost[name] = true // the directory itself was replaced
				timer.Reset(debounce)
				continue
			}
			dir := filepath.Dir(name)
			if _, ok := byDir[dir]; !ok || !graded(filepath.Base(name)) || ev.Op == fsnotify.Chmod {
				continue // another file, or only its mode changed
			}
			pending[dir] = true
			timer.Reset(debounce)
		case _, ok := <-w.Errors:
			if !ok {
				return
			}
			// An overflow or a read error: nothing to report to the learner
			// that r cannot fix; keep watching.
		case <-timer.C:
			for dir := range lost {
				if w.Add(dir) != nil {
					continue
				}
				delete(lost, dir)
				pending[dir] = true // the files came back with it
			}
			if len(lost) > 0 {
				timer.Reset(time.Second) // try again
			}
			for dir := range pending {
				delete(pending, dir)
				tg := byDir[dir]
				msg := fileChangedMsg{slug: tg.slug, hash: exerciseHash(dir, tg.path), watched: true}
				select {
				case out <- msg:
				case <-ctx.Done():
					return
				}
			}
		}
	}
}

// exerciseHash is the digest of what the grader compiles from an exercise
// folder: the names and contents of its graded files (see graded). It is
// "" when the main file cannot be read.
func exerciseHash(dir, main string) string {
	mainData, err := os.ReadFile(main)
	if err != nil {
		return ""
	}
	h := sha256.New()
	entries, _ := os.ReadDir(dir) // sorted by name
	for _, e := range entries {
		if e.IsDir() || !graded(e.Name()) {
			continue
		}
		data := mainData
		if p := filepath.Join(dir, e.Name()); p != main {
			if data, err = os.ReadFile(p); err != nil {
				continue // gone meanwhile
			}
		}
		fmt.Fprintf(h, "%s\x00%d\x00", e.Name(), len(data))
		h.Write(data)
	}
	return hex.EncodeToString(h.Sum(nil)[:8])
}

// listen waits for the next file change; the root model asks again after
// each one.
func listen(ch <-chan fileChangedMsg) func(ctx context.Context) tea.Msg {
	return func(ctx context.Context) tea.Msg {
		select {
		case m := <-ch:
			return m
		case <-ctx.Done():
			return nil
		}
	}
}
