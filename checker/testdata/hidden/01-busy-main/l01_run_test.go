package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"
)

// l01Wait bounds every blocking call of the tests: a wrong solution fails in
// a few seconds instead of hitting the grader's hard limit.
const l01Wait = 2 * time.Second

// l01ErrBroken is what a broken listener's Accept returns.
var l01ErrBroken = errors.New("accept tcp: the test broke this listener")

// l01Listener is a real loopback listener the test can break: after Break,
// Accept fails with l01ErrBroken, a permanent (non-temporary) error.
type l01Listener struct {
	net.Listener
	once   sync.Once
	broken chan struct{}
}

func (l *l01Listener) Accept() (net.Conn, error) {
	c, err := l.Listener.Accept()
	if err != nil {
		select {
		case <-l.broken:
			return nil, l01ErrBroken
		default:
		}
	}
	return c, err
}

func (l *l01Listener) Break() {
	l.once.Do(func() {
		close(l.broken)
		l.Listener.Close()
	})
}

// l01Listen listens on a free loopback port, closed when the test ends. Call
// it before gcNoLeaks: the leak check then runs while the listener is still
// open, so a server left serving is reported as the leak it is.
func l01Listen(t *testing.T) *l01Listener {
	t.Helper()
	inner, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatalf("listening on 127.0.0.1:0: %v", err)
	}
	ln := &l01Listener{Listener: inner, broken: make(chan struct{})}
	t.Cleanup(func() { ln.Listener.Close() })
	return ln
}

// l01Client holds no idle connection, so it leaves no goroutine behind.
func l01Client(t *testing.T) *http.Client {
	tr := &http.Transport{DisableKeepAlives: true}
	t.Cleanup(tr.CloseIdleConnections)
	return &http.Client{Transport: tr, Timeout: 3 * time.Second}
}

type l01Response struct {
	status int
	body   string
	err    error
}

func l01Get(c *http.Client, url string) l01Response {
	resp, err := c.Get(url)
	if err != nil {
		return l01Response{err: err}
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	return l01Response{status: resp.StatusCode, body: string(b), err: err}
}

// l01Start calls run in a goroutine; its result arrives on the channel.
func l01Start(ctx context.Context, ln net.Listener, h http.Handler) <-chan error {
	done := make(chan error, 1)
	go func() { done <- run(ctx, ln, h) }()
	return done
}

// l01Context is cancelled by the test, or after the leak check (call it
// before gcNoLeaks): a goroutine still waiting on it when the test ends is a
// leak.
func l01Context(t *testing.T) (context.Context, context.CancelFunc) {
	ctx, cancel := context.WithCancel(context.Background())
	t.Cleanup(cancel)
	return ctx, cancel
}

// l01Answer is the body of the handler the tests pass to run.
const l01Answer = "answered by the handler passed to run\n"

func l01Handler(w http.ResponseWriter, r *http.Request) {
	fmt.Fprint(w, l01Answer)
}

func TestHelloSaysHello(t *testing.T) {
	rec := httptest.NewRecorder()
	hello(rec, httptest.NewRequest("GET", "/", nil))
	if rec.Code != http.StatusOK || rec.Body.String() != "Hello\n" {
		gcErrorAt(t, gcFuncPos(t, "hello"),
			"GET / answered %d %q; want 200 %q",
			"GET / 的响应是 %d %q；应当是 200 %q",
			rec.Code, rec.Body.String(), "Hello\n")
	}
}

func TestRunServesUntilCtxIsCancelled(t *testing.T) {
	ctx, cancel := l01Context(t)
	ln := l01Listen(t)
	gcNoLeaks(t)
	at := gcFuncPos(t, "run")
	client := l01Client(t)
	url := "http://" + ln.Addr().String() + "/"

	done := l01Start(ctx, ln, http.HandlerFunc(l01Handler))
	r := l01Get(client, url)
	switch {
	case r.err != nil:
		gcErrorAt(t, at,
			"GET %s on the listener given to run failed: %v; run must serve h on ln",
			"对传给 run 的 listener 发起 GET %s 失败：%v；run 应当在 ln 上用 h 提供服务",
			url, r.err)
	case r.status != http.StatusOK || r.body != l01Answer:
		gcErrorAt(t, at,
			"GET %s answered %d %q; want 200 %q from the handler h passed to run",
			"GET %s 的响应是 %d %q；应当是传给 run 的 handler h 给出的 200 %q",
			url, r.status, r.body, l01Answer)
	}

	// ctx is still live: run must still be serving, not back already.
	select {
	case err := <-done:
		gcErrorAt(t, at,
			"run returned %s while ctx was still live; it must do the serving itself and block until ctx is cancelled or serving fails",
			"ctx 还没结束，run 就返回了（返回值 %s）；run 应当自己提供服务，一直阻塞到 ctx 被取消或服务出错",
			l01Err(err))
		return
	case <-time.After(100 * time.Millisecond):
	}

	cancel()
	select {
	case err := <-done:
		switch {
		case errors.Is(err, http.ErrServerClosed):
			gcErrorAt(t, at,
				"run returned http.ErrServerClosed after ctx was cancelled; that is how Serve reports a shutdown you asked for, not a failure: return nil (or Shutdown's error)",
				"ctx 取消后 run 返回了 http.ErrServerClosed；这只是 Serve 在告诉你“按要求关闭了”，不是失败：应当返回 nil（或 Shutdown 的 error）")
		case err != nil:
			gcErrorAt(t, at,
				"run returned %v after ctx was cancelled and the shutdown had nothing to wait for; want nil",
				"ctx 取消后、关闭过程中也没有需要等待的请求，run 却返回了 %v；应当返回 nil",
				err)
		}
	case <-time.After(l01Wait):
		gcErrorAt(t, at,
			"run did not return within %v after ctx was cancelled; on ctx done it must shut the server down and return",
			"ctx 取消后 %v 内 run 没有返回；ctx 结束时它应当关闭 server 并返回",
			l01Wait)
		return
	}

	// run is back: nothing may still answer on ln.
	if r := l01Get(client, url); r.err == nil {
		gcErrorAt(t, at,
			"run returned, but the server still answers on its listener (GET / -> %d); shut the server down before returning",
			"run 已经返回，但 server 仍在它的 listener 上响应（GET / -> %d）；返回之前要先关闭 server",
			r.status)
	}
}

func TestRunWaitsForInFlightRequestBeforeReturning(t *testing.T) {
	ctx, cancel := l01Context(t)
	ln := l01Listen(t)
	gcNoLeaks(t)
	at := gcFuncPos(t, "run")
	client := l01Client(t)
	url := "http://" + ln.Addr().String() + "/slow"

	// A slow handler: it holds its request until the test releases it.
	const slowAnswer = "slow request finished\n"
	started := make(chan struct{}, 1)
	release := make(chan struct{})
	var releaseOnce sync.Once
	unblock := func() { releaseOnce.Do(func() { close(release) }) }
	t.Cleanup(unblock) // runs before the leak check
	slow := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		select {
		case started <- struct{}{}:
		default:
		}
		<-release
		fmt.Fprint(w, slowAnswer)
	})

	done := l01Start(ctx, ln, slow)
	got := make(chan l01Response, 1)
	go func() { got <- l01Get(client, url) }()

	select {
	case <-started:
	case r := <-got:
		gcFatalf(t,
			"GET %s never reached the handler h passed to run (%d %q, %v); run must serve h on ln",
			"GET %s 根本没有到达传给 run 的 handler h（%d %q，%v）；run 应当在 ln 上用 h 提供服务",
			url, r.status, r.body, r.err)
	case err := <-done:
		gcErrorAt(t, at,
			"run returned %s before a request could even reach the handler; it must serve until ctx is cancelled",
			"请求还没到达 handler，run 就返回了（返回值 %s）；它应当一直提供服务，直到 ctx 被取消",
			l01Err(err))
		return
	case <-time.After(l01Wait):
		gcFatalf(t,
			"GET %s did not reach the handler h within %v; run must serve h on ln",
			"GET %s 在 %v 内没有到达 handler h；run 应当在 ln 上用 h 提供服务",
			url, l01Wait)
	}

	// The request is in flight. Ask run to stop: a graceful shutdown lets
	// the request finish, and run may not return before it has.
	cancel()
	var (
		cut      *l01Response // the request ended while its handler was still blocked
		returned bool
		runErr   error
	)
	window := time.After(200 * time.Millisecond)
watch:
	for cut == nil || !returned {
		select {
		case r := <-got:
			cut = &r
		case runErr = <-done:
			returned = true
		case <-window:
			break watch
		}
	}
	switch {
	case cut != nil:
		gcErrorAt(t, at,
			"after ctx was cancelled, the request in flight was cut (%s) instead of being allowed to finish; Close drops open connections, Shutdown waits for them",
			"ctx 取消后，正在处理的请求被掐断了（%s），没能处理完；Close 会直接断开连接，Shutdown 才会等它们结束",
			l01Describe(*cut))
		return
	case returned:
		gcErrorAt(t, at,
			"run returned %s while a request was still in flight; Serve returns the moment Shutdown starts, so wait for Shutdown itself to return before returning",
			"还有请求正在处理，run 就返回了（返回值 %s）；Serve 在 Shutdown 刚开始时就会返回，所以要等 Shutdown 本身返回之后再返回",
			l01Err(runErr))
		return
	}

	unblock()
	select {
	case r := <-got:
		if r.err != nil || r.status != http.StatusOK || r.body != slowAnswer {
			gcErrorAt(t, at,
				"the request that was in flight when ctx was cancelled ended with %s; it should complete with 200 %q",
				"ctx 取消时正在处理的请求最后得到的是 %s；它应当正常完成，得到 200 %q",
				l01Describe(r), slowAnswer)
		}
	case <-time.After(l01Wait):
		gcErrorAt(t, at,
			"the request in flight did not complete within %v of its handler returning",
			"handler 返回后 %v 内，那个正在处理的请求仍没有完成",
			l01Wait)
	}
	select {
	case err := <-done:
		if errors.Is(err, http.ErrServerClosed) {
			gcErrorAt(t, at,
				"run returned http.ErrServerClosed after a clean shutdown; that is Serve saying \"you asked me to stop\", not a failure: return nil",
				"干净地关闭之后 run 返回了 http.ErrServerClosed；这是 Serve 在说“是你让我停的”，不是失败：应当返回 nil")
		} else if err != nil {
			gcErrorAt(t, at,
				"run returned %v after a graceful shutdown in which every request completed; want nil",
				"所有请求都已完成、优雅关闭结束后，run 返回了 %v；应当返回 nil",
				err)
		}
	case <-time.After(l01Wait):
		gcErrorAt(t, at,
			"run did not return within %v after ctx was cancelled and the last request completed",
			"ctx 已取消、最后一个请求也已完成，run 却在 %v 内没有返回",
			l01Wait)
	}
}

// l01Err shows a returned error: nil, or its text quoted.
func l01Err(err error) string {
	if err == nil {
		return "nil"
	}
	return fmt.Sprintf("%q", err.Error())
}

func l01Describe(r l01Response) string {
	if r.err != nil {
		return "error: " + r.err.Error()
	}
	return fmt.Sprintf("%d %q", r.status, strings.TrimSpace(r.body))
}

// This test runs last: a log.Fatal on the failure path ends the process here.
func TestRunReturnsErrorWhenListenerBreaks(t *testing.T) {
	ctx, _ := l01Context(t) // never cancelled before the leak check
	ln := l01Listen(t)
	gcNoLeaks(t)
	at := gcFuncPos(t, "run")
	client := l01Client(t)
	url := "http://" + ln.Addr().String() + "/"

	done := l01Start(ctx, ln, http.HandlerFunc(l01Handler))
	if r := l01Get(client, url); r.err != nil || r.status != http.StatusOK {
		gcErrorAt(t, at,
			"GET %s on the listener given to run: %s; want 200 from the handler h",
			"对传给 run 的 listener 发起 GET %s：%s；应当得到 handler h 的 200",
			url, l01Describe(r))
	}

	ln.Break()
	select {
	case err := <-done:
		switch {
		case err == nil:
			gcErrorAt(t, at,
				"run returned nil after its listener broke (Accept failed with %q); when serving fails, return that error",
				"listener 坏掉之后（Accept 失败：%q）run 返回了 nil；服务出错时应当把这个 error 返回",
				l01ErrBroken)
		case !errors.Is(err, l01ErrBroken):
			gcErrorAt(t, at,
				"run returned %q after its listener broke; want the error serving failed with (%q), wrapped or as is",
				"listener 坏掉之后 run 返回了 %q；应当返回服务失败的那个 error（%q），原样或包装后都可以",
				err, l01ErrBroken)
		}
	case <-time.After(l01Wait):
		gcErrorAt(t, at,
			"run did not return within %v after its listener broke (ctx still live); it must notice that serving failed and return the error",
			"listener 坏掉之后（ctx 仍未取消）%v 内 run 没有返回；它应当发现服务已经出错，并返回这个 error",
			l01Wait)
	}
}
