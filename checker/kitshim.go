package checker

import (
	"go/ast"
	"go/parser"
	"go/scanner"
	"go/token"
)

// usesNames reports whether src (hidden test files) uses any name that
// shim declares at top level. The grader adds an optional shim, and with it
// its package's imports, only to lessons that need it: a lesson that never
// says gcNetBubble does not link net/http.
func usesNames(src, shim []byte) bool {
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, "shim.go", shim, parser.SkipObjectResolution)
	if err != nil {
		return true // a broken shim fails the build loudly, where an author sees it
	}
	declared := map[string]bool{}
	for _, d := range f.Decls {
		switch d := d.(type) {
		case *ast.FuncDecl:
			declared[d.Name.Name] = true
		case *ast.GenDecl:
			for _, s := range d.Specs {
				switch s := s.(type) {
				case *ast.TypeSpec:
					declared[s.Name.Name] = true
				case *ast.ValueSpec:
					for _, n := range s.Names {
						declared[n.Name] = true
					}
				}
			}
		}
	}
	var sc scanner.Scanner
	sc.Init(fset.AddFile("hidden.go", -1, len(src)), src, nil, 0)
	for {
		_, tok, lit := sc.Scan()
		switch {
		case tok == token.EOF:
			return false
		case tok == token.IDENT && declared[lit]:
			return true
		}
	}
}
