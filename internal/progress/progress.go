// Package progress records, in the workspace, which lessons a learner passed,
// how many attempts it took and which failures they met. The file is written
// atomically (temp file, fsync, rename), so a crash or kill -9 leaves either
// the old progress or the new one, never a torn file.
package progress

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sync"
	"time"

	"github.com/gocourse/gocourse/internal/atomicfile"
)

// Lesson is one lesson's record.
type Lesson struct {
	Attempts     int            `json:"attempts"`
	FirstAttempt time.Time      `json:"first_attempt,omitzero"`
	LastAttempt  time.Time      `json:"last_attempt,omitzero"`
	PassedAt     time.Time      `json:"passed_at,omitzero"`
	Failures     map[string]int `json:"failures,omitempty"` // by kind
}

// Passed reports whether the lesson was ever passed.
func (l Lesson) Passed() bool { return !l.PassedAt.IsZero() }

// Store is the progress file of one workspace. Safe for concurrent use.
type Store struct {
	path string
	mu   sync.Mutex
	data struct {
		Version int                `json:"version"`
		Started time.Time          `json:"started,omitzero"`
		Lessons map[string]*Lesson `json:"lessons"`
	}
	now func() time.Time
}

// Dir is where gocourse keeps its state inside a workspace.
const Dir = ".gocourse"

// Open reads the progress of the workspace at root (empty if none yet).
func Open(root string) (*Store, error) {
	s := &Store{path: filepath.Join(root, Dir, "progress.json"), now: time.Now}
	s.data.Version = 1
	s.data.Lessons = map[string]*Lesson{}
	removeStaleTemps(s.path)
	b, err := os.ReadFile(s.path)
	if errors.Is(err, fs.ErrNotExist) {
		return s, nil
	}
	if err != nil {
		return nil, err
	}
	if err := json.Unmarshal(b, &s.data); err != nil {
		// Never lose it: keep the unreadable file aside and start afresh.
		aside := s.path + ".corrupt-" + time.Now().Format("20060102-150405")
		_ = os.Rename(s.path, aside)
		return s, fmt.Errorf("%s could not be read (%v); it was kept as %s and progress starts afresh", s.path, err, aside)
	}
	if s.data.Lessons == nil {
		s.data.Lessons = map[string]*Lesson{}
	}
	return s, nil
}

// removeStaleTemps deletes temp files a killed writer left beside path.
func removeStaleTemps(path string) {
	stale, _ := filepath.Glob(filepath.Join(filepath.Dir(path), "."+filepath.Base(path)+".tmp-*"))
	for _, p := range stale {
		if st, err := os.Stat(p); err == nil && time.Since(st.ModTime()) > time.Minute {
			_ = os.Remove(p)
		}
	}
}

// FirstRun reports whether nothing was ever recorded here.
func (s *Store) FirstRun() bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.data.Started.IsZero()
}

// Get returns a copy of a lesson's record.
func (s *Store) Get(slug string) Lesson {
	s.mu.Lock()
	defer s.mu.Unlock()
	if l := s.data.Lessons[slug]; l != nil {
		c := *l
		return c
	}
	return Lesson{}
}

// Passed reports whether the lesson was ever passed.
func (s *Store) Passed(slug string) bool { return s.Get(slug).Passed() }

// Record notes one grading of a lesson and saves.
func (s *Store) Record(slug string, passed bool, failureKinds []string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	now := s.now().UTC()
	if s.data.Started.IsZero() {
		s.data.Started = now
	}
	l := s.data.Lessons[slug]
	if l == nil {
		l = &Lesson{FirstAttempt: now}
		s.data.Lessons[slug] = l
	}
	l.Attempts++
	l.LastAttempt = now
	if passed && l.PassedAt.IsZero() {
		l.PassedAt = now
	}
	for _, k := range failureKinds {
		if l.Failures == nil {
			l.Failures = map[string]int{}
		}
		l.Failures[k]++
	}
	return s.save()
}

// Touch marks the workspace as started (the welcome was shown) and saves.
func (s *Store) Touch() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.data.Started.IsZero() {
		s.data.Started = s.now().UTC()
	}
	return s.save()
}

func (s *Store) save() error {
	b, err := json.MarshalIndent(&s.data, "", "  ")
	if err != nil {
		return err
	}
	return atomicfile.Write(s.path, append(b, '\n'), 0o644)
}
