package checker

import "syscall"

// sysProcAttr starts the go command in a new process group, with a
// parent-death signal: should gocourse die (kill -9 included), the kernel
// kills the go command at once. (Pdeathsig fires when the thread that
// started the child exits; Go's runtime does not end threads that run
// goroutines, so in practice that is when the process dies.) The test binary,
// go's child, is covered by its lifeline.
func sysProcAttr() *syscall.SysProcAttr {
	return &syscall.SysProcAttr{Setpgid: true, Pdeathsig: syscall.SIGKILL}
}
