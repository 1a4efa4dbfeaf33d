package checker

import (
	"context"
	"os/exec"
	"testing"
	"time"
)

// Closing the grading's Job Object kills the tree: cmd.exe and the ping it
// started (which would otherwise run on for a minute).
func TestJobObjectKillsTheTree(t *testing.T) {
	cmd := exec.CommandContext(context.Background(), "cmd.exe", "/c", "ping -n 60 127.0.0.1 >NUL")
	g := newProcGroup(cmd)
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	if err := g.started(); err != nil {
		t.Fatal(err)
	}
	time.Sleep(300 * time.Millisecond) // let cmd.exe start ping, inside the job
	start := time.Now()
	g.close() // what happens when gocourse dies: its handle to the job closes
	_ = cmd.Wait()
	if d := time.Since(start); d > 2*time.Second {
		t.Errorf("the tree outlived the job by %v", d)
	}
	if out, _ := exec.Command("tasklist", "/FI", "IMAGENAME eq PING.EXE", "/NH").Output(); len(out) > 0 && containsPing(out) {
		t.Errorf("ping survived the job: %s", out)
	}
}

func containsPing(b []byte) bool {
	for i := 0; i+8 <= len(b); i++ {
		if string(b[i:i+8]) == "PING.EXE" {
			return true
		}
	}
	return false
}

// The hard limit kills the tree through the job.
func TestRunGoTestKillsTheJobAtTheHardLimit(t *testing.T) {
	cmd := exec.CommandContext(context.Background(), "cmd.exe", "/c", "ping -n 60 127.0.0.1 >NUL")
	start := time.Now()
	res := runGoTest(context.Background(), time.Second, cmd)
	if took := time.Since(start); took > 4*time.Second {
		t.Errorf("returned after %v; limit 1s", took)
	}
	if !res.timedOut {
		t.Errorf("timedOut = false: %+v", res)
	}
}
