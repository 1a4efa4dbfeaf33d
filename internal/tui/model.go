package tui

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path"
	"path/filepath"
	"strings"
	"time"

	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/spinner"
	"charm.land/bubbles/v2/viewport"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"

	"github.com/gocourse/gocourse/checker"
	"github.com/gocourse/gocourse/lessons"
)

// The smallest window the course draws itself in.
const (
	minWidth  = 60
	minHeight = 15
	// wideWidth is where the results move beside the lesson.
	wideWidth = 160
)

type screen int

const (
	scrLesson screen = iota
	scrList
	scrHelp
	scrSolution
)

// Messages.
type (
	renderedMsg struct {
		key     renderKey
		content string
		err     error
	}
	verdictMsg struct {
		slug      string
		gen       int
		hash      string
		lang      string
		v         checker.Verdict
		cancelled bool
		passed    bool
		recordErr error
	}
	editorDoneMsg struct {
		slug string
		err  error
	}
	resetDoneMsg struct {
		slug, backup string
		hash         string // the exercise's digest right after the reset
		err          error
	}
	warmDoneMsg struct {
		slug string
		gen  int
		ok   bool
	}
)

// verdictState is the last verdict of one lesson.
type verdictState struct {
	v    checker.Verdict
	lang string // the language its messages are in
	hash string // digest of the file it judged

	outWidth   int    // the width outWrapped was wrapped to
	outWrapped string // the test output, styled and wrapped
}

// gradeJob is the one grading in flight.
type gradeJob struct {
	slug    string
	gen     int
	hash    string
	lang    string
	started time.Time
	cancel  context.CancelFunc
}

// Model is the root model: it owns the state every view reads and routes
// messages to the child views.
type Model struct {
	cfg      Config
	sup      *supervisor
	progress *lockedProgress
	renders  *renderCache

	lang string
	dark bool
	st   styles
	keys keyMap
	help help.Model

	width, height int

	lessons []*lessons.Lesson
	cur     int
	passed  map[string]bool
	hints   map[string]int // hint level shown, per lesson
	// hintFor is, per lesson, the digest of the file the open hint was asked
	// for; a verdict on another version (or a pass) folds the hint away, and
	// h shows it again.
	hintFor   map[string]string
	hintShown map[string]bool
	resets    map[string]resetNote // the last reset, while the file is as it left it
	verdicts  map[string]*verdictState

	screen       screen
	focusPanel   bool // scrolling keys go to the results panel
	confirmReset bool
	details      bool // show the raw test output
	welcome      bool
	status       string // one-line message in the footer, until the next key

	lessonVP  viewport.Model
	shownKey  renderKey // what lessonVP holds
	renderErr error
	panelVP   viewport.Model
	hintLine  int // where the hint starts in the panel

	list listView
	sol  solutionView

	changes  <-chan fileChangedMsg
	watchErr error
	watching bool

	job     *gradeJob
	gen     int
	spinner spinner.Model

	remembered string // the lesson stateName names
	stateW     stateWriter

	warmCancel context.CancelFunc
	warming    string
	warmGen    int
	warmed     map[string]bool
	warmProg   *buildProgress // what the warm-up in flight reports
	build      struct{ built, total, frame int }
	queued     bool   // a check waits for the cold warm-up to end
	queuedHash string // of the file it is for
}

// New builds the root model. It does no rendering and starts nothing: that
// happens in Init and in commands, so the first frame is immediate.
func New(ctx context.Context, cfg Config) *Model {
	if cfg.Lang != "zh" {
		cfg.Lang = "en"
	}
	p := cfg.Progress
	if p == nil {
		p = &memProgress{passed: map[string]bool{}}
	}
	m := &Model{
		cfg:       cfg,
		sup:       newSupervisor(ctx),
		progress:  &lockedProgress{p: p},
		lang:      cfg.Lang,
		dark:      true,
		passed:    map[string]bool{},
		hints:     map[string]int{},
		hintFor:   map[string]string{},
		hintShown: map[string]bool{},
		resets:    map[string]resetNote{},
		verdicts:  map[string]*verdictState{},
		warmed:    map[string]bool{},
	}
	if cfg.Catalog != nil {
		m.lessons = cfg.Catalog.Lessons
		m.renders = newRenderCache(cfg.Catalog.FS)
	}
	m.cur = -1
	for i, l := range m.lessons {
		m.passed[l.Slug] = m.progress.passed(l.Slug)
		if m.cur < 0 && !m.passed[l.Slug] {
			m.cur = i
		}
	}
	if m.cur < 0 { // everything passed (or no lessons): the last one
		m.cur = max(len(m.lessons)-1, 0)
	}
	if last := lastLesson(cfg.Root); last != "" { // a restart opens the lesson last viewed
		for i, l := range m.lessons {
			if l.Slug == last {
				m.cur = i
				m.remembered = last
			}
		}
	}
	m.welcome = m.progress.firstRun()
	m.status = cfg.Notice
	if l := m.lesson(); l != nil && m.status == "" {
		if fileMissing(m.exerciseAbs(l)) {
			m.status = m.tr(sFileGone, l.ExercisePath()) // say it before the first grading does
		}
	}
	m.st = newStyles(m.dark)
	m.keys = newKeyMap(m.lang)
	m.help = help.New()
	m.help.Styles = m.st.help
	m.spinner = spinner.New(spinner.WithSpinner(spinner.MiniDot))
	m.spinner.Style = m.st.spinner
	m.lessonVP = viewport.New()
	m.lessonVP.KeyMap = viewportKeys(m.keys)
	m.panelVP = viewport.New()
	m.panelVP.KeyMap = viewportKeys(m.keys)
	m.list = newListView(m.lang, m.dark)
	m.sol = newSolutionView(m.keys)
	return m
}

// shutdown stops every goroutine the model started and waits for them.
func (m *Model) shutdown() error { return m.sup.shutdown() }

func (m *Model) lesson() *lessons.Lesson {
	if len(m.lessons) == 0 {
		return nil
	}
	return m.lessons[m.cur]
}

func (m *Model) tr(id sid, args ...any) string { return t(m.lang, id, args...) }

func (m *Model) exerciseAbs(l *lessons.Lesson) string {
	return filepath.Join(m.cfg.Root, filepath.FromSlash(l.ExercisePath()))
}

func (m *Model) passedCount() int {
	n := 0
	for _, l := range m.lessons {
		if m.passed[l.Slug] {
			n++
		}
	}
	return n
}

// Init starts the watcher and the build-cache warm-up and asks the terminal
// for its background colour. The lesson is rendered once the size is known.
func (m *Model) Init() tea.Cmd {
	var targets []watchTarget
	for _, l := range m.lessons {
		targets = append(targets, watchTarget{slug: l.Slug, path: m.exerciseAbs(l)})
	}
	sup := m.sup
	watch := sup.cmd(func(context.Context) tea.Msg { return startWatcher(sup, targets) })
	return tea.Batch(tea.RequestBackgroundColor, watch, m.warmCmd(), m.watchProgress(m.cfg.ProgressFile))
}

// Update routes a message.
func (m *Model) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	cmd := m.update(msg)
	m.layout()
	return m, cmd
}

func (m *Model) update(msg tea.Msg) tea.Cmd {
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		m.width, m.height = msg.Width, msg.Height
		m.help.SetWidth(msg.Width)
		m.layout()
		return tea.Batch(m.syncLesson(), m.sol.resize(m.width, m.height, m.st, m.lang))

	case tea.BackgroundColorMsg:
		if msg.IsDark() != m.dark {
			m.setDark(msg.IsDark())
			m.layout()
			return m.syncLesson()
		}
		return nil

	case renderedMsg:
		return m.onRendered(msg)

	case watchStartedMsg:
		m.changes, m.watchErr = msg.changes, msg.err
		m.watching = msg.err == nil
		if m.watching {
			return m.sup.cmd(listen(m.changes))
		}
		return nil

	case fileChangedMsg:
		var next tea.Cmd
		if msg.watched { // wait for the watcher's next one
			next = m.sup.cmd(listen(m.changes))
		}
		return tea.Batch(next, m.onFileChanged(msg))

	case verdictMsg:
		return m.onVerdict(msg)

	case progressChangedMsg:
		return m.onProgressChanged(msg)

	case editorDoneMsg:
		if msg.err != nil {
			m.status = m.tr(sEditorFailed, msg.err)
			return nil
		}
		// Check what the editor left (unless a save already did: the hash
		// tells).
		for _, l := range m.lessons {
			if l.Slug == msg.slug {
				p := m.exerciseAbs(l)
				return m.sup.cmd(func(context.Context) tea.Msg {
					return fileChangedMsg{slug: l.Slug, hash: exerciseHash(filepath.Dir(p), p)}
				})
			}
		}
		return nil

	case resetDoneMsg:
		if msg.err != nil {
			m.status = m.tr(sResetFailed, msg.err)
		} else {
			// Said in the panel, where the backup's path is shown whole,
			// until the file changes again.
			m.resets[msg.slug] = resetNote{backup: m.relPath(msg.backup), hash: msg.hash}
		}
		if msg.err == nil {
			delete(m.verdicts, msg.slug)
			m.details = false
			if !m.watching && m.lesson() != nil && m.lesson().Slug == msg.slug {
				return m.startGrade("")
			}
		}
		return nil

	case solutionMsg:
		m.sol.loaded(msg, m.width, m.height, m.st, m.lang)
		return nil

	case warmDoneMsg:
		if msg.ok {
			m.warmed[msg.slug] = true
		}
		if msg.gen == m.warmGen {
			m.warming, m.warmCancel, m.warmProg = "", nil, nil
			if m.queued { // the check that waited for the build
				m.queued = false
				return m.startGrade(m.queuedHash)
			}
		}
		return nil

	case warmTickMsg:
		return m.onWarmTick(msg)

	case spinner.TickMsg:
		if m.job == nil {
			return nil // let the spinner stop
		}
		var cmd tea.Cmd
		m.spinner, cmd = m.spinner.Update(msg)
		return cmd

	case tea.KeyPressMsg:
		return m.onKey(msg)

	case tea.MouseWheelMsg:
		return m.onWheel(msg)

	default:
		// Messages of the children (list filtering, text input blinking).
		if m.screen == scrList {
			return m.list.update(msg)
		}
	}
	return nil
}

func (m *Model) setDark(dark bool) {
	m.dark = dark
	m.st = newStyles(dark)
	m.help.Styles = m.st.help
	m.spinner.Style = m.st.spinner
	m.list.setStyles(dark)
}

func (m *Model) setLang(lang string) tea.Cmd {
	m.lang = lang
	m.keys = newKeyMap(lang)
	m.lessonVP.KeyMap = viewportKeys(m.keys)
	m.panelVP.KeyMap = viewportKeys(m.keys)
	m.sol.vp.KeyMap = viewportKeys(m.keys)
	m.list.setLang(lang, m.lessons, m.passed, m.cur)
	m.sol.relabel(m.width, m.height, m.st, lang)
	cmds := []tea.Cmd{m.syncLesson()}
	// The verdict's messages are in the old language: check again in the
	// new one (a few seconds, in the background).
	if l := m.lesson(); l != nil {
		vs := m.verdicts[l.Slug]
		if (vs != nil && vs.lang != lang) || (m.job != nil && m.job.slug == l.Slug && m.job.lang != lang) {
			hash := ""
			if vs != nil {
				hash = vs.hash
			}
			cmds = append(cmds, m.startGrade(hash))
		}
	}
	return tea.Batch(cmds...)
}

// ---------------------------------------------------------------- lesson text

// textWidth is the width lesson text is wrapped to.
func (m *Model) textWidth() int {
	if m.wide() {
		return min(maxTextWidth, m.width*3/5)
	}
	return min(maxTextWidth, m.width)
}

func (m *Model) wide() bool { return m.width >= wideWidth }

func (m *Model) wantKey() renderKey {
	l := m.lesson()
	if l == nil {
		return renderKey{}
	}
	return renderKey{slug: l.Slug, lang: m.lang, width: m.textWidth(), dark: m.dark}
}

// syncLesson makes the lesson viewport show the current lesson at the
// current width: from the cache at once, or by a rendering command.
func (m *Model) syncLesson() tea.Cmd {
	if m.width == 0 || m.renders == nil || m.lesson() == nil {
		return nil
	}
	want := m.wantKey()
	if want == m.shownKey {
		return nil
	}
	if s, ok := m.renders.get(want); ok {
		m.showLesson(want, s)
		return m.prerender()
	}
	if want.slug != m.shownKey.slug || want.lang != m.shownKey.lang {
		// Another text: say it is coming. (On a resize the old text stays
		// until the new one is ready.)
		m.lessonVP.SetContent(m.st.subtle.Render("  " + m.tr(sRendering)))
		m.lessonVP.GotoTop()
		m.shownKey = renderKey{}
	}
	return m.renderCmd(m.lesson(), want)
}

func (m *Model) showLesson(k renderKey, s string) {
	sameText := k.slug == m.shownKey.slug && k.lang == m.shownKey.lang
	pct := m.lessonVP.ScrollPercent()
	m.lessonVP.SetContent(s)
	m.shownKey = k
	m.renderErr = nil
	if sameText { // keep the reader's place across resizes
		m.lessonVP.SetYOffset(int(pct * float64(max(m.lessonVP.TotalLineCount()-m.lessonVP.Height(), 0))))
	} else {
		m.lessonVP.GotoTop()
	}
}

func (m *Model) renderCmd(l *lessons.Lesson, k renderKey) tea.Cmd {
	rc := m.renders
	return m.sup.cmd(func(context.Context) tea.Msg {
		s, err := rc.render(l, k)
		return renderedMsg{key: k, content: s, err: err}
	})
}

func (m *Model) onRendered(msg renderedMsg) tea.Cmd {
	if msg.key != m.wantKey() {
		return nil // stale (the learner moved on); it is cached anyway
	}
	if msg.err != nil {
		m.renderErr = msg.err
		m.lessonVP.SetContent(m.st.fail.Render("  " + m.tr(sRenderFailed, msg.err)))
		m.shownKey = renderKey{}
		return nil
	}
	m.showLesson(msg.key, msg.content)
	return m.prerender()
}

// prerender renders, in the background, what the learner is likely to ask
// for next: the neighbouring lessons and this one in the other language.
func (m *Model) prerender() tea.Cmd {
	type job struct {
		l *lessons.Lesson
		k renderKey
	}
	base := m.wantKey()
	var jobs []job
	add := func(i int, lang string) {
		if i < 0 || i >= len(m.lessons) {
			return
		}
		k := base
		k.slug, k.lang = m.lessons[i].Slug, lang
		if _, ok := m.renders.get(k); !ok {
			jobs = append(jobs, job{m.lessons[i], k})
		}
	}
	add(m.cur, otherLang(m.lang))
	add(m.cur+1, m.lang)
	add(m.cur-1, m.lang)
	if len(jobs) == 0 {
		return nil
	}
	rc := m.renders
	return m.sup.cmd(func(ctx context.Context) tea.Msg {
		for _, j := range jobs {
			if ctx.Err() != nil {
				return nil
			}
			_, _ = rc.render(j.l, j.k)
		}
		return nil
	})
}

// ---------------------------------------------------------------- grading

// startGrade grades the current lesson, cancelling any grading in flight:
// the latest save wins (a verdict on an older version would point at lines
// that have moved).
func (m *Model) startGrade(hash string) tea.Cmd {
	l := m.lesson()
	if l == nil {
		return nil
	}
	if m.cfg.Grade == nil {
		m.status = m.tr(sNoGrader)
		return nil
	}
	if m.coldWarm() {
		// The warm-up is compiling the race-enabled standard library: a
		// check now would compile the same packages beside it. It starts
		// when the warm-up ends.
		m.queued, m.queuedHash = true, hash
		return nil
	}
	m.queued = false
	if m.job != nil {
		m.job.cancel()
	}
	m.stopWarm()
	m.gen++
	ctx, cancel := context.WithCancel(withLang(m.sup.ctx, m.lang))
	job := &gradeJob{slug: l.Slug, gen: m.gen, hash: hash, lang: m.lang, started: time.Now(), cancel: cancel}
	m.job = job
	grade, prog, path := m.cfg.Grade, m.progress, m.exerciseAbs(l)
	run := m.sup.cmd(func(context.Context) tea.Msg {
		defer cancel()
		msg := verdictMsg{slug: job.slug, gen: job.gen, hash: job.hash, lang: job.lang}
		if msg.hash == "" {
			msg.hash = exerciseHash(filepath.Dir(path), path)
		}
		msg.v = grade(ctx, l)
		if ctx.Err() != nil {
			msg.cancelled = true
			return msg
		}
		switch msg.v.Status {
		case checker.StatusPass, checker.StatusFail:
			msg.passed, msg.recordErr = prog.record(job.slug, msg.v)
		default:
			msg.passed = prog.passed(job.slug)
		}
		return msg
	})
	return tea.Batch(run, m.spinner.Tick)
}

func (m *Model) onVerdict(msg verdictMsg) tea.Cmd {
	if m.job == nil || msg.gen != m.job.gen {
		return nil // a grading that was cancelled
	}
	m.job = nil
	if msg.cancelled {
		return nil
	}
	m.verdicts[msg.slug] = &verdictState{v: msg.v, lang: msg.lang, hash: msg.hash}
	m.passed[msg.slug] = msg.passed
	m.warmed[msg.slug] = true
	m.welcome = false
	m.details = false
	m.forgetStale(msg.slug, msg.hash, msg.v.OK())
	if msg.recordErr != nil {
		m.status = m.tr(sRecordFailed, msg.recordErr)
	}
	m.panelVP.GotoTop()
	if l := m.lesson(); l != nil && l.Slug == msg.slug && msg.lang != m.lang {
		return m.startGrade(msg.hash) // the language changed meanwhile
	}
	return nil
}

func (m *Model) onFileChanged(msg fileChangedMsg) tea.Cmd {
	l := m.lesson()
	if l == nil {
		return nil
	}
	if msg.slug != l.Slug {
		for _, o := range m.lessons {
			if o.Slug == msg.slug {
				m.status = m.tr(sOtherLessonSaved, o.Number)
			}
		}
		return nil
	}
	if msg.hash == "" {
		m.status = m.tr(sFileGone, l.ExercisePath())
		return nil
	}
	if m.job != nil && m.job.slug == l.Slug && m.job.hash == msg.hash && m.job.lang == m.lang {
		return nil // already checking exactly this
	}
	if m.job == nil {
		if vs := m.verdicts[l.Slug]; vs != nil && vs.hash == msg.hash && vs.lang == m.lang {
			return nil // unchanged since the last verdict
		}
	}
	return m.startGrade(msg.hash)
}

// warmCmd warms the build cache for the current lesson, unless it is warm or
// a grading runs (which warms it anyway, and needs the CPU).
func (m *Model) warmCmd() tea.Cmd {
	l := m.lesson()
	if m.cfg.Warm == nil || l == nil || m.warmed[l.Slug] || m.job != nil || m.warming == l.Slug {
		return nil
	}
	m.stopWarm()
	ctx, cancel := context.WithCancel(withLang(m.sup.ctx, m.lang))
	m.warmGen++
	m.warming, m.warmCancel = l.Slug, cancel
	m.warmProg, m.build = &buildProgress{}, struct{ built, total, frame int }{}
	ctx = context.WithValue(ctx, warmReportKey{}, m.warmProg.report)
	warm, gen := m.cfg.Warm, m.warmGen
	return tea.Batch(m.sup.cmd(func(context.Context) tea.Msg {
		defer cancel()
		warm(ctx, l)
		return warmDoneMsg{slug: l.Slug, gen: gen, ok: ctx.Err() == nil}
	}), m.warmTick(gen))
}

func (m *Model) stopWarm() {
	if m.warmCancel != nil {
		m.warmCancel()
		m.warmCancel, m.warming, m.warmProg = nil, "", nil
	}
}

// ---------------------------------------------------------------- keys

func (m *Model) onKey(msg tea.KeyPressMsg) tea.Cmd {
	if msg.String() == "ctrl+c" {
		return m.quit()
	}
	m.status = ""
	switch m.screen {
	case scrList:
		return m.onListKey(msg)
	case scrHelp:
		switch {
		case key.Matches(msg, m.keys.Back, m.keys.Help):
			m.screen = scrLesson
		case key.Matches(msg, m.keys.Quit):
			return m.quit()
		case key.Matches(msg, m.keys.Lang):
			return m.setLang(otherLang(m.lang))
		}
		return nil
	case scrSolution:
		switch {
		case key.Matches(msg, m.keys.Back, m.keys.Solution):
			m.screen = scrLesson
		case key.Matches(msg, m.keys.Quit):
			return m.quit()
		case key.Matches(msg, m.keys.Lang):
			return m.setLang(otherLang(m.lang))
		default:
			m.sol.key(msg, m.keys, m.width, m.height, m.st, m.lang)
		}
		return nil
	}

	if m.confirmReset {
		switch msg.String() {
		case "y", "Y":
			m.confirmReset = false
			return m.resetCmd()
		case "n", "N", "esc", "q":
			m.confirmReset = false
			m.status = m.tr(sResetCancelled)
		}
		return nil
	}

	k := m.keys
	switch {
	case key.Matches(msg, k.Quit):
		return m.quit()
	case key.Matches(msg, k.Next):
		if m.cur+1 >= len(m.lessons) {
			m.status = m.tr(sLastLesson)
			return nil
		}
		return m.gotoLesson(m.cur + 1)
	case key.Matches(msg, k.Prev):
		if m.cur == 0 {
			m.status = m.tr(sFirstLesson)
			return nil
		}
		return m.gotoLesson(m.cur - 1)
	case key.Matches(msg, k.List):
		m.screen = scrList
		return m.list.open(m.lessons, m.passed, m.cur, m.width, m.height)
	case key.Matches(msg, k.Help):
		m.screen = scrHelp
	case key.Matches(msg, k.Lang):
		return m.setLang(otherLang(m.lang))
	case key.Matches(msg, k.Hint):
		m.nextHint()
	case key.Matches(msg, k.Check):
		return m.startGrade("")
	case key.Matches(msg, k.Edit):
		return m.editCmd()
	case key.Matches(msg, k.Solution):
		return m.openSolution()
	case key.Matches(msg, k.Reset):
		if m.cfg.Reset == nil {
			m.status = m.tr(sNoReset)
			return nil
		}
		m.confirmReset = true
		m.panelVP.GotoTop()
	case key.Matches(msg, k.Focus):
		m.focusPanel = !m.focusPanel
	case key.Matches(msg, k.Details):
		if l := m.lesson(); l != nil && m.verdicts[l.Slug] != nil {
			m.details = !m.details
			m.focusPanel = m.details
		}
	case key.Matches(msg, k.Back):
		m.focusPanel, m.details = false, false
	case key.Matches(msg, k.Top):
		m.focused().GotoTop()
	case key.Matches(msg, k.Bottom):
		m.focused().GotoBottom()
	default:
		vp := m.focused()
		*vp, _ = vp.Update(msg)
	}
	return nil
}

func (m *Model) focused() *viewport.Model {
	if m.focusPanel {
		return &m.panelVP
	}
	return &m.lessonVP
}

func (m *Model) quit() tea.Cmd {
	m.sup.cancel() // stop grading and warming now; Run waits for them
	return tea.Quit
}

func (m *Model) onWheel(msg tea.MouseWheelMsg) tea.Cmd {
	switch m.screen {
	case scrLesson:
		mouse := msg.Mouse()
		vp := &m.lessonVP
		if m.inPanel(mouse.X, mouse.Y) {
			vp = &m.panelVP
		}
		*vp, _ = vp.Update(msg)
	case scrSolution:
		m.sol.vp, _ = m.sol.vp.Update(msg)
	case scrList:
		return m.list.update(msg)
	}
	return nil
}

func (m *Model) gotoLesson(i int) tea.Cmd {
	if i < 0 || i >= len(m.lessons) {
		return nil
	}
	m.cur = i
	m.queued = false // it was for the lesson left
	m.focusPanel, m.details, m.confirmReset, m.welcome = false, false, false, false
	m.panelVP.GotoTop()
	m.lessonVP.GotoTop()
	return tea.Batch(m.syncLesson(), m.warmCmd(), m.rememberLesson())
}

func (m *Model) nextHint() {
	l := m.lesson()
	if l == nil {
		return
	}
	if len(l.Hints) == 0 {
		m.status = m.tr(sNoHints)
		return
	}
	switch {
	case m.hints[l.Slug] > 0 && !m.hintShown[l.Slug]:
		// folded away by a later verdict: show the same one again
	case m.hints[l.Slug] >= len(l.Hints):
		m.status = m.tr(sHintLast)
	default:
		m.hints[l.Slug]++
	}
	m.hintShown[l.Slug] = true
	m.hintFor[l.Slug] = ""
	if vs := m.verdicts[l.Slug]; vs != nil {
		m.hintFor[l.Slug] = vs.hash
	}
	m.layout()
	// Show the whole hint, and as much of what is above it as fits.
	end := m.panelVP.TotalLineCount()
	m.panelVP.SetYOffset(min(m.hintLine, max(end-m.panelVP.Height(), 0)))
}

func (m *Model) editCmd() tea.Cmd {
	l := m.lesson()
	if l == nil {
		return nil
	}
	args := splitCommand(m.cfg.Editor)
	if len(args) == 0 {
		m.status = m.tr(sNoEditor, l.ExercisePath())
		return nil
	}
	c := exec.Command(args[0], append(args[1:], m.exerciseAbs(l))...)
	c.Dir = m.cfg.Root
	slug := l.Slug
	return tea.ExecProcess(c, func(err error) tea.Msg { return editorDoneMsg{slug: slug, err: err} })
}

// splitCommand splits an $EDITOR value into words, honouring single and
// double quotes ("'/Applications/Sublime Text.app/…/subl' -w").
func splitCommand(s string) []string {
	var words []string
	var cur strings.Builder
	quote, inWord := rune(0), false
	for _, r := range s {
		switch {
		case quote != 0 && r == quote:
			quote = 0
		case quote != 0:
			cur.WriteRune(r)
		case r == '"' || r == '\'':
			quote, inWord = r, true
		case r == ' ' || r == '\t':
			if inWord {
				words = append(words, cur.String())
				cur.Reset()
				inWord = false
			}
		default:
			cur.WriteRune(r)
			inWord = true
		}
	}
	if inWord {
		words = append(words, cur.String())
	}
	return words
}

func (m *Model) resetCmd() tea.Cmd {
	l := m.lesson()
	if l == nil || m.cfg.Reset == nil {
		return nil
	}
	reset, path := m.cfg.Reset, m.exerciseAbs(l)
	return m.sup.cmd(func(context.Context) tea.Msg {
		backup, err := reset(l)
		if st, serr := os.Stat(backup); backup != "" && serr == nil && st.IsDir() {
			backup += string(filepath.Separator)
		}
		return resetDoneMsg{slug: l.Slug, backup: backup, hash: exerciseHash(filepath.Dir(path), path), err: err}
	})
}

func (m *Model) openSolution() tea.Cmd {
	l := m.lesson()
	if l == nil {
		return nil
	}
	if !m.passed[l.Slug] {
		m.status = m.tr(sSolutionLocked)
		return nil
	}
	m.screen = scrSolution
	m.sol.open(l, m.width, m.height, m.st, m.lang)
	return m.sup.cmd(loadSolution(m.cfg.Catalog.FS, l, m.exerciseAbs(l)))
}

func (m *Model) onListKey(msg tea.KeyPressMsg) tea.Cmd {
	if !m.list.filtering() {
		switch {
		case msg.String() == "enter":
			if i, ok := m.list.selected(); ok {
				m.screen = scrLesson
				return m.gotoLesson(i)
			}
			return nil
		case key.Matches(msg, m.keys.Back) && !m.list.filtered():
			m.screen = scrLesson
			return nil
		case key.Matches(msg, m.keys.List):
			m.screen = scrLesson
			return nil
		case key.Matches(msg, m.keys.Quit):
			return m.quit()
		case key.Matches(msg, m.keys.Lang):
			return m.setLang(otherLang(m.lang))
		}
	}
	return m.list.update(msg)
}

// ---------------------------------------------------------------- layout

// The lesson screen, stacked (narrow) or side by side (wide):
//
//	header (2 lines)             header (2 lines)
//	lesson text                  lesson text │ results
//	── rule                                  │
//	results panel                            │
//	footer (1 line)              footer (1 line)
const (
	headerLines = 2
	footerLines = 1
)

// layout sizes the viewports and refills the results panel; it runs after
// every update.
func (m *Model) layout() {
	if m.width == 0 {
		return
	}
	m.list.size(m.width, m.height)
	body := max(m.height-headerLines-footerLines, 1)
	if m.wide() {
		tw := m.textWidth()
		m.lessonVP.SetWidth(tw)
		m.lessonVP.SetHeight(body)
		pw := max(m.width-tw-3, 10)
		lines := m.panelLines(pw)
		m.panelVP.SetWidth(pw)
		m.panelVP.SetHeight(body)
		m.panelVP.SetContentLines(lines)
		return
	}
	lines := m.panelLines(m.width)
	limit := max((body-1)*2/5, 3)
	if m.focusPanel {
		limit = max((body-1)*2/3, 3)
	}
	ph := min(len(lines), limit)
	m.panelVP.SetWidth(m.width)
	m.panelVP.SetHeight(ph)
	m.panelVP.SetContentLines(lines)
	m.lessonVP.SetWidth(m.width)
	m.lessonVP.SetHeight(max(body-1-ph, 1))
}

// inPanel reports whether a screen cell belongs to the results panel.
func (m *Model) inPanel(x, y int) bool {
	if m.wide() {
		return x > m.textWidth()
	}
	return y >= headerLines+m.lessonVP.Height()
}

// ---------------------------------------------------------------- view

// View draws the current screen.
func (m *Model) View() tea.View {
	v := tea.NewView(m.content())
	v.AltScreen = true
	v.MouseMode = tea.MouseModeCellMotion
	if l := m.lesson(); l != nil {
		v.WindowTitle = fmt.Sprintf("gocourse · %s", l.Title.In(m.lang))
	}
	return v
}

func (m *Model) content() string {
	if m.width == 0 || m.height == 0 {
		return ""
	}
	if m.width < minWidth || m.height < minHeight {
		msg := lipgloss.NewStyle().Width(m.width - 2).Align(lipgloss.Center).
			Render(m.tr(sTooSmall, m.width, m.height, minWidth, minHeight))
		return lipgloss.Place(m.width, m.height, lipgloss.Center, lipgloss.Center, msg)
	}
	if len(m.lessons) == 0 {
		return "no lessons"
	}
	switch m.screen {
	case scrList:
		return m.list.view(m.st, m.lang, m.passedCount(), len(m.lessons), m.width, m.height)
	case scrHelp:
		return m.helpView()
	case scrSolution:
		return m.sol.view(m.st, m.lang, m.width, m.height)
	}
	var b strings.Builder
	b.WriteString(m.headerView())
	b.WriteString("\n")
	if m.wide() {
		sep := m.st.rule
		if m.focusPanel {
			sep = m.st.ruleFocus
		}
		bar := sep.Render(strings.TrimSuffix(strings.Repeat("│\n", m.lessonVP.Height()), "\n"))
		lesson := lipgloss.NewStyle().Width(m.textWidth()).Render(m.lessonVP.View())
		b.WriteString(lipgloss.JoinHorizontal(lipgloss.Top, lesson, " ", bar, " ", m.panelVP.View()))
	} else {
		b.WriteString(m.lessonVP.View())
		b.WriteString("\n")
		rule := m.st.rule
		if m.focusPanel {
			rule = m.st.ruleFocus
		}
		b.WriteString(rule.Render(strings.Repeat("─", m.width)))
		if m.panelVP.Height() > 0 {
			b.WriteString("\n")
			b.WriteString(m.panelVP.View())
		}
	}
	b.WriteString("\n")
	b.WriteString(m.footerView())
	return b.String()
}

func (m *Model) headerView() string {
	l := m.lesson()
	total := len(m.lessons)
	done := m.passedCount()
	right := fmt.Sprintf(" %s %s ", progressDots(done, total), m.tr(sPassedCount, done, total))
	left := fmt.Sprintf(" %s · %s · %s", m.tr(sAppName), m.tr(sLessonOf, l.Number, total), l.Title.In(m.lang))
	if lipgloss.Width(left)+lipgloss.Width(right) > m.width {
		left = fmt.Sprintf(" %s · %s", m.tr(sLessonOf, l.Number, total), l.Title.In(m.lang))
	}
	line1 := titleBar(m.st, left, right, m.width)

	rel := l.ExercisePath()
	link := m.st.link.Hyperlink(fileURL(m.exerciseAbs(l))).Render(rel)
	var state string
	switch {
	case m.job != nil:
		file := filepath.Base(rel)
		for _, o := range m.lessons {
			if o.Slug == m.job.slug {
				file = path.Base(o.ExercisePath())
			}
		}
		state = m.spinner.View() + " " + m.tr(sGrading, file, fmtElapsed(m.job.started))
	case m.coldWarm():
		state = m.buildFrame() + " " + m.tr(sBuildingShort, m.build.built, m.build.total)
	case m.watchErr != nil:
		state = m.st.warn.Render(m.tr(sWatchFailed))
	case m.watching:
		state = m.st.subtle.Render("◉ " + m.tr(sWatching))
	default:
		state = m.st.subtle.Render(m.tr(sWatchStarting))
	}
	pre := " ✎ "
	gap2 := m.width - lipgloss.Width(pre) - lipgloss.Width(rel) - lipgloss.Width(state) - 1
	if gap2 < 1 {
		state = truncate(state, max(m.width-lipgloss.Width(pre)-lipgloss.Width(rel)-2, 0))
		gap2 = 1
	}
	line2 := pre + link + strings.Repeat(" ", gap2) + state
	return line1 + "\n" + line2
}

func (m *Model) footerView() string {
	if m.status != "" {
		return m.st.status.Render(truncate(" "+m.status, m.width))
	}
	if m.focusPanel {
		return m.st.subtle.Render(truncate(" "+m.tr(sFocusVerdict), m.width))
	}
	return " " + m.keyBar(m.width-1)
}

// keyBar is the footer's keys, as many as fit in width columns: the least
// needed go first (p, e, l, n, r, h), so ? (every key) and q always show.
func (m *Model) keyBar(width int) string {
	bs := shortHelp(m.keys, m.lang)
	h := m.help
	h.SetWidth(0) // no truncation: we choose what to drop
	for _, drop := range []key.Binding{m.keys.Prev, m.keys.Edit, m.keys.List, m.keys.Next, m.keys.Check, m.keys.Hint} {
		if v := h.ShortHelpView(bs); lipgloss.Width(v) <= width {
			return v
		}
		for i, b := range bs {
			if b.Help().Key == drop.Help().Key {
				bs = append(bs[:i:i], bs[i+1:]...)
				break
			}
		}
	}
	return truncate(h.ShortHelpView(bs), width)
}

func (m *Model) helpView() string {
	title := titleBar(m.st, " "+m.tr(sAppName)+" · "+m.tr(sHelpTitle), "", m.width)
	h := m.help
	h.ShowAll = true
	body := lipgloss.NewStyle().Padding(1, 2).Render(h.FullHelpView(m.keys.FullHelp()))
	tip := lipgloss.NewStyle().Padding(0, 2).Width(m.width).Render(m.st.subtle.Render(m.tr(sHelpTip)))
	content := lipgloss.JoinVertical(lipgloss.Left, title, body, tip)
	footer := m.st.subtle.Render(" " + m.tr(sHelpFooter))
	gap := max(m.height-lipgloss.Height(content)-1, 0)
	return content + strings.Repeat("\n", gap+1) + footer
}

// ---------------------------------------------------------------- stale notes

// resetNote is what the panel says after a reset: where the learner's files
// went. It holds while the exercise is as the reset left it.
type resetNote struct {
	backup string // relative to the workspace when inside it; "" when nothing was backed up
	hash   string
}

// forgetStale drops what a new verdict on slug (of the file with digest
// hash) makes untrue: the footer's last message (a reset, "the solution
// opens once you pass"), the reset note once the file changed, and the open
// hint once the file changed or passed.
func (m *Model) forgetStale(slug, hash string, passed bool) {
	if l := m.lesson(); l != nil && l.Slug == slug {
		m.status = ""
	}
	if n, ok := m.resets[slug]; ok && n.hash != hash {
		delete(m.resets, slug)
	}
	if m.hintShown[slug] && (passed || m.hintFor[slug] != hash) {
		m.hintShown[slug] = false
	}
}

// relPath shows p relative to the workspace when it is inside it.
func (m *Model) relPath(p string) string {
	if p == "" || m.cfg.Root == "" {
		return p
	}
	if rel, err := filepath.Rel(m.cfg.Root, p); err == nil && !strings.HasPrefix(rel, "..") {
		if strings.HasSuffix(p, string(filepath.Separator)) {
			rel += "/"
		}
		return filepath.ToSlash(rel)
	}
	return p
}
