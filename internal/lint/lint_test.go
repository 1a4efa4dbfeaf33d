package lint

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/gocourse/gocourse/lessons"
)

// A small course with one lesson that every check accepts. Each test breaks
// one thing and expects the finding, with its file and line.

const manifest = `number = 1
slug = "01-demo"
package = "demo"
file = "demo.go"
leak = "synctest"
starter_fails_with = "test"

[title]
en = "A demo"
zh = "示例"

[summary]
en = "Add two numbers."
zh = "两数相加。"

[[hints]]
en = "Look at the operator."
zh = "看看运算符。"

[[hints]]
en = "return a + b"
zh = "return a + b"
`

const contentEN = "# A demo\n" + // 1
	"\n" + // 2
	"Intro.\n" + // 3
	"\n" + // 4
	"## A complete program\n" + // 5
	"\n" + // 6
	"```go\n" + // 7
	"package main\n" + // 8
	"\n" + // 9
	"import \"fmt\"\n" + // 10
	"\n" + // 11
	"// main prints a greeting.\n" + // 12
	"func main() {\n" + // 13
	"\tfmt.Println(\"hello\") // to stdout\n" + // 14
	"}\n" + // 15
	"```\n" + // 16
	"\n" + // 17
	"## An excerpt\n" + // 18
	"\n" + // 19
	"```go snippet\n" + // 20
	"ch := make(chan int, 1) // room for one\n" + // 21
	"```\n" + // 22
	"\n" + // 23
	"### A diagram\n" + // 24
	"\n" + // 25
	"```text\n" + // 26
	"main ---> worker\n" + // 27
	"```\n" + // 28
	"\n" + // 29
	"## The exercise\n" + // 30
	"\n" + // 31
	"Open `exercises/01-demo/demo.go`.\n" // 32

const contentZH = "# 示例\n" + // 1
	"\n" + // 2
	"引言。\n" + // 3
	"\n" + // 4
	"## 一个完整的程序\n" + // 5
	"\n" + // 6
	"```go\n" + // 7
	"package main\n" + // 8
	"\n" + // 9
	"import \"fmt\"\n" + // 10
	"\n" + // 11
	"// main 打印一句问候。\n" + // 12
	"func main() {\n" + // 13
	"\tfmt.Println(\"hello\") // 输出到 stdout\n" + // 14
	"}\n" + // 15
	"```\n" + // 16
	"\n" + // 17
	"## 一段摘录\n" + // 18
	"\n" + // 19
	"```go snippet\n" + // 20
	"ch := make(chan int, 1) // 容量为 1\n" + // 21
	"```\n" + // 22
	"\n" + // 23
	"### 示意图\n" + // 24
	"\n" + // 25
	"```text\n" + // 26
	"main ---> 工作 goroutine\n" + // 27
	"```\n" + // 28
	"\n" + // 29
	"## 练习\n" + // 30
	"\n" + // 31
	"打开 `exercises/01-demo/demo.go`。\n" // 32

const hiddenTest = `package demo

import "testing"

func TestAdd(t *testing.T) {
	if got := Add(2, 3); got != 5 {
		gcErrorf(t, "Add(2, 3) = %d, want 5", "Add(2, 3) = %d,应为 5", got)
	}
}
`

func baseCourse() map[string]string {
	return map[string]string{
		"go.mod":                                                     "module example.com/course\n\ngo 1.25\n",
		"lessons/01-demo.toml":                                       manifest,
		"content/en/01-demo.md":                                      contentEN,
		"content/zh/01-demo.md":                                      contentZH,
		"exercises/01-demo/demo.go":                                  "package demo\n\n// Add returns a + b.\nfunc Add(a, b int) int {\n\treturn a - b\n}\n",
		"solutions/01-demo/demo.go":                                  "package demo\n\n// Add returns a + b.\nfunc Add(a, b int) int {\n\treturn a + b\n}\n",
		"checker/testdata/hidden/01-demo/demo_test.go":               hiddenTest,
		"checker/testdata/fixtures/01-demo/wrong-minus/demo.go":      "package demo\n\nfunc Add(a, b int) int { return a - b }\n",
		"checker/testdata/fixtures/01-demo/wrong-minus/fixture.toml": "mistake = \"subtracts\"\nstatus = \"fail\"\nkinds = [\"test\"]\n",
		"checker/testdata/fixtures/01-demo/right-sum/demo.go":        "package demo\n\nfunc Add(a, b int) int { return b + a }\n",
		"checker/testdata/fixtures/01-demo/right-sum/fixture.toml":   "mistake = \"adds in the other order\"\nstatus = \"pass\"\nkinds = []\n",
	}
}

// lintCourse writes files to a temp dir (so that the go command can vet the
// starter and solution) and lints the lesson.
func lintCourse(t *testing.T, files map[string]string) []Finding {
	t.Helper()
	dir := t.TempDir()
	for name, data := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	cat, err := lessons.Load(os.DirFS(dir))
	if err != nil {
		t.Fatalf("the test course does not load: %v", err)
	}
	return Lesson(context.Background(), cat, cat.Lessons[0])
}

func dump(fs []Finding) string {
	var b strings.Builder
	for _, f := range fs {
		fmt.Fprintf(&b, "  %s:%d: %s (fix: %s)\n", f.File, f.Line, f.Problem, f.Fix)
	}
	return b.String()
}

// expect asserts exactly one finding about file (at line, unless 0) whose
// problem contains every one of words.
func expect(t *testing.T, fs []Finding, file string, line int, words ...string) Finding {
	t.Helper()
	var hits []Finding
	for _, f := range fs {
		ok := f.File == file && (line == 0 || f.Line == line)
		for _, w := range words {
			ok = ok && strings.Contains(f.Problem, w)
		}
		if ok {
			hits = append(hits, f)
		}
	}
	if len(hits) != 1 {
		t.Fatalf("want one finding at %s:%d containing %q, got %d; all findings:\n%s", file, line, words, len(hits), dump(fs))
	}
	if hits[0].Fix == "" || hits[0].Lesson != "01-demo" {
		t.Errorf("finding without a fix or lesson: %+v", hits[0])
	}
	return hits[0]
}

func TestCleanLessonHasNoFindings(t *testing.T) {
	t.Parallel()
	// The base course translates comments and the text diagram, and has a
	// ```go snippet that would not compile on its own: all accepted.
	if fs := lintCourse(t, baseCourse()); len(fs) != 0 {
		t.Fatalf("a clean lesson has findings:\n%s", dump(fs))
	}
}

func TestMissingHeadingInZh(t *testing.T) {
	t.Parallel()
	files := baseCourse()
	files["content/zh/01-demo.md"] = strings.Replace(contentZH, "### 示意图\n", "", 1)
	fs := lintCourse(t, files)
	// en: # ## ## ### ##, zh: # ## ## ##. The ### section's text block is
	// in both, so the alignment knows the heading goes just before it (zh
	// line 25, once line 24 is gone), not at the end.
	expect(t, fs, "content/zh/01-demo.md", 25, `"### A diagram" (content/en/01-demo.md line 24) has no counterpart here: it belongs before line 25`, "has 5 headings", "has 4")
	if len(fs) != 1 {
		t.Errorf("one divergence, one finding; got:\n%s", dump(fs))
	}
}

func TestHeadingLevelDiffers(t *testing.T) {
	t.Parallel()
	files := baseCourse()
	files["content/zh/01-demo.md"] = strings.Replace(contentZH, "### 示意图\n", "## 示意图\n", 1)
	expect(t, lintCourse(t, files), "content/zh/01-demo.md", 24, "heading 4 differs", `content/en/01-demo.md line 24 has "### A diagram" (level 3)`, `"## 示意图" (level 2)`)
}

func TestExtraHeadingInZh(t *testing.T) {
	t.Parallel()
	files := baseCourse()
	files["content/zh/01-demo.md"] = strings.Replace(contentZH, "引言。\n", "引言。\n\n## 多出来的一节\n", 1)
	// Two ## in a row with no code between: either may be the extra one,
	// and the finding says so.
	expect(t, lintCourse(t, files), "content/zh/01-demo.md", 7, `"## 一个完整的程序" here has no counterpart in content/en/01-demo.md`,
		`or it is "## 多出来的一节" (content/zh/01-demo.md line 5)`)
}

func TestHeadingCountDiffers(t *testing.T) {
	t.Parallel()
	files := baseCourse()
	files["content/zh/01-demo.md"] = strings.Replace(contentZH, "## 练习\n", "练习\n", 1)
	fs := lintCourse(t, files)
	expect(t, fs, "content/zh/01-demo.md", 32, `"## The exercise" (content/en/01-demo.md line 30) has no counterpart here: it belongs at the end`, "has 5 headings", "has 4")
}

func TestFirstHeadingIsTheTitle(t *testing.T) {
	t.Parallel()
	files := baseCourse()
	files["content/zh/01-demo.md"] = strings.Replace(contentZH, "# 示例\n", "# 演示\n", 1)
	expect(t, lintCourse(t, files), "content/zh/01-demo.md", 1, `"# 示例"`)
}

func TestDifferentCodeInTheTwoLanguages(t *testing.T) {
	t.Parallel()
	files := baseCourse()
	files["content/zh/01-demo.md"] = strings.Replace(contentZH, `fmt.Println("hello")`, `fmt.Println("你好")`, 1)
	fs := lintCourse(t, files)
	expect(t, fs, "content/zh/01-demo.md", 14, "code block 1", "`\"你好\"`", "content/en/01-demo.md line 14", "`\"hello\"`")
}

func TestCommentOnlyDifferenceAccepted(t *testing.T) {
	t.Parallel()
	files := baseCourse()
	// More comment lines, a block comment, different indentation of a
	// comment: none of it is code.
	files["content/zh/01-demo.md"] = strings.Replace(contentZH, "// main 打印一句问候。\n",
		"// main 打印一句问候。\n//\n// 第二行注释。\n/* 块注释 */\n", 1)
	files["content/en/01-demo.md"] = strings.Replace(contentEN, "ch := make(chan int, 1) // room for one\n",
		"// A channel with room for one value.\nch := make(chan int, 1)\n", 1)
	if fs := lintCourse(t, files); len(fs) != 0 {
		t.Fatalf("comments may differ between languages; got:\n%s", dump(fs))
	}
}

func TestInfoStringDiffers(t *testing.T) {
	t.Parallel()
	files := baseCourse()
	files["content/zh/01-demo.md"] = strings.Replace(contentZH, "```go snippet\n", "```go\n", 1)
	fs := lintCourse(t, files)
	expect(t, fs, "content/zh/01-demo.md", 20, "code block 2", "```go here", "```go snippet in content/en/01-demo.md (line 20)")
}

func TestMissingCodeBlock(t *testing.T) {
	t.Parallel()
	files := baseCourse()
	files["content/zh/01-demo.md"] = strings.Replace(contentZH, "```text\nmain ---> 工作 goroutine\n```\n", "", 1)
	expect(t, lintCourse(t, files), "content/zh/01-demo.md", 0, "has 3 code blocks", "has 2", "```text block at content/en/01-demo.md line 26")
}

func TestGoBlockThatDoesNotCompile(t *testing.T) {
	t.Parallel()
	files := baseCourse()
	for _, lang := range []string{"en", "zh"} {
		p := "content/" + lang + "/01-demo.md"
		files[p] = strings.Replace(files[p], `fmt.Println("hello")`, `fmt.Println(greeting)`, 1)
	}
	fs := lintCourse(t, files)
	// The compiler's line 7 of the block is line 14 of the markdown.
	expect(t, fs, "content/en/01-demo.md", 14, "does not compile", "undefined: greeting", "block at line 7")
	for _, f := range fs {
		if f.File == "content/zh/01-demo.md" {
			t.Errorf("only the English blocks are compiled (the code is the same): %+v", f)
		}
	}
}

func TestGoBlockImportsOutsideTheStandardLibrary(t *testing.T) {
	t.Parallel()
	files := baseCourse()
	for _, lang := range []string{"en", "zh"} {
		p := "content/" + lang + "/01-demo.md"
		files[p] = strings.Replace(files[p], `import "fmt"`, `import fmt "example.com/greet"`, 1)
	}
	expect(t, lintCourse(t, files), "content/en/01-demo.md", 10, `imports "example.com/greet"`)
}

func TestGoVetInABlock(t *testing.T) {
	t.Parallel()
	files := baseCourse()
	for _, lang := range []string{"en", "zh"} {
		p := "content/" + lang + "/01-demo.md"
		files[p] = strings.Replace(files[p], `fmt.Println("hello")`, `fmt.Printf("%d\n", "hello")`, 1)
	}
	expect(t, lintCourse(t, files), "content/en/01-demo.md", 14, "go vet", "wrong type")
}

func TestSnippetIsNotCompiled(t *testing.T) {
	t.Parallel()
	// The base course's snippet is an excerpt that would not compile; the
	// clean test proves it is accepted. Marked ```go, it is a finding.
	files := baseCourse()
	for _, lang := range []string{"en", "zh"} {
		p := "content/" + lang + "/01-demo.md"
		files[p] = strings.Replace(files[p], "```go snippet\n", "```go\n", 1)
	}
	expect(t, lintCourse(t, files), "content/en/01-demo.md", 21, "does not start with a package clause")
}

func TestPackageMainWithoutMain(t *testing.T) {
	t.Parallel()
	files := baseCourse()
	for _, lang := range []string{"en", "zh"} {
		p := "content/" + lang + "/01-demo.md"
		files[p] = strings.Replace(files[p], "func main() {", "func greet() {", 1)
	}
	expect(t, lintCourse(t, files), "content/en/01-demo.md", 8, "without func main")
}

func TestSkippedHiddenTest(t *testing.T) {
	t.Parallel()
	files := baseCourse()
	files["checker/testdata/hidden/01-demo/demo_test.go"] = hiddenTest + `
func TestLater(t *testing.T) {
	t.Skip("not written yet")
}

func TestInBubble(t *testing.T) {
	gcBubble(t, func(t *testing.T) {
		t.Skipf("%s", "later")
	})
}

func TestOnSomeSystems(t *testing.T) {
	if Add(0, 0) != 0 {
		t.SkipNow()
	}
	t.Run("sub", func(t *testing.T) { t.Skip("a skipped subtest does not skip its parent") })
}
`
	fs := lintCourse(t, files)
	p := "checker/testdata/hidden/01-demo/demo_test.go"
	expect(t, fs, p, 12, "TestLater is skipped unconditionally")
	expect(t, fs, p, 17, "TestInBubble is skipped unconditionally")
	expect(t, fs, p, 23, "TestOnSomeSystems skips itself under a condition")
	if len(fs) != 3 {
		t.Errorf("want exactly these three; got:\n%s", dump(fs))
	}
}

func TestHiddenTestThatCannotRun(t *testing.T) {
	t.Parallel()
	files := baseCourse()
	files["checker/testdata/hidden/01-demo/demo_test.go"] = "//go:build linux\n\n" + hiddenTest + `
func TestWrongSignature(t *testing.B) {}

func TestParallelLeakCheck(t *testing.T) {
	gcNoLeaks(t)
	t.Parallel()
}
`
	fs := lintCourse(t, files)
	p := "checker/testdata/hidden/01-demo/demo_test.go"
	expect(t, fs, p, 1, "build constraint")
	expect(t, fs, p, 13, "TestWrongSignature does not have the signature")
	expect(t, fs, p, 17, "t.Parallel and gcNoLeaks")
}

func TestStaticRulesAgreeWithHiddenTests(t *testing.T) {
	t.Parallel()
	files := baseCourse()
	files["checker/testdata/hidden/01-demo/demo_test.go"] = hiddenTest + `
func TestNoGo(t *testing.T) {
	for _, s := range gcGoStmts(t) {
		gcReport(t, gcKindLint, s.gcPos, "no go statements", "不要用 go 语句")
	}
}
`
	expect(t, lintCourse(t, files), "checker/testdata/hidden/01-demo/demo_test.go", 13, "no [[static]] rules")

	files = baseCourse()
	files["lessons/01-demo.toml"] = manifest + "\n[[static]]\nen = \"No go statements.\"\nzh = \"  \"\n"
	fs := lintCourse(t, files)
	expect(t, fs, "lessons/01-demo.toml", 0, "static rule 1 is blank")
	expect(t, fs, "lessons/01-demo.toml", 0, "no hidden test reports a \"lint\" failure")
}

func TestStarterAndSolutionAreVetted(t *testing.T) {
	t.Parallel()
	files := baseCourse()
	files["exercises/01-demo/demo.go"] = "package demo\n\n// Add returns a + b.\nfunc Add(a, b int) int {\n\treturn a - c\n}\n"
	files["solutions/01-demo/demo.go"] = "package demo\n\nimport \"fmt\"\n\n// Add returns a + b.\nfunc Add(a, b int) int {\n\tfmt.Printf(\"%s\", a)\n\treturn a + b\n}\n"
	fs := lintCourse(t, files)
	expect(t, fs, "exercises/01-demo/demo.go", 5, "the starter does not compile", "undefined: c")
	expect(t, fs, "solutions/01-demo/demo.go", 7, "go vet, in the reference solution", "%s")
}

func TestCompileStarterIsNotVetted(t *testing.T) {
	t.Parallel()
	files := baseCourse()
	files["lessons/01-demo.toml"] = strings.Replace(manifest, `starter_fails_with = "test"`, `starter_fails_with = "compile"`, 1)
	files["exercises/01-demo/demo.go"] = "package demo\n\n// Add returns a + b.\nfunc Add(a, b int) int {\n\treturn a - c\n}\n"
	if fs := lintCourse(t, files); len(fs) != 0 {
		t.Fatalf("a starter meant to fail with compile is not vetted; got:\n%s", dump(fs))
	}
}

func TestSolutionNotGofmtClean(t *testing.T) {
	t.Parallel()
	files := baseCourse()
	files["solutions/01-demo/demo.go"] = "package demo\n\n// Add returns a + b.\nfunc Add(a, b int) int {\n    return a + b\n}\n"
	f := expect(t, lintCourse(t, files), "solutions/01-demo/demo.go", 5, "not gofmt-clean")
	if f.Fix != "gofmt -w solutions/01-demo/demo.go" {
		t.Errorf("fix = %q", f.Fix)
	}
}

func TestFixtures(t *testing.T) {
	t.Parallel()
	files := baseCourse()
	delete(files, "checker/testdata/fixtures/01-demo/right-sum/demo.go")
	delete(files, "checker/testdata/fixtures/01-demo/right-sum/fixture.toml")
	files["checker/testdata/fixtures/01-demo/wrong-minus/fixture.toml"] = "mistake = \"subtracts\"\nstatus = \"fail\"\nkinds = [\"wrong\"]\n"
	fs := lintCourse(t, files)
	expect(t, fs, "checker/testdata/fixtures/01-demo", 0, "no right fixture")
	expect(t, fs, "checker/testdata/fixtures/01-demo/wrong-minus/fixture.toml", 0, `kind "wrong"`)
}

func TestTodoMarkers(t *testing.T) {
	t.Parallel()
	files := baseCourse()
	files["content/en/01-demo.md"] = strings.Replace(contentEN, "Intro.\n", "Intro. TODO(author): explain why\n", 1)
	expect(t, lintCourse(t, files), "content/en/01-demo.md", 3, "unfinished: TODO(author) explain why")
}

func TestWithoutADirectory(t *testing.T) {
	t.Parallel()
	// An fs.FS that is not a directory (the embedded course): everything but
	// vetting the starter and solution still runs.
	fsys := fstest.MapFS{}
	for name, data := range baseCourse() {
		fsys[name] = &fstest.MapFile{Data: []byte(data)}
	}
	fsys["exercises/01-demo/demo.go"] = &fstest.MapFile{Data: []byte("package demo\n\nfunc Add(a, b int) int { return a - c }\n")}
	fsys["content/zh/01-demo.md"] = &fstest.MapFile{Data: []byte(strings.Replace(contentZH, `"hello"`, `"你好"`, 1))}
	cat, err := lessons.Load(fsys)
	if err != nil {
		t.Fatal(err)
	}
	if _, ok := DiskRoot(fsys); ok {
		t.Fatal("a MapFS has no directory")
	}
	fs := Lesson(context.Background(), cat, cat.Lessons[0])
	expect(t, fs, "content/zh/01-demo.md", 14, "differs")
	for _, f := range fs {
		if strings.HasPrefix(f.File, "exercises/") {
			t.Errorf("vetting needs a directory; got %+v", f)
		}
	}
}

func TestDiskRoot(t *testing.T) {
	dir := t.TempDir()
	if got, ok := DiskRoot(os.DirFS(dir)); !ok || got != dir {
		t.Fatalf("DiskRoot(os.DirFS(%q)) = %q, %v", dir, got, ok)
	}
}
