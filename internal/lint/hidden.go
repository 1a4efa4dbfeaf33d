package lint

import (
	"fmt"
	"go/ast"
	"go/build/constraint"
	"go/parser"
	"go/token"
	"io/fs"
	"regexp"
	"strconv"
	"strings"
)

// ---------------------------------------------------------------- check 4

// manifestRules: hints and static rules say something in both languages
// (lessons.Load rejects empty ones; this catches blank ones), and static rules
// agree with the hidden tests: a lesson whose tests report "lint" failures
// tells the learner its rules up front, and a rule the manifest announces is
// enforced by some test.
func (c *checker) manifestRules() []Finding {
	var out []Finding
	for i, h := range c.l.Hints {
		if strings.TrimSpace(h.EN) == "" || strings.TrimSpace(h.ZH) == "" {
			out = append(out, c.finding(c.l.Manifest, 0, fmt.Sprintf("hint %d is blank in one language", i+1),
				"write [[hints]] number "+strconv.Itoa(i+1)+" in both en and zh"))
		}
	}
	for i, s := range c.l.Static {
		if strings.TrimSpace(s.EN) == "" || strings.TrimSpace(s.ZH) == "" {
			out = append(out, c.finding(c.l.Manifest, 0, fmt.Sprintf("static rule %d is blank in one language", i+1),
				"write [[static]] number "+strconv.Itoa(i+1)+" in both en and zh: the learner reads it before starting"))
		}
	}
	lintAt := c.lintReports()
	switch {
	case len(c.l.Static) == 0 && lintAt.File != "":
		out = append(out, c.finding(lintAt.File, lintAt.Line,
			"this hidden test reports \"lint\" failures, but "+c.l.Manifest+" lists no [[static]] rules: the learner is failed by a rule nobody told them",
			"add a [[static]] entry (en and zh) to "+c.l.Manifest+" for every rule the hidden tests enforce"))
	case len(c.l.Static) > 0 && lintAt.File == "" && len(c.l.HiddenFiles) > 0:
		out = append(out, c.finding(c.l.Manifest, 0,
			fmt.Sprintf("the manifest announces %d static rule(s), but no hidden test reports a \"lint\" failure (gcReport(t, gcKindLint, ...))", len(c.l.Static)),
			"enforce each rule in a hidden test with gcCalls/gcGoStmts/gcEmptySelects and gcReport(t, gcKindLint, ...), or drop the rule from the manifest"))
	}
	return out
}

type place struct {
	File string
	Line int
}

// lintReports finds the first place a hidden test reports kind "lint".
func (c *checker) lintReports() place {
	for _, p := range c.hiddenSources() {
		src, err := fs.ReadFile(c.fsys, p)
		if err != nil {
			continue
		}
		fset := token.NewFileSet()
		f, err := parser.ParseFile(fset, p, src, parser.SkipObjectResolution)
		if err != nil {
			continue
		}
		var at place
		ast.Inspect(f, func(n ast.Node) bool {
			if at.File != "" {
				return false
			}
			switch n := n.(type) {
			case *ast.Ident: // the shim's name, or the kit's (gk.KindLint) in a scenario
				if n.Name == "gcKindLint" || n.Name == "KindLint" {
					at = place{p, fset.Position(n.Pos()).Line}
				}
			case *ast.CallExpr:
				if kitFunc(n.Fun) == "gcReport" && len(n.Args) > 1 {
					if lit, ok := n.Args[1].(*ast.BasicLit); ok && lit.Value == `"lint"` {
						at = place{p, fset.Position(n.Pos()).Line}
					}
				}
			}
			return true
		})
		if at.File != "" {
			return at
		}
	}
	return place{}
}

// ---------------------------------------------------------------- check 5

// hiddenTests: every Test function in the hidden files can run and pass. The
// grader runs exactly -run '^(A|B|...)$' of l.HiddenTests and requires a pass
// event from each, so a test that is skipped, built only on some systems, or
// has the wrong signature fails every submission, the right one included.
func (c *checker) hiddenTests() []Finding {
	var out []Finding
	runRE, err := regexp.Compile("^(" + strings.Join(c.l.HiddenTests, "|") + ")$")
	if err != nil {
		return append(out, c.finding(c.l.HiddenDir(), 0, "the grader's -run pattern does not compile: "+err.Error(),
			"rename the hidden tests to plain Go identifiers"))
	}
	for _, p := range c.l.HiddenFiles {
		src, err := fs.ReadFile(c.fsys, p)
		if err != nil {
			out = append(out, c.finding(p, 0, err.Error(), ""))
			continue
		}
		fset := token.NewFileSet()
		f, err := parser.ParseFile(fset, p, src, parser.ParseComments|parser.SkipObjectResolution)
		if err != nil {
			out = append(out, c.finding(p, 0, "does not parse: "+err.Error(), "fix the syntax"))
			continue
		}
		line := func(n ast.Node) int { return fset.Position(n.Pos()).Line }
		for _, cg := range f.Comments {
			if cg.Pos() > f.Package {
				break
			}
			for _, cm := range cg.List {
				if constraint.IsGoBuild(cm.Text) || constraint.IsPlusBuild(cm.Text) {
					out = append(out, c.finding(p, line(cm),
						"a hidden test file with a build constraint ("+strings.TrimSpace(cm.Text)+"): where it is false, its tests never run and the grader counts them as failed",
						"remove the constraint; if a test cannot work on some system, make it work there (the course runs on Linux, macOS and Windows)"))
				}
			}
		}
		testing := importName(f, "testing")
		for _, d := range f.Decls {
			fd, ok := d.(*ast.FuncDecl)
			if !ok || fd.Recv != nil || !isTestName(fd.Name.Name) {
				continue
			}
			name := fd.Name.Name
			if !runRE.MatchString(name) {
				out = append(out, c.finding(p, line(fd),
					name+" is not matched by the grader's -run pattern, so it never runs",
					"the catalog lists the hidden tests when it loads; reload it (restart gocourse) after adding a test"))
			}
			param, ok := testParam(fd, testing)
			if !ok {
				out = append(out, c.finding(p, line(fd),
					name+" does not have the signature func(t *testing.T): go vet rejects it and no grading can run",
					"declare it as func "+name+"(t *testing.T), or rename it so it does not start with Test"))
				continue
			}
			out = append(out, c.skips(p, fset, name, param, fd.Body.List)...)
			if call := topLevelCall(fd.Body, param, "Parallel"); call != nil && topLevelCall(fd.Body, "", "gcNoLeaks") != nil {
				out = append(out, c.finding(p, line(call),
					name+" calls both t.Parallel and gcNoLeaks: goleak sees the goroutines of the tests running beside it and blames this one",
					"drop t.Parallel from tests that check leaks with gcNoLeaks (a synctest bubble, gcBubble, has no such problem)"))
			}
		}
	}
	return out
}

// skips reports calls to <param>.Skip/Skipf/SkipNow: unconditional ones at
// the top level of the test (or of a gcBubble/synctest.Test body), and
// conditional ones anywhere, because a skipped hidden test never passes.
func (c *checker) skips(p string, fset *token.FileSet, test, param string, body []ast.Stmt) []Finding {
	var out []Finding
	for _, st := range body {
		if call := skipCall(st, param); call != nil {
			out = append(out, c.finding(p, fset.Position(call.Pos()).Line,
				test+" is skipped unconditionally: a skipped hidden test never reports a pass, so every submission fails it, the reference solution included",
				"remove the "+param+"."+call.Fun.(*ast.SelectorExpr).Sel.Name+" call and write the test (or delete the test)"))
			return out // the rest is unreachable
		}
		// gcBubble(t, func(t *testing.T) { ... }) and synctest.Test run
		// their body as the test itself.
		if fn, inner := bubbleBody(st); fn != nil {
			out = append(out, c.skips(p, fset, test, inner, fn.Body.List)...)
			continue
		}
		ast.Inspect(st, func(n ast.Node) bool {
			if _, ok := n.(*ast.FuncLit); ok {
				return false // a subtest's or a goroutine's own business
			}
			call, ok := n.(*ast.CallExpr)
			if !ok || !isSkip(call, param) {
				return true
			}
			out = append(out, c.finding(p, fset.Position(call.Pos()).Line,
				test+" skips itself under a condition: a skipped hidden test never reports a pass, so wherever the condition holds every submission fails",
				"remove the skip: make the test work in that case, or check what the skip guards against as part of the test"))
			return true
		})
	}
	return out
}

func skipCall(st ast.Stmt, param string) *ast.CallExpr {
	es, ok := st.(*ast.ExprStmt)
	if !ok {
		return nil
	}
	call, ok := es.X.(*ast.CallExpr)
	if !ok || !isSkip(call, param) {
		return nil
	}
	return call
}

func isSkip(call *ast.CallExpr, param string) bool {
	sel, ok := call.Fun.(*ast.SelectorExpr)
	if !ok {
		return false
	}
	id, ok := sel.X.(*ast.Ident)
	if !ok || id.Name != param {
		return false
	}
	switch sel.Sel.Name {
	case "Skip", "Skipf", "SkipNow":
		return true
	}
	return false
}

// bubbleBody recognises gcBubble(t, func(t *testing.T) {...}) and
// synctest.Test(t, func(t *testing.T) {...}) as a statement.
func bubbleBody(st ast.Stmt) (*ast.FuncLit, string) {
	es, ok := st.(*ast.ExprStmt)
	if !ok {
		return nil, ""
	}
	call, ok := es.X.(*ast.CallExpr)
	if !ok || len(call.Args) != 2 {
		return nil, ""
	}
	isBubble := false
	switch fun := call.Fun.(type) {
	case *ast.Ident:
		isBubble = fun.Name == "gcBubble"
	case *ast.SelectorExpr:
		isBubble = fun.Sel.Name == "Test"
	}
	fl, ok := call.Args[1].(*ast.FuncLit)
	if !isBubble || !ok {
		return nil, ""
	}
	name, ok := funcLitParam(fl)
	if !ok {
		return nil, ""
	}
	return fl, name
}

func funcLitParam(fl *ast.FuncLit) (string, bool) {
	ps := fl.Type.Params.List
	if len(ps) != 1 || len(ps[0].Names) != 1 {
		return "", false
	}
	star, ok := ps[0].Type.(*ast.StarExpr)
	if !ok {
		return "", false
	}
	sel, ok := star.X.(*ast.SelectorExpr)
	if !ok || sel.Sel.Name != "T" {
		return "", false
	}
	return ps[0].Names[0].Name, true
}

// topLevelCall finds a statement recv.name(...) (recv "" for a plain
// function) among the top-level statements of body.
func topLevelCall(body *ast.BlockStmt, recv, name string) *ast.CallExpr {
	for _, st := range body.List {
		es, ok := st.(*ast.ExprStmt)
		if !ok {
			continue
		}
		call, ok := es.X.(*ast.CallExpr)
		if !ok {
			continue
		}
		switch fun := call.Fun.(type) {
		case *ast.Ident:
			if recv == "" && fun.Name == name {
				return call
			}
		case *ast.SelectorExpr:
			if id, ok := fun.X.(*ast.Ident); ok && recv != "" && id.Name == recv && fun.Sel.Name == name {
				return call
			}
		}
	}
	return nil
}

// testParam returns the name of a test's *testing.T parameter.
func testParam(fd *ast.FuncDecl, testingName string) (string, bool) {
	if fd.Type.TypeParams != nil || fd.Type.Results != nil || fd.Body == nil {
		return "", false
	}
	ps := fd.Type.Params.List
	if len(ps) != 1 || len(ps[0].Names) > 1 {
		return "", false
	}
	star, ok := ps[0].Type.(*ast.StarExpr)
	if !ok {
		return "", false
	}
	sel, ok := star.X.(*ast.SelectorExpr)
	if !ok || sel.Sel.Name != "T" {
		return "", false
	}
	if id, ok := sel.X.(*ast.Ident); !ok || id.Name != testingName {
		return "", false
	}
	if len(ps[0].Names) == 0 {
		return "_", true
	}
	return ps[0].Names[0].Name, true
}

// importName is the name a file uses for the package at path ("" if none).
func importName(f *ast.File, path string) string {
	for _, imp := range f.Imports {
		p, _ := strconv.Unquote(imp.Path.Value)
		if p != path {
			continue
		}
		if imp.Name != nil {
			return imp.Name.Name
		}
		return path[strings.LastIndex(path, "/")+1:]
	}
	return ""
}

// isTestName is go test's rule (and lessons.HiddenTests'): Test, then
// nothing or a character that is not a lower-case letter.
func isTestName(name string) bool {
	rest, ok := strings.CutPrefix(name, "Test")
	return ok && (rest == "" || !(rest[0] >= 'a' && rest[0] <= 'z'))
}
