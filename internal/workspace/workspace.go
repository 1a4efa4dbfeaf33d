// Package workspace knows where a learner's exercises live on disk: it finds
// the workspace (a clone of the course, or one written by `gocourse init`),
// writes a fresh one from the embedded course, and resets an exercise to its
// starter after backing the learner's file up. It never grades.
package workspace

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"strings"
	"time"

	"github.com/gocourse/gocourse/internal/atomicfile"
	"github.com/gocourse/gocourse/internal/progress"
	"github.com/gocourse/gocourse/lessons"
)

// Workspace is a directory holding exercises/NN-slug/ inside a Go module.
type Workspace struct {
	Root string // absolute
}

// ErrNotFound means no workspace contains the directory searched from.
var ErrNotFound = errors.New("no gocourse workspace here")

// Find returns the workspace containing dir: the nearest ancestor holding
// both go.mod and an exercises/ directory.
func Find(dir string) (*Workspace, error) {
	dir, err := filepath.Abs(dir)
	if err != nil {
		return nil, err
	}
	for d := dir; ; d = filepath.Dir(d) {
		if isFile(filepath.Join(d, "go.mod")) && isDir(filepath.Join(d, "exercises")) {
			return &Workspace{Root: d}, nil
		}
		if filepath.Dir(d) == d {
			return nil, fmt.Errorf("%w (searched %s and its parents for go.mod + exercises/)", ErrNotFound, dir)
		}
	}
}

// IsCourseRepo reports whether the workspace is a clone of the course
// itself (it has the lesson manifests), where authors work.
func (w *Workspace) IsCourseRepo() bool {
	return isDir(filepath.Join(w.Root, "lessons")) && isDir(filepath.Join(w.Root, "checker"))
}

// ExerciseDir is the absolute directory of a lesson's exercise.
func (w *Workspace) ExerciseDir(l *lessons.Lesson) string {
	return filepath.Join(w.Root, filepath.FromSlash(l.ExerciseDir()))
}

// ExerciseFile is the absolute path of the file the learner edits.
func (w *Workspace) ExerciseFile(l *lessons.Lesson) string {
	return filepath.Join(w.Root, filepath.FromSlash(l.ExercisePath()))
}

// Progress opens the workspace's progress record.
func (w *Workspace) Progress() (*progress.Store, error) { return progress.Open(w.Root) }

// Reset restores a lesson's starter (see Starter), after copying the
// learner's current files to .gocourse/backups/<slug>/<time>/. It returns
// the backup directory ("" when there was nothing to back up). If the backup
// fails, nothing is changed.
func (w *Workspace) Reset(embedded fs.FS, l *lessons.Lesson) (string, error) {
	starter, err := w.Starter(embedded, l)
	if err != nil {
		return "", err
	}
	dir := w.ExerciseDir(l)
	backup := ""
	if entries, err := os.ReadDir(dir); err == nil && len(entries) > 0 && !untouched(dir, entries, starter) {
		backup = filepath.Join(w.Root, progress.Dir, "backups", l.Slug, time.Now().Format("20060102-150405.000"))
		if err := CopyFiles(os.DirFS(dir), ".", backup); err != nil {
			return "", fmt.Errorf("backing up %s before the reset failed, nothing was changed: %w", dir, err)
		}
	}
	// Go files the learner added (helpers, their own tests) go: they are in the backup.
	if entries, err := os.ReadDir(dir); err == nil {
		for _, e := range entries {
			if _, ok := starter[e.Name()]; !ok && !e.IsDir() && strings.HasSuffix(e.Name(), ".go") {
				if err := os.Remove(filepath.Join(dir, e.Name())); err != nil {
					return backup, err
				}
			}
		}
	}
	for name, data := range starter {
		if err := atomicfile.Write(filepath.Join(dir, name), data, 0o644); err != nil {
			return backup, err
		}
	}
	return backup, nil
}

// Init writes a standalone workspace into dir from the embedded course:
// go.mod and go.sum (the hidden tests need go.uber.org/goleak), every
// exercise, and a short README. It refuses to overwrite an existing
// workspace's exercises.
func Init(course fs.FS, cat *lessons.Catalog, dir string) (*Workspace, error) {
	dir, err := filepath.Abs(dir)
	if err != nil {
		return nil, err
	}
	if isDir(filepath.Join(dir, "exercises")) {
		return nil, fmt.Errorf("%s already has exercises/: not overwriting a learner's work (use another directory, or `gocourse reset N` inside it)", dir)
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, err
	}
	goMod, err := workspaceGoMod(course)
	if err != nil {
		return nil, err
	}
	sum, err := fs.ReadFile(course, "go.sum")
	if err != nil {
		return nil, err
	}
	files := map[string][]byte{
		"go.mod":     goMod,
		"go.sum":     sum,
		".gitignore": []byte(progress.Dir + "/\n"),
		"README.md":  []byte(workspaceReadme),
	}
	for name, data := range files {
		if err := atomicfile.Write(filepath.Join(dir, name), data, 0o644); err != nil {
			return nil, err
		}
	}
	for _, l := range cat.Lessons {
		if err := CopyFiles(course, l.ExerciseDir(), filepath.Join(dir, filepath.FromSlash(l.ExerciseDir()))); err != nil {
			return nil, err
		}
	}
	return &Workspace{Root: dir}, nil
}

// workspaceGoMod is the workspace's go.mod: the exercises need Go 1.25
// (testing/synctest) and the course's goleak, nothing of gocourse itself.
func workspaceGoMod(course fs.FS) ([]byte, error) {
	src, err := fs.ReadFile(course, "go.mod")
	if err != nil {
		return nil, err
	}
	goleak := ""
	for _, line := range strings.Split(string(src), "\n") {
		f := strings.Fields(line)
		if len(f) > 0 && f[0] == "require" { // the one-line form
			f = f[1:]
		}
		if len(f) >= 2 && f[0] == "go.uber.org/goleak" {
			goleak = f[1]
		}
	}
	if goleak == "" {
		return nil, errors.New("the course's go.mod does not require go.uber.org/goleak")
	}
	return fmt.Appendf(nil, "module gocourse.local/workspace\n\ngo 1.25\n\nrequire go.uber.org/goleak %s\n", goleak), nil
}

const workspaceReadme = `# gocourse workspace

Your exercises are in exercises/NN-slug/. Run ` + "`gocourse`" + ` here to open the course,
or ` + "`gocourse check N`" + ` to grade lesson N. Progress is kept in .gocourse/.

你的练习在 exercises/NN-slug/ 中。在此目录运行 ` + "`gocourse`" + ` 打开课程,
或运行 ` + "`gocourse check N`" + ` 评测第 N 课。学习进度保存在 .gocourse/ 中。
`

// CopyFiles copies the regular files of dir in fsys (not subdirectories) to
// the directory dst on disk, each written atomically.
func CopyFiles(fsys fs.FS, dir, dst string) error {
	entries, err := fs.ReadDir(fsys, dir)
	if err != nil {
		return err
	}
	for _, e := range entries {
		if e.IsDir() {
			continue
		}
		data, err := fs.ReadFile(fsys, path.Join(dir, e.Name()))
		if err != nil {
			return err
		}
		if err := atomicfile.Write(filepath.Join(dst, e.Name()), data, 0o644); err != nil {
			return err
		}
	}
	return nil
}

func isDir(p string) bool  { st, err := os.Stat(p); return err == nil && st.IsDir() }
func isFile(p string) bool { st, err := os.Stat(p); return err == nil && !st.IsDir() }

// Starter returns the untouched starter files of a lesson. In a git clone
// of the course the exercises/ directory is the learner's own, and so is the
// copy embedded in a binary built from it (`go run` embeds what is on disk):
// the pristine starter is the committed one. Elsewhere it is the embedded copy.
func (w *Workspace) Starter(embedded fs.FS, l *lessons.Lesson) (map[string][]byte, error) {
	if w.IsCourseRepo() {
		if files, err := gitFiles(w.Root, l.ExerciseDir()); err == nil && len(files) > 0 {
			return files, nil
		}
	}
	entries, err := fs.ReadDir(embedded, l.ExerciseDir())
	if err != nil {
		return nil, err
	}
	files := map[string][]byte{}
	for _, e := range entries {
		if e.IsDir() {
			continue
		}
		data, err := fs.ReadFile(embedded, path.Join(l.ExerciseDir(), e.Name()))
		if err != nil {
			return nil, err
		}
		files[e.Name()] = data
	}
	return files, nil
}

// ExerciseHash is a digest of what grading a lesson compiles of the
// learner's: the name and content of every non-test .go file of the exercise
// directory. Two gradings with the same hash graded the same code. "" when
// the directory cannot be read.
func (w *Workspace) ExerciseHash(l *lessons.Lesson) string {
	dir := w.ExerciseDir(l)
	entries, err := os.ReadDir(dir)
	if err != nil {
		return ""
	}
	h := sha256.New()
	for _, e := range entries { // ReadDir sorts by name
		name := e.Name()
		if e.IsDir() || !strings.HasSuffix(name, ".go") || strings.HasSuffix(name, "_test.go") {
			continue
		}
		data, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil {
			return ""
		}
		fmt.Fprintf(h, "%s\x00%d\x00", name, len(data))
		h.Write(data)
	}
	return hex.EncodeToString(h.Sum(nil)[:12])
}

// MissingExercise returns the path (relative to the workspace, slash
// separated) of the lesson's exercise file if it is gone, "" if it is there.
func (w *Workspace) MissingExercise(l *lessons.Lesson) string {
	if _, err := os.Stat(w.ExerciseFile(l)); errors.Is(err, fs.ErrNotExist) {
		return l.ExercisePath()
	}
	return ""
}

// untouched reports whether the exercise directory holds nothing but the
// starter's files, unchanged (some may be missing): then a reset loses
// nothing and makes no backup.
func untouched(dir string, entries []fs.DirEntry, starter map[string][]byte) bool {
	for _, e := range entries {
		want, ok := starter[e.Name()]
		if !ok || e.IsDir() {
			return false
		}
		got, err := os.ReadFile(filepath.Join(dir, e.Name()))
		if err != nil || string(got) != string(want) {
			return false
		}
	}
	return true
}
