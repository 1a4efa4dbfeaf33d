package lint

import (
	"fmt"

	"github.com/gocourse/gocourse/internal/mdcjk"
)

// cjkBreaks flags a source line broken between two Chinese characters in the
// Chinese text. The course's own renderer drops such a break (see
// internal/mdcjk), but CommonMark makes it a space, and so do GitHub, editor
// previews and any other tool an author or learner reads the file with:
// "数据\n竞争" reads "数据 竞争".
func (c *checker) cjkBreaks(zh *doc) []Finding {
	if zh == nil {
		return nil
	}
	var out []Finding
	for _, b := range mdcjk.Find(zh.src) {
		out = append(out, c.finding(zh.path, zh.lines.line(b.Offset),
			fmt.Sprintf("the line breaks between %q and %q: markdown renderers other than gocourse's show a space there", string(b.Before), string(b.After)),
			"join the two lines (write each Chinese paragraph on one line, or break only next to ASCII)"))
	}
	return out
}
