//go:build !unix

package gocoursekit

var traceMem []uint64

func traceRing(seed int64) []uint64 {
	if traceMem == nil {
		traceMem = make([]uint64, 1+traceLen)
	}
	clear(traceMem[1:])
	traceMem[0] = uint64(seed)
	return traceMem[1:]
}
