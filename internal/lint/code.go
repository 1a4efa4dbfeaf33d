package lint

import (
	"bytes"
	"fmt"
	"go/format"
	"io/fs"
	"path"
	"regexp"
	"strconv"
	"strings"
)

// ---------------------------------------------------------------- check 6

// gofmt: the reference solution, the starter and the hidden tests are
// gofmt-clean. Learners read all three (the starter first, the solution once
// they pass, the tests' messages); an editor that formats on save would
// otherwise show them a diff they did not make.
func (c *checker) gofmt() []Finding {
	var out []Finding
	dirs := []string{c.l.SolutionDir(), c.l.ExerciseDir()}
	for _, dir := range dirs {
		entries, err := fs.ReadDir(c.fsys, dir)
		if err != nil {
			continue // lessons.Load reported it
		}
		for _, e := range entries {
			if e.IsDir() || path.Ext(e.Name()) != ".go" {
				continue
			}
			out = append(out, c.gofmtFile(path.Join(dir, e.Name()))...)
		}
	}
	for _, p := range c.l.HiddenFiles {
		out = append(out, c.gofmtFile(p)...)
	}
	return out
}

func (c *checker) gofmtFile(p string) []Finding {
	src, err := fs.ReadFile(c.fsys, p)
	if err != nil {
		return nil
	}
	formatted, err := format.Source(src)
	if err != nil {
		return nil // a syntax error: go vet (or the grader) reports it with its line
	}
	if bytes.Equal(formatted, src) {
		return nil
	}
	return []Finding{c.finding(p, firstDiffLine(src, formatted), "not gofmt-clean", "gofmt -w "+p)}
}

// firstDiffLine is the first line where a and b differ (1-based).
func firstDiffLine(a, b []byte) int {
	al, bl := bytes.Split(a, []byte("\n")), bytes.Split(b, []byte("\n"))
	for i := 0; i < min(len(al), len(bl)); i++ {
		if !bytes.Equal(al[i], bl[i]) {
			return i + 1
		}
	}
	return min(len(al), len(bl))
}

// pkgVetRE matches vet's "exercises/04-x/search.go:12:2: message" (with
// "vet: " in front for type errors), relative to the course root.
var pkgVetRE = regexp.MustCompile(`^(vet: )?(?:\./)?((?:exercises|solutions)/[^:\s]+\.go):(\d+)(?::(\d+))?: (.*)$`)

// vetCode: the starter and the solution compile and pass go vet, checked with
// one `go vet ./exercises/NN-slug ./solutions/NN-slug` inside the course
// module. A starter whose manifest says it fails with "compile" is left out.
func (c *checker) vetCode() []Finding {
	if !c.onDisk {
		return nil
	}
	var dirs []string
	if c.l.Starter != "compile" {
		dirs = append(dirs, "./"+c.l.ExerciseDir())
	}
	dirs = append(dirs, "./"+c.l.SolutionDir())
	output, failed, err := goCommand(c.ctx, c.root, nil, append([]string{"vet"}, dirs...)...)
	if err != nil {
		if c.ctx.Err() != nil {
			return nil
		}
		return []Finding{c.finding(c.l.SolutionDir(), 0, "could not run go vet: "+err.Error(), "install Go and put it in PATH")}
	}
	if !failed {
		return nil
	}
	var out []Finding
	for _, line := range strings.Split(output, "\n") {
		m := pkgVetRE.FindStringSubmatch(strings.TrimSpace(line))
		if m == nil {
			continue
		}
		file, msg := m[2], m[5]
		n, _ := strconv.Atoi(m[3])
		what, fix := "the reference solution", "the reference solution must compile and pass go vet"
		if strings.HasPrefix(file, "exercises/") {
			what, fix = "the starter", "the starter must compile and pass go vet: learners start from it, and their editor shows them every vet warning"
		}
		if m[1] != "" {
			out = append(out, c.finding(file, n, fmt.Sprintf("%s does not compile: %s", what, msg), fix))
		} else {
			out = append(out, c.finding(file, n, fmt.Sprintf("go vet, in %s: %s", what, msg), fix))
		}
	}
	if len(out) == 0 {
		out = append(out, c.finding(c.l.SolutionDir(), 0, "go vet "+strings.Join(dirs, " ")+" failed:\n"+firstLines(output, 10),
			"run the same command in the course root to see why"))
	}
	return out
}
