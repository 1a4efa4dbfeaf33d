package workspace

import (
	"os"
	"path/filepath"
	"testing"
	"testing/fstest"

	"github.com/gocourse/gocourse/lessons"
)

// Resetting an untouched starter makes no backup; a changed file, or a file
// the learner added, is backed up whole.
func TestResetUntouchedMakesNoBackup(t *testing.T) {
	root := t.TempDir()
	ws := &Workspace{Root: root}
	l := &lessons.Lesson{Slug: "04-x", Number: 4, File: "a.go"}
	course := fstest.MapFS{"exercises/04-x/a.go": {Data: []byte("package a\n")}}
	dir := ws.ExerciseDir(l)
	if err := CopyFiles(course, l.ExerciseDir(), dir); err != nil {
		t.Fatal(err)
	}
	backup, err := ws.Reset(course, l)
	if err != nil || backup != "" {
		t.Fatalf("untouched starter: backup %q, err %v", backup, err)
	}
	if _, err := os.Stat(filepath.Join(root, ".gocourse", "backups")); err == nil {
		t.Fatal("a backup folder was made for an untouched starter")
	}
	for name, data := range map[string]string{"a.go": "package a\n// mine\n", "helper.go": "package a\n"} {
		if err := CopyFiles(course, l.ExerciseDir(), dir); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, name), []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
		backup, err := ws.Reset(course, l)
		if err != nil || backup == "" {
			t.Fatalf("changed %s: backup %q, err %v", name, backup, err)
		}
		if got, err := os.ReadFile(filepath.Join(backup, name)); err != nil || string(got) != data {
			t.Fatalf("backup of %s: %q, %v", name, got, err)
		}
	}
}
