//go:build !unix && !windows

package checker

import "os/exec"

// procGroup: on systems with neither process groups nor job objects only
// the go command itself is killed; the test binary's lifeline ends it when
// gocourse goes, and WaitDelay still makes sure grading returns.
type procGroup struct{ cmd *exec.Cmd }

func newProcGroup(cmd *exec.Cmd) *procGroup { return &procGroup{cmd: cmd} }
func (g *procGroup) started() error         { return nil }
func (g *procGroup) close()                 {}
func (g *procGroup) kill() {
	if g.cmd.Process != nil {
		_ = g.cmd.Process.Kill()
	}
}
