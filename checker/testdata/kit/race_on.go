//go:build race

package gocoursekit

import "runtime"

// The kit's own bookkeeping at a yield point must not order the learner's
// goroutines for the race detector: its synchronisation events are off.
func raceDisable() { runtime.RaceDisable() }
func raceEnable()  { runtime.RaceEnable() }
