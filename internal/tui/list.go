package tui

import (
	"fmt"
	"strings"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/list"
	tea "charm.land/bubbletea/v2"

	"github.com/gocourse/gocourse/lessons"
)

// lessonItem is one row of the lesson list.
type lessonItem struct {
	index   int
	l       *lessons.Lesson
	lang    string
	passed  bool
	current bool
}

func (i lessonItem) Title() string {
	mark := "○"
	if i.passed {
		mark = "✓"
	}
	cur := ""
	if i.current {
		cur = " ◂"
	}
	return fmt.Sprintf("%s %02d  %s%s", mark, i.l.Number, i.l.Title.In(i.lang), cur)
}

func (i lessonItem) Description() string { return "     " + i.l.Summary.In(i.lang) }

// FilterValue matches titles and summaries in both languages, so either
// can be typed ("serv" finds the lessons about servers).
func (i lessonItem) FilterValue() string {
	return fmt.Sprintf("%02d %s %s %s %s %s", i.l.Number, i.l.Title.EN, i.l.Title.ZH, i.l.Slug, i.l.Summary.EN, i.l.Summary.ZH)
}

// filterLessons keeps the lessons holding every word typed, as a substring
// in any case, in catalog order. The list's default fuzzy match would find
// "serv" in any summary with an s, an e, an r and a v in that order.
func filterLessons(term string, targets []string) []list.Rank {
	words := strings.Fields(strings.ToLower(term))
	var out []list.Rank
	for i, t := range targets {
		t = strings.ToLower(t)
		ok := true
		for _, w := range words {
			ok = ok && strings.Contains(t, w)
		}
		if ok {
			out = append(out, list.Rank{Index: i})
		}
	}
	return out
}

// listView is the lesson list (key l): status of each lesson, a progress
// bar, filtering with /, enter to jump.
type listView struct {
	list  list.Model
	lang  string
	dark  bool
	short bool // one line per lesson: the summaries would not fit
}

func newListView(lang string, dark bool) listView {
	l := list.New(nil, newDelegate(dark, false), 0, 0)
	l.SetShowTitle(false)
	l.SetShowHelp(false)
	l.DisableQuitKeybindings()
	l.Filter = filterLessons
	l.KeyMap.ShowFullHelp = key.NewBinding(key.WithDisabled())
	l.KeyMap.CloseFullHelp = key.NewBinding(key.WithDisabled())
	l.Styles = list.DefaultStyles(dark)
	v := listView{list: l, dark: dark}
	v.setLang(lang, nil, nil, 0)
	return v
}

func newDelegate(dark, short bool) list.DefaultDelegate {
	d := list.NewDefaultDelegate()
	d.Styles = list.NewDefaultItemStyles(dark)
	d.SetSpacing(0)
	d.ShowDescription = !short
	return d
}

func (v *listView) setStyles(dark bool) {
	v.dark = dark
	v.list.SetDelegate(newDelegate(dark, v.short))
	v.list.Styles = list.DefaultStyles(dark)
	v.translateStatus()
}

// translateStatus puts the list's own status words (bubbles writes them in
// English) in the learner's language.
func (v *listView) translateStatus() {
	lang := v.lang
	v.list.Styles.StatusBarFilterCount = v.list.Styles.StatusBarFilterCount.Transform(func(s string) string {
		var n int
		if _, err := fmt.Sscanf(s, "%d filtered", &n); err != nil {
			return s
		}
		return t(lang, sListHidden, n)
	})
	v.list.Styles.StatusEmpty = v.list.Styles.StatusEmpty.Transform(func(s string) string {
		if s == "Nothing matched" {
			return t(lang, sListNoMatch)
		}
		return s
	})
}

func (v *listView) setLang(lang string, ls []*lessons.Lesson, passed map[string]bool, cur int) {
	v.lang = lang
	v.list.SetStatusBarItemName(t(lang, sListItem), t(lang, sListItems))
	v.list.FilterInput.Prompt = t(lang, sListFilter)
	v.translateStatus()
	if ls != nil {
		v.setItems(ls, passed, cur)
	}
}

func (v *listView) setItems(ls []*lessons.Lesson, passed map[string]bool, cur int) tea.Cmd {
	items := make([]list.Item, len(ls))
	for i, l := range ls {
		items[i] = lessonItem{index: i, l: l, lang: v.lang, passed: passed[l.Slug], current: i == cur}
	}
	return v.list.SetItems(items)
}

// open shows the list with the current lesson selected.
func (v *listView) open(ls []*lessons.Lesson, passed map[string]bool, cur, width, height int) tea.Cmd {
	v.list.ResetFilter()
	cmd := v.setItems(ls, passed, cur)
	v.size(width, height)
	v.list.Select(cur)
	return cmd
}

// listChrome is the list's own rows besides the lessons: the status bar
// and its margin, the filter line, the page dots.
const listChrome = 4

func (v *listView) size(width, height int) {
	h := max(height-3, 3)
	// Every lesson on one page: with its summary when they all fit, else
	// titles only (ten lessons at 60×20).
	short := 2*len(v.list.Items())+listChrome > h
	if short != v.short {
		v.short = short
		v.list.SetDelegate(newDelegate(v.dark, short))
	}
	v.list.SetSize(width, h)
}

func (v *listView) filtering() bool { return v.list.FilterState() == list.Filtering }
func (v *listView) filtered() bool  { return v.list.FilterState() == list.FilterApplied }

func (v *listView) selected() (int, bool) {
	it, ok := v.list.SelectedItem().(lessonItem)
	if !ok {
		return 0, false
	}
	return it.index, true
}

func (v *listView) update(msg tea.Msg) tea.Cmd {
	var cmd tea.Cmd
	v.list, cmd = v.list.Update(msg)
	return cmd
}

func (v *listView) view(st styles, lang string, done, total, width, height int) string {
	head := titleBar(st, " "+t(lang, sAppName)+" · "+t(lang, sListTitle), "", width)
	bar := " " + progressBar(st, done, total, min(30, width/3)) + " " + t(lang, sListPassed, done, total)
	body := v.list.View()
	footer := st.subtle.Render(truncate(" "+t(lang, sListFooter), width))
	return head + "\n" + bar + "\n" + body + "\n" + footer
}

// progressBar draws done of total as a bar width cells wide: ███████░░░░.
func progressBar(st styles, done, total, width int) string {
	if total <= 0 || width <= 0 {
		return ""
	}
	full := done * width / total
	return st.progress.Render(strings.Repeat("█", full)) + st.rule.Render(strings.Repeat("░", width-full))
}
