package sample

import (
	"context"
	"errors"
	"io"
	"net"
	"net/http"
	"testing"
	"time"
)

// Unit tests of the kit's virtual network (checker/testdata/kit/net/net.go),
// graded by checker/kitnet_test.go against a one-function exercise:
// func Serve(ln net.Listener, h http.Handler) error { return http.Serve(ln, h) }.
// Every test runs in a bubble; exact virtual times prove that every wait was
// durably blocking (a wait that was not would freeze the clock, and the
// watchdog would end the binary).

func kitFail(t *testing.T, format string, args ...any) {
	t.Helper()
	gcErrorf(t, format, format, args...)
}

func TestKitNetServesAndBreaks(t *testing.T) {
	gcNetBubble(t, func(t *testing.T, n *gcNet) {
		ln := n.Listen("app")
		call := gcGo(func() error { return Serve(ln, gcText("hi\n")) })
		if r := n.Get(ln.URL("/")); !r.OK("hi\n") {
			kitFail(t, "GET answered %s, want 200 \"hi\\n\"", r)
		}
		if got := ln.Accepted(); got != 1 {
			kitFail(t, "Accepted() = %d after one request, want 1", got)
		}
		gcInside(t) // let the server close its end
		if got := ln.Open(); got != 0 {
			kitFail(t, "Open() = %d after a request without keep-alive, want 0", got)
		}
		if p := gcInside(t, "Serve"); len(p) != 1 || p[0].File != "sample.go" {
			kitFail(t, "Inside(Serve) = %v while Serve serves, want one place in sample.go", p)
		}
		start := time.Now()
		ln.Break()
		err, ok := call.Within(time.Second)
		switch {
		case !ok:
			kitFail(t, "Serve did not return after Break")
		case err != ln.Err():
			kitFail(t, "Serve returned %v after Break, want exactly Err() %v", err, ln.Err())
		case time.Since(start) != 0:
			kitFail(t, "Break took %v of virtual time, want 0", time.Since(start))
		}
		if p := gcInside(t, "Serve"); len(p) != 0 {
			kitFail(t, "Inside(Serve) = %v after Serve returned, want none", p)
		}
		if r := n.Get(ln.URL("/")); r.Err == nil {
			kitFail(t, "GET on a broken listener answered %s, want a refused dial", r)
		}
	})
}

func TestKitNetBreakNextFailsOneAccept(t *testing.T) {
	gcNetBubble(t, func(t *testing.T, n *gcNet) {
		ln := n.Listen("raw")
		ln.BreakNext()
		if _, err := ln.Accept(); err != ln.Err() {
			kitFail(t, "first Accept after BreakNext: %v, want %v", err, ln.Err())
		}
		c, err := n.Dial(context.Background(), "tcp", "raw.test:80")
		if err != nil {
			kitFail(t, "dial after BreakNext: %v", err)
			return
		}
		defer c.Close()
		s, err := ln.Accept()
		if err != nil {
			kitFail(t, "second Accept after BreakNext: %v, want a connection", err)
			return
		}
		s.Close()
	})
}

func TestKitNetBreakAllAtOneInstant(t *testing.T) {
	gcNetBubble(t, func(t *testing.T, n *gcNet) {
		a, b := n.Listen("a"), n.Listen("b")
		type got struct {
			err error
			at  time.Time
		}
		res := make(chan got, 2)
		for _, l := range []*gcListener{a, b} {
			go func() { _, err := l.Accept(); res <- got{err, time.Now()} }()
		}
		time.Sleep(time.Second) // both wait in Accept
		want := time.Now()
		gcBreakAll(a, b)
		for range 2 {
			g := <-res
			if (g.err != a.Err() && g.err != b.Err()) || !g.at.Equal(want) {
				kitFail(t, "Accept after BreakAll: %v at +%v, want a listener's Err at +0", g.err, g.at.Sub(want))
			}
		}
	})
}

func TestKitNetCloseResetsQueueAndRefuses(t *testing.T) {
	gcNetBubble(t, func(t *testing.T, n *gcNet) {
		ln := n.Listen("raw")
		c, err := n.Dial(context.Background(), "tcp", "raw.test:80")
		if err != nil {
			kitFail(t, "dial: %v", err)
			return
		}
		ln.Close()
		if _, err := c.Read(make([]byte, 1)); err != io.EOF {
			kitFail(t, "read on a connection reset by Close: %v, want io.EOF", err)
		}
		c.Close()
		if _, err := ln.Accept(); !errors.Is(err, net.ErrClosed) {
			kitFail(t, "Accept after Close: %v, want net.ErrClosed", err)
		}
		if _, err := n.Dial(context.Background(), "tcp", "raw.test:80"); err == nil {
			kitFail(t, "dial after Close succeeded, want refused")
		}
		if err := ln.Close(); err != nil {
			kitFail(t, "second Close: %v, want nil", err)
		}
	})
}

func TestKitNetConnDeadlinesAndData(t *testing.T) {
	gcNetBubble(t, func(t *testing.T, n *gcNet) {
		ln := n.Listen("raw")
		c, _ := n.Dial(context.Background(), "tcp", "raw.test:80")
		s, err := ln.Accept()
		if err != nil {
			kitFail(t, "Accept: %v", err)
			return
		}
		defer c.Close()
		c.Write([]byte("ping"))
		buf := make([]byte, 8)
		if k, err := s.Read(buf); err != nil || string(buf[:k]) != "ping" {
			kitFail(t, "server read %q, %v; want \"ping\"", buf[:k], err)
		}
		// A deadline 5s ahead ends a blocked Read exactly then.
		start := time.Now()
		s.SetReadDeadline(start.Add(5 * time.Second))
		_, err = s.Read(buf)
		var ne net.Error
		if !errors.As(err, &ne) || !ne.Timeout() || time.Since(start) != 5*time.Second {
			kitFail(t, "read with a 5s deadline: %v after %v, want a timeout after exactly 5s", err, time.Since(start))
		}
		// A deadline moved into the past wakes a Read already blocked.
		s.SetReadDeadline(time.Time{})
		woke := make(chan error, 1)
		go func() { _, err := s.Read(buf); woke <- err }()
		time.Sleep(time.Second)
		s.SetReadDeadline(time.Unix(1, 0))
		// It returns before any virtual time passes (Within's timer never fires).
		if err, ok := gcWithin(woke, time.Nanosecond); !ok || !errors.As(err, &ne) || !ne.Timeout() {
			kitFail(t, "blocked read after a past deadline: %v (returned %v), want a timeout at once", err, ok)
		}
		s.Close()
		if _, err := c.Read(buf); err != io.EOF {
			kitFail(t, "client read after the server closed: %v, want io.EOF", err)
		}
		if _, err := c.Write([]byte("x")); err == nil {
			kitFail(t, "write to a closed peer succeeded")
		}
	})
}

func TestKitNetSlowHandlerAndShutdown(t *testing.T) {
	gcNetBubble(t, func(t *testing.T, n *gcNet) {
		ln := n.Listen("app")
		slow := n.SlowCtx("done\n")
		srv := &http.Server{Handler: slow}
		served := gcGo(func() error { return srv.Serve(ln) })
		req := n.GetAsync(ln.URL("/"))
		if !slow.StartedWithin(time.Second) {
			kitFail(t, "the slow handler never started")
			return
		}
		shut := gcGo(func() error { return srv.Shutdown(context.Background()) })
		if _, ok := shut.Within(time.Hour); ok {
			kitFail(t, "Shutdown returned with a request held by the slow handler")
		}
		slow.Release()
		if r, ok := req.Within(time.Second); !ok || !r.OK("done\n") {
			kitFail(t, "request after Release: %s (%v), want 200 \"done\\n\"", r, ok)
		}
		if err, ok := shut.Within(time.Second); !ok || err != nil {
			kitFail(t, "Shutdown after Release: %v (%v), want nil", err, ok)
		}
		if err, _ := served.Within(time.Second); !errors.Is(err, http.ErrServerClosed) {
			kitFail(t, "Serve after Shutdown: %v, want ErrServerClosed", err)
		}
		if slow.Cancelled() != 0 {
			kitFail(t, "Cancelled() = %d, want 0", slow.Cancelled())
		}
	})
}

func TestKitNetSlowCtxSeesClose(t *testing.T) {
	gcNetBubble(t, func(t *testing.T, n *gcNet) {
		ln := n.Listen("app")
		slow := n.SlowCtx("done\n")
		srv := &http.Server{Handler: slow}
		served := gcGo(func() error { return srv.Serve(ln) })
		req := n.GetAsync(ln.URL("/"))
		slow.StartedWithin(time.Second)
		srv.Close()
		if r, ok := req.Within(time.Second); !ok || r.Err == nil {
			kitFail(t, "request cut by Close: %s (%v), want an error", r, ok)
		}
		served.Within(time.Second)
		gcInside(t)
		if slow.Cancelled() != 1 {
			kitFail(t, "Cancelled() = %d after Close cut the request, want 1", slow.Cancelled())
		}
	})
}

func TestKitNetLagDelaysAccept(t *testing.T) {
	gcNetBubble(t, func(t *testing.T, n *gcNet) {
		ln := n.Listen("raw")
		ln.Lag(10 * time.Millisecond)
		at := make(chan time.Duration, 1)
		start := time.Now()
		go func() { ln.Accept(); at <- time.Since(start) }()
		time.Sleep(time.Second)
		ln.Close()
		if d := <-at; d != time.Second+10*time.Millisecond {
			kitFail(t, "Accept returned %v after start, want 1.01s (Close at 1s, lag 10ms)", d)
		}
	})
}

func TestKitWithinAndBarrier(t *testing.T) {
	gcNetBubble(t, func(t *testing.T, n *gcNet) {
		start := time.Now()
		if _, ok := gcWithin(make(chan int), 3*time.Second); ok || time.Since(start) != 3*time.Second {
			kitFail(t, "Within on a silent channel: ok=%v after %v, want false after exactly 3s", ok, time.Since(start))
		}
		b := gcNewBarrier(3)
		arrived := make(chan time.Time, 3)
		for i := range 3 {
			go func() { time.Sleep(time.Duration(i) * time.Second); b.Arrive(); arrived <- time.Now() }()
		}
		t0 := time.Now()
		for range 3 {
			if d := (<-arrived).Sub(t0); d != 2*time.Second {
				kitFail(t, "Barrier released a goroutine at +%v, want +2s (the last arrival)", d)
			}
		}
	})
}

// TestKitNetLeakedServer passes for a Serve that serves; a Serve that leaves
// its server in a goroutine is reported by the bubble as a leak in sample.go.
func TestKitNetLeakedServer(t *testing.T) {
	gcNetBubble(t, func(t *testing.T, n *gcNet) {
		ln := n.Listen("app")
		call := gcGo(func() error { return Serve(ln, gcText("hi\n")) })
		n.Get(ln.URL("/"))
		if _, returned := call.Within(time.Second); returned {
			return // the server it left behind is still in Accept: a leak
		}
		ln.Break()
		call.Within(time.Second)
	})
}
