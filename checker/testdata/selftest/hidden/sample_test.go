package sample

import (
	"sync"
	"testing"
)

// The grader's own tests grade hostile submissions of this tiny exercise:
// func Add(a, b int) int.

func TestAddReturnsSum(t *testing.T) {
	if got := Add(2, 3); got != 5 {
		gcErrorAt(t, gcFuncPos(t, "Add"), "Add(2, 3) = %d, want 5", "Add(2, 3) = %d，应为 5", got)
	}
}

func TestAddLeavesNoGoroutine(t *testing.T) {
	gcNoLeaks(t)
	Add(1, 1)
}

func TestAddInBubble(t *testing.T) {
	gcBubble(t, func(t *testing.T) {
		var wg sync.WaitGroup
		for range 2 {
			wg.Add(1)
			go func() { defer wg.Done(); Add(1, 1) }()
		}
		wg.Wait()
	})
}

func TestAddUsesNoLogFatal(t *testing.T) {
	for _, s := range gcCalls(t, "log", "Fatal", "Fatalf", "Fatalln") {
		gcReport(t, gcKindLint, s.gcPos, "log.Fatal in %s: return an error instead", "%s 中调用了 log.Fatal：应当返回 error", s.Func)
	}
}

// A goroutine outside the bubble ends while the bubble runs. The kit once
// skipped reading stacks when runtime.NumGoroutine said the bubble was
// empty; an outside goroutine ending then hid a leak. It must be reported,
// at its line.
func TestAddInBubbleWhileOneOutsideEnds(t *testing.T) {
	release, ended := make(chan struct{}), make(chan struct{})
	go func() { <-release; close(ended) }()
	gcBubble(t, func(t *testing.T) {
		Add(1, 1)
		close(release)
		<-ended
	})
}
