package gocoursekit

// Explored schedules. At grading time the learner's files are rewritten
// (checker/rewrite.go) so that Y(site) runs before and after every channel
// operation, select, close, go statement, sync and sync/atomic call. Outside
// Explore, Y is one atomic load. Inside it, a schedule decides at which
// yields the goroutine that reached it steps aside: it calls
// runtime.Gosched a number of times with GOMAXPROCS(1), so that every other
// runnable goroutine of the bubble runs until it blocks — PCT's "lower this
// thread's priority" (Burckhardt et al., ASPLOS 2010), approximated. A
// pause never sleeps, so the bubble's virtual clock never moves: timing
// assertions stay exact.
//
// The schedules of one Explore, in order:
//   - seeds that failed in this lesson's earlier gradings (GOCOURSE_SEEDS);
//   - seed 0: no pause at all (and it counts the yields, N);
//   - seeds 1..N: one pause, at the k-th yield (delay-bounded search with a
//     bound of one: every bug that needs a single goroutine to be overtaken at
//     a single point is found once N schedules have run);
//   - the rest, seeds >= 1<<16: PCT-like, 1-3 pauses at random yields, each
//     of a random length; the seed encodes N, so it replays.
//
// The yields are also recorded: when a schedule fails, the failure shows the
// last steps before it as the learner's own lines.

import (
	"math/rand/v2"
	"os"
	"runtime"
	"sort"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// Y is the yield point the rewritten learner files call.
func Y(site int) {
	s := current.Load()
	if s == nil {
		return
	}
	s.yield(site)
}

// current is the schedule being explored, nil outside Explore.
var current atomic.Pointer[schedule]

// pauseRounds is how many times a paused goroutine calls runtime.Gosched at
// most; with one P each call lets every runnable goroutine run until it
// blocks or yields.
const pauseRounds = 64

// exploreBudget bounds the real time one Explore spends on its schedules
// after the first: on a machine so loaded that they run slowly, fewer are
// explored, rather than a right solution hitting the lesson's time limit.
const exploreBudget = 4 * time.Second

// randomSeedBase separates single-pause seeds (< it) from PCT seeds.
const randomSeedBase = 1 << 16

type schedule struct {
	seed    int64
	pauses  map[int64]int // hit number -> Gosched rounds
	hits    atomic.Int64
	choices atomic.Int64 // selects chosen so far (choose.go)
	failAt  atomic.Int64 // the hit count when the first failure was reported

	// The trace: a ring of the last steps. Each entry packs the site, the
	// goroutine and whether it paused there; only atomics touch it, with the
	// race detector's synchronisation events off, so that the kit never
	// orders two of the learner's goroutines (that would hide their races).
	ring []uint64         // traceLen entries, in traceMem: see trace_unix.go
	goid [64]atomic.Int64 // goroutine ids, in order of first yield
}

const traceLen = 128

func newSchedule(seed int64) *schedule {
	s := &schedule{seed: seed, pauses: map[int64]int{}, ring: traceRing(seed)}
	switch {
	case seed <= 0:
	case seed < randomSeedBase:
		s.pauses[seed] = pauseRounds
	default:
		n := seed & (randomSeedBase - 1)
		if n == 0 {
			n = 1
		}
		rng := rand.New(rand.NewPCG(uint64(seed), 0x9e3779b97f4a7c15))
		for range 1 + rng.IntN(3) {
			s.pauses[1+rng.Int64N(n)] = 1 + rng.IntN(pauseRounds)
		}
	}
	return s
}

func (s *schedule) yield(site int) {
	raceDisable()
	defer raceEnable()
	n := s.hits.Add(1)
	rounds := s.pauses[n]
	g := s.goroutine()
	entry := uint64(site)<<16 | uint64(g)<<1
	if rounds > 0 {
		entry |= 1
	}
	atomic.StoreUint64(&s.ring[(n-1)%traceLen], uint64(n)<<40|entry)
	for range rounds {
		runtime.Gosched()
	}
}

// goroutine returns a small number for the calling goroutine (1, 2, ...).
func (s *schedule) goroutine() int {
	id := goid()
	for i := range s.goid {
		v := s.goid[i].Load()
		if v == id {
			return i + 1
		}
		if v == 0 && s.goid[i].CompareAndSwap(0, id) {
			return i + 1
		}
		if s.goid[i].Load() == id {
			return i + 1
		}
	}
	return 0
}

// Explore runs body once per explored schedule, each run in its own bubble
// (see Bubble), and stops at the first schedule under which body fails.
// Hidden tests use it for every scenario whose bug needs an unlucky
// interleaving: a check-then-act, a lost wake-up, a send dropped by a
// select with default. Keep each scenario small (a few goroutines, a few
// calls): a schedule is cheap, and small scenarios let the single-pause
// schedules cover every yield.
//
// A seed that failed on the learner's previous grading of this lesson is
// tried first, so the same file gives the same verdict again. The failure
// shows the interleaving and names the seed.
func Explore(t *testing.T, schedules int, body func(t *testing.T)) {
	t.Helper()
	tried := map[int64]bool{}
	// One P: a paused goroutine's Gosched hands the processor to the
	// others, and the schedule depends on the seed more than on chance.
	procs := runtime.GOMAXPROCS(1)
	defer runtime.GOMAXPROCS(procs)
	run := func(seed int64) (failed bool, hits int64) {
		tried[seed] = true
		noteSeed(t, seed)
		s := newSchedule(seed)
		current.Store(s)
		// synctest.Test ends the test (FailNow) when its bubble failed: the
		// report must be deferred.
		defer func() {
			current.Store(nil)
			if t.Failed() {
				reportSchedule(t, s)
			}
		}()
		Bubble(t, body)
		return t.Failed(), s.hits.Load()
	}
	done := 0
	for _, seed := range knownSeeds(t) {
		if failed, _ := run(seed); failed {
			return
		}
		done++
	}
	if done >= schedules {
		return
	}
	failed, n := run(0)
	if failed {
		return
	}
	done++
	n = max(1, min(n, randomSeedBase-1))
	rng := rand.New(rand.NewPCG(uint64(n), uint64(len(t.Name()))))
	deadline := time.Now().Add(exploreBudget) // real time: Explore runs outside the bubbles
	for k := int64(1); done < schedules && time.Now().Before(deadline); done++ {
		var seed int64
		if k <= n && (done%4 != 3 || k == 1) {
			seed, k = k, k+1 // single pauses first, one random schedule in four
		} else {
			seed = (1+rng.Int64N(1<<30))<<16 | n
		}
		if tried[seed] {
			continue
		}
		if failed, hits := run(seed); failed {
			return
		} else if hits > n && hits < randomSeedBase {
			n = hits // a run that went further than the first: cover it too
		}
	}
}

// ---------------------------------------------------------------- seeds

// knownSeeds are the seeds that failed before for this test
// (GOCOURSE_SEEDS="TestA=12,65539;TestB=3").
func knownSeeds(t *testing.T) []int64 {
	var out []int64
	for _, part := range strings.Split(os.Getenv("GOCOURSE_SEEDS"), ";") {
		name, list, ok := strings.Cut(part, "=")
		if !ok || name != t.Name() {
			continue
		}
		for _, f := range strings.Split(list, ",") {
			if v, err := strconv.ParseInt(f, 10, 64); err == nil && v > 0 {
				out = append(out, v)
			}
		}
	}
	return out
}

// noteSeed writes the schedule about to run to GOCOURSE_SCHEDFILE, so that
// the grader still knows it if the learner's code kills the test binary.
// The file is opened once and each note overwrites the last in one write,
// padded with spaces to the longest so far (the grader splits on spaces):
// a create-write-close per schedule was 40% of lesson 06's test run.
func noteSeed(t *testing.T, seed int64) {
	schedNote.Lock()
	defer schedNote.Unlock()
	if !schedNote.opened {
		schedNote.opened = true
		if p := os.Getenv("GOCOURSE_SCHEDFILE"); p != "" {
			schedNote.f, _ = os.OpenFile(p, os.O_RDWR|os.O_CREATE|os.O_TRUNC, 0o600)
		}
	}
	if schedNote.f == nil {
		return
	}
	note := append(append([]byte(t.Name()), ' '), strconv.FormatInt(seed, 10)...)
	for len(note) < schedNote.longest {
		note = append(note, ' ')
	}
	schedNote.longest = len(note)
	_, _ = schedNote.f.WriteAt(note, 0)
}

// schedNote is noteSeed's file, opened on the first note.
var schedNote struct {
	sync.Mutex
	opened  bool
	f       *os.File
	longest int
}

// ---------------------------------------------------------------- the trace

// The grader renders the trace (checker/trace.go): the kit hands it the
// raw steps, [hit, site, goroutine, paused] each, oldest first, up to the
// first failure. It also reads them from GOCOURSE_TRACEFILE when the
// learner's code killed the test binary.

// noteFailure marks, in the schedule being explored, the step at which the
// first failure was reported: the trace shown ends there.
func noteFailure() {
	if s := current.Load(); s != nil {
		raceDisable()
		s.failAt.CompareAndSwap(0, s.hits.Load())
		raceEnable()
	}
}

func reportSchedule(t *testing.T, s *schedule) {
	t.Helper()
	at := s.failAt.Load()
	var steps [][4]int64
	for i := range s.ring {
		v := atomic.LoadUint64(&s.ring[i])
		if v == 0 || at > 0 && int64(v>>40) > at {
			continue
		}
		paused := int64(v & 1)
		steps = append(steps, [4]int64{int64(v >> 40), int64(v>>16) & 0xffffff, int64(v>>1) & 0x7fff, paused})
	}
	sort.Slice(steps, func(i, j int) bool { return steps[i][0] < steps[j][0] })
	t.Logf("GOCOURSE-SCHEDULE %s", scheduleRecord(s.seed, steps)) // checker/schedule.go reads it
}
