// Package listdir walks a directory tree and leaves concurrency to its caller.
//
// ListDirectory does its work synchronously: it calls fn for each entry and
// returns when the walk is over. Nothing keeps running after it returns, so a
// caller that stops early (fs.SkipAll, an error) leaves nothing behind, and a
// caller that wants the walk in the background runs it in a goroutine of its
// own, where it can see how that goroutine ends.
package listdir

import (
	"fmt"
	"io/fs"
	"path"
)

// ListDirectory calls fn for root and for every file and directory under it,
// depth-first, each directory's entries in lexical order, with the rules of
// fs.WalkDir:
//
//   - fn is called for a directory before it is read; if it returns
//     fs.SkipDir the directory is not read, and fs.SkipDir returned for a
//     file skips the rest of that file's directory;
//   - fs.SkipAll stops the walk and ListDirectory returns nil;
//   - any other error stops the walk and is returned;
//   - if root cannot be stat'ed, fn(root, nil, err) is called; if a
//     directory cannot be read, fn is called a second time for it with the
//     error.
func ListDirectory(fsys fs.FS, root string, fn fs.WalkDirFunc) error {
	info, err := fs.Stat(fsys, root)
	if err != nil {
		err = fn(root, nil, err)
	} else {
		err = visit(fsys, root, fs.FileInfoToDirEntry(info), fn)
	}
	// SkipDir from the root, or SkipAll from anywhere, ends the walk
	// normally: they are instructions to the walk, never errors to report.
	if err == fs.SkipDir || err == fs.SkipAll {
		return nil
	}
	return err
}

// visit calls fn for name and, if it is a directory fn did not skip, walks
// its entries. It returns fs.SkipDir when the rest of name's parent must be
// skipped, and fs.SkipAll or an error when the whole walk must stop.
func visit(fsys fs.FS, name string, d fs.DirEntry, fn fs.WalkDirFunc) error {
	// Ask fn first: that way SkipDir on a directory avoids reading it at all.
	err := fn(name, d, nil)
	if !d.IsDir() {
		// For a file, SkipDir goes up to the parent's loop, which stops.
		return err
	}
	if err == fs.SkipDir {
		return nil // this directory is skipped; its siblings are not
	}
	if err != nil {
		return err
	}

	// fs.ReadDir returns the entries sorted by name.
	entries, err := fs.ReadDir(fsys, name)
	if err != nil {
		// Second call for the same directory, to report why it was not read.
		if err := fn(name, d, err); err != nil {
			if err == fs.SkipDir {
				return nil
			}
			return err
		}
	}
	for _, e := range entries {
		err := visit(fsys, path.Join(name, e.Name()), e, fn)
		if err == fs.SkipDir {
			break // SkipDir from a file: skip its remaining siblings
		}
		if err != nil {
			return err
		}
	}
	return nil
}

// Find returns the path of the first entry named name under root, in the
// order ListDirectory visits them, and stops the walk as soon as it is found.
// If there is none, the error wraps fs.ErrNotExist. An error met on the way
// (root missing, a directory that cannot be read) stops the search and is
// returned.
func Find(fsys fs.FS, root, name string) (string, error) {
	var found string
	err := ListDirectory(fsys, root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.Name() == name {
			found = p
			return fs.SkipAll // nothing more to read
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
