// Package gocoursekitleak is the kit's real-time leak check (goleak), a
// package of its own like the network: only lessons whose hidden tests say
// gcNoLeaks link it. Every lesson today runs in synctest bubbles, which find
// leaks themselves (gk.Bubble); this is for a test that needs real time.
package gocoursekitleak

import (
	"regexp"
	"testing"

	gk "GOCOURSE_KIT"
	"go.uber.org/goleak"
)

var leakStateRE = regexp.MustCompile(`in state ([^,]+),`)

// NoLeaks checks, when t ends, that every goroutine started since the call
// has stopped. Call it first in a real-time test so its cleanup runs last.
func NoLeaks(t *testing.T) {
	t.Helper()
	ignore := goleak.IgnoreCurrent()
	t.Cleanup(func() {
		err := goleak.Find(ignore)
		if err == nil {
			return
		}
		stacks := err.Error()
		at := gk.LearnerFrame(stacks)
		state := "running"
		if m := leakStateRE.FindStringSubmatch(stacks); m != nil {
			state = m[1]
		}
		gk.Report(t, gk.KindLeak, at,
			"goroutine leak: a goroutine your code started is still running (%s) after the function returned",
			"goroutine 泄漏：函数返回后，你的代码启动的 goroutine 仍在运行（%s）", state)
	})
}
