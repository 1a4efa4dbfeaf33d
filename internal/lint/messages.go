package lint

import (
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"path"
	"strconv"
	"strings"
)

// ---------------------------------------------------------------- messages

// reportFormats: every bilingual report in the hidden tests and scenarios
// formats cleanly in both languages with the arguments it is given. The two
// formats share one argument list, so a message that uses an argument in one
// language only must index its verbs (%[2]s); without indexes, the English
// text prints the Chinese argument and ends in %!(EXTRA ...), and go vet does
// not see it, because the kit's functions are not printf wrappers.
func (c *checker) reportFormats() []Finding {
	var out []Finding
	for _, p := range c.hiddenSources() {
		src, err := fs.ReadFile(c.fsys, p)
		if err != nil {
			continue
		}
		fset := token.NewFileSet()
		f, err := parser.ParseFile(fset, p, src, parser.SkipObjectResolution)
		if err != nil {
			continue // hiddenTests reports files that do not parse
		}
		ast.Inspect(f, func(n ast.Node) bool {
			call, ok := n.(*ast.CallExpr)
			if !ok || call.Ellipsis.IsValid() {
				return true
			}
			en := reportFormatArg(call.Fun)
			if en < 0 || len(call.Args) < en+2 {
				return true
			}
			nargs := len(call.Args) - en - 2
			for i, lang := range []string{"English", "Chinese"} {
				lit, ok := call.Args[en+i].(*ast.BasicLit)
				if !ok || lit.Kind != token.STRING {
					continue
				}
				format, err := strconv.Unquote(lit.Value)
				if err != nil {
					continue
				}
				if bad := badFormat(format, nargs); bad != "" {
					out = append(out, c.finding(p, fset.Position(lit.Pos()).Line,
						fmt.Sprintf("the %s message does not format with its %d argument(s): %s", lang, nargs, bad),
						"both languages share one argument list: index the verbs (%[1]s, %[3]v) so that each message takes exactly the arguments it shows"))
				}
			}
			return true
		})
	}
	return out
}

// hiddenSources lists the lesson's hidden files and its scenario package.
func (c *checker) hiddenSources() []string {
	files := append([]string(nil), c.l.HiddenFiles...)
	if entries, err := fs.ReadDir(c.fsys, c.l.ScenarioDir()); err == nil {
		for _, e := range entries {
			if !e.IsDir() && strings.HasSuffix(e.Name(), ".go") {
				files = append(files, path.Join(c.l.ScenarioDir(), e.Name()))
			}
		}
	}
	return files
}

// kitFunc names a call of one of the kit's functions by its shim name: gcX
// for the shim's gcX and for a scenario's gk.X; "" for any other call.
func kitFunc(fun ast.Expr) string {
	switch f := fun.(type) {
	case *ast.Ident:
		return f.Name
	case *ast.SelectorExpr:
		if x, ok := f.X.(*ast.Ident); ok && x.Name == "gk" {
			return "gc" + f.Sel.Name
		}
	}
	return ""
}

// reportFormatArg returns the index of the English format among the
// arguments of a call of the kit's reporting functions, or -1 for any other
// call.
func reportFormatArg(fun ast.Expr) int {
	switch kitFunc(fun) {
	case "gcReport":
		return 3 // t, kind, at, en, zh
	case "gcErrorAt":
		return 2 // t, at, en, zh
	case "gcErrorf", "gcFatalf":
		return 1 // t, en, zh
	}
	return -1
}

// anyVerb formats as "x" under every verb, so that only the count and the
// indexes of the verbs can go wrong.
type anyVerb struct{}

func (anyVerb) Format(f fmt.State, _ rune) { f.Write([]byte("x")) }

// badFormat returns what fmt complains about when format is given n
// arguments, or "".
func badFormat(format string, n int) string {
	args := make([]any, n)
	for i := range args {
		args[i] = anyVerb{}
	}
	s := fmt.Sprintf(format, args...)
	for _, bad := range []string{"%!(EXTRA", "(MISSING)", "(BADINDEX)", "%!(NOVERB)"} {
		if i := strings.Index(s, bad); i >= 0 {
			end := min(len(s), i+40)
			return s[i:end]
		}
	}
	return ""
}
