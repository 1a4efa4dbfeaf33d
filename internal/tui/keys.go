package tui

import (
	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/viewport"
)

// keyMap is every key of the lesson screen; the help texts follow the
// learner's language, so it is rebuilt when the language changes.
type keyMap struct {
	Next, Prev, List, Hint, Check, Edit, Solution, Reset, Lang key.Binding
	Focus, Details                                             key.Binding
	Up, Down, PageDown, PageUp, HalfDown, HalfUp, Top, Bottom  key.Binding
	Help, Quit, Back                                           key.Binding
}

func newKeyMap(lang string) keyMap {
	b := func(help string, desc sid, keys ...string) key.Binding {
		return key.NewBinding(key.WithKeys(keys...), key.WithHelp(help, t(lang, desc)))
	}
	return keyMap{
		Next:     b("n", kNext, "n"),
		Prev:     b("p", kPrev, "p"),
		List:     b("l", kList, "l"),
		Hint:     b("h", kHint, "h"),
		Check:    b("r", kCheck, "r"),
		Edit:     b("e", kEdit, "e"),
		Solution: b("s", kSolution, "s"),
		Reset:    b("x", kReset, "x"),
		Lang:     b("L", kLang, "L"),
		Focus:    b("tab", kFocus, "tab", "shift+tab"),
		Details:  b("d", kDetails, "d"),
		Up:       b("↑/k", kScroll, "up", "k"),
		Down:     b("↓/j", kScroll, "down", "j"),
		PageDown: b("pgdn/space", kPage, "pgdown", "space", "f"),
		PageUp:   b("pgup/b", kPage, "pgup", "b"),
		HalfDown: b("ctrl+d/u", kHalfPage, "ctrl+d"),
		HalfUp:   b("ctrl+u", kHalfPage, "ctrl+u"),
		Top:      b("g/G", kTopBottom, "g", "home"),
		Bottom:   b("G", kTopBottom, "G", "end"),
		Help:     b("?", kHelp, "?"),
		Quit:     b("q", kQuit, "q", "ctrl+c"),
		Back:     b("esc", kBack, "esc"),
	}
}

// ShortHelp is the footer's keys.
func (k keyMap) ShortHelp() []key.Binding {
	return []key.Binding{k.Next, k.Prev, k.List, k.Hint, k.Check, k.Edit, k.Help, k.Quit}
}

// shortHelp is the footer: the main keys with one-word descriptions, so
// that they fit in 80 columns.
func shortHelp(k keyMap, lang string) []key.Binding {
	words := []sid{fNext, fPrev, fList, fHint, fCheck, fEdit, fHelp, fQuit}
	bs := k.ShortHelp()
	for i := range bs {
		bs[i].SetHelp(bs[i].Help().Key, t(lang, words[i]))
	}
	return bs
}

// FullHelp is the ? screen, in columns.
func (k keyMap) FullHelp() [][]key.Binding {
	return [][]key.Binding{
		{k.Next, k.Prev, k.List, k.Lang, k.Help, k.Quit},
		{k.Edit, k.Check, k.Hint, k.Solution, k.Reset, k.Details},
		{k.Up, k.PageDown, k.HalfDown, k.Top, k.Focus, k.Back},
	}
}

// viewportKeys are the scrolling keys given to the viewports; they must not
// take the letters the lesson screen uses (the default map has h, l, d, u).
func viewportKeys(k keyMap) viewport.KeyMap {
	return viewport.KeyMap{
		PageDown:     k.PageDown,
		PageUp:       k.PageUp,
		HalfPageDown: k.HalfDown,
		HalfPageUp:   k.HalfUp,
		Down:         k.Down,
		Up:           k.Up,
		Left:         key.NewBinding(key.WithDisabled()),
		Right:        key.NewBinding(key.WithDisabled()),
	}
}
