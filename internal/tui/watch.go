package tui

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"os"
	"path/filepath"
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

// fileChangedMsg says an exercise file was saved; hash is its content's
// digest, "" when the file is gone.
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

// watchTarget is one exercise file to watch.
type watchTarget struct {
	slug string
	path string // absolute
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
	bySlug := map[string]string{} // path -> slug
	dirs := map[string]bool{}
	var firstErr error
	for _, tg := range targets {
		bySlug[tg.path] = tg.slug
		dir := filepath.Dir(tg.path)
		if dirs[dir] {
			continue
		}
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
	if !sup.goroutine(func(ctx context.Context) { watchLoop(ctx, w, bySlug, dirs, out) }) {
		w.Close()
		return watchStartedMsg{err: context.Canceled}
	}
	return watchStartedMsg{changes: out}
}

// watchLoop turns fsnotify events into debounced fileChangedMsgs. It closes
// the watcher when ctx is done.
func watchLoop(ctx context.Context, w *fsnotify.Watcher, bySlug map[string]string, dirs map[string]bool, out chan<- fileChangedMsg) {
	defer w.Close()
	pending := map[string]bool{} // paths with events not yet reported
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
			if _, ok := bySlug[name]; !ok || ev.Op == fsnotify.Chmod {
				continue // another file, or only its mode changed
			}
			pending[name] = true
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
				for p := range bySlug { // the files came back with it
					if filepath.Dir(p) == dir {
						pending[p] = true
					}
				}
			}
			if len(lost) > 0 {
				timer.Reset(time.Second) // try again
			}
			for p := range pending {
				delete(pending, p)
				msg := fileChangedMsg{slug: bySlug[p], hash: fileHash(p), watched: true}
				select {
				case out <- msg:
				case <-ctx.Done():
					return
				}
			}
		}
	}
}

// fileHash is the digest of the file at p, "" if it cannot be read.
func fileHash(p string) string {
	data, err := os.ReadFile(p)
	if err != nil {
		return ""
	}
	sum := sha256.Sum256(data)
	return hex.EncodeToString(sum[:8])
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
