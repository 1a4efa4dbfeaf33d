// Package gocoursekitnet is the grading kit's virtual network, for hidden
// tests that serve HTTP inside a synctest bubble (NetBubble, NetExplore).
//
// It is a package of its own because net/http is the largest thing a test
// binary can link: lessons without a network do not pay for it (about a
// quarter of a race-enabled check). The grader overlays it as
// <module>/zz_gocoursekit/net, and adds its shim (net_test.go beside this
// file) only for lessons whose hidden tests use one of the shim's names.
//
// Every wait on it is durably blocking: listeners and connections are built
// from channels (a one-slot channel is the lock, a channel closed on every
// change is the wake-up), deadlines are timers created inside the bubble, and
// nothing waits on a sync.Mutex. So the bubble's clock advances whenever the
// code under test waits, a test's "wait at most 2s" costs no real time, and a
// goroutine the learner leaves behind is reported by the bubble with the
// learner's line. Nothing here binds a real socket.
//
// A scenario, as a lesson author writes it:
//
//	func TestServeStops(t *testing.T) {
//		gcNetBubble(t, func(t *testing.T, n *gcNet) {
//			ln := n.Listen("app")               // http://app.test/
//			slow := n.Slow("done\n")            // blocks until released
//			stop := make(chan struct{})
//			call := gcGo(func() error { return serve(ln, slow, stop) })
//			req := n.GetAsync(ln.URL("/"))
//			if !slow.StartedWithin(time.Second) { ... }
//			close(stop)
//			if err, ok := call.Within(250 * time.Millisecond); ok { ... returned too early ... }
//			slow.Release()
//			r, ok := req.Within(time.Second)    // r.Status, r.Body, r.Err
//			...
//		})
//	}
//
// The API:
//
//   - NetBubble(t, f) / NetExplore(t, schedules, f): Bubble / Explore with a
//     fresh Net handed to f and torn down (Net.Close) when f returns, before
//     the bubble looks for leaked goroutines.
//   - Net.Listen(name): a listener at "name.test:80". Accept blocks until a
//     client dials it, it is closed, or the test breaks it. Close never fails
//     (a second Close is a no-op). Listener.URL(path) is "http://name.test/path".
//   - Listener.Break() makes every Accept from now on fail with Listener.Err()
//     (a permanent error, as http.Server sees a dead listener); dials are then
//     refused. Listener.BreakNext() fails only the next Accept. BreakAll(lns...)
//     breaks several listeners at the same virtual instant.
//   - Listener.Accepted() and Listener.Open(): connections accepted so far, and
//     those whose server end is not closed yet.
//   - Listener.Lag(d): after Close or Break, an Accept that was blocked returns
//     only d (virtual) later, so code that does not wait for its server to end
//     is caught in the act.
//   - Net.Client(): an *http.Client dialing this network, with keep-alives off
//     so no idle connection outlives a request. Net.Dial for raw connections.
//   - Net.Get(url) (bounded by Net.Patience, 10s virtual) and Net.GetAsync(url)
//     (a *Pending: Within(d), Done(), Response()): a Response is Status, Body,
//     Err, and prints itself for messages.
//   - Net.Slow(body) / Net.SlowCtx(body): a handler that signals it started
//     (Started, StartedWithin) and blocks until Release; SlowCtx also returns
//     early (503, Cancelled() counts it) when r.Context() is done. Net.Close
//     releases every slow handler and cancels every request still pending.
//
// Go, Within, NewBarrier and Inside, which scenarios use beside it, are the
// core kit's (calls.go), for every lesson.

package gocoursekitnet

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"strconv"
	"testing"
	"time"

	gk "GOCOURSE_KIT"
)

// ---------------------------------------------------------------- locks

// chanLock is a mutex made of a one-slot channel: waiting for it is durably
// blocking inside a bubble, unlike sync.Mutex.
type chanLock chan struct{}

func newChanLock() chanLock { return make(chanLock, 1) }
func (l chanLock) lock()    { l <- struct{}{} }
func (l chanLock) unlock()  { <-l }

// signal is a wake-up that can fire many times: wait() returns a channel
// closed by the next fire(). Callers hold the lock of the state it guards.
type signal struct{ ch chan struct{} }

func (s *signal) wait() <-chan struct{} {
	if s.ch == nil {
		s.ch = make(chan struct{})
	}
	return s.ch
}

func (s *signal) fire() {
	if s.ch != nil {
		close(s.ch)
		s.ch = nil
	}
}

// ---------------------------------------------------------------- Net

// Net is one virtual network: its listeners, its client, the slow handlers
// and requests it tears down. Make it inside the bubble that uses it.
type Net struct {
	// Patience bounds Get (10s of virtual time unless changed).
	Patience time.Duration

	mu        chanLock
	listeners map[string]*Listener
	slows     []*Slow
	ctx       context.Context // cancelled by Close: every request made on n
	cancel    context.CancelFunc
	client    *http.Client
	port      int
}

// NewNet makes a network for the current bubble. Close it (NetBubble does)
// before the bubble checks for leaks.
func NewNet(t testing.TB) *Net {
	ctx, cancel := context.WithCancel(context.Background())
	n := &Net{Patience: 10 * time.Second, mu: newChanLock(), listeners: map[string]*Listener{},
		ctx: ctx, cancel: cancel, port: 40000}
	n.client = &http.Client{Transport: &http.Transport{
		DialContext:       n.Dial,
		DisableKeepAlives: true,
	}}
	t.Cleanup(n.Close) // a backstop: NetBubble closes it earlier
	return n
}

// NetBubble runs f in a bubble (see Bubble) with a fresh Net, closed when f
// returns, before the bubble looks for leaked goroutines.
func NetBubble(t *testing.T, f func(t *testing.T, n *Net)) {
	t.Helper()
	gk.Bubble(t, func(t *testing.T) {
		n := NewNet(t)
		defer n.Close()
		f(t, n)
	})
}

// NetExplore is Explore with a fresh Net for every schedule.
func NetExplore(t *testing.T, schedules int, f func(t *testing.T, n *Net)) {
	t.Helper()
	gk.Explore(t, schedules, func(t *testing.T) {
		n := NewNet(t)
		defer n.Close()
		f(t, n)
	})
}

// Close tears the test's side down: every slow handler is released and every
// request still pending is cancelled. Listeners stay as they are, so a server
// the learner left serving is still there for the leak check to find.
func (n *Net) Close() {
	n.mu.lock()
	slows := n.slows
	n.mu.unlock()
	for _, s := range slows {
		s.Release()
	}
	n.cancel()
}

// Listen opens a listener at name.test:80 (names must be distinct).
func (n *Net) Listen(name string) *Listener {
	n.mu.lock()
	defer n.mu.unlock()
	host := name + ".test"
	l := &Listener{n: n, name: name, host: host, mu: newChanLock(),
		addr: fakeAddr(host + ":80"),
		err:  fmt.Errorf("accept tcp %s:80: the test broke the %s listener", host, name)}
	n.listeners[host] = l
	return l
}

// Client is an *http.Client on this network that keeps no idle connection.
func (n *Net) Client() *http.Client { return n.client }

var errRefused = errors.New("connection refused")

// Dial connects to a listener of n by address ("app.test:80" or "app.test").
func (n *Net) Dial(ctx context.Context, network, addr string) (net.Conn, error) {
	host := addr
	if h, _, err := net.SplitHostPort(addr); err == nil {
		host = h
	}
	n.mu.lock()
	l := n.listeners[host]
	n.port++
	port := n.port
	n.mu.unlock()
	opErr := &net.OpError{Op: "dial", Net: "tcp", Addr: fakeAddr(addr), Err: errRefused}
	if l == nil {
		return nil, opErr
	}
	l.mu.lock()
	defer l.mu.unlock()
	if l.closed || (l.broken && !l.once) {
		return nil, opErr
	}
	client, server := newConnPair(l.addr, fakeAddr("client.test:"+strconv.Itoa(port)))
	server.onClose = l.connClosed
	l.queue = append(l.queue, server)
	l.changed.fire()
	return client, nil
}

// fakeAddr is a net.Addr on the virtual network.
type fakeAddr string

func (a fakeAddr) Network() string { return "tcp" }
func (a fakeAddr) String() string  { return string(a) }

// ---------------------------------------------------------------- Listener

// Listener is a net.Listener of a Net that the test can break.
type Listener struct {
	n          *Net
	name, host string
	addr       net.Addr
	err        error // what Accept returns once broken

	mu       chanLock
	queue    []*conn // dialled, not accepted yet
	closed   bool
	broken   bool // Accept fails with err
	once     bool // ... only once (BreakNext)
	lag      time.Duration
	changed  signal
	accepted int
	open     int
}

// Accept waits for a connection, or fails once the listener is closed or broken.
func (l *Listener) Accept() (net.Conn, error) {
	waited := false
	for {
		l.mu.lock()
		switch {
		case l.broken:
			if l.once {
				l.broken, l.once = false, false
			}
			lag := l.lag
			l.mu.unlock()
			if waited && lag > 0 {
				time.Sleep(lag)
			}
			return nil, l.err
		case l.closed:
			lag := l.lag
			l.mu.unlock()
			if waited && lag > 0 {
				time.Sleep(lag)
			}
			return nil, &net.OpError{Op: "accept", Net: "tcp", Addr: l.addr, Err: net.ErrClosed}
		case len(l.queue) > 0:
			c := l.queue[0]
			l.queue = l.queue[1:]
			l.accepted++
			l.open++
			l.mu.unlock()
			return c, nil
		}
		wake := l.changed.wait()
		l.mu.unlock()
		waited = true
		<-wake
	}
}

// Close stops the listener: a blocked Accept fails with net.ErrClosed, and
// connections dialled but not accepted yet are reset. It never fails.
func (l *Listener) Close() error {
	l.mu.lock()
	defer l.mu.unlock()
	if !l.closed {
		l.closed = true
		l.dropQueueLocked()
		l.changed.fire()
	}
	return nil
}

func (l *Listener) dropQueueLocked() {
	for _, c := range l.queue {
		c.closeNoCount()
	}
	l.queue = nil
}

// Addr is "name.test:80".
func (l *Listener) Addr() net.Addr { return l.addr }

// Name is the name the listener was opened with.
func (l *Listener) Name() string { return l.name }

// URL is the address of path on this listener: "http://name.test/path".
func (l *Listener) URL(path string) string { return "http://" + l.host + path }

// Err is the error Accept returns once the listener is broken.
func (l *Listener) Err() error { return l.err }

// Break makes every Accept from now on fail with Err(), and refuses dials.
func (l *Listener) Break() { BreakAll(l) }

// BreakNext makes the next Accept (only) fail with Err().
func (l *Listener) BreakNext() {
	l.mu.lock()
	defer l.mu.unlock()
	if !l.broken {
		l.broken, l.once = true, true
		l.changed.fire()
	}
}

// BreakAll breaks every listener given at the same virtual instant: none of
// their Accepts can see its failure before the others are broken too.
func BreakAll(lns ...*Listener) {
	seen := map[*Listener]bool{}
	uniq := lns[:0:0]
	for _, l := range lns {
		if !seen[l] {
			seen[l] = true
			uniq = append(uniq, l)
		}
	}
	lns = uniq
	for _, l := range lns {
		l.mu.lock()
	}
	for _, l := range lns {
		l.broken, l.once = true, false
		l.dropQueueLocked()
		l.changed.fire()
	}
	for _, l := range lns {
		l.mu.unlock()
	}
}

// Lag makes an Accept that was blocked return d (virtual) after the listener
// was closed or broken.
func (l *Listener) Lag(d time.Duration) {
	l.mu.lock()
	l.lag = d
	l.mu.unlock()
}

// Accepted is how many connections Accept has handed out.
func (l *Listener) Accepted() int {
	l.mu.lock()
	defer l.mu.unlock()
	return l.accepted
}

// Open is how many accepted connections the server has not closed yet.
func (l *Listener) Open() int {
	l.mu.lock()
	defer l.mu.unlock()
	return l.open
}

func (l *Listener) connClosed() {
	l.mu.lock()
	l.open--
	l.mu.unlock()
}

// ---------------------------------------------------------------- conn

// pipe is one direction of a connection: bytes written by one end, read by
// the other. Writes never block (the buffer is unbounded).
type pipe struct {
	mu       chanLock
	buf      []byte
	eof      bool // the writer closed: reads return io.EOF once buf is drained
	closed   bool // the reader closed: reads and writes fail
	deadline time.Time
	changed  signal
}

func newPipe() *pipe { return &pipe{mu: newChanLock()} }

// conn is one end of a virtual connection.
type conn struct {
	in, out       *pipe
	local, remote net.Addr
	wdeadline     chanLock // guards writeDL
	writeDL       time.Time
	onClose       func()
	closeMu       chanLock
	isClosed      bool
}

func newConnPair(server, client net.Addr) (c, s *conn) {
	a, b := newPipe(), newPipe() // a: client -> server, b: server -> client
	c = &conn{in: b, out: a, local: client, remote: server, wdeadline: newChanLock(), closeMu: newChanLock()}
	s = &conn{in: a, out: b, local: server, remote: client, wdeadline: newChanLock(), closeMu: newChanLock()}
	return c, s
}

func (c *conn) opErr(op string, err error) error {
	return &net.OpError{Op: op, Net: "tcp", Source: c.local, Addr: c.remote, Err: err}
}

func (c *conn) Read(b []byte) (int, error) {
	p := c.in
	for {
		p.mu.lock()
		switch {
		case p.closed:
			p.mu.unlock()
			return 0, c.opErr("read", net.ErrClosed)
		case len(p.buf) > 0:
			n := copy(b, p.buf)
			p.buf = p.buf[n:]
			p.mu.unlock()
			return n, nil
		case p.eof:
			p.mu.unlock()
			return 0, io.EOF
		}
		dl := p.deadline
		if !dl.IsZero() && !time.Now().Before(dl) {
			p.mu.unlock()
			return 0, c.opErr("read", os.ErrDeadlineExceeded)
		}
		wake := p.changed.wait()
		p.mu.unlock()
		if dl.IsZero() {
			<-wake
			continue
		}
		timer := time.NewTimer(time.Until(dl))
		select {
		case <-wake:
		case <-timer.C:
		}
		timer.Stop()
	}
}

func (c *conn) Write(b []byte) (int, error) {
	c.wdeadline.lock()
	dl := c.writeDL
	c.wdeadline.unlock()
	p := c.out
	p.mu.lock()
	defer p.mu.unlock()
	switch {
	case p.eof: // we closed our end
		return 0, c.opErr("write", net.ErrClosed)
	case p.closed: // the peer closed its end
		return 0, c.opErr("write", errors.New("broken pipe"))
	case !dl.IsZero() && !time.Now().Before(dl):
		return 0, c.opErr("write", os.ErrDeadlineExceeded)
	}
	p.buf = append(p.buf, b...)
	p.changed.fire()
	return len(b), nil
}

func (c *conn) Close() error {
	c.closeMu.lock()
	first := !c.isClosed
	c.isClosed = true
	c.closeMu.unlock()
	if !first {
		return c.opErr("close", net.ErrClosed)
	}
	c.closeNoCount()
	if c.onClose != nil {
		c.onClose()
	}
	return nil
}

// closeNoCount closes both directions without counting the connection as
// closed by the server (a connection reset before it was accepted).
func (c *conn) closeNoCount() {
	c.closeMu.lock()
	c.isClosed = true
	c.closeMu.unlock()
	c.in.mu.lock()
	c.in.closed, c.in.buf = true, nil
	c.in.changed.fire()
	c.in.mu.unlock()
	c.out.mu.lock()
	c.out.eof = true
	c.out.changed.fire()
	c.out.mu.unlock()
}

func (c *conn) LocalAddr() net.Addr  { return c.local }
func (c *conn) RemoteAddr() net.Addr { return c.remote }

func (c *conn) SetDeadline(t time.Time) error {
	c.SetReadDeadline(t)
	return c.SetWriteDeadline(t)
}

func (c *conn) SetReadDeadline(t time.Time) error {
	c.in.mu.lock()
	c.in.deadline = t
	c.in.changed.fire() // a blocked Read looks at the new deadline
	c.in.mu.unlock()
	return nil
}

func (c *conn) SetWriteDeadline(t time.Time) error {
	c.wdeadline.lock()
	c.writeDL = t
	c.wdeadline.unlock()
	return nil
}

// ---------------------------------------------------------------- requests

// Response is what a GET got: a status and body, or an error.
type Response struct {
	Status int
	Body   string
	Err    error
}

// OK reports a 200 with exactly body.
func (r Response) OK(body string) bool {
	return r.Err == nil && r.Status == http.StatusOK && r.Body == body
}

// String is "200 \"Hello\\n\"" or "error: ...", for messages.
func (r Response) String() string {
	if r.Err != nil {
		return "error: " + r.Err.Error()
	}
	body := r.Body
	if len(body) > 60 {
		body = body[:60] + "..."
	}
	return fmt.Sprintf("%d %q", r.Status, body)
}

func (n *Net) get(ctx context.Context, url string) Response {
	req, err := http.NewRequestWithContext(ctx, "GET", url, nil)
	if err != nil {
		return Response{Err: err}
	}
	resp, err := n.client.Do(req)
	if err != nil {
		return Response{Err: err}
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	return Response{Status: resp.StatusCode, Body: string(b), Err: err}
}

// Get fetches url, giving up after n.Patience (virtual time).
func (n *Net) Get(url string) Response {
	ctx, cancel := context.WithTimeout(n.ctx, n.Patience)
	defer cancel()
	return n.get(ctx, url)
}

// Pending is a GET in progress.
type Pending struct {
	done chan struct{}
	resp Response
}

// GetAsync starts a GET of url. It runs until it is answered or the network
// is closed (Net.Close cancels it).
func (n *Net) GetAsync(url string) *Pending {
	p := &Pending{done: make(chan struct{})}
	go func() {
		defer close(p.done)
		p.resp = n.get(n.ctx, url)
	}()
	return p
}

// Done is closed when the response (or an error) has arrived.
func (p *Pending) Done() <-chan struct{} { return p.done }

// Response is what the GET got; call it only after Done.
func (p *Pending) Response() Response {
	<-p.done
	return p.resp
}

// Within waits at most d for the response; ok is false if it has not come.
func (p *Pending) Within(d time.Duration) (r Response, ok bool) {
	if _, ok := gk.Within(p.done, d); !ok {
		return r, false
	}
	return p.resp, true
}

// ---------------------------------------------------------------- handlers

// Slow is a handler that holds each request until the test releases it: a
// request in flight for as long as the test wants.
type Slow struct {
	body               string
	honour             bool
	started            chan struct{} // closed when the first request arrived
	release            chan struct{} // closed by Release
	mu                 chanLock
	entered, cancelled int
	released           bool
}

// Slow returns a handler that answers 200 body once released, whatever
// happens to its request's context meanwhile.
func (n *Net) Slow(body string) *Slow { return n.newSlow(body, false) }

// SlowCtx is Slow, but it also returns early when r.Context() is done,
// answering 503 and counting the request in Cancelled.
func (n *Net) SlowCtx(body string) *Slow { return n.newSlow(body, true) }

func (n *Net) newSlow(body string, honour bool) *Slow {
	s := &Slow{body: body, honour: honour, started: make(chan struct{}), release: make(chan struct{}), mu: newChanLock()}
	n.mu.lock()
	n.slows = append(n.slows, s)
	n.mu.unlock()
	return s
}

func (s *Slow) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	s.mu.lock()
	s.entered++
	if s.entered == 1 {
		close(s.started)
	}
	s.mu.unlock()
	var ctxDone <-chan struct{}
	if s.honour {
		ctxDone = r.Context().Done()
	}
	select {
	case <-s.release:
		io.WriteString(w, s.body)
	case <-ctxDone:
		s.mu.lock()
		s.cancelled++
		s.mu.unlock()
		http.Error(w, "the request's context was cancelled: "+context.Cause(r.Context()).Error(), http.StatusServiceUnavailable)
	}
}

// Body is what the handler answers once released.
func (s *Slow) Body() string { return s.body }

// Started is closed when the first request reached the handler.
func (s *Slow) Started() <-chan struct{} { return s.started }

// StartedWithin waits at most d for a request to reach the handler.
func (s *Slow) StartedWithin(d time.Duration) bool {
	_, ok := gk.Within(s.started, d)
	return ok
}

// Release lets every request held (and every later one) complete.
func (s *Slow) Release() {
	s.mu.lock()
	defer s.mu.unlock()
	if !s.released {
		s.released = true
		close(s.release)
	}
}

// Cancelled counts the requests that ended because their context was done
// before Release (SlowCtx only).
func (s *Slow) Cancelled() int {
	s.mu.lock()
	defer s.mu.unlock()
	return s.cancelled
}

// Text is a handler that answers 200 body at once.
func Text(body string) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { io.WriteString(w, body) })
}
