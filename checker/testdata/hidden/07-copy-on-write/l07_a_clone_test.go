// Hidden tests of lesson 07, copy-on-write. Every test runs in a synctest
// bubble (gcBubble) or under explored schedules (gcExplore), except
// TestL07LoadNeverWaitsForUpdate, which runs in real time: a goroutine
// waiting on a mutex is not durably blocked, so inside a bubble "Load waits
// for a lock held across fn" would freeze the clock instead of failing.
//
// Which test fails when a sentence of the contract (COURSE.md, and the
// lesson's "How it is graded") is broken:
//
//	Clone is a deep copy: shares no slice or map with c        TestL07CloneIsDeep
//	NewStore publishes a clone of initial as Version 1         TestL07NewStorePublishesACloneAsVersion1
//	Load returns the current snapshot                          TestL07UpdatePublishesTheCopy
//	  (published without synchronisation: the race detector)   TestL07ReadersSeeWhatUpdatePublished
//	Load never waits for an Update in progress                 TestL07LoadNeverWaitsForUpdate (real time)
//	  (fn run while holding a lock that Load needs)            TestL07LoadNeverWaitsForUpdate
//	Update calls fn exactly once                               TestL07UpdatePublishesTheCopy, TestL07ConcurrentUpdatesLoseNothing
//	  with a private deep copy of the current snapshot         TestL07UpdateGivesFnAPrivateDeepCopy, TestL07PublishedSnapshotsNeverChange
//	fn's error: nothing published, Update returns it           TestL07FailedUpdatePublishesNothing
//	otherwise the copy is published at once and returned       TestL07UpdatePublishesTheCopy
//	Version set by the Store: current + 1, whatever fn wrote   TestL07VersionIsTheStores, TestL07FailedUpdatePublishesNothing
//	Concurrent Updates are serialised: none loses a change     TestL07ConcurrentUpdatesLoseNothing (explored)
//	  (and their Versions run 2, 3, ... in publication order)  TestL07ConcurrentUpdatesLoseNothing
//	A published snapshot never changes again                   TestL07PublishedSnapshotsNeverChange, TestL07LoadNeverWaitsForUpdate
//	  (published without synchronisation: the race detector)   TestL07ConcurrentUpdatesLoseNothing (readers beside writers)
//	Changed returns at once if Version > since, even when
//	  ctx is already done                                      TestL07ChangedReturnsAtOnceWhenNewer
//	otherwise blocks until a newer snapshot is published       TestL07ChangedWakesWhenPublished, TestL07FailedUpdatePublishesNothing
//	  (no lost wake-up: a publish while Changed starts)        TestL07ChangedMissesNoPublish (explored)
//	or until ctx is done (ctx's error)                         TestL07ChangedHonoursCtx
//	does not poll                                              TestL07ChangedWakesWhenPublished
//	leaves nothing behind                                      every test: gcBubble reports leaked goroutines
package config

import (
	"maps"
	"runtime"
	"slices"
	"testing"
)

// TestL07ReadersSeeWhatUpdatePublished is the reloader and its requests:
// two goroutines Load and read every field while Updates publish, one after
// another. A snapshot published without a happens-before edge to its readers
// (a plain pointer) is a data race, reported here first.
func TestL07ReadersSeeWhatUpdatePublished(t *testing.T) {
	gcBubble(t, func(t *testing.T) {
		s, ok := l07NewStore(t)
		if !ok {
			return
		}
		base := len(l07Base().Backends)
		stop := make(chan struct{})
		seen := make(chan string, 2)
		for range 2 {
			go func() {
				bad := ""
				defer func() { seen <- bad }()
				for {
					select {
					case <-stop:
						return
					default:
					}
					c := s.Load()
					if c != nil && bad == "" && len(c.Backends) != base+c.Version-1 {
						bad = l07Take(c).String()
					}
					runtime.Gosched()
				}
			}()
		}
		for i := range 3 {
			name := "r" + string(rune('0'+i)) + ":80"
			if _, _, ok := l07Update(t, s, func(next *Config) error {
				next.Backends = append(next.Backends, name)
				return nil
			}); !ok {
				break
			}
		}
		close(stop)
		for range 2 {
			if bad := <-seen; bad != "" {
				gcErrorAt(t, gcFuncPos(t, "Store.Load"),
					"while Updates published Versions 2 to 4, one after another, a reader's Load returned %s, which no Update published (Version v has v-1 added backends)",
					"Update 依次发布 Version 2 到 4 时，一个读者的 Load 返回了 %s，这不是任何 Update 发布过的快照（Version v 应有 v-1 个新增 backend）",
					bad)
				return
			}
		}
	})
}

func TestL07CloneIsDeep(t *testing.T) {
	gcBubble(t, func(t *testing.T) {
		orig := l07Base()
		want := l07Take(orig)
		c := orig.Clone()
		if c == nil {
			gcErrorAt(t, gcFuncPos(t, "Config.Clone"), "Clone returned nil", "Clone 返回了 nil")
			return
		}
		if c == orig {
			gcErrorAt(t, gcFuncPos(t, "Config.Clone"),
				"Clone returned the same pointer it was called on; it must return a new Config",
				"Clone 返回的就是调用它的那个指针；它必须返回一个新的 Config")
			return
		}
		if !l07Same(c, want) {
			gcErrorAt(t, gcFuncPos(t, "Config.Clone"),
				"Clone of %v returned %v; a clone must hold the same values",
				"%v 的 Clone 返回了 %v；克隆出来的值必须和原来一样",
				want, l07Take(c))
			return
		}
		c.Backends[0] = "changed:1"
		c.Backends = append(c.Backends, "added:1")
		if !slices.Equal(orig.Backends, want.Backends) || orig.Backends[:3][2] == "added:1" { // cap is 8: see l07Base
			gcErrorAt(t, gcFuncPos(t, "Config.Clone"),
				"writing the clone's Backends changed the original's (now %q): the clone shares the slice's backing array. Copying the struct copies only the slice header; copy the elements (slices.Clone)",
				"修改克隆的 Backends 也改动了原值（现在是 %q）：克隆和原值共用同一个底层数组。复制结构体只复制了 slice 头；要复制元素（slices.Clone）",
				orig.Backends)
		}
		c.Limits["rps"] = 1
		c.Limits["new"] = 2
		delete(c.Limits, "conns")
		if !maps.Equal(orig.Limits, want.Limits) {
			gcErrorAt(t, gcFuncPos(t, "Config.Clone"),
				"writing the clone's Limits changed the original's (now %v): the clone shares the map. A map value is a pointer to its hash table; copy the entries (maps.Clone)",
				"修改克隆的 Limits 也改动了原值（现在是 %v）：克隆和原值共用同一个 map。map 的值只是指向哈希表的指针；要复制其中的条目（maps.Clone）",
				orig.Limits)
		}
	})
}

func TestL07NewStorePublishesACloneAsVersion1(t *testing.T) {
	gcBubble(t, func(t *testing.T) {
		initial := l07Base() // Version 7: the Store must ignore it
		want := l07Take(initial)
		want.Version = 1
		s := NewStore(initial)
		if s == nil {
			gcErrorAt(t, gcFuncPos(t, "NewStore"), "NewStore returned nil", "NewStore 返回了 nil")
			return
		}
		c, ok := l07Load(t, s)
		if !ok {
			return
		}
		if c.Version != 1 {
			gcErrorAt(t, gcFuncPos(t, "NewStore"),
				"after NewStore(initial) with initial.Version = 7, Load().Version is %d; the first snapshot is Version 1, whatever initial holds",
				"NewStore(initial) 的 initial.Version 是 7，之后 Load().Version 是 %d；第一个快照的 Version 是 1，不管 initial 里写的是什么",
				c.Version)
		}
		if !l07Same(c, want) {
			gcErrorAt(t, gcFuncPos(t, "NewStore"),
				"after NewStore, Load() returned %v; want %v",
				"NewStore 之后 Load() 返回了 %v；应当是 %v", l07Take(c), want)
			return
		}
		// The caller still owns initial and may change it.
		initial.Backends[0] = "changed:1"
		initial.Limits["rps"] = 1
		initial.Version = 100
		if c, ok := l07Load(t, s); ok && !l07Same(c, want) {
			gcErrorAt(t, gcFuncPos(t, "NewStore"),
				"the caller changed its own initial Config after NewStore, and the published snapshot changed with it (now %v): NewStore must publish a deep clone of initial",
				"调用方在 NewStore 之后修改了自己的 initial，已发布的快照也跟着变了（现在是 %v）：NewStore 必须发布 initial 的深拷贝",
				l07Take(c))
		}
	})
}
