package checker

// Source facts. Some hidden tests ask about the learner's source, not its
// behaviour: where a function is declared (to point a failure at it), the
// calls of log.Fatal or os.Exit outside main, every `select {}` and `go`
// statement. The grader finds them here, where go/parser is already linked,
// and hands them to the kit in a file (GOCOURSE_SOURCE); the kit reads the
// file instead of parsing (kit/source.go). Every test binary then links no
// go/parser and no encoding/json: a tenth less to link on every save.
//
// The file is plain text, one fact per line, fields separated by tabs:
//
//	func  NAME  FILE  LINE                   a declaration ("Type.Method" for methods)
//	call  PKGPATH  NAME  FILE  LINE  FUNC    a call of an imported package's NAME
//	ref   PKGPATH  NAME  FILE  LINE  FUNC    the same selector, called or not
//	select0  FILE  LINE  FUNC                an empty select
//	go    FILE  LINE  FUNC                   a go statement
//	error MESSAGE                            a file that does not parse
//
// FUNC is the enclosing top-level function ("" for package-level code).
// Files come in name order, and within a file calls before refs, each in
// source order: the order the kit reports them in.

import (
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
)

// writeSourceFacts writes the facts of the learner's non-test files in dir
// to path.
func writeSourceFacts(dir, path string) error {
	names, err := learnerFiles(dir)
	if err != nil {
		return err
	}
	var b strings.Builder
	fset := token.NewFileSet()
	for _, p := range names {
		base := filepath.Base(p)
		src, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		f, err := parser.ParseFile(fset, base, src, parser.SkipObjectResolution)
		if err != nil {
			// The build reports it too; a test that asks then says so.
			fmt.Fprintf(&b, "error\t%s\n", oneLine(err.Error()))
			continue
		}
		fileFacts(&b, fset, f)
	}
	return os.WriteFile(path, []byte(b.String()), 0o600)
}

// fileFacts writes one parsed file's facts.
func fileFacts(b *strings.Builder, fset *token.FileSet, f *ast.File) {
	line := func(p token.Pos) (string, int) {
		pos := fset.Position(p)
		return pos.Filename, pos.Line
	}
	// Which package an identifier names: the import's own name, or the last
	// element of its path; "." imports make bare calls count.
	local := map[string]string{}
	var dots []string
	for _, imp := range f.Imports {
		p, _ := strconv.Unquote(imp.Path.Value)
		switch {
		case imp.Name == nil:
			local[p[strings.LastIndex(p, "/")+1:]] = p
		case imp.Name.Name == ".":
			dots = append(dots, p)
		case imp.Name.Name != "_":
			local[imp.Name.Name] = p
		}
	}
	var calls, refs strings.Builder
	for _, d := range f.Decls {
		fn := ""
		if fd, ok := d.(*ast.FuncDecl); ok {
			fn = declName(fd)
			file, n := line(fd.Pos())
			fmt.Fprintf(b, "func\t%s\t%s\t%d\n", fn, file, n)
		}
		ast.Inspect(d, func(n ast.Node) bool {
			switch n := n.(type) {
			case *ast.CallExpr:
				file, l := line(n.Pos())
				switch fun := ast.Unparen(n.Fun).(type) {
				case *ast.SelectorExpr:
					if id, ok := fun.X.(*ast.Ident); ok && local[id.Name] != "" {
						fmt.Fprintf(&calls, "call\t%s\t%s\t%s\t%d\t%s\n", local[id.Name], fun.Sel.Name, file, l, fn)
					}
				case *ast.Ident:
					for _, p := range dots {
						fmt.Fprintf(&calls, "call\t%s\t%s\t%s\t%d\t%s\n", p, fun.Name, file, l, fn)
					}
				}
			case *ast.SelectorExpr:
				if id, ok := n.X.(*ast.Ident); ok && local[id.Name] != "" {
					file, l := line(n.Pos())
					fmt.Fprintf(&refs, "ref\t%s\t%s\t%s\t%d\t%s\n", local[id.Name], n.Sel.Name, file, l, fn)
				}
			case *ast.SelectStmt:
				if len(n.Body.List) == 0 {
					file, l := line(n.Pos())
					fmt.Fprintf(b, "select0\t%s\t%d\t%s\n", file, l, fn)
				}
			case *ast.GoStmt:
				file, l := line(n.Pos())
				fmt.Fprintf(b, "go\t%s\t%d\t%s\n", file, l, fn)
			}
			return true
		})
	}
	b.WriteString(calls.String())
	b.WriteString(refs.String())
}

// declName is a function's name as hidden tests ask for it: "Process", or
// "Tracker.Event" for a method (of T or *T, generic or not).
func declName(fd *ast.FuncDecl) string {
	if fd.Recv == nil || len(fd.Recv.List) == 0 {
		return fd.Name.Name
	}
	typ := fd.Recv.List[0].Type
	if s, ok := typ.(*ast.StarExpr); ok {
		typ = s.X
	}
	switch ix := typ.(type) {
	case *ast.IndexExpr:
		typ = ix.X
	case *ast.IndexListExpr:
		typ = ix.X
	}
	if id, ok := typ.(*ast.Ident); ok {
		return id.Name + "." + fd.Name.Name
	}
	return fd.Name.Name
}

// learnerFiles are the learner's non-test .go files in dir, in name order.
func learnerFiles(dir string) ([]string, error) {
	all, err := filepath.Glob(filepath.Join(dir, "*.go"))
	if err != nil {
		return nil, err
	}
	sort.Strings(all)
	var names []string
	for _, p := range all {
		base := filepath.Base(p)
		if !strings.HasSuffix(base, "_test.go") && !strings.HasPrefix(base, "zz_gocourse_") {
			names = append(names, p)
		}
	}
	return names, nil
}

func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }
