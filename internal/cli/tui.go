package cli

import (
	"context"
	"errors"
	"fmt"
	"os"

	"github.com/gocourse/gocourse/checker"
	"github.com/gocourse/gocourse/internal/progress"
	"github.com/gocourse/gocourse/internal/tui"
	"github.com/gocourse/gocourse/lessons"
)

// cmdTUI opens the interactive course.
func cmdTUI(e *env, args []string) int {
	fset, lang := e.flags("")
	if _, err := e.parse(fset, lang, args); err != nil {
		return exitError
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
		fmt.Fprintln(e.stderr, "gocourse:", err) // a corrupt file was kept aside; the course still opens
	}
	request := func(ctx context.Context, l *lessons.Lesson) checker.Request {
		r := e.gradeRequest(ws, cat, l)
		if lang := tui.LangFrom(ctx); lang != "" { // the learner may switch with L
			r.Lang = lang
		}
		return r
	}
	err = tui.Run(e.ctx, tui.Config{
		Catalog: cat,
		Root:    ws.Root,
		Lang:    e.lang,
		Editor:  firstNonEmpty(os.Getenv("VISUAL"), os.Getenv("EDITOR")),
		Grade: func(ctx context.Context, l *lessons.Lesson) checker.Verdict {
			return checker.Grade(ctx, request(ctx, l))
		},
		Warm: func(ctx context.Context, l *lessons.Lesson) {
			checker.Warm(ctx, request(ctx, l))
		},
		Progress: progressAdapter{store},
		Reset: func(l *lessons.Lesson) (string, error) {
			return ws.Reset(e.embedded, l)
		},
	})
	if errors.Is(err, tui.ErrNotTTY) {
		fmt.Fprintln(e.stderr, txtNotTTY.in(e.lang))
		return exitError
	}
	if err != nil {
		return e.fail(err)
	}
	return exitPass
}

// progressAdapter records verdicts in the workspace's progress, for the TUI
// and for check/verify alike.
type progressAdapter struct{ s *progress.Store }

func (p progressAdapter) Passed(slug string) bool { return p.s.Passed(slug) }
func (p progressAdapter) FirstRun() bool          { return p.s.FirstRun() }
func (p progressAdapter) Record(slug string, v checker.Verdict) error {
	return p.s.Record(slug, v.OK(), v.Kinds())
}

func firstNonEmpty(s ...string) string {
	for _, x := range s {
		if x != "" {
			return x
		}
	}
	return ""
}
