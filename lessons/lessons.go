// Package lessons is the course catalog: it reads one manifest per lesson
// (lessons/NN-slug.toml), checks that everything the manifest names exists and
// makes sense, and answers questions about lessons. It never grades.
package lessons

import (
	"errors"
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"path"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/BurntSushi/toml"
)

// Languages the course is written in, in the order they are offered.
var Languages = []string{"en", "zh"}

// Text is a string in both languages.
type Text struct {
	EN string `toml:"en"`
	ZH string `toml:"zh"`
}

// In returns the text in lang ("zh" or "en"); English is the fallback.
func (t Text) In(lang string) string {
	if lang == "zh" && t.ZH != "" {
		return t.ZH
	}
	return t.EN
}

// Failure kinds a grading can report (COURSE.md).
var Kinds = []string{"compile", "test", "race", "leak", "timeout", "panic", "lint"}

// Lesson is one validated lesson of the course.
type Lesson struct {
	Number   int    `toml:"number"`
	Slug     string `toml:"slug"`
	Title    Text   `toml:"title"`
	Summary  Text   `toml:"summary"`
	Package  string `toml:"package"`
	File     string `toml:"file"` // the file the learner edits, inside the exercise directory
	Hints    []Text `toml:"hints"`
	Leak     string `toml:"leak"`   // "synctest" or "goleak": how the hidden tests find leaked goroutines
	Static   []Text `toml:"static"` // static rules the hidden tests enforce, described for the learner
	Limit    string `toml:"time_limit"`
	Starter  string `toml:"starter_fails_with"` // the kind the untouched starter must fail with
	Manifest string `toml:"-"`                  // path of the manifest

	TimeLimit   time.Duration `toml:"-"`
	HiddenTests []string      `toml:"-"` // Test functions in the hidden files, sorted
	HiddenFiles []string      `toml:"-"` // paths of the hidden _test.go files
}

// ExerciseDir is the starter's directory, relative to the course root.
func (l *Lesson) ExerciseDir() string { return "exercises/" + l.Slug }

// SolutionDir is the reference solution's directory.
func (l *Lesson) SolutionDir() string { return "solutions/" + l.Slug }

// HiddenDir holds the hidden tests, where `go build ./...` never looks.
func (l *Lesson) HiddenDir() string { return "checker/testdata/hidden/" + l.Slug }

// ScenarioDir holds the lesson's scenarios, if it has any: a package of its
// own that the hidden tests call with the learner's API, compiled once and
// cached (see docs/authoring.md, "Scenarios").
func (l *Lesson) ScenarioDir() string { return l.HiddenDir() + "/scenario" }

// ContentPath is the lesson text in lang.
func (l *Lesson) ContentPath(lang string) string { return "content/" + lang + "/" + l.Slug + ".md" }

// ExercisePath is the file the learner edits, relative to the course root.
func (l *Lesson) ExercisePath() string { return l.ExerciseDir() + "/" + l.File }

// Catalog is the validated course.
type Catalog struct {
	FS      fs.FS // where the lessons were read from
	Lessons []*Lesson
}

// The grading kit: packages overlaid into the learner's module, and shims
// overlaid next to a lesson's hidden tests (see checker/testdata/kit). The
// virtual network is a package of its own, so that only lessons that use it
// link net/http.
const (
	KitDir      = "checker/testdata/kit" // the kit package: every .go file here but the shim
	KitShimPath = "checker/testdata/kit/kit_test.go"
	// The kit's short names (gcBubble, ...), for hidden files that use them.
	KitNamesShimPath = "checker/testdata/kit/names_test.go"
	KitNetDir        = "checker/testdata/kit/net"  // the virtual network package
	KitGoidDir       = "checker/testdata/kit/goid" // the current goroutine, in assembly (the kit's goid.go)
	KitNetShimPath   = "checker/testdata/kit/net/net_test.go"
	// The real-time leak check (goleak), linked only by lessons that use it.
	KitLeakDir      = "checker/testdata/kit/leakcheck"
	KitLeakShimPath = "checker/testdata/kit/leakcheck/leakcheck_test.go"
)

// DefaultTimeLimit bounds one grading when a manifest names none.
const DefaultTimeLimit = 10 * time.Second

var slugRE = regexp.MustCompile(`^([0-9]{2})-[a-z0-9]+(-[a-z0-9]+)*$`)

// Load reads and validates every manifest under lessons/ in fsys. The error
// lists every problem found, each naming the file to fix.
func Load(fsys fs.FS) (*Catalog, error) {
	names, err := fs.Glob(fsys, "lessons/*.toml")
	if err != nil {
		return nil, err
	}
	if len(names) == 0 {
		return nil, errors.New("lessons/: no lesson manifests (lessons/NN-slug.toml)")
	}
	sort.Strings(names)
	c := &Catalog{FS: fsys}
	var problems []error
	for _, name := range names {
		l, errs := loadOne(fsys, name)
		problems = append(problems, errs...)
		if l != nil {
			c.Lessons = append(c.Lessons, l)
		}
	}
	sort.Slice(c.Lessons, func(i, j int) bool { return c.Lessons[i].Number < c.Lessons[j].Number })
	for i, l := range c.Lessons {
		if l.Number != i+1 {
			problems = append(problems, fmt.Errorf("%s: lesson numbers must run 1, 2, 3… without gaps or repeats; expected %02d here, found %02d", l.Manifest, i+1, l.Number))
			break
		}
	}
	if len(problems) > 0 {
		return c, errors.Join(problems...)
	}
	return c, nil
}

func loadOne(fsys fs.FS, name string) (*Lesson, []error) {
	var problems []error
	bad := func(format string, args ...any) {
		problems = append(problems, fmt.Errorf(name+": "+format, args...))
	}
	data, err := fs.ReadFile(fsys, name)
	if err != nil {
		return nil, []error{err}
	}
	l := &Lesson{Manifest: name}
	md, err := toml.Decode(string(data), l)
	if err != nil {
		return nil, []error{fmt.Errorf("%s: %v", name, err)}
	}
	for _, k := range md.Undecoded() {
		bad("unknown key %q (misspelt?)", k.String())
	}
	base := strings.TrimSuffix(path.Base(name), ".toml")
	m := slugRE.FindStringSubmatch(l.Slug)
	switch {
	case l.Slug != base:
		bad("slug %q must match the file name %q", l.Slug, base)
	case m == nil:
		bad("slug %q must look like 04-search-timeout", l.Slug)
	default:
		if n, _ := strconv.Atoi(m[1]); n != l.Number {
			bad("number = %d but the slug starts with %s", l.Number, m[1])
		}
	}
	if l.Title.EN == "" || l.Title.ZH == "" {
		bad("title needs both en and zh")
	}
	if l.Summary.EN == "" || l.Summary.ZH == "" {
		bad("summary needs both en and zh")
	}
	if !token.IsIdentifier(l.Package) {
		bad("package = %q is not a Go package name", l.Package)
	}
	if len(l.Hints) < 2 {
		bad("needs at least two [[hints]] (a nudge, then nearly the answer); found %d", len(l.Hints))
	}
	for i, h := range l.Hints {
		if strings.TrimSpace(h.EN) == "" || strings.TrimSpace(h.ZH) == "" {
			bad("hint %d needs both en and zh", i+1)
		}
	}
	for i, s := range l.Static {
		if s.EN == "" || s.ZH == "" {
			bad("static rule %d needs both en and zh", i+1)
		}
	}
	switch l.Leak {
	case "synctest", "goleak":
	default:
		bad("leak = %q: must be \"synctest\" or \"goleak\"", l.Leak)
	}
	l.TimeLimit = DefaultTimeLimit
	if l.Limit != "" {
		d, err := time.ParseDuration(l.Limit)
		if err != nil || d <= 0 || d > 5*time.Minute {
			bad("time_limit = %q: want a duration such as \"30s\" (at most 5m)", l.Limit)
		} else {
			l.TimeLimit = d
		}
	}
	if l.Starter == "" {
		l.Starter = "test"
	}
	if !isKind(l.Starter) {
		bad("starter_fails_with = %q: must be one of %s", l.Starter, strings.Join(Kinds, ", "))
	}
	if problems != nil {
		return l, problems
	}
	// Every file the manifest implies must be there.
	for _, lang := range Languages {
		if _, err := fs.Stat(fsys, l.ContentPath(lang)); err != nil {
			bad("%s is missing: every lesson ships in both languages", l.ContentPath(lang))
		}
	}
	for _, dir := range []string{l.ExerciseDir(), l.SolutionDir()} {
		if pkg, err := packageOf(fsys, dir); err != nil {
			bad("%v", err)
		} else if pkg != l.Package {
			bad("%s is package %s, but the manifest says package = %q", dir, pkg, l.Package)
		}
	}
	if _, err := fs.Stat(fsys, l.ExercisePath()); err != nil {
		bad("file = %q: %s does not exist", l.File, l.ExercisePath())
	}
	tests, files, err := HiddenTests(fsys, l.HiddenDir(), l.Package)
	if err != nil {
		bad("%v", err)
	}
	l.HiddenTests, l.HiddenFiles = tests, files
	return l, problems
}

func isKind(k string) bool {
	for _, x := range Kinds {
		if x == k {
			return true
		}
	}
	return false
}

// packageOf returns the package name of the non-test .go files in dir.
func packageOf(fsys fs.FS, dir string) (string, error) {
	entries, err := fs.ReadDir(fsys, dir)
	if err != nil {
		return "", fmt.Errorf("%s: %v", dir, err)
	}
	pkg := ""
	for _, e := range entries {
		n := e.Name()
		if e.IsDir() || !strings.HasSuffix(n, ".go") || strings.HasSuffix(n, "_test.go") {
			continue
		}
		src, err := fs.ReadFile(fsys, path.Join(dir, n))
		if err != nil {
			return "", err
		}
		f, err := parser.ParseFile(token.NewFileSet(), path.Join(dir, n), src, parser.PackageClauseOnly)
		if err != nil {
			return "", err
		}
		if pkg != "" && f.Name.Name != pkg {
			return "", fmt.Errorf("%s: files of two packages (%s, %s)", dir, pkg, f.Name.Name)
		}
		pkg = f.Name.Name
	}
	if pkg == "" {
		return "", fmt.Errorf("%s: no Go files", dir)
	}
	return pkg, nil
}

// HiddenTests lists the Test functions of the hidden _test.go files in dir.
func HiddenTests(fsys fs.FS, dir, pkg string) (tests, files []string, err error) {
	entries, err := fs.ReadDir(fsys, dir)
	if err != nil {
		return nil, nil, fmt.Errorf("%s: no hidden tests: %v", dir, err)
	}
	fset := token.NewFileSet()
	for _, e := range entries {
		n := e.Name()
		if e.IsDir() || !strings.HasSuffix(n, ".go") {
			continue
		}
		p := path.Join(dir, n)
		if !strings.HasSuffix(n, "_test.go") {
			return nil, nil, fmt.Errorf("%s: hidden files must end in _test.go, or go test compiles them as ordinary code", p)
		}
		src, err := fs.ReadFile(fsys, p)
		if err != nil {
			return nil, nil, err
		}
		f, err := parser.ParseFile(fset, p, src, parser.SkipObjectResolution)
		if err != nil {
			return nil, nil, err
		}
		if f.Name.Name != pkg {
			return nil, nil, fmt.Errorf("%s: package %s, but the exercise is package %s (overlaid tests must share its package)", p, f.Name.Name, pkg)
		}
		files = append(files, p)
		for _, d := range f.Decls {
			if fd, ok := d.(*ast.FuncDecl); ok && fd.Recv == nil && isTestName(fd.Name.Name) {
				if fd.Name.Name == "TestMain" {
					return nil, nil, fmt.Errorf("%s: TestMain belongs to the grading kit; hidden tests must not declare one", p)
				}
				tests = append(tests, fd.Name.Name)
			}
		}
	}
	if len(tests) == 0 {
		return nil, nil, fmt.Errorf("%s: no Test functions in the hidden tests", dir)
	}
	sort.Strings(tests)
	return tests, files, nil
}

func isTestName(name string) bool {
	if !strings.HasPrefix(name, "Test") {
		return false
	}
	rest := name[len("Test"):]
	return rest == "" || !(rest[0] >= 'a' && rest[0] <= 'z')
}

// Find returns the lesson named by arg: its number ("4", "04") or slug.
func (c *Catalog) Find(arg string) (*Lesson, error) {
	for _, l := range c.Lessons {
		if n, err := strconv.Atoi(arg); err == nil && n == l.Number {
			return l, nil
		}
		if arg == l.Slug || strings.TrimLeft(arg, "0") == strings.TrimLeft(l.Slug, "0") {
			return l, nil
		}
	}
	names := make([]string, len(c.Lessons))
	for i, l := range c.Lessons {
		names[i] = l.Slug
	}
	return nil, fmt.Errorf("no lesson %q; the lessons are: %s", arg, strings.Join(names, ", "))
}

// Hint returns hint level (1-based) in lang, clamped to the levels there are.
func (l *Lesson) Hint(level int, lang string) (string, int) {
	if level < 1 {
		level = 1
	}
	if level > len(l.Hints) {
		level = len(l.Hints)
	}
	return l.Hints[level-1].In(lang), level
}
