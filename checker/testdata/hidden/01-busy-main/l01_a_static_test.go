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
			"%[2]s 里的 log.Fatal/os.Exit 会当场结束整个进程：defer 不会执行，正在处理的请求被丢弃，调用者也无从得知出了什么错。把 error 返回出去；只有 main 才能决定进程退出",
			en, zh)
	}
}
