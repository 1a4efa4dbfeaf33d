//go:build unix && !linux

package checker

import "syscall"

// sysProcAttr starts the go command in a new process group. macOS and the
// BSDs have no parent-death signal: after a kill -9 of gocourse the test
// binary's lifeline ends the group, and SweepStale removes the folder.
func sysProcAttr() *syscall.SysProcAttr {
	return &syscall.SysProcAttr{Setpgid: true}
}
