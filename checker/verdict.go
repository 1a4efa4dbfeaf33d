// Package checker grades an exercise: it runs the lesson's hidden tests
// against the learner's package under the race detector, with a hard time
// limit, and turns what happened into a Verdict. Grade (grade.go) is where a
// verdict is made; classify.go reads the test events; run.go owns the process.
package checker

import (
	"slices"
	"time"
)

// Status of a grading.
const (
	StatusPass  = "pass"  // every hidden test passed
	StatusFail  = "fail"  // the exercise is wrong: see Failures
	StatusError = "error" // could not grade (no Go toolchain, no C compiler, ...)
)

// Failure kinds (COURSE.md).
const (
	KindCompile = "compile" // does not build (vet included)
	KindTest    = "test"    // a hidden test's assertion
	KindRace    = "race"    // the race detector
	KindLeak    = "leak"    // a goroutine left behind
	KindTimeout = "timeout" // the run passed its time limit
	KindPanic   = "panic"   // the exercise panicked or exited
	KindLint    = "lint"    // a static rule of the lesson
)

// Failure is one reason an exercise failed. File is relative to the
// workspace root (exercises/04-search-timeout/search.go) and empty when the
// failure has no place in the learner's code.
type Failure struct {
	Kind    string `json:"kind"`
	Test    string `json:"test,omitempty"`
	Message string `json:"message"`
	File    string `json:"file,omitempty"`
	Line    int    `json:"line,omitempty"`
	// form is the hidden test's message format, before its arguments: one
	// problem at one place, whichever test found it (classify.go).
	form string
}

// Verdict is the result of grading one exercise, in the learner's language.
type Verdict struct {
	Lesson   string        `json:"lesson"`
	Status   string        `json:"status"`
	Duration time.Duration `json:"-"`
	DurMS    int64         `json:"duration_ms"`
	Failures []Failure     `json:"failures"`
	// Passed lists the hidden tests that passed, for progress and reports.
	Passed []string `json:"passed,omitempty"`
	// Notes are remarks that are not failures, in the learner's language
	// (e.g. a file graded without explored schedules).
	Notes []string `json:"notes,omitempty"`
	// Output is the captured test output (capped), for a "details" view.
	Output string `json:"-"`
	// merged: for a test whose failures were merged into an earlier test's
	// at the same place (classify.go), the indices of those failures (set
	// by classify, read by the schedule's finish before anything reorders them).
	merged map[string][]int
}

// failuresOf returns the indices of test's failures in v.Failures.
func (v *Verdict) failuresOf(test string) []int { return failuresOf(v.Failures, v.merged, test) }

// failuresOf returns the indices of test's failures in fs: its own, then
// the ones its failures were merged into.
func failuresOf(fs []Failure, merged map[string][]int, test string) []int {
	var out []int
	for k, f := range fs {
		if f.Test == test {
			out = append(out, k)
		}
	}
	for _, k := range merged[test] {
		if !slices.Contains(out, k) {
			out = append(out, k)
		}
	}
	return out
}

// OK reports whether the exercise passed.
func (v Verdict) OK() bool { return v.Status == StatusPass }

// Kinds lists the kind of every failure, in order (repeats included: the
// progress record counts them).
func (v Verdict) Kinds() []string {
	kinds := make([]string, len(v.Failures))
	for i, f := range v.Failures {
		kinds[i] = f.Kind
	}
	return kinds
}
