package main

import (
	"errors"
	"testing"
)

// Hidden tests of run(app, debug, appH, debugH): it starts both servers;
// when the first returns it closes stop exactly once, waits for both and
// returns the first non-nil error.

func TestRunStopsTheDebugServerWhenTheAppServerFails(t *testing.T) {
	l03RunOneFails(t, true)
}

func TestRunStopsTheAppServerWhenTheDebugServerFails(t *testing.T) {
	l03RunOneFails(t, false)
}

// l03RunOneFails breaks one listener while both servers serve, and checks
// that run returns that server's error after stopping the other one.
func l03RunOneFails(t *testing.T, appFails bool) {
	gcNoLeaks(t)
	at := gcFuncPos(t, "run")
	errApp := errors.New("l03: the app listener broke")
	errDebug := errors.New("l03: the debug listener broke")
	app, debug := l03Listen(t, errApp), l03Listen(t, errDebug)
	ret := l03Call(func() error { return run(app, debug, l03Text("app\n"), l03Text("debug\n")) })
	defer func() { // whatever happened, end both servers before the leak check
		app.breakNow()
		debug.breakNow()
		ret.within(l03Tidy)
	}()

	okApp := l03ExpectOK(t, at, "/ on the app listener", l03Get(app.url("/")), "app\n")
	okDebug := l03ExpectOK(t, at, "/ on the debug listener", l03Get(debug.url("/")), "debug\n")
	if !okApp || !okDebug {
		return
	}
	if err, returned := ret.within(l03Glance); returned {
		gcErrorAt(t, at,
			"run returned (%v) while both servers were serving; it must block until one of them ends",
			"两个服务器都还在服务，run 就返回了（%v）；它应该一直阻塞，直到其中一个结束",
			err)
		return
	}

	failing, other := app, debug
	want, failingName, otherName := errApp, "app", "debug"
	if !appFails {
		failing, other = debug, app
		want, failingName, otherName = errDebug, "debug", "app"
	}
	failing.breakNow()
	err, ok := ret.within(l03Patience)
	if !ok {
		gcErrorAt(t, at,
			"the %[1]s listener broke (Accept failed: %[3]v), but run had not returned %[4]v later. When the first server returns, run must close stop so that the %[2]s server shuts down, then wait for it and return",
			"%[1]s 的 listener 坏掉了（Accept 失败：%[3]v），但过了 %[4]v run 仍未返回。第一个服务器返回时，run 应该关闭 stop，让 %[2]s 服务器关闭，等它结束后再返回",
			failingName, otherName, want, l03Patience)
		return
	}
	if !errors.Is(err, want) {
		gcErrorAt(t, at,
			"run returned %[3]v after the %[1]s server failed; expected its error (%[4]v): the first non-nil error, not what the %[2]s server returned once it was stopped",
			"%[1]s 服务器出错后 run 返回了 %[3]v；应该返回它的 error（%[4]v）：即第一个非 nil 的 error，而不是 %[2]s 服务器被停止后返回的结果",
			failingName, otherName, err, want)
	}
	if r := l03Get(other.url("/")); r.err == nil {
		gcErrorAt(t, at,
			"run returned, but the %[1]s server still answered a request (%[2]d %[3]q): run must stop both servers and wait for both before returning",
			"run 已经返回，但 %[1]s 服务器仍然应答了请求（%[2]d %[3]q）：run 必须停掉两个服务器、等两者都结束后再返回",
			otherName, r.status, r.body)
	}
}

func TestRunWaitsForRequestInFlightOnTheOtherServer(t *testing.T) {
	gcNoLeaks(t)
	at := gcFuncPos(t, "run")
	errApp := errors.New("l03: the app listener broke")
	errDebug := errors.New("l03: the debug listener broke")
	app, debug := l03Listen(t, errApp), l03Listen(t, errDebug)
	slow := l03NewSlow(t)
	defer slow.let()
	ret := l03Call(func() error { return run(app, debug, l03Text("app\n"), slow) })
	defer func() {
		slow.let()
		app.breakNow()
		debug.breakNow()
		ret.within(l03Tidy)
	}()

	resp := l03GetAsync(t, debug.url("/slow"))
	if !l03Entered(t, at, slow, resp) {
		return
	}

	// A request is in flight on the debug server; now the app server fails.
	app.breakNow()
	err, early := ret.within(l03Watch)
	if early {
		gcErrorAt(t, at,
			"run returned (%v) while the debug server was still handling a request. When the app server fails, run must stop the debug server and wait until it has finished too. Either run did not wait for both servers, or serve returned before its server had finished (see the serve tests)",
			"debug 服务器还在处理请求，run 就返回了（%v）。app 服务器出错后，run 应该停掉 debug 服务器，并等它也结束。要么 run 没有等两个服务器都结束，要么 serve 在它的服务器结束之前就返回了（参见 serve 的测试）",
			err)
	}

	slow.let()
	l03ExpectGraceful(t, at, resp, "the app server failed", "app 服务器出错")
	if !early {
		err, ok := ret.within(l03Patience)
		switch {
		case !ok:
			gcErrorAt(t, at,
				"the app server failed and the debug server's last request completed, but run had not returned %v later",
				"app 服务器已经出错，debug 服务器最后的请求也已完成，但过了 %v run 仍未返回",
				l03Patience)
			return
		case !errors.Is(err, errApp):
			gcErrorAt(t, at,
				"run returned %v after the app server failed; expected the app server's error (%v), the first non-nil error",
				"app 服务器出错后 run 返回了 %v；应该返回 app 服务器的 error（%v），即第一个非 nil 的 error",
				err, errApp)
		}
	}
}

func TestRunReturnsWhenBothServersFailAtOnce(t *testing.T) {
	gcNoLeaks(t)
	at := gcFuncPos(t, "run")
	// Both listeners break at the same moment, several times: each server
	// then returns an error at about the same time, which is when code that
	// closes stop twice, or shares a flag between goroutines without
	// synchronisation, goes wrong.
	const rounds = 30
	for round := 1; round <= rounds; round++ {
		errApp := errors.New("l03: the app listener broke")
		errDebug := errors.New("l03: the debug listener broke")
		app, debug := l03Listen(t, errApp), l03Listen(t, errDebug)
		app.pair = l03NewBarrier()
		debug.pair = app.pair
		ret := l03Call(func() error { return run(app, debug, l03Text("app\n"), l03Text("debug\n")) })

		okApp := l03ExpectOK(t, at, "/ on the app listener", l03Get(app.url("/")), "app\n")
		okDebug := l03ExpectOK(t, at, "/ on the debug listener", l03Get(debug.url("/")), "debug\n")
		app.breakNow()
		debug.breakNow()
		err, ok := ret.within(l03Patience)
		if !okApp || !okDebug {
			return
		}
		if !ok {
			gcErrorAt(t, at,
				"both listeners broke at the same moment (round %d of %d), but run had not returned %v later",
				"两个 listener 同时坏掉（第 %d 轮，共 %d 轮），但过了 %v run 仍未返回",
				round, rounds, l03Patience)
			return
		}
		if !errors.Is(err, errApp) && !errors.Is(err, errDebug) {
			gcErrorAt(t, at,
				"both servers failed at once (round %d of %d) and run returned %v; expected one of their errors (%v or %v)",
				"两个服务器同时出错（第 %d 轮，共 %d 轮），run 返回了 %v；应该返回它们的 error 之一（%v 或 %v）",
				round, rounds, err, errApp, errDebug)
			return
		}
	}
}
