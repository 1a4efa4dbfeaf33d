package scenario

import (
	"context"
	"errors"
	"testing"
	"testing/synctest"

	gk "GOCOURSE_KIT"
)

func UpdatePublishesTheCopy(t *testing.T, api API) {
	gk.Bubble(t, func(t *testing.T) {
		s, ok := l07NewStore(t, api)
		if !ok {
			return
		}
		calls := 0
		got, err, ok := l07Update(t, s, func(next Config) error {
			calls++
			n := api.Fields(next)
			*n.Backends = append(*n.Backends, "10.0.0.3:80")
			(*n.Limits)["rps"] = 200
			return nil
		})
		if !ok {
			return
		}
		if calls != 1 {
			gk.ErrorAt(t, gk.FuncPos(t, "Store.Update"),
				"Update called fn %d times; it must call it exactly once",
				"Update 调用了 fn %d 次；它必须恰好调用一次", calls)
		}
		if err != nil || got == nil {
			gk.ErrorAt(t, gk.FuncPos(t, "Store.Update"),
				"Update with an fn that succeeded returned (%v, %v); want the published snapshot and a nil error",
				"fn 成功了，Update 却返回了 (%v, %v)；应当返回已发布的快照和 nil 错误", got, err)
			return
		}
		want := l07Take(api, l07Base(api))
		want.Version = 2
		want.Backends = append(want.Backends, "10.0.0.3:80")
		want.Limits["rps"] = 200
		if !l07Same(api, got, want) {
			gk.ErrorAt(t, gk.FuncPos(t, "Store.Update"),
				"Update returned %v; want %v (the copy fn changed, Version 2)",
				"Update 返回了 %v；应当是 %v（fn 改过的那份副本，Version 2）", l07Take(api, got), want)
		}
		if c, ok := l07Load(t, s); ok && !l07Same(api, c, want) {
			gk.ErrorAt(t, gk.FuncPos(t, "Store.Update"),
				"after Update returned, Load() returned %v; want %v: the copy must be published before Update returns",
				"Update 返回之后，Load() 返回了 %v；应当是 %v：副本必须在 Update 返回之前发布",
				l07Take(api, c), want)
		}
	})
}

func UpdateGivesFnAPrivateDeepCopy(t *testing.T, api API) {
	gk.Bubble(t, func(t *testing.T) {
		s, ok := l07NewStore(t, api)
		if !ok {
			return
		}
		before, _ := l07Load(t, s)
		want := l07Take(api, before)
		boom := errors.New("l07: fn changed its mind")
		var seen Config
		_, _, ok = l07Update(t, s, func(next Config) error {
			seen = next
			if next == nil {
				return boom
			}
			// Everything fn may do to its copy, then it fails.
			n := api.Fields(next)
			if len(*n.Backends) > 0 {
				(*n.Backends)[0] = "changed:1"
			}
			*n.Backends = append(*n.Backends, "added:1")
			if *n.Limits != nil {
				(*n.Limits)["rps"] = 1
				delete(*n.Limits, "conns")
			}
			*n.Version = 42
			return boom
		})
		if !ok {
			return
		}
		switch {
		case seen == nil:
			gk.ErrorAt(t, gk.FuncPos(t, "Store.Update"),
				"Update handed fn a nil *Config; fn must get a copy of the current snapshot",
				"Update 交给 fn 的是 nil *Config；fn 应当拿到当前快照的一份副本")
			return
		case seen == before:
			gk.ErrorAt(t, gk.FuncPos(t, "Store.Update"),
				"Update handed fn the published snapshot itself, not a copy: every reader holding it sees fn's writes, half-done, while fn runs (and fn's failure cannot undo them)",
				"Update 把已发布的快照本身交给了 fn，而不是副本：持有它的每个读者都会在 fn 运行时看到它写了一半的内容（fn 失败了也撤不回来）")
			return
		}
		if !l07Same(api, before, want) {
			gk.ErrorAt(t, gk.FuncPos(t, "Store.Update"),
				"fn wrote to its copy and failed, and the published snapshot changed anyway: it was %v, now it is %v. fn's copy shares a slice or a map with the published snapshot: hand fn a deep copy (Clone)",
				"fn 改了自己的副本然后失败了，已发布的快照却还是变了：原来是 %v，现在是 %v。fn 的副本和已发布的快照共用了 slice 或 map：要交给 fn 一份深拷贝（Clone）",
				want, l07Take(api, before))
		}
	})
}

func PublishedSnapshotsNeverChange(t *testing.T, api API) {
	gk.Bubble(t, func(t *testing.T) {
		s, ok := l07NewStore(t, api)
		if !ok {
			return
		}
		first, _ := l07Load(t, s)
		kept := []Config{first}
		snaps := []l07Snap{l07Take(api, first)}
		for i, name := range []string{"a:1", "b:1", "c:1"} {
			got, err, ok := l07Update(t, s, func(next Config) error {
				n := api.Fields(next)
				if len(*n.Backends) > 0 {
					(*n.Backends)[0] = name
				}
				*n.Backends = append(*n.Backends, name)
				if *n.Limits == nil {
					*n.Limits = map[string]int{}
				}
				(*n.Limits)["rps"] = i
				(*n.Limits)[name] = i
				delete(*n.Limits, "conns")
				return nil
			})
			if !ok || err != nil || got == nil {
				if ok {
					gk.ErrorAt(t, gk.FuncPos(t, "Store.Update"),
						"Update with an fn that succeeded returned (%v, %v)",
						"fn 成功了，Update 却返回了 (%v, %v)", got, err)
				}
				return
			}
			kept = append(kept, got)
			snaps = append(snaps, l07Take(api, got))
		}
		for i, c := range kept {
			if !l07Same(api, c, snaps[i]) {
				gk.ErrorAt(t, gk.FuncPos(t, "Store.Update"),
					"a published snapshot changed after it was published: Version %d was %v, after later Updates it is %v. Readers may still hold it: each Update must change a deep copy (Clone), never the published value or anything it shares",
					"一个已发布的快照在发布之后又变了：Version %d 原来是 %v，经过后面的 Update 之后变成了 %v。读者可能还拿着它：每次 Update 都必须改一份深拷贝（Clone），绝不能改已发布的值或与它共用的任何东西",
					snaps[i].Version, snaps[i], l07Take(api, c))
				return
			}
		}
	})
}

func FailedUpdatePublishesNothing(t *testing.T, api API) {
	gk.Bubble(t, func(t *testing.T) {
		s, ok := l07NewStore(t, api)
		if !ok {
			return
		}
		before, _ := l07Load(t, s)
		want := l07Take(api, before)
		ctx, cancel := context.WithCancel(context.Background())
		defer cancel()
		waiter := l07Go(func() (Config, error) { return s.Changed(ctx, *api.Fields(before).Version) })
		boom := errors.New("l07: invalid config")
		got, err, ok := l07Update(t, s, func(next Config) error {
			n := api.Fields(next)
			*n.Backends = append(*n.Backends, "bad:1")
			*n.Version = 5
			return boom
		})
		if !ok {
			return
		}
		if !errors.Is(err, boom) {
			gk.ErrorAt(t, gk.FuncPos(t, "Store.Update"),
				"fn returned the error %q and Update returned (%v, %v); Update must return fn's error",
				"fn 返回了错误 %q，Update 却返回了 (%v, %v)；Update 必须返回 fn 的错误", boom, got, err)
		}
		if c, ok := l07Load(t, s); ok && !l07Same(api, c, want) {
			gk.ErrorAt(t, gk.FuncPos(t, "Store.Update"),
				"fn failed, yet Load() now returns %v instead of %v: when fn returns an error nothing is published",
				"fn 失败了，Load() 却返回了 %v 而不是 %v：fn 返回错误时什么都不能发布", l07Take(api, c), want)
		}
		synctest.Wait()
		select {
		case r := <-waiter:
			gk.ErrorAt(t, gk.FuncPos(t, "Store.Changed"),
				"Changed(ctx, %d) returned (%v, %v) after an Update whose fn failed; nothing newer was published, so it must go on waiting",
				"一次 fn 失败的 Update 之后，Changed(ctx, %d) 返回了 (%v, %v)；并没有更新的快照发布，它应当继续等待",
				*api.Fields(before).Version, r.cfg, r.err)
		default:
		}
		got, err, ok = l07Update(t, s, func(next Config) error { return nil })
		if ok && err == nil && got != nil && *api.Fields(got).Version != *api.Fields(before).Version+1 {
			gk.ErrorAt(t, gk.FuncPos(t, "Store.Update"),
				"after a failed Update, the next successful one published Version %d; the current Version was %d, so it must be %d: a failed fn leaves the Version alone",
				"一次失败的 Update 之后，下一次成功的 Update 发布了 Version %d；当前 Version 是 %d，所以应当是 %d：fn 失败不能改变 Version",
				*api.Fields(got).Version, *api.Fields(before).Version, *api.Fields(before).Version+1)
		}
		cancel()
		l07Wait(waiter, l07Patience)
	})
}

func VersionIsTheStores(t *testing.T, api API) {
	gk.Bubble(t, func(t *testing.T) {
		s, ok := l07NewStore(t, api)
		if !ok {
			return
		}
		for i, wrote := range []int{1000, 0, -3} {
			want := i + 2
			got, err, ok := l07Update(t, s, func(next Config) error {
				*api.Fields(next).Version = wrote
				return nil
			})
			if !ok {
				return
			}
			if err != nil || got == nil {
				gk.ErrorAt(t, gk.FuncPos(t, "Store.Update"),
					"Update with an fn that succeeded returned (%v, %v)",
					"fn 成功了，Update 却返回了 (%v, %v)", got, err)
				return
			}
			c, ok := l07Load(t, s)
			if !ok {
				return
			}
			if g, l := api.Fields(got), api.Fields(c); *g.Version != want || *l.Version != want {
				gk.ErrorAt(t, gk.FuncPos(t, "Store.Update"),
					"fn set next.Version = %d; Update returned Version %d and Load() has Version %d, but the Store sets the Version: it must be %d (the current one plus one), whatever fn wrote",
					"fn 把 next.Version 设成了 %d；Update 返回的 Version 是 %d，Load() 的 Version 是 %d，但 Version 归 Store 管：必须是 %d（当前的加一），不管 fn 写了什么",
					wrote, *g.Version, *l.Version, want)
				return
			}
		}
	})
}
