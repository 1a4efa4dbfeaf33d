package checker

import (
	"fmt"
	"os/exec"
	"sync"
	"syscall"
	"unsafe"

	"golang.org/x/sys/windows"
)

// procGroup is the process tree of one grading. On Windows it is a Job
// Object with JOB_OBJECT_LIMIT_KILL_ON_JOB_CLOSE: every process the go
// command and the test binary start is in the job, TerminateJobObject kills
// them all, and when the job's last handle closes — at the end of the
// grading, or because gocourse died — Windows kills whatever is left.
type procGroup struct {
	cmd *exec.Cmd
	mu  sync.Mutex
	job windows.Handle // 0 until started
}

// newProcGroup prepares cmd (before Start): no console window flashes up
// for the go command or anything it starts.
func newProcGroup(cmd *exec.Cmd) *procGroup {
	cmd.SysProcAttr = &syscall.SysProcAttr{HideWindow: true, CreationFlags: windows.CREATE_NO_WINDOW}
	g := &procGroup{cmd: cmd}
	cmd.Cancel = func() error { g.kill(); return nil }
	return g
}

// newKillOnCloseJob makes a job object that kills its processes when its
// last handle closes.
func newKillOnCloseJob() (windows.Handle, error) {
	job, err := windows.CreateJobObject(nil, nil)
	if err != nil {
		return 0, fmt.Errorf("CreateJobObject: %w", err)
	}
	info := windows.JOBOBJECT_EXTENDED_LIMIT_INFORMATION{}
	info.BasicLimitInformation.LimitFlags = windows.JOB_OBJECT_LIMIT_KILL_ON_JOB_CLOSE
	if _, err := windows.SetInformationJobObject(job, windows.JobObjectExtendedLimitInformation,
		uintptr(unsafe.Pointer(&info)), uint32(unsafe.Sizeof(info))); err != nil {
		windows.CloseHandle(job)
		return 0, fmt.Errorf("SetInformationJobObject: %w", err)
	}
	return job, nil
}

// started puts the go command into a new job. The go command starts
// nothing in the moment between its start and this call (it reads its
// configuration first), so its whole tree ends up in the job.
func (g *procGroup) started() error {
	job, err := newKillOnCloseJob()
	if err != nil {
		return err
	}
	h, err := windows.OpenProcess(windows.PROCESS_SET_QUOTA|windows.PROCESS_TERMINATE, false, uint32(g.cmd.Process.Pid))
	if err != nil {
		windows.CloseHandle(job)
		return fmt.Errorf("OpenProcess: %w", err)
	}
	defer windows.CloseHandle(h)
	if err := windows.AssignProcessToJobObject(job, h); err != nil {
		windows.CloseHandle(job)
		return fmt.Errorf("AssignProcessToJobObject: %w", err)
	}
	g.mu.Lock()
	g.job = job
	g.mu.Unlock()
	return nil
}

// kill kills every process of the job (or the go command, before it has one).
func (g *procGroup) kill() {
	g.mu.Lock()
	job := g.job
	g.mu.Unlock()
	if job != 0 {
		_ = windows.TerminateJobObject(job, 1)
		return
	}
	if g.cmd.Process != nil {
		_ = g.cmd.Process.Kill()
	}
}

// close closes the job: anything still in it is killed.
func (g *procGroup) close() {
	g.mu.Lock()
	defer g.mu.Unlock()
	if g.job != 0 {
		windows.CloseHandle(g.job)
		g.job = 0
	}
}
