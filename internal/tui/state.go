package tui

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"sync"

	tea "charm.land/bubbletea/v2"

	"github.com/gocourse/gocourse/internal/atomicfile"
	"github.com/gocourse/gocourse/internal/progress"
)

// stateName is the interface's own small file in the workspace's
// .gocourse/: the lesson last viewed, so a restart opens it again.
const stateName = "tui.json"

type uiState struct {
	Lesson string `json:"lesson"` // slug
}

func statePath(root string) string { return filepath.Join(root, progress.Dir, stateName) }

// lastLesson is the slug of the lesson last viewed in the workspace at
// root, "" when there is none (or the file cannot be read: it only saves a
// few keys).
func lastLesson(root string) string {
	if root == "" {
		return ""
	}
	data, err := os.ReadFile(statePath(root))
	if err != nil {
		return ""
	}
	var st uiState
	if json.Unmarshal(data, &st) != nil {
		return ""
	}
	return st.Lesson
}

// stateWriter writes the state file from commands that may run in any
// order: each writes the latest value, under a lock, so the last write is
// always of the lesson now viewed.
type stateWriter struct {
	mu   sync.Mutex
	want string
}

func (w *stateWriter) set(slug string) {
	w.mu.Lock()
	w.want = slug
	w.mu.Unlock()
}

func (w *stateWriter) write(root string) {
	w.mu.Lock()
	defer w.mu.Unlock()
	data, _ := json.Marshal(uiState{Lesson: w.want})
	_ = atomicfile.Write(statePath(root), append(data, '\n'), 0o644)
}

// rememberLesson writes the lesson now viewed, atomically (two TUIs on one
// workspace: the last one wins, never a torn file). A failure is not worth
// a message.
func (m *Model) rememberLesson() tea.Cmd {
	l := m.lesson()
	if l == nil || m.cfg.Root == "" || m.remembered == l.Slug {
		return nil
	}
	m.remembered = l.Slug
	m.stateW.set(l.Slug)
	root, w := m.cfg.Root, &m.stateW
	return m.sup.cmd(func(context.Context) tea.Msg {
		w.write(root)
		return nil
	})
}
