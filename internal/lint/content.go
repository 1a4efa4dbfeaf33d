package lint

import (
	"fmt"
	"go/ast"
	"go/parser"
	"go/scanner"
	"go/token"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"

	"github.com/yuin/goldmark"
	gast "github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/text"
)

// doc is one lesson text, parsed.
type doc struct {
	lang     string
	path     string // relative to the course root
	src      []byte
	lines    lineIndex
	headings []heading
	blocks   []codeBlock
}

type heading struct {
	level int
	line  int
	text  string
}

type codeBlock struct {
	n        int    // 1-based position among the file's code blocks
	info     string // the info string, whitespace normalised ("go snippet"); "" for none
	line     int    // the opening fence (or first line of an indented block)
	codeLine int    // the first line of code
	code     string
}

// lang is the block's language: the info string's first word.
func (b codeBlock) lang() string {
	if f := strings.Fields(b.info); len(f) > 0 {
		return f[0]
	}
	return ""
}

// isGo reports a ```go block of either kind; isCompiled only a complete file.
func (b codeBlock) isGo() bool { return b.lang() == "go" }

func (b codeBlock) isCompiled() bool {
	return b.isGo() && !slices.Contains(strings.Fields(b.info)[1:], "snippet")
}

func (b codeBlock) fence() string {
	if b.info == "" {
		return "```"
	}
	return "```" + b.info
}

// readContent reads and parses the lesson text in lang; nil when it is
// missing (lessons.Load has reported that already).
func (c *checker) readContent(lang string) *doc {
	p := c.l.ContentPath(lang)
	src, err := fs.ReadFile(c.fsys, p)
	if err != nil {
		return nil
	}
	return parseDoc(lang, p, src)
}

func parseDoc(lang, p string, src []byte) *doc {
	d := &doc{lang: lang, path: p, src: src, lines: newLineIndex(src)}
	// GFM, as the terminal renderer (glamour) parses it.
	root := goldmark.New(goldmark.WithExtensions(extension.GFM)).Parser().Parse(text.NewReader(src))
	_ = gast.Walk(root, func(n gast.Node, entering bool) (gast.WalkStatus, error) {
		if !entering {
			return gast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *gast.Heading:
			d.headings = append(d.headings, heading{level: n.Level, line: d.lineOf(n), text: plainText(n, src)})
			return gast.WalkSkipChildren, nil
		case *gast.FencedCodeBlock:
			b := codeBlock{n: len(d.blocks) + 1, line: d.lineOf(n)}
			if n.Info != nil {
				b.info = strings.Join(strings.Fields(string(n.Info.Segment.Value(src))), " ")
			}
			b.code, b.codeLine = d.codeOf(n.Lines(), b.line+1)
			d.blocks = append(d.blocks, b)
		case *gast.CodeBlock: // indented
			b := codeBlock{n: len(d.blocks) + 1, info: "(indented)", line: d.lineOf(n)}
			b.code, b.codeLine = d.codeOf(n.Lines(), b.line)
			d.blocks = append(d.blocks, b)
		}
		return gast.WalkContinue, nil
	})
	return d
}

func (d *doc) lineOf(n gast.Node) int {
	if p := n.Pos(); p >= 0 {
		return d.lines.line(p)
	}
	if n.Lines().Len() > 0 {
		return d.lines.line(n.Lines().At(0).Start)
	}
	return 0
}

func (d *doc) codeOf(lines *text.Segments, fallback int) (string, int) {
	var b strings.Builder
	for i := 0; i < lines.Len(); i++ {
		seg := lines.At(i)
		for range seg.Padding {
			b.WriteByte(' ')
		}
		b.Write(seg.Value(d.src))
	}
	first := fallback
	if lines.Len() > 0 {
		first = d.lines.line(lines.At(0).Start)
	}
	return b.String(), first
}

// plainText is a heading's text as a reader sees it (markup dropped).
func plainText(n gast.Node, src []byte) string {
	var b strings.Builder
	_ = gast.Walk(n, func(n gast.Node, entering bool) (gast.WalkStatus, error) {
		if !entering {
			return gast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *gast.Text:
			b.Write(n.Segment.Value(src))
			if n.SoftLineBreak() || n.HardLineBreak() {
				b.WriteByte(' ')
			}
		case *gast.String:
			b.Write(n.Value)
		case *gast.CodeSpan:
			b.WriteByte('`')
			for ch := n.FirstChild(); ch != nil; ch = ch.NextSibling() {
				if t, ok := ch.(*gast.Text); ok {
					b.Write(t.Segment.Value(src))
				}
			}
			b.WriteByte('`')
			return gast.WalkSkipChildren, nil
		}
		return gast.WalkContinue, nil
	})
	return strings.TrimSpace(b.String())
}

func (h heading) String() string { return strings.Repeat("#", h.level) + " " + h.text }

// ---------------------------------------------------------------- check 1

// headings: both texts have the same headings (count and levels, in order),
// and each starts with the lesson's title.
func (c *checker) headings(en, zh *doc) []Finding {
	var out []Finding
	for _, d := range []*doc{en, zh} {
		if d == nil {
			continue
		}
		title := c.l.Title.In(d.lang)
		switch {
		case len(d.headings) == 0:
			out = append(out, c.finding(d.path, 1, "the lesson text has no headings",
				fmt.Sprintf("start it with `# %s` (the title in %s) and divide it into `##` sections like the other lessons", title, c.l.Manifest)))
		case d.headings[0].level != 1 || d.headings[0].text != title:
			out = append(out, c.finding(d.path, d.headings[0].line,
				fmt.Sprintf("the first heading is %q, but the lesson's title in %s is %q", d.headings[0].String(), c.l.Manifest, "# "+title),
				"open the text with `# "+title+"`, or change the title in the manifest so that the lesson list and the text agree"))
		}
	}
	if en == nil || zh == nil || sameLevels(en.headings, zh.headings) {
		return out
	}
	if f, ok := c.headingGap(en, zh); ok {
		return append(out, f)
	}
	return out
}

func sameLevels(a, b []heading) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i].level != b[i].level {
			return false
		}
	}
	return true
}

// headingGap finds the first heading one text has and the other lacks. The
// texts are translated, so headings cannot be matched by their words. But the
// code blocks are the same in both: each text becomes a sequence of headings
// (by level) and code blocks (by their code, comments left out), the two
// sequences are aligned as a longest common subsequence, and the first
// heading left unmatched is reported where it is missing.
func (c *checker) headingGap(en, zh *doc) (Finding, bool) {
	fix := "give both languages the same headings in the same order and at the same levels; only the words are translated"
	if len(en.headings) == len(zh.headings) { // nothing missing: a level differs
		for i, e := range en.headings {
			if z := zh.headings[i]; e.level != z.level {
				return c.finding(zh.path, z.line,
					fmt.Sprintf("heading %d differs between the languages: %s line %d has %q (level %d), here it is %q (level %d)",
						i+1, en.path, e.line, e.String(), e.level, z.String(), z.level), fix), true
			}
		}
		return Finding{}, false
	}
	a, b := outline(en), outline(zh)
	n, m := len(a), len(b)
	lcs := make([][]int, n+1)
	for i := range lcs {
		lcs[i] = make([]int, m+1)
	}
	for i := n - 1; i >= 0; i-- {
		for j := m - 1; j >= 0; j-- {
			if a[i].key == b[j].key {
				lcs[i][j] = lcs[i+1][j+1] + 1
			} else {
				lcs[i][j] = max(lcs[i+1][j], lcs[i][j+1])
			}
		}
	}
	counts := fmt.Sprintf(" (%s has %d headings, %s has %d)", en.path, len(en.headings), zh.path, len(zh.headings))
	// Two headings of one level with no code between them cannot be told
	// apart: the one before may be the culprit as well.
	orBefore := func(items []outlineItem, k int, d *doc) string {
		if k > 0 && items[k-1].heading >= 0 && items[k-1].key == items[k].key {
			h := d.headings[items[k-1].heading]
			return fmt.Sprintf("; or it is %q (%s line %d): no code between them tells which", h.String(), d.path, h.line)
		}
		return ""
	}
	missingHere := func(i, j int) Finding {
		e := en.headings[a[i].heading]
		at, where := lastLine(zh), "at the end"
		if j < m {
			at, where = b[j].line, fmt.Sprintf("before line %d", b[j].line)
		}
		return c.finding(zh.path, at,
			fmt.Sprintf("%q (%s line %d) has no counterpart here: it belongs %s%s%s", e.String(), en.path, e.line, where, counts, orBefore(a, i, en)),
			"translate the missing section into "+zh.path+" at the same level, in the same place")
	}
	extraHere := func(j int) Finding {
		z := zh.headings[b[j].heading]
		return c.finding(zh.path, z.line,
			fmt.Sprintf("%q here has no counterpart in %s%s%s", z.String(), en.path, counts, orBefore(b, j, zh)),
			"add the section to "+en.path+" too (at the same level), or remove it here: both languages keep the same structure")
	}
	i, j := 0, 0
	for i < n || j < m {
		switch {
		case i < n && j < m && a[i].key == b[j].key:
			i, j = i+1, j+1
		case i < n && (j == m || lcs[i+1][j] >= lcs[i][j+1]):
			if a[i].heading >= 0 {
				return missingHere(i, j), true
			}
			i++ // a code block: check 2's business
		default:
			if b[j].heading >= 0 {
				return extraHere(j), true
			}
			j++
		}
	}
	return Finding{}, false
}

// outlineItem is a heading or a code block of a text, in order.
type outlineItem struct {
	key     string // what both languages share: "#2", or a block's info and code without comments
	line    int
	heading int // index in doc.headings, or -1 for a code block
}

func outline(d *doc) []outlineItem {
	var items []outlineItem
	for i, h := range d.headings {
		items = append(items, outlineItem{key: "#" + strconv.Itoa(h.level), line: h.line, heading: i})
	}
	for _, bl := range d.blocks {
		var k strings.Builder
		k.WriteString("```" + bl.info)
		if bl.isGo() {
			for _, t := range goTokens(bl.code) {
				k.WriteString(" " + t.tok.String() + t.lit)
			}
		}
		items = append(items, outlineItem{key: k.String(), line: bl.line, heading: -1})
	}
	sort.SliceStable(items, func(x, y int) bool { return items[x].line < items[y].line })
	return items
}

func lastLine(d *doc) int {
	n := len(d.lines)
	if n > 1 && len(d.src) > 0 && d.src[len(d.src)-1] == '\n' {
		n-- // the "line" after the final newline
	}
	return n
}

// ---------------------------------------------------------------- check 2

// codeBlocks: both texts have the same code blocks: the same number, the same
// info strings, and go code identical once comments are removed.
func (c *checker) codeBlocks(en, zh *doc) []Finding {
	if en == nil || zh == nil {
		return nil
	}
	var out []Finding
	n := min(len(en.blocks), len(zh.blocks))
	for i := 0; i < n; i++ {
		e, z := en.blocks[i], zh.blocks[i]
		if e.info != z.info {
			out = append(out, c.finding(zh.path, z.line,
				fmt.Sprintf("code block %d is %s here but %s in %s (line %d)", i+1, z.fence(), e.fence(), en.path, e.line),
				"both languages have the same code blocks in the same order with the same info string; if a block is missing or extra on one side, that shifts every block after it"))
			return out // every later block is probably shifted
		}
		if !e.isGo() {
			continue // diagrams and shell lines may be translated
		}
		if et, zt, same := sameGo(e.code, z.code); !same {
			problem := fmt.Sprintf("code block %d (%s) differs from %s beyond comments: %s line %d has %s where %s line %d has %s",
				i+1, e.fence(), en.path, zh.path, z.codeLine+zt.line-1, zt.show(), en.path, e.codeLine+et.line-1, et.show())
			if len(en.blocks) != len(zh.blocks) {
				// With a block missing on one side, the first "difference" is
				// usually the shift: say so, and stop there.
				out = append(out, c.finding(zh.path, z.codeLine+zt.line-1,
					problem+fmt.Sprintf(" (and %s has %d code blocks, %s has %d: a block may be missing just before)", en.path, len(en.blocks), zh.path, len(zh.blocks)),
					"both languages have the same code blocks in the same order: find the block missing on one side; the code itself stays identical, only comments are translated"))
				return out
			}
			out = append(out, c.finding(zh.path, z.codeLine+zt.line-1, problem,
				"keep the code identical in both languages and translate only comments; string literals, identifiers and output stay as in "+en.path))
		}
	}
	if len(en.blocks) != len(zh.blocks) {
		if len(en.blocks) > n {
			e := en.blocks[n]
			out = append(out, c.finding(zh.path, lastLine(zh),
				fmt.Sprintf("%s has %d code blocks, %s has %d: the %s block at %s line %d has no counterpart here",
					en.path, len(en.blocks), zh.path, len(zh.blocks), e.fence(), en.path, e.line),
				"copy the block into "+zh.path+" at the same place (translate only its comments)"))
		} else {
			z := zh.blocks[n]
			out = append(out, c.finding(zh.path, z.line,
				fmt.Sprintf("%s has %d code blocks, %s has %d: this %s block has no counterpart in %s",
					zh.path, len(zh.blocks), en.path, len(en.blocks), z.fence(), en.path),
				"add it to "+en.path+" as well, or remove it here"))
		}
	}
	return out
}

// goToken is one token of Go source, comments excluded.
type goToken struct {
	line int
	tok  token.Token
	lit  string
}

func (t goToken) show() string {
	switch {
	case t.tok == token.EOF:
		return "the end of the block"
	case t.tok == token.SEMICOLON && t.lit == "\n":
		return "the end of a line"
	case t.lit != "":
		return "`" + t.lit + "`"
	}
	return "`" + t.tok.String() + "`"
}

func goTokens(src string) []goToken {
	fset := token.NewFileSet()
	f := fset.AddFile("block.go", -1, len(src))
	var s scanner.Scanner
	s.Init(f, []byte(src), func(token.Position, string) {}, 0) // mode 0: comments are skipped
	var toks []goToken
	for {
		pos, tok, lit := s.Scan()
		toks = append(toks, goToken{line: fset.Position(pos).Line, tok: tok, lit: lit})
		if tok == token.EOF {
			return toks
		}
	}
}

// sameGo compares two go blocks token by token, comments excluded; when they
// differ it returns the first differing token of each (lines are 1-based,
// relative to each block).
func sameGo(en, zh string) (goToken, goToken, bool) {
	a, b := goTokens(en), goTokens(zh)
	for i := 0; i < min(len(a), len(b)); i++ {
		if a[i].tok != b[i].tok || a[i].lit != b[i].lit {
			return a[i], b[i], false
		}
	}
	return goToken{}, goToken{}, true // both end in EOF: same length
}

// ---------------------------------------------------------------- check 3

// vetLineRE matches go vet's "b03/block.go:12:2: message", with "vet: " in
// front for type errors.
var vetLineRE = regexp.MustCompile(`^(vet: )?(?:\./)?b(\d+)/block\.go:(\d+)(?::(\d+))?: (.*)$`)

// compileExamples: every ```go block of the English text (the Chinese one has
// the same code) is a complete file that compiles with the standard library
// alone and passes go vet. All blocks of the lesson go to one `go vet ./...`,
// each in its own package directory of a throwaway module.
func (c *checker) compileExamples(en *doc) []Finding {
	if en == nil {
		return nil
	}
	var out []Finding
	var blocks []codeBlock
	for _, b := range en.blocks {
		if !b.isCompiled() {
			continue
		}
		if f, ok := c.completeFile(en, b); !ok {
			out = append(out, f)
			continue
		}
		blocks = append(blocks, b)
	}
	if len(blocks) == 0 {
		return out
	}
	tmp, err := os.MkdirTemp("", "gocourse-lint-")
	if err != nil {
		return append(out, c.finding(en.path, 0, "could not compile the ```go blocks: "+err.Error(), ""))
	}
	defer os.RemoveAll(tmp)
	write := func(name string, data string) error {
		if err := os.MkdirAll(filepath.Dir(filepath.Join(tmp, name)), 0o755); err != nil {
			return err
		}
		return os.WriteFile(filepath.Join(tmp, name), []byte(data), 0o644)
	}
	if err := write("go.mod", "module snippet\n\ngo 1.25\n"); err != nil {
		return append(out, c.finding(en.path, 0, "could not compile the ```go blocks: "+err.Error(), ""))
	}
	byN := map[int]codeBlock{}
	for _, b := range blocks {
		byN[b.n] = b
		if err := write(fmt.Sprintf("b%02d/block.go", b.n), b.code); err != nil {
			return append(out, c.finding(en.path, 0, "could not compile the ```go blocks: "+err.Error(), ""))
		}
	}
	output, failed, err := goCommand(c.ctx, tmp, []string{"GOWORK=off", "GOFLAGS=-mod=readonly", "GO111MODULE=on", "GOPROXY=off"}, "vet", "./...")
	if err != nil {
		if c.ctx.Err() == nil {
			out = append(out, c.finding(en.path, 0, "could not compile the ```go blocks: "+err.Error(), "install Go and put it in PATH"))
		}
		return out
	}
	if !failed {
		return out
	}
	matched := false
	for _, line := range strings.Split(output, "\n") {
		m := vetLineRE.FindStringSubmatch(strings.TrimSpace(line))
		if m == nil {
			continue
		}
		n, _ := strconv.Atoi(m[2])
		b, ok := byN[n]
		if !ok {
			continue
		}
		matched = true
		ln, _ := strconv.Atoi(m[3])
		at := b.codeLine + ln - 1
		msg := m[5]
		notStd := strings.Contains(msg, "cannot find module providing package") || strings.Contains(msg, "no required module provides") || strings.Contains(msg, "is not in std")
		switch {
		case notStd:
			out = append(out, c.finding(en.path, at,
				fmt.Sprintf("the ```go block at line %d imports a package outside the standard library: %s", b.line, msg),
				"a ```go block must compile with the standard library alone: rewrite it without the import, or mark it ```go snippet"))
			// go vet stops at an import it cannot resolve: the other blocks were not checked.
		case m[1] != "":
			out = append(out, c.finding(en.path, at,
				fmt.Sprintf("the ```go block at line %d does not compile: %s", b.line, msg),
				"a ```go block is a complete file that must compile on its own with the standard library: fix the code in both languages, or mark an excerpt ```go snippet"))
		default:
			out = append(out, c.finding(en.path, at,
				fmt.Sprintf("go vet, in the ```go block at line %d: %s", b.line, msg),
				"fix the code in both languages; if the block shows this mistake on purpose, mark it ```go snippet and say in the text what is wrong"))
		}
	}
	if !matched {
		out = append(out, c.finding(en.path, 0, "go vet failed on the ```go blocks:\n"+firstLines(output, 10), ""))
	}
	return out
}

// fileLine is the 1-based line of byte offset off in src.
func fileLine(src string, off int) int {
	return strings.Count(src[:max(0, min(off, len(src)))], "\n") + 1
}

// completeFile checks that a ```go block is a whole file: it starts with a
// package clause (parses), and package main declares func main.
func (c *checker) completeFile(d *doc, b codeBlock) (Finding, bool) {
	toks := goTokens(b.code)
	if len(toks) == 0 || toks[0].tok != token.PACKAGE {
		return c.finding(d.path, b.codeLine,
			fmt.Sprintf("the ```go block at line %d does not start with a package clause, so it is not a complete file", b.line),
			"start it with `package main` (and its imports) so it compiles, or mark an excerpt ```go snippet in both languages"), false
	}
	f, err := parser.ParseFile(token.NewFileSet(), "block.go", b.code, parser.SkipObjectResolution)
	if err != nil {
		line := 0
		var list scanner.ErrorList
		if el, ok := err.(scanner.ErrorList); ok {
			list = el
		}
		msg := err.Error()
		if len(list) > 0 {
			line = list[0].Pos.Line
			msg = list[0].Msg
		}
		at := b.codeLine
		if line > 0 {
			at = b.codeLine + line - 1
		}
		return c.finding(d.path, at,
			fmt.Sprintf("the ```go block at line %d does not compile: syntax error: %s", b.line, msg),
			"fix the code in both languages, or mark an excerpt ```go snippet"), false
	}
	for _, imp := range f.Imports {
		p, _ := strconv.Unquote(imp.Path.Value)
		if first, _, _ := strings.Cut(p, "/"); strings.Contains(first, ".") {
			// Only the standard library's paths have no dot in their first element.
			return c.finding(d.path, b.codeLine+fileLine(b.code, int(imp.Pos())-1)-1,
				fmt.Sprintf("the ```go block at line %d imports %q, which is not in the standard library", b.line, p),
				"a ```go block must compile with the standard library alone: rewrite it without the import, or mark it ```go snippet"), false
		}
	}
	if f.Name.Name == "main" && !slices.ContainsFunc(f.Decls, func(d ast.Decl) bool {
		fd, ok := d.(*ast.FuncDecl)
		return ok && fd.Recv == nil && fd.Name.Name == "main"
	}) {
		return c.finding(d.path, b.codeLine,
			fmt.Sprintf("the ```go block at line %d is package main without func main: `go run` would fail", b.line),
			"add a func main (even a short one that calls the example), use another package name, or mark it ```go snippet"), false
	}
	return Finding{}, true
}
