package cli

import (
	"encoding/json"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// copyCourse copies what a course needs (manifests, texts, exercises,
// solutions, hidden tests, kit, go.mod/go.sum) from this repository to a
// temporary directory, where a test can add and break lessons freely.
func copyCourse(t *testing.T) string {
	t.Helper()
	src, err := filepath.Abs("../..")
	if err != nil {
		t.Fatal(err)
	}
	dst := t.TempDir()
	for _, p := range []string{"go.mod", "go.sum", "lessons", "content", "exercises", "solutions", "checker/testdata/kit", "checker/testdata/hidden"} {
		err := filepath.WalkDir(filepath.Join(src, p), func(path string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			rel, _ := filepath.Rel(src, path)
			if d.IsDir() {
				return os.MkdirAll(filepath.Join(dst, rel), 0o755)
			}
			if strings.HasSuffix(path, ".go") && strings.HasPrefix(rel, "lessons") {
				return nil // the catalog's code is not course content
			}
			data, err := os.ReadFile(path)
			if err != nil {
				return err
			}
			return os.WriteFile(filepath.Join(dst, rel), data, 0o644)
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	return dst
}

// A lesson made by `dev new` and filled in by hand, as an author would.
var demoLesson = map[string]string{
	"lessons/11-demo.toml": `number = 11
slug = "11-demo"
package = "demo"
file = "demo.go"
leak = "synctest"
time_limit = "30s"
starter_fails_with = "test"
[title]
en = "Demo"
zh = "演示"
[summary]
en = "Double a number without leaving anything behind."
zh = "把一个数翻倍，而且什么都不留下。"
[[hints]]
en = "What is twice n?"
zh = "n 的两倍是多少？"
[[hints]]
en = "Return n * 2."
zh = "返回 n * 2。"
`,
	"content/en/11-demo.md":     "# Demo\n\nDouble a number.\n\n## The exercise\n\n```go snippet\n// Double returns twice n.\nfunc Double(n int) int\n```\n",
	"content/zh/11-demo.md":     "# 演示\n\n把一个数翻倍。\n\n## 练习\n\n```go snippet\n// Double 返回 n 的两倍。\nfunc Double(n int) int\n```\n",
	"exercises/11-demo/demo.go": "// Package demo doubles numbers.\npackage demo\n\n// Double returns twice n.\nfunc Double(n int) int {\n\treturn n // TODO: double it\n}\n",
	"solutions/11-demo/demo.go": "// Package demo doubles numbers.\npackage demo\n\n// Double returns twice n.\nfunc Double(n int) int {\n\treturn n * 2\n}\n",
	"checker/testdata/hidden/11-demo/l11_test.go": `package demo

import (
	"testing"

	gcscenario "GOCOURSE_SCENARIO"
)

var l11API = gcscenario.API{Double: Double}

func TestDoubleDoubles(t *testing.T) { gcscenario.DoubleDoubles(t, l11API) }
`,
	"checker/testdata/hidden/11-demo/scenario/scenario.go": `// Package scenario holds lesson 11's tests.
package scenario

import (
	"testing"

	gk "GOCOURSE_KIT"
)

// API is the exercise as the scenarios call it.
type API struct {
	Double func(n int) int
}

func DoubleDoubles(t *testing.T, api API) {
	gk.Bubble(t, func(t *testing.T) {
		if got := api.Double(21); got != 42 {
			gk.ErrorAt(t, gk.FuncPos(t, "Double"), "Double(21) = %d, want 42", "Double(21) = %d，应为 42", got)
		}
	})
}
`,
	"checker/testdata/fixtures/11-demo/wrong-todo/fixture.toml": "mistake = \"returns n unchanged\"\nstatus = \"fail\"\nkinds = [\"test\"]\n",
	"checker/testdata/fixtures/11-demo/wrong-todo/demo.go":      "package demo\n\nfunc Double(n int) int { return n }\n",
	"checker/testdata/fixtures/11-demo/right-todo/fixture.toml": "mistake = \"adds n to itself\"\nstatus = \"pass\"\nkinds = []\n",
	"checker/testdata/fixtures/11-demo/right-todo/demo.go":      "package demo\n\nfunc Double(n int) int { return n + n }\n",
}

func writeFiles(t *testing.T, root string, files map[string]string) {
	t.Helper()
	for p, data := range files {
		full := filepath.Join(root, filepath.FromSlash(p))
		if err := os.MkdirAll(filepath.Dir(full), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(full, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// TestNewLessonFlowAndDevCheckFindings: a lesson scaffolded with `dev new` and
// filled in by hand passes `dev check` and appears in `list` and `verify`;
// then each way of breaking it is caught.
func TestNewLessonFlowAndDevCheckFindings(t *testing.T) {
	if testing.Short() {
		t.Skip("grades a lesson several times")
	}
	root := copyCourse(t)
	if out, errOut, code := run(t, "dev", "new", "11-demo", "--dir", root); code != 0 {
		t.Fatalf("dev new: %d\n%s%s", code, out, errOut)
	}
	// Scaffolded and not filled in: dev check names what is left.
	out, _, code := run(t, "dev", "check", "--lesson", "11", "--dir", root)
	if code == 0 || !strings.Contains(out, "TODO(author)") {
		t.Errorf("an unfilled scaffold passed dev check:\n%s", out)
	}
	writeFiles(t, root, demoLesson)
	if out, _, code := run(t, "dev", "check", "--lesson", "11", "--dir", root); code != 0 {
		t.Fatalf("the filled-in lesson fails dev check:\n%s", out)
	}
	if out, _, _ := run(t, "list", "--dir", root, "--lang", "en"); !strings.Contains(out, "11 Demo") {
		t.Errorf("list does not show the new lesson:\n%s", out)
	}
	if out, _, _ := run(t, "verify", "11", "--json", "--dir", root); !strings.Contains(out, `"11-demo"`) {
		t.Errorf("verify does not grade the new lesson:\n%s", out)
	}

	cases := []struct {
		name  string
		files map[string]string
		want  string // in dev check's output
	}{
		{"missing translation", map[string]string{"content/zh/11-demo.md": ""}, "content/zh/11-demo.md"},
		{"different code in the two languages", map[string]string{
			"content/zh/11-demo.md": strings.Replace(demoLesson["content/zh/11-demo.md"], "func Double(n int) int", "func Double(n int64) int64", 1)}, "content/zh/11-demo.md"},
		{"a starter that passes", map[string]string{"exercises/11-demo/demo.go": demoLesson["solutions/11-demo/demo.go"]}, "the starter passes"},
		{"a solution that leaks", map[string]string{"solutions/11-demo/demo.go": "// Package demo doubles numbers.\npackage demo\n\n// Double returns twice n.\nfunc Double(n int) int {\n\tgo func() { select {} }()\n\treturn n * 2\n}\n"}, "solution fails [leak]"},
		{"a message with an argument too many", map[string]string{"checker/testdata/hidden/11-demo/scenario/scenario.go": strings.Replace(demoLesson["checker/testdata/hidden/11-demo/scenario/scenario.go"], "应为 42\", got)", "应为 42\", got, 42)", 1)}, "does not format with its 2 argument(s)"},
		{"a hint missing in one language", map[string]string{"lessons/11-demo.toml": strings.Replace(demoLesson["lessons/11-demo.toml"], `zh = "返回 n * 2。"`, `zh = ""`, 1)}, "hint 2 needs both en and zh"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			writeFiles(t, root, tc.files)
			if tc.name == "missing translation" {
				os.Remove(filepath.Join(root, "content/zh/11-demo.md"))
			}
			defer writeFiles(t, root, demoLesson)
			out, errOut, code := run(t, "dev", "check", "--lesson", "11", "--dir", root, "--json")
			if code == 0 {
				t.Fatalf("dev check passed:\n%s", out)
			}
			if all := out + errOut; !strings.Contains(all, tc.want) {
				t.Errorf("dev check output lacks %q:\n%s", tc.want, all)
			}
			if code == exitFail { // findings come as JSON for editors and CI
				var v struct{ OK bool }
				if err := json.Unmarshal([]byte(out), &v); err != nil || v.OK {
					t.Errorf("--json output: %v %s", err, out)
				}
			}
		})
	}
}
