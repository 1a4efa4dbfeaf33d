// Package scenario holds the hidden tests of lesson 05-directory-callback,
// called by the test functions in ../listdir_test.go with the learner's API
// (see the table there: every sentence of the contract and the test that
// probes it). Every expectation is fs.WalkDir's own behaviour on the same
// tree, recorded with the same fn. Every name of a helper starts with l05.
package scenario

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"runtime"
	"slices"
	"strings"
	"sync"
	"testing/fstest"
	"testing/synctest"

	gk "GOCOURSE_KIT"
)

// API is the exercise as the scenarios call it; the hidden tests fill it in
// with the learner's ListDirectory and Find.
type API struct {
	ListDirectory func(fsys fs.FS, root string, fn fs.WalkDirFunc) error
	Find          func(fsys fs.FS, root, name string) (string, error)
}

var (
	// l05ErrUnreadable is what l05FS returns when a broken directory is read.
	l05ErrUnreadable = errors.New("permission denied (made unreadable by the test)")
	// l05ErrStop is an ordinary error the test's fn returns to stop a walk.
	l05ErrStop = errors.New("stop (an error returned by the test's fn)")
	// l05ReturnErr, as a decision, means "fn returns the err it was given".
	l05ReturnErr = errors.New("return the error fn was given")
	// l05ErrTooMany stops a walk that calls fn far more often than the tree allows.
	l05ErrTooMany = errors.New("fn called too many times")
)

// l05FS is an fs.FS over a fstest.MapFS that records every directory listing,
// fails the listing of the directories in broken, and, like a real directory,
// gives its entries out of order when read through Open + ReadDir: only
// fs.ReadDir (and an fs.ReadDirFS's ReadDir method) promise sorted entries.
type l05FS struct {
	m      fstest.MapFS
	broken map[string]bool

	mu     sync.Mutex
	listed []string
}

func l05NewFS(m fstest.MapFS, broken ...string) *l05FS {
	f := &l05FS{m: m, broken: map[string]bool{}}
	for _, b := range broken {
		f.broken[b] = true
	}
	return f
}

func (f *l05FS) list(name string) ([]fs.DirEntry, error) {
	f.mu.Lock()
	f.listed = append(f.listed, name)
	f.mu.Unlock()
	if f.broken[name] {
		return nil, &fs.PathError{Op: "readdir", Path: name, Err: l05ErrUnreadable}
	}
	return fs.ReadDir(f.m, name)
}

// Listed returns the directories listed so far, in order, once each.
func (f *l05FS) Listed() []string {
	f.mu.Lock()
	defer f.mu.Unlock()
	var out []string
	for _, d := range f.listed {
		if !slices.Contains(out, d) {
			out = append(out, d)
		}
	}
	return out
}

func (f *l05FS) Open(name string) (fs.File, error) {
	file, err := f.m.Open(name)
	if err != nil {
		return nil, err
	}
	if info, err := file.Stat(); err == nil && info.IsDir() {
		return &l05DirFile{File: file, fsys: f, name: name}, nil
	}
	return file, nil
}

func (f *l05FS) ReadDir(name string) ([]fs.DirEntry, error) { return f.list(name) }

func (f *l05FS) Stat(name string) (fs.FileInfo, error) { return f.m.Stat(name) }

// l05DirFile is an open directory whose ReadDir hands out the entries in
// reverse lexical order.
type l05DirFile struct {
	fs.File
	fsys    *l05FS
	name    string
	started bool
	entries []fs.DirEntry
	err     error
}

func (d *l05DirFile) ReadDir(n int) ([]fs.DirEntry, error) {
	if !d.started {
		d.started = true
		d.entries, d.err = d.fsys.list(d.name)
		slices.Reverse(d.entries)
	}
	if d.err != nil {
		return nil, d.err
	}
	if n <= 0 {
		out := d.entries
		d.entries = nil
		return out, nil
	}
	if len(d.entries) == 0 {
		return nil, io.EOF
	}
	n = min(n, len(d.entries))
	out := d.entries[:n:n]
	d.entries = d.entries[n:]
	return out, nil
}

// l05Tree is the tree most tests walk:
//
//	.
//	├── B.txt
//	├── a/
//	│   ├── sub/
//	│   │   └── y.txt
//	│   └── x.txt
//	├── a-b.txt
//	├── a.txt
//	├── c/
//	│   ├── a.txt
//	│   ├── d/
//	│   │   └── e/
//	│   │       └── f.txt
//	│   └── g.txt
//	└── empty/
func l05Tree() fstest.MapFS {
	m := fstest.MapFS{"empty": {Mode: fs.ModeDir | 0o755}}
	for _, p := range []string{"B.txt", "a/sub/y.txt", "a/x.txt", "a-b.txt", "a.txt", "c/a.txt", "c/d/e/f.txt", "c/g.txt"} {
		m[p] = &fstest.MapFile{Data: []byte(p + "\n"), Mode: 0o644}
	}
	return m
}

// l05Call is one call of fn, as recorded.
type l05Call struct {
	path  string
	hasD  bool
	name  string
	isDir bool
	err   error
}

func l05CallOf(p string, d fs.DirEntry, err error) l05Call {
	c := l05Call{path: p, err: err}
	if d != nil {
		c.hasD, c.name, c.isDir = true, d.Name(), d.IsDir()
	}
	return c
}

func (c l05Call) String() string {
	d := "nil"
	if c.hasD {
		kind := "file"
		if c.isDir {
			kind = "dir"
		}
		d = fmt.Sprintf("%s %q", kind, c.name)
	}
	return fmt.Sprintf("fn(%q, %s, %s)", c.path, d, l05ErrName(c.err))
}

// l05ErrName names an error briefly, the same in both languages.
func l05ErrName(err error) string {
	switch {
	case err == nil:
		return "nil"
	case err == fs.SkipDir:
		return "fs.SkipDir"
	case err == fs.SkipAll:
		return "fs.SkipAll"
	case errors.Is(err, l05ErrUnreadable):
		return "errUnreadable"
	case errors.Is(err, l05ErrStop):
		return "errStop"
	case errors.Is(err, fs.ErrNotExist):
		return "fs.ErrNotExist"
	}
	return fmt.Sprintf("%q", err.Error())
}

// l05SameCall reports whether got is the call want describes. Errors are
// compared by what they wrap, so a solution may pass the error it got from
// fs.Stat or fs.ReadDir in any form that still wraps it.
func l05SameCall(want, got l05Call) bool {
	if want.path != got.path || want.hasD != got.hasD {
		return false
	}
	if want.hasD && (want.name != got.name || want.isDir != got.isDir) {
		return false
	}
	if (want.err == nil) != (got.err == nil) {
		return false
	}
	for _, target := range []error{l05ErrUnreadable, fs.ErrNotExist} {
		if errors.Is(want.err, target) && !errors.Is(got.err, target) {
			return false
		}
	}
	return true
}

// l05FirstDiff returns the index of the first call that differs, or -1.
func l05FirstDiff(want, got []l05Call) int {
	for i := range min(len(want), len(got)) {
		if !l05SameCall(want[i], got[i]) {
			return i
		}
	}
	if len(want) != len(got) {
		return min(len(want), len(got))
	}
	return -1
}

// l05Show lists calls, numbered, up to a couple of calls past index upto.
func l05Show(calls []l05Call, upto int) string {
	if len(calls) == 0 {
		return "    —"
	}
	var b strings.Builder
	for i, c := range calls {
		if i > upto+2 {
			fmt.Fprintf(&b, "    … (+%d)\n", len(calls)-i)
			break
		}
		mark := "  "
		if i == upto {
			mark = "→ "
		}
		fmt.Fprintf(&b, "  %s%2d. %s\n", mark, i+1, c)
	}
	return strings.TrimRight(b.String(), "\n")
}

// l05Recorder records the calls of the fn it makes. decide says what fn
// returns (nil: always nil). fn is not safe for concurrent use, on purpose:
// a ListDirectory that calls it from two goroutines at once is caught by the
// race detector.
type l05Recorder struct {
	calls []l05Call
}

func (r *l05Recorder) fn(decide func(c l05Call) error) fs.WalkDirFunc {
	return func(p string, d fs.DirEntry, err error) error {
		c := l05CallOf(p, d, err)
		r.calls = append(r.calls, c)
		if len(r.calls) > 5000 {
			return l05ErrTooMany
		}
		if decide == nil {
			return nil
		}
		dec := decide(c)
		if dec == l05ReturnErr {
			return err
		}
		return dec
	}
}

// l05At returns a decide function: fn returns ret for the first call at
// path p (the one with a nil err), nil otherwise.
func l05At(p string, ret error) func(l05Call) error {
	return func(c l05Call) error {
		if c.path == p && c.err == nil {
			return ret
		}
		return nil
	}
}

// l05Walk runs walk (ListDirectory or fs.WalkDir) over a fresh l05FS and
// returns fn's calls, the result and the directories read.
func l05Walk(walk func(fs.FS, string, fs.WalkDirFunc) error, m fstest.MapFS, broken []string, root string, decide func(l05Call) error) ([]l05Call, error, []string) {
	fsys := l05NewFS(m, broken...)
	var rec l05Recorder
	err := walk(fsys, root, rec.fn(decide))
	// Let anything the walk left running do all it can before the test looks
	// at what was read: a producer goroutine reads ahead, then blocks.
	synctest.Wait()
	return rec.calls, err, fsys.Listed()
}

// l05SameResult reports whether got is the result want (fs.WalkDir's)
// describes: nil, or an error wrapping the same known error.
func l05SameResult(want, got error) bool {
	if want == nil || got == nil {
		return want == got
	}
	for _, target := range []error{l05ErrStop, l05ErrUnreadable, fs.ErrNotExist} {
		if errors.Is(want, target) {
			return errors.Is(got, target)
		}
	}
	return got == want
}

// l05Quote lists strings as "a", "b".
func l05Quote(ss []string) string {
	if len(ss) == 0 {
		return "—"
	}
	q := make([]string, len(ss))
	for i, s := range ss {
		q[i] = fmt.Sprintf("%q", s)
	}
	return strings.Join(q, ", ")
}

// l05Esc makes text safe to put inside a format string.
func l05Esc(s string) string { return strings.ReplaceAll(s, "%", "%%") }

// l05Leaked reports whether a goroutine other than the caller is left in the
// current synctest bubble (the kit's own test of a leak). Called after
// synctest.Wait, it tells a test to stop after the first walk that leaked, so
// a leaky solution gets a few leak reports from gk.Bubble, not hundreds.
// Listing every goroutine's stack is slow, so it is done only when there are
// more goroutines than at the last check that found none.
func l05Leaked() bool {
	n := runtime.NumGoroutine()
	if n <= l05Goroutines {
		return false
	}
	if len(gk.BubbleGoroutines()) > 0 {
		return true
	}
	l05Goroutines = n
	return false
}

// l05Goroutines is the most goroutines l05Leaked has seen without a leak.
var l05Goroutines int

// l05ErrText shows an error as a quoted string, or nil.
func l05ErrText(err error) string {
	if err == nil {
		return "nil"
	}
	return fmt.Sprintf("%q", err.Error())
}

// l05Under reports whether p is root or inside it.
func l05Under(p, root string) bool {
	return root == "." || p == root || strings.HasPrefix(p, root+"/")
}
