package main

import (
	"errors"
	"testing"
	"time"
)

// Hidden tests of serve(ln, h, stop): it serves until stop is closed, then
// shuts down gracefully and returns nil; if serving fails first it returns
// that error; either way it returns only when nothing it started is running.

func TestServeServesUntilStopIsClosedThenReturnsNil(t *testing.T) {
	gcNoLeaks(t)
	at := gcFuncPos(t, "serve")
	ln := l03Listen(t, errors.New("l03: unused"))
	stop := l03NewStop()
	defer stop.close()
	ret := l03Call(func() error { return serve(ln, l03Text("served by serve\n"), stop.ch) })

	l03ExpectOK(t, at, "/", l03Get(ln.url("/")), "served by serve\n")
	if err, returned := ret.within(l03Glance); returned {
		gcErrorAt(t, at,
			"serve returned (%v) before stop was closed. It must do the serving itself, blocking its caller, until stop is closed or serving fails; the caller decides what runs in a goroutine",
			"stop 还没有关闭，serve 就返回了（%v）。serve 应该自己完成服务、阻塞调用者，直到 stop 被关闭或服务出错；要不要放进 goroutine，由调用者决定",
			err)
		return
	}

	stop.close()
	err, ok := ret.within(l03Patience)
	switch {
	case !ok:
		gcErrorAt(t, at,
			"stop was closed, but serve had not returned %v later. Closing stop must make serve shut its server down and return nil",
			"stop 已经关闭，但过了 %v serve 仍未返回。关闭 stop 之后，serve 应该关闭它的服务器并返回 nil",
			l03Patience)
	case l03IsServerClosed(err):
		gcErrorAt(t, at,
			"serve returned http.ErrServerClosed after stop was closed. Serve returns that error whenever Shutdown has been called: it means \"stopped as asked\", not a failure. Return nil (or Shutdown's own error)",
			"stop 关闭后 serve 返回了 http.ErrServerClosed。只要调用过 Shutdown，Serve 就会返回这个 error：它的意思是“按要求停下了”，并不是故障。请返回 nil（或 Shutdown 自己的 error）")
	case err != nil:
		gcErrorAt(t, at,
			"serve returned %v after stop was closed; a requested stop is not a failure: expected nil",
			"stop 关闭后 serve 返回了 %v；按要求停止不算失败，应该返回 nil",
			err)
	}
}

func TestServeLetsRequestInFlightFinishAfterStop(t *testing.T) {
	gcNoLeaks(t)
	at := gcFuncPos(t, "serve")
	ln := l03Listen(t, errors.New("l03: unused"))
	slow := l03NewSlow(t)
	defer slow.let()
	stop := l03NewStop()
	defer stop.close()
	ret := l03Call(func() error { return serve(ln, slow, stop.ch) })

	resp := l03GetAsync(t, ln.url("/slow"))
	if !l03Entered(t, at, slow, resp) {
		return
	}

	// A request is in flight: its handler runs until the test lets it go.
	if ret.returned() {
		gcErrorAt(t, at,
			"serve returned (%v) before stop was closed. It must do the serving itself, blocking its caller, until stop is closed or serving fails",
			"stop 还没有关闭，serve 就返回了（%v）。serve 应该自己完成服务、阻塞调用者，直到 stop 被关闭或服务出错",
			ret.err)
		return
	}
	stop.close()
	err, early := ret.within(l03Watch)
	if early {
		gcErrorAt(t, at,
			"serve returned (%v) while a request was still in flight. After stop is closed, serve must return only once Shutdown has finished, that is once the requests in flight have completed. Serve returns the moment Shutdown starts, not when it ends: wait for Shutdown itself",
			"还有请求在处理中，serve 就返回了（%v）。stop 关闭后，serve 必须等 Shutdown 结束（也就是处理中的请求都完成了）才能返回。Serve 在 Shutdown 开始的那一刻就返回，而不是在它结束时：要等的是 Shutdown 本身",
			err)
	}

	slow.let()
	l03ExpectGraceful(t, at, resp, "stop was closed", "stop 关闭")
	if !early {
		err, ok := ret.within(l03Patience)
		switch {
		case !ok:
			gcErrorAt(t, at,
				"the request in flight completed, but serve had not returned %v later: once Shutdown is done, serve should return nil",
				"处理中的请求已经完成，但过了 %v serve 仍未返回：Shutdown 结束后，serve 应该返回 nil",
				l03Patience)
			return
		case l03IsServerClosed(err):
			gcErrorAt(t, at,
				"serve returned http.ErrServerClosed after stop was closed: that error only means Shutdown was called. Return nil (or Shutdown's own error)",
				"stop 关闭后 serve 返回了 http.ErrServerClosed：这个 error 只表示调用过 Shutdown。请返回 nil（或 Shutdown 自己的 error）")
		case err != nil:
			gcErrorAt(t, at,
				"serve returned %v after a graceful stop; expected nil",
				"平滑停止之后 serve 返回了 %v；应该返回 nil",
				err)
		}
	}
}

func TestServeReturnsTheErrorWhenServingFails(t *testing.T) {
	gcNoLeaks(t)
	at := gcFuncPos(t, "serve")
	errBroken := errors.New("l03: accept failed: the listener broke")
	ln := l03Listen(t, errBroken)
	// stop is never closed in this test: serving fails before anyone asks
	// serve to stop. Whatever serve started must end anyway; the leak check
	// after the test finds a goroutine still waiting on stop.
	stop := make(chan struct{})
	ret := l03Call(func() error { return serve(ln, l03Text("served by serve\n"), stop) })

	if !l03ExpectOK(t, at, "/", l03Get(ln.url("/")), "served by serve\n") {
		ln.breakNow()
		ret.within(l03Tidy)
		return
	}
	ln.breakNow()
	err, ok := ret.within(l03Patience)
	switch {
	case !ok:
		gcErrorAt(t, at,
			"the listener broke (Accept failed: %v), but serve had not returned %v later. When serving fails, serve must return that error without waiting for stop",
			"listener 坏掉了（Accept 失败：%v），但过了 %v serve 仍未返回。服务出错时，serve 应该直接返回这个 error，而不是继续等 stop",
			errBroken, l03Patience)
	case !errors.Is(err, errBroken):
		gcErrorAt(t, at,
			"serve returned %v after the listener broke; expected the error serving failed with (%v), so that the caller learns what went wrong",
			"listener 坏掉后 serve 返回了 %v；应该返回服务失败的那个 error（%v），让调用者知道出了什么错",
			err, errBroken)
	}
}

func TestServeLetsRequestInFlightFinishWhenServingFails(t *testing.T) {
	gcNoLeaks(t)
	at := gcFuncPos(t, "serve")
	errBroken := errors.New("l03: accept failed: the listener broke")
	ln := l03Listen(t, errBroken)
	slow := l03NewSlow(t)
	defer slow.let()
	stop := l03NewStop()
	defer stop.close()
	ret := l03Call(func() error { return serve(ln, slow, stop.ch) })

	resp := l03GetAsync(t, ln.url("/slow"))
	if !l03Entered(t, at, slow, resp) {
		return
	}

	// A request is in flight, and now the listener breaks.
	ln.breakNow()
	err, early := ret.within(l03Watch)
	if early {
		gcErrorAt(t, at,
			"serve returned (%v) as soon as the listener broke, while a request it had accepted was still being handled. Serve does not wait for the connections it accepted, yet serve must return only when nothing it started is still running: when serving fails, shut the server down (Shutdown waits for the requests in flight) before returning the error",
			"listener 一坏，serve 就返回了（%v），而它接受的一个请求还在处理中。Serve 不会等待它已经接受的连接，但 serve 必须在它启动的一切都结束之后才能返回：服务出错时，先 Shutdown（它会等处理中的请求完成），再返回那个 error",
			err)
	}

	slow.let()
	l03ExpectGraceful(t, at, resp, "the listener broke", "listener 坏掉")
	if !early {
		err, ok := ret.within(l03Patience)
		switch {
		case !ok:
			gcErrorAt(t, at,
				"the listener broke and the request in flight completed, but serve had not returned %v later; it should return the error serving failed with",
				"listener 已经坏掉，处理中的请求也已完成，但过了 %v serve 仍未返回；它应该返回服务失败的那个 error",
				l03Patience)
			return
		case !errors.Is(err, errBroken):
			gcErrorAt(t, at,
				"serve returned %v after the listener broke; expected the error serving failed with (%v)",
				"listener 坏掉后 serve 返回了 %v；应该返回服务失败的那个 error（%v）",
				err, errBroken)
		}
	}
}

// l03Entered waits until the slow handler got the request in progress.
func l03Entered(t *testing.T, at gcPos, slow *l03Slow, req *l03Pending) bool {
	t.Helper()
	timer := time.NewTimer(l03Patience)
	defer timer.Stop()
	select {
	case <-slow.entered:
		return true
	case <-req.done:
		gcErrorAt(t, at,
			"a request sent to the listener failed before it reached the handler (%v, %d %q): the server must serve the handler it is given on the listener it is given, until it is told to stop",
			"发往 listener 的请求还没到达 handler 就失败了（%v，%d %q）：服务器应该在传入的 listener 上、用传入的 handler 一直提供服务，直到被要求停止",
			req.resp.err, req.resp.status, req.resp.body)
	case <-timer.C:
		gcErrorAt(t, at,
			"a request sent to the listener never reached the handler within %v: the server must serve the handler it is given on the listener it is given",
			"发往 listener 的请求在 %v 内都没有到达 handler：服务器应该在传入的 listener 上，用传入的 handler 提供服务",
			l03Patience)
	}
	return false
}

// l03ExpectGraceful checks that the request that was in flight when
// something happened (whenEN, whenZH) completed with its full answer.
func l03ExpectGraceful(t *testing.T, at gcPos, req *l03Pending, whenEN, whenZH string) {
	t.Helper()
	r, ok := req.within(l03Patience)
	switch {
	case !ok:
		gcErrorAt(t, at,
			"the request in flight when %[1]s got no answer within %[3]v",
			"%[2]s时正在处理的请求在 %[3]v 内没有得到应答",
			whenEN, whenZH, l03Patience)
	case r.err != nil:
		gcErrorAt(t, at,
			"the request in flight when %[1]s was cut off (%[3]v). Stop the server with Shutdown, which closes the listener and then waits for the requests in flight to complete; Close drops their connections on the spot",
			"%[2]s时正在处理的请求被掐断了（%[3]v）。请用 Shutdown 停止服务器：它先关闭 listener，再等处理中的请求完成；Close 则会当场断开它们的连接",
			whenEN, whenZH, r.err)
	case r.status != 200 || r.body != l03SlowBody:
		gcErrorAt(t, at,
			"the request in flight when %[1]s got %[3]d %[4]q; expected its full answer, 200 %[5]q",
			"%[2]s时正在处理的请求得到的是 %[3]d %[4]q；应该得到完整的应答 200 %[5]q",
			whenEN, whenZH, r.status, r.body, l03SlowBody)
	}
}
