// Package scaffold creates every piece of a new lesson, so that an author
// starts from files that already load, compile and lint, and fills in what
// the TODO(author) markers ask for. `gocourse dev check` then names what is
// left: the markers (package lint) and the placeholder hidden test, which
// fails every submission until real tests replace it.
package scaffold

import (
	"errors"
	"fmt"
	"go/token"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"

	"github.com/gocourse/gocourse/internal/lint"
)

// Todo is the marker left wherever the author has to write something.
const Todo = lint.TodoMarker

var slugRE = regexp.MustCompile(`^([0-9]{2})-([a-z0-9]+(?:-[a-z0-9]+)*)$`)

// NewLesson creates lesson slug ("07-fan-out") in the course at root: its
// manifest, both lesson texts, a starter and a solution that compile, a
// placeholder hidden test that fails until the author writes the real ones,
// and one wrong and one right placeholder fixture. The number must be the
// next one after the existing manifests. Nothing is overwritten: if any of
// the files or lesson directories exists, nothing is written. It returns the
// files it created, relative to root.
func NewLesson(root, slug string) ([]string, error) {
	m := slugRE.FindStringSubmatch(slug)
	if m == nil {
		return nil, fmt.Errorf("slug %q must look like 07-fan-out: two digits, a dash, then lower-case words joined by dashes", slug)
	}
	number, _ := strconv.Atoi(m[1])
	next, err := nextNumber(root)
	if err != nil {
		return nil, err
	}
	if number != next {
		return nil, fmt.Errorf("slug %q: the next lesson is number %02d, after the last manifest in lessons/; name it %02d-%s", slug, next, next, m[2])
	}
	words := strings.Split(m[2], "-")
	l := lessonInfo{Number: number, Slug: slug, Package: packageName(words, number), Title: title(words)}
	l.File = l.Package + ".go"

	files := l.files()
	var clash []string
	for _, dir := range []string{"exercises/" + slug, "solutions/" + slug, "checker/testdata/hidden/" + slug, "checker/testdata/fixtures/" + slug} {
		if _, err := os.Lstat(filepath.Join(root, filepath.FromSlash(dir))); err == nil {
			clash = append(clash, dir+"/")
		}
	}
	for _, f := range files {
		if _, err := os.Lstat(filepath.Join(root, filepath.FromSlash(f.path))); err == nil {
			clash = append(clash, f.path)
		}
	}
	if len(clash) > 0 {
		return nil, fmt.Errorf("lesson %s already has %s: not overwriting anything", slug, strings.Join(clash, ", "))
	}

	var created []string
	var madeDirs []string
	undo := func() {
		for i := len(created) - 1; i >= 0; i-- {
			_ = os.Remove(filepath.Join(root, filepath.FromSlash(created[i])))
		}
		for i := len(madeDirs) - 1; i >= 0; i-- {
			_ = os.Remove(madeDirs[i]) // only if empty
		}
	}
	for _, f := range files {
		p := filepath.Join(root, filepath.FromSlash(f.path))
		dirs, err := mkdirAll(filepath.Dir(p))
		madeDirs = append(madeDirs, dirs...)
		if err != nil {
			undo()
			return nil, err
		}
		if err := writeNew(p, f.data); err != nil {
			undo()
			return nil, err
		}
		created = append(created, f.path)
	}
	return created, nil
}

// nextNumber is one more than the highest NN of lessons/NN-*.toml.
func nextNumber(root string) (int, error) {
	names, err := filepath.Glob(filepath.Join(root, "lessons", "*.toml"))
	if err != nil {
		return 0, err
	}
	if _, err := os.Stat(filepath.Join(root, "lessons")); err != nil {
		return 0, fmt.Errorf("%s is not a course: %v", root, err)
	}
	high := 0
	for _, n := range names {
		base := strings.TrimSuffix(filepath.Base(n), ".toml")
		if m := slugRE.FindStringSubmatch(base); m != nil {
			k, _ := strconv.Atoi(m[1])
			high = max(high, k)
		}
	}
	return high + 1, nil
}

// packageName is the slug's last word when that is a usable package name,
// else the words run together, else lessonNN.
func packageName(words []string, number int) string {
	for _, cand := range []string{words[len(words)-1], strings.Join(words, "")} {
		if token.IsIdentifier(cand) && !token.IsKeyword(cand) && cand != "testing" {
			return cand
		}
	}
	return fmt.Sprintf("lesson%02d", number)
}

func title(words []string) string {
	t := strings.Join(words, " ")
	return strings.ToUpper(t[:1]) + t[1:]
}

// mkdirAll is os.MkdirAll that returns the directories it created, outermost
// first.
func mkdirAll(dir string) ([]string, error) {
	var missing []string
	for d := dir; ; d = filepath.Dir(d) {
		if _, err := os.Stat(d); err == nil {
			break
		} else if !errors.Is(err, fs.ErrNotExist) {
			return nil, err
		}
		missing = append(missing, d)
		if filepath.Dir(d) == d {
			break
		}
	}
	sort.Slice(missing, func(i, j int) bool { return len(missing[i]) < len(missing[j]) })
	var made []string
	for _, d := range missing {
		if err := os.Mkdir(d, 0o755); err != nil && !errors.Is(err, fs.ErrExist) {
			return made, err
		}
		made = append(made, d)
	}
	return made, nil
}

// writeNew creates p, failing if it exists (even if it appeared since the
// check).
func writeNew(p string, data string) error {
	f, err := os.OpenFile(p, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		return err
	}
	if _, err := f.WriteString(data); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

// ---------------------------------------------------------------- templates

type lessonInfo struct {
	Number  int
	Slug    string
	Package string
	File    string
	Title   string
}

type file struct {
	path string
	data string
}

func (l lessonInfo) files() []file {
	nn := fmt.Sprintf("%02d", l.Number)
	hidden := "checker/testdata/hidden/" + l.Slug + "/l" + nn + "_test.go"
	fixtures := "checker/testdata/fixtures/" + l.Slug
	return []file{
		{"lessons/" + l.Slug + ".toml", l.manifest()},
		{"content/en/" + l.Slug + ".md", l.contentEN()},
		{"content/zh/" + l.Slug + ".md", l.contentZH()},
		{"exercises/" + l.Slug + "/" + l.File, l.code(false)},
		{"solutions/" + l.Slug + "/" + l.File, l.code(true)},
		{hidden, l.hiddenTest()},
		{"checker/testdata/hidden/" + l.Slug + "/scenario/scenario.go", l.scenario()},
		{path.Join(fixtures, "wrong-todo", l.File), l.fixtureCode("the untouched starter: make the mistake that fixture.toml names")},
		{path.Join(fixtures, "wrong-todo", "fixture.toml"), fixtureWrong},
		{path.Join(fixtures, "right-todo", l.File), l.fixtureCode("a copy of the reference: write a right answer that differs from it")},
		{path.Join(fixtures, "right-todo", "fixture.toml"), fixtureRight},
	}
}

func (l lessonInfo) fill(s string) string {
	return strings.NewReplacer(
		"{{N}}", strconv.Itoa(l.Number),
		"{{NN}}", fmt.Sprintf("%02d", l.Number),
		"{{SLUG}}", l.Slug,
		"{{PKG}}", l.Package,
		"{{FILE}}", l.File,
		"{{TITLE}}", l.Title,
		"{{TODO}}", Todo,
		"{{FENCE}}", "```",
	).Replace(s)
}

func (l lessonInfo) manifest() string {
	return l.fill(`# Lesson {{NN}}. Every field is explained in docs/authoring.md ("The manifest").
number = {{N}}
slug = "{{SLUG}}"
package = "{{PKG}}"
file = "{{FILE}}" # the file the learner edits, in exercises/{{SLUG}}/
leak = "synctest" # "synctest": the tests run in a bubble (gcBubble), virtual time; "goleak": real time and I/O (gcNoLeaks)
time_limit = "10s"
starter_fails_with = "test" # the kind the untouched starter fails with: compile, test, race, leak, timeout, panic or lint

[title]
en = "{{TITLE}}"
zh = "{{TODO}}: 中文标题"

[summary]
en = "{{TODO}}: one sentence: what the learner can do after this lesson."
zh = "{{TODO}}: 一句话：学完这一课能做到什么。"

# Static rules the hidden tests enforce with gcReport(t, gcKindLint, ...), shown to the
# learner before they start. One [[static]] per rule, in both languages:
# [[static]]
# en = "No ` + "`select {}`" + ` anywhere: block on something that can end."
# zh = "任何地方都不能有 ` + "`select {}`" + `：要阻塞在能结束的东西上。"

[[hints]]
en = "{{TODO}}: a nudge: the question the learner should ask."
zh = "{{TODO}}: 提示：学习者该问自己的那个问题。"

[[hints]]
en = "{{TODO}}: nearly the answer: what to change, and where."
zh = "{{TODO}}: 几乎就是答案：改什么，改在哪里。"
`)
}

// The two texts have the same headings and the same code blocks (comments
// translated), as the linter requires; the headings follow the existing
// lessons: the notes' code, what goes wrong, doing it right, the exercise.

func (l lessonInfo) contentEN() string {
	return l.fill(`# {{TITLE}}

{{TODO}}: the opening: what this lesson's program gets wrong, in one paragraph, and the
question to keep asking: when will this goroutine stop, and who makes sure it does?

## The notes' version

{{TODO}}: the chapter notes' code, as a complete program the reader can run.

{{FENCE}}go
package main

import "fmt"

// main stands for the notes' program ({{TODO}}: replace it).
func main() {
	fmt.Println("hello, gopher")
}
{{FENCE}}

## What goes wrong

{{TODO}}: follow the goroutines along the clock. Draw what is needed as text.

{{FENCE}}text
time    main                     goroutine
------  -----------------------  -----------------------
0ms     starts the goroutine     starts working
...
{{FENCE}}

## Doing it right

{{TODO}}: the fix, and why it works. Excerpts are marked as snippets.

{{FENCE}}go snippet
// the lines that change
{{FENCE}}

## The exercise

Open ` + "`exercises/{{SLUG}}/{{FILE}}`" + ` (package ` + "`{{PKG}}`" + `). It gives you:

{{FENCE}}go snippet
func Work() error
{{FENCE}}

{{TODO}}: what the starter does wrong, untouched, and how it fails.

Make it do this:

- {{TODO}}: the contract, one point per behaviour the hidden tests check.

How it is graded: {{TODO}}: what the hidden tests do (synctest bubble or real listeners and
goleak, under the race detector), what they measure, and which techniques all pass.
`)
}

func (l lessonInfo) contentZH() string {
	return l.fill(`# {{TODO}}: 中文标题

{{TODO}}: 开头：这一课的程序错在哪里（一段话），以及要一直追问的问题：这个 goroutine
什么时候结束？由谁来保证它结束？

## 笔记里的版本

{{TODO}}: 章节笔记里的代码，写成读者可以直接运行的完整程序。

{{FENCE}}go
package main

import "fmt"

// main 代表笔记里的程序（{{TODO}}: 替换它）。
func main() {
	fmt.Println("hello, gopher")
}
{{FENCE}}

## 问题出在哪里

{{TODO}}: 沿着时间线跟踪各个 goroutine。需要图的地方用文本画出来。

{{FENCE}}text
时间    main                     goroutine
------  -----------------------  -----------------------
0ms     启动 goroutine           开始工作
...
{{FENCE}}

## 正确的做法

{{TODO}}: 修正方法，以及它为什么成立。摘录的代码标成 snippet。

{{FENCE}}go snippet
// 需要改动的几行
{{FENCE}}

## 练习

打开 ` + "`exercises/{{SLUG}}/{{FILE}}`" + `（package ` + "`{{PKG}}`" + `）。它提供了：

{{FENCE}}go snippet
func Work() error
{{FENCE}}

{{TODO}}: 起始代码错在哪里，原样运行时会以什么方式失败。

要求：

- {{TODO}}: 契约，隐藏测试检查的每一项行为各占一条。

评测方式：{{TODO}}: 隐藏测试做了什么（synctest bubble，还是真实的 listener 加 goleak；都在
race detector 下运行），测量什么，哪些写法都能通过。
`)
}

// code is the starter (solution false) or the reference solution: the same
// placeholder API, so that both compile and the hidden tests can call it.
func (l lessonInfo) code(solution bool) string {
	what := "the starter: the lesson's API as COURSE.md fixes it, with the mistake the lesson is about left in"
	if solution {
		what = "the reference solution: the same API, done right; it must pass the hidden tests under -race and the leak checks"
	}
	s := l.fill(`// Package {{PKG}} is lesson {{NN}}'s exercise.
//
// {{TODO}}: write ` + what + `.
package {{PKG}}

// Work is a placeholder for the lesson's API.
func Work() error {
	return nil
}
`)
	if l.Package == "main" {
		s += "\nfunc main() {\n\t_ = Work()\n}\n"
	}
	return s
}

// fixtureCode is a placeholder fixture; its fixture.toml carries the TODO.
func (l lessonInfo) fixtureCode(what string) string {
	s := l.fill(`// Package {{PKG}}: a fixture of lesson {{NN}}, for now ` + what + `.
package {{PKG}}

// Work is a placeholder for the lesson's API.
func Work() error {
	return nil
}
`)
	if l.Package == "main" {
		s += "\nfunc main() {\n\t_ = Work()\n}\n"
	}
	return s
}

func (l lessonInfo) hiddenTest() string {
	return l.fill(`package {{PKG}}

// {{TODO}}: lesson {{NN}}'s hidden tests (docs/authoring.md, "Scenarios"): one line per test,
// handing the learner's API to its scenario in ./scenario. Here, in the package doc, goes the
// table of every sentence of the contract and the test that fails when it is broken.

import (
	"testing"

	gcscenario "GOCOURSE_SCENARIO"
)

var l{{NN}}API = gcscenario.API{Work: Work}

func TestTODO(t *testing.T) { gcscenario.TODO(t, l{{NN}}API) }
`)
}

func (l lessonInfo) scenario() string {
	return l.fill(`// Package scenario holds the bodies of lesson {{NN}}'s hidden tests, compiled once and
// cached; ../l{{NN}}_test.go calls them with the learner's API.
package scenario

import (
	"testing"

	gk "GOCOURSE_KIT"
)

// API is the exercise as the scenarios call it: the learner's functions as func values,
// variables a test replaces as pointers, types with methods as interfaces.
type API struct {
	Work func() error
}

// TODO fails every submission until the real tests are written, so that
// ` + "`gocourse dev check`" + ` reports the lesson as unfinished.
//
// {{TODO}}: replace it with the lesson's scenarios: test the contract, not the reference
// solution; catch every mistake COURSE.md lists for the lesson; bound every wait; report
// with gk.Errorf/gk.Report in both languages.
func TODO(t *testing.T, api API) {
	_ = api.Work // the API the tests will call
	gk.Errorf(t, "{{TODO}}: write the hidden tests of lesson {{NN}} in checker/testdata/hidden/{{SLUG}}/",
		"{{TODO}}: 在 checker/testdata/hidden/{{SLUG}}/ 中编写第 {{NN}} 课的隐藏测试")
}
`)
}

const fixtureWrong = `# A wrong submission: one mistake the hidden tests must catch. Copy this directory once per
# mistake COURSE.md lists for the lesson (wrong-<mistake>/), each with the mistake made in the file.
mistake = "` + Todo + `: the mistake this submission makes (this placeholder is the untouched starter)"
status = "fail"
kinds = ["test"]
`

const fixtureRight = `# A right submission written differently from the reference solution: the hidden tests must
# accept it. Add one per technique that should pass (right-<technique>/).
mistake = "` + Todo + `: how this right answer differs from the reference (this placeholder is a copy of it)"
status = "pass"
kinds = []
`
