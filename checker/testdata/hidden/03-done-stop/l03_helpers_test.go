package main

import (
	"errors"
	"io"
	"net"
	"net/http"
	"sync"
	"testing"
	"time"
)

// Helpers of lesson 03's hidden tests. Everything here is real time on real
// loopback listeners (127.0.0.1:0), so every wait is bounded: a wrong
// solution fails in seconds with a clear message, never at the hard limit.

const (
	// l03Patience bounds every wait for something a right solution does at
	// once (a request served, serve or run returning).
	l03Patience = 2 * time.Second
	// l03Tidy bounds the wait, at the end of a test, for a call the test
	// already gave up on, so that a solution that hangs everywhere fails
	// each test in seconds, well within the grader's time limit.
	l03Tidy = 250 * time.Millisecond
	// l03Watch is how long a test watches for something that must NOT
	// happen yet (serve returning while a request is in flight). A wrong
	// solution does it within a millisecond or two; a right one never does,
	// so this only has to be long enough for a busy machine.
	l03Watch = 250 * time.Millisecond
	// l03Glance is a shorter look, after a request was served, at whether
	// serve or run has already returned (a wrong one returned at once).
	l03Glance = 50 * time.Millisecond
)

// l03Listener is a loopback listener whose Accept fails on demand, the way
// a real listener breaks (the network goes away, too many open files...).
type l03Listener struct {
	net.Listener
	err       error         // what Accept returns once broken
	broken    chan struct{} // closed by breakNow
	breakOnce sync.Once
	closeOnce sync.Once
	// pair, when set, holds a broken Accept until the other listener of
	// the pair has failed too, so that both servers fail at the same moment.
	pair       *l03Barrier
	arriveOnce sync.Once
}

// l03Barrier releases the two listeners of a pair together.
type l03Barrier struct {
	mu  sync.Mutex
	n   int
	all chan struct{}
}

func l03NewBarrier() *l03Barrier { return &l03Barrier{all: make(chan struct{})} }

// arrive waits until both listeners arrived (or a second passed: a server
// that never calls Accept again must not hang the test).
func (b *l03Barrier) arrive() {
	b.mu.Lock()
	b.n++
	if b.n == 2 {
		close(b.all)
	}
	b.mu.Unlock()
	timer := time.NewTimer(time.Second)
	defer timer.Stop()
	select {
	case <-b.all:
	case <-timer.C:
	}
}

// l03Listen opens a listener on 127.0.0.1:0 whose Accept will fail with err
// once broken. It is closed when the test ends.
func l03Listen(t *testing.T, err error) *l03Listener {
	t.Helper()
	ln, e := net.Listen("tcp", "127.0.0.1:0")
	if e != nil {
		gcFatalf(t, "the test could not open a loopback listener: %v",
			"测试无法打开回环地址上的 listener：%v", e)
	}
	l := &l03Listener{Listener: ln, err: err, broken: make(chan struct{})}
	t.Cleanup(func() { l.Close() })
	return l
}

func (l *l03Listener) Accept() (net.Conn, error) {
	c, err := l.Listener.Accept()
	select {
	case <-l.broken:
		if c != nil {
			c.Close()
		}
		if l.pair != nil {
			l.arriveOnce.Do(l.pair.arrive)
		}
		return nil, l.err
	default:
	}
	return c, err
}

// Close closes the real listener once and never fails, so that a Shutdown
// that closes an already broken listener does not report an error the
// learner's code did not cause.
func (l *l03Listener) Close() error {
	l.closeOnce.Do(func() { l.Listener.Close() })
	return nil
}

// breakNow makes Accept fail with l.err from now on, waking a blocked Accept.
func (l *l03Listener) breakNow() {
	l.breakOnce.Do(func() {
		close(l.broken)
		l.closeOnce.Do(func() { l.Listener.Close() })
	})
}

func (l *l03Listener) url(path string) string { return "http://" + l.Addr().String() + path }

// l03Stop is the stop channel a test hands to serve, closable more than once
// by the test itself (deferred, and when the test decides to stop).
type l03Stop struct {
	ch   chan struct{}
	once sync.Once
}

func l03NewStop() *l03Stop { return &l03Stop{ch: make(chan struct{})} }

func (s *l03Stop) close() { s.once.Do(func() { close(s.ch) }) }

// l03Text is a handler that answers body at once.
func l03Text(body string) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		io.WriteString(w, body)
	})
}

// l03Slow is a handler that blocks until the test releases it: a request in
// flight for as long as the test wants.
type l03Slow struct {
	entered     chan struct{} // closed when the first request reached the handler
	release     chan struct{} // closed by let
	enterOnce   sync.Once
	releaseOnce sync.Once
}

const l03SlowBody = "slow work done\n"

// l03NewSlow returns a slow handler that is released when the test ends, at
// the latest, so that nothing the test started stays blocked.
func l03NewSlow(t *testing.T) *l03Slow {
	s := &l03Slow{entered: make(chan struct{}), release: make(chan struct{})}
	t.Cleanup(s.let)
	return s
}

func (s *l03Slow) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	s.enterOnce.Do(func() { close(s.entered) })
	<-s.release // the work takes until the test says so, whatever the client does
	io.WriteString(w, l03SlowBody)
}

func (s *l03Slow) let() { s.releaseOnce.Do(func() { close(s.release) }) }

// l03Response is what a GET got.
type l03Response struct {
	status int
	body   string
	err    error
}

// l03Get fetches url with a client that keeps no idle connection (an idle
// connection's goroutines would count as a leak) and gives up after
// l03Patience.
func l03Get(url string) l03Response {
	tr := &http.Transport{DisableKeepAlives: true}
	defer tr.CloseIdleConnections()
	c := &http.Client{Transport: tr, Timeout: l03Patience}
	resp, err := c.Get(url)
	if err != nil {
		return l03Response{err: err}
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	return l03Response{status: resp.StatusCode, body: string(b), err: err}
}

// l03Pending is a GET in progress.
type l03Pending struct {
	done chan struct{} // closed when the response (or error) arrived
	resp l03Response
}

// l03GetAsync starts a GET. The test waits for it before it ends (the client
// gives up after l03Patience), so it never outlives the test.
func l03GetAsync(t *testing.T, url string) *l03Pending {
	p := &l03Pending{done: make(chan struct{})}
	var wg sync.WaitGroup
	wg.Go(func() {
		defer close(p.done)
		p.resp = l03Get(url)
	})
	t.Cleanup(wg.Wait)
	return p
}

// within waits up to d for the response; ok is false if it has not come.
func (p *l03Pending) within(d time.Duration) (r l03Response, ok bool) {
	if _, ok := l03Returned(p.done, d); !ok {
		return r, false
	}
	return p.resp, true
}

// l03Ret is the result of a call of serve or run made in a goroutine.
type l03Ret struct {
	done chan struct{} // closed when the call returned
	err  error         // what it returned, once done is closed
}

// l03Call runs f (a call of serve or run) in a goroutine.
func l03Call(f func() error) *l03Ret {
	r := &l03Ret{done: make(chan struct{})}
	go func() {
		defer close(r.done)
		r.err = f()
	}()
	return r
}

// returned reports, without waiting, whether the call has returned.
func (r *l03Ret) returned() bool {
	select {
	case <-r.done:
		return true
	default:
		return false
	}
}

// within waits up to d for the call to return; ok is false if it has not.
func (r *l03Ret) within(d time.Duration) (err error, ok bool) {
	if _, ok := l03Returned(r.done, d); !ok {
		return nil, false
	}
	return r.err, true
}

// l03Returned reports whether ch delivers within d.
func l03Returned[T any](ch <-chan T, d time.Duration) (v T, ok bool) {
	timer := time.NewTimer(d)
	defer timer.Stop()
	select {
	case v = <-ch:
		return v, true
	case <-timer.C:
		return v, false
	}
}

// l03Errorf-style helpers for the failures several tests share.

// l03ExpectOK checks that a GET succeeded with 200 and body.
func l03ExpectOK(t *testing.T, at gcPos, what string, r l03Response, body string) bool {
	t.Helper()
	if r.err != nil {
		gcErrorAt(t, at, "GET %s failed: %v; the server should answer it with 200 and %q",
			"GET %s 失败：%v；服务器应该以 200 和 %q 应答", what, r.err, body)
		return false
	}
	if r.status != http.StatusOK || r.body != body {
		gcErrorAt(t, at, "GET %s answered %d %q; expected 200 %q from the handler passed in",
			"GET %s 的应答是 %d %q；应该是传入的 handler 给出的 200 %q", what, r.status, r.body, body)
		return false
	}
	return true
}

// l03IsServerClosed tells apart the classic mistake of returning
// http.ErrServerClosed after a requested stop.
func l03IsServerClosed(err error) bool { return errors.Is(err, http.ErrServerClosed) }
