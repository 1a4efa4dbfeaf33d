// Package listdir walks a directory tree.
//
// This version is the notes' ListDirectoryB turned into a walk: a goroutine
// produces the entries on a channel and ListDirectory hands them to fn. It
// gives the right answer when fn never stops the walk. Run the check to see
// what happens when it does, then rewrite it without the goroutine.
package listdir

import (
	"fmt"
	"io/fs"
	"path"
)

// entry is one step of the walk, as the producer sends it.
type entry struct {
	path string
	d    fs.DirEntry
	err  error
}

// ListDirectory calls fn for root and everything under it, depth-first, in
// lexical order, with the rules of fs.WalkDir (see the lesson).
func ListDirectory(fsys fs.FS, root string, fn fs.WalkDirFunc) error {
	// TODO: who stops this goroutine when fn stops the walk early?
	ch := make(chan entry)
	go func() {
		defer close(ch)
		produce(fsys, root, ch)
	}()

	for e := range ch {
		if err := fn(e.path, e.d, e.err); err != nil {
			// TODO: returning here leaves the producer blocked on its next
			// send, forever. And SkipDir should skip one directory, not end
			// the walk — but the producer has already read ahead and cannot
			// be told. Call fn from the walk itself, synchronously.
			if err == fs.SkipDir || err == fs.SkipAll {
				return nil
			}
			return err
		}
	}
	return nil
}

// produce sends root and everything under it on ch, with the read errors
// fs.WalkDir would report.
func produce(fsys fs.FS, root string, ch chan<- entry) {
	info, err := fs.Stat(fsys, root)
	if err != nil {
		ch <- entry{root, nil, err}
		return
	}
	send(fsys, root, fs.FileInfoToDirEntry(info), ch)
}

func send(fsys fs.FS, name string, d fs.DirEntry, ch chan<- entry) {
	ch <- entry{name, d, nil}
	if !d.IsDir() {
		return
	}
	// TODO: this reads the directory whatever fn answered for it.
	entries, err := fs.ReadDir(fsys, name)
	if err != nil {
		ch <- entry{name, d, err}
	}
	for _, e := range entries {
		send(fsys, path.Join(name, e.Name()), e, ch)
	}
}

// Find returns the path of the first entry named name under root, stopping
// the walk as soon as it is found, or an error wrapping fs.ErrNotExist.
func Find(fsys fs.FS, root, name string) (string, error) {
	var found string
	err := ListDirectory(fsys, root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.Name() == name {
			found = p
			return fs.SkipAll
		}
		return nil
	})
	if err != nil {
		return "", err
	}
	if found == "" {
		return "", fmt.Errorf("find %q under %q: %w", name, root, fs.ErrNotExist)
	}
	return found, nil
}
