package cli

import (
	"encoding/json"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/gocourse/gocourse/checker"
	"github.com/gocourse/gocourse/internal/progress"
	"github.com/gocourse/gocourse/internal/workspace"
	"github.com/gocourse/gocourse/lessons"
)

func cmdCheck(e *env, args []string) int {
	fset, lang := e.flags("check")
	asJSON := fset.Bool("json", false, "print the verdict as one JSON object")
	pos, err := e.parse(fset, lang, args, 1)
	if err != nil {
		return usageCode(err)
	}
	ws, cat, err := e.course()
	if err != nil {
		return e.fail(err)
	}
	l, err := e.lessonArg(cat, pos, "check")
	if err != nil {
		return e.fail(err)
	}
	checker.SweepStale()       // what a killed gocourse left in the temp directory
	hash := ws.ExerciseHash(l) // before grading: a save during it is another attempt
	v := e.grade(ws, cat, l)
	e.record(ws, v, progress.Grading{Hash: hash})
	if *asJSON {
		writeJSON(e.stdout, v)
	} else {
		e.printVerdict(v, l, cat)
	}
	return exitCode(v)
}

func exitCode(v checker.Verdict) int {
	switch v.Status {
	case checker.StatusPass:
		return exitPass
	case checker.StatusFail:
		return exitFail
	}
	return exitError
}

// grade grades the learner's exercise, unless its file is gone: then the
// verdict says so and how to get the starter back (status error, exit 2).
func (e *env) grade(ws *workspace.Workspace, cat *lessons.Catalog, l *lessons.Lesson) checker.Verdict {
	if missing := ws.MissingExercise(l); missing != "" {
		return missingVerdict(e.lang, l, missing)
	}
	return checker.Grade(e.ctx, e.gradeRequest(ws, cat, l))
}

func missingVerdict(lang string, l *lessons.Lesson, file string) checker.Verdict {
	return checker.Verdict{Lesson: l.Slug, Status: checker.StatusError, Failures: []checker.Failure{{
		Kind: checker.KindCompile, File: file, Message: txtMissingFile.in(lang, file, l.Number),
	}}}
}

// record saves the grading in the workspace's progress (not for "error":
// the learner's code was never judged). g carries the content hash and
// whether it counts as an attempt; the verdict fills in the rest.
func (e *env) record(ws *workspace.Workspace, v checker.Verdict, g progress.Grading) {
	if v.Status == checker.StatusError {
		return
	}
	store, err := ws.Progress()
	if store != nil {
		g.Passed, g.Failures = v.OK(), v.Kinds()
		err = store.Add(v.Lesson, g)
	}
	if err != nil {
		fmt.Fprintln(e.stderr, progressWarning(e.lang, err))
	}
}

// progressWarning says, in the learner's language, what went wrong with the
// progress file.
func progressWarning(lang string, err error) string {
	var ce *progress.CorruptError
	var ne *progress.NewerError
	switch {
	case errors.As(err, &ce):
		return txtProgressCorrupt.in(lang, ce.Path, ce.Aside)
	case errors.As(err, &ne):
		return txtProgressNewer.in(lang, ne.Path, ne.Version)
	}
	return txtProgressErr.in(lang, err)
}

func writeJSON(w io.Writer, v any) {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	_ = enc.Encode(v)
}

// printVerdict writes a verdict for a person: a summary line, then each
// failure with its kind, place and message, then what to do next.
func (e *env) printVerdict(v checker.Verdict, l *lessons.Lesson, cat *lessons.Catalog) {
	secs := v.Duration.Seconds()
	defer func() { // remarks that are not failures (e.g. a file graded without explored schedules)
		for _, n := range v.Notes {
			fmt.Fprintln(e.stdout, "  · "+n)
		}
	}()
	switch v.Status {
	case checker.StatusPass:
		fmt.Fprintln(e.stdout, txtPass.in(e.lang, l.Slug, secs))
		if next := nextLesson(cat, l); next != nil {
			fmt.Fprintln(e.stdout, txtNextLesson.in(e.lang, next.Number, next.Title.In(e.lang)))
		} else {
			fmt.Fprintln(e.stdout, txtAllDone.in(e.lang))
		}
		return
	case checker.StatusFail:
		fmt.Fprintln(e.stdout, txtFail.in(e.lang, l.Slug, len(v.Failures), secs))
	default:
		fmt.Fprintln(e.stdout, txtError.in(e.lang, l.Slug, secs))
	}
	fs := append([]checker.Failure(nil), v.Failures...)
	checker.SortFailures(fs)
	for _, f := range fs {
		fmt.Fprintln(e.stdout)
		fmt.Fprintln(e.stdout, "  "+failureHeading(f))
		for _, line := range strings.Split(f.Message, "\n") {
			fmt.Fprintln(e.stdout, "    "+line)
		}
	}
	if v.Status == checker.StatusFail {
		fmt.Fprintln(e.stdout)
		fmt.Fprintln(e.stdout, txtNextHint.in(e.lang, l.Number))
	}
}

// failureHeading is "[leak] exercises/04-search-timeout/search.go:27 (TestX)".
func failureHeading(f checker.Failure) string {
	parts := []string{"[" + f.Kind + "]"}
	if f.File != "" {
		place := f.File
		if f.Line > 0 {
			place += fmt.Sprintf(":%d", f.Line)
		}
		parts = append(parts, place)
	}
	if f.Test != "" {
		parts = append(parts, "("+f.Test+")")
	}
	return strings.Join(parts, " ")
}

func nextLesson(cat *lessons.Catalog, l *lessons.Lesson) *lessons.Lesson {
	for i, x := range cat.Lessons {
		if x == l && i+1 < len(cat.Lessons) {
			return cat.Lessons[i+1]
		}
	}
	return nil
}

// ---------------------------------------------------------------- verify

func cmdVerify(e *env, args []string) int {
	fset, lang := e.flags("verify")
	asJSON := fset.Bool("json", false, "print all verdicts as JSON")
	junit := fset.String("junit", "", "also write a JUnit XML report to this file")
	pos, err := e.parse(fset, lang, args, -1)
	if err != nil {
		return usageCode(err)
	}
	ws, cat, err := e.course()
	if err != nil {
		return e.fail(err)
	}
	todo := cat.Lessons
	if len(pos) > 0 {
		todo = nil
		for _, p := range pos {
			l, err := e.findLesson(cat, p)
			if err != nil {
				return e.fail(err)
			}
			todo = append(todo, l)
		}
	}
	if *junit != "" {
		// Say it now, not after grading everything.
		if err := checkWritable(*junit); err != nil {
			return e.fail(errors.New(txtJUnitUnwritable.in(e.lang, *junit, err)))
		}
	}
	checker.SweepStale()
	verdicts := make([]checker.Verdict, len(todo))
	for i, l := range todo {
		verdicts[i] = e.grade(ws, cat, l)
		// verify grades for CI: passes count, attempts do not.
		e.record(ws, verdicts[i], progress.Grading{NoAttempt: true})
		if !*asJSON {
			e.printVerdict(verdicts[i], l, cat)
			fmt.Fprintln(e.stdout)
		}
	}
	passed, failed, code := 0, 0, exitPass
	for _, v := range verdicts {
		switch v.Status {
		case checker.StatusPass:
			passed++
		case checker.StatusFail:
			failed++
			code = max(code, exitFail)
		default:
			failed++
			code = exitError
		}
	}
	if *asJSON {
		writeJSON(e.stdout, map[string]any{"lessons": verdicts, "passed": passed, "failed": failed})
	} else {
		fmt.Fprintln(e.stdout, txtVerifySum.in(e.lang, passed, failed))
	}
	if *junit != "" {
		if err := writeJUnit(*junit, verdicts); err != nil {
			return e.fail(err)
		}
	}
	return code
}

// JUnit XML, as CI systems (GitHub, GitLab, Jenkins) read it: one test case
// per lesson.
type junitSuites struct {
	XMLName  xml.Name     `xml:"testsuites"`
	Tests    int          `xml:"tests,attr"`
	Failures int          `xml:"failures,attr"`
	Errors   int          `xml:"errors,attr"`
	Suites   []junitSuite `xml:"testsuite"`
}

type junitSuite struct {
	Name     string      `xml:"name,attr"`
	Tests    int         `xml:"tests,attr"`
	Failures int         `xml:"failures,attr"`
	Errors   int         `xml:"errors,attr"`
	Time     string      `xml:"time,attr"`
	Cases    []junitCase `xml:"testcase"`
}

type junitCase struct {
	Name      string        `xml:"name,attr"`
	Classname string        `xml:"classname,attr"`
	Time      string        `xml:"time,attr"`
	Failure   *junitProblem `xml:"failure,omitempty"`
	Error     *junitProblem `xml:"error,omitempty"`
}

type junitProblem struct {
	Message string `xml:"message,attr"`
	Type    string `xml:"type,attr"`
	Text    string `xml:",chardata"`
}

// checkWritable makes sure a file can be written at path without changing
// what is there: an existing file is opened for writing (not truncated), a
// new one is tried with a temp file in its directory.
func checkWritable(path string) error {
	if st, err := os.Stat(path); err == nil {
		if st.IsDir() {
			return errors.New("is a directory")
		}
		f, err := os.OpenFile(path, os.O_WRONLY, 0)
		if err != nil {
			return err
		}
		return f.Close()
	}
	f, err := os.CreateTemp(filepath.Dir(path), ".gocourse-junit-*")
	if err != nil {
		return err
	}
	name := f.Name()
	f.Close()
	return os.Remove(name)
}

func writeJUnit(path string, verdicts []checker.Verdict) error {
	s := junitSuite{Name: "gocourse"}
	var total float64
	for _, v := range verdicts {
		c := junitCase{Name: v.Lesson, Classname: "gocourse", Time: fmt.Sprintf("%.3f", v.Duration.Seconds())}
		total += v.Duration.Seconds()
		if v.Status != checker.StatusPass {
			var b strings.Builder
			kind := ""
			for _, f := range v.Failures {
				if kind == "" {
					kind = f.Kind
				}
				fmt.Fprintf(&b, "%s\n%s\n\n", failureHeading(f), f.Message)
			}
			p := &junitProblem{Message: fmt.Sprintf("%d problem(s)", len(v.Failures)), Type: kind, Text: b.String()}
			if v.Status == checker.StatusFail {
				c.Failure = p
				s.Failures++
			} else {
				c.Error = p
				s.Errors++
			}
		}
		s.Cases = append(s.Cases, c)
	}
	s.Tests = len(verdicts)
	s.Time = fmt.Sprintf("%.3f", total)
	out, err := xml.MarshalIndent(junitSuites{Tests: s.Tests, Failures: s.Failures, Errors: s.Errors, Suites: []junitSuite{s}}, "", "  ")
	if err != nil {
		return err
	}
	return os.WriteFile(path, append([]byte(xml.Header), append(out, '\n')...), 0o644)
}
