package tui

import (
	"image/color"

	"charm.land/bubbles/v2/help"
	"charm.land/lipgloss/v2"
)

// styles holds every lipgloss style, chosen for a dark or light background.
// Colours are only decoration: each state also has a symbol or a word, so the
// screen still reads under NO_COLOR (Bubble Tea then strips the colours).
type styles struct {
	dark bool

	titleBar   lipgloss.Style
	title      lipgloss.Style
	progress   lipgloss.Style
	subtle     lipgloss.Style
	link       lipgloss.Style
	rule       lipgloss.Style
	ruleFocus  lipgloss.Style
	pass       lipgloss.Style
	fail       lipgloss.Style
	errorS     lipgloss.Style
	warn       lipgloss.Style
	hintTitle  lipgloss.Style
	bold       lipgloss.Style
	code       lipgloss.Style
	status     lipgloss.Style
	spinner    lipgloss.Style
	diffAdd    lipgloss.Style
	diffDel    lipgloss.Style
	diffHunk   lipgloss.Style
	diffHeader lipgloss.Style
	kinds      map[string]lipgloss.Style

	help help.Styles
}

func newStyles(dark bool) styles {
	ld := lipgloss.LightDark(dark)
	c := func(light, darkc string) color.Color { return ld(lipgloss.Color(light), lipgloss.Color(darkc)) }

	accent := c("#5A3FC0", "#B4A6FF")
	green := c("#1B7F3B", "#5FD787")
	red := c("#B00020", "#FF6B6B")
	amber := c("#8A5A00", "#FFC857")
	subtle := c("#6B6B6B", "#8A8A8A")
	faint := c("#C8C8C8", "#444444")

	badge := func(bg color.Color) lipgloss.Style {
		return lipgloss.NewStyle().Bold(true).Padding(0, 1).
			Foreground(c("#FFFFFF", "#1A1A1A")).Background(bg)
	}
	s := styles{
		dark:       dark,
		titleBar:   lipgloss.NewStyle().Bold(true).Foreground(c("#FFFFFF", "#1A1A1A")).Background(accent),
		title:      lipgloss.NewStyle().Bold(true).Foreground(accent),
		progress:   lipgloss.NewStyle().Foreground(green),
		subtle:     lipgloss.NewStyle().Foreground(subtle),
		link:       lipgloss.NewStyle().Foreground(accent).Underline(true),
		rule:       lipgloss.NewStyle().Foreground(faint),
		ruleFocus:  lipgloss.NewStyle().Foreground(accent),
		pass:       lipgloss.NewStyle().Bold(true).Foreground(green),
		fail:       lipgloss.NewStyle().Bold(true).Foreground(red),
		errorS:     lipgloss.NewStyle().Bold(true).Foreground(amber),
		warn:       lipgloss.NewStyle().Bold(true).Foreground(amber),
		hintTitle:  lipgloss.NewStyle().Bold(true).Foreground(amber),
		bold:       lipgloss.NewStyle().Bold(true),
		code:       lipgloss.NewStyle().Foreground(c("#A0217C", "#FF87D7")),
		status:     lipgloss.NewStyle().Foreground(amber),
		spinner:    lipgloss.NewStyle().Foreground(accent),
		diffAdd:    lipgloss.NewStyle().Foreground(green),
		diffDel:    lipgloss.NewStyle().Foreground(red),
		diffHunk:   lipgloss.NewStyle().Foreground(accent),
		diffHeader: lipgloss.NewStyle().Bold(true),
		kinds: map[string]lipgloss.Style{
			"compile": badge(red),
			"test":    badge(amber),
			"race":    badge(c("#A0217C", "#FF7AD9")),
			"leak":    badge(c("#00707A", "#5FD7D7")),
			"timeout": badge(c("#A04A00", "#FF9F5A")),
			"panic":   badge(red),
			"lint":    badge(c("#2D5FA8", "#87AFFF")),
		},
		help: help.DefaultStyles(dark),
	}
	return s
}

func (s styles) kind(k string) lipgloss.Style {
	if st, ok := s.kinds[k]; ok {
		return st
	}
	return s.kinds["test"]
}
