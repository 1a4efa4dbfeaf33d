// Package scenario holds the hidden tests of lesson 07-copy-on-write, called
// by the test functions in ../l07_test.go with the learner's API (see the
// table there: every sentence of the contract and the test that probes it).
// The learner's *Config values travel here as Configs (any) and are read and
// written through API.Fields, so this package never names a learner type and
// is compiled once.
package scenario

import (
	"maps"
	"runtime"
	"slices"
	"testing"

	gk "GOCOURSE_KIT"
)

// ReadersSeeWhatUpdatePublished is the reloader and its requests:
// two goroutines Load and read every field while Updates publish, one after
// another. A snapshot published without a happens-before edge to its readers
// (a plain pointer) is a data race, reported here first.
func ReadersSeeWhatUpdatePublished(t *testing.T, api API) {
	gk.Bubble(t, func(t *testing.T) {
		s, ok := l07NewStore(t, api)
		if !ok {
			return
		}
		base := len(*api.Fields(l07Base(api)).Backends)
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
					if c != nil && bad == "" && l07Torn(api, c, base) {
						bad = l07Take(api, c).String()
					}
					runtime.Gosched()
				}
			}()
		}
		for i := range 3 {
			name := "r" + string(rune('0'+i)) + ":80"
			if _, _, ok := l07Update(t, s, func(next Config) error {
				n := api.Fields(next)
				*n.Backends = append(*n.Backends, name)
				return nil
			}); !ok {
				break
			}
		}
		close(stop)
		for range 2 {
			if bad := <-seen; bad != "" {
				gk.ErrorAt(t, gk.FuncPos(t, "Store.Load"),
					"while Updates published Versions 2 to 4, one after another, a reader's Load returned %s, which no Update published (Version v has v-1 added backends)",
					"Update 依次发布 Version 2 到 4 时，一个读者的 Load 返回了 %s，这不是任何 Update 发布过的快照（Version v 应有 v-1 个新增 backend）",
					bad)
				return
			}
		}
	})
}

func CloneIsDeep(t *testing.T, api API) {
	gk.Bubble(t, func(t *testing.T) {
		orig := l07Base(api)
		o := api.Fields(orig)
		want := l07Take(api, orig)
		c := api.Clone(orig)
		if c == nil {
			gk.ErrorAt(t, gk.FuncPos(t, "Config.Clone"), "Clone returned nil", "Clone 返回了 nil")
			return
		}
		if c == orig {
			gk.ErrorAt(t, gk.FuncPos(t, "Config.Clone"),
				"Clone returned the same pointer it was called on; it must return a new Config",
				"Clone 返回的就是调用它的那个指针；它必须返回一个新的 Config")
			return
		}
		if !l07Same(api, c, want) {
			gk.ErrorAt(t, gk.FuncPos(t, "Config.Clone"),
				"Clone of %v returned %v; a clone must hold the same values",
				"%v 的 Clone 返回了 %v；克隆出来的值必须和原来一样",
				want, l07Take(api, c))
			return
		}
		f := api.Fields(c)
		(*f.Backends)[0] = "changed:1"
		*f.Backends = append(*f.Backends, "added:1")
		if !slices.Equal(*o.Backends, want.Backends) || (*o.Backends)[:3][2] == "added:1" { // cap is 8: see l07Base
			gk.ErrorAt(t, gk.FuncPos(t, "Config.Clone"),
				"writing the clone's Backends changed the original's (now %q): the clone shares the slice's backing array. Copying the struct copies only the slice header; copy the elements (slices.Clone)",
				"修改克隆的 Backends 也改动了原值（现在是 %q）：克隆和原值共用同一个底层数组。复制结构体只复制了 slice 头；要复制元素（slices.Clone）",
				*o.Backends)
		}
		(*f.Limits)["rps"] = 1
		(*f.Limits)["new"] = 2
		delete(*f.Limits, "conns")
		if !maps.Equal(*o.Limits, want.Limits) {
			gk.ErrorAt(t, gk.FuncPos(t, "Config.Clone"),
				"writing the clone's Limits changed the original's (now %v): the clone shares the map. A map value is a pointer to its hash table; copy the entries (maps.Clone)",
				"修改克隆的 Limits 也改动了原值（现在是 %v）：克隆和原值共用同一个 map。map 的值只是指向哈希表的指针；要复制其中的条目（maps.Clone）",
				*o.Limits)
		}
	})
}

func NewStorePublishesACloneAsVersion1(t *testing.T, api API) {
	gk.Bubble(t, func(t *testing.T) {
		initial := l07Base(api) // Version 7: the Store must ignore it
		want := l07Take(api, initial)
		want.Version = 1
		s := api.NewStore(initial)
		if s == nil {
			gk.ErrorAt(t, gk.FuncPos(t, "NewStore"), "NewStore returned nil", "NewStore 返回了 nil")
			return
		}
		c, ok := l07Load(t, s)
		if !ok {
			return
		}
		if f := api.Fields(c); *f.Version != 1 {
			gk.ErrorAt(t, gk.FuncPos(t, "NewStore"),
				"after NewStore(initial) with initial.Version = 7, Load().Version is %d; the first snapshot is Version 1, whatever initial holds",
				"NewStore(initial) 的 initial.Version 是 7，之后 Load().Version 是 %d；第一个快照的 Version 是 1，不管 initial 里写的是什么",
				*f.Version)
		}
		if !l07Same(api, c, want) {
			gk.ErrorAt(t, gk.FuncPos(t, "NewStore"),
				"after NewStore, Load() returned %v; want %v",
				"NewStore 之后 Load() 返回了 %v；应当是 %v", l07Take(api, c), want)
			return
		}
		// The caller still owns initial and may change it.
		in := api.Fields(initial)
		(*in.Backends)[0] = "changed:1"
		(*in.Limits)["rps"] = 1
		*in.Version = 100
		if c, ok := l07Load(t, s); ok && !l07Same(api, c, want) {
			gk.ErrorAt(t, gk.FuncPos(t, "NewStore"),
				"the caller changed its own initial Config after NewStore, and the published snapshot changed with it (now %v): NewStore must publish a deep clone of initial",
				"调用方在 NewStore 之后修改了自己的 initial，已发布的快照也跟着变了（现在是 %v）：NewStore 必须发布 initial 的深拷贝",
				l07Take(api, c))
		}
	})
}
