// Package mdcjk handles the one place where markdown and Chinese disagree: a
// soft line break. CommonMark turns a line break inside a paragraph into a
// space, which is right between two English words and wrong between two
// Chinese characters ("数据\n竞争" reads "数据 竞争"). goldmark's HTML renderer
// drops such breaks with extension.CJK (WithEastAsianLineBreaks); glamour's
// terminal renderer has its own code for soft breaks and always prints a
// space. This package gives both the terminal renderer (a goldmark AST
// transformer) and the course linter (a finder) the same rule.
package mdcjk

import (
	"unicode"
	"unicode/utf8"

	"github.com/charmbracelet/x/ansi"
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
)

// Joins reports whether a soft line break between before and after should
// vanish: both are wide East Asian characters (Han, kana, full-width
// punctuation such as ，。：（）) and neither is Hangul (Korean puts spaces
// between words) — goldmark's EastAsianLineBreaksSimple rule, with
// full-width forms counted as wide, as a terminal draws them; or one side is
// wide punctuation, which carries its own spacing ("：\ndone" reads "：done",
// as CSS Text 3 has it).
func Joins(before, after rune) bool {
	return wide(before) && wide(after) || widePunct(before) || widePunct(after)
}

func widePunct(r rune) bool { return wide(r) && unicode.IsPunct(r) }

func wide(r rune) bool {
	if r < 0x1100 || unicode.Is(unicode.Hangul, r) {
		return false
	}
	return ansi.StringWidth(string(r)) == 2
}

// Break is a soft line break between two wide characters.
type Break struct {
	Offset        int  // byte offset of the line break in the source
	Before, After rune // the characters on either side
}

// Transformer is a goldmark AST transformer that removes the soft line
// breaks Joins says must vanish. Code spans and code blocks are left alone.
type Transformer struct{}

// Transform implements parser.ASTTransformer.
func (Transformer) Transform(doc *ast.Document, reader text.Reader, _ parser.Context) {
	src := reader.Source()
	for _, b := range find(doc, src) {
		b.text.SetSoftLineBreak(false)
	}
}

// Find returns every soft line break of the markdown src that Joins says
// must vanish (GFM, as glamour parses it).
func Find(src []byte) []Break {
	md := goldmark.New(goldmark.WithExtensions(extension.GFM))
	doc := md.Parser().Parse(text.NewReader(src))
	var out []Break
	for _, b := range find(doc, src) {
		out = append(out, b.Break)
	}
	return out
}

type found struct {
	Break
	text *ast.Text
}

func find(doc ast.Node, src []byte) []found {
	var out []found
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n.Kind() {
		case ast.KindCodeSpan, ast.KindCodeBlock, ast.KindFencedCodeBlock, ast.KindHTMLBlock, ast.KindRawHTML:
			return ast.WalkSkipChildren, nil
		}
		t, ok := n.(*ast.Text)
		if !ok || !t.SoftLineBreak() || t.HardLineBreak() {
			return ast.WalkContinue, nil
		}
		before, ok := lastRune(t, src)
		if !ok {
			return ast.WalkContinue, nil
		}
		after, ok := nextRune(t, src)
		if ok && Joins(before, after) {
			out = append(out, found{Break{Offset: t.Segment.Stop, Before: before, After: after}, t})
		}
		return ast.WalkContinue, nil
	})
	return out
}

// lastRune is the last character of the text before the break: t's own, or
// (when t is empty, as after closing emphasis) that of the inline before it.
func lastRune(t *ast.Text, src []byte) (rune, bool) {
	for n := ast.Node(t); n != nil; n = prevInline(n) {
		if r, ok := lastIn(n, src); ok {
			return r, true
		}
	}
	return 0, false
}

// nextRune is the first character after the break.
func nextRune(t *ast.Text, src []byte) (rune, bool) {
	for n := nextInline(t); n != nil; n = nextInline(n) {
		if r, ok := firstIn(n, src); ok {
			return r, true
		}
	}
	return 0, false
}

// prevInline and nextInline step to the neighbouring inline, climbing out of
// emphasis or links but never out of the paragraph (or heading, cell).
func prevInline(n ast.Node) ast.Node {
	for n != nil && n.PreviousSibling() == nil {
		n = n.Parent()
		if n == nil || n.Type() == ast.TypeBlock {
			return nil
		}
	}
	if n == nil {
		return nil
	}
	return n.PreviousSibling()
}

func nextInline(n ast.Node) ast.Node {
	for n != nil && n.NextSibling() == nil {
		n = n.Parent()
		if n == nil || n.Type() == ast.TypeBlock {
			return nil
		}
	}
	if n == nil {
		return nil
	}
	return n.NextSibling()
}

// firstIn and lastIn are the first and last characters an inline shows
// (a code span counts: a break before `code` sits next to its text).
func firstIn(n ast.Node, src []byte) (rune, bool) {
	if t, ok := n.(*ast.Text); ok {
		v := t.Segment.Value(src)
		if len(v) == 0 {
			return 0, false
		}
		r, _ := utf8.DecodeRune(v)
		return r, true
	}
	if n.Kind() == ast.KindString {
		v := n.(*ast.String).Value
		if len(v) == 0 {
			return 0, false
		}
		r, _ := utf8.DecodeRune(v)
		return r, true
	}
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		if r, ok := firstIn(c, src); ok {
			return r, true
		}
	}
	return 0, false
}

func lastIn(n ast.Node, src []byte) (rune, bool) {
	if t, ok := n.(*ast.Text); ok {
		v := t.Segment.Value(src)
		if len(v) == 0 {
			return 0, false
		}
		r, _ := utf8.DecodeLastRune(v)
		return r, true
	}
	if n.Kind() == ast.KindString {
		v := n.(*ast.String).Value
		if len(v) == 0 {
			return 0, false
		}
		r, _ := utf8.DecodeLastRune(v)
		return r, true
	}
	for c := n.LastChild(); c != nil; c = c.PreviousSibling() {
		if r, ok := lastIn(c, src); ok {
			return r, true
		}
	}
	return 0, false
}
