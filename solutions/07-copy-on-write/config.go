// Package config keeps a configuration that many goroutines read and a few
// replace: copy on write. Readers load an immutable snapshot through an
// atomic pointer and never wait; writers copy the current snapshot, change
// the copy, and publish it in one atomic store.
package config

import (
	"context"
	"maps"
	"slices"
	"sync"
	"sync/atomic"
)

// Config is one snapshot of the configuration. A snapshot the Store has
// published is never modified again: to change the configuration, Update a
// copy.
type Config struct {
	Version  int // set by the Store: 1 for the first snapshot, +1 per published Update
	Backends []string
	Limits   map[string]int
}

// Clone returns a deep copy of c. Copying the struct alone (next := *c) would
// copy the slice and map headers, and the copy would share their backing
// array and hash table with c: writing next.Backends[0] or next.Limits["x"]
// would change c too.
func (c *Config) Clone() *Config {
	next := *c
	next.Backends = slices.Clone(c.Backends)
	next.Limits = maps.Clone(c.Limits)
	return &next
}

// state is what the Store publishes: a snapshot, and a channel that is
// closed when a newer snapshot replaces this one. Publishing both with one
// atomic store is what makes Changed free of lost wake-ups: the channel a
// waiter waits on belongs to the very snapshot it checked.
type state struct {
	cfg      *Config
	replaced chan struct{}
}

// Store holds the current snapshot.
type Store struct {
	cur atomic.Pointer[state] // read by everyone, without a lock

	// mu serialises Updates: only one writer at a time runs its copy, fn and
	// publication, so none loses another's change. Load never touches it.
	mu sync.Mutex
}

// NewStore publishes a clone of initial as Version 1: the caller keeps its
// own value and may go on changing it.
func NewStore(initial *Config) *Store {
	first := initial.Clone()
	first.Version = 1
	s := &Store{}
	s.cur.Store(&state{cfg: first, replaced: make(chan struct{})})
	return s
}

// Load returns the current snapshot. It never waits: one atomic load. The
// atomic store in Update happens before this load observes its value, so the
// snapshot's fields, written before that store, are visible here. Callers
// must not modify the snapshot.
func (s *Store) Load() *Config {
	return s.cur.Load().cfg
}

// Update calls fn once with a private deep copy of the current snapshot. If
// fn fails nothing is published. Otherwise the copy gets the next Version
// and is published.
func (s *Store) Update(fn func(next *Config) error) (*Config, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	// Under mu no other Update can publish, so cur stays current until we
	// store next: this load and the store below act as one step.
	cur := s.cur.Load()
	next := cur.cfg.Clone()
	if err := fn(next); err != nil {
		return nil, err
	}
	next.Version = cur.cfg.Version + 1 // the Store's, whatever fn wrote
	s.cur.Store(&state{cfg: next, replaced: make(chan struct{})})
	close(cur.replaced) // wake every Changed waiting on the old snapshot
	return next, nil
}

// Changed returns the current snapshot as soon as its Version is greater
// than since, or ctx's error if ctx is done first.
func (s *Store) Changed(ctx context.Context, since int) (*Config, error) {
	for {
		st := s.cur.Load()
		if st.cfg.Version > since {
			return st.cfg, nil
		}
		// If a newer snapshot was published after our load, st.replaced is
		// already closed and the select returns at once: no wake-up is lost.
		select {
		case <-st.replaced:
		case <-ctx.Done():
			return nil, ctx.Err()
		}
	}
}
