package tui

import (
	"fmt"
	"net/url"
	"path"
	"path/filepath"
	"strings"
	"time"

	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/gocourse/gocourse/checker"
)

// panelLines is the content of the results panel, width columns wide: the
// reset question, the grading in progress, the verdict (or the welcome, or
// how to get one), then the hint. It also records where the hint starts.
func (m *Model) panelLines(width int) []string {
	l := m.lesson()
	if l == nil {
		return nil
	}
	w := max(width-2, 10)
	var out []string
	add := func(s string) {
		for _, line := range strings.Split(s, "\n") {
			out = append(out, " "+line)
		}
	}
	if m.confirmReset {
		add(m.st.warn.Render(wrap(m.tr(sResetAsk, l.ExercisePath()), w)))
	}
	if n, ok := m.resets[l.Slug]; ok {
		if n.backup != "" {
			add(m.st.subtle.Render(wrapPath(m.tr(sResetDone, n.backup), w)))
		} else {
			add(m.st.subtle.Render(wrap(m.tr(sResetDoneNoBackup), w)))
		}
	}
	if m.coldWarm() {
		add(m.buildFrame() + " " + indentRest(wrap(m.tr(sBuildingStd, m.build.built, m.build.total), w-2), 2))
		if m.queued {
			add("  " + indentRest(wrap(m.tr(sGradeQueued), w-2), 2))
		}
	}
	vs := m.verdicts[l.Slug]
	if m.job != nil && m.job.slug == l.Slug {
		add(m.spinner.View() + " " + m.tr(sGrading, path.Base(l.ExercisePath()), fmtElapsed(m.job.started)))
		if len(m.warmed) == 0 && time.Since(m.job.started) >= 5*time.Second {
			add(m.st.subtle.Render("  " + indentRest(wrap(m.tr(sFirstBuildSlow), w-2), 2)))
		}
	}
	switch {
	case vs != nil:
		for _, s := range m.verdictLines(vs, w) {
			add(s)
		}
	case m.welcome:
		add(m.st.title.Render(m.tr(sWelcomeTitle)))
		add(wrap(m.tr(sWelcome, l.ExercisePath()), w))
	case m.job != nil && m.job.slug == l.Slug:
	case m.watchErr != nil:
		add(m.st.subtle.Render(wrap(m.tr(sIdleHintNoWatch, m.watchErr, l.ExercisePath()), w)))
	default:
		add(m.st.subtle.Render(wrap(m.tr(sIdleHint, l.ExercisePath()), w)))
	}
	m.hintLine = len(out)
	if lvl := m.hints[l.Slug]; lvl > 0 && len(l.Hints) > 0 && m.hintShown[l.Slug] {
		text, lvl := l.Hint(lvl, m.lang)
		more := m.tr(sHintMore)
		if lvl >= len(l.Hints) {
			more = m.tr(sHintLast)
		}
		if len(out) > 0 {
			out = append(out, "")
			m.hintLine++
		}
		add(m.st.hintTitle.Render(m.tr(sHintTitle, lvl, len(l.Hints))) + " " + m.st.subtle.Render(more))
		add(formatHint(text, w, m.st))
	}
	return out
}

// verdictLines draws one verdict.
func (m *Model) verdictLines(vs *verdictState, w int) []string {
	v := vs.v
	var out []string
	stale := ""
	if vs.lang != m.lang {
		stale = " " + m.st.subtle.Render(m.tr(sStaleLang))
	}
	switch v.Status {
	case checker.StatusPass:
		out = append(out, m.st.pass.Render(wrap(m.tr(sPass, fmtDur(verdictDuration(v))), w))+stale)
		done, total := m.passedCount(), len(m.lessons)
		var next string
		switch {
		case m.cur+1 < total:
			next = m.tr(sPassNext, m.lessons[m.cur+1].Number)
		case done == total:
			next = m.tr(sPassAllDone, total)
		default:
			next = m.tr(sPassLast, done, total)
		}
		out = append(out, wrap(next, w))
	case checker.StatusFail:
		head := m.tr(sFailOne, fmtDur(verdictDuration(v)))
		if len(v.Failures) != 1 {
			head = m.tr(sFail, len(v.Failures), fmtDur(verdictDuration(v)))
		}
		out = append(out, m.st.fail.Render(head)+stale)
		for _, f := range v.Failures {
			out = append(out, m.failureLines(f, w)...)
		}
	default:
		out = append(out, m.st.errorS.Render(m.tr(sError))+stale)
		for _, f := range v.Failures {
			out = append(out, indent(codeSpans(wrap(expandTabs(f.Message, tabWidth), w-2), m.st.code), 2))
		}
	}
	if v.Status != checker.StatusPass || m.details {
		switch {
		case m.details && strings.TrimSpace(v.Output) != "":
			out = append(out, "", m.st.bold.Render(m.tr(sOutputTitle)))
			if vs.outWidth != w { // wrapping a long output once, not on every update
				vs.outWrapped = m.st.subtle.Render(hardwrap(expandTabs(lastLines(strings.TrimRight(readableOutput(v.Output, vs.lang), "\n"), maxOutputLines), 8), w))
				vs.outWidth = w
			}
			out = append(out, vs.outWrapped)
		case m.details:
			out = append(out, m.st.subtle.Render(m.tr(sNoOutput)))
		case strings.TrimSpace(v.Output) != "":
			out = append(out, m.st.subtle.Render(m.tr(sDetailsHint)))
		}
	}
	return out
}

// failureLines draws one failure: its kind, where, which test, and why.
func (m *Model) failureLines(f checker.Failure, w int) []string {
	head := m.st.kind(f.Kind).Render(m.kindLabel(f.Kind))
	if f.File != "" {
		loc := path.Base(f.File)
		if l := m.lesson(); l == nil || f.File != l.ExercisePath() {
			loc = f.File
		}
		if f.Line > 0 {
			loc = fmt.Sprintf("%s:%d", loc, f.Line)
		}
		abs := filepath.Join(m.cfg.Root, filepath.FromSlash(f.File))
		head += " " + m.st.link.Hyperlink(fileURL(abs)).Render(loc)
	}
	if f.Test != "" {
		head += m.st.subtle.Render(" · " + f.Test)
	}
	out := []string{truncate(head, w)}
	msg := strings.TrimRight(expandTabs(f.Message, tabWidth), "\n")
	out = append(out, indent(codeSpans(wrap(msg, w-2), m.st.code), 2))
	return out
}

func (m *Model) kindLabel(kind string) string {
	ids := map[string]sid{
		checker.KindCompile: sKindCompile, checker.KindTest: sKindTest, checker.KindRace: sKindRace,
		checker.KindLeak: sKindLeak, checker.KindTimeout: sKindTimeout, checker.KindPanic: sKindPanic,
		checker.KindLint: sKindLint,
	}
	if id, ok := ids[kind]; ok {
		return m.tr(id)
	}
	return kind
}

// ---------------------------------------------------------------- helpers

// maxOutputLines bounds the test output the panel keeps (its end matters).
const maxOutputLines = 2000

func lastLines(s string, n int) string {
	lines := strings.Split(s, "\n")
	if len(lines) <= n {
		return s
	}
	return strings.Join(lines[len(lines)-n:], "\n")
}

func verdictDuration(v checker.Verdict) time.Duration {
	if v.Duration == 0 && v.DurMS > 0 {
		return time.Duration(v.DurMS) * time.Millisecond
	}
	return v.Duration
}

// codeSpans styles `inline code` in plain text (hints and grader messages
// use markdown's backticks), also when wrapping split a span over lines.
// The backticks go, as in the rendered lesson text.
func codeSpans(s string, code lipgloss.Style) string {
	if !strings.Contains(s, "`") {
		return s
	}
	lines := strings.Split(s, "\n")
	in := false
	for i, line := range lines {
		var b, seg strings.Builder
		flush := func(styled bool) {
			if seg.Len() == 0 {
				return
			}
			if styled {
				b.WriteString(code.Render(seg.String()))
			} else {
				b.WriteString(seg.String())
			}
			seg.Reset()
		}
		for _, r := range line {
			if r == '`' {
				flush(in)
				in = !in
				continue
			}
			seg.WriteRune(r)
		}
		flush(in)
		lines[i] = b.String()
	}
	return strings.Join(lines, "\n")
}

// wrap word-wraps s to width columns, breaking words (and runs of Chinese,
// which have no spaces) that are longer than a line.
func wrap(s string, width int) string {
	if width < 1 {
		return s
	}
	return strings.ReplaceAll(ansi.Wrap(markBreaks(s), width, ""), breakMark, "")
}

// wrapPath is wrap for a sentence holding a long path: the path breaks
// after a slash (or anywhere, if a part is longer than a line), never cut.
func wrapPath(s string, width int) string {
	if width < 1 {
		return s
	}
	return strings.ReplaceAll(ansi.Wrap(markBreaks(s), width, "/"), breakMark, "")
}

// hardwrap cuts every line of s at width columns.
func hardwrap(s string, width int) string {
	if width < 1 {
		return s
	}
	return ansi.Hardwrap(s, width, true)
}

// indentRest indents every line of s but the first.
func indentRest(s string, n int) string {
	return strings.ReplaceAll(s, "\n", "\n"+strings.Repeat(" ", n))
}

func indent(s string, n int) string {
	pad := strings.Repeat(" ", n)
	return pad + strings.ReplaceAll(s, "\n", "\n"+pad)
}

func truncate(s string, width int) string {
	if width <= 0 {
		return ""
	}
	return ansi.Truncate(s, width, "…")
}

// fmtDur shows a duration the way a learner reads it: 850ms, 2.3s, 41s.
func fmtDur(d time.Duration) string {
	switch {
	case d <= 0:
		return "0s"
	case d < time.Second:
		return fmt.Sprintf("%dms", d.Milliseconds())
	case d < 10*time.Second:
		return fmt.Sprintf("%.1fs", d.Seconds())
	default:
		return fmt.Sprintf("%ds", int(d.Round(time.Second).Seconds()))
	}
}

// fmtElapsed is the whole seconds since start: 0s, 1s, 2s…
func fmtElapsed(start time.Time) string {
	return fmt.Sprintf("%ds", int(time.Since(start).Seconds()))
}

// fileURL is the file:// URL of an absolute path, for OSC 8 hyperlinks.
func fileURL(abs string) string {
	p := filepath.ToSlash(abs)
	if !strings.HasPrefix(p, "/") {
		p = "/" + p // C:/x -> /C:/x
	}
	return (&url.URL{Scheme: "file", Path: p}).String()
}

// progressDots draws done of total as ●●●○○○.
func progressDots(done, total int) string {
	return strings.Repeat("●", done) + strings.Repeat("○", max(total-done, 0))
}

// titleBar is a full-width bar with left and right parts.
func titleBar(st styles, left, right string, width int) string {
	room := width - lipgloss.Width(right)
	left = truncate(left, room)
	gap := max(room-lipgloss.Width(left), 0)
	return st.titleBar.Render(left + strings.Repeat(" ", gap) + right)
}
