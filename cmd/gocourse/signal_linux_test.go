package main

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"
)

// census lists the live processes whose environment holds marker, by name.
func census(marker string) map[int]string {
	found := map[int]string{}
	entries, _ := os.ReadDir("/proc")
	for _, e := range entries {
		pid, err := strconv.Atoi(e.Name())
		if err != nil || pid == os.Getpid() {
			continue
		}
		env, err := os.ReadFile(filepath.Join("/proc", e.Name(), "environ"))
		if err != nil || !strings.Contains(string(env), marker) {
			continue
		}
		argv, _ := os.ReadFile(filepath.Join("/proc", e.Name(), "cmdline"))
		name, _, _ := strings.Cut(string(argv), "\x00")
		found[pid] = filepath.Base(name)
	}
	return found
}

// TestSignalsEndTheTUICleanly opens the course in a real terminal (tmux)
// while a grading hangs (the learner's init() never returns), then closes
// the terminal's way (SIGHUP) or kills it politely (SIGTERM): gocourse exits,
// the grading's processes are gone and its folder removed, within a couple
// of seconds.
func TestSignalsEndTheTUICleanly(t *testing.T) {
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
	for _, sig := range []syscall.Signal{syscall.SIGHUP, syscall.SIGTERM} {
		t.Run(sig.String(), func(t *testing.T) {
			ws := filepath.Join(t.TempDir(), "ws")
			if out, err := exec.Command(bin, "init", ws).CombinedOutput(); err != nil {
				t.Fatalf("init: %v\n%s", err, out)
			}
			f := filepath.Join(ws, "exercises/01-busy-main/main.go")
			src, _ := os.ReadFile(f)
			hang := "\nvar gcSpin int\n\nfunc init() {\n\tfor {\n\t\tgcSpin++\n\t}\n}\n"
			os.WriteFile(f, append(src, hang...), 0o644)
			tmp := t.TempDir()
			marker := fmt.Sprintf("GOCOURSE_CENSUS=sig-%d", time.Now().UnixNano())
			sock := filepath.Join(t.TempDir(), "tmux.sock")
			exitFile := filepath.Join(t.TempDir(), "exit")
			tmux := func(args ...string) {
				_ = exec.Command("tmux", append([]string{"-S", sock}, args...)...).Run()
			}
			defer tmux("kill-server")
			tmux("new-session", "-d", "-x", "100", "-y", "30", "-s", "g", "-c", ws,
				fmt.Sprintf("env LANG=en_US.UTF-8 LC_ALL= TERM=xterm-256color TMPDIR=%s %s %s; echo $? > %s; sleep 30", tmp, marker, bin, exitFile))
			// The TUI warms or grades lesson 1 at once; a save makes sure.
			time.Sleep(500 * time.Millisecond)
			os.WriteFile(f, append(append(src, hang...), '\n'), 0o644)
			deadline := time.Now().Add(90 * time.Second)
			tui := 0
			for {
				procs := census(marker)
				running := false
				for pid, name := range procs {
					if name == "gocourse" {
						tui = pid
					}
					running = running || strings.HasSuffix(name, ".test")
				}
				if running && tui != 0 {
					t.Logf("before %v: %v", sig, procs)
					break
				}
				if time.Now().After(deadline) {
					t.Fatalf("no grading started; processes: %v", procs)
				}
				time.Sleep(50 * time.Millisecond)
			}
			sent := time.Now()
			if err := syscall.Kill(tui, sig); err != nil {
				t.Fatal(err)
			}
			for {
				procs := census(marker)
				dirs, _ := filepath.Glob(filepath.Join(tmp, "gocourse-grade-*"))
				code, _ := os.ReadFile(exitFile)
				if len(procs) == 0 && len(dirs) == 0 && len(code) > 0 {
					t.Logf("gocourse and its grading gone %v after %v", time.Since(sent).Round(time.Millisecond), sig)
					// A clean end (exit 0), not death by the signal (128+n):
					// the grading was cancelled and the terminal restored.
					if got := strings.TrimSpace(string(code)); got != "0" {
						t.Errorf("gocourse exited with %s after %v, want 0 (a clean end)", got, sig)
					}
					return
				}
				if time.Since(sent) > 3*time.Second {
					for pid := range procs {
						_ = syscall.Kill(pid, syscall.SIGKILL)
					}
					t.Fatalf("3 s after %v: processes %v, folders %v, exit %q", sig, procs, dirs, code)
				}
				time.Sleep(20 * time.Millisecond)
			}
		})
	}
}
