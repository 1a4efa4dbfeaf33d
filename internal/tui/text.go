package tui

import (
	"encoding/json"
	"fmt"
	"path"
	"strings"

	"charm.land/lipgloss/v2"

	"github.com/gocourse/gocourse/internal/mdcjk"
)

// formatHint draws a hint (markdown, as authors write them) w columns wide:
// headings bold without their #s, `code` styled without its backticks,
// fenced code blocks indented and unwrapped, the rest word-wrapped.
func formatHint(text string, w int, st styles) string {
	text = strings.TrimSpace(expandTabs(text, tabWidth))
	var out []string
	var para []string
	flush := func() {
		if len(para) == 0 {
			return
		}
		// A paragraph's lines are one text (markdown's soft breaks): joined
		// with a space in English, with nothing between Chinese characters.
		out = append(out, codeSpans(wrap(joinSoftBreaks(para), w), st.code))
		para = nil
	}
	fence := ""
	for _, line := range strings.Split(text, "\n") {
		trimmed := strings.TrimSpace(line)
		switch {
		case fence != "":
			if strings.HasPrefix(trimmed, fence) {
				fence = ""
				continue
			}
			out = append(out, st.code.Render(hardwrap("  "+line, w)))
		case strings.HasPrefix(trimmed, "```") || strings.HasPrefix(trimmed, "~~~"):
			flush()
			fence = trimmed[:3]
		case trimmed == "":
			flush()
			if len(out) > 0 && out[len(out)-1] != "" {
				out = append(out, "")
			}
		case headingText(trimmed) != "":
			flush()
			out = append(out, st.bold.Render(codeSpans(wrap(headingText(trimmed), w), st.bold)))
		default:
			para = append(para, trimmed)
		}
	}
	flush()
	return strings.TrimRight(strings.Join(out, "\n"), "\n")
}

// headingText is the text of an ATX heading line ("## Why" → "Why"), "" for
// any other line.
func headingText(line string) string {
	n := 0
	for n < len(line) && line[n] == '#' {
		n++
	}
	if n == 0 || n > 6 || n == len(line) || line[n] != ' ' {
		return ""
	}
	return strings.TrimSpace(strings.TrimRight(strings.TrimSpace(line[n:]), "#"))
}

// joinSoftBreaks joins a paragraph's source lines the way the lesson text
// renders them (see internal/mdcjk): a space, except between two Chinese
// characters or next to full-width punctuation.
func joinSoftBreaks(lines []string) string {
	var b strings.Builder
	for i, l := range lines {
		if i > 0 {
			prev := []rune(lines[i-1])
			next := []rune(l)
			if len(prev) == 0 || len(next) == 0 || !mdcjk.Joins(prev[len(prev)-1], next[0]) {
				b.WriteByte(' ')
			}
		}
		b.WriteString(l)
	}
	return b.String()
}

// readableOutput is the test output for the d view: the kit's
// machine-readable failure lines (GOCOURSE-FAILURE {json}) become the
// message they carry, in lang, with its place.
func readableOutput(out, lang string) string {
	const marker = "GOCOURSE-FAILURE "
	if !strings.Contains(out, marker) {
		return out
	}
	lines := strings.Split(out, "\n")
	for i, line := range lines {
		j := strings.Index(line, marker)
		if j < 0 {
			continue
		}
		var f struct {
			Kind string `json:"kind"`
			File string `json:"file"`
			Line int    `json:"line"`
			EN   string `json:"en"`
			ZH   string `json:"zh"`
		}
		if json.Unmarshal([]byte(strings.TrimSpace(line[j+len(marker):])), &f) != nil {
			continue
		}
		msg := f.EN
		if lang == "zh" && f.ZH != "" {
			msg = f.ZH
		}
		where := ""
		if f.File != "" {
			where = path.Base(f.File)
			if f.Line > 0 {
				where = fmt.Sprintf("%s:%d", where, f.Line)
			}
			where += ": "
		}
		// Keep go test's own prefix ("    search_test.go:42: ") and indent
		// the message's further lines under it.
		prefix := line[:j]
		pad := strings.Repeat(" ", lipgloss.Width(prefix)+2)
		lines[i] = prefix + "[" + f.Kind + "] " + where + strings.ReplaceAll(strings.TrimRight(msg, "\n"), "\n", "\n"+pad)
	}
	return strings.Join(lines, "\n")
}
