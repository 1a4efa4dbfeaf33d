package main

import (
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"
)

// l02Wait bounds every blocking call of the tests: a wrong solution fails in
// a few seconds instead of hitting the grader's hard limit.
const l02Wait = 2 * time.Second

// l02ErrBroken is what a broken listener's Accept returns.
var l02ErrBroken = errors.New("accept tcp: the test broke this listener")

// l02Listener is a real loopback listener the test can break: after Break,
// Accept fails with l02ErrBroken, a permanent (non-temporary) error. Closing
// it (as run does to stop a server) makes Accept fail with the usual
// "use of closed network connection".
type l02Listener struct {
	net.Listener
	name   string
	once   sync.Once
	broken chan struct{}
}

func (l *l02Listener) Accept() (net.Conn, error) {
	c, err := l.Listener.Accept()
	if err != nil {
		select {
		case <-l.broken:
			return nil, l02ErrBroken
		default:
		}
	}
	return c, err
}

func (l *l02Listener) Break() {
	l.once.Do(func() {
		close(l.broken)
		l.Listener.Close()
	})
}

func (l *l02Listener) URL(path string) string {
	return "http://" + l.Addr().String() + path
}

// l02Listen listens on a free loopback port, closed when the test ends. Call
// it before gcNoLeaks: the leak check then runs while the listener is still
// open, so a server left serving is reported as the leak it is.
func l02Listen(t *testing.T, name string) *l02Listener {
	t.Helper()
	inner, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatalf("listening on 127.0.0.1:0: %v", err)
	}
	ln := &l02Listener{Listener: inner, name: name, broken: make(chan struct{})}
	t.Cleanup(func() { ln.Listener.Close() })
	return ln
}

// l02Client holds no idle connection, so it leaves no goroutine behind.
func l02Client(t *testing.T) *http.Client {
	tr := &http.Transport{DisableKeepAlives: true}
	t.Cleanup(tr.CloseIdleConnections)
	return &http.Client{Transport: tr, Timeout: 3 * time.Second}
}

type l02Response struct {
	status int
	body   string
	err    error
}

func (r l02Response) String() string {
	if r.err != nil {
		return "error: " + r.err.Error()
	}
	body := r.body
	if len(body) > 60 {
		body = body[:60] + "..."
	}
	return fmt.Sprintf("%d %q", r.status, body)
}

func l02Get(c *http.Client, url string) l02Response {
	resp, err := c.Get(url)
	if err != nil {
		return l02Response{err: err}
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	return l02Response{status: resp.StatusCode, body: string(b), err: err}
}

// l02Err shows a returned error: nil, or its text quoted.
func l02Err(err error) string {
	if err == nil {
		return "nil"
	}
	return fmt.Sprintf("%q", err.Error())
}

// l02Go calls f in a goroutine; its result arrives on the channel.
func l02Go(f func() error) <-chan error {
	done := make(chan error, 1)
	go func() { done <- f() }()
	return done
}

// l02StillRunning reports (and returns false) if f's result is already there
// although nothing has told it to stop.
func l02StillRunning(t *testing.T, at gcPos, name string, done <-chan error) bool {
	t.Helper()
	select {
	case err := <-done:
		gcErrorAt(t, at,
			"%[1]s returned %[2]s while its listener was still open; it must serve synchronously, blocking until serving fails. Running it in the background is the caller's decision, not %[1]s's",
			"listener 还开着，%[1]s 就返回了（返回值 %[2]s）；它应当同步地提供服务，一直阻塞到服务出错为止。要不要放到后台跑，由调用者决定，不该由 %[1]s 自作主张",
			name, l02Err(err))
		return false
	case <-time.After(50 * time.Millisecond):
		return true
	}
}

// l02Returns waits for a serving function to return after its listener
// broke, and checks that it returned the listener's error.
func l02Returns(t *testing.T, at gcPos, name string, done <-chan error) {
	t.Helper()
	select {
	case err := <-done:
		switch {
		case err == nil:
			gcErrorAt(t, at,
				"%s returned nil after its listener broke; it must return the error serving failed with (%q)",
				"listener 坏掉之后 %s 返回了 nil；它应当返回服务失败的那个 error（%q）",
				name, l02ErrBroken)
		case !errors.Is(err, l02ErrBroken):
			gcErrorAt(t, at,
				"%s returned %q after its listener broke; want the error serving failed with (%q), wrapped or as is",
				"listener 坏掉之后 %s 返回了 %q；应当返回服务失败的那个 error（%q），原样或包装后都可以",
				name, err, l02ErrBroken)
		}
	case <-time.After(l02Wait):
		gcErrorAt(t, at,
			"%[1]s did not return within %[2]v after its listener broke; when serving fails it must return the error",
			"listener 坏掉之后 %[2]v 内 %[1]s 没有返回；服务出错时它应当把 error 返回",
			name, l02Wait)
	}
}

func TestServeAppSaysHelloUntilItsListenerFails(t *testing.T) {
	ln := l02Listen(t, "app")
	gcNoLeaks(t)
	at := gcFuncPos(t, "serveApp")
	client := l02Client(t)

	done := l02Go(func() error { return serveApp(ln) })
	if r := l02Get(client, ln.URL("/")); r.err != nil || r.status != http.StatusOK || r.body != "Hello\n" {
		gcErrorAt(t, at,
			"GET / on the listener given to serveApp answered %s; want 200 %q",
			"对传给 serveApp 的 listener 发起 GET /，得到的是 %s；应当是 200 %q",
			r, "Hello\n")
	}
	if !l02StillRunning(t, at, "serveApp", done) {
		return
	}
	ln.Break()
	l02Returns(t, at, "serveApp", done)
}

func TestServeDebugServesPprofUntilItsListenerFails(t *testing.T) {
	ln := l02Listen(t, "debug")
	gcNoLeaks(t)
	at := gcFuncPos(t, "serveDebug")
	client := l02Client(t)

	done := l02Go(func() error { return serveDebug(ln) })
	if r := l02Get(client, ln.URL("/debug/pprof/")); r.err != nil || r.status != http.StatusOK || !strings.Contains(r.body, "goroutine") {
		gcErrorAt(t, at,
			"GET /debug/pprof/ on the listener given to serveDebug answered %s; want 200 and pprof's index page: serve http.DefaultServeMux and import _ \"net/http/pprof\"",
			"对传给 serveDebug 的 listener 发起 GET /debug/pprof/，得到的是 %s；应当是 200 和 pprof 的索引页：要用 http.DefaultServeMux 提供服务，并 import _ \"net/http/pprof\"",
			r)
	}
	if !l02StillRunning(t, at, "serveDebug", done) {
		return
	}
	ln.Break()
	l02Returns(t, at, "serveDebug", done)
}

// l02RunStopsOther starts run, checks both servers answer, breaks one
// listener and checks that run stops the other, waits, and returns the
// broken one's error.
func l02RunStopsOther(t *testing.T, breakApp bool) {
	app := l02Listen(t, "app")
	debug := l02Listen(t, "debug")
	gcNoLeaks(t)
	at := gcFuncPos(t, "run")
	client := l02Client(t)

	done := l02Go(func() error { return run(app, debug) })
	appResp := l02Get(client, app.URL("/"))
	debugResp := l02Get(client, debug.URL("/debug/pprof/"))
	select {
	case err := <-done:
		gcErrorAt(t, at,
			"run returned %s while both listeners were still open and neither server had failed; it must run both and return only when one of them returns (if serveApp or serveDebug return at once, fix them first)",
			"两个 listener 都还开着、哪个 server 都没出错，run 就返回了（返回值 %s）；它应当运行两个 server，直到其中一个返回时才返回（如果 serveApp 或 serveDebug 一调用就返回，先修好它们）",
			l02Err(err))
		return
	case <-time.After(50 * time.Millisecond):
	}
	if r := appResp; r.err != nil || r.status != http.StatusOK || r.body != "Hello\n" {
		gcErrorAt(t, at,
			"while run was running, GET / on the app listener answered %s; want 200 %q from serveApp",
			"run 运行期间，对 app listener 发起 GET / 得到的是 %s；应当是 serveApp 给出的 200 %q",
			r, "Hello\n")
	}
	if r := debugResp; r.err != nil || r.status != http.StatusOK {
		gcErrorAt(t, at,
			"while run was running, GET /debug/pprof/ on the debug listener answered %s; want 200 from serveDebug",
			"run 运行期间，对 debug listener 发起 GET /debug/pprof/ 得到的是 %s；应当是 serveDebug 给出的 200",
			r)
	}

	failed, other := debug, app
	if breakApp {
		failed, other = app, debug
	}
	failed.Break()

	select {
	case err := <-done:
		switch {
		case err == nil:
			gcErrorAt(t, at,
				"run returned nil after the %[1]s server failed with %[2]q; return the first error, the %[1]s server's",
				"%[1]s server 出错（%[2]q）之后 run 返回了 nil；应当返回第一个 error，也就是 %[1]s server 的那个",
				failed.name, l02ErrBroken)
		case !errors.Is(err, l02ErrBroken):
			gcErrorAt(t, at,
				"run returned %[3]q after the %[1]s server failed with %[2]q; return the first error (the %[1]s server's), not the one the %[4]s server gave when it was stopped",
				"%[1]s server 出错（%[2]q）之后 run 返回了 %[3]q；应当返回第一个 error（%[1]s server 的），而不是 %[4]s server 被停掉时给出的那个",
				failed.name, l02ErrBroken, err, other.name)
		}
	case <-time.After(l02Wait):
		gcErrorAt(t, at,
			"run did not return within %[1]v after the %[2]s server failed; it must notice that either server returned, stop the other, and return",
			"%[2]s server 出错后 %[1]v 内 run 没有返回；任何一个 server 返回，它都应当察觉到，停掉另一个，然后返回",
			l02Wait, failed.name)
		return
	}

	// run is back: the other server must be down, not serving on its own.
	if r := l02Get(client, other.URL("/")); r.err == nil {
		gcErrorAt(t, at,
			"run returned after the %[1]s server failed, but the %[2]s server still answers (GET / -> %[3]d); stop it (close its listener) and wait for it before returning",
			"%[1]s server 出错后 run 已经返回，但 %[2]s server 仍在响应（GET / -> %[3]d）；返回之前要把它停掉（关闭它的 listener），并等它结束",
			failed.name, other.name, r.status)
	}
}

func TestRunStopsAppWhenDebugServerFails(t *testing.T) {
	l02RunStopsOther(t, false)
}

func TestRunStopsDebugWhenAppServerFails(t *testing.T) {
	l02RunStopsOther(t, true)
}
