package checker

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io/fs"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"github.com/gofrs/flock"
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
// process group (a Job Object on Windows) so that the whole tree — go, the
// test binary and anything the learner's code spawned — is killed when the
// deadline passes. It always returns: pipes held open by escaped children are
// abandoned after waitAfterEnd.
//
// Should gocourse itself die (kill -9, a closed terminal), the tree goes too:
// on Linux the go command gets a parent-death signal; on Windows the Job
// Object, whose only handle gocourse holds, kills the tree when it closes; on
// every system the test binary holds a lifeline (a loopback connection to
// gocourse, see lifeline) and, when it breaks, removes the grading's folder
// and kills its process group. The folder carries an owner lock that
// SweepStale uses to remove what a dead gocourse left anyway.
func runGoTest(ctx context.Context, limit time.Duration, cmd *exec.Cmd) runResult {
	ctx, cancel := context.WithTimeout(ctx, limit)
	defer cancel()

	log := newEventLog()
	log.onBuild = buildHook(ctx) // nil but for WarmProgress
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
	cmd.WaitDelay = waitAfterEnd

	dir := gradingDir(cmd)
	if dir != "" {
		release, err := holdOwnerLock(dir)
		if err != nil {
			return runResult{events: log, err: err}
		}
		defer release()
	}
	line, err := startLifeline()
	if err != nil {
		return runResult{events: log, err: err}
	}
	defer line.close()
	cmd.Env = append(cmd.Env, lifelineEnv+"="+line.addr())
	if dir != "" {
		cmd.Env = append(cmd.Env, gradeDirEnv+"="+dir)
	}

	group := newProcGroup(cmd)
	if err := cmd.Start(); err != nil {
		group.close()
		return runResult{events: log, err: err}
	}
	defer group.close()
	if err := group.started(); err != nil {
		group.kill()
		_ = cmd.Wait()
		return runResult{events: log, err: err}
	}
	// exec.Cmd only kills the direct child on ctx done; we kill the group.
	stop := context.AfterFunc(ctx, group.kill)
	err = cmd.Wait()
	stop()
	group.kill() // children left behind by a finished run
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

// ---------------------------------------------------------------- lifeline

// The environment the test binary reads (checker/testdata/kit/lifeline.go).
const (
	lifelineEnv = "GOCOURSE_LIFELINE"  // host:port to connect to and hold
	gradeDirEnv = "GOCOURSE_GRADE_DIR" // the grading's folder, removed if the line breaks
)

// lifeline is a loopback listener for one grading. The test binary connects
// as it starts and blocks reading; gocourse never writes. When gocourse dies
// the operating system closes the connection, the read returns, and the test
// binary ends its process group: the same on Linux, macOS and Windows, where
// a parent-death signal exists only on Linux and not for grandchildren.
type lifeline struct {
	ln    net.Listener
	mu    sync.Mutex
	conns []net.Conn
	done  chan struct{} // closed when the accept loop has returned
}

func startLifeline() (*lifeline, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, fmt.Errorf("lifeline: %w", err)
	}
	l := &lifeline{ln: ln, done: make(chan struct{})}
	go l.accept() // owned by l: ends when close closes the listener
	return l, nil
}

func (l *lifeline) addr() string { return l.ln.Addr().String() }

func (l *lifeline) accept() {
	defer close(l.done)
	for {
		c, err := l.ln.Accept()
		if err != nil {
			return
		}
		l.mu.Lock()
		l.conns = append(l.conns, c)
		l.mu.Unlock()
	}
}

// close ends the grading's lifeline: a test binary still holding it (one
// that escaped the group kill) ends itself.
func (l *lifeline) close() {
	_ = l.ln.Close()
	<-l.done
	l.mu.Lock()
	defer l.mu.Unlock()
	for _, c := range l.conns {
		_ = c.Close()
	}
	l.conns = nil
}

// ---------------------------------------------------------------- stale folders

// gradingPrefix names every grading's temp folder (os.MkdirTemp pattern).
const gradingPrefix = "gocourse-grade-"

// ownerLockName is the lock file a live grading holds in its folder.
const ownerLockName = "owner.lock"

// gradingDir is the grading folder of cmd: where its result file is.
func gradingDir(cmd *exec.Cmd) string {
	for _, kv := range cmd.Env {
		if p, ok := strings.CutPrefix(kv, "GOCOURSE_RESULT="); ok {
			if d := filepath.Dir(p); strings.HasPrefix(filepath.Base(d), gradingPrefix) {
				return d
			}
		}
	}
	return ""
}

// holdOwnerLock locks dir/owner.lock for as long as the grading runs: the
// operating system drops the lock when gocourse dies, however it dies,
// which is how SweepStale tells a live grading from a dead one.
func holdOwnerLock(dir string) (release func(), err error) {
	lk := flock.New(filepath.Join(dir, ownerLockName))
	ok, err := lk.TryLock()
	if err == nil && !ok {
		err = errors.New("already locked")
	}
	if err != nil {
		return nil, fmt.Errorf("locking %s: %w", lk.Path(), err)
	}
	return func() { _ = lk.Unlock(); _ = lk.Close() }, nil
}

// staleAge is how old an unlocked grading folder must be before the sweep
// takes it: a new grading creates its folder a few milliseconds before it
// locks it.
var staleAge = 5 * time.Second

// SweepStale removes grading folders in the temp directory whose owner is
// gone (a gocourse killed with kill -9, a machine that lost power): their
// owner lock is free and they are older than a few seconds. Folders of
// gradings that are running, in this process or another, are left alone.
// It returns how many it removed.
func SweepStale() int {
	dirs, _ := filepath.Glob(filepath.Join(os.TempDir(), gradingPrefix+"*"))
	n := 0
	for _, d := range dirs {
		st, err := os.Lstat(d)
		if err != nil || !st.IsDir() || time.Since(st.ModTime()) < staleAge {
			continue
		}
		lk := flock.New(filepath.Join(d, ownerLockName), flock.SetFlag(os.O_RDONLY)) // never create it
		ok, err := lk.TryLock()
		if errors.Is(err, fs.ErrNotExist) {
			ok, err = true, nil // a folder without a lock file, older than staleAge
		}
		if err != nil || !ok {
			continue // alive (or not ours to judge)
		}
		// Unlock after the removal on Unix (a lock on a removed file is
		// harmless); on Windows a locked, open file cannot be removed.
		_ = lk.Unlock()
		_ = lk.Close()
		if os.RemoveAll(d) == nil {
			n++
		}
	}
	return n
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
