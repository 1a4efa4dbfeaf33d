package scenario

import (
	"testing"

	gk "GOCOURSE_KIT"
)

// Static rules of lesson 03. ../l03_a_lint_test.go sorts first, so these run
// before any test that a stray log.Fatal could end together with the whole
// process.

func NoEmptySelectAnywhere(t *testing.T, api API) {
	for _, s := range gk.EmptySelects(t) {
		en, zh := gk.Where(s.Func)
		gk.Report(t, gk.KindLint, s.Pos,
			"`select {}` in %[1]s blocks forever: nothing can end it, and nobody learns how the goroutines it waits for ended. Block on something that tells you: run receives from done, serve waits for stop or for its server",
			"%[2]s 里的 `select {}` 会永远阻塞：没有任何办法结束它，也没有人知道它在等的那些 goroutine 是怎么结束的。请阻塞在能带回消息的东西上：run 从 done 接收，serve 等待 stop 或它的 server",
			en, zh)
	}
}

func OnlyMainMayEndTheProcess(t *testing.T, api API) {
	for _, s := range gk.ExitsOutsideMain(t) {
		en, zh := gk.Where(s.Func)
		gk.Report(t, gk.KindLint, s.Pos,
			"log.Fatal/os.Exit in %[1]s ends the whole process on the spot: the other server is never shut down, requests in flight are cut, deferred calls never run. Return the error; run passes it up, and only main decides that the process exits",
			"%[2]s 里的 log.Fatal/os.Exit 会当场结束整个进程：另一个 server 不会被关闭，处理中的请求被掐断，defer 也不会执行。请把 error 返回出去，由 run 往上传，只有 main 才能决定进程退出",
			en, zh)
	}
}
