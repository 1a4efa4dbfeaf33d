// Package scenario holds the hidden tests of lesson 02-two-listeners, called
// by the test functions in ../l02_a_static_test.go and ../l02_serve_test.go
// with the learner's API (see the table in l02_a_static_test.go: every
// sentence of the contract and the test that probes it). The serving
// scenarios use the kit's virtual network: every test runs in a synctest
// bubble, so its waits cost no real time, and a goroutine left behind is
// reported by the bubble at the learner's line.
package scenario

import (
	"errors"
	"net"
	"net/http"
	"strings"
	"testing"
	"time"

	gk "GOCOURSE_KIT"
	gn "GOCOURSE_KIT_NET"
)

// API is the exercise as the scenarios call it; the hidden tests fill it in
// with the learner's serveApp, serveDebug and run.
type API struct {
	ServeApp   func(ln net.Listener) error
	ServeDebug func(ln net.Listener) error
	Run        func(app, debug net.Listener) error
}

// Static rules of lesson 02. The hidden file that calls them sorts first, so
// these run before any test that could end the whole process through a stray
// log.Fatal.

func NoEmptySelectParksAGoroutine(t *testing.T) {
	for _, s := range gk.EmptySelects(t) {
		en, zh := gk.Where(s.Func)
		gk.Report(t, gk.KindLint, s.Pos,
			"`select {}` in %[1]s blocks forever: it cannot notice that a server died, and nothing can ever end it. Wait for the servers' results instead (run returns when either server returns)",
			"%[2]s 里的 `select {}` 会永远阻塞：它察觉不到某个 server 已经挂了，也没有任何办法结束它。应当等待两个 server 的结果（任何一个返回，run 就该返回）",
			en, zh)
	}
}

func OnlyMainMayExitTheProcess(t *testing.T) {
	for _, s := range gk.ExitsOutsideMain(t) {
		en, zh := gk.Where(s.Func)
		gk.Report(t, gk.KindLint, s.Pos,
			"log.Fatal/os.Exit in %[1]s ends the whole process on the spot: deferred calls never run, and the other server is killed without run ever hearing why. Return the error; only main decides that the process exits",
			"%[2]s 里的 log.Fatal/os.Exit 会当场结束整个进程：defer 不会执行，另一个 server 也被一并杀掉，run 却永远不知道原因。把 error 返回出去；只有 main 才能决定进程退出",
			en, zh)
	}
}

func ServeFunctionsStartNoGoroutine(t *testing.T) {
	for _, s := range gk.GoStmts(t) {
		if s.Func != "serveApp" && s.Func != "serveDebug" {
			continue
		}
		gk.Report(t, gk.KindLint, s.Pos,
			"%s starts a goroutine: its caller cannot tell from the signature that serving goes on in the background, and cannot know when it stops. Serve synchronously; the caller (run) decides what runs in the background",
			"%s 启动了 goroutine：调用方从函数签名上看不出服务在后台进行，也无从知道它何时结束。应当同步地提供服务，由调用方（run）决定什么放到后台去跑",
			s.Func)
	}
}

// l02Wait bounds every wait for something a right solution does at once.
const l02Wait = 2 * time.Second

// l02Glance is how long a test watches for a call that must not return yet.
const l02Glance = 50 * time.Millisecond

// l02Err shows a returned error: nil, or its text quoted.
func l02Err(err error) string {
	if err == nil {
		return "nil"
	}
	return `"` + err.Error() + `"`
}

// l02StillRunning reports (and returns false) if the call has already
// returned although nothing has told it to stop.
func l02StillRunning(t *testing.T, at gk.Pos, name string, call *gk.Call) bool {
	t.Helper()
	if err, returned := call.Within(l02Glance); returned {
		gk.ErrorAt(t, at,
			"%[1]s returned %[2]s while its listener was still open; it must serve synchronously, blocking until serving fails. Running it in the background is the caller's decision, not %[1]s's",
			"listener 还开着，%[1]s 就返回了（返回值 %[2]s）；它应当同步地提供服务，一直阻塞到服务出错为止。要不要放到后台跑，由调用方决定，不该由 %[1]s 自作主张",
			name, l02Err(err))
		return false
	}
	return true
}

// l02Returns waits for a serving function to return after its listener
// broke, and checks that it returned the listener's error.
func l02Returns(t *testing.T, at gk.Pos, name string, ln *gn.Listener, call *gk.Call) {
	t.Helper()
	err, ok := call.Within(l02Wait)
	switch {
	case !ok:
		gk.ErrorAt(t, at,
			"%[1]s did not return within %[2]v after its listener broke; when serving fails it must return the error",
			"listener 坏掉之后 %[2]v 内 %[1]s 没有返回；服务出错时它应当把 error 返回",
			name, l02Wait)
	case err == nil:
		gk.ErrorAt(t, at,
			"%s returned nil after its listener broke; it must return the error serving failed with (%q)",
			"listener 坏掉之后 %s 返回了 nil；它应当返回服务失败的那个 error（%q）",
			name, ln.Err())
	case !errors.Is(err, ln.Err()):
		gk.ErrorAt(t, at,
			"%s returned %q after its listener broke; want the error serving failed with (%q), wrapped or as is",
			"listener 坏掉之后 %s 返回了 %q；应当返回服务失败的那个 error（%q），原样或包装后都可以",
			name, err, ln.Err())
	}
}

func ServeAppSaysHelloUntilItsListenerFails(t *testing.T, api API) {
	gn.NetBubble(t, func(t *testing.T, n *gn.Net) {
		ln := n.Listen("app")
		at := gk.FuncPos(t, "serveApp")
		call := gk.Go(func() error { return api.ServeApp(ln) })
		if r := n.Get(ln.URL("/")); !r.OK("Hello\n") {
			gk.ErrorAt(t, at,
				"GET / on the listener given to serveApp answered %s; want 200 %q",
				"对传给 serveApp 的 listener 发起 GET /，得到的是 %s；应当是 200 %q",
				r, "Hello\n")
		}
		if !l02StillRunning(t, at, "serveApp", call) {
			return
		}
		ln.Break()
		l02Returns(t, at, "serveApp", ln, call)
	})
}

func ServeAppDoesNotExposeTheDebugEndpoints(t *testing.T, api API) {
	gn.NetBubble(t, func(t *testing.T, n *gn.Net) {
		ln := n.Listen("app")
		at := gk.FuncPos(t, "serveApp")
		call := gk.Go(func() error { return api.ServeApp(ln) })
		defer func() { ln.Break(); call.Within(l02Wait) }()
		if r := n.Get(ln.URL("/debug/pprof/")); r.Err == nil && strings.Contains(r.Body, "goroutine") {
			gk.ErrorAt(t, at,
				"GET /debug/pprof/ on the app listener answered pprof's index page (%d): serveApp serves http.DefaultServeMux, where net/http/pprof registered itself, so anyone who can reach the application can read its goroutines and profiles. Give serveApp a mux of its own (http.NewServeMux)",
				"对 app listener 发起 GET /debug/pprof/，得到了 pprof 的索引页（%d）：serveApp 用的是 http.DefaultServeMux，而 net/http/pprof 把自己注册在那里，于是任何能访问业务的人都能看到它的 goroutine 和 profile。给 serveApp 一个自己的 mux（http.NewServeMux）",
				r.Status)
		}
	})
}

func ServeDebugServesPprofUntilItsListenerFails(t *testing.T, api API) {
	gn.NetBubble(t, func(t *testing.T, n *gn.Net) {
		ln := n.Listen("debug")
		at := gk.FuncPos(t, "serveDebug")
		call := gk.Go(func() error { return api.ServeDebug(ln) })
		if r := n.Get(ln.URL("/debug/pprof/")); r.Err != nil || r.Status != http.StatusOK || !strings.Contains(r.Body, "goroutine") {
			gk.ErrorAt(t, at,
				"GET /debug/pprof/ on the listener given to serveDebug answered %s; want 200 and pprof's index page: serve http.DefaultServeMux and import _ \"net/http/pprof\"",
				"对传给 serveDebug 的 listener 发起 GET /debug/pprof/，得到的是 %s；应当是 200 和 pprof 的索引页：要用 http.DefaultServeMux 提供服务，并 import _ \"net/http/pprof\"",
				r)
		}
		if !l02StillRunning(t, at, "serveDebug", call) {
			return
		}
		ln.Break()
		l02Returns(t, at, "serveDebug", ln, call)
	})
}

// l02RunStopsOther starts run, checks both servers answer, breaks one
// listener and checks that run stops the other, waits for both serving
// functions, and returns the broken one's error itself.
func l02RunStopsOther(t *testing.T, api API, breakApp bool) {
	gn.NetBubble(t, func(t *testing.T, n *gn.Net) {
		app, debug := n.Listen("app"), n.Listen("debug")
		// A stopped server's Accept returns a moment after its listener is
		// closed: a run that does not wait for it returns before it has.
		app.Lag(time.Millisecond)
		debug.Lag(time.Millisecond)
		at := gk.FuncPos(t, "run")

		call := gk.Go(func() error { return api.Run(app, debug) })
		appResp := n.Get(app.URL("/"))
		debugResp := n.Get(debug.URL("/debug/pprof/"))
		if err, returned := call.Within(l02Glance); returned {
			gk.ErrorAt(t, at,
				"run returned %s while both listeners were still open and neither server had failed; it must run both and return only when one of them returns (if serveApp or serveDebug return at once, fix them first)",
				"两个 listener 都还开着、哪个 server 都没出错，run 就返回了（返回值 %s）；它应当运行两个 server，直到其中一个返回时才返回（如果 serveApp 或 serveDebug 一调用就返回，先修好它们）",
				l02Err(err))
			return
		}
		if !appResp.OK("Hello\n") {
			gk.ErrorAt(t, at,
				"while run was running, GET / on the app listener answered %s; want 200 %q from serveApp",
				"run 运行期间，对 app listener 发起 GET / 得到的是 %s；应当是 serveApp 给出的 200 %q",
				appResp, "Hello\n")
		}
		if r := debugResp; r.Err != nil || r.Status != http.StatusOK {
			gk.ErrorAt(t, at,
				"while run was running, GET /debug/pprof/ on the debug listener answered %s; want 200 from serveDebug",
				"run 运行期间，对 debug listener 发起 GET /debug/pprof/ 得到的是 %s；应当是 serveDebug 给出的 200",
				r)
		}

		failed, other := debug, app
		if breakApp {
			failed, other = app, debug
		}
		failed.Break()

		err, ok := call.Within(l02Wait)
		if !ok {
			gk.ErrorAt(t, at,
				"run did not return within %[1]v after the %[2]s server failed; it must notice that either server returned, stop the other, and return",
				"%[2]s server 出错后 %[1]v 内 run 没有返回；任何一个 server 返回，它都应当察觉到，停掉另一个，然后返回",
				l02Wait, failed.Name())
			return
		}
		// The moment run is back, neither serving function may still run.
		for _, p := range gk.Inside(t, "serveApp", "serveDebug") {
			gk.ErrorAt(t, p,
				"run returned while a serving function was still running (here): after stopping the other server, wait until both serveApp and serveDebug have returned, on every path",
				"还有一个服务函数没有返回（在这里），run 就返回了：停掉另一个 server 之后，要等 serveApp 和 serveDebug 都返回，每条路径都一样")
		}
		switch {
		case err == nil:
			gk.ErrorAt(t, at,
				"run returned nil after the %[1]s server failed with %[2]q; return the first error, the %[1]s server's",
				"%[1]s server 出错（%[2]q）之后 run 返回了 nil；应当返回第一个 error，也就是 %[1]s server 的那个",
				failed.Name(), failed.Err())
		case !errors.Is(err, failed.Err()):
			gk.ErrorAt(t, at,
				"run returned %[3]q after the %[1]s server failed with %[2]q; return the first error (the %[1]s server's), not the one the %[4]s server gave when it was stopped",
				"%[1]s server 出错（%[2]q）之后 run 返回了 %[3]q；应当返回第一个 error（%[1]s server 的），而不是 %[4]s server 被停掉时给出的那个",
				failed.Name(), failed.Err(), err, other.Name())
		case errors.Is(err, net.ErrClosed):
			gk.ErrorAt(t, at,
				"run returned %[3]q after the %[1]s server failed: that holds the %[2]s server's \"use of closed network connection\" too. Return the first error itself, not a join of both",
				"%[1]s server 出错后 run 返回了 %[3]q：里面还带着 %[2]s server 的“use of closed network connection”。应当只返回第一个 error，而不是把两个合在一起",
				failed.Name(), other.Name(), err)
		}

		// run is back: the other server must be down, not serving on its own.
		if r := n.Get(other.URL("/")); r.Err == nil {
			gk.ErrorAt(t, at,
				"run returned after the %[1]s server failed, but the %[2]s server still answers (GET / -> %[3]d); stop it (close its listener) and wait for it before returning",
				"%[1]s server 出错后 run 已经返回，但 %[2]s server 仍在响应（GET / -> %[3]d）；返回之前要把它停掉（关闭它的 listener），并等它结束",
				failed.Name(), other.Name(), r.Status)
		}
	})
}

func RunStopsAppWhenDebugServerFails(t *testing.T, api API) {
	l02RunStopsOther(t, api, false)
}

func RunStopsDebugWhenAppServerFails(t *testing.T, api API) {
	l02RunStopsOther(t, api, true)
}
