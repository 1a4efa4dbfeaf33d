package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestArguments is the command line's argument table: flags before or after
// the subcommand, help on stdout, extra or out-of-range arguments refused,
// errors in the learner's language. Nothing here grades (each case is fast).
func TestArguments(t *testing.T) {
	t.Setenv("LC_ALL", "")
	t.Setenv("LC_MESSAGES", "")
	t.Setenv("LANG", "en_US.UTF-8")
	ws := newWorkspace(t)
	usageEN, usageZH := txtUsage.in("en"), txtUsage.in("zh")
	cases := []struct {
		args       []string
		code       int
		stdout     string // exact when it starts with "=", else a substring
		stderr     string
		notStdout  string
		notStderr  string
		maxSeconds float64
	}{
		{args: []string{"--lang", "zh", "list", "--dir", ws}, code: 0, stdout: "已通过 0 / "},
		{args: []string{"--dir", ws, "--lang=en", "list"}, code: 0, stdout: "0 of "},
		{args: []string{"--dir", ws, "check", "99", "--lang", "zh"}, code: 2, stderr: "没有课程 \"99\"", notStderr: "no lesson"},
		{args: []string{"check", "99", "--dir", ws}, code: 2, stderr: "no lesson \"99\""},
		{args: []string{"help"}, code: 0, stdout: "=" + usageEN},
		{args: []string{"--help"}, code: 0, stdout: "=" + usageEN},
		{args: []string{"-h"}, code: 0, stdout: "=" + usageEN},
		{args: []string{"--lang", "zh", "--help"}, code: 0, stdout: "=" + usageZH},
		{args: []string{"list", "--help"}, code: 0, stdout: "=" + usageEN},
		{args: []string{"check", "-h", "--lang", "zh"}, code: 0, stdout: "=" + usageZH},
		{args: []string{"list", "extra", "--dir", ws}, code: 2, stderr: `"extra"`},
		{args: []string{"check", "1", "2", "--dir", ws}, code: 2, stderr: `"2"`},
		{args: []string{"report", "x", "--dir", ws}, code: 2},
		{args: []string{"hint", "3", "--level", "0", "--dir", ws}, code: 2, stderr: "--level 0"},
		{args: []string{"hint", "3", "--level", "99", "--dir", ws, "--lang", "zh"}, code: 2, stderr: "提示是 1 到"},
		{args: []string{"hint", "3", "--level", "2", "--dir", ws}, code: 0, stdout: "Hint 2 of"},
		{args: []string{"list", "--frob", "--dir", ws}, code: 2, stderr: "frob", notStdout: "Usage"},
		{args: []string{"frobnicate"}, code: 2, stderr: "frobnicate"},
		{args: []string{"check", "4", "--lang", "fr", "--dir", ws}, code: 2, stderr: "zh or en"},
		{args: []string{"verify", "--junit", filepath.Join(ws, "no", "such", "dir", "r.xml"), "--dir", ws}, code: 2,
			stderr: "nothing was graded", maxSeconds: 2},
		{args: []string{"verify", "--junit", ws, "--dir", ws, "--lang", "zh"}, code: 2, stderr: "尚未评测", maxSeconds: 2},
		{args: []string{"report", "--dir", ws, "--lang", "zh"}, code: 0, stdout: "尝试次数：0", notStdout: "attempts"},
	}
	for _, c := range cases {
		start := time.Now()
		out, errOut, code := run(t, c.args...)
		name := strings.Join(c.args, " ")
		if code != c.code {
			t.Errorf("%s: exit %d, want %d\nstdout: %s\nstderr: %s", name, code, c.code, out, errOut)
		}
		if exact, ok := strings.CutPrefix(c.stdout, "="); ok {
			if out != exact {
				t.Errorf("%s: stdout is not the help:\n%s", name, out)
			}
		} else if !strings.Contains(out, c.stdout) {
			t.Errorf("%s: stdout lacks %q:\n%s", name, c.stdout, out)
		}
		if !strings.Contains(errOut, c.stderr) {
			t.Errorf("%s: stderr lacks %q:\n%s", name, c.stderr, errOut)
		}
		if c.notStdout != "" && strings.Contains(out, c.notStdout) {
			t.Errorf("%s: stdout has %q:\n%s", name, c.notStdout, out)
		}
		if c.notStderr != "" && strings.Contains(errOut, c.notStderr) {
			t.Errorf("%s: stderr has %q:\n%s", name, c.notStderr, errOut)
		}
		if c.maxSeconds > 0 && time.Since(start).Seconds() > c.maxSeconds {
			t.Errorf("%s: took %v (it should fail before grading)", name, time.Since(start))
		}
	}
}

// A missing exercise file is named, with the command that restores it, and
// is an error (exit 2), not a failed attempt.
func TestMissingExerciseFile(t *testing.T) {
	ws := newWorkspace(t)
	file := filepath.Join(ws, "exercises/04-search-timeout/search.go")
	if err := os.Remove(file); err != nil {
		t.Fatal(err)
	}
	for _, lang := range []string{"en", "zh"} {
		out, _, code := run(t, "check", "4", "--dir", ws, "--lang", lang)
		want := map[string]string{"en": "is missing", "zh": "不见了"}[lang]
		if code != exitError || !strings.Contains(out, want) || !strings.Contains(out, "gocourse reset 4") ||
			!strings.Contains(out, "exercises/04-search-timeout/search.go") {
			t.Errorf("%s: exit %d\n%s", lang, code, out)
		}
	}
	if out, _, _ := run(t, "list", "--dir", ws, "--lang", "en"); strings.Contains(out, "tried") {
		t.Errorf("a missing file counted as an attempt:\n%s", out)
	}
}

// Attempts count gradings of changed code: checking an unchanged file again,
// or verify, adds none (report is what instructors read).
func TestAttemptsCountChangedCode(t *testing.T) {
	ws := newWorkspace(t)
	attempts := func() string {
		out, _, _ := run(t, "report", "--json", "--dir", ws)
		i := strings.Index(out, `"slug": "04-search-timeout"`)
		j := strings.Index(out[i:], `"attempts": `)
		return out[i+j+len(`"attempts": `) : i+j+len(`"attempts": `)+1]
	}
	for range 2 {
		if _, _, code := run(t, "check", "4", "--dir", ws); code != exitFail {
			t.Fatalf("starter: exit %d", code)
		}
	}
	if got := attempts(); got != "1" {
		t.Errorf("after checking the same file twice: %s attempts, want 1", got)
	}
	run(t, "verify", "4", "--dir", ws)
	if got := attempts(); got != "1" {
		t.Errorf("after verify: %s attempts, want 1", got)
	}
}

// A workspace under a path with spaces and Chinese characters (a Windows
// user named 张三, "My Documents") grades as in a plain path: the overlay,
// the kit and the learner's file positions all hold. A subset, to keep the
// suite fast: lesson 01 (a command, package main, real network), 04 and 06
// (a library package), each solution once; every lesson is graded the same
// way.
func TestWorkspaceUnderSpacesAndChinese(t *testing.T) {
	if testing.Short() {
		t.Skip("grades four times")
	}
	ws := filepath.Join(t.TempDir(), "My Documents", "张三 的课程", "ws")
	if _, stderr, code := run(t, "init", ws, "--lang", "en"); code != 0 {
		t.Fatalf("init: %d %s", code, stderr)
	}
	slugs := []string{"01-busy-main", "04-search-timeout", "06-tracker"}
	for _, s := range slugs {
		copySolution(t, ws, s)
	}
	out, stderr, code := run(t, "verify", "1", "4", "6", "--dir", ws, "--lang", "en")
	if code != exitPass || !strings.Contains(out, "3 passed, 0 failed") {
		t.Fatalf("verify under %q: exit %d\n%s\n%s", ws, code, out, stderr)
	}
	// And a failure still points into the learner's file at that path.
	starter, _ := os.ReadFile(filepath.Join("..", "..", "exercises", "04-search-timeout", "search.go"))
	os.WriteFile(filepath.Join(ws, "exercises", "04-search-timeout", "search.go"), starter, 0o644)
	out, _, code = run(t, "check", "4", "--json", "--dir", ws)
	if code != exitFail || !strings.Contains(out, `"file": "exercises/04-search-timeout/search.go"`) {
		t.Errorf("starter under %q: exit %d\n%s", ws, code, out)
	}
}
