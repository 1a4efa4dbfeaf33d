package checker

import (
	"bytes"
	"go/scanner"
	"go/token"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// trickyModule writes a module with a stub kit (Y counts its calls) and the
// tricky program, rewritten or not, and returns the program's directory.
func trickyModule(t *testing.T, rewritten bool) (dir string, src []byte, sites []yieldSite) {
	t.Helper()
	orig, err := os.ReadFile("testdata/rewrite/tricky.go.txt")
	if err != nil {
		t.Fatal(err)
	}
	root := t.TempDir()
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	must(os.WriteFile(filepath.Join(root, "go.mod"), []byte("module example.com/m\n\ngo 1.25\n"), 0o644))
	must(os.MkdirAll(filepath.Join(root, kitPackageDir), 0o755))
	must(os.WriteFile(filepath.Join(root, kitPackageDir, "y.go"), []byte(
		"package zz_gocoursekit\n\nimport \"os\"\n\nvar n int\n\nfunc Y(int) {\n\tn++\n\tif os.Getenv(\"STUB_COUNT\") != \"\" && n == 1 {\n\t\tos.Stderr.WriteString(\"yielded\\n\")\n\t}\n}\n"), 0o644))
	// The real chosen selects, on a stub schedule that is never current.
	choose, err := os.ReadFile("testdata/kit/choose.go")
	must(err)
	choose = bytes.Replace(choose, []byte("package gocoursekit"), []byte("package zz_gocoursekit"), 1)
	must(os.WriteFile(filepath.Join(root, kitPackageDir, "choose.go"), choose, 0o644))
	must(os.WriteFile(filepath.Join(root, kitPackageDir, "schedule.go"), []byte(
		"package zz_gocoursekit\n\nimport \"sync/atomic\"\n\ntype schedule struct {\n\tseed    int64\n\tchoices atomic.Int64\n}\n\nvar current atomic.Pointer[schedule]\n"), 0o644))
	dir = filepath.Join(root, "p")
	must(os.MkdirAll(dir, 0o755))
	path := filepath.Join(dir, "main.go")
	src = orig
	if rewritten {
		r := rewriteFile(path, orig, "example.com/m/"+kitPackageDir, 1)
		if r.Note != "" {
			t.Fatalf("not rewritten: %s", r.Note)
		}
		src, sites = r.Src, r.Sites
	}
	must(os.WriteFile(path, src, 0o644))
	return dir, src, sites
}

func goRun(t *testing.T, dir string, env []string, args ...string) (string, error) {
	t.Helper()
	cmd := exec.Command("go", append([]string{"run", "."}, args...)...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), env...)
	out, err := cmd.CombinedOutput()
	return string(out), err
}

// The rewritten program prints exactly what the original prints, and it did
// call the yield points.
func TestRewriteKeepsMeaning(t *testing.T) {
	if testing.Short() {
		t.Skip("builds two programs")
	}
	origDir, _, _ := trickyModule(t, false)
	want, err := goRun(t, origDir, nil)
	if err != nil {
		t.Fatalf("original: %v\n%s", err, want)
	}
	dir, src, sites := trickyModule(t, true)
	got, err := goRun(t, dir, []string{"STUB_COUNT=1"})
	if err != nil {
		t.Fatalf("rewritten: %v\n%s\n%s", err, got, src)
	}
	if !strings.HasPrefix(got, "yielded\n") {
		t.Errorf("the rewritten program never yielded:\n%s", got)
	}
	if got = strings.TrimPrefix(got, "yielded\n"); got != want {
		t.Errorf("the rewrite changed what the program does:\noriginal:\n%s\nrewritten:\n%s\nsource:\n%s", want, got, src)
	}
	ops := map[string]bool{}
	for _, s := range sites {
		ops[s.Op] = true
	}
	for _, op := range []string{"send", "recv", "select", "case-recv", "case-send", "case-default", "close", "go", "lock", "unlock", "wait", "sync", "atomic"} {
		if !ops[op] {
			t.Errorf("no yield point of kind %q among %d sites", op, len(sites))
		}
	}
}

// Every token of the original keeps its file, line and column through the
// line directives, and the panic's stack names the original line.
func TestRewriteKeepsPositions(t *testing.T) {
	dir, src, _ := trickyModule(t, true)
	orig, _ := os.ReadFile("testdata/rewrite/tricky.go.txt")
	path := filepath.Join(dir, "main.go")
	type tok struct {
		pos  token.Position
		text string
	}
	scan := func(data []byte) []tok {
		fset := token.NewFileSet()
		f := fset.AddFile(path, -1, len(data))
		var s scanner.Scanner
		s.Init(f, data, nil, 0)
		var out []tok
		inY, inImport, inChoose := false, false, false
		depth, skip, parens := 0, 0, 0
		var wrapDepth []int // the paren depth at each open wrapper
		for {
			p, tk, lit := s.Scan()
			switch {
			case tk == token.EOF:
				return out
			case tk == token.SEMICOLON: // inserted ones are the only difference
				continue
			case skip > 0: // a chosen select's declaration, or a wrapper's head
				skip--
				continue
			case tk == token.IDENT && strings.HasPrefix(lit, "zzS"):
				// "zzS7 := zz_gocoursekit.Choose(...)": up to its closing paren.
				inChoose, depth = true, 0
				continue
			case inChoose:
				switch tk {
				case token.LPAREN:
					depth++
				case token.RPAREN:
					depth--
					inChoose = depth > 0
				}
				continue
			case tk == token.RPAREN && len(wrapDepth) > 0 && wrapDepth[len(wrapDepth)-1] == parens:
				wrapDepth = wrapDepth[:len(wrapDepth)-1] // a wrapper's closing paren
				continue
			case tk == token.IDENT && lit == kitIdent:
				// The inserted code: "zz_gocoursekit.Y(n)", the import, and a
				// chosen select's "zz_gocoursekit.Recv(zzS7, 0, " ... ")".
				if len(out) > 0 && out[len(out)-1].text == "importimport" {
					out, inImport = out[:len(out)-1], true
				} else if bytes.HasPrefix(data[fset.Position(p).Offset+len(lit):], []byte(".Recv(")) ||
					bytes.HasPrefix(data[fset.Position(p).Offset+len(lit):], []byte(".SendTo(")) {
					skip = 7 // ". Recv ( zzS7 , 0 ,"
					wrapDepth = append(wrapDepth, parens)
				} else {
					inY = true
				}
				continue
			case inImport:
				inImport = false // the import path
				continue
			case inY:
				inY = tk != token.RPAREN
				continue
			}
			switch tk {
			case token.LPAREN:
				parens++
			case token.RPAREN:
				parens--
			}
			pos := fset.Position(p)
			pos.Offset = 0 // moves, of course
			out = append(out, tok{pos, tk.String() + lit})
		}
	}
	a, b := scan(orig), scan(src)
	if len(a) != len(b) {
		t.Errorf("%d tokens became %d", len(a), len(b))
	}
	for i := 0; i < len(a) && i < len(b); i++ {
		if a[i] != b[i] {
			t.Fatalf("token %q at %v became %q at %v", a[i].text, a[i].pos, b[i].text, b[i].pos)
		}
	}
	if testing.Short() {
		return
	}
	line := 0
	for i, l := range strings.Split(string(orig), "\n") {
		if strings.HasSuffix(l, "// PANIC") {
			line = i + 1
		}
	}
	out, err := goRun(t, dir, nil, "panic")
	if err == nil || !strings.Contains(out, path+":"+strconv.Itoa(line)) {
		t.Errorf("the panic's stack does not name %s:%d:\n%s", path, line, out)
	}
	// A compile error names the learner's line and column.
	broken := bytes.Replace(orig, []byte("c <- 1 // PANIC"), []byte("c <- undefinedName // PANIC"), 1)
	r := rewriteFile(path, broken, "example.com/m/"+kitPackageDir, 1)
	if err := os.WriteFile(path, r.Src, 0o644); err != nil {
		t.Fatal(err)
	}
	out, _ = goRun(t, dir, nil)
	col := strings.Index(string(bytes.Split(broken, []byte("\n"))[line-1]), "undefinedName") + 1
	if want := "main.go:" + strconv.Itoa(line) + ":" + strconv.Itoa(col) + ": undefined: undefinedName"; !strings.Contains(out, want) {
		t.Errorf("compile error does not say %q:\n%s", want, out)
	}
}

// Files the rewrite must leave alone say why; files without synchronisation
// are left byte for byte.
func TestRewriteLeavesAlone(t *testing.T) {
	cases := map[string]string{
		"package p\nfunc f( {\n":                                    "does not parse",
		"package p\n\nimport \"C\"\n\nfunc f(c chan int) { <-c }\n": "uses cgo",
		"package p\n\n//line x.go:1\nfunc f(c chan int) { <-c }\n":  "has line directives of its own",
		"package p\n\nfunc f(x int) int { return x + 1 }\n":         "",
	}
	for src, note := range cases {
		r := rewriteFile("/x/p.go", []byte(src), "m/"+kitPackageDir, 1)
		if r.Note != note || (note != "" || len(r.Sites) == 0) && string(r.Src) != src {
			t.Errorf("%q: note %q (want %q), changed=%v", src, r.Note, note, string(r.Src) != src)
		}
	}
}

// The rewrite runs on every save: it must stay far below a millisecond for
// an exercise file.
func BenchmarkRewrite(b *testing.B) {
	src, err := os.ReadFile("../solutions/06-tracker/tracker.go")
	if err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		rewriteFile("/x/tracker.go", src, "m/"+kitPackageDir, 1)
	}
}
