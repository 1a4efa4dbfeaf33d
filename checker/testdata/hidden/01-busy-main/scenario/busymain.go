// Package scenario holds the hidden tests of lesson 01-busy-main, called by
// the test functions in ../l01_a_static_test.go and ../l01_run_test.go with
// the learner's API (see the table in l01_a_static_test.go: every sentence of
// the contract and the test that probes it). The run scenarios use the kit's
// virtual network: each runs in a synctest bubble, in virtual time.
package scenario

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	gk "GOCOURSE_KIT"
	gn "GOCOURSE_KIT_NET"
)

// API is the exercise as the scenarios call it; the hidden tests fill it in
// with the learner's hello and run.
type API struct {
	Hello func(w http.ResponseWriter, r *http.Request)
	Run   func(ctx context.Context, ln net.Listener, h http.Handler) error
}

// Static rules of lesson 01. The hidden file that calls them sorts first, so
// these run before any test that could end the whole process through a stray
// log.Fatal.

func NoEmptySelectParksAGoroutine(t *testing.T) {
	for _, s := range gk.EmptySelects(t) {
		en, zh := gk.Where(s.Func)
		gk.Report(t, gk.KindLint, s.Pos,
			"`select {}` in %[1]s blocks forever: nothing can ever end it, and whoever parks there cannot notice that serving failed. Do the blocking work yourself: run blocks until ctx is done or serving fails, then returns",
			"%[2]s 里的 `select {}` 会永远阻塞：没有任何办法结束它，停在那里的 goroutine 也察觉不到服务已经出错。把阻塞的工作自己做：run 一直阻塞到 ctx 结束或服务出错，然后返回",
			en, zh)
	}
}

func OnlyMainMayExitTheProcess(t *testing.T) {
	for _, s := range gk.ExitsOutsideMain(t) {
		en, zh := gk.Where(s.Func)
		gk.Report(t, gk.KindLint, s.Pos,
			"log.Fatal/os.Exit in %[1]s ends the whole process on the spot: deferred calls never run, requests in flight are dropped, and the caller never learns what failed. Return the error; only main decides that the process exits",
			"%[2]s 里的 log.Fatal/os.Exit 会当场结束整个进程：defer 不会执行，正在处理的请求被丢弃，调用方也无从得知出了什么错。把 error 返回出去；只有 main 才能决定进程退出",
			en, zh)
	}
}

// l01Wait bounds every wait for something a right solution does at once.
const l01Wait = 2 * time.Second

// l01Answer is the body of the handler the tests pass to run.
const l01Answer = "answered by the handler passed to run\n"

// l01Err shows a returned error: nil, or its text quoted.
func l01Err(err error) string {
	if err == nil {
		return "nil"
	}
	return fmt.Sprintf("%q", err.Error())
}

// l01NothingLeftRunning reports every goroutine of the learner's that is
// still running the moment run has returned.
func l01NothingLeftRunning(t *testing.T, how string) {
	t.Helper()
	for _, p := range gk.Inside(t) {
		gk.ErrorAt(t, p,
			"run returned (%s), but a goroutine it started is still running here: whatever run starts (a watcher, an AfterFunc, Serve) must have ended by the time it returns, on every path",
			"run 已经返回（%s），但它启动的一个 goroutine 还在这里运行：run 启动的一切（监视 goroutine、AfterFunc、Serve）在它返回之前都必须结束，每条路径都一样",
			how)
	}
}

func HelloSaysHello(t *testing.T, api API) {
	rec := httptest.NewRecorder()
	api.Hello(rec, httptest.NewRequest("GET", "/", nil))
	if rec.Code != http.StatusOK || rec.Body.String() != "Hello\n" {
		gk.ErrorAt(t, gk.FuncPos(t, "hello"),
			"GET / answered %d %q; want 200 %q",
			"GET / 的响应是 %d %q；应当是 200 %q",
			rec.Code, rec.Body.String(), "Hello\n")
	}
}

func RunServesUntilCtxIsCancelled(t *testing.T, api API) {
	gn.NetBubble(t, func(t *testing.T, n *gn.Net) {
		// Cancelled only where the scenario asks run to stop, never in a
		// cleanup: cleanups run before the bubble's leak check, and would set
		// free a goroutine run left waiting on ctx.
		ctx, cancel := context.WithCancel(context.Background())
		ln := n.Listen("app")
		at := gk.FuncPos(t, "run")
		url := ln.URL("/")

		call := gk.Go(func() error { return api.Run(ctx, ln, gn.Text(l01Answer)) })
		switch r := n.Get(url); {
		case r.Err != nil:
			gk.ErrorAt(t, at,
				"GET %s on the listener given to run failed: %v; run must serve h on ln",
				"对传给 run 的 listener 发起 GET %s 失败：%v；run 应当在 ln 上用 h 提供服务",
				url, r.Err)
		case !r.OK(l01Answer):
			gk.ErrorAt(t, at,
				"GET %s answered %s; want 200 %q from the handler h passed to run",
				"GET %s 的响应是 %s；应当是传给 run 的 handler h 给出的 200 %q",
				url, r, l01Answer)
		}

		// ctx is still live: run must still be serving, not back already.
		if err, returned := call.Within(100 * time.Millisecond); returned {
			gk.ErrorAt(t, at,
				"run returned %s while ctx was still live; it must do the serving itself and block until ctx is cancelled or serving fails",
				"ctx 还没结束，run 就返回了（返回值 %s）；run 应当自己提供服务，一直阻塞到 ctx 被取消或服务出错",
				l01Err(err))
			return
		}

		cancel()
		err, ok := call.Within(l01Wait)
		switch {
		case !ok:
			gk.ErrorAt(t, at,
				"run did not return within %v after ctx was cancelled; on ctx done it must shut the server down and return",
				"ctx 取消后 %v 内 run 没有返回；ctx 结束时它应当关闭 server 并返回",
				l01Wait)
			return
		case errors.Is(err, http.ErrServerClosed):
			gk.ErrorAt(t, at,
				"run returned http.ErrServerClosed after ctx was cancelled; that is how Serve reports a shutdown you asked for, not a failure: return nil (or Shutdown's error)",
				"ctx 取消后 run 返回了 http.ErrServerClosed；这只是 Serve 在告诉你“按要求关闭了”，不是失败：应当返回 nil（或 Shutdown 的 error）")
		case err != nil:
			gk.ErrorAt(t, at,
				"run returned %v after ctx was cancelled and the shutdown had nothing to wait for; want nil",
				"ctx 取消后、关闭过程中也没有需要等待的请求，run 却返回了 %v；应当返回 nil",
				err)
		}
		l01NothingLeftRunning(t, "ctx cancelled")

		// run is back: nothing may still answer on ln.
		if r := n.Get(url); r.Err == nil {
			gk.ErrorAt(t, at,
				"run returned, but the server still answers on its listener (GET / -> %d); shut the server down before returning",
				"run 已经返回，但 server 仍在它的 listener 上响应（GET / -> %d）；返回之前要先关闭 server",
				r.Status)
		}
	})
}

func RunWaitsForInFlightRequestBeforeReturning(t *testing.T, api API) {
	gn.NetBubble(t, func(t *testing.T, n *gn.Net) {
		// Cancelled only where the scenario asks run to stop, never in a
		// cleanup: cleanups run before the bubble's leak check, and would set
		// free a goroutine run left waiting on ctx.
		ctx, cancel := context.WithCancel(context.Background())
		ln := n.Listen("app")
		at := gk.FuncPos(t, "run")
		url := ln.URL("/slow")
		// A slow handler that honours its request's context: it holds the
		// request until the test releases it, or until r.Context() is done.
		slow := n.SlowCtx("slow request finished\n")

		call := gk.Go(func() error { return api.Run(ctx, ln, slow) })
		req := n.GetAsync(url)
		select {
		case <-slow.Started():
		case <-req.Done():
			gk.Fatalf(t,
				"GET %s never reached the handler h passed to run (%s); run must serve h on ln",
				"GET %s 根本没有到达传给 run 的 handler h（%s）；run 应当在 ln 上用 h 提供服务",
				url, req.Response())
		case <-call.Done():
			gk.ErrorAt(t, at,
				"run returned %s before a request could even reach the handler; it must serve until ctx is cancelled",
				"请求还没到达 handler，run 就返回了（返回值 %s）；它应当一直提供服务，直到 ctx 被取消",
				l01Err(call.Err()))
			return
		case <-time.After(l01Wait):
			gk.Fatalf(t,
				"GET %s did not reach the handler h within %v; run must serve h on ln",
				"GET %s 在 %v 内没有到达 handler h；run 应当在 ln 上用 h 提供服务",
				url, l01Wait)
		}

		// The request is in flight. Ask run to stop: a graceful shutdown lets
		// the request finish, its context untouched, and run may not return
		// before it has.
		cancel()
		var (
			cut      *gn.Response // the request ended while its handler was still held
			returned bool
		)
		window := time.After(200 * time.Millisecond)
		reqDone, callDone := req.Done(), call.Done()
	watch:
		for reqDone != nil || callDone != nil {
			select {
			case <-reqDone:
				r := req.Response()
				cut, reqDone = &r, nil
			case <-callDone:
				returned, callDone = true, nil
			case <-window:
				break watch
			}
		}
		switch {
		case slow.Cancelled() > 0 && (cut == nil || cut.Err == nil):
			gk.ErrorAt(t, at,
				"after ctx was cancelled, the context of the request in flight was cancelled too, so its handler gave up (%s). Graceful means the requests in flight are not disturbed: do not make the server's BaseContext (or the handlers' contexts) depend on ctx; Shutdown lets them finish",
				"ctx 取消之后，正在处理的请求的 context 也被取消了，handler 只好放弃（%s）。优雅关闭意味着不打扰正在处理的请求：不要让 server 的 BaseContext（或 handler 的 context）依赖 ctx；Shutdown 会等它们处理完",
				req.Response())
			return
		case cut != nil:
			gk.ErrorAt(t, at,
				"after ctx was cancelled, the request in flight was cut (%s) instead of being allowed to finish; Close drops open connections, Shutdown waits for them",
				"ctx 取消后，正在处理的请求被掐断了（%s），没能处理完；Close 会直接断开连接，Shutdown 才会等它们结束",
				cut)
			return
		case returned && errors.Is(call.Err(), context.Canceled):
			gk.ErrorAt(t, at,
				"run returned %s while a request was still in flight: most likely Shutdown was given ctx, and a context that is already cancelled makes Shutdown give up at once, leaving the request running. Give Shutdown a context of its own (context.Background(), or a timeout built on context.WithoutCancel(ctx))",
				"还有请求正在处理，run 就返回了（返回值 %s）：多半是把 ctx 传给了 Shutdown，而已经取消的 context 会让 Shutdown 立即放弃等待，请求却还在处理。应当给 Shutdown 一个独立的 context（context.Background()，或基于 context.WithoutCancel(ctx) 的超时 context）",
				l01Err(call.Err()))
			return
		case returned:
			gk.ErrorAt(t, at,
				"run returned %s while a request was still in flight; Serve returns the moment Shutdown starts, so wait for Shutdown itself to return before returning",
				"还有请求正在处理，run 就返回了（返回值 %s）；Serve 在 Shutdown 刚开始时就会返回，所以要等 Shutdown 本身返回之后再返回",
				l01Err(call.Err()))
			return
		}

		slow.Release()
		if r, ok := req.Within(l01Wait); !ok {
			gk.ErrorAt(t, at,
				"the request in flight did not complete within %v of its handler returning",
				"handler 返回后 %v 内，那个正在处理的请求仍没有完成",
				l01Wait)
		} else if !r.OK(slow.Body()) {
			gk.ErrorAt(t, at,
				"the request that was in flight when ctx was cancelled ended with %s; it should complete with 200 %q",
				"ctx 取消时正在处理的请求最后得到的是 %s；它应当正常完成，得到 200 %q",
				r, slow.Body())
		}
		err, ok := call.Within(l01Wait)
		switch {
		case !ok:
			gk.ErrorAt(t, at,
				"run did not return within %v after ctx was cancelled and the last request completed",
				"ctx 已取消、最后一个请求也已完成，run 却在 %v 内没有返回",
				l01Wait)
			return
		case errors.Is(err, http.ErrServerClosed):
			gk.ErrorAt(t, at,
				"run returned http.ErrServerClosed after a clean shutdown; that is Serve saying \"you asked me to stop\", not a failure: return nil",
				"干净地关闭之后 run 返回了 http.ErrServerClosed；这是 Serve 在说“是你让我停的”，不是失败：应当返回 nil")
		case err != nil:
			gk.ErrorAt(t, at,
				"run returned %v after a graceful shutdown in which every request completed; want nil",
				"所有请求都已完成、优雅关闭结束后，run 返回了 %v；应当返回 nil",
				err)
		}
		l01NothingLeftRunning(t, "graceful shutdown")
	})
}

// l01GiveUp is longer than any bound a sensible run puts on its shutdown.
const l01GiveUp = 10 * time.Minute

func RunThatGivesUpOnShutdownSaysSo(t *testing.T, api API) {
	gn.NetBubble(t, func(t *testing.T, n *gn.Net) {
		// Cancelled only where the scenario asks run to stop, never in a
		// cleanup: cleanups run before the bubble's leak check, and would set
		// free a goroutine run left waiting on ctx.
		ctx, cancel := context.WithCancel(context.Background())
		ln := n.Listen("app")
		at := gk.FuncPos(t, "run")
		slow := n.Slow("finally done\n") // ignores its context: it takes as long as it takes

		call := gk.Go(func() error { return api.Run(ctx, ln, slow) })
		req := n.GetAsync(ln.URL("/slow"))
		if !slow.StartedWithin(l01Wait) || call.Returned() {
			return // TestRunWaitsForInFlightRequestBeforeReturning says why
		}
		cancel()
		// A run may wait for the request as long as it takes, or bound the
		// wait; if it gives up, it must not claim a clean shutdown.
		if err, returned := call.Within(l01GiveUp); returned && err == nil {
			gk.ErrorAt(t, at,
				"a request was still in flight when ctx was cancelled; run gave up waiting for it and returned nil. A nil error says every request completed: when a bounded shutdown gives up, return an error that says so (Shutdown's context error)",
				"ctx 取消时还有请求在处理；run 等不及就放弃了，却返回了 nil。nil 表示所有请求都处理完了：有时限的关闭放弃等待时，要返回一个说明这件事的 error（Shutdown 返回的 context 错误）")
		}
		slow.Release()
		req.Within(l01Wait)
		call.Within(l01Wait)
	})
}

// This test runs last: a log.Fatal on the failure path ends the process here.
func RunReturnsErrorWhenListenerBreaks(t *testing.T, api API) {
	gn.NetBubble(t, func(t *testing.T, n *gn.Net) {
		// ctx stays live to the end, never cancelled (not even in a cleanup,
		// which runs before the bubble's leak check): a watcher run left
		// waiting on it is still blocked when the bubble looks.
		ctx, cancel := context.WithCancel(context.Background())
		_ = cancel
		ln := n.Listen("app")
		at := gk.FuncPos(t, "run")
		url := ln.URL("/")

		call := gk.Go(func() error { return api.Run(ctx, ln, gn.Text(l01Answer)) })
		if r := n.Get(url); !r.OK(l01Answer) {
			gk.ErrorAt(t, at,
				"GET %s on the listener given to run: %s; want 200 from the handler h",
				"对传给 run 的 listener 发起 GET %s：%s；应当得到 handler h 的 200",
				url, r)
		}

		ln.Break()
		err, ok := call.Within(l01Wait)
		switch {
		case !ok:
			gk.ErrorAt(t, at,
				"run did not return within %v after its listener broke (ctx still live); it must notice that serving failed and return the error",
				"listener 坏掉之后（ctx 仍未取消）%v 内 run 没有返回；它应当发现服务已经出错，并返回这个 error",
				l01Wait)
			return
		case err == nil:
			gk.ErrorAt(t, at,
				"run returned nil after its listener broke (Accept failed with %q); when serving fails, return that error",
				"listener 坏掉之后（Accept 失败：%q）run 返回了 nil；服务出错时应当把这个 error 返回",
				ln.Err())
		case !errors.Is(err, ln.Err()):
			gk.ErrorAt(t, at,
				"run returned %q after its listener broke; want the error serving failed with (%q), wrapped or as is",
				"listener 坏掉之后 run 返回了 %q；应当返回服务失败的那个 error（%q），原样或包装后都可以",
				err, ln.Err())
		}
		l01NothingLeftRunning(t, "the listener broke")
	})
}
