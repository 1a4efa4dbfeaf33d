package scenario

// Helpers shared by the scenarios of lesson 07. Every name starts with l07,
// as it did when these lived in the learner's package.

import (
	"context"
	"fmt"
	"maps"
	"slices"
	"testing"
	"time"

	gk "GOCOURSE_KIT"
)

// Config is one of the learner's *Config values, or nil for a nil pointer
// (never a non-nil interface holding a nil pointer). The scenarios reach its
// fields through API.Fields, compare it by identity with == and print it as
// it is: %v of a Config is %v of the learner's pointer.
type Config = any

// Fields points at the fields of one learner Config: every read or write of
// *Version, *Backends or *Limits is the very access the tests made on the
// learner's struct.
type Fields struct {
	Version  *int
	Backends *[]string
	Limits   *map[string]int
}

// Store is the learner's *Store, its results as Configs.
type Store interface {
	Load() Config
	Update(fn func(next Config) error) (Config, error)
	Changed(ctx context.Context, since int) (Config, error)
}

// API is the exercise as the scenarios call it; the hidden tests fill it in
// with the learner's Config, Config.Clone and NewStore.
type API struct {
	// NewConfig returns &Config{Version: version, Backends: backends, Limits: limits}.
	NewConfig func(version int, backends []string, limits map[string]int) Config
	// Fields returns pointers to c's fields; for a nil c it panics, as
	// c.Version would.
	Fields func(c Config) Fields
	// Clone calls c.Clone().
	Clone func(c Config) Config
	// NewStore calls NewStore(initial); nil if it returned nil.
	NewStore func(initial Config) Store
}

// l07Patience bounds every wait for the learner's code inside a bubble
// (virtual time, so it costs nothing when the code is right).
const l07Patience = 10 * time.Second

// l07RealPatience bounds the waits of the real-time tests (outside a bubble).
const l07RealPatience = 2 * time.Second

// l07Base returns a fresh configuration for a test to start from. The slice
// has room to grow, so a Clone that shares it would let an append in the copy
// write into the original's backing array.
func l07Base(api API) Config {
	backends := make([]string, 2, 8)
	backends[0], backends[1] = "10.0.0.1:80", "10.0.0.2:80"
	return api.NewConfig(7, backends, map[string]int{"rps": 100, "conns": 10})
}

// l07Snap is the test's own deep copy of a snapshot, taken to compare later.
type l07Snap struct {
	Version  int
	Backends []string
	Limits   map[string]int
}

func l07Take(api API, c Config) l07Snap {
	f := api.Fields(c)
	return l07Snap{*f.Version, slices.Clone(*f.Backends), maps.Clone(*f.Limits)}
}

// l07Same reports whether c still has the contents s recorded.
func l07Same(api API, c Config, s l07Snap) bool {
	f := api.Fields(c)
	return *f.Version == s.Version && slices.Equal(*f.Backends, s.Backends) && maps.Equal(*f.Limits, s.Limits)
}

func (s l07Snap) String() string {
	return fmt.Sprintf("{Version:%d Backends:%q Limits:%v}", s.Version, s.Backends, s.Limits)
}

// l07Result is what a call returned, and when (virtual time since the
// call's start).
type l07Result struct {
	cfg     Config
	err     error
	elapsed time.Duration
}

// l07Go runs f in a goroutine and returns a channel that delivers its result.
func l07Go(f func() (Config, error)) <-chan l07Result {
	out := make(chan l07Result, 1) // buffered: the goroutine can always finish
	go func() {
		start := time.Now()
		c, err := f()
		out <- l07Result{c, err, time.Since(start)}
	}()
	return out
}

// l07Wait waits at most d for r. ok is false if the call had not returned.
func l07Wait(r <-chan l07Result, d time.Duration) (l07Result, bool) {
	timer := time.NewTimer(d)
	defer timer.Stop()
	select {
	case res := <-r:
		return res, true
	case <-timer.C:
		return l07Result{}, false
	}
}

// l07Update calls s.Update(fn) and waits at most l07Patience for it.
func l07Update(t *testing.T, s Store, fn func(next Config) error) (Config, error, bool) {
	t.Helper()
	res, ok := l07Wait(l07Go(func() (Config, error) { return s.Update(fn) }), l07Patience)
	if !ok {
		gk.ErrorAt(t, gk.FuncPos(t, "Store.Update"),
			"Update had not returned after %v, with nothing else running: is it waiting for something that never happens?",
			"Update 过了 %v 仍未返回，而别的什么都没在运行：它是不是在等一件永远不会发生的事？",
			l07Patience)
	}
	return res.cfg, res.err, ok
}

// l07Load calls s.Load() and waits at most l07Patience for it.
func l07Load(t *testing.T, s Store) (Config, bool) {
	t.Helper()
	res, ok := l07Wait(l07Go(func() (Config, error) { return s.Load(), nil }), l07Patience)
	if !ok {
		gk.ErrorAt(t, gk.FuncPos(t, "Store.Load"),
			"Load had not returned after %v, with no Update running",
			"没有任何 Update 在运行，Load 却过了 %v 仍未返回", l07Patience)
		return nil, false
	}
	if res.cfg == nil {
		gk.ErrorAt(t, gk.FuncPos(t, "Store.Load"),
			"Load returned nil; it should return the current snapshot",
			"Load 返回了 nil；它应当返回当前快照")
		return nil, false
	}
	return res.cfg, true
}

// l07NewStore calls NewStore(l07Base()) and checks the first snapshot.
func l07NewStore(t *testing.T, api API) (Store, bool) {
	t.Helper()
	s := api.NewStore(l07Base(api))
	if s == nil {
		gk.ErrorAt(t, gk.FuncPos(t, "NewStore"), "NewStore returned nil", "NewStore 返回了 nil")
		return nil, false
	}
	if _, ok := l07Load(t, s); !ok {
		return nil, false
	}
	return s, true
}

// l07Torn reports whether c is not a snapshot any Update published in
// ReadersSeeWhatUpdatePublished: Version v has v-1 added backends.
func l07Torn(api API, c Config, base int) bool {
	f := api.Fields(c)
	return len(*f.Backends) != base+*f.Version-1
}
