package lint

import (
	"strings"
	"testing"
)

func TestChineseLineBrokenBetweenCharacters(t *testing.T) {
	t.Parallel()
	files := baseCourse()
	// Line 3 becomes two lines: 引\n言。 (a break between two characters),
	// and a break next to ASCII stays allowed.
	files["content/zh/01-demo.md"] = strings.Replace(contentZH, "引言。\n", "引\n言，用 `go`\nrun 运行。\n", 1)
	fs := lintCourse(t, files)
	expect(t, fs, "content/zh/01-demo.md", 3, `between "引" and "言"`)
	if len(fs) != 1 {
		t.Errorf("one break between Chinese characters, one finding; got:\n%s", dump(fs))
	}
}
