package cli

import (
	"fmt"
	"math"
	"strconv"
	"strings"

	"github.com/gocourse/gocourse/lessons"
)

// classroomPoints is what passing one lesson is worth.
const classroomPoints = 10

// classroomModule is what the workflow installs; instructors pin a version.
const classroomModule = "github.com/gocourse/gocourse/cmd/gocourse"

// classroomWorkflow returns .github/workflows/classroom.yml for a GitHub
// Classroom assignment made from a gocourse workspace: every lesson is one
// autograding test worth classroomPoints, graded by `gocourse check N`, with
// GitHub Classroom's command grader (classroom-resources/autograding-command-grader,
// which passes a test when the command exits 0 and hands its result to the
// reporter through the step output "result"), and the grading reporter, which
// reads each runner's result from the env variable <RUNNER-ID>_RESULTS
// (upper-cased) and sends the points to Classroom.
//
// The command grader runs its command with only PATH and HOME from the
// environment, so gocourse is installed in a step of its own and its
// directory put on PATH for later steps.
func classroomWorkflow(cat *lessons.Catalog) []byte {
	var b strings.Builder
	w := func(format string, args ...any) { fmt.Fprintf(&b, format+"\n", args...) }

	total := classroomPoints * len(cat.Lessons)
	w("# GitHub Classroom autograding for gocourse, written by `gocourse init --classroom`.")
	w("#")
	w("# Each lesson is one test worth %d points (%d in all): `gocourse check N` runs the", classroomPoints, total)
	w("# lesson's hidden tests against exercises/NN-slug/ under the race detector, with")
	w("# goroutine-leak checks, and exits 0 only when the exercise passes. Change max-score to")
	w("# weigh lessons differently, and keep the assignment's total in Classroom in step.")
	w("name: Autograding Tests")
	w("'on':")
	w("  - push")
	w("  - repository_dispatch")
	w("permissions:")
	w("  checks: write")
	w("  actions: read")
	w("  contents: read")
	w("jobs:")
	w("  run-autograding-tests:")
	w("    runs-on: ubuntu-latest")
	w("    if: github.actor != 'github-classroom[bot]'")
	w("    steps:")
	w("      - name: Checkout code")
	w("        uses: actions/checkout@v4")
	w("      - name: Set up Go")
	w("        uses: actions/setup-go@v5")
	w("        with:")
	w("          go-version-file: go.mod")
	w("      - name: Install gocourse")
	w("        run: |")
	w("          # The hidden tests are built into gocourse: pin a release (@v1.2.3 instead of")
	w("          # @latest) so that they do not change while the assignment is open.")
	w("          go install %s@latest", classroomModule)
	w("          echo \"$(go env GOPATH)/bin\" >> \"$GITHUB_PATH\"")

	ids := make([]string, len(cat.Lessons))
	for i, l := range cat.Lessons {
		ids[i] = classroomStepID(l)
		w("      - name: %s", yamlQuote(fmt.Sprintf("Lesson %02d: %s", l.Number, l.Title.EN)))
		w("        id: %s", ids[i])
		w("        uses: classroom-resources/autograding-command-grader@v1")
		w("        with:")
		w("          test-name: %s", yamlQuote(l.Slug))
		w("          command: gocourse check %d --lang en", l.Number)
		w("          timeout: %d", classroomTimeout(l))
		w("          max-score: %d", classroomPoints)
	}

	w("      - name: Autograding Reporter")
	w("        uses: classroom-resources/autograding-grading-reporter@v1")
	w("        env:")
	for _, id := range ids {
		w("          %s_RESULTS: \"${{ steps.%s.outputs.result }}\"", strings.ToUpper(id), id)
	}
	w("        with:")
	w("          runners: %s", strings.Join(ids, ","))
	return []byte(b.String())
}

// classroomStepID is the step id and reporter runner name of a lesson.
func classroomStepID(l *lessons.Lesson) string { return fmt.Sprintf("lesson-%02d", l.Number) }

// classroomTimeout is the command grader's limit in minutes: the lesson's own
// time limit (the grader enforces it) plus room for the first grading, which
// downloads goleak and builds the race-enabled standard library.
func classroomTimeout(l *lessons.Lesson) int {
	limit := l.TimeLimit
	if limit <= 0 {
		limit = lessons.DefaultTimeLimit
	}
	return int(math.Ceil(limit.Minutes())) + 4
}

// yamlQuote is s as a YAML double-quoted scalar: Go's escapes (\", \\, \n,
// \t, \xNN, \uNNNN, ...) are all YAML escapes too.
func yamlQuote(s string) string { return strconv.Quote(s) }
