package scenario

import (
	"errors"
	"testing"

	gk "GOCOURSE_KIT"
	gn "GOCOURSE_KIT_NET"
)

// Scenarios of run(app, debug, appH, debugH) on the kit's virtual network:
// it starts both servers; when the first returns it closes stop exactly once,
// waits for both and returns the first non-nil error.

func RunStopsTheDebugServerWhenTheAppServerFails(t *testing.T, api API) {
	l03RunOneFails(t, api, true)
}

func RunStopsTheAppServerWhenTheDebugServerFails(t *testing.T, api API) {
	l03RunOneFails(t, api, false)
}

// l03RunOneFails breaks one listener while both servers serve, and checks
// that run returns that server's error after stopping the other one.
func l03RunOneFails(t *testing.T, api API, appFails bool) {
	gn.NetBubble(t, func(t *testing.T, n *gn.Net) {
		at := gk.FuncPos(t, "run")
		app, debug := n.Listen("app"), n.Listen("debug")
		call := gk.Go(func() error { return api.Run(app, debug, gn.Text("app\n"), gn.Text("debug\n")) })
		defer gn.BreakAll(app, debug) // whatever happened, end both servers before the leak check

		okApp := l03ExpectOK(t, at, "/ on the app listener", n.Get(app.URL("/")), "app\n")
		okDebug := l03ExpectOK(t, at, "/ on the debug listener", n.Get(debug.URL("/")), "debug\n")
		if !okApp || !okDebug {
			return
		}
		if err, returned := call.Within(l03Glance); returned {
			gk.ErrorAt(t, at,
				"run returned (%v) while both servers were serving; it must block until one of them ends",
				"两个 server 都还在服务，run 就返回了（%v）；它应该一直阻塞，直到其中一个结束",
				err)
			return
		}

		failing, other := app, debug
		if !appFails {
			failing, other = debug, app
		}
		failing.Break()
		err, ok := call.Within(l03Patience)
		if !ok {
			gk.ErrorAt(t, at,
				"the %[1]s listener broke (Accept failed: %[3]v), but run had not returned %[4]v later. When the first server returns, run must close stop so that the %[2]s server shuts down, then wait for it and return",
				"%[1]s 的 listener 坏掉了（Accept 失败：%[3]v），但过了 %[4]v run 仍未返回。第一个 server 返回时，run 应该关闭 stop，让 %[2]s server 关闭，等它结束后再返回",
				failing.Name(), other.Name(), failing.Err(), l03Patience)
			return
		}
		l03NothingLeft(t, "run")
		if !errors.Is(err, failing.Err()) {
			gk.ErrorAt(t, at,
				"run returned %[3]v after the %[1]s server failed; expected its error (%[4]v): the first non-nil error, not what the %[2]s server returned once it was stopped",
				"%[1]s server 出错后 run 返回了 %[3]v；应该返回它的 error（%[4]v）：即第一个非 nil 的 error，而不是 %[2]s server 被停止后返回的结果",
				failing.Name(), other.Name(), err, failing.Err())
		}
		if r := n.Get(other.URL("/")); r.Err == nil {
			gk.ErrorAt(t, at,
				"run returned, but the %[1]s server still answered a request (%[2]s): run must stop both servers and wait for both before returning",
				"run 已经返回，但 %[1]s server 仍然应答了请求（%[2]s）：run 必须停掉两个 server、等两者都结束后再返回",
				other.Name(), r)
		}
	})
}

func RunWaitsForRequestInFlightOnTheOtherServer(t *testing.T, api API) {
	gn.NetBubble(t, func(t *testing.T, n *gn.Net) {
		at := gk.FuncPos(t, "run")
		app, debug := n.Listen("app"), n.Listen("debug")
		slow := n.Slow("slow work done\n")
		call := gk.Go(func() error { return api.Run(app, debug, gn.Text("app\n"), slow) })
		defer gn.BreakAll(app, debug)

		req := n.GetAsync(debug.URL("/slow"))
		if !l03Entered(t, at, slow, req) {
			return
		}

		// A request is in flight on the debug server; now the app server
		// fails. No wait is bounded: run waits for as long as it takes.
		app.Break()
		if err, early := call.Within(l03Long); early {
			gk.ErrorAt(t, at,
				"run returned (%v) while the debug server was still handling a request. When the app server fails, run must stop the debug server and wait until it has finished too, however long its requests take. Either run did not wait for both servers, or serve returned before its server had finished, or gave up waiting (see the serve tests)",
				"debug server 还在处理请求，run 就返回了（%v）。app server 出错后，run 应该停掉 debug server，并等它也结束，不管它的请求要处理多久。要么 run 没有等两个 server 都结束，要么 serve 在它的 server 结束之前就返回了，或者等得不耐烦放弃了（参见 serve 的测试）",
				err)
			slow.Release()
			return
		}

		slow.Release()
		l03ExpectGraceful(t, at, req, slow, "the app server failed", "app server 出错")
		err, ok := call.Within(l03Patience)
		switch {
		case !ok:
			gk.ErrorAt(t, at,
				"the app server failed and the debug server's last request completed, but run had not returned %v later",
				"app server 已经出错，debug server 最后的请求也已完成，但过了 %v run 仍未返回",
				l03Patience)
			return
		case !errors.Is(err, app.Err()):
			gk.ErrorAt(t, at,
				"run returned %v after the app server failed; expected the app server's error (%v), the first non-nil error",
				"app server 出错后 run 返回了 %v；应该返回 app server 的 error（%v），即第一个非 nil 的 error",
				err, app.Err())
		}
		l03NothingLeft(t, "run")
	})
}

// l03BothFail is how many explored schedules the both-fail scenario runs.
const l03BothFail = 30

func RunReturnsWhenBothServersFailAtOnce(t *testing.T, api API) {
	// Both listeners break at the same virtual instant: each server then
	// returns an error at the same moment, which is when code that closes
	// stop twice, or shares a flag between goroutines without
	// synchronisation, goes wrong.
	gn.NetExplore(t, l03BothFail, func(t *testing.T, n *gn.Net) {
		at := gk.FuncPos(t, "run")
		app, debug := n.Listen("app"), n.Listen("debug")
		call := gk.Go(func() error { return api.Run(app, debug, gn.Text("app\n"), gn.Text("debug\n")) })

		okApp := l03ExpectOK(t, at, "/ on the app listener", n.Get(app.URL("/")), "app\n")
		okDebug := l03ExpectOK(t, at, "/ on the debug listener", n.Get(debug.URL("/")), "debug\n")
		gn.BreakAll(app, debug)
		if !okApp || !okDebug {
			return
		}
		err, ok := call.Within(l03Patience)
		switch {
		case !ok:
			gk.ErrorAt(t, at,
				"both listeners broke at the same moment, but run had not returned %v later",
				"两个 listener 同时坏掉，但过了 %v run 仍未返回",
				l03Patience)
		case !errors.Is(err, app.Err()) && !errors.Is(err, debug.Err()):
			gk.ErrorAt(t, at,
				"both servers failed at once and run returned %v; expected one of their errors (%v or %v)",
				"两个 server 同时出错，run 返回了 %v；应该返回它们的 error 之一（%v 或 %v）",
				err, app.Err(), debug.Err())
		}
	})
}
