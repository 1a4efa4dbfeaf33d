// Package scenario holds the hidden tests of lesson 03-done-stop, called by
// the test functions in ../l03_*_test.go with the learner's API (see the
// table in ../l03_a_lint_test.go: every sentence of the contract and the test
// that probes it). The scenarios run on the kit's virtual network, each in a
// synctest bubble, in virtual time.
package scenario

import (
	"errors"
	"net"
	"net/http"
	"testing"
	"time"

	gk "GOCOURSE_KIT"
	gn "GOCOURSE_KIT_NET"
)

// API is the exercise as the scenarios call it; the hidden tests fill it in
// with the learner's serve and run.
type API struct {
	Serve func(ln net.Listener, h http.Handler, stop <-chan struct{}) error
	Run   func(app, debug net.Listener, appH, debugH http.Handler) error
}

// Scenarios of serve(ln, h, stop) on the kit's virtual network (see the table
// in ../l03_a_lint_test.go): each runs in a synctest bubble, in virtual time.
const (
	// l03Patience bounds every wait for something a right solution does at
	// once (a request served, serve or run returning).
	l03Patience = 2 * time.Second
	// l03Watch is how long a test watches for something that must NOT happen
	// yet (serve returning while a request is in flight).
	l03Watch = 250 * time.Millisecond
	// l03Glance is a shorter look, after a request was served, at whether
	// serve or run has already returned (a wrong one returned at once).
	l03Glance = 50 * time.Millisecond
	// l03Long is far longer than any bound a shutdown could put on its wait:
	// no wait is bounded, so a right solution is still waiting after it.
	l03Long = 10 * time.Minute
)

// l03ExpectOK checks that a GET succeeded with 200 and body.
func l03ExpectOK(t *testing.T, at gk.Pos, what string, r gn.Response, body string) bool {
	t.Helper()
	if r.Err != nil {
		gk.ErrorAt(t, at, "GET %s failed: %v; the server should answer it with 200 and %q",
			"GET %s 失败：%v；server 应该以 200 和 %q 应答", what, r.Err, body)
		return false
	}
	if !r.OK(body) {
		gk.ErrorAt(t, at, "GET %s answered %s; expected 200 %q from the handler passed in",
			"GET %s 的应答是 %s；应该是传入的 handler 给出的 200 %q", what, r, body)
		return false
	}
	return true
}

// l03Entered waits until the slow handler got the request in progress.
func l03Entered(t *testing.T, at gk.Pos, slow *gn.Slow, req *gn.Pending) bool {
	t.Helper()
	select {
	case <-slow.Started():
		return true
	case <-req.Done():
		gk.ErrorAt(t, at,
			"a request sent to the listener failed before it reached the handler (%s): the server must serve the handler it is given on the listener it is given, until it is told to stop",
			"发往 listener 的请求还没到达 handler 就失败了（%s）：server 应该在传入的 listener 上、用传入的 handler 一直提供服务，直到被要求停止",
			req.Response())
	case <-time.After(l03Patience):
		gk.ErrorAt(t, at,
			"a request sent to the listener never reached the handler within %v: the server must serve the handler it is given on the listener it is given",
			"发往 listener 的请求在 %v 内都没有到达 handler：server 应该在传入的 listener 上，用传入的 handler 提供服务",
			l03Patience)
	}
	return false
}

// l03ExpectGraceful checks that the request that was in flight when
// something happened (whenEN, whenZH) completed with its full answer.
func l03ExpectGraceful(t *testing.T, at gk.Pos, req *gn.Pending, slow *gn.Slow, whenEN, whenZH string) {
	t.Helper()
	r, ok := req.Within(l03Patience)
	switch {
	case !ok:
		gk.ErrorAt(t, at,
			"the request in flight when %[1]s got no answer within %[3]v",
			"%[2]s时正在处理的请求在 %[3]v 内没有得到应答",
			whenEN, whenZH, l03Patience)
	case r.Err != nil:
		gk.ErrorAt(t, at,
			"the request in flight when %[1]s was cut off (%[3]v). Stop the server with Shutdown, which closes the listener and then waits for the requests in flight to complete; Close drops their connections on the spot",
			"%[2]s时正在处理的请求被掐断了（%[3]v）。请用 Shutdown 停止 server：它先关闭 listener，再等处理中的请求完成；Close 则会当场断开它们的连接",
			whenEN, whenZH, r.Err)
	case !r.OK(slow.Body()):
		gk.ErrorAt(t, at,
			"the request in flight when %[1]s got %[3]s; expected its full answer, 200 %[4]q",
			"%[2]s时正在处理的请求得到的是 %[3]s；应该得到完整的应答 200 %[4]q",
			whenEN, whenZH, r, slow.Body())
	}
}

// l03NothingLeft reports every goroutine of the learner's still running the
// moment fn (serve or run) has returned.
func l03NothingLeft(t *testing.T, fn string) {
	t.Helper()
	for _, p := range gk.Inside(t) {
		gk.ErrorAt(t, p,
			"%[1]s returned, but a goroutine it started is still running here: %[1]s must return only when nothing it started is still running",
			"%[1]s 已经返回，但它启动的一个 goroutine 还在这里运行：%[1]s 必须等它启动的一切都结束之后才能返回",
			fn)
	}
}

// l03StopErr checks what serve returned after stop was closed.
func l03StopErr(t *testing.T, at gk.Pos, err error) {
	t.Helper()
	switch {
	case errors.Is(err, http.ErrServerClosed):
		gk.ErrorAt(t, at,
			"serve returned http.ErrServerClosed after stop was closed. Serve returns that error whenever Shutdown has been called: it means \"stopped as asked\", not a failure. Return nil (or Shutdown's own error)",
			"stop 关闭后 serve 返回了 http.ErrServerClosed。只要调用过 Shutdown，Serve 就会返回这个 error：它的意思是“按要求停下了”，并不是故障。请返回 nil（或 Shutdown 自己的 error）")
	case err != nil:
		gk.ErrorAt(t, at,
			"serve returned %v after stop was closed; a requested stop is not a failure: expected nil",
			"stop 关闭后 serve 返回了 %v；按要求停止不算失败，应该返回 nil",
			err)
	}
}

func ServeServesUntilStopIsClosedThenReturnsNil(t *testing.T, api API) {
	gn.NetBubble(t, func(t *testing.T, n *gn.Net) {
		at := gk.FuncPos(t, "serve")
		ln := n.Listen("app")
		stop := make(chan struct{})
		call := gk.Go(func() error { return api.Serve(ln, gn.Text("served by serve\n"), stop) })

		l03ExpectOK(t, at, "/", n.Get(ln.URL("/")), "served by serve\n")
		if err, returned := call.Within(l03Glance); returned {
			gk.ErrorAt(t, at,
				"serve returned (%v) before stop was closed. It must do the serving itself, blocking its caller, until stop is closed or serving fails; the caller decides what runs in a goroutine",
				"stop 还没有关闭，serve 就返回了（%v）。serve 应该自己完成服务、阻塞调用方，直到 stop 被关闭或服务出错；要不要放进 goroutine，由调用方决定",
				err)
			return
		}

		close(stop)
		err, ok := call.Within(l03Patience)
		if !ok {
			gk.ErrorAt(t, at,
				"stop was closed, but serve had not returned %v later. Closing stop must make serve shut its server down and return nil",
				"stop 已经关闭，但过了 %v serve 仍未返回。关闭 stop 之后，serve 应该关闭它的 server 并返回 nil",
				l03Patience)
			return
		}
		l03StopErr(t, at, err)
		l03NothingLeft(t, "serve")
	})
}

func ServeLetsRequestInFlightFinishAfterStop(t *testing.T, api API) {
	gn.NetBubble(t, func(t *testing.T, n *gn.Net) {
		at := gk.FuncPos(t, "serve")
		ln := n.Listen("app")
		slow := n.Slow("slow work done\n")
		stop := make(chan struct{})
		call := gk.Go(func() error { return api.Serve(ln, slow, stop) })

		req := n.GetAsync(ln.URL("/slow"))
		if !l03Entered(t, at, slow, req) {
			return
		}
		// A request is in flight: its handler runs until the test lets it go.
		if call.Returned() {
			gk.ErrorAt(t, at,
				"serve returned (%v) before stop was closed. It must do the serving itself, blocking its caller, until stop is closed or serving fails",
				"stop 还没有关闭，serve 就返回了（%v）。serve 应该自己完成服务、阻塞调用方，直到 stop 被关闭或服务出错",
				call.Err())
			return
		}
		close(stop)
		// No wait is bounded: the request takes as long as it takes.
		if err, early := call.Within(l03Long); early {
			gk.ErrorAt(t, at,
				"serve returned (%v) while a request was still in flight. After stop is closed, serve must return only once Shutdown has finished, that is once the requests in flight have completed, however long they take. Serve returns the moment Shutdown starts, not when it ends: wait for Shutdown itself, with no time limit",
				"还有请求在处理中，serve 就返回了（%v）。stop 关闭后，serve 必须等 Shutdown 结束（也就是处理中的请求都完成了，不管要多久）才能返回。Serve 在 Shutdown 开始的那一刻就返回，而不是在它结束时：要等的是 Shutdown 本身，而且不设时限",
				err)
			slow.Release()
			return
		}

		slow.Release()
		l03ExpectGraceful(t, at, req, slow, "stop was closed", "stop 关闭")
		err, ok := call.Within(l03Patience)
		if !ok {
			gk.ErrorAt(t, at,
				"the request in flight completed, but serve had not returned %v later: once Shutdown is done, serve should return nil",
				"处理中的请求已经完成，但过了 %v serve 仍未返回：Shutdown 结束后，serve 应该返回 nil",
				l03Patience)
			return
		}
		l03StopErr(t, at, err)
		l03NothingLeft(t, "serve")
	})
}

func ServeReturnsTheErrorWhenServingFails(t *testing.T, api API) {
	gn.NetBubble(t, func(t *testing.T, n *gn.Net) {
		at := gk.FuncPos(t, "serve")
		ln := n.Listen("app")
		// stop is never closed in this test: serving fails before anyone asks
		// serve to stop. Whatever serve started must end anyway; the bubble
		// finds a goroutine still waiting on stop.
		stop := make(chan struct{})
		call := gk.Go(func() error { return api.Serve(ln, gn.Text("served by serve\n"), stop) })

		ok := l03ExpectOK(t, at, "/", n.Get(ln.URL("/")), "served by serve\n")
		ln.Break()
		if !ok {
			return
		}
		err, ok := call.Within(l03Patience)
		switch {
		case !ok:
			gk.ErrorAt(t, at,
				"the listener broke (Accept failed: %v), but serve had not returned %v later. When serving fails, serve must return that error without waiting for stop",
				"listener 坏掉了（Accept 失败：%v），但过了 %v serve 仍未返回。服务出错时，serve 应该直接返回这个 error，而不是继续等 stop",
				ln.Err(), l03Patience)
			return
		case !errors.Is(err, ln.Err()):
			gk.ErrorAt(t, at,
				"serve returned %v after the listener broke; expected the error serving failed with (%v), so that the caller learns what went wrong",
				"listener 坏掉后 serve 返回了 %v；应该返回服务失败的那个 error（%v），让调用方知道出了什么错",
				err, ln.Err())
		}
		l03NothingLeft(t, "serve")
	})
}

// l03DrainAfterFailure breaks the listener while a request is in flight and
// checks that serve lets it finish before returning the error; with
// stopToo, stop is closed while serve drains, which must not cut it short.
func l03DrainAfterFailure(t *testing.T, api API, stopToo bool) {
	gn.NetBubble(t, func(t *testing.T, n *gn.Net) {
		at := gk.FuncPos(t, "serve")
		ln := n.Listen("app")
		slow := n.Slow("slow work done\n")
		stop := make(chan struct{})
		call := gk.Go(func() error { return api.Serve(ln, slow, stop) })

		req := n.GetAsync(ln.URL("/slow"))
		if !l03Entered(t, at, slow, req) {
			return
		}
		// A request is in flight, and now the listener breaks.
		ln.Break()
		if err, early := call.Within(l03Watch); early {
			gk.ErrorAt(t, at,
				"serve returned (%v) as soon as the listener broke, while a request it had accepted was still being handled. Serve does not wait for the connections it accepted, yet serve must return only when nothing it started is still running: when serving fails, shut the server down (Shutdown waits for the requests in flight) before returning the error",
				"listener 一坏，serve 就返回了（%v），而它接受的一个请求还在处理中。Serve 不会等待它已经接受的连接，但 serve 必须在它启动的一切都结束之后才能返回：服务出错时，先 Shutdown（它会等处理中的请求完成），再返回那个 error",
				err)
			slow.Release()
			return
		}
		if stopToo {
			close(stop)
			if err, early := call.Within(l03Long); early {
				gk.ErrorAt(t, at,
					"the listener broke with a request in flight and serve was waiting for it; then stop was closed and serve returned (%v) with the request still running. No wait is bounded: a serve that is draining after a failure keeps draining when stop closes",
					"listener 坏掉时还有请求在处理，serve 正在等它；这时 stop 被关闭，serve 就返回了（%v），而请求仍在运行。等待没有时限：服务出错后正在收尾的 serve，在 stop 关闭时也要继续等下去",
					err)
				slow.Release()
				return
			}
		}

		slow.Release()
		l03ExpectGraceful(t, at, req, slow, "the listener broke", "listener 坏掉")
		err, ok := call.Within(l03Patience)
		switch {
		case !ok:
			gk.ErrorAt(t, at,
				"the listener broke and the request in flight completed, but serve had not returned %v later; it should return the error serving failed with",
				"listener 已经坏掉，处理中的请求也已完成，但过了 %v serve 仍未返回；它应该返回服务失败的那个 error",
				l03Patience)
			return
		case !errors.Is(err, ln.Err()):
			gk.ErrorAt(t, at,
				"serve returned %v after the listener broke; expected the error serving failed with (%v)",
				"listener 坏掉后 serve 返回了 %v；应该返回服务失败的那个 error（%v）",
				err, ln.Err())
		}
		l03NothingLeft(t, "serve")
	})
}

func ServeLetsRequestInFlightFinishWhenServingFails(t *testing.T, api API) {
	l03DrainAfterFailure(t, api, false)
}

func ServeKeepsDrainingWhenStopClosesAfterAFailure(t *testing.T, api API) {
	l03DrainAfterFailure(t, api, true)
}
