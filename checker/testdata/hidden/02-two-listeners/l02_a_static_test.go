// Hidden tests of lesson 02 (02-two-listeners). Every sentence of the
// contract (COURSE.md) and of "How it is graded" (content/{en,zh}/02-*.md),
// and the test that fails when it is broken; fixtures under
// checker/testdata/fixtures/02-two-listeners prove each one.
//
//	sentence                                              test (fixture)
//	serveApp: GET / -> "Hello\n"                          TestServeAppSaysHelloUntilItsListenerFails
//	serveApp blocks until serving fails, returns the err  TestServeAppSaysHelloUntilItsListenerFails (wrong-go-inside-serve)
//	serveDebug serves DefaultServeMux with pprof          TestServeDebugServesPprofUntilItsListenerFails (wrong-debug-without-pprof)
//	the serving functions are synchronous (no go stmt)    TestServeFunctionsStartNoGoroutine (wrong-go-inside-serve)
//	serveApp's own mux: no /debug/pprof/ on the app       TestServeAppDoesNotExposeTheDebugEndpoints (wrong-app-on-default-mux)
//	run: when either returns, it stops the other          TestRunStops{App,Debug}When...Fails (wrong-misses-debug-failure, wrong-other-left-serving)
//	run returns the first error                           TestRunStops... (wrong-returns-last-error)
//	... itself, not a join of both                        TestRunStops... (wrong-joins-errors)
//	run returns only after both serving functions have    TestRunStops... gcInside at run's return, listeners with Lag
//	returned, on every path                               (wrong-returns-without-waiting, wrong-unbuffered-no-wait)
//	returns within 2 s of a listener breaking             the l02Wait bounds
//	the other server no longer answers                    TestRunStops... (wrong-other-left-serving)
//	log.Fatal/os.Exit instead of returning the error      TestOnlyMainMayExitTheProcess (wrong-log-fatal-in-serve)
//	run returning while the other still serves (leak)     the bubble of TestRunStops... (wrong-other-left-serving)
//	select {}                                             TestNoEmptySelectParksAGoroutine (wrong-select-forever)
package main

import "testing"

// Static rules of lesson 02. This file sorts first, so these run before any
// test that could end the whole process through a stray log.Fatal.

func TestNoEmptySelectParksAGoroutine(t *testing.T) {
	for _, s := range gcEmptySelects(t) {
		en, zh := gcWhere(s.Func)
		gcReport(t, gcKindLint, s.gcPos,
			"`select {}` in %[1]s blocks forever: it cannot notice that a server died, and nothing can ever end it. Wait for the servers' results instead (run returns when either server returns)",
			"%[2]s 里的 `select {}` 会永远阻塞：它察觉不到某个 server 已经挂了，也没有任何办法结束它。应当等待两个 server 的结果（任何一个返回，run 就该返回）",
			en, zh)
	}
}

func TestOnlyMainMayExitTheProcess(t *testing.T) {
	for _, s := range gcExitsOutsideMain(t) {
		en, zh := gcWhere(s.Func)
		gcReport(t, gcKindLint, s.gcPos,
			"log.Fatal/os.Exit in %[1]s ends the whole process on the spot: deferred calls never run, and the other server is killed without run ever hearing why. Return the error; only main decides that the process exits",
			"%[2]s 里的 log.Fatal/os.Exit 会当场结束整个进程：defer 不会执行，另一个 server 也被一并杀掉，run 却永远不知道原因。把 error 返回出去；只有 main 才能决定进程退出",
			en, zh)
	}
}

func TestServeFunctionsStartNoGoroutine(t *testing.T) {
	for _, s := range gcGoStmts(t) {
		if s.Func != "serveApp" && s.Func != "serveDebug" {
			continue
		}
		gcReport(t, gcKindLint, s.gcPos,
			"%s starts a goroutine: its caller cannot tell from the signature that serving goes on in the background, and cannot know when it stops. Serve synchronously; the caller (run) decides what runs in the background",
			"%s 启动了 goroutine：调用方从函数签名上看不出服务在后台进行，也无从知道它何时结束。应当同步地提供服务，由调用方（run）决定什么放到后台去跑",
			s.Func)
	}
}
