package checker

import (
	"strings"
	"testing"
)

// A trace names goroutines by their learner function (numbered when several
// share one), merges a goroutine's consecutive steps, says where the pause
// was, and keeps the last phrases, in both languages.
func TestDescribeTrace(t *testing.T) {
	s := &scheduleRun{sites: map[int]yieldSite{
		1: {ID: 1, File: "tracker.go", Line: 27, Func: "Event", Op: "select", When: "before"},
		2: {ID: 2, File: "tracker.go", Line: 29, Func: "Event", Op: "case-default", When: "after"},
		3: {ID: 3, File: "tracker.go", Line: 61, Func: "Shutdown.func", Op: "close", When: "after"},
		4: {ID: 4, File: "tracker.go", Line: 52, Func: "Run", Op: "case-default", When: "after"},
		5: {ID: 5, File: "tracker.go", Line: 33, Func: "Event", Op: "case-send", When: "after"},
	}}
	raw := [][4]int64{{1, 1, 1, 0}, {2, 2, 1, 1}, {3, 1, 2, 0}, {4, 3, 3, 0}, {5, 4, 4, 0}, {6, 5, 1, 0}, {7, 99, 1, 0}}
	en := describeTrace(s.steps(raw), "en")
	want := "Event #1 at tracker.go:27→29 (select took default) — paused here while the others ran; then " +
		"Event #2 at tracker.go:27 (entering select); then goroutine of Shutdown at tracker.go:61 (closed); then " +
		"Run at tracker.go:52 (select took default); then Event #1 at tracker.go:33 (sent)"
	if en != want {
		t.Errorf("en:\n got %s\nwant %s", en, want)
	}
	zh := describeTrace(s.steps(raw), "zh")
	for _, w := range []string{"Event #1 在 tracker.go:27→29（select 走了 default），在这里被暂停", "Shutdown 的 goroutine", "；然后 Run 在 tracker.go:52"} {
		if !strings.Contains(zh, w) {
			t.Errorf("zh trace %q lacks %q", zh, w)
		}
	}
	if describeTrace(nil, "en") != "" {
		t.Error("an empty trace must say nothing")
	}
}

// A failing seed is remembered per lesson and test, newest first, and handed
// to the kit on the next grading; the interleaving goes into the failure.
func TestSeedsPersist(t *testing.T) {
	dir := t.TempDir()
	s := scheduleRun{slug: "06-tracker", stateFile: dir + "/schedules.json", schedFile: dir + "/none",
		sites: map[int]yieldSite{1: {ID: 1, File: "tracker.go", Line: 27, Func: "Event", Op: "send", When: "after"}}}
	log := newEventLog()
	rec := &testRecord{name: "TestX", ran: true, outcome: "fail"}
	rec.output.WriteString(`    explore.go:1: GOCOURSE-SCHEDULE {"seed":12,"steps":[[1,1,1,1]]}` + "\n")
	log.tests["TestX"] = rec
	v := Verdict{Status: StatusFail, Failures: []Failure{{Kind: KindTest, Test: "TestX", Message: "lost"}}}
	s.finish(&v, Request{Lang: "en"}, runResult{events: log})
	if want := "lost\nHow it happened (explored schedule 12): Event at tracker.go:27 (sent) — paused here while the others ran."; v.Failures[0].Message != want {
		t.Errorf("message %q, want %q", v.Failures[0].Message, want)
	}
	next := scheduleRun{sitesFile: "x", seeds: loadSeeds(s.stateFile)["06-tracker"]}
	env := strings.Join(next.env(), " ")
	if !strings.Contains(env, "GOCOURSE_SEEDS=TestX=12") {
		t.Errorf("env %q does not hand seed 12 of TestX back", env)
	}
	// A second failure comes first; the list stays short.
	for _, seed := range []string{"40", "41", "42", "43"} {
		rec.output.Reset()
		rec.output.WriteString(`GOCOURSE-SCHEDULE {"seed":` + seed + `,"steps":[]}` + "\n")
		s.finish(&Verdict{Status: StatusFail}, Request{Lang: "en"}, runResult{events: log})
	}
	if got := loadSeeds(s.stateFile)["06-tracker"]["TestX"]; len(got) != maxSeeds || got[0] != 43 || got[maxSeeds-1] != 40 {
		t.Errorf("seeds %v, want the %d newest, newest first", got, maxSeeds)
	}
}

// A test whose failure was merged into an earlier test's (the same kind at
// the same place) still shows its interleaving, on the failure it joined.
func TestTraceOfAMergedFailure(t *testing.T) {
	kept := Failure{Kind: KindTest, Test: "TestA", File: "exercises/06-tracker/tracker.go", Line: 52, Message: "lost"}
	v := Verdict{Status: StatusFail, Failures: []Failure{kept},
		merged: map[string][]int{"TestExplored": {0}}}
	var s scheduleRun
	s.addTrace(&v, "TestExplored", 65539, "step 1", "en")
	if !strings.Contains(v.Failures[0].Message, "65539") || !strings.Contains(v.Failures[0].Message, "step 1") {
		t.Errorf("the merged test's schedule is not on the failure it joined: %q", v.Failures[0].Message)
	}
	if !testDied(&Verdict{Failures: []Failure{{Kind: KindPanic, Test: "TestA", File: "a.go", Line: 3}},
		merged: map[string][]int{"TestB": {0}}}, "TestB") {
		t.Error("a test whose panic was merged into another's did not die, says testDied")
	}
}
