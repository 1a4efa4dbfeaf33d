package cli

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	gocourse "github.com/gocourse/gocourse"
	"github.com/gocourse/gocourse/checker"
)

// run runs gocourse with args and returns stdout, stderr and the exit code.
func run(t *testing.T, args ...string) (string, string, int) {
	t.Helper()
	var out, errOut bytes.Buffer
	code := Main(context.Background(), args, &out, &errOut)
	return out.String(), errOut.String(), code
}

// newWorkspace writes a fresh workspace with `gocourse init`.
func newWorkspace(t *testing.T) string {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "ws")
	if _, stderr, code := run(t, "init", dir, "--lang", "en"); code != 0 {
		t.Fatalf("init: %d %s", code, stderr)
	}
	return dir
}

func copySolution(t *testing.T, ws, slug string) {
	t.Helper()
	entries, err := gocourse.Files.ReadDir("solutions/" + slug)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		data, _ := gocourse.Files.ReadFile("solutions/" + slug + "/" + e.Name())
		if err := os.WriteFile(filepath.Join(ws, "exercises", slug, e.Name()), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

func TestCheckJSONFailThenPass(t *testing.T) {
	ws := newWorkspace(t)
	out, _, code := run(t, "check", "4", "--json", "--dir", ws, "--lang", "zh")
	if code != exitFail {
		t.Fatalf("starter: exit %d, want 1\n%s", code, out)
	}
	var v checker.Verdict
	if err := json.Unmarshal([]byte(out), &v); err != nil {
		t.Fatalf("not one JSON object: %v\n%s", err, out)
	}
	if v.Lesson != "04-search-timeout" || v.Status != "fail" || len(v.Failures) == 0 || v.DurMS <= 0 {
		t.Fatalf("verdict %+v", v)
	}
	// The COURSE.md field names.
	for _, key := range []string{`"lesson"`, `"status"`, `"duration_ms"`, `"failures"`, `"kind"`, `"message"`} {
		if !strings.Contains(out, key) {
			t.Errorf("JSON lacks %s", key)
		}
	}
	if !strings.ContainsAny(v.Failures[0].Message, "的了是") {
		t.Errorf("--lang zh message not in Chinese: %q", v.Failures[0].Message)
	}

	copySolution(t, ws, "04-search-timeout")
	out, _, code = run(t, "check", "04-search-timeout", "--dir", ws)
	if code != exitPass || !strings.Contains(out, "passed") {
		t.Fatalf("solution: exit %d\n%s", code, out)
	}
	out, _, _ = run(t, "list", "--dir", ws, "--lang", "en")
	if !strings.Contains(out, "✓ 04") || !strings.Contains(out, "1 of ") {
		t.Errorf("list after passing:\n%s", out)
	}
	// The solution opens once passed.
	if out, _, code := run(t, "solution", "4", "--dir", ws); code != 0 || !strings.Contains(out, "func Process") {
		t.Errorf("solution after pass: %d\n%s", code, out)
	}
}

func TestExitCodesForBadUse(t *testing.T) {
	ws := newWorkspace(t)
	cases := [][]string{
		{"check", "99", "--dir", ws},
		{"check", "--dir", ws},
		{"check", "4", "--dir", t.TempDir()}, // not a workspace
		{"frobnicate"},
		{"check", "4", "--lang", "fr", "--dir", ws},
	}
	for _, args := range cases {
		if _, _, code := run(t, args...); code != exitError {
			t.Errorf("%v: exit %d, want 2", args, code)
		}
	}
}

func TestSolutionRefusedBeforePassing(t *testing.T) {
	ws := newWorkspace(t)
	_, stderr, code := run(t, "solution", "4", "--dir", ws, "--lang", "en")
	if code == 0 || !strings.Contains(stderr, "--force") {
		t.Errorf("exit %d, stderr %q", code, stderr)
	}
	if out, _, code := run(t, "solution", "4", "--force", "--dir", ws); code != 0 || !strings.Contains(out, "func Process") {
		t.Errorf("--force: %d", code)
	}
}

func TestResetBacksUp(t *testing.T) {
	ws := newWorkspace(t)
	file := filepath.Join(ws, "exercises/04-search-timeout/search.go")
	os.WriteFile(file, []byte("package search // my edits\n"), 0o644)
	out, _, code := run(t, "reset", "4", "--dir", ws, "--lang", "en")
	if code != 0 {
		t.Fatalf("reset: %d %s", code, out)
	}
	starter, _ := gocourse.Files.ReadFile("exercises/04-search-timeout/search.go")
	if got, _ := os.ReadFile(file); !bytes.Equal(got, starter) {
		t.Error("exercise not restored")
	}
	backups, _ := filepath.Glob(filepath.Join(ws, ".gocourse/backups/04-search-timeout/*/search.go"))
	if len(backups) != 1 {
		t.Fatalf("backups: %v", backups)
	}
	if got, _ := os.ReadFile(backups[0]); string(got) != "package search // my edits\n" {
		t.Errorf("backup holds %q", got)
	}
}

func TestHintLevels(t *testing.T) {
	ws := newWorkspace(t)
	one, _, _ := run(t, "hint", "4", "--dir", ws, "--lang", "en")
	two, _, _ := run(t, "hint", "4", "--level", "2", "--dir", ws, "--lang", "en")
	zh, _, _ := run(t, "hint", "4", "--dir", ws, "--lang", "zh")
	if one == two || !strings.Contains(one, "--level 2") || one == zh {
		t.Errorf("hints:\n%s\n---\n%s\n---\n%s", one, two, zh)
	}
}

func TestLangFromLocale(t *testing.T) {
	for _, c := range []struct{ lcAll, lang, want string }{
		{"", "zh_CN.UTF-8", "zh"}, {"", "zh_TW", "zh"}, {"", "en_US.UTF-8", "en"},
		{"C", "zh_CN.UTF-8", "en"}, {"", "", "en"}, {"zh_HK.UTF-8", "", "zh"},
	} {
		t.Setenv("LC_ALL", c.lcAll)
		t.Setenv("LC_MESSAGES", "")
		t.Setenv("LANG", c.lang)
		if got, _ := detectLang(""); got != c.want {
			t.Errorf("LC_ALL=%q LANG=%q: %s, want %s", c.lcAll, c.lang, got, c.want)
		}
	}
}
