//go:build unix

package checker

import (
	"os/exec"
	"syscall"
)

// procGroup is the process tree of one grading. On Unix it is a process
// group: the go command leads a new one, and everything it and the test
// binary start joins it, so one signal kills the whole tree.
type procGroup struct{ cmd *exec.Cmd }

// newProcGroup prepares cmd (before Start) to lead a new process group;
// on Linux the go command also dies with gocourse (see sysProcAttr).
func newProcGroup(cmd *exec.Cmd) *procGroup {
	cmd.SysProcAttr = sysProcAttr()
	g := &procGroup{cmd: cmd}
	cmd.Cancel = func() error { g.kill(); return nil }
	return g
}

// started is called once cmd has started.
func (g *procGroup) started() error { return nil }

// kill kills every process of the group.
func (g *procGroup) kill() {
	if g.cmd.Process != nil {
		_ = syscall.Kill(-g.cmd.Process.Pid, syscall.SIGKILL)
	}
}

// close releases the group once the run is over.
func (g *procGroup) close() {}
