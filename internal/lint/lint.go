// Package lint is the course linter behind `gocourse dev check`: it reads one
// lesson as an author left it and reports what a learner would trip over —
// the two languages drifting apart, examples that do not compile, hidden tests
// that can never pass, unformatted reference code, unproven tests, TODOs left
// in place. It never grades: whether the solution passes and the starter
// fails is the grader's business (package checker).
//
// Every finding names a file relative to the course root, a line where there
// is one, what is wrong, and how to fix it.
package lint

import (
	"bytes"
	"context"
	"errors"
	"io/fs"
	"os"
	"os/exec"
	"reflect"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/gocourse/gocourse/lessons"
)

// Finding is one problem in a lesson, with where and how to fix it.
type Finding struct {
	Lesson  string `json:"lesson"`
	File    string `json:"file,omitempty"` // relative to the course root
	Line    int    `json:"line,omitempty"` // 1-based; 0 when the problem has no line
	Problem string `json:"problem"`
	Fix     string `json:"fix,omitempty"`
}

// TodoMarker marks what an author still has to write. `gocourse dev new`
// (package scaffold) leaves it wherever a new lesson needs real text or code,
// and the linter reports every one left.
const TodoMarker = "TODO(author)"

// Lesson runs every check on l and returns the findings, in a stable order:
// content (headings, code blocks, examples that compile), manifest rules,
// hidden tests, reference code, fixtures, TODOs. Checks that need the go
// command (compiling the examples, vetting the starter and solution) run
// concurrently; vetting the starter and solution needs the course on disk and
// is skipped when cat.FS is not a directory (see DiskRoot).
func Lesson(ctx context.Context, cat *lessons.Catalog, l *lessons.Lesson) []Finding {
	c := &checker{ctx: ctx, fsys: cat.FS, l: l}
	c.root, c.onDisk = DiskRoot(cat.FS)

	en, zh := c.readContent("en"), c.readContent("zh")

	// The two go commands are the slow part: run them side by side.
	var compile, vet []Finding
	var wg sync.WaitGroup
	wg.Add(2)
	go func() { defer wg.Done(); compile = c.compileExamples(en) }()
	go func() { defer wg.Done(); vet = c.vetCode() }()

	var out []Finding
	out = append(out, c.headings(en, zh)...)
	out = append(out, c.codeBlocks(en, zh)...)
	out = append(out, c.cjkBreaks(zh)...)
	wg.Wait()
	out = append(out, compile...)
	out = append(out, c.manifestRules()...)
	out = append(out, c.hiddenTests()...)
	out = append(out, c.reportFormats()...)
	out = append(out, c.gofmt()...)
	out = append(out, vet...)
	out = append(out, c.fixtures()...)
	out = append(out, c.todos()...)
	for i := range out {
		out[i].Lesson = l.Slug
	}
	return out
}

// DiskRoot returns the directory fsys reads from when it is an os.DirFS, so
// that the go command can run inside the course module. Any other fs.FS (the
// embedded course, a MapFS) has no directory: ok is false.
func DiskRoot(fsys fs.FS) (dir string, ok bool) {
	if r, isRooted := fsys.(interface{ CourseRoot() string }); isRooted {
		return r.CourseRoot(), true
	}
	v := reflect.ValueOf(fsys)
	if !v.IsValid() {
		return "", false
	}
	t := v.Type()
	if t.PkgPath() == "os" && t.Name() == "dirFS" && t.Kind() == reflect.String {
		return v.String(), true
	}
	return "", false
}

// checker holds what every check of one lesson needs.
type checker struct {
	ctx    context.Context
	fsys   fs.FS
	l      *lessons.Lesson
	root   string // the course on disk, when onDisk
	onDisk bool
}

func (c *checker) finding(file string, line int, problem, fix string) Finding {
	return Finding{Lesson: c.l.Slug, File: file, Line: line, Problem: problem, Fix: fix}
}

// lineIndex turns byte offsets into 1-based line numbers.
type lineIndex []int // offsets where lines start

func newLineIndex(src []byte) lineIndex {
	idx := lineIndex{0}
	for i, b := range src {
		if b == '\n' {
			idx = append(idx, i+1)
		}
	}
	return idx
}

func (idx lineIndex) line(offset int) int {
	return sort.Search(len(idx), func(i int) bool { return idx[i] > offset })
}

// goCommand runs the go command in dir and returns its combined output. A
// non-zero exit is not an error (the output says why); a missing go command
// or a cancelled context is.
func goCommand(ctx context.Context, dir string, env []string, args ...string) (out string, failed bool, err error) {
	if _, err := exec.LookPath("go"); err != nil {
		return "", false, errors.New("the go command is not in PATH")
	}
	cmd := exec.CommandContext(ctx, "go", args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), env...)
	cmd.WaitDelay = 2 * time.Second
	var buf bytes.Buffer
	cmd.Stdout = &buf
	cmd.Stderr = &buf
	runErr := cmd.Run()
	if ctx.Err() != nil {
		return buf.String(), true, ctx.Err()
	}
	var exitErr *exec.ExitError
	if runErr != nil && !errors.As(runErr, &exitErr) {
		return buf.String(), true, runErr
	}
	return buf.String(), runErr != nil, nil
}

// firstLines keeps the first n non-empty lines of s, for messages.
func firstLines(s string, n int) string {
	var keep []string
	for _, line := range strings.Split(strings.TrimSpace(s), "\n") {
		if strings.TrimSpace(line) == "" {
			continue
		}
		if len(keep) == n {
			keep = append(keep, "…")
			break
		}
		keep = append(keep, strings.TrimRight(line, "\r"))
	}
	return strings.Join(keep, "\n")
}
