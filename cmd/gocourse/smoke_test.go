package main

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestTmuxSmoke starts the real binary in a real terminal (tmux) on a fresh
// workspace and checks what only a terminal shows: the first screen, the
// lesson list, the language switch, a verdict after a save, and quitting.
func TestTmuxSmoke(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary and drives tmux")
	}
	if _, err := exec.LookPath("tmux"); err != nil {
		t.Skip("tmux is not installed (apt install tmux); .ci/run installs it")
	}
	dir := t.TempDir()
	bin := filepath.Join(dir, "gocourse")
	if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		t.Fatalf("build: %v\n%s", err, out)
	}
	ws := filepath.Join(dir, "ws")
	if out, err := exec.Command(bin, "init", ws).CombinedOutput(); err != nil {
		t.Fatalf("init: %v\n%s", err, out)
	}
	sock := filepath.Join(dir, "tmux.sock") // a private server: never touches the user's tmux
	tmux := func(args ...string) string {
		out, err := exec.Command("tmux", append([]string{"-S", sock}, args...)...).CombinedOutput()
		if err != nil && args[0] != "kill-server" {
			t.Fatalf("tmux %v: %v\n%s", args, err, out)
		}
		return string(out)
	}
	defer tmux("kill-server")
	start := time.Now()
	tmux("new-session", "-d", "-x", "100", "-y", "30", "-s", "g", "-c", ws,
		fmt.Sprintf("env LANG=en_US.UTF-8 LC_ALL= TERM=xterm-256color %s; sleep 30", bin))
	screen := func() string { return tmux("capture-pane", "-p", "-t", "g") }
	waitFor := func(what string, within time.Duration) string {
		t.Helper()
		deadline := time.Now().Add(within)
		for {
			s := screen()
			if strings.Contains(s, what) {
				return s
			}
			if time.Now().After(deadline) {
				t.Fatalf("%q did not appear within %v; screen:\n%s", what, within, s)
			}
			time.Sleep(20 * time.Millisecond)
		}
	}
	waitFor("Lesson 1/", 5*time.Second)
	t.Logf("first screen after %v (tmux start included)", time.Since(start).Round(time.Millisecond))
	waitFor("Keep yourself busy", time.Second)

	tmux("send-keys", "-t", "g", "l")
	s := waitFor("Search with a timeout", 2*time.Second)
	if !strings.Contains(s, "The tracker") && !strings.Contains(s, "06") {
		t.Errorf("the list does not show lesson 6:\n%s", s)
	}
	tmux("send-keys", "-t", "g", "Escape")
	time.Sleep(300 * time.Millisecond)

	tmux("send-keys", "-t", "g", "L")
	waitFor("第 1/", 3*time.Second)
	tmux("send-keys", "-t", "g", "L")
	waitFor("Lesson 1/", 3*time.Second)

	// A save regrades: the untouched starter fails with its lint rules.
	f := filepath.Join(ws, "exercises/01-busy-main/main.go")
	data, _ := os.ReadFile(f)
	os.WriteFile(f, append(data, '\n'), 0o644)
	waitFor("Not yet", 90*time.Second) // a cold build cache on CI is slow

	tmux("send-keys", "-t", "g", "q")
	deadline := time.Now().Add(5 * time.Second)
	for strings.Contains(tmux("list-panes", "-t", "g", "-F", "#{pane_current_command}"), "gocourse") {
		if time.Now().After(deadline) {
			t.Fatalf("q did not quit; screen:\n%s", screen())
		}
		time.Sleep(50 * time.Millisecond)
	}
}
