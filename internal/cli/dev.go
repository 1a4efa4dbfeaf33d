package cli

import (
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"sync"
	"time"

	"github.com/gocourse/gocourse/checker"
	"github.com/gocourse/gocourse/internal/lint"
	"github.com/gocourse/gocourse/internal/scaffold"
	"github.com/gocourse/gocourse/internal/workspace"
	"github.com/gocourse/gocourse/lessons"
)

type lessonResult struct {
	Lesson   string          `json:"lesson"`
	OK       bool            `json:"ok"`
	Solution checker.Verdict `json:"solution"`
	Starter  checker.Verdict `json:"starter"`
	Findings []lint.Finding  `json:"findings"`
	Millis   int64           `json:"duration_ms"`
}

// cmdDevCheck proves the course: every lesson's reference solution passes
// its hidden tests and every starter fails them with the kind its manifest
// expects. Lessons are checked in parallel, each in a fresh workspace made by
// the same code as `gocourse init`.
func cmdDevCheck(e *env, args []string) int {
	fset, lang := e.flags("dev check")
	asJSON := fset.Bool("json", false, "print findings as JSON")
	only := fset.String("lesson", "", "check one lesson (number or slug)")
	if _, err := e.parse(fset, lang, args, 0); err != nil {
		return usageCode(err)
	}
	start := time.Now()
	_, cat, err := e.course()
	if err != nil {
		return e.fail(err)
	}
	todo := cat.Lessons
	if *only != "" {
		l, err := cat.Find(*only)
		if err != nil {
			return e.fail(err)
		}
		todo = []*lessons.Lesson{l}
	}
	tmp, err := os.MkdirTemp("", "gocourse-devcheck-")
	if err != nil {
		return e.fail(err)
	}
	defer os.RemoveAll(tmp)
	probe, err := workspace.Init(cat.FS, cat, filepath.Join(tmp, "ws"))
	if err != nil {
		return e.fail(err)
	}
	for _, l := range todo {
		if err := workspace.CopyFiles(cat.FS, l.SolutionDir(), filepath.Join(probe.Root, filepath.FromSlash(l.SolutionDir()))); err != nil {
			return e.fail(err)
		}
	}

	results := make([]lessonResult, len(todo))
	var wg sync.WaitGroup
	sem := make(chan struct{}, max(2, runtime.NumCPU()))
	for i, l := range todo {
		wg.Add(1)
		go func() {
			defer wg.Done()
			sem <- struct{}{}
			defer func() { <-sem }()
			results[i] = e.devCheckLesson(cat, probe, l)
		}()
	}
	wg.Wait()

	ok := true
	for _, r := range results {
		ok = ok && r.OK
	}
	if *asJSON {
		writeJSON(e.stdout, map[string]any{"ok": ok, "lessons": results, "duration_ms": time.Since(start).Milliseconds()})
	} else {
		for _, r := range results {
			mark := "✓"
			if !r.OK {
				mark = "✗"
			}
			fmt.Fprintf(e.stdout, "%s %s  solution %s %.1fs, starter %s %.1fs\n", mark, r.Lesson,
				r.Solution.Status, r.Solution.Duration.Seconds(), r.Starter.Status, r.Starter.Duration.Seconds())
			for _, f := range r.Findings {
				place := f.File
				if f.Line > 0 {
					place = fmt.Sprintf("%s:%d", f.File, f.Line)
				}
				fmt.Fprintf(e.stdout, "    %s: %s\n", place, f.Problem)
				if f.Fix != "" {
					fmt.Fprintf(e.stdout, "      fix: %s\n", f.Fix)
				}
			}
		}
		fmt.Fprintf(e.stdout, "%d lessons checked in %.1fs\n", len(results), time.Since(start).Seconds())
	}
	if !ok {
		return exitFail
	}
	return exitPass
}

func (e *env) devCheckLesson(cat *lessons.Catalog, probe *workspace.Workspace, l *lessons.Lesson) lessonResult {
	start := time.Now()
	r := lessonResult{Lesson: l.Slug}
	add := func(file string, line int, problem, fix string) {
		r.Findings = append(r.Findings, lint.Finding{Lesson: l.Slug, File: file, Line: line, Problem: problem, Fix: fix})
	}
	// The solution passes under -race and the leak checks.
	r.Solution = checker.Grade(e.ctx, checker.Request{Lesson: l, Course: cat.FS, Lang: "en",
		Dir: filepath.Join(probe.Root, filepath.FromSlash(l.SolutionDir())), Display: l.SolutionDir()})
	if !r.Solution.OK() {
		for _, f := range r.Solution.Failures {
			add(orDefault(f.File, l.SolutionDir()), f.Line, fmt.Sprintf("solution fails [%s] %s: %s", f.Kind, f.Test, f.Message),
				"the reference solution must pass its hidden tests")
		}
	}
	// Content, manifest, hidden tests, gofmt and vet: the course linter.
	r.Findings = append(r.Findings, lint.Lesson(e.ctx, cat, l)...)
	// The untouched starter fails, with the kind the manifest promises.
	r.Starter = checker.Grade(e.ctx, checker.Request{Lesson: l, Course: cat.FS, Lang: "en",
		Dir: probe.ExerciseDir(l), Display: l.ExerciseDir()})
	switch {
	case r.Starter.Status == checker.StatusPass:
		add(l.ExercisePath(), 0, "the starter passes its hidden tests", "a starter must fail for the reason the lesson is about; or a hidden test is missing")
	case r.Starter.Status == checker.StatusError:
		add(l.ExercisePath(), 0, "the starter could not be graded: "+firstMessage(r.Starter), "")
	case !slices.ContainsFunc(r.Starter.Failures, func(f checker.Failure) bool { return f.Kind == l.Starter }):
		add(l.Manifest, 0, fmt.Sprintf("starter_fails_with = %q, but the starter fails with %s", l.Starter, kindsOf(r.Starter)),
			"fix the starter, or set starter_fails_with to the kind the lesson is about")
	}
	r.OK = len(r.Findings) == 0
	r.Millis = time.Since(start).Milliseconds()
	return r
}

func firstMessage(v checker.Verdict) string {
	if len(v.Failures) == 0 {
		return ""
	}
	return v.Failures[0].Message
}

func kindsOf(v checker.Verdict) []string {
	var ks []string
	for _, k := range v.Kinds() {
		if !slices.Contains(ks, k) {
			ks = append(ks, k)
		}
	}
	return ks
}

func orDefault(s, def string) string {
	if s == "" {
		return def
	}
	return s
}

// cmdDevNew scaffolds a new lesson in a clone of the course: every piece,
// marked TODO(author) where the author has to write, so that `go build
// ./...` passes and `dev check` names what is left.
func cmdDevNew(e *env, args []string) int {
	fset, lang := e.flags("dev new")
	pos, err := e.parse(fset, lang, args, 1)
	if err != nil {
		return usageCode(err)
	}
	if len(pos) != 1 {
		return e.fail(fmt.Errorf("usage: gocourse dev new NN-slug (e.g. 07-fan-out)"))
	}
	ws, err := workspace.Find(e.dir)
	if err != nil || !ws.IsCourseRepo() {
		return e.fail(fmt.Errorf("dev new works in a clone of the course repository (with lessons/ and checker/)"))
	}
	files, err := scaffold.NewLesson(ws.Root, pos[0])
	if err != nil {
		return e.fail(err)
	}
	for _, f := range files {
		fmt.Fprintln(e.stdout, "created", f)
	}
	fmt.Fprintf(e.stdout, "Next: fill in every %s, then `go run ./cmd/gocourse dev check --lesson %s`.\n", lint.TodoMarker, pos[0][:2])
	return exitPass
}
