package checker

import (
	"bytes"
	"context"
	"errors"
	"os/exec"
	"sync"
	"time"
)

// Output caps: a hostile or chatty exercise cannot fill the grader's memory.
const (
	floodLimit   = 16 << 20  // bytes of `go test -json` output before the run is stopped
	keepOutput   = 256 << 10 // bytes of raw output kept for the details view
	keepPerTest  = 64 << 10  // bytes of output kept per test for classification
	waitAfterEnd = time.Second
)

// runResult is what one `go test` process did.
type runResult struct {
	events   *eventLog
	stderr   string
	exitCode int
	timedOut bool // our hard limit killed it
	flooded  bool // it printed more than floodLimit
	err      error
}

// runGoTest runs cmd (made with exec.CommandContext) under a hard deadline, in its own
// process group so that the whole tree — go, the test binary and anything the
// learner's code spawned — is killed when the deadline passes. It always
// returns: pipes held open by escaped children are abandoned after waitAfterEnd.
func runGoTest(ctx context.Context, limit time.Duration, cmd *exec.Cmd) runResult {
	ctx, cancel := context.WithTimeout(ctx, limit)
	defer cancel()

	log := newEventLog()
	var flooded bool
	var mu sync.Mutex
	sink := &lineSink{limit: floodLimit, onLine: log.add, onFlood: func() {
		mu.Lock()
		flooded = true
		mu.Unlock()
		cancel()
	}}
	var stderr cappedBuffer
	stderr.max = keepOutput
	cmd.Stdout = sink
	cmd.Stderr = &stderr
	setProcessGroup(cmd)
	cmd.WaitDelay = waitAfterEnd

	if err := cmd.Start(); err != nil {
		return runResult{events: log, err: err}
	}
	// exec.Cmd only kills the direct child on ctx done; we kill the group.
	stop := context.AfterFunc(ctx, func() { killProcessGroup(cmd) })
	err := cmd.Wait()
	stop()
	killProcessGroup(cmd) // children left behind by a finished run
	sink.flush()

	res := runResult{events: log, stderr: stderr.String(), exitCode: cmd.ProcessState.ExitCode()}
	mu.Lock()
	res.flooded = flooded
	mu.Unlock()
	if !res.flooded && errors.Is(ctx.Err(), context.DeadlineExceeded) {
		res.timedOut = true
	}
	var exitErr *exec.ExitError
	if err != nil && !errors.As(err, &exitErr) && !errors.Is(err, exec.ErrWaitDelay) {
		res.err = err
	}
	return res
}

// lineSink splits a byte stream into lines for onLine and calls onFlood once
// when more than limit bytes have arrived; after that it discards.
type lineSink struct {
	mu      sync.Mutex // Write runs in exec's copying goroutine, flush in ours
	limit   int
	onLine  func([]byte)
	onFlood func()
	total   int
	partial []byte
	flooded bool
}

func (s *lineSink) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.flooded {
		return len(p), nil
	}
	s.total += len(p)
	if s.total > s.limit {
		s.flooded = true
		s.partial = nil
		s.onFlood()
		return len(p), nil
	}
	s.partial = append(s.partial, p...)
	for {
		i := bytes.IndexByte(s.partial, '\n')
		if i < 0 {
			break
		}
		s.onLine(s.partial[:i])
		s.partial = s.partial[i+1:]
	}
	return len(p), nil
}

func (s *lineSink) flush() {
	s.mu.Lock()
	defer s.mu.Unlock()
	if len(s.partial) > 0 && !s.flooded {
		s.onLine(s.partial)
	}
	s.partial = nil
}

// cappedBuffer keeps the first max bytes written to it.
type cappedBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
	max int
}

func (b *cappedBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	if room := b.max - b.buf.Len(); room > 0 {
		if len(p) > room {
			b.buf.Write(p[:room])
		} else {
			b.buf.Write(p)
		}
	}
	return len(p), nil
}

func (b *cappedBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}
