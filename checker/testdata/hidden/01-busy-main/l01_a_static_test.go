// Hidden tests of lesson 01 (01-busy-main). Every sentence of the contract
// (COURSE.md) and of "How it is graded" (content/{en,zh}/01-busy-main.md),
// and the test that fails when it is broken; fixtures under
// checker/testdata/fixtures/01-busy-main prove each one.
//
//	sentence                                              test (fixture)
//	hello: GET / -> 200 "Hello\n"                         TestHelloSaysHello
//	run serves h on ln                                    TestRunServesUntilCtxIsCancelled
//	it blocks until ctx is done or serving fails          TestRunServesUntilCtxIsCancelled (wrong-returns-at-once)
//	on ctx done: graceful, in-flight requests complete    TestRunWaitsForInFlightRequestBeforeReturning (wrong-close-not-shutdown)
//	returns nil only after Shutdown has finished          TestRunWaitsForInFlightRequestBeforeReturning (wrong-returns-before-shutdown-finishes, wrong-shutdown-with-cancelled-ctx)
//	ErrServerClosed is not an error to report             TestRunServesUntilCtxIsCancelled, TestRunWaits... (wrong-returns-err-server-closed)
//	serving fails -> run returns that error               TestRunReturnsErrorWhenListenerBreaks (wrong-ignores-serve-failure)
//	it never exits the process                            TestOnlyMainMayExitTheProcess (wrong-log-fatal-in-run, wrong-os-exit-in-run)
//	in-flight requests' contexts are not cancelled        TestRunWaitsForInFlightRequestBeforeReturning, SlowCtx (wrong-base-context-from-ctx)
//	a bounded shutdown that gives up says so (non-nil)    TestRunThatGivesUpOnShutdownSaysSo (wrong-bounded-shutdown-returns-nil)
//	nothing run started still runs when it returns        every run test's gcInside check; the bubble's leak check
//	                                                      (wrong-watcher-leaks-on-failure, wrong-unbuffered-result)
//	returns within 2 s after ctx done / listener broke    the l01Wait bounds of each run test
//	the server no longer answers once run returned        TestRunServesUntilCtxIsCancelled
//	no select {} (main parked)                            TestNoEmptySelectParksAGoroutine (wrong-select-in-main)
//	a goroutine left behind                               the bubble of every test (wrong-unbuffered-result)
package main

import "testing"

// Static rules of lesson 01. This file sorts first, so these run before any
// test that could end the whole process through a stray log.Fatal.

func TestNoEmptySelectParksAGoroutine(t *testing.T) {
	for _, s := range gcEmptySelects(t) {
		en, zh := gcWhere(s.Func)
		gcReport(t, gcKindLint, s.gcPos,
			"`select {}` in %[1]s blocks forever: nothing can ever end it, and whoever parks there cannot notice that serving failed. Do the blocking work yourself: run blocks until ctx is done or serving fails, then returns",
			"%[2]s 里的 `select {}` 会永远阻塞：没有任何办法结束它，停在那里的 goroutine 也察觉不到服务已经出错。把阻塞的工作自己做：run 一直阻塞到 ctx 结束或服务出错，然后返回",
			en, zh)
	}
}

func TestOnlyMainMayExitTheProcess(t *testing.T) {
	for _, s := range gcExitsOutsideMain(t) {
		en, zh := gcWhere(s.Func)
		gcReport(t, gcKindLint, s.gcPos,
			"log.Fatal/os.Exit in %[1]s ends the whole process on the spot: deferred calls never run, requests in flight are dropped, and the caller never learns what failed. Return the error; only main decides that the process exits",
			"%[2]s 里的 log.Fatal/os.Exit 会当场结束整个进程：defer 不会执行，正在处理的请求被丢弃，调用方也无从得知出了什么错。把 error 返回出去；只有 main 才能决定进程退出",
			en, zh)
	}
}
