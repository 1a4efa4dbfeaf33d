// Package config keeps a configuration that every request reads and a
// background reloader replaces from time to time.
//
// This is the version most programs start with: one pointer, read by every
// request, replaced by the reloader. It compiles and seems to work. Run the
// tests with -race (gocourse check 7) and read what they say.
package config

import (
	"context"
	"time"
)

// Config is one snapshot of the configuration.
type Config struct {
	Version  int // set by the Store: 1 for the first snapshot, +1 per published Update
	Backends []string
	Limits   map[string]int
}

// Clone returns a copy of c.
//
// TODO: next is a new struct, but what do next.Backends and next.Limits
// point to? If fn writes next.Backends[0], who else sees it?
func (c *Config) Clone() *Config {
	next := *c
	return &next
}

// Store holds the current configuration.
type Store struct {
	// TODO: Load runs in every request's goroutine while Update runs in the
	// reloader's. What orders a write of cur before a read of it?
	cur *Config
}

// NewStore publishes a clone of initial as Version 1.
func NewStore(initial *Config) *Store {
	first := initial.Clone()
	first.Version = 1
	return &Store{cur: first}
}

// Load returns the current snapshot. Callers must not modify it.
func (s *Store) Load() *Config {
	return s.cur
}

// Update calls fn with a copy of the current snapshot and publishes it.
//
// TODO: if two reloads run Update at the same time, can one of them lose the
// other's change? Would the race detector tell you, once cur is atomic?
func (s *Store) Update(fn func(next *Config) error) (*Config, error) {
	next := s.cur.Clone()
	if err := fn(next); err != nil {
		return nil, err
	}
	next.Version = s.cur.Version + 1
	s.cur = next
	return next, nil
}

// Changed waits until a snapshot newer than since is published, or ctx is
// done.
//
// TODO: how late does this notice a publish? And how many times does it wake
// up while nothing happens?
func (s *Store) Changed(ctx context.Context, since int) (*Config, error) {
	for {
		if c := s.cur; c.Version > since {
			return c, nil
		}
		select {
		case <-ctx.Done():
			return nil, ctx.Err()
		case <-time.After(100 * time.Millisecond):
		}
	}
}
