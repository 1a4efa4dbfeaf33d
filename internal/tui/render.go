package tui

import (
	"bytes"
	"fmt"
	"io/fs"
	"strings"
	"sync"
	"unicode"

	glamouransi "charm.land/glamour/v2/ansi"
	glamourstyles "charm.land/glamour/v2/styles"
	"github.com/charmbracelet/x/ansi"
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/util"

	"github.com/gocourse/gocourse/internal/mdcjk"
	"github.com/gocourse/gocourse/lessons"
)

// maxTextWidth caps the width lesson text is wrapped to: on a 200-column
// terminal, lines of 200 characters are hard to read.
const maxTextWidth = 100

// tabWidth is how many columns a tab advances to in lesson markdown.
// CommonMark also uses tab stops of 4 for block structure, so expanding tabs
// everywhere (not only in code blocks) keeps the document's meaning.
const tabWidth = 4

// renderKey names one rendering of one lesson.
type renderKey struct {
	slug  string
	lang  string
	width int // the width the text is wrapped to
	dark  bool
}

// renderCache renders lesson markdown with glamour and keeps the results.
// It is used from the event loop (lookups) and from rendering commands, so it
// locks.
type renderCache struct {
	fsys fs.FS

	mu      sync.Mutex
	entries map[renderKey]string
}

func newRenderCache(fsys fs.FS) *renderCache {
	return &renderCache{fsys: fsys, entries: map[renderKey]string{}}
}

func (c *renderCache) get(k renderKey) (string, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	s, ok := c.entries[k]
	return s, ok
}

func (c *renderCache) put(k renderKey, s string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if len(c.entries) >= 64 { // resizing leaves stale widths behind
		clear(c.entries)
	}
	c.entries[k] = s
}

// render returns the lesson text for k, from the cache or freshly rendered.
func (c *renderCache) render(l *lessons.Lesson, k renderKey) (string, error) {
	if s, ok := c.get(k); ok {
		return s, nil
	}
	src, err := fs.ReadFile(c.fsys, l.ContentPath(k.lang))
	if err != nil {
		return "", err
	}
	out, err := renderMarkdown(string(src), k.width, k.dark)
	if err != nil {
		return "", err
	}
	c.put(k, out)
	return out, nil
}

// renderMarkdown renders md for a terminal width columns wide.
func renderMarkdown(md string, width int, dark bool) (string, error) {
	if width < 20 {
		width = 20
	}
	style := "dark"
	if !dark {
		style = "light"
	}
	var buf bytes.Buffer
	if err := newMarkdown(style, width).Convert([]byte(markBreaks(expandTabs(md, tabWidth))), &buf); err != nil {
		return "", fmt.Errorf("rendering markdown: %w", err)
	}
	out := strings.ReplaceAll(buf.String(), breakMark, "")
	return fitLines(strings.Trim(out, "\n"), width), nil
}

// newMarkdown is what glamour.NewTermRenderer builds (GFM, definition
// lists, heading IDs, glamour's ANSI renderer), plus one AST transformer:
// glamour prints every soft line break as a space, which is a stray space
// in Chinese ("数据\n竞争" would read "数据 竞争"); mdcjk drops the breaks
// between East Asian characters first, as goldmark's extension.CJK does for
// HTML. glamour's TermRenderer does not let a caller add a transformer.
func newMarkdown(style string, width int) goldmark.Markdown {
	st, ok := glamourstyles.DefaultStyles[style]
	if !ok {
		st = glamourstyles.DefaultStyles[glamourstyles.DarkStyle]
	}
	ar := glamouransi.NewRenderer(glamouransi.Options{WordWrap: width, Styles: *st})
	return goldmark.New(
		goldmark.WithExtensions(extension.GFM, extension.DefinitionList),
		goldmark.WithParserOptions(
			parser.WithAutoHeadingID(),
			parser.WithASTTransformers(util.Prioritized(mdcjk.Transformer{}, 1000)),
		),
		goldmark.WithRenderer(renderer.NewRenderer(renderer.WithNodeRenderers(util.Prioritized(ar, 1000)))),
	)
}

// breakMark is put between Chinese characters so that word wrapping may
// break a line there, and removed after wrapping. Chinese has no spaces, so
// without it a whole clause is one "word": the wrapper moves it to a new
// line, leaving a short one behind, then cuts it wherever it overflows.
// U+2028 (line separator) counts as a space for the wrapper (glamour's and
// ours) and as zero columns wide.
const breakMark = "\u2028"

// markBreaks puts breakMark wherever a line may break between two
// characters one of which is wide (Chinese), except before closing and after
// opening punctuation, and not inside fenced code blocks.
func markBreaks(s string) string {
	if !hasWide(s) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s) + len(s)/2)
	fence := ""
	for _, line := range strings.SplitAfter(s, "\n") {
		trimmed := strings.TrimLeft(line, " ")
		if fence == "" && (strings.HasPrefix(trimmed, "```") || strings.HasPrefix(trimmed, "~~~")) {
			fence = trimmed[:3]
			b.WriteString(line)
			continue
		}
		if fence != "" {
			if strings.HasPrefix(trimmed, fence) {
				fence = ""
			}
			b.WriteString(line)
			continue
		}
		b.WriteString(markLine(line))
	}
	return b.String()
}

func markLine(line string) string {
	rs := []rune(line)
	var b strings.Builder
	for i, r := range rs {
		b.WriteRune(r)
		if i+1 == len(rs) {
			break
		}
		next := rs[i+1]
		if (isWide(r) || isWide(next)) && !unicode.IsSpace(r) && !unicode.IsSpace(next) &&
			!strings.ContainsRune(noBreakBefore, next) && !strings.ContainsRune(noBreakAfter, r) &&
			!strings.ContainsRune(markdownSyntax, r) && !strings.ContainsRune(markdownSyntax, next) {
			b.WriteString(breakMark)
		}
	}
	return b.String()
}

// Line-breaking rules of Chinese typesetting: a line never starts with
// closing punctuation or ends with opening punctuation.
const (
	noBreakBefore = "，。、；：！？）」』》】〕〉”’…—·,.;:!?)]}%"
	noBreakAfter  = "（「『《【〔〈“‘([{"
)

// markdownSyntax are the characters whose meaning depends on their
// neighbours: a break mark beside `**` makes it a non-closing delimiter
// (U+2028 counts as whitespace), and bold text shows its asterisks.
const markdownSyntax = "*_`~[]<>\\|"

func isWide(r rune) bool {
	return r >= 0x1100 && ansi.StringWidth(string(r)) == 2
}

func hasWide(s string) bool {
	for _, r := range s {
		if isWide(r) {
			return true
		}
	}
	return false
}

// expandTabs replaces every tab with spaces up to the next tab stop. Glamour
// measures a tab as zero columns, which breaks code blocks (Go code is
// indented with tabs).
func expandTabs(s string, width int) string {
	if !strings.Contains(s, "\t") {
		return s
	}
	var b strings.Builder
	b.Grow(len(s) + len(s)/8)
	col := 0
	for _, r := range s {
		switch r {
		case '\t':
			n := width - col%width
			b.WriteString(strings.Repeat(" ", n))
			col += n
		case '\n':
			b.WriteRune(r)
			col = 0
		default:
			b.WriteRune(r)
			col += max(ansi.StringWidth(string(r)), 0)
		}
	}
	return b.String()
}

// fitLines hard-wraps any line still wider than width (code blocks are not
// word-wrapped by glamour), so nothing is cut off at the right edge.
func fitLines(s string, width int) string {
	lines := strings.Split(s, "\n")
	changed := false
	for i, l := range lines {
		if ansi.StringWidth(l) > width {
			lines[i] = ansi.Hardwrap(l, width, true)
			changed = true
		}
	}
	if !changed {
		return s
	}
	return strings.Join(lines, "\n")
}
