// Package gocoursekit is the grading kit shared by every lesson's hidden tests.
//
// It is never part of the course's own build: at grading time the grader
// overlays it as a package of the learner's module (<module>/zz_gocoursekit),
// where the go command compiles it once and caches it, and overlays a small
// shim (kit_test.go beside this file) into the learner's package that gives
// the hidden tests the short names they use (gcErrorf, gcBubble, ...) and
// owns TestMain.
//
// What it gives hidden tests:
//   - Errorf/Fatalf/ErrorAt/Report: failures in both languages with a kind and
//     a place in the learner's file, as one GOCOURSE-FAILURE line the grader reads;
//   - Bubble: a testing/synctest bubble that reports leaked goroutines with the
//     learner's line instead of killing the test binary;
//   - (NoLeaks, goleak after a real-time test, is in package leakcheck, linked
//     only by the lessons that use it);
//   - Source/Calls/FuncPos/...: the learner's source read with go/ast, for
//     static rules and for pointing failures at a function.
package gocoursekit

import (
	"encoding/json"
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"regexp"
	"runtime"
	"sort"
	"strconv"
	"strings"
	"sync"
	"testing"
	"testing/synctest"
	"time"
)

// Failure kinds, as the grader reports them.
const (
	KindTest    = "test"
	KindRace    = "race"
	KindLeak    = "leak"
	KindPanic   = "panic"
	KindLint    = "lint"
	KindTimeout = "timeout"
)

// Pos is a place in the learner's source. File is relative to the exercise
// directory ("search.go"); the zero value means "no particular place".
type Pos struct {
	File string
	Line int
}

// failure is the structured line the grader parses out of the test output.
type failure struct {
	Kind string `json:"kind"`
	File string `json:"file,omitempty"`
	Line int    `json:"line,omitempty"`
	EN   string `json:"en"`
	ZH   string `json:"zh"`
}

// Report marks t failed with a bilingual message of the given kind.
// en and zh are format strings sharing args.
func Report(t testing.TB, kind string, at Pos, en, zh string, args ...any) {
	t.Helper()
	f := failure{Kind: kind, File: at.File, Line: at.Line,
		EN: fmt.Sprintf(en, args...), ZH: fmt.Sprintf(zh, args...)}
	b, _ := json.Marshal(f)
	noteFailure() // an explored schedule's trace ends here (explore.go)
	t.Errorf("GOCOURSE-FAILURE %s", b)
}

// Errorf reports a wrong result (kind "test") and lets the test go on.
func Errorf(t testing.TB, en, zh string, args ...any) {
	t.Helper()
	Report(t, KindTest, Pos{}, en, zh, args...)
}

// ErrorAt reports a wrong result pointing at a place in the learner's code.
func ErrorAt(t testing.TB, at Pos, en, zh string, args ...any) {
	t.Helper()
	Report(t, KindTest, at, en, zh, args...)
}

// Fatalf reports a wrong result and stops the test.
func Fatalf(t testing.TB, en, zh string, args ...any) {
	t.Helper()
	Report(t, KindTest, Pos{}, en, zh, args...)
	t.FailNow()
}

// Lang is the learner's language, for the rare message built in code.
func Lang() string {
	if os.Getenv("GOCOURSE_LANG") == "zh" {
		return "zh"
	}
	return "en"
}

// ---------------------------------------------------------------- synctest

// Settle is how long a bubble sleeps (in virtual time) before it ends, so a
// right solution's goroutines that are still sleeping can finish. It is far
// longer than any work the lessons simulate, and costs no real time.
const Settle = time.Hour

// Bubble runs f inside a synctest bubble. When f returns (or fails), the
// bubble sleeps Settle of virtual time and waits for every goroutine to
// block; any goroutine still in the bubble then is a leak, reported with the
// learner's line. The runtime's deadlock panic that would kill the whole test
// binary is recovered, so the remaining tests still run. A bubble that
// cannot advance at all (a goroutine on a mutex nobody releases, a busy
// loop) is named by the watchdog (watchdog.go) within two seconds.
func Bubble(t *testing.T, f func(t *testing.T)) {
	t.Helper()
	var leaked []string
	defer func() {
		r := recover()
		if r == nil {
			return
		}
		msg := fmt.Sprint(r)
		if strings.Contains(msg, "deadlock") {
			if len(leaked) == 0 { // the deadlock was seen only by the runtime
				Report(t, KindLeak, Pos{},
					"a goroutine started by your code is still blocked after the work ended (%s)",
					"你的代码启动的 goroutine 在工作结束后仍然阻塞（%s）", msg)
			}
			return
		}
		panic(r)
	}()
	chosen.Store(0) // each test draws the same select choices, whatever ran before it
	// One P: the bubble's goroutines then run in the order the program
	// makes them runnable, and with chosen selects (choose.go) the same file
	// gives the same verdict run after run; other orders are Explore's to
	// try, by seed. (Async preemption still lets the watchdog past a busy loop.)
	procs := runtime.GOMAXPROCS(1)
	defer runtime.GOMAXPROCS(procs)
	w := startWatchdog(t)
	defer w.end()
	synctest.Test(t, func(t *testing.T) {
		w.enter()
		defer func() {
			// Runs even after t.Fatal/FailNow ended f early.
			time.Sleep(Settle)
			synctest.Wait()
			leaked = BubbleGoroutines()
			// The runtime lists goroutines in no fixed order: sort them by
			// place so that the same file gives the same verdict (L09).
			sort.SliceStable(leaked, func(i, j int) bool {
				a, b := LearnerFrame(leaked[i]), LearnerFrame(leaked[j])
				return a.File < b.File || a.File == b.File && a.Line < b.Line
			})
			for _, g := range leaked {
				at := LearnerFrame(g)
				Report(t, KindLeak, at,
					"goroutine leak: a goroutine your code started is still blocked (%s) long after the call returned; nothing will ever unblock it",
					"goroutine 泄漏：你的代码启动的 goroutine 在调用返回很久之后仍然阻塞（%s），再也不会有人唤醒它",
					GoroutineState(g))
			}
		}()
		f(t)
	})
}

// stackBuf is allStacks' buffer, kept between calls: a fresh megabyte per
// bubble was a fifth of an explored test's time under the race detector
// (zeroing it, and the detector resetting its shadow when it is freed).
var (
	stackMu  sync.Mutex
	stackBuf = make([]byte, 1<<20)
)

// allStacks is runtime.Stack of every goroutine, up to 64 MB of them (code
// that starts a million goroutines gets the first few hundred thousand).
func allStacks() string {
	stackMu.Lock()
	defer stackMu.Unlock()
	for {
		n := runtime.Stack(stackBuf, true)
		if n < len(stackBuf) || len(stackBuf) >= 64<<20 {
			return string(stackBuf[:n])
		}
		stackBuf = make([]byte, 2*len(stackBuf))
	}
}

// Goroutines returns the stack of every goroutine, the caller's first, one
// string each, as runtime.Stack prints them.
func Goroutines() []string { return strings.Split(allStacks(), "\n\n") }

// BubbleGoroutines returns the stacks of the goroutines of the current
// synctest bubble other than the caller.
func BubbleGoroutines() []string {
	var out []string
	bubble := "" // "synctest bubble 3]": the caller's bubble
	for i, g := range Goroutines() {
		header, frames, _ := strings.Cut(g, "\n")
		if i == 0 { // the calling goroutine comes first
			bubble = bubbleRE.FindString(header)
			continue
		}
		// Goroutines leaked by an earlier test stay blocked in their own
		// bubble: only the caller's bubble belongs to this test.
		if bubble == "" || !strings.Contains(header, bubble) {
			continue
		}
		// The bubble's own machinery is in the bubble too.
		if strings.HasPrefix(frames, "internal/synctest.Run(") ||
			strings.HasPrefix(frames, "testing/synctest.testingSynctestTest(") {
			continue
		}
		out = append(out, g)
	}
	return out
}

// bubbleRE finds "synctest bubble 3]" in a goroutine header.
var bubbleRE = regexp.MustCompile(`synctest bubble \d+\]`)

var stateRE = regexp.MustCompile(`^goroutine \d+ \[([^\],]+)`)

// GoroutineState returns "chan send" from "goroutine 7 [chan send (durable), ...]:".
func GoroutineState(stack string) string {
	m := stateRE.FindStringSubmatch(stack)
	if m == nil {
		return "blocked"
	}
	return strings.TrimSuffix(strings.TrimSpace(m[1]), " (durable)")
}

// ---------------------------------------------------------------- source

// LearnerFrame finds the first stack frame in the learner's own files (the
// exercise directory, not a _test.go file) and returns it as a position.
func LearnerFrame(stack string) Pos {
	dir, _ := os.Getwd()
	for _, line := range strings.Split(stack, "\n") {
		line = strings.TrimSpace(line)
		path, rest, ok := strings.Cut(line, ".go:")
		if !ok {
			continue
		}
		path += ".go"
		if filepath.Dir(path) != dir || strings.HasSuffix(path, "_test.go") {
			continue
		}
		num := rest
		if i := strings.IndexAny(num, " \t"); i >= 0 {
			num = num[:i]
		}
		n, err := strconv.Atoi(num)
		// Line 1 is the package clause: a goroutine stopped inside a tight
		// loop can be shown there, which names no place at all.
		if err != nil || n <= 1 {
			continue
		}
		return Pos{File: filepath.Base(path), Line: n}
	}
	return Pos{}
}

var (
	sourceOnce  sync.Once
	sourceFset  *token.FileSet
	sourceFiles []*ast.File
	sourceErr   error
)

// Source parses the learner's non-test .go files in the exercise directory.
func Source(t testing.TB) (*token.FileSet, []*ast.File) {
	t.Helper()
	sourceOnce.Do(func() {
		sourceFset = token.NewFileSet()
		names, err := filepath.Glob("*.go")
		if err != nil {
			sourceErr = err
			return
		}
		sort.Strings(names)
		for _, name := range names {
			if strings.HasSuffix(name, "_test.go") {
				continue
			}
			f, err := parser.ParseFile(sourceFset, name, nil, parser.ParseComments|parser.SkipObjectResolution)
			if err != nil {
				sourceErr = err
				return
			}
			sourceFiles = append(sourceFiles, f)
		}
	})
	if sourceErr != nil {
		t.Fatalf("reading the exercise source: %v", sourceErr)
	}
	return sourceFset, sourceFiles
}

// Site is a place in the learner's source and the function it is in
// ("" at package level; methods as "Type.Method").
type Site struct {
	Pos
	Func string
}

// Calls returns every call in the learner's source of the named functions
// of the package with import path pkgPath, e.g. Calls(t, "log", "Fatal",
// "Fatalf"). Imports renamed or dot-imported are followed.
func Calls(t testing.TB, pkgPath string, names ...string) []Site {
	t.Helper()
	fset, files := Source(t)
	want := map[string]bool{}
	for _, n := range names {
		want[n] = true
	}
	var sites []Site
	for _, f := range files {
		local, dot := "", false
		for _, imp := range f.Imports {
			p, _ := strconv.Unquote(imp.Path.Value)
			if p != pkgPath {
				continue
			}
			switch {
			case imp.Name == nil:
				local = pkgPath[strings.LastIndex(pkgPath, "/")+1:]
			case imp.Name.Name == ".":
				dot = true
			default:
				local = imp.Name.Name
			}
		}
		if local == "" && !dot {
			continue
		}
		eachNode(f, func(n ast.Node, fn string) {
			call, ok := n.(*ast.CallExpr)
			if !ok {
				return
			}
			hit := false
			switch fun := ast.Unparen(call.Fun).(type) {
			case *ast.SelectorExpr:
				id, ok := fun.X.(*ast.Ident)
				hit = ok && local != "" && id.Name == local && want[fun.Sel.Name]
			case *ast.Ident:
				hit = dot && want[fun.Name]
			}
			if hit {
				p := fset.Position(call.Pos())
				sites = append(sites, Site{Pos{p.Filename, p.Line}, fn})
			}
		})
		// A function value taken without a call (f := log.Fatal) counts too.
		eachNode(f, func(n ast.Node, fn string) {
			sel, ok := n.(*ast.SelectorExpr)
			if !ok || !want[sel.Sel.Name] {
				return
			}
			id, ok := sel.X.(*ast.Ident)
			if !ok || local == "" || id.Name != local {
				return
			}
			p := fset.Position(sel.Pos())
			for _, s := range sites {
				if s.File == p.Filename && s.Line == p.Line {
					return
				}
			}
			sites = append(sites, Site{Pos{p.Filename, p.Line}, fn})
		})
	}
	return sites
}

// ExitsOutsideMain returns every log.Fatal*/os.Exit call in the learner's
// source that is not in func main: only main may decide the process ends.
func ExitsOutsideMain(t testing.TB) []Site {
	t.Helper()
	var out []Site
	for _, s := range append(Calls(t, "log", "Fatal", "Fatalf", "Fatalln"), Calls(t, "os", "Exit")...) {
		if s.Func != "main" {
			out = append(out, s)
		}
	}
	return out
}

// Where names a site's function for a message, in English and Chinese
// ("" is package-level code).
func Where(fn string) (en, zh string) {
	if fn == "" {
		return "package-level code", "包级别代码"
	}
	return fn, fn
}

// EmptySelects returns every `select {}` in the learner's source.
func EmptySelects(t testing.TB) []Site {
	t.Helper()
	fset, files := Source(t)
	var sites []Site
	for _, f := range files {
		eachNode(f, func(n ast.Node, fn string) {
			if s, ok := n.(*ast.SelectStmt); ok && len(s.Body.List) == 0 {
				p := fset.Position(s.Pos())
				sites = append(sites, Site{Pos{p.Filename, p.Line}, fn})
			}
		})
	}
	return sites
}

// GoStmts returns every `go` statement in the learner's source.
func GoStmts(t testing.TB) []Site {
	t.Helper()
	fset, files := Source(t)
	var sites []Site
	for _, f := range files {
		eachNode(f, func(n ast.Node, fn string) {
			if g, ok := n.(*ast.GoStmt); ok {
				p := fset.Position(g.Pos())
				sites = append(sites, Site{Pos{p.Filename, p.Line}, fn})
			}
		})
	}
	return sites
}

// FuncPos returns where the learner declared the named function or method
// ("Process", "Tracker.Event"), or the zero position.
func FuncPos(t testing.TB, name string) Pos {
	t.Helper()
	fset, files := Source(t)
	for _, f := range files {
		for _, d := range f.Decls {
			if fd, ok := d.(*ast.FuncDecl); ok && funcName(fd) == name {
				p := fset.Position(fd.Pos())
				return Pos{p.Filename, p.Line}
			}
		}
	}
	return Pos{}
}

// eachNode walks f, telling visit the enclosing top-level function's name.
func eachNode(f *ast.File, visit func(n ast.Node, fn string)) {
	for _, d := range f.Decls {
		fn := ""
		if fd, ok := d.(*ast.FuncDecl); ok {
			fn = funcName(fd)
		}
		ast.Inspect(d, func(n ast.Node) bool {
			if n != nil {
				visit(n, fn)
			}
			return true
		})
	}
}

func funcName(fd *ast.FuncDecl) string {
	if fd.Recv == nil || len(fd.Recv.List) == 0 {
		return fd.Name.Name
	}
	typ := fd.Recv.List[0].Type
	if s, ok := typ.(*ast.StarExpr); ok {
		typ = s.X
	}
	if ix, ok := typ.(*ast.IndexExpr); ok {
		typ = ix.X
	}
	if id, ok := typ.(*ast.Ident); ok {
		return id.Name + "." + fd.Name.Name
	}
	return fd.Name.Name
}
