package scenario

import (
	"context"
	"fmt"
	"runtime"
	"slices"
	"sort"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	gk "GOCOURSE_KIT"
)

// l07Writers is how many Updates TestL07ConcurrentUpdatesLoseNothing runs at
// once, and l07Schedules how many schedules each explored test tries.
const (
	l07Writers   = 6
	l07Schedules = 30
)

// ConcurrentUpdatesLoseNothing runs l07Writers Updates at once, each
// adding its own backend and limit, while readers Load. Each fn hands the
// CPU over twice (a yield and a handshake with another goroutine), so an
// Update that loads the current snapshot, calls fn and then stores, without
// keeping other Updates out, gets overtaken.
func ConcurrentUpdatesLoseNothing(t *testing.T, api API) {
	gk.Explore(t, l07Schedules, func(t *testing.T) {
		s, ok := l07NewStore(t, api)
		if !ok {
			return
		}
		base := len(*api.Fields(l07Base(api)).Backends)
		ping := make(chan struct{})
		pong := make(chan struct{})
		go func() { // the other side of every fn's handshake
			for range ping {
				pong <- struct{}{}
			}
		}()
		stop := make(chan struct{})
		var readers sync.WaitGroup
		var torn atomic.Pointer[string]
		for range 2 {
			readers.Add(1)
			go func() {
				defer readers.Done()
				for {
					select {
					case <-stop:
						return
					default:
					}
					c := s.Load()
					if c == nil {
						continue
					}
					// A published snapshot is consistent: Version v has v-1
					// added backends and limits.
					f := api.Fields(c)
					if len(*f.Backends) != base+*f.Version-1 || len(*f.Limits) != base+*f.Version-1 {
						msg := fmt.Sprintf("{Version:%d Backends:%q Limits:%v}", *f.Version, *f.Backends, *f.Limits)
						torn.CompareAndSwap(nil, &msg)
					}
					runtime.Gosched()
				}
			}()
		}

		var calls atomic.Int32
		results := make([]<-chan l07Result, l07Writers)
		for i := range results {
			name := fmt.Sprintf("w%d:80", i)
			results[i] = l07Go(func() (Config, error) {
				return s.Update(func(next Config) error {
					calls.Add(1)
					runtime.Gosched()
					n := api.Fields(next)
					*n.Backends = append(*n.Backends, name)
					ping <- struct{}{}
					<-pong
					if *n.Limits == nil {
						*n.Limits = map[string]int{}
					}
					(*n.Limits)[name] = i
					return nil
				})
			})
		}
		var versions []int
		var returned []Config
		for i := range results {
			r, ok := l07Wait(results[i], l07Patience)
			if !ok {
				gk.ErrorAt(t, gk.FuncPos(t, "Store.Update"),
					"with %d Updates running at once, one had not returned after %v",
					"%d 个 Update 同时运行时，有一个过了 %v 仍未返回", l07Writers, l07Patience)
				close(stop)
				return
			}
			if r.err != nil || r.cfg == nil {
				gk.ErrorAt(t, gk.FuncPos(t, "Store.Update"),
					"Update with an fn that succeeded returned (%v, %v)", "fn 成功了，Update 却返回了 (%v, %v)", r.cfg, r.err)
				close(stop)
				return
			}
			versions = append(versions, *api.Fields(r.cfg).Version)
			returned = append(returned, r.cfg)
		}
		close(stop)
		readers.Wait()
		close(ping)

		if n := calls.Load(); n != l07Writers {
			gk.ErrorAt(t, gk.FuncPos(t, "Store.Update"),
				"%d Updates ran at once and fn was called %d times: Update must call fn exactly once (a compare-and-swap loop that calls fn again when it loses is not allowed: fn may have effects)",
				"%d 个 Update 同时运行，fn 被调用了 %d 次：Update 必须恰好调用 fn 一次（CAS 失败就重新调用 fn 的循环是不行的：fn 可能有副作用）",
				l07Writers, n)
			return
		}
		final, ok := l07Load(t, s)
		if !ok {
			return
		}
		var missing []string
		for i := range l07Writers {
			name := fmt.Sprintf("w%d:80", i)
			if !slices.Contains(*api.Fields(final).Backends, name) {
				missing = append(missing, name)
			}
		}
		if len(missing) > 0 {
			gk.ErrorAt(t, gk.FuncPos(t, "Store.Update"),
				"%d Updates ran at once, each adding one backend; afterwards Load() has Version %d and backends %q: the changes of %q were lost. Two Updates loaded the same snapshot and the later store overwrote the earlier one. The race detector cannot see this (every access was atomic): serialise Updates (a mutex around load, fn and store), so each copies the snapshot the previous one published",
				"%d 个 Update 同时运行，每个添加一个 backend；之后 Load() 的 Version 是 %d，backends 是 %q：%q 的修改丢了。两个 Update 读到了同一个快照，后一次 store 覆盖了前一次。race detector 看不到这种错误（每次访问都是原子的）：要让 Update 串行执行（用 mutex 把 load、fn 和 store 包起来），每次都复制上一次发布的快照",
				l07Writers, *api.Fields(final).Version, *api.Fields(final).Backends, missing)
			return
		}
		sorted := slices.Clone(versions)
		sort.Ints(sorted)
		for i, v := range sorted {
			if v != i+2 {
				gk.ErrorAt(t, gk.FuncPos(t, "Store.Update"),
					"%d Updates ran at once; they returned the Versions %v, want each of 2..%d once. The Version must come from the snapshot that Update copied, inside the same serialised step (current + 1), not from a value read before it",
					"%d 个 Update 同时运行；它们返回的 Version 是 %v，应当是 2..%d 各一次。Version 必须来自 Update 复制的那个快照，在同一个串行步骤里计算（当前的加一），而不是取自在那之前读到的值",
					l07Writers, versions, l07Writers+1)
				return
			}
		}
		for _, c := range returned {
			if f := api.Fields(c); len(*f.Backends) != base+*f.Version-1 {
				gk.ErrorAt(t, gk.FuncPos(t, "Store.Update"),
					"with %d Updates at once, one returned Version %d holding %d added backends (%q); Version %d must be the %d-th published snapshot, with %[5]d-1 added. Is the Version taken from a counter outside the serialised part of Update?",
					"%d 个 Update 同时运行时，有一个返回了 Version %d，里面却有 %d 个新增的 backend（%q）；Version %d 必须是第 %d 个发布的快照，新增 %[5]d-1 个。Version 是不是取自 Update 串行部分之外的计数器？",
					l07Writers, *f.Version, len(*f.Backends)-base, *f.Backends, *f.Version, *f.Version)
				return
			}
		}
		if p := torn.Load(); p != nil {
			gk.ErrorAt(t, gk.FuncPos(t, "Store.Load"),
				"while Updates ran, Load returned a snapshot that was not one any Update published: %s (Version v has v-1 added backends and limits). Is a snapshot changed after it is published?",
				"Update 运行期间，Load 返回了一个不是任何 Update 发布的快照：%s（Version v 应有 v-1 个新增的 backend 和 limit）。是不是有快照在发布之后还被修改？",
				*p)
		}
	})
}

// ChangedMissesNoPublish calls Changed while an Update is running
// its fn, which yields the CPU a few times before it returns. Whatever the
// interleaving, every Changed(ctx, 1) must return Version 2: a Changed that
// checks the Version and only then takes what it waits on (a channel
// fetched after its check, or a sync.Cond waited on without holding the
// lock from the check) sleeps through a publish that lands in between.
func ChangedMissesNoPublish(t *testing.T, api API) {
	round := 0
	gk.Explore(t, l07Schedules, func(t *testing.T) {
		round++
		yields := round % 4
		s, ok := l07NewStore(t, api)
		if !ok {
			return
		}
		ctx, cancel := context.WithTimeout(context.Background(), time.Second)
		defer cancel()
		const waiters = 4
		inFn := make(chan struct{})
		updated := l07Go(func() (Config, error) {
			return s.Update(func(next Config) error {
				close(inFn)
				for range yields {
					runtime.Gosched()
				}
				return nil
			})
		})
		results := make([]<-chan l07Result, waiters)
		for i := range results {
			results[i] = l07Go(func() (Config, error) {
				<-inFn
				return s.Changed(ctx, 1)
			})
		}
		if r, ok := l07Wait(updated, l07Patience); !ok || r.err != nil {
			gk.ErrorAt(t, gk.FuncPos(t, "Store.Update"),
				"Update(fn) with an fn that returns nil did not return a nil error in %v (got %v)",
				"fn 返回 nil 的 Update 在 %v 内没有返回 nil 错误（得到 %v）", l07Patience, r.err)
			return
		}
		for i := range results {
			r, ok := l07Wait(results[i], l07Patience)
			if !ok {
				return // TestL07ChangedHonoursCtx reports a Changed that ignores ctx
			}
			if r.err != nil || r.cfg == nil || *api.Fields(r.cfg).Version != 2 {
				gk.ErrorAt(t, gk.FuncPos(t, "Store.Changed"),
					"Changed(ctx, 1) was called while an Update was publishing Version 2; instead of Version 2 it returned (%v, %v) when its 1s ctx ran out: it checked the Version, the publish came, and only then did it start to wait, for a wake-up that had already happened (a lost wake-up). Take what you wait on before you check (or check and wait under one lock, as sync.Cond.Wait does)",
					"Changed(ctx, 1) 被调用时，一个 Update 正在发布 Version 2；它没有返回 Version 2，而是在 1s 的 ctx 到期时返回了 (%v, %v)：它先检查了 Version，然后发布发生了，之后它才开始等，等一个已经发生过的唤醒（丢失的唤醒）。要在检查之前就拿到要等的东西（或者像 sync.Cond.Wait 那样在同一把锁下检查并等待）",
					r.cfg, r.err)
				return
			}
		}
	})
}
