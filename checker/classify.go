package checker

import (
	"encoding/json"
	"fmt"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"
)

// classify turns one run into a verdict. A pass needs all of: a pass event
// for every expected hidden test, the kit's result file saying exit=0, and a
// zero exit code. Anything else is a failure with a kind, explained.
func classify(req Request, run *gradingRun, res runResult, result string) Verdict {
	c := classifier{req: req, run: run}
	log := res.events
	log.mu.Lock()
	defer log.mu.Unlock()
	v := Verdict{Output: c.clean(log.raw.String() + res.stderr)}

	switch {
	case res.flooded:
		c.add(Failure{Kind: KindPanic, Test: log.lastRun, Message: msgFlood.in(req.Lang, floodLimit>>20)})
	case log.buildFail || (len(log.tests) == 0 && strings.Contains(res.stderr+log.build.String(), "setup failed")):
		c.buildFailures(log.build.String() + res.stderr)
	}
	if len(c.failures) > 0 {
		v.Status, v.Failures = StatusFail, c.failures
		return v
	}

	for _, name := range log.order {
		c.testFailures(log.tests[name])
	}
	for _, name := range req.Lesson.HiddenTests {
		if r := log.tests[name]; r != nil && r.outcome == "pass" {
			v.Passed = append(v.Passed, name)
		}
	}
	if res.timedOut {
		at := ""
		if log.lastRun != "" && log.tests[log.lastRun].outcome == "" {
			at = msgWhileRunning.in(req.Lang, log.lastRun)
		}
		c.add(Failure{Kind: KindTimeout, Test: log.lastRun,
			Message: msgHardTimeout.in(req.Lang, (req.limit() + BuildAllowance).Round(time.Second), at)})
	}
	if strings.Contains(log.pkgOutput.String(), "Test I/O incomplete") {
		c.add(Failure{Kind: KindTimeout, Message: msgOrphan.in(req.Lang)})
	}
	c.missingResults(log, result, len(c.failures) > 0)
	if len(c.failures) == 0 && (res.exitCode != 0 || strings.TrimSpace(result) != "exit=0") {
		c.add(Failure{Kind: KindTest, Message: msgUnknown.in(req.Lang, tail(v.Output, 40))})
	}
	if len(c.failures) > 0 {
		v.Status, v.Failures, v.merged = StatusFail, c.failures, c.merged
		return v
	}
	v.Status = StatusPass
	return v
}

// missingResults explains expected tests that never reported a pass: the
// test the binary died in, always; tests that never ran, when nothing else
// already explains the failure.
func (c *classifier) missingResults(log *eventLog, result string, explained bool) {
	finished := strings.HasPrefix(result, "exit=") // the kit's TestMain got to the end
	for _, name := range c.req.Lesson.HiddenTests {
		r := log.tests[name]
		if r == nil || !r.ran || r.outcome != "" {
			continue
		}
		// The binary died here; later tests never ran. A panic or a stuck
		// bubble already reported says why: one cause, one failure.
		if !c.has(name, KindTimeout) && !c.has(name, KindPanic) {
			out := log.pkgOutput.String() + r.output.String()
			switch fatal := fatalError(out); {
			case fatal != "":
				file, line := c.firstLearnerFrame(out)
				c.add(Failure{Kind: KindPanic, Test: name, File: file, Line: line, Message: msgFatal.in(c.req.Lang, name, fatal)})
			case !strings.Contains(out, "panic: "):
				c.add(Failure{Kind: KindPanic, Test: name, Message: msgExited.in(c.req.Lang, name)})
			default:
				c.add(Failure{Kind: KindPanic, Test: name, Message: msgDied.in(c.req.Lang, name)})
			}
		}
		return
	}
	if explained {
		return
	}
	if !finished {
		// Events without a finished TestMain were printed by the learner's
		// code, or the binary left before the tests began.
		c.add(Failure{Kind: KindPanic, Message: msgNeverRan.in(c.req.Lang)})
		return
	}
	for _, name := range c.req.Lesson.HiddenTests {
		if r := log.tests[name]; r == nil || r.outcome != "pass" {
			c.add(Failure{Kind: KindTest, Test: name, Message: msgMissingTest.in(c.req.Lang, name)})
		}
	}
}

// has reports whether test already has a failure of kind (its own, or one
// merged into an earlier test's).
func (c *classifier) has(test, kind string) bool {
	for _, k := range failuresOf(c.failures, c.merged, test) {
		if c.failures[k].Kind == kind {
			return true
		}
	}
	return false
}

type classifier struct {
	req      Request
	run      *gradingRun
	failures []Failure
	merged   map[string][]int // test -> the failures its own were merged into
	forms    map[int][]string // failure -> the other message forms it says
}

// add keeps one failure per kind and place: the first test to report it
// (tests run in a fixed order) is the one listed. Which later tests stumble
// on the same line depends on the schedule the race detector's randomised
// scheduler happened to draw, so listing each of them made one file give a
// different list from run to run. What a later test says in other words
// (another message form: a hidden test's format, before its arguments) is
// added to the listed failure's message, so no problem goes unsaid. A
// failure with no place is merged only with one that says the very same.
func (c *classifier) add(f Failure) {
	f.Message = strings.TrimSpace(c.clean(f.Message))
	for i, g := range c.failures {
		if g.Kind == f.Kind && g.File == f.File && g.Line == f.Line && (f.File != "" || g.Message == f.Message) {
			if f.form != "" && f.form != g.form && !slices.Contains(c.forms[i], f.form) && g.Message != f.Message {
				if c.forms == nil {
					c.forms = map[int][]string{}
				}
				c.forms[i] = append(c.forms[i], f.form)
				if f.Test == g.Test {
					c.failures[i].Message += msgAlsoSaid.in(c.req.Lang, f.Message)
				} else {
					c.failures[i].Message += msgAlsoHere.in(c.req.Lang, f.Test, f.Message)
				}
			}
			if f.Test != "" && f.Test != g.Test {
				if c.merged == nil {
					c.merged = map[string][]int{}
				}
				c.merged[f.Test] = append(c.merged[f.Test], i)
			}
			return
		}
	}
	c.failures = append(c.failures, f)
}

// clean removes temp paths and the absolute exercise path from text a
// learner will read.
func (c *classifier) clean(s string) string {
	if c.run != nil {
		s = strings.ReplaceAll(s, c.run.tmp+string(filepath.Separator), "")
		s = strings.ReplaceAll(s, c.run.tmp, "")
	}
	s = strings.ReplaceAll(s, c.req.Dir+string(filepath.Separator), c.req.Display+"/")
	return s
}

// ---------------------------------------------------------------- compile

// compileLineRE matches "./search.go:12:2: undefined: x" and vet's
// "search.go:12:2: ..." (paths relative to the package directory) as well as
// absolute paths.
var compileLineRE = regexp.MustCompile(`^(?:vet: )?(\S+?\.go):(\d+)(?::(\d+))?: (.*)$`)

func (c *classifier) buildFailures(out string) {
	var plain []string
	for _, line := range strings.Split(out, "\n") {
		line = strings.TrimRight(line, "\r")
		if line == "" || strings.HasPrefix(line, "#") || strings.HasPrefix(line, "FAIL") {
			continue
		}
		m := compileLineRE.FindStringSubmatch(strings.TrimSpace(line))
		if m == nil {
			plain = append(plain, line)
			continue
		}
		file, lineNo, text := m[1], atoi(m[2]), m[4]
		if f, ok := c.learnerFile(file); ok {
			c.add(Failure{Kind: KindCompile, File: f, Line: lineNo, Message: text})
			continue
		}
		// An error inside a hidden file means the learner's API does not
		// match what the tests call; point at the exercise file instead.
		c.add(Failure{Kind: KindCompile, File: c.req.Display + "/" + c.req.Lesson.File,
			Message: msgHiddenCompile.in(c.req.Lang, text)})
	}
	if len(c.failures) == 0 {
		c.add(Failure{Kind: KindCompile, Message: msgBuildFailed.in(c.req.Lang, strings.Join(plain, "\n"))})
	}
}

// learnerFile maps a path printed by go (relative to the package directory,
// "./x.go", or absolute) to the learner's display path, if it is one of the
// learner's own files.
func (c *classifier) learnerFile(p string) (string, bool) {
	if !filepath.IsAbs(p) {
		p = filepath.Join(c.req.Dir, p)
	}
	if filepath.Dir(p) != c.req.Dir {
		return "", false
	}
	base := filepath.Base(p)
	if strings.HasPrefix(base, "zz_gocourse_") || strings.HasSuffix(base, "_test.go") {
		return "", false
	}
	return c.req.Display + "/" + base, true
}

// ---------------------------------------------------------------- tests

const marker = "GOCOURSE-FAILURE "

// kitFailure is the JSON the kit prints (checker/testdata/kit).
type kitFailure struct {
	Kind string `json:"kind"`
	File string `json:"file"`
	Line int    `json:"line"`
	EN   string `json:"en"`
	ZH   string `json:"zh"`
	Form string `json:"form"`
}

func (c *classifier) testFailures(r *testRecord) {
	out := r.output.String()
	explained := false // did this test say why it failed (even if a twin was already reported)?

	// Failures the hidden tests explained themselves.
	for _, line := range strings.Split(out, "\n") {
		i := strings.Index(line, marker)
		if i < 0 {
			continue
		}
		var k kitFailure
		if err := json.Unmarshal([]byte(strings.TrimSpace(line[i+len(marker):])), &k); err != nil {
			continue
		}
		text := k.EN
		if c.req.Lang == "zh" && k.ZH != "" {
			text = k.ZH
		}
		f := Failure{Kind: k.Kind, Test: r.name, Message: text, form: k.Form}
		if k.File != "" {
			f.File, f.Line = c.req.Display+"/"+filepath.Base(k.File), k.Line
		}
		if !knownKind(f.Kind) {
			f.Kind = KindTest
		}
		c.add(f)
		explained = true
	}
	// Failures the runtime found.
	if strings.Contains(out, "WARNING: DATA RACE") || strings.Contains(out, "race detected during execution of test") {
		c.raceFailures(r.name, out)
		explained = true
	}
	if strings.Contains(out, "panic: test timed out after") {
		c.add(Failure{Kind: KindTimeout, Test: r.name, Message: msgTestTimeout.in(c.req.Lang, r.name)})
		explained = true
	} else if strings.Contains(out, "unexpected call to os.Exit") {
		explained = true
		file, line := c.firstLearnerFrame(out)
		c.add(Failure{Kind: KindPanic, Test: r.name, File: file, Line: line, Message: msgExit.in(c.req.Lang, r.name)})
	} else if p := panicValue(out); p != "" {
		file, line := c.firstLearnerFrame(out[strings.Index(out, "panic: "):])
		c.add(Failure{Kind: KindPanic, Test: r.name, File: file, Line: line, Message: msgPanic.in(c.req.Lang, p)})
		explained = true
	}
	// A failed test that explained nothing: show what it printed.
	if r.outcome == "fail" && !explained {
		c.add(Failure{Kind: KindTest, Test: r.name, Message: msgPlainFail.in(c.req.Lang, r.name, tail(plainOutput(out), 20))})
	}
}

// raceFailures adds one failure per place of the learner's code that a race
// report of test names. A race has two accesses, and which of them the
// detector sees first (the "current" one) depends on the schedule; so a
// race is placed at its write (the lower line when both write), with the
// other line named in the message, and reports that share a place are
// merged: the same file gives the same places however the goroutines ran.
func (c *classifier) raceFailures(test, out string) {
	type place struct {
		file string
		line int
	}
	others := map[place][]int{}
	var order []place
	wg := map[place]bool{}
	for _, block := range strings.Split(out, "WARNING: DATA RACE")[1:] {
		if i := strings.Index(block, "=================="); i >= 0 {
			block = block[:i]
		}
		var writes, reads []place
		for _, sec := range strings.Split(block, "\n\n") {
			head := strings.TrimSpace(sec)
			file, line := c.firstLearnerFrame(sec)
			if line == 0 {
				continue
			}
			switch h := strings.ToLower(strings.TrimPrefix(head, "Previous ")); {
			case strings.HasPrefix(h, "write at"), strings.HasPrefix(h, "atomic write at"):
				writes = append(writes, place{file, line})
			case strings.HasPrefix(h, "read at"), strings.HasPrefix(h, "atomic read at"):
				reads = append(reads, place{file, line})
			}
		}
		all := append(append([]place{}, writes...), reads...)
		if len(all) == 0 {
			continue
		}
		at := all[0]
		if len(writes) == 2 && writes[1].line < writes[0].line {
			at = writes[1]
		}
		if _, seen := others[at]; !seen {
			order = append(order, at)
			others[at] = nil
		}
		for _, p := range all {
			if p != at && p.file == at.file && !slices.Contains(others[at], p.line) {
				others[at] = append(others[at], p.line)
			}
		}
		if waitGroupRace(block) {
			wg[at] = true
		}
	}
	if len(order) == 0 { // the report went to another test's output, or named none of the learner's lines
		file, line := c.firstLearnerFrame(out)
		order, others = []place{{file, line}}, map[place][]int{{file, line}: nil}
		wg[order[0]] = waitGroupRace(out)
	}
	for _, p := range order {
		at := ""
		if lines := others[p]; p.line > 0 && len(lines) > 0 {
			slices.Sort(lines)
			at = msgRaceAtLines.in(c.req.Lang, p.line, joinInts(lines))
		} else if p.line > 0 {
			at = msgRaceAt.in(c.req.Lang, p.line)
		}
		m := msgRace
		if wg[p] {
			m = msgRaceWaitGroup
		}
		c.addRace(Failure{Kind: KindRace, Test: test, File: p.file, Line: p.line, Message: m.in(c.req.Lang, at)})
	}
}

// addRace adds a race failure unless one is already placed there: the
// first report of a place stands, whichever test saw it.
func (c *classifier) addRace(f Failure) {
	for _, g := range c.failures {
		if g.Kind == KindRace && g.File == f.File && g.Line == f.Line {
			return
		}
	}
	c.add(f)
}

func joinInts(ns []int) string {
	s := make([]string, len(ns))
	for i, n := range ns {
		s[i] = strconv.Itoa(n)
	}
	return strings.Join(s, ", ")
}

// waitGroupRace reports whether a race report is sync.WaitGroup's own: the
// sync package marks Wait as a write and the first Add (from a zero
// counter) as a read of the WaitGroup, explicitly, so the two stacks start
// at runtime.racewrite/raceread and name no memory of the learner's.
func waitGroupRace(out string) bool {
	return strings.Contains(out, "runtime.racewrite()") && strings.Contains(out, "runtime.raceread()")
}

// fatalError returns the runtime's "fatal error: ..." text (concurrent map
// writes, all goroutines are asleep), which no recover can catch, or "".
func fatalError(out string) string {
	for _, line := range strings.Split(out, "\n") {
		if v, ok := strings.CutPrefix(strings.TrimSpace(line), "fatal error: "); ok {
			return v
		}
	}
	return ""
}

func knownKind(k string) bool {
	switch k {
	case KindCompile, KindTest, KindRace, KindLeak, KindTimeout, KindPanic, KindLint:
		return true
	}
	return false
}

// panicValue returns the value of the first "panic: ..." line of a crash
// (not of a recovered one a test merely logged).
func panicValue(out string) string {
	for _, line := range strings.Split(out, "\n") {
		if strings.HasPrefix(line, "panic: ") {
			v := strings.TrimPrefix(line, "panic: ")
			v = strings.TrimSuffix(v, " [recovered]")
			return v
		}
	}
	return ""
}

// frameRE matches a stack frame line: "\t/abs/dir/file.go:31 +0x64".
var frameRE = regexp.MustCompile(`^\s*(\S+\.go):(\d+)(?: \+0x[0-9a-f]+)?$`)

// firstLearnerFrame returns the first stack frame in the learner's files.
func (c *classifier) firstLearnerFrame(out string) (string, int) {
	for _, line := range strings.Split(out, "\n") {
		m := frameRE.FindStringSubmatch(line)
		if m == nil || !filepath.IsAbs(m[1]) {
			continue
		}
		if f, ok := c.learnerFile(m[1]); ok {
			return f, atoi(m[2])
		}
	}
	return "", 0
}

// plainOutput drops the test framework's own lines.
func plainOutput(out string) string {
	var keep []string
	for _, line := range strings.Split(out, "\n") {
		t := strings.TrimSpace(line)
		if strings.HasPrefix(t, "=== ") || strings.HasPrefix(t, "--- ") || t == "" {
			continue
		}
		keep = append(keep, line)
	}
	return strings.Join(keep, "\n")
}

func tail(s string, n int) string {
	lines := strings.Split(strings.TrimRight(s, "\n"), "\n")
	if len(lines) > n {
		lines = append([]string{fmt.Sprintf("… (%d lines)", len(lines)-n)}, lines[len(lines)-n:]...)
	}
	return strings.Join(lines, "\n")
}

func atoi(s string) int { n, _ := strconv.Atoi(s); return n }

// SortFailures orders failures by kind severity, then place, for display.
func SortFailures(fs []Failure) {
	rank := map[string]int{KindCompile: 0, KindTimeout: 1, KindPanic: 2, KindRace: 3, KindLeak: 4, KindLint: 5, KindTest: 6}
	sort.SliceStable(fs, func(i, j int) bool { return rank[fs[i].Kind] < rank[fs[j].Kind] })
}
