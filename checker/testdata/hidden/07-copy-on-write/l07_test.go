// Hidden tests of lesson 07, copy-on-write: each runs its scenario (package
// scenario, beside this file: compiled once and cached) on the learner's
// Config, Config.Clone and NewStore. Every test runs in a synctest
// bubble (gk.Bubble) or under explored schedules (gk.Explore), except
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
//	leaves nothing behind                                      every test: gk.Bubble reports leaked goroutines
package config

import (
	"context"
	"testing"

	gcscenario "GOCOURSE_SCENARIO"
)

// l07API hands the scenarios the learner's API. A *Config travels as a
// gcscenario.Config (any): nil for a nil pointer, so the scenarios' nil checks and
// %v see what they saw on the *Config itself.
var l07API = gcscenario.API{
	NewConfig: func(version int, backends []string, limits map[string]int) gcscenario.Config {
		return &Config{Version: version, Backends: backends, Limits: limits}
	},
	Fields: func(c gcscenario.Config) gcscenario.Fields {
		p, _ := c.(*Config) // nil for nil: &p.Version panics as p.Version would
		return gcscenario.Fields{Version: &p.Version, Backends: &p.Backends, Limits: &p.Limits}
	},
	Clone: func(c gcscenario.Config) gcscenario.Config { return l07Cfg(c.(*Config).Clone()) },
	NewStore: func(initial gcscenario.Config) gcscenario.Store {
		p, _ := initial.(*Config)
		if s := NewStore(p); s != nil {
			return l07Store{s}
		}
		return nil
	},
}

func l07Cfg(c *Config) gcscenario.Config {
	if c == nil {
		return nil
	}
	return c
}

// l07Store is the learner's *Store as a gcscenario.Store.
type l07Store struct{ s *Store }

func (a l07Store) Load() gcscenario.Config { return l07Cfg(a.s.Load()) }

func (a l07Store) Update(fn func(next gcscenario.Config) error) (gcscenario.Config, error) {
	c, err := a.s.Update(func(next *Config) error { return fn(l07Cfg(next)) })
	return l07Cfg(c), err
}

func (a l07Store) Changed(ctx context.Context, since int) (gcscenario.Config, error) {
	c, err := a.s.Changed(ctx, since)
	return l07Cfg(c), err
}

func TestL07ReadersSeeWhatUpdatePublished(t *testing.T) {
	gcscenario.ReadersSeeWhatUpdatePublished(t, l07API)
}
func TestL07CloneIsDeep(t *testing.T) { gcscenario.CloneIsDeep(t, l07API) }
func TestL07NewStorePublishesACloneAsVersion1(t *testing.T) {
	gcscenario.NewStorePublishesACloneAsVersion1(t, l07API)
}
func TestL07UpdatePublishesTheCopy(t *testing.T) { gcscenario.UpdatePublishesTheCopy(t, l07API) }
func TestL07UpdateGivesFnAPrivateDeepCopy(t *testing.T) {
	gcscenario.UpdateGivesFnAPrivateDeepCopy(t, l07API)
}
func TestL07PublishedSnapshotsNeverChange(t *testing.T) {
	gcscenario.PublishedSnapshotsNeverChange(t, l07API)
}
func TestL07FailedUpdatePublishesNothing(t *testing.T) {
	gcscenario.FailedUpdatePublishesNothing(t, l07API)
}
func TestL07VersionIsTheStores(t *testing.T)      { gcscenario.VersionIsTheStores(t, l07API) }
func TestL07LoadNeverWaitsForUpdate(t *testing.T) { gcscenario.LoadNeverWaitsForUpdate(t, l07API) }
func TestL07ChangedReturnsAtOnceWhenNewer(t *testing.T) {
	gcscenario.ChangedReturnsAtOnceWhenNewer(t, l07API)
}
func TestL07ChangedWakesWhenPublished(t *testing.T) { gcscenario.ChangedWakesWhenPublished(t, l07API) }
func TestL07ChangedHonoursCtx(t *testing.T)         { gcscenario.ChangedHonoursCtx(t, l07API) }
func TestL07ConcurrentUpdatesLoseNothing(t *testing.T) {
	gcscenario.ConcurrentUpdatesLoseNothing(t, l07API)
}
func TestL07ChangedMissesNoPublish(t *testing.T) { gcscenario.ChangedMissesNoPublish(t, l07API) }
