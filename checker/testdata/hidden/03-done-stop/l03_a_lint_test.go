// Hidden tests of lesson 03 (03-done-stop). Every sentence of the contract
// (COURSE.md) and of "How it is graded" (content/{en,zh}/03-done-stop.md),
// and the test that fails when it is broken; fixtures under
// checker/testdata/fixtures/03-done-stop prove each one.
//
//	sentence                                              test (fixture)
//	serve serves until stop is closed                     TestServeServesUntilStopIsClosedThenReturnsNil (wrong-serve-in-background)
//	then shuts down gracefully, in-flight complete        TestServeLetsRequestInFlightFinishAfterStop (wrong-close-instead-of-shutdown)
//	and returns nil (not ErrServerClosed)                 TestServeServesUntil..., TestServeLets...AfterStop (wrong-returns-errserverclosed)
//	serving fails first -> returns that error             TestServeReturnsTheErrorWhenServingFails (wrong-waits-for-stop-after-failure)
//	returns only when nothing it started still runs       every serve test's gcInside check (wrong-notes-serve-returns-early)
//	the goroutine waiting on stop left behind on failure  the bubble of TestServeReturnsTheError... (wrong-stop-waiter-left-behind)
//	on failure, requests in flight still finish           TestServeLetsRequestInFlightFinishWhenServingFails (wrong-no-drain-when-serving-fails)
//	a draining serve keeps draining when stop closes      TestServeKeepsDrainingWhenStopClosesAfterAFailure (wrong-drain-abandoned-on-stop)
//	no wait is bounded (10 virtual minutes)               TestServeLets...AfterStop, TestRunWaitsForRequestInFlight... (wrong-bounded-shutdown)
//	run: first returns -> close(stop), wait for both      TestRunStopsThe{Debug,App}Server... (wrong-run-closes-stop-too-late)
//	run waits for the second server                       TestRunWaitsForRequestInFlightOnTheOtherServer (wrong-run-returns-after-first)
//	run returns the first non-nil error                   TestRunStops..., TestRunWaits... (wrong-run-returns-last-error)
//	close(stop) exactly once, both fail at once           TestRunReturnsWhenBothServersFailAtOnce, gcNetExplore + gcBreakAll (wrong-double-close)
//	a shared flag written without synchronisation         TestRunReturnsWhenBothServersFailAtOnce (wrong-shared-flag, race)
//	no select {}; no log.Fatal/os.Exit outside main       TestNoEmptySelectAnywhere, TestOnlyMainMayEndTheProcess (wrong-empty-select-in-main, wrong-log-fatal)
package main

import "testing"

// Static rules of lesson 03. This file sorts first, so these run before any
// test that a stray log.Fatal could end together with the whole process.

func TestNoEmptySelectAnywhere(t *testing.T) {
	for _, s := range gcEmptySelects(t) {
		en, zh := gcWhere(s.Func)
		gcReport(t, gcKindLint, s.gcPos,
			"`select {}` in %[1]s blocks forever: nothing can end it, and nobody learns how the goroutines it waits for ended. Block on something that tells you: run receives from done, serve waits for stop or for its server",
			"%[2]s 里的 `select {}` 会永远阻塞：没有任何办法结束它，也没有人知道它在等的那些 goroutine 是怎么结束的。请阻塞在能带回消息的东西上：run 从 done 接收，serve 等待 stop 或它的 server",
			en, zh)
	}
}

func TestOnlyMainMayEndTheProcess(t *testing.T) {
	for _, s := range gcExitsOutsideMain(t) {
		en, zh := gcWhere(s.Func)
		gcReport(t, gcKindLint, s.gcPos,
			"log.Fatal/os.Exit in %[1]s ends the whole process on the spot: the other server is never shut down, requests in flight are cut, deferred calls never run. Return the error; run passes it up, and only main decides that the process exits",
			"%[2]s 里的 log.Fatal/os.Exit 会当场结束整个进程：另一个 server 不会被关闭，处理中的请求被掐断，defer 也不会执行。请把 error 返回出去，由 run 往上传，只有 main 才能决定进程退出",
			en, zh)
	}
}
