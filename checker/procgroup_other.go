//go:build !unix

package checker

import "os/exec"

// On systems without process groups only the go command itself is killed;
// WaitDelay still makes sure grading returns.
func setProcessGroup(cmd *exec.Cmd) {}

func killProcessGroup(cmd *exec.Cmd) {
	if cmd.Process != nil {
		_ = cmd.Process.Kill()
	}
}
