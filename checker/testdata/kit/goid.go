package gocoursekit

import (
	"runtime"
	"sync"
	"unsafe"

	gocoursegoid "GOCOURSE_KIT_GOID"
)

// Goroutine ids for the schedule's trace. runtime.Stack prints the caller's
// id, but it formats the whole stack to do so: at every yield point that was
// 40% of an explored test's time. Where the kit can read the current
// goroutine's runtime struct (gocoursegoid.Getg, in assembly on amd64 and
// arm64: package goid), it finds once, at start-up, the offset at which that
// struct holds the same id runtime.Stack prints, checking it on several
// goroutines; then an id costs one load. Anywhere that search is not conclusive, goid falls back to
// runtime.Stack: slower, never wrong.

// goidOffset is the id's offset in the runtime's goroutine struct, or -1.
var goidOffset = findGoidOffset()

// goid returns the calling goroutine's id.
func goid() int64 {
	if goidOffset >= 0 {
		return loadAt(gocoursegoid.Getg(), uintptr(goidOffset))
	}
	return stackGoid()
}

// stackGoid reads the id from the header runtime.Stack prints
// ("goroutine 7 [running]:").
func stackGoid() int64 {
	var buf [32]byte
	b := buf[:runtime.Stack(buf[:], false)]
	b = b[len("goroutine "):]
	id := int64(0)
	for _, c := range b {
		if c < '0' || c > '9' {
			break
		}
		id = id*10 + int64(c-'0')
	}
	return id
}

// findGoidOffset keeps the word offsets of the goroutine struct that hold
// the id on this goroutine and on four others (whose ids all differ), and
// trusts the result only if exactly one is left.
func findGoidOffset() int {
	gp := gocoursegoid.Getg()
	if gp == nil {
		return -1
	}
	var offsets []uintptr
	const scan = 256 // the id sits well inside the struct's first words
	for off := uintptr(0); off < scan; off += 8 {
		offsets = append(offsets, off)
	}
	keep := func(gp unsafe.Pointer, id int64) {
		var out []uintptr
		for _, off := range offsets {
			if loadAt(gp, off) == id {
				out = append(out, off)
			}
		}
		offsets = out
	}
	keep(gp, stackGoid())
	for range 4 {
		var wg sync.WaitGroup
		wg.Add(1)
		go func() {
			defer wg.Done()
			keep(gocoursegoid.Getg(), stackGoid())
		}()
		wg.Wait()
	}
	if len(offsets) != 1 {
		return -1
	}
	return int(offsets[0])
}

// loadAt reads the word at off in the goroutine struct at gp. The struct is
// the runtime's, not a Go object this package allocated, so the race
// build's pointer checks (checkptr) have nothing to check it against.
//
//go:nocheckptr
func loadAt(gp unsafe.Pointer, off uintptr) int64 {
	return *(*int64)(unsafe.Add(gp, off))
}
