package gocoursekit

// What the hidden tests ask about the learner's source: where a function is
// declared, the calls of a package's functions, every `select {}` and `go`
// statement. The grader parses the learner's files (checker/facts.go, which
// documents the format) and writes these facts to the file GOCOURSE_SOURCE
// names; the kit only reads it, so no test binary links go/parser.

import (
	"os"
	"strconv"
	"strings"
	"sync"
	"testing"
)

// Site is a place in the learner's source and the function it is in
// ("" at package level; methods as "Type.Method").
type Site struct {
	Pos
	Func string
}

var (
	factsOnce sync.Once
	facts     [][]string // one fact per line, split at tabs
	factsErr  string
)

// sourceFacts returns the grader's facts, or stops the test when there are
// none to read.
func sourceFacts(t testing.TB) [][]string {
	t.Helper()
	factsOnce.Do(func() {
		p := os.Getenv("GOCOURSE_SOURCE")
		if p == "" {
			factsErr = "GOCOURSE_SOURCE is not set: run the hidden tests through the grader (scripts/run-hidden.sh)"
			return
		}
		data, err := os.ReadFile(p)
		if err != nil {
			factsErr = err.Error()
			return
		}
		for _, line := range strings.Split(strings.TrimSuffix(string(data), "\n"), "\n") {
			if line == "" {
				continue
			}
			f := strings.Split(line, "\t")
			if f[0] == "error" && factsErr == "" {
				factsErr = strings.Join(f[1:], " ")
			}
			facts = append(facts, f)
		}
	})
	if factsErr != "" {
		t.Fatalf("reading the exercise source: %s", factsErr)
	}
	return facts
}

// siteAt reads FILE LINE FUNC from a fact's fields.
func siteAt(f []string) Site {
	line, _ := strconv.Atoi(f[1])
	return Site{Pos{File: f[0], Line: line}, f[2]}
}

// Calls returns every call in the learner's source of the named functions
// of the package with import path pkgPath, e.g. Calls(t, "log", "Fatal",
// "Fatalf"). Imports renamed or dot-imported are followed, and a function
// value taken without a call (f := log.Fatal) counts too.
func Calls(t testing.TB, pkgPath string, names ...string) []Site {
	t.Helper()
	want := map[string]bool{}
	for _, n := range names {
		want[n] = true
	}
	var sites []Site
	for _, f := range sourceFacts(t) {
		if len(f) != 6 || f[1] != pkgPath || !want[f[2]] {
			continue
		}
		s := siteAt(f[3:])
		switch f[0] {
		case "call":
			sites = append(sites, s)
		case "ref": // the selector of a call already listed is not a second site
			seen := false
			for _, c := range sites {
				seen = seen || c.Pos == s.Pos
			}
			if !seen {
				sites = append(sites, s)
			}
		}
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
	return sitesOf(t, "select0")
}

// GoStmts returns every `go` statement in the learner's source.
func GoStmts(t testing.TB) []Site {
	t.Helper()
	return sitesOf(t, "go")
}

func sitesOf(t testing.TB, kind string) []Site {
	t.Helper()
	var sites []Site
	for _, f := range sourceFacts(t) {
		if f[0] == kind && len(f) == 4 {
			sites = append(sites, siteAt(f[1:]))
		}
	}
	return sites
}

// FuncPos returns where the learner declared the named function or method
// ("Process", "Tracker.Event"), or the zero position.
func FuncPos(t testing.TB, name string) Pos {
	t.Helper()
	for _, f := range sourceFacts(t) {
		if f[0] == "func" && len(f) == 4 && f[1] == name {
			line, _ := strconv.Atoi(f[3])
			return Pos{File: f[2], Line: line}
		}
	}
	return Pos{}
}
