package tui

import (
	"context"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/fsnotify/fsnotify"
)

// progressDebounce is how long the progress watcher waits after the last
// event on the progress file: a writer's temp-file-and-rename is a burst of
// a few events. Well under the second within which a pass recorded by
// `gocourse check` or another TUI must show.
var progressDebounce = 50 * time.Millisecond

// progressChangedMsg carries the passes as the progress file holds them now,
// read off the UI goroutine.
type progressChangedMsg struct {
	passed map[string]bool
	next   tea.Cmd // waits for the next change
}

// watchProgress returns a command that waits for the next change of the
// progress file at path (written by another process: `gocourse check`,
// another TUI) and reports the passes it holds. The watch is on the file's
// directory (writers rename a new file over it) and belongs to sup. nil when
// there is nothing to watch.
func (m *Model) watchProgress(path string) tea.Cmd {
	if path == "" {
		return nil
	}
	sup, prog := m.sup, m.progress
	slugs := make([]string, len(m.lessons))
	for i, l := range m.lessons {
		slugs[i] = l.Slug
	}
	changes := make(chan struct{}, 1)
	var next tea.Cmd
	next = sup.cmd(func(ctx context.Context) tea.Msg {
		select {
		case <-changes:
		case <-ctx.Done():
			return nil
		}
		passed := make(map[string]bool, len(slugs))
		for _, s := range slugs {
			passed[s] = prog.passed(s)
		}
		return progressChangedMsg{passed: passed, next: next}
	})
	return sup.cmd(func(context.Context) tea.Msg {
		w, err := fsnotify.NewWatcher()
		if err != nil {
			return nil // the header then updates after this TUI's own gradings only
		}
		if err := w.Add(filepath.Dir(path)); err != nil {
			w.Close()
			return nil
		}
		if !sup.goroutine(func(ctx context.Context) { progressWatchLoop(ctx, w, path, changes) }) {
			w.Close()
			return nil
		}
		return next()
	})
}

// progressWatchLoop signals changes (coalesced) for events on path, until
// ctx is done; it closes w.
func progressWatchLoop(ctx context.Context, w *fsnotify.Watcher, path string, changes chan<- struct{}) {
	defer w.Close()
	path = filepath.Clean(path)
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
			if filepath.Clean(ev.Name) == path && ev.Op != fsnotify.Chmod {
				timer.Reset(progressDebounce)
			}
		case _, ok := <-w.Errors:
			if !ok {
				return
			}
		case <-timer.C:
			select {
			case changes <- struct{}{}:
			default: // one is pending already
			}
		}
	}
}

// onProgressChanged shows passes recorded elsewhere. A pass never goes away
// here: once recorded it stays recorded.
func (m *Model) onProgressChanged(msg progressChangedMsg) tea.Cmd {
	changed := false
	for slug, p := range msg.passed {
		if p && !m.passed[slug] {
			m.passed[slug] = true
			changed = true
		}
	}
	var cmds []tea.Cmd
	if changed && m.screen == scrList {
		cmds = append(cmds, m.list.setItems(m.lessons, m.passed, m.cur))
	}
	return tea.Batch(append(cmds, msg.next)...)
}

// fileMissing reports whether nothing is at p (not: p cannot be read).
func fileMissing(p string) bool {
	_, err := os.Stat(p)
	return errors.Is(err, fs.ErrNotExist)
}
