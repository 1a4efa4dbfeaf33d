// Package progress records, in the workspace, which lessons a learner passed,
// how many attempts it took and which failures they met.
//
// Several processes share the file: `gocourse check` in one terminal, the
// course's TUI in another, maybe a second TUI. Every write is a
// read-merge-write under a cross-process lock (.gocourse/progress.lock, an
// flock/LockFileEx lock taken with github.com/gofrs/flock): the writer reads
// the file as it is on disk now, adds its grading to it and writes it back, so
// a pass once recorded stays recorded and attempts from every process add up.
// The write itself is atomic (temp file, fsync, rename), so a crash or kill -9
// leaves either the old progress or the new one, never a torn file. Readers
// take no lock: they see the file before or after a rename, and reload it when
// it changed on disk.
package progress

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sync"
	"time"

	"github.com/gofrs/flock"

	"github.com/gocourse/gocourse/internal/atomicfile"
)

// Version is the format this build reads and writes. A file with a higher
// version was written by a newer gocourse: it is read as far as it can be,
// and never written.
const Version = 1

// Lesson is one lesson's record.
type Lesson struct {
	Attempts     int            `json:"attempts"`
	FirstAttempt time.Time      `json:"first_attempt,omitzero"`
	LastAttempt  time.Time      `json:"last_attempt,omitzero"`
	PassedAt     time.Time      `json:"passed_at,omitzero"`
	Failures     map[string]int `json:"failures,omitempty"` // by kind
	// LastHash is the content hash of the files last graded as an attempt:
	// grading the same content again (a language switch, a second check of
	// an unchanged file) is not another attempt.
	LastHash string `json:"last_hash,omitempty"`
}

// Passed reports whether the lesson was ever passed.
func (l Lesson) Passed() bool { return !l.PassedAt.IsZero() }

type fileData struct {
	Version int                `json:"version"`
	Started time.Time          `json:"started,omitzero"`
	Lessons map[string]*Lesson `json:"lessons"`
}

func emptyData() fileData { return fileData{Version: Version, Lessons: map[string]*Lesson{}} }

// Grading is one finished grading to add to a lesson's record.
type Grading struct {
	Passed   bool
	Failures []string // failure kinds
	// Hash is the content hash of the graded files ("" when unknown: then
	// every grading counts as an attempt).
	Hash string
	// NoAttempt records a pass without counting an attempt (`verify`, which
	// grades everything for CI, is not the learner trying).
	NoAttempt bool
}

// CorruptError says the progress file could not be read; it was kept aside
// under Aside and progress starts afresh.
type CorruptError struct {
	Path, Aside string
	Err         error
}

func (e *CorruptError) Error() string {
	return fmt.Sprintf("%s is corrupt and could not be read (%v); it was kept as %s and progress starts afresh", e.Path, e.Err, e.Aside)
}

func (e *CorruptError) Unwrap() error { return e.Err }

// NewerError says the progress file was written by a newer gocourse: it is
// shown but never written, so that nothing of it is lost.
type NewerError struct {
	Path    string
	Version int
}

func (e *NewerError) Error() string {
	return fmt.Sprintf("%s has format version %d, newer than this gocourse understands (%d): it is read-only here; update gocourse to record progress", e.Path, e.Version, Version)
}

// Store is the progress file of one workspace. Safe for concurrent use, in
// one process and across processes.
type Store struct {
	path  string
	lock  *flock.Flock
	mu    sync.Mutex
	data  fileData
	stamp os.FileInfo // of the file data was read from; nil if none
	// readOnly is set when the file is newer than this build.
	readOnly *NewerError
	now      func() time.Time
}

// Dir is where gocourse keeps its state inside a workspace.
const Dir = ".gocourse"

// FileName is the progress file's name inside Dir.
const FileName = "progress.json"

// lockTimeout bounds the wait for another process's write (which takes
// milliseconds); a lock held longer than this is reported, not waited for.
var lockTimeout = 10 * time.Second

// Open reads the progress of the workspace at root (empty if none yet). A
// corrupt file is kept aside and a fresh store returned with a
// *CorruptError; a newer file gives a read-only store and a *NewerError.
// Any other error returns a nil store.
func Open(root string) (*Store, error) {
	dir := filepath.Join(root, Dir)
	s := &Store{
		path: filepath.Join(dir, FileName),
		lock: flock.New(filepath.Join(dir, "progress.lock")),
		data: emptyData(),
		now:  time.Now,
	}
	removeStaleTemps(s.path)
	d, st, err := s.readDisk()
	switch {
	case err == nil:
		s.data, s.stamp = d, st
	case errors.As(err, new(*NewerError)):
		s.data, s.stamp = d, st
		s.readOnly = err.(*NewerError)
		return s, err
	case errors.As(err, new(*CorruptError)):
		// Keep it aside under the lock, so that two processes opening it at
		// once do not both move it (the second would move a fresh file).
		var notice error
		if lerr := s.locked(func() error {
			d, st, again := s.readDisk()
			var ce *CorruptError
			if !errors.As(again, &ce) {
				s.data, s.stamp = d, st // someone else dealt with it meanwhile
				return nil
			}
			notice = s.moveAside(ce)
			if !errors.As(notice, &ce) {
				return notice // it could not be moved
			}
			return nil
		}); lerr != nil {
			return nil, lerr
		}
		return s, notice
	default:
		return nil, err
	}
	return s, nil
}

// readDisk reads and decodes the file as it is now.
func (s *Store) readDisk() (fileData, os.FileInfo, error) {
	d := emptyData()
	f, err := os.Open(s.path)
	if errors.Is(err, fs.ErrNotExist) {
		return d, nil, nil
	}
	if err != nil {
		return d, nil, err
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return d, nil, err
	}
	b, err := io.ReadAll(f)
	if err != nil {
		return d, nil, err
	}
	var probe struct {
		Version int `json:"version"`
	}
	if err := json.Unmarshal(b, &probe); err != nil {
		return d, st, &CorruptError{Path: s.path, Err: err}
	}
	if probe.Version > Version {
		// Read what can be read (unknown fields are ignored, mistyped
		// ones left zero) to show it; never write it.
		_ = json.Unmarshal(b, &d)
		if d.Lessons == nil {
			d.Lessons = map[string]*Lesson{}
		}
		return d, st, &NewerError{Path: s.path, Version: probe.Version}
	}
	if err := json.Unmarshal(b, &d); err != nil {
		return emptyData(), st, &CorruptError{Path: s.path, Err: err}
	}
	if d.Lessons == nil {
		d.Lessons = map[string]*Lesson{}
	}
	for k, l := range d.Lessons {
		if l == nil {
			delete(d.Lessons, k)
		}
	}
	return d, st, nil
}

// moveAside renames the corrupt file to a name no other reset can take: the
// time in nanoseconds and this process's id.
func (s *Store) moveAside(ce *CorruptError) error {
	ce.Aside = fmt.Sprintf("%s.corrupt-%d-%d", s.path, time.Now().UnixNano(), os.Getpid())
	if err := os.Rename(s.path, ce.Aside); err != nil {
		return fmt.Errorf("%s is corrupt and could not be kept aside: %w", s.path, err)
	}
	return ce
}

// locked runs fn holding the cross-process lock.
func (s *Store) locked(fn func() error) error {
	if err := os.MkdirAll(filepath.Dir(s.path), 0o755); err != nil {
		return err
	}
	ctx, cancel := context.WithTimeout(context.Background(), lockTimeout)
	defer cancel()
	ok, err := s.lock.TryLockContext(ctx, 5*time.Millisecond)
	if err == nil && !ok {
		err = errors.New("timed out")
	}
	if err != nil {
		return fmt.Errorf("locking %s: %w", s.lock.Path(), err)
	}
	defer s.lock.Unlock()
	return fn()
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

// Path is the progress file's path (for watching it).
func (s *Store) Path() string { return s.path }

// ReadOnly returns the reason the store does not write, nil when it does.
func (s *Store) ReadOnly() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.readOnly == nil {
		return nil
	}
	return s.readOnly
}

// refresh reloads the file if another process replaced it since it was
// read. Called with s.mu held. A file that became unreadable meanwhile is
// left for the next write to deal with; what was known stays.
func (s *Store) refresh() {
	st, err := os.Stat(s.path)
	if err != nil {
		return
	}
	if s.stamp != nil && os.SameFile(st, s.stamp) && st.ModTime().Equal(s.stamp.ModTime()) && st.Size() == s.stamp.Size() {
		return
	}
	d, st2, err := s.readDisk()
	var ne *NewerError
	switch {
	case err == nil:
		s.data, s.stamp = d, st2
	case errors.As(err, &ne):
		s.data, s.stamp, s.readOnly = d, st2, ne
	}
}

// FirstRun reports whether nothing was ever recorded here.
func (s *Store) FirstRun() bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.refresh()
	return s.data.Started.IsZero()
}

// Get returns a copy of a lesson's record, as the file holds it now.
func (s *Store) Get(slug string) Lesson {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.refresh()
	return s.get(slug)
}

func (s *Store) get(slug string) Lesson {
	if l := s.data.Lessons[slug]; l != nil {
		c := *l
		if l.Failures != nil {
			c.Failures = make(map[string]int, len(l.Failures))
			for k, v := range l.Failures {
				c.Failures[k] = v
			}
		}
		return c
	}
	return Lesson{}
}

// Passed reports whether the lesson was ever passed.
func (s *Store) Passed(slug string) bool { return s.Get(slug).Passed() }

// Record notes one grading of a lesson (an attempt, whatever its content)
// and saves.
func (s *Store) Record(slug string, passed bool, failureKinds []string) error {
	return s.Add(slug, Grading{Passed: passed, Failures: failureKinds})
}

// Add merges one grading into the file on disk: under the cross-process
// lock it reads the file as it is now, adds the grading and writes it back.
// A grading of the same content as the lesson's last attempt (same Hash)
// records a pass but counts no attempt and no failures.
func (s *Store) Add(slug string, g Grading) error {
	return s.update(func(d *fileData, now time.Time) {
		if d.Started.IsZero() {
			d.Started = now
		}
		l := d.Lessons[slug]
		if l == nil {
			l = &Lesson{}
			d.Lessons[slug] = l
		}
		attempt := !g.NoAttempt && (g.Hash == "" || g.Hash != l.LastHash)
		if attempt {
			l.Attempts++
			if l.FirstAttempt.IsZero() {
				l.FirstAttempt = now
			}
			l.LastAttempt = now
			if g.Hash != "" {
				l.LastHash = g.Hash
			}
			for _, k := range g.Failures {
				if l.Failures == nil {
					l.Failures = map[string]int{}
				}
				l.Failures[k]++
			}
		}
		if g.Passed && l.PassedAt.IsZero() {
			l.PassedAt = now
		}
	})
}

// Touch marks the workspace as started (the welcome was shown) and saves.
func (s *Store) Touch() error {
	return s.update(func(d *fileData, now time.Time) {
		if d.Started.IsZero() {
			d.Started = now
		}
	})
}

// update is the read-merge-write: change is applied to the file's current
// content under the lock.
func (s *Store) update(change func(d *fileData, now time.Time)) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.readOnly != nil {
		return s.readOnly
	}
	var notice error
	err := s.locked(func() error {
		d, _, err := s.readDisk()
		var ce *CorruptError
		var ne *NewerError
		switch {
		case errors.As(err, &ne):
			s.readOnly = ne
			return ne
		case errors.As(err, &ce):
			// Broken since we read it: keep it aside and build on what we
			// last knew, which is better than nothing.
			if merr := s.moveAside(ce); !errors.As(merr, &ce) {
				return merr
			}
			notice = ce
			d = cloneData(s.data)
		case err != nil:
			return err
		}
		change(&d, s.now().UTC())
		d.Version = Version
		b, err := json.MarshalIndent(&d, "", "  ")
		if err != nil {
			return err
		}
		if err := atomicfile.Write(s.path, append(b, '\n'), 0o644); err != nil {
			return err
		}
		s.data = d
		s.stamp, _ = os.Stat(s.path)
		return nil
	})
	if err != nil {
		return err
	}
	return notice
}

func cloneData(d fileData) fileData {
	c := d
	c.Lessons = make(map[string]*Lesson, len(d.Lessons))
	for k, l := range d.Lessons {
		x := *l
		if l.Failures != nil {
			x.Failures = make(map[string]int, len(l.Failures))
			for fk, v := range l.Failures {
				x.Failures[fk] = v
			}
		}
		c.Lessons[k] = &x
	}
	return c
}
