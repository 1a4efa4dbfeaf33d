//go:build unix

package gocoursekit

import (
	"os"
	"sync"
	"syscall"
	"unsafe"
)

// traceMem is the schedule trace's memory. With GOCOURSE_TRACEFILE set it
// is a shared mapping of that file: the steps a schedule recorded survive
// a learner's panic that kills the test binary, and the grader reads them
// (header: the seed; then traceLen entries).
var (
	traceOnce sync.Once
	traceMem  []uint64
)

func traceRing(seed int64) []uint64 {
	traceOnce.Do(func() {
		n := 1 + traceLen
		if p := os.Getenv("GOCOURSE_TRACEFILE"); p != "" {
			if f, err := os.OpenFile(p, os.O_RDWR|os.O_CREATE|os.O_TRUNC, 0o600); err == nil {
				if f.Truncate(int64(8*n)) == nil {
					if b, err := syscall.Mmap(int(f.Fd()), 0, 8*n, syscall.PROT_READ|syscall.PROT_WRITE, syscall.MAP_SHARED); err == nil {
						traceMem = unsafe.Slice((*uint64)(unsafe.Pointer(&b[0])), n)
					}
				}
				f.Close()
			}
		}
		if traceMem == nil {
			traceMem = make([]uint64, n)
		}
	})
	// Schedules run one at a time: each starts with an empty ring.
	clear(traceMem[1:])
	traceMem[0] = uint64(seed)
	return traceMem[1:]
}
