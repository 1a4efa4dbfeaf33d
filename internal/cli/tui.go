package cli

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sync"

	"github.com/gocourse/gocourse/checker"
	"github.com/gocourse/gocourse/internal/progress"
	"github.com/gocourse/gocourse/internal/tui"
	"github.com/gocourse/gocourse/lessons"
)

// cmdTUI opens the interactive course.
func cmdTUI(e *env, args []string) int {
	fset, lang := e.flags("")
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
	notice := ""
	if err != nil {
		// A corrupt file was kept aside, or a newer one is left alone: the
		// course still opens, and says so in the terminal and on screen.
		notice = progressWarning(e.lang, err)
		fmt.Fprintln(e.stderr, notice)
	}
	_ = os.MkdirAll(filepath.Dir(store.Path()), 0o755) // so that it can be watched
	adapter := &progressAdapter{s: store, hashes: map[string]string{}}
	// Grading folders a killed gocourse left behind (their owner lock is free).
	checker.SweepStale()
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
			r := request(ctx, l)
			// The content graded, taken before grading: the same content
			// graded again (L switches the language) is no new attempt.
			adapter.graded(l.Slug, ws.ExerciseHash(l))
			if missing := ws.MissingExercise(l); missing != "" {
				return missingVerdict(r.Lang, l, missing)
			}
			return checker.Grade(ctx, r)
		},
		Warm: func(ctx context.Context, l *lessons.Lesson) {
			checker.WarmProgress(ctx, request(ctx, l), tui.WarmReporter(ctx)) // progress of a cold build on screen
		},
		Progress: adapter,
		Reset: func(l *lessons.Lesson) (string, error) {
			return ws.Reset(e.embedded, l)
		},
		ProgressFile: store.Path(),
		Notice:       notice,
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

// progressAdapter records the TUI's verdicts in the workspace's progress,
// each with the content hash of what was graded.
type progressAdapter struct {
	s      *progress.Store
	mu     sync.Mutex
	hashes map[string]string // slug -> hash of the grading in flight
}

func (p *progressAdapter) graded(slug, hash string) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.hashes[slug] = hash
}

func (p *progressAdapter) Passed(slug string) bool { return p.s.Passed(slug) }
func (p *progressAdapter) FirstRun() bool          { return p.s.FirstRun() }
func (p *progressAdapter) Record(slug string, v checker.Verdict) error {
	p.mu.Lock()
	hash := p.hashes[slug]
	p.mu.Unlock()
	return p.s.Add(slug, progress.Grading{Passed: v.OK(), Failures: v.Kinds(), Hash: hash})
}

func firstNonEmpty(s ...string) string {
	for _, x := range s {
		if x != "" {
			return x
		}
	}
	return ""
}
