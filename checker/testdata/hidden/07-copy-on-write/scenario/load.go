package scenario

import (
	"strings"
	"testing"
	"time"

	gk "GOCOURSE_KIT"
)

// l07LoadBound is how long (real time) Load may take while an Update's fn is
// running. A right Load takes nanoseconds; one that waits for the Update
// waits until the test releases fn, which it does only after this bound.
const l07LoadBound = time.Second

// LoadNeverWaitsForUpdate runs in real time, outside a bubble: a
// Load waiting on a mutex held across fn would freeze a bubble's clock. The
// test holds fn parked on a channel, calls Load, and releases fn only after
// Load returned or l07LoadBound passed, so a right solution costs no real
// time. A wrong one is usually seen sooner: a Load waiting on a lock (what
// a lock held across fn makes it do) is caught within a few milliseconds.
func LoadNeverWaitsForUpdate(t *testing.T, api API) {
	s := api.NewStore(l07Base(api))
	if s == nil {
		gk.ErrorAt(t, gk.FuncPos(t, "NewStore"), "NewStore returned nil", "NewStore 返回了 nil")
		return
	}
	entered := make(chan struct{})
	release := make(chan struct{})
	updated := l07Go(func() (Config, error) {
		return s.Update(func(next Config) error {
			// fn's writes to its own copy, while it is still running.
			n := api.Fields(next)
			if len(*n.Backends) > 0 {
				(*n.Backends)[0] = "changed:1"
			}
			*n.Version = 99
			close(entered)
			<-release
			return nil
		})
	})
	released := false
	defer func() {
		if !released {
			close(release)
		}
	}()
	timer := time.NewTimer(l07RealPatience)
	defer timer.Stop()
	select {
	case <-entered:
	case r := <-updated:
		gk.ErrorAt(t, gk.FuncPos(t, "Store.Update"),
			"Update returned (%v, %v) without calling fn", "Update 没有调用 fn 就返回了 (%v, %v)", r.cfg, r.err)
		return
	case <-timer.C:
		gk.ErrorAt(t, gk.FuncPos(t, "Store.Update"),
			"Update had not called fn after %v", "Update 过了 %v 仍未调用 fn", l07RealPatience)
		return
	}

	loaded := l07Go(func() (Config, error) { return s.Load(), nil })
	r, ok, lock := l07WaitLoad(loaded, l07LoadBound)
	if lock != "" {
		gk.ErrorAt(t, gk.FuncPos(t, "Store.Load"),
			"while an Update's fn was running, Load waited for a lock (%s): Load waits for the Update. Readers must never wait for a writer: is fn run while holding a lock that Load takes? Publish through an atomic.Pointer and let Load only load it",
			"一个 Update 的 fn 正在运行时，Load 在等一把锁（%s）：Load 在等这个 Update。读者绝不能等写者：fn 是不是在持有 Load 也要拿的锁时运行的？用 atomic.Pointer 发布快照，让 Load 只做一次 load",
			lock)
	} else if !ok {
		gk.ErrorAt(t, gk.FuncPos(t, "Store.Load"),
			"while an Update's fn was running, Load had not returned after %v: Load waits for the Update. Readers must never wait for a writer: is fn run while holding a lock that Load takes? Publish through an atomic.Pointer and let Load only load it",
			"一个 Update 的 fn 正在运行时，Load 过了 %v 仍未返回：Load 在等这个 Update。读者绝不能等写者：fn 是不是在持有 Load 也要拿的锁时运行的？用 atomic.Pointer 发布快照，让 Load 只做一次 load",
			l07LoadBound)
	} else if r.cfg == nil || l07NotFirst(api, r.cfg) {
		var got any = r.cfg
		if r.cfg != nil {
			got = l07Take(api, r.cfg)
		}
		gk.ErrorAt(t, gk.FuncPos(t, "Store.Load"),
			"while an Update's fn was still changing its copy, Load returned %v; it must return the snapshot published before (Version 1, unchanged): fn's copy is published only when fn has returned",
			"一个 Update 的 fn 还在修改副本时，Load 返回了 %v；它应当返回之前发布的快照（Version 1，未被改动）：fn 的副本只能在 fn 返回之后发布",
			got)
	}
	close(release)
	released = true
	if _, ok := l07Wait(updated, l07RealPatience); !ok {
		gk.ErrorAt(t, gk.FuncPos(t, "Store.Update"),
			"Update had not returned %v after fn returned", "fn 返回 %v 之后 Update 仍未返回", l07RealPatience)
	}
	if !ok {
		l07Wait(loaded, l07RealPatience)
	}
}

// l07NotFirst reports whether c is not the first snapshot, as NewStore
// published it: Version 1, and l07Base's first backend first.
func l07NotFirst(api API, c Config) bool {
	f := api.Fields(c)
	return *f.Version != 1 || len(*f.Backends) == 0 || (*f.Backends)[0] != (*api.Fields(l07Base(api)).Backends)[0]
}

// l07WaitLoad waits at most d for the Load call r, and gives up early — lock
// then names what it waits on — once Load has been seen waiting on a lock
// twice in a row, 2ms apart: with fn parked and nothing else running, only
// a lock held across fn can hold it there.
func l07WaitLoad(r <-chan l07Result, d time.Duration) (res l07Result, ok bool, lock string) {
	timer := time.NewTimer(d)
	defer timer.Stop()
	tick := time.NewTicker(2 * time.Millisecond)
	defer tick.Stop()
	seen := 0
	for {
		select {
		case res := <-r:
			return res, true, ""
		case <-timer.C:
			return l07Result{}, false, ""
		case <-tick.C:
		}
		if lock = l07LoadLock(); lock == "" {
			seen = 0
		} else if seen++; seen == 2 {
			return l07Result{}, false, lock
		}
	}
}

// l07LoadLock returns the lock ("sync.RWMutex.RLock") a goroutine inside
// the learner's Store.Load is blocked on, or "".
func l07LoadLock() string {
	for _, g := range gk.Goroutines() {
		header, frames, _ := strings.Cut(g, "\n")
		state := gk.GoroutineState(header)
		if strings.HasPrefix(state, "sync.") && strings.Contains(frames, ".(*Store).Load(") {
			return state
		}
	}
	return ""
}
