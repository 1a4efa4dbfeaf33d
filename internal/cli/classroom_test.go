package cli

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/gocourse/gocourse/lessons"
)

func classroomCatalog() *lessons.Catalog {
	cat := &lessons.Catalog{}
	for i, slug := range []string{"01-busy-main", "02-two-listeners", "03-done-stop", "04-search-timeout", "05-directory-callback", "06-tracker"} {
		cat.Lessons = append(cat.Lessons, &lessons.Lesson{
			Number:    i + 1,
			Slug:      slug,
			Title:     lessons.Text{EN: "Title: \"" + slug + "\"", ZH: "标题"},
			TimeLimit: 30 * time.Second,
		})
	}
	cat.Lessons[5].TimeLimit = 2 * time.Minute
	return cat
}

// yamlSteps splits the workflow's steps list into one block per step.
func yamlSteps(t *testing.T, y string) []string {
	t.Helper()
	_, list, ok := strings.Cut(y, "    steps:\n")
	if !ok {
		t.Fatalf("no steps:\n%s", y)
	}
	var steps []string
	for _, block := range strings.Split(list, "      - ")[1:] {
		steps = append(steps, "      - "+block)
	}
	return steps
}

func TestClassroomWorkflow(t *testing.T) {
	cat := classroomCatalog()
	y := string(classroomWorkflow(cat))

	for i, line := range strings.Split(y, "\n") {
		if strings.Contains(line, "\t") {
			t.Errorf("line %d has a tab (YAML indents with spaces): %q", i+1, line)
		}
		if strings.TrimSpace(line) != "" && !strings.HasPrefix(strings.TrimSpace(line), "#") {
			if indent := len(line) - len(strings.TrimLeft(line, " ")); indent%2 != 0 {
				t.Errorf("line %d is indented by an odd number of spaces: %q", i+1, line)
			}
		}
	}
	for _, want := range []string{
		"name: Autograding Tests\n",
		"'on':\n  - push\n  - repository_dispatch\n",
		"permissions:\n  checks: write\n  actions: read\n  contents: read\n",
		"    runs-on: ubuntu-latest\n",
		"    if: github.actor != 'github-classroom[bot]'\n",
	} {
		if !strings.Contains(y, want) {
			t.Errorf("missing %q", want)
		}
	}

	steps := yamlSteps(t, y)
	if want := 3 + len(cat.Lessons) + 1; len(steps) != want {
		t.Fatalf("%d steps, want %d (checkout, setup-go, install, one per lesson, reporter)", len(steps), want)
	}
	expectStep := func(i int, lines ...string) {
		t.Helper()
		for _, line := range lines {
			if !strings.Contains(steps[i], line+"\n") {
				t.Errorf("step %d lacks %q:\n%s", i+1, line, steps[i])
			}
		}
	}
	expectStep(0, "        uses: actions/checkout@v4")
	expectStep(1, "        uses: actions/setup-go@v5", "        with:", "          go-version-file: go.mod")
	expectStep(2, "        run: |",
		"          go install github.com/gocourse/gocourse/cmd/gocourse@latest",
		`          echo "$(go env GOPATH)/bin" >> "$GITHUB_PATH"`)
	if !strings.Contains(steps[2], "pin") {
		t.Error("the install step should tell the instructor to pin a version")
	}

	var runners []string
	total := 0
	for i, l := range cat.Lessons {
		id := fmt.Sprintf("lesson-%02d", l.Number)
		runners = append(runners, id)
		timeout := 5
		if l.Number == 6 {
			timeout = 6
		}
		expectStep(3+i,
			fmt.Sprintf(`      - name: "Lesson %02d: Title: \"%s\""`, l.Number, l.Slug),
			"        id: "+id,
			"        uses: classroom-resources/autograding-command-grader@v1",
			"        with:",
			fmt.Sprintf(`          test-name: "%s"`, l.Slug),
			fmt.Sprintf("          command: gocourse check %d --lang en", l.Number),
			fmt.Sprintf("          timeout: %d", timeout),
			"          max-score: 10",
		)
		total += 10
	}
	reporter := steps[len(steps)-1]
	expectStep(len(steps)-1, "        uses: classroom-resources/autograding-grading-reporter@v1", "        env:", "        with:",
		"          runners: "+strings.Join(runners, ","))
	for _, id := range runners {
		expectStep(len(steps)-1, fmt.Sprintf(`          %s_RESULTS: "${{ steps.%s.outputs.result }}"`, strings.ToUpper(id), id))
	}
	if strings.Index(reporter, "env:") > strings.Index(reporter, "with:") {
		t.Error("the reporter's env should come before with (as in the action's documentation)")
	}
	if !strings.Contains(y, fmt.Sprintf("(%d in all)", total)) {
		t.Errorf("the header should state the total of %d points", total)
	}
}

// The workflow follows the catalog: a seventh lesson is a seventh test.
func TestClassroomWorkflowFollowsTheCatalog(t *testing.T) {
	cat := classroomCatalog()
	cat.Lessons = append(cat.Lessons, &lessons.Lesson{Number: 7, Slug: "07-fan-out", Title: lessons.Text{EN: "Fan out"}})
	y := string(classroomWorkflow(cat))
	for _, want := range []string{
		"        id: lesson-07\n",
		"          command: gocourse check 7 --lang en\n",
		"          timeout: 5\n", // DefaultTimeLimit when the lesson names none
		"          runners: lesson-01,lesson-02,lesson-03,lesson-04,lesson-05,lesson-06,lesson-07\n",
	} {
		if !strings.Contains(y, want) {
			t.Errorf("missing %q", want)
		}
	}
}
