package tui

import (
	"context"
	"io/fs"
	"os"
	"path"
	"strings"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/viewport"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
	"github.com/aymanbagabas/go-udiff"

	"github.com/gocourse/gocourse/lessons"
)

// solutionMsg carries the two files to compare.
type solutionMsg struct {
	slug       string
	yours, ref string
	err        error
}

// loadSolution reads the learner's file and the reference solution.
func loadSolution(fsys fs.FS, l *lessons.Lesson, yoursPath string) func(context.Context) tea.Msg {
	return func(context.Context) tea.Msg {
		msg := solutionMsg{slug: l.Slug}
		ref, err := fs.ReadFile(fsys, path.Join(l.SolutionDir(), l.File))
		if err != nil {
			msg.err = err
			return msg
		}
		yours, err := os.ReadFile(yoursPath)
		if err != nil {
			msg.err = err
			return msg
		}
		msg.yours, msg.ref = string(yours), string(ref)
		return msg
	}
}

// solutionView shows the reference solution once a lesson passed: a diff
// from the learner's file to it, or (tab) the two side by side when the
// window is wide enough, the solution alone when it is not.
type solutionView struct {
	vp     viewport.Model
	lesson *lessons.Lesson
	ready  bool
	yours  string
	ref    string
	err    error
	full   bool
}

func newSolutionView(k keyMap) solutionView {
	vp := viewport.New()
	vp.KeyMap = viewportKeys(k)
	return solutionView{vp: vp}
}

func (s *solutionView) open(l *lessons.Lesson, width, height int, st styles, lang string) {
	*s = solutionView{vp: s.vp, lesson: l}
	s.vp.GotoTop()
	s.refresh(width, height, st, lang)
}

func (s *solutionView) loaded(msg solutionMsg, width, height int, st styles, lang string) {
	if s.lesson == nil || msg.slug != s.lesson.Slug {
		return
	}
	s.ready, s.yours, s.ref, s.err = true, msg.yours, msg.ref, msg.err
	s.refresh(width, height, st, lang)
}

func (s *solutionView) relabel(width, height int, st styles, lang string) {
	if s.lesson != nil {
		s.refresh(width, height, st, lang)
	}
}

func (s *solutionView) resize(width, height int, st styles, lang string) tea.Cmd {
	if s.lesson != nil {
		s.refresh(width, height, st, lang)
	}
	return nil
}

func (s *solutionView) key(msg tea.KeyPressMsg, k keyMap, width, height int, st styles, lang string) {
	switch {
	case key.Matches(msg, k.Focus):
		s.full = !s.full
		s.vp.GotoTop()
		s.refresh(width, height, st, lang)
	case key.Matches(msg, k.Top):
		s.vp.GotoTop()
	case key.Matches(msg, k.Bottom):
		s.vp.GotoBottom()
	default:
		s.vp, _ = s.vp.Update(msg)
	}
}

// refresh rebuilds the viewport's content.
func (s *solutionView) refresh(width, height int, st styles, lang string) {
	s.vp.SetWidth(width)
	s.vp.SetHeight(max(height-3, 1))
	if !s.ready {
		s.vp.SetContent("")
		return
	}
	if s.err != nil {
		s.vp.SetContent(" " + st.fail.Render(t(lang, sSolutionReadErr, s.err)))
		return
	}
	yours, ref := expandTabs(s.yours, tabWidth), expandTabs(s.ref, tabWidth)
	if s.full {
		s.vp.SetContent(sideBySide(yours, ref, width, st))
		return
	}
	file := s.lesson.File
	d := udiff.Unified("yours/"+file, "solution/"+file, yours, ref)
	if d == "" {
		s.vp.SetContent(" " + st.pass.Render(t(lang, sSolutionSame)) + "\n\n" + indent(ref, 1))
		return
	}
	var b strings.Builder
	for _, line := range strings.Split(strings.TrimRight(d, "\n"), "\n") {
		line = hardwrap(line, width-1)
		switch {
		case strings.HasPrefix(line, "+++"), strings.HasPrefix(line, "---"):
			line = st.diffHeader.Render(line)
		case strings.HasPrefix(line, "@@"):
			line = st.diffHunk.Render(line)
		case strings.HasPrefix(line, "+"):
			line = st.diffAdd.Render(line)
		case strings.HasPrefix(line, "-"):
			line = st.diffDel.Render(line)
		}
		b.WriteString(" " + line + "\n")
	}
	s.vp.SetContent(strings.TrimRight(b.String(), "\n"))
}

// sideBySide puts the learner's file and the solution in two columns, or
// the solution alone when the window is narrower than 120 columns.
func sideBySide(yours, ref string, width int, st styles) string {
	if width < 120 {
		return indent(hardwrap(ref, width-1), 1)
	}
	col := (width - 3) / 2
	left := lipgloss.NewStyle().Width(col).Render(hardwrap(yours, col))
	right := lipgloss.NewStyle().Width(col).Render(hardwrap(ref, col))
	sep := st.rule.Render(strings.TrimSuffix(strings.Repeat("│\n", max(lipgloss.Height(left), lipgloss.Height(right))), "\n"))
	return lipgloss.JoinHorizontal(lipgloss.Top, left, " ", sep, " ", right)
}

func (s *solutionView) view(st styles, lang string, width, height int) string {
	if s.lesson == nil {
		return ""
	}
	sub := t(lang, sSolutionDiff)
	if s.full {
		sub = t(lang, sSolutionFull)
		if width >= 120 {
			sub = s.lesson.ExercisePath() + " │ " + path.Join(s.lesson.SolutionDir(), s.lesson.File)
		}
	}
	head := titleBar(st, " "+t(lang, sSolutionTitle, s.lesson.Number), "", width)
	return head + "\n" + st.subtle.Render(truncate(" "+sub, width)) + "\n" + s.vp.View() + "\n" +
		st.subtle.Render(truncate(" "+t(lang, sSolutionFooter), width))
}
