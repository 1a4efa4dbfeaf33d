package cli

import (
	"fmt"
	"io/fs"
	"path"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"github.com/gocourse/gocourse/internal/atomicfile"
	"github.com/gocourse/gocourse/internal/workspace"
	"github.com/gocourse/gocourse/lessons"
)

func cmdList(e *env, args []string) int {
	fset, lang := e.flags("list")
	asJSON := fset.Bool("json", false, "print as JSON")
	if _, err := e.parse(fset, lang, args, 0); err != nil {
		return usageCode(err)
	}
	ws, cat, err := e.course()
	if err != nil {
		return e.fail(err)
	}
	store, err := ws.Progress()
	if store == nil {
		return e.fail(err)
	}
	if err != nil {
		fmt.Fprintln(e.stderr, progressWarning(e.lang, err))
	}
	if *asJSON {
		type row struct {
			Number   int    `json:"number"`
			Slug     string `json:"slug"`
			Title    string `json:"title"`
			Passed   bool   `json:"passed"`
			Attempts int    `json:"attempts"`
			File     string `json:"file"`
		}
		var rows []row
		for _, l := range cat.Lessons {
			p := store.Get(l.Slug)
			rows = append(rows, row{l.Number, l.Slug, l.Title.In(e.lang), p.Passed(), p.Attempts, l.ExercisePath()})
		}
		writeJSON(e.stdout, rows)
		return exitPass
	}
	fmt.Fprintln(e.stdout, txtListHeader.in(e.lang))
	done := 0
	for _, l := range cat.Lessons {
		p := store.Get(l.Slug)
		mark, status := " ", txtNotStarted.in(e.lang)
		switch {
		case p.Passed():
			mark, status = "✓", txtPassed.in(e.lang)
			done++
		case p.Attempts > 0:
			mark, status = "·", txtTried.in(e.lang, p.Attempts)
		}
		title := fmt.Sprintf("%s %02d %s", mark, l.Number, l.Title.In(e.lang))
		fmt.Fprintf(e.stdout, "%s  %s\n", padRight(title, 44), status)
	}
	fmt.Fprintln(e.stdout)
	fmt.Fprintln(e.stdout, txtProgress.in(e.lang, done, len(cat.Lessons)))
	return exitPass
}

// padRight pads s to width display columns (CJK characters take two).
func padRight(s string, width int) string {
	w := 0
	for _, r := range s {
		w++
		if r >= 0x1100 && (r <= 0x115f || (r >= 0x2e80 && r <= 0xa4cf) || (r >= 0xac00 && r <= 0xd7a3) || (r >= 0xf900 && r <= 0xfaff) || (r >= 0xff00 && r <= 0xff60)) {
			w++
		}
	}
	if w < width {
		s += strings.Repeat(" ", width-w)
	}
	return s
}

func cmdHint(e *env, args []string) int {
	fset, lang := e.flags("hint")
	level := fset.Int("level", 1, "hint level, from 1 (a nudge) up")
	pos, err := e.parse(fset, lang, args, 1)
	if err != nil {
		return usageCode(err)
	}
	_, cat, err := e.course()
	if err != nil {
		return e.fail(err)
	}
	l, err := e.lessonArg(cat, pos, "hint")
	if err != nil {
		return e.fail(err)
	}
	if *level < 1 || *level > len(l.Hints) {
		fmt.Fprintln(e.stderr, "gocourse: "+txtBadLevel.in(e.lang, *level, l.Number, len(l.Hints)))
		return exitError
	}
	text, got := l.Hint(*level, e.lang)
	fmt.Fprintln(e.stdout, txtHint.in(e.lang, got, len(l.Hints), l.Number, l.Title.In(e.lang)))
	fmt.Fprintln(e.stdout)
	fmt.Fprintln(e.stdout, strings.TrimSpace(text))
	if got < len(l.Hints) {
		fmt.Fprintln(e.stdout)
		fmt.Fprintln(e.stdout, txtMoreHints.in(e.lang, l.Number, got+1))
	}
	return exitPass
}

func cmdReset(e *env, args []string) int {
	fset, lang := e.flags("reset")
	pos, err := e.parse(fset, lang, args, 1)
	if err != nil {
		return usageCode(err)
	}
	ws, cat, err := e.course()
	if err != nil {
		return e.fail(err)
	}
	l, err := e.lessonArg(cat, pos, "reset")
	if err != nil {
		return e.fail(err)
	}
	backup, err := ws.Reset(e.embedded, l)
	if err != nil {
		return e.fail(err)
	}
	fmt.Fprintln(e.stdout, txtResetDone.in(e.lang, l.Number, l.ExercisePath()))
	if backup != "" {
		fmt.Fprintln(e.stdout, txtBackedUp.in(e.lang, backup))
	}
	return exitPass
}

func cmdSolution(e *env, args []string) int {
	fset, lang := e.flags("solution")
	force := fset.Bool("force", false, "show it even before passing")
	pos, err := e.parse(fset, lang, args, 1)
	if err != nil {
		return usageCode(err)
	}
	ws, cat, err := e.course()
	if err != nil {
		return e.fail(err)
	}
	l, err := e.lessonArg(cat, pos, "solution")
	if err != nil {
		return e.fail(err)
	}
	store, _ := ws.Progress()
	if !*force && (store == nil || !store.Passed(l.Slug)) {
		fmt.Fprintln(e.stderr, txtNotPassedYet.in(e.lang, l.Number, l.Number))
		return exitFail
	}
	files, err := fs.ReadDir(cat.FS, l.SolutionDir())
	if err != nil {
		return e.fail(err)
	}
	for _, f := range files {
		data, err := fs.ReadFile(cat.FS, path.Join(l.SolutionDir(), f.Name()))
		if err != nil {
			return e.fail(err)
		}
		fmt.Fprintf(e.stdout, "// ===== %s =====\n%s\n", path.Join(l.SolutionDir(), f.Name()), data)
	}
	return exitPass
}

func cmdInit(e *env, args []string) int {
	fset, lang := e.flags("init")
	classroom := fset.Bool("classroom", false, "also write a GitHub Classroom workflow grading each lesson")
	pos, err := e.parse(fset, lang, args, 1)
	if err != nil {
		return usageCode(err)
	}
	if len(pos) != 1 {
		return e.fail(fmt.Errorf("usage: gocourse init DIR"))
	}
	cat, err := lessons.Load(e.embedded)
	if err != nil {
		return e.fail(err)
	}
	ws, err := workspace.Init(e.embedded, cat, pos[0])
	if err != nil {
		return e.fail(err)
	}
	if *classroom {
		wf := filepath.Join(ws.Root, ".github", "workflows", "classroom.yml")
		if err := atomicfile.Write(wf, classroomWorkflow(cat), 0o644); err != nil {
			return e.fail(err)
		}
		fmt.Fprintln(e.stdout, txtClassroom.in(e.lang, wf))
	}
	fmt.Fprintln(e.stdout, txtInitDone.in(e.lang, ws.Root, pos[0]))
	return exitPass
}

// ---------------------------------------------------------------- report

type lessonReport struct {
	Number      int            `json:"number"`
	Slug        string         `json:"slug"`
	Passed      bool           `json:"passed"`
	Attempts    int            `json:"attempts"`
	TimeToPass  string         `json:"time_to_pass,omitempty"` // first attempt to pass
	FailureKind map[string]int `json:"failures,omitempty"`
}

// cmdReport prints what an instructor asks a learner to paste: lessons
// passed, attempts, time to pass, most frequent failure kinds.
func cmdReport(e *env, args []string) int {
	fset, lang := e.flags("report")
	asJSON := fset.Bool("json", false, "print as JSON")
	if _, err := e.parse(fset, lang, args, 0); err != nil {
		return usageCode(err)
	}
	ws, cat, err := e.course()
	if err != nil {
		return e.fail(err)
	}
	store, err := ws.Progress()
	if store == nil {
		return e.fail(err)
	}
	if err != nil {
		fmt.Fprintln(e.stderr, progressWarning(e.lang, err))
	}
	var rows []lessonReport
	kinds := map[string]int{}
	passed := 0
	for _, l := range cat.Lessons {
		p := store.Get(l.Slug)
		r := lessonReport{Number: l.Number, Slug: l.Slug, Passed: p.Passed(), Attempts: p.Attempts, FailureKind: p.Failures}
		if p.Passed() {
			passed++
			if !p.FirstAttempt.IsZero() && !p.PassedAt.Before(p.FirstAttempt) { // passed by verify alone: no attempt
				r.TimeToPass = p.PassedAt.Sub(p.FirstAttempt).Round(time.Second).String()
			}
		}
		for k, n := range p.Failures {
			kinds[k] += n
		}
		rows = append(rows, r)
	}
	top := topKinds(kinds)
	if *asJSON {
		writeJSON(e.stdout, map[string]any{"passed": passed, "total": len(cat.Lessons), "lessons": rows, "top_failures": top})
		return exitPass
	}
	fmt.Fprintln(e.stdout, txtProgress.in(e.lang, passed, len(cat.Lessons)))
	for _, r := range rows {
		status := txtNotStarted.in(e.lang)
		if r.Passed {
			status = txtPassed.in(e.lang)
			if r.TimeToPass != "" {
				status += " (" + r.TimeToPass + ")"
			}
		} else if r.Attempts > 0 {
			status = txtTried.in(e.lang, r.Attempts)
		}
		fmt.Fprintln(e.stdout, txtReportRow.in(e.lang, r.Number, r.Slug, padRight(status, 16), r.Attempts))
	}
	if len(top) > 0 {
		fmt.Fprintln(e.stdout, txtReportFailures.in(e.lang, strings.Join(top, ", ")))
	}
	return exitPass
}

// topKinds is "leak×5" style, most frequent first.
func topKinds(kinds map[string]int) []string {
	var ks []string
	for k := range kinds {
		ks = append(ks, k)
	}
	sort.Slice(ks, func(i, j int) bool {
		if kinds[ks[i]] != kinds[ks[j]] {
			return kinds[ks[i]] > kinds[ks[j]]
		}
		return ks[i] < ks[j]
	})
	out := make([]string, len(ks))
	for i, k := range ks {
		out[i] = fmt.Sprintf("%s×%d", k, kinds[k])
	}
	return out
}
