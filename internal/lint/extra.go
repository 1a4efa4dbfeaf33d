package lint

import (
	"fmt"
	"go/parser"
	"go/token"
	"io/fs"
	"path"
	"slices"
	"strings"

	"github.com/BurntSushi/toml"
	"github.com/gocourse/gocourse/lessons"
)

// FixturesDir is where a lesson's fixture submissions live.
func FixturesDir(l *lessons.Lesson) string { return "checker/testdata/fixtures/" + l.Slug }

// ---------------------------------------------------------------- check 7

// fixtures: the hidden tests are proven by fixture submissions (graded by
// checker/fixtures_test.go): at least one wrong one (a mistake the lesson must
// catch) and one right one written differently from the reference, each with
// a valid fixture.toml and Go files of the lesson's package.
func (c *checker) fixtures() []Finding {
	dir := FixturesDir(c.l)
	entries, err := fs.ReadDir(c.fsys, dir)
	if err != nil {
		return []Finding{c.finding(dir, 0, "no fixtures: nothing proves that the hidden tests catch the lesson's mistakes and accept right answers",
			"add "+dir+"/wrong-<mistake>/ (one per mistake COURSE.md lists) and "+dir+"/right-<approach>/, each with the exercise file and a fixture.toml")}
	}
	var out []Finding
	wrong, right := 0, 0
	for _, e := range entries {
		if !e.IsDir() {
			continue
		}
		fdir := path.Join(dir, e.Name())
		fx, problems := c.fixture(fdir)
		out = append(out, problems...)
		if fx == nil {
			continue
		}
		switch fx.Status {
		case "fail":
			wrong++
			if strings.HasPrefix(e.Name(), "right-") {
				out = append(out, c.finding(fdir+"/fixture.toml", 0, "a fixture named right-… expects status = \"fail\"",
					"rename it wrong-… or make it a right answer with status = \"pass\""))
			}
		case "pass":
			right++
			if strings.HasPrefix(e.Name(), "wrong-") {
				out = append(out, c.finding(fdir+"/fixture.toml", 0, "a fixture named wrong-… expects status = \"pass\"",
					"rename it right-… or set status = \"fail\" with the kinds it must fail with"))
			}
		}
	}
	if wrong == 0 {
		out = append(out, c.finding(dir, 0, "no wrong fixture (status = \"fail\"): nothing proves the hidden tests catch a mistake",
			"add "+dir+"/wrong-<mistake>/ for each mistake COURSE.md lists for this lesson"))
	}
	if right == 0 {
		out = append(out, c.finding(dir, 0, "no right fixture (status = \"pass\"): nothing proves the hidden tests accept an answer other than the reference",
			"add "+dir+"/right-<approach>/: a correct solution written differently from solutions/"+c.l.Slug))
	}
	return out
}

type fixtureManifest struct {
	Mistake string   `toml:"mistake"`
	Status  string   `toml:"status"`
	Kinds   []string `toml:"kinds"`
}

func (c *checker) fixture(dir string) (*fixtureManifest, []Finding) {
	p := dir + "/fixture.toml"
	data, err := fs.ReadFile(c.fsys, p)
	if err != nil {
		return nil, []Finding{c.finding(dir, 0, "no fixture.toml: the fixture test cannot grade this directory",
			"add fixture.toml with mistake = \"...\", status = \"fail\" or \"pass\", kinds = [...]")}
	}
	var fx fixtureManifest
	md, err := toml.Decode(string(data), &fx)
	if err != nil {
		return nil, []Finding{c.finding(p, 0, "does not parse: "+err.Error(), "fix the TOML")}
	}
	var out []Finding
	for _, k := range md.Undecoded() {
		out = append(out, c.finding(p, 0, fmt.Sprintf("unknown key %q", k.String()), "the keys are mistake, status and kinds"))
	}
	if strings.TrimSpace(fx.Mistake) == "" {
		out = append(out, c.finding(p, 0, "mistake is empty", "say in one sentence what this submission does (wrong or right), so a failing fixture test explains itself"))
	}
	switch fx.Status {
	case "fail":
		if len(fx.Kinds) == 0 {
			out = append(out, c.finding(p, 0, "status = \"fail\" without kinds", "list the kinds the grading must report, e.g. kinds = [\"leak\"]"))
		}
	case "pass":
		if len(fx.Kinds) > 0 {
			out = append(out, c.finding(p, 0, "status = \"pass\" with kinds", "a passing fixture has kinds = []"))
		}
	default:
		out = append(out, c.finding(p, 0, fmt.Sprintf("status = %q", fx.Status), "status is \"fail\" (a wrong submission) or \"pass\" (a right one)"))
		return nil, out
	}
	for _, k := range fx.Kinds {
		if !slices.Contains(lessons.Kinds, k) {
			out = append(out, c.finding(p, 0, fmt.Sprintf("kind %q is not a failure kind", k), "kinds are "+strings.Join(lessons.Kinds, ", ")))
		}
	}
	entries, _ := fs.ReadDir(c.fsys, dir)
	goFiles := 0
	for _, e := range entries {
		n := e.Name()
		if e.IsDir() || !strings.HasSuffix(n, ".go") || strings.HasSuffix(n, "_test.go") {
			continue
		}
		goFiles++
		src, err := fs.ReadFile(c.fsys, path.Join(dir, n))
		if err != nil {
			continue
		}
		f, err := parser.ParseFile(token.NewFileSet(), n, src, parser.PackageClauseOnly)
		if err == nil && f.Name.Name != c.l.Package {
			out = append(out, c.finding(path.Join(dir, n), 1, fmt.Sprintf("package %s, but the lesson's package is %s", f.Name.Name, c.l.Package),
				"fixtures are graded in place of the exercise: use package "+c.l.Package))
		}
	}
	if goFiles == 0 {
		out = append(out, c.finding(dir, 0, "a fixture without Go files", "put the submission ("+c.l.File+") in it"))
	}
	return &fx, out
}

// ---------------------------------------------------------------- check 8

// todos: every TodoMarker left in the lesson's files (manifest, texts,
// starter, solution, hidden tests, fixtures) is reported: one finding per
// file, at the first marker, with the lines of the others.
func (c *checker) todos() []Finding {
	files := []string{c.l.Manifest, c.l.ContentPath("en"), c.l.ContentPath("zh")}
	for _, dir := range []string{c.l.ExerciseDir(), c.l.SolutionDir(), c.l.HiddenDir(), FixturesDir(c.l)} {
		_ = fs.WalkDir(c.fsys, dir, func(p string, d fs.DirEntry, err error) error {
			if err == nil && !d.IsDir() {
				files = append(files, p)
			}
			return nil
		})
	}
	var out []Finding
	for _, p := range files {
		data, err := fs.ReadFile(c.fsys, p)
		if err != nil {
			continue
		}
		var lines []string
		first, firstLine := "", 0
		for i, line := range strings.Split(string(data), "\n") {
			at := strings.Index(line, TodoMarker)
			if at < 0 {
				continue
			}
			lines = append(lines, fmt.Sprint(i+1))
			if firstLine == 0 {
				firstLine = i + 1
				first = strings.TrimLeft(strings.TrimSpace(line[at+len(TodoMarker):]), ": ")
				for _, end := range []string{`")`, `",`, `"`} { // the end of a string literal
					if cut, ok := strings.CutSuffix(first, end); ok {
						first = cut
						break
					}
				}
				if r := []rune(first); len(r) > 90 {
					first = string(r[:90]) + "…"
				}
			}
		}
		switch len(lines) {
		case 0:
		case 1:
			out = append(out, c.finding(p, firstLine, "unfinished: "+TodoMarker+" "+first,
				"write it, then delete the "+TodoMarker+" marker"))
		default:
			out = append(out, c.finding(p, firstLine,
				fmt.Sprintf("unfinished: %d %s markers (lines %s); the first: %s", len(lines), TodoMarker, strings.Join(lines, ", "), first),
				"write what each asks for, then delete its marker (grep -n '"+TodoMarker+"' "+p+")"))
		}
	}
	return out
}
