package mdcjk

import (
	"fmt"
	"strings"
	"testing"
)

func TestFind(t *testing.T) {
	for _, tc := range []struct {
		src  string
		want string // "before|after" pairs, space separated
	}{
		{"数据\n竞争\n", "据|竞"},
		{"端口被\n占用。\n", "被|占"},
		{"listener 把它停掉。\n这回答了\n", "。|这"},
		{"一对 channel：\n**done** 和 stop\n", "：|d"}, // full-width punctuation has its own space
		{"（graceful\nshutdown）\n", ""},
		{"平滑退出（\ngraceful shutdown\n）。\n", "（|g n|）"},
		{"这是\n**粗体**。\n", "是|粗"},
		{"**粗体**\n之后\n", "体|之"},
		{"由 `main`\n决定\n", ""}, // code then Chinese: a space belongs there
		{"中文\nEnglish\n", ""},
		{"English\n中文\n", ""},
		{"한국어\n문장\n", ""}, // Korean keeps its spaces
		{"```\n数据\n竞争\n```\n", ""},
		{"    数据\n    竞争\n", ""}, // indented code
		{"- 第一项\n  继续\n", "项|继"},
		{"> 引用\n> 继续\n", "用|继"},
		{"数据\\\n竞争\n", ""}, // a hard break stays
		{"[链接\n文字](http://x)\n", "接|文"},
	} {
		var got []string
		for _, b := range Find([]byte(tc.src)) {
			got = append(got, fmt.Sprintf("%c|%c", b.Before, b.After))
			if tc.src[b.Offset] != '\n' {
				t.Errorf("%q: offset %d is %q, not the line break", tc.src, b.Offset, tc.src[b.Offset])
			}
		}
		if g := strings.Join(got, " "); g != tc.want {
			t.Errorf("Find(%q) = %q, want %q", tc.src, g, tc.want)
		}
	}
}
