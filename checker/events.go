package checker

import (
	"encoding/json"
	"strings"
	"sync"
)

// testEvent is one line of `go test -json` (cmd/test2json).
type testEvent struct {
	Action     string
	Package    string
	Test       string
	Output     string
	ImportPath string // build-output / build-fail events
}

// testRecord is everything the run said about one test.
type testRecord struct {
	name    string
	ran     bool
	outcome string // "pass", "fail", "skip" or "" (never ended)
	output  strings.Builder
}

// eventLog collects the events of one run, by test, within output caps.
type eventLog struct {
	mu        sync.Mutex
	tests     map[string]*testRecord
	order     []string // tests in the order they started
	build     strings.Builder
	buildFail bool
	pkgOutput strings.Builder // output outside any test (package level)
	raw       strings.Builder // everything, capped, for the details view
	lastRun   string
	onBuild   func(importPath, output string) // sees every build-output event; may be nil (see WarmProgress)
}

func newEventLog() *eventLog { return &eventLog{tests: map[string]*testRecord{}} }

func (l *eventLog) add(line []byte) {
	var e testEvent
	if err := json.Unmarshal(line, &e); err != nil || e.Action == "" {
		// Not an event: go itself printing (rare with -json). Keep it as package output.
		l.mu.Lock()
		appendCapped(&l.pkgOutput, string(line)+"\n", keepPerTest)
		appendCapped(&l.raw, string(line)+"\n", keepOutput)
		l.mu.Unlock()
		return
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	switch e.Action {
	case "build-output":
		if l.onBuild != nil {
			l.onBuild(e.ImportPath, e.Output)
		}
		appendCapped(&l.build, e.Output, keepPerTest)
		appendCapped(&l.raw, e.Output, keepOutput)
		return
	case "build-fail":
		l.buildFail = true
		return
	}
	if e.Output != "" {
		appendCapped(&l.raw, e.Output, keepOutput)
	}
	// Subtests (Name/sub) are folded into their top-level test.
	name, _, _ := strings.Cut(e.Test, "/")
	if name == "" {
		if e.Output != "" {
			appendCapped(&l.pkgOutput, e.Output, keepPerTest)
		}
		return
	}
	r := l.tests[name]
	if r == nil {
		r = &testRecord{name: name}
		l.tests[name] = r
		l.order = append(l.order, name)
	}
	top := e.Test == name
	switch e.Action {
	case "run":
		if top {
			r.ran = true
			l.lastRun = name
		}
	case "pass", "fail", "skip":
		if top {
			r.outcome = e.Action
		}
	case "output":
		appendCapped(&r.output, e.Output, keepPerTest)
	}
}

func appendCapped(b *strings.Builder, s string, max int) {
	if room := max - b.Len(); room > 0 {
		if len(s) > room {
			s = s[:room]
		}
		b.WriteString(s)
	}
}
