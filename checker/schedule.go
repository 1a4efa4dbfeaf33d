package checker

// The grader's side of explored schedules: it rewrites the learner's files
// into the overlay (rewrite.go), hands the kit the site table and the seeds
// that failed before, and afterwards adds the interleaving the kit reported
// to the failure's message and remembers the failing seed (Request.StateDir).

import (
	"encoding/json"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"

	"github.com/gocourse/gocourse/internal/atomicfile"
)

// scheduleRun is one grading's part of the explored schedules.
type scheduleRun struct {
	sitesFile string
	schedFile string // the kit writes the schedule it is running here
	seeds     map[string][]int64
	notes     []string // files graded as they are, and why
	slug      string
	stateFile string
	traceFile string // the kit's trace, kept when the test binary dies
	sites     map[int]yieldSite
}

// msgNotRewritten is the note for a file graded without yield points.
var msgNotRewritten = msg{
	"%s was graded without explored schedules: it %s (this is not a failure)",
	"%s 没有使用探索调度评测：它%s（这不算失败）"}

var noteZH = map[string]string{
	"does not parse":                 "无法解析",
	"uses cgo":                       "使用了 cgo",
	"has line directives of its own": "自带 line 指令",
}

// maxSeeds is how many failing seeds a test remembers.
const maxSeeds = 4

func (r *gradingRun) writeSchedule(replace map[string]string, modPath string) error {
	s := &r.sched
	s.slug = r.req.Lesson.Slug
	names, err := learnerFiles(r.req.Dir)
	if err != nil {
		return err
	}
	var all []yieldSite
	if os.Getenv("GOCOURSE_NO_SCHEDULES") != "" {
		names = nil // measuring: the learner's files as they are, gcExplore repeats plainly
	}
	for _, p := range names {
		base := filepath.Base(p)
		src, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		res := rewriteFile(p, src, modPath+"/"+kitPackageDir, len(all)+1)
		if res.Note != "" {
			why := res.Note
			if r.req.Lang == "zh" {
				if z, ok := noteZH[why]; ok {
					why = z
				}
			}
			s.notes = append(s.notes, msgNotRewritten.in(r.req.Lang, r.req.Display+"/"+base, why))
			continue
		}
		if len(res.Sites) == 0 {
			continue
		}
		all = append(all, res.Sites...)
		tmpPath := filepath.Join(r.tmp, "learner-"+base)
		if err := os.WriteFile(tmpPath, res.Src, 0o600); err != nil {
			return err
		}
		replace[p] = tmpPath
	}
	s.sites = map[int]yieldSite{}
	for _, y := range all {
		s.sites[y.ID] = y
	}
	data, err := json.Marshal(all)
	if err != nil {
		return err
	}
	s.traceFile = filepath.Join(r.tmp, "trace")
	s.sitesFile = filepath.Join(r.tmp, "sites.json")
	s.schedFile = filepath.Join(r.tmp, "schedule")
	if err := os.WriteFile(s.sitesFile, data, 0o600); err != nil {
		return err
	}
	if r.req.StateDir != "" {
		s.stateFile = filepath.Join(r.req.StateDir, "schedules.json")
		s.seeds = loadSeeds(s.stateFile)[s.slug]
	}
	return nil
}

// seedFile is the state file: lesson slug -> test -> failing seeds, newest first.
type seedFile map[string]map[string][]int64

func loadSeeds(p string) seedFile {
	var f seedFile
	data, err := os.ReadFile(p)
	if err != nil || json.Unmarshal(data, &f) != nil || f == nil {
		return seedFile{}
	}
	return f
}

func (s *scheduleRun) env() []string {
	if s.sitesFile == "" {
		return nil
	}
	env := []string{"GOCOURSE_SITES=" + s.sitesFile, "GOCOURSE_SCHEDFILE=" + s.schedFile, "GOCOURSE_TRACEFILE=" + s.traceFile}
	var parts []string
	for test, seeds := range s.seeds {
		strs := make([]string, len(seeds))
		for i, v := range seeds {
			strs[i] = strconv.FormatInt(v, 10)
		}
		parts = append(parts, test+"="+strings.Join(strs, ","))
	}
	if len(parts) > 0 {
		sort.Strings(parts)
		env = append(env, "GOCOURSE_SEEDS="+strings.Join(parts, ";"))
	}
	return env
}

const scheduleMarker = "GOCOURSE-SCHEDULE "

// schedLine is what the kit prints when an explored schedule failed.
type schedLine struct {
	Seed  int64      `json:"seed"`
	Steps [][4]int64 `json:"steps"`
}

// msgSchedule ends a failure that an explored schedule produced.
var msgSchedule = msg{
	"\nHow it happened (explored schedule %d): %s.",
	"\n经过（探索调度 %d）：%s。"}

// msgAlsoHere adds what another test found at a failure's place, in other
// words (classify.go).
var msgAlsoHere = msg{
	"\n%s failed at this line too: %s",
	"\n%s 也在这一行失败了：%s"}

// msgAlsoSaid is the same for a second problem the same test found there.
var msgAlsoSaid = msg{"\nAnd: %s", "\n另外：%s"}

// msgScheduleOf introduces the schedule of a test whose failure was merged
// into an earlier test's at the same place (classify.go).
var msgScheduleOf = msg{
	"\nHow %s got here (explored schedule %d): %s.",
	"\n%s 是这样走到这里的（探索调度 %d）：%s。"}

// finish adds what the schedules showed to the verdict: the interleaving of
// each failing test (appended to its first failure), the notes, and it
// remembers the failing seeds for the next grading.
func (s *scheduleRun) finish(v *Verdict, req Request, res runResult) {
	v.Notes = append(v.Notes, s.notes...)
	failing := map[string]int64{}
	if res.events != nil {
		res.events.mu.Lock()
		for name, rec := range res.events.tests {
			out := rec.output.String()
			for _, line := range strings.Split(out, "\n") {
				i := strings.Index(line, scheduleMarker)
				if i < 0 {
					continue
				}
				var l schedLine
				if json.Unmarshal([]byte(strings.TrimSpace(line[i+len(scheduleMarker):])), &l) != nil {
					continue
				}
				failing[name] = l.Seed
				s.addTrace(v, name, l.Seed, describeTrace(s.steps(l.Steps), req.Lang), req.Lang)
				break
			}
		}
		res.events.mu.Unlock()
	}
	// A test binary that died (a panic in one of the learner's goroutines)
	// printed nothing: the kit's note of the schedule it was running says.
	if v.Status == StatusFail {
		if data, err := os.ReadFile(s.schedFile); err == nil {
			if f := strings.Fields(string(data)); len(f) == 2 {
				if seed, err := strconv.ParseInt(f[1], 10, 64); err == nil && seed >= 0 {
					if _, ok := failing[f[0]]; !ok && testDied(v, f[0]) {
						if seed > 0 { // seed 0 (no pause) runs anyway
							failing[f[0]] = seed
						}
						if tseed, raw := s.crashTrace(); tseed == seed {
							s.addTrace(v, f[0], seed, describeTrace(s.steps(raw), req.Lang), req.Lang)
						}
					}
				}
			}
		}
	}
	if s.stateFile == "" || len(failing) == 0 {
		return
	}
	all := loadSeeds(s.stateFile)
	tests := all[s.slug]
	if tests == nil {
		tests = map[string][]int64{}
		all[s.slug] = tests
	}
	for name, seed := range failing {
		list := []int64{seed}
		for _, old := range tests[name] {
			if old != seed && len(list) < maxSeeds {
				list = append(list, old)
			}
		}
		tests[name] = list
	}
	if data, err := json.Marshal(all); err == nil {
		_ = os.MkdirAll(filepath.Dir(s.stateFile), 0o755)
		_ = atomicfile.Write(s.stateFile, data, 0o644)
	}
}

// addTrace appends how it happened to the first failure of test.
func (s *scheduleRun) addTrace(v *Verdict, test string, seed int64, text, lang string) {
	if text == "" {
		return
	}
	ks := v.failuresOf(test)
	switch {
	case len(ks) == 0:
	case v.Failures[ks[0]].Test == test:
		v.Failures[ks[0]].Message += msgSchedule.in(lang, seed, text)
	default: // the failure it joined was another test's: say whose schedule this is
		v.Failures[ks[0]].Message += msgScheduleOf.in(lang, test, seed, text)
	}
}

// testDied reports whether the verdict has a failure of test that is not a
// hidden test's own assertion (a panic, a timeout).
func testDied(v *Verdict, test string) bool {
	for _, k := range v.failuresOf(test) {
		if f := v.Failures[k]; f.Kind == KindPanic || f.Kind == KindTimeout {
			return true
		}
	}
	return false
}
