// The grading kit's shim. The grader overlays this file into the learner's
// package next to the lesson's hidden tests, its package clause rewritten to
// the exercise's. It owns TestMain. The kit's code lives in its own package
// (kit.go and the files beside it, overlaid as <module>/zz_gocoursekit) so
// that the go command compiles it once and caches it: only the shims are
// compiled again with every save, so this one holds nothing else. Hidden
// files that call the kit by short names use names_test.go.
package kit

import (
	"os"
	"strconv"
	"testing"

	_ "GOCOURSE_KIT" // always linked: its init takes the lifeline (lifeline.go)
)

// TestMain writes the run's exit code to the file the grader named. The grader
// trusts a pass only when this file says 0 and every hidden test reported a
// pass event: learner code that exits early or prints fake "--- PASS" lines
// never reaches this point.
func TestMain(m *testing.M) {
	code := m.Run()
	if p := os.Getenv("GOCOURSE_RESULT"); p != "" {
		_ = os.WriteFile(p, []byte("exit="+strconv.Itoa(code)+"\n"), 0o600)
	}
	os.Exit(code)
}
