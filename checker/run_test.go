//go:build unix

package checker

import (
	"context"
	"os/exec"
	"testing"
	"time"
)

// The hard limit kills the whole process group — a shell and the children
// it left running — and returns even though a child held the output open.
func TestRunGoTestKillsTheTreeAtTheHardLimit(t *testing.T) {
	cmd := exec.CommandContext(context.Background(), "sh", "-c", "sleep 101 & sleep 102 & echo started; wait")
	start := time.Now()
	res := runGoTest(context.Background(), time.Second, cmd)
	if took := time.Since(start); took > 3*time.Second {
		t.Errorf("returned after %v; limit 1s", took)
	}
	if !res.timedOut {
		t.Errorf("timedOut = false: %+v", res)
	}
	time.Sleep(100 * time.Millisecond)
	if out, _ := exec.Command("pgrep", "-f", "sleep 10[12]").Output(); len(out) > 0 {
		t.Errorf("children survived: %s", out)
	}
}

// Cancelling the caller's context stops a run as promptly as the limit.
func TestRunGoTestHonoursCancel(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	time.AfterFunc(200*time.Millisecond, cancel)
	start := time.Now()
	res := runGoTest(ctx, time.Minute, exec.CommandContext(ctx, "sleep", "103"))
	if took := time.Since(start); took > 2*time.Second {
		t.Errorf("returned after %v", took)
	}
	if res.timedOut {
		t.Error("a cancel is not a timeout")
	}
}
