package tui

import (
	"regexp"
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"
)

// Emphasis next to Chinese text must still render as emphasis: the break
// marks put between Chinese characters must not touch markdown delimiters.
func TestChineseBoldKeepsNoAsterisks(t *testing.T) {
	md := "这门课只讲一个习惯：**管好 goroutine 的一生**。你启动的每一个 goroutine，都应该有一个明确的结束，`select {}` 也一样。\n"
	out := markBreaks(md)
	for _, s := range []string{"：**管", "生**。", "，`select"} {
		if !strings.Contains(out, s) {
			t.Errorf("break mark inserted inside %q:\n%q", s, out)
		}
	}
}

// A soft line break between two Chinese characters renders as nothing (glamour
// alone prints a space there), while one between English words, or between
// Chinese and English, stays a space; code blocks keep their lines.
func TestChineseSoftBreaksRenderWithoutSpaces(t *testing.T) {
	md := "# 标题\n\n由 `main` 决定什么\n放到后台去跑，端口被\n占用时返回，数据\n竞争也是。\n" +
		"这是\n**粗体**，让另一个服务器平滑退出（graceful\nshutdown）。\n\n" +
		"- 列表里的\n  一项\n\n```go\nx := 1 // 数据\n// 竞争\n```\n\nEnglish words\nstay apart.\n"
	out, err := renderMarkdown(md, 100, true)
	if err != nil {
		t.Fatal(err)
	}
	plain := ansi.Strip(out)
	for _, want := range []string{"决定什么放到后台去跑，端口被占用时返回，数据竞争也是。", "这是粗体", "（graceful shutdown）", "列表里的一项",
		"    // 竞争", "English words stay apart."} {
		if !strings.Contains(plain, want) {
			t.Errorf("rendering lacks %q:\n%s", want, plain)
		}
	}
	for _, bad := range []string{"么 放", "被 占", "据 竞", "是 粗"} {
		if strings.Contains(plain, bad) {
			t.Errorf("stray space in %q:\n%s", bad, plain)
		}
	}
}

// strayPair finds a space between two Chinese characters.
var strayPair = regexp.MustCompile(`\p{Han} +\p{Han}`)

// checkNoStraySpaces fails when the rendering of a Chinese lesson has a
// space between two Chinese characters that its source does not have
// (TestRealLessonsRender calls it, to render each lesson once).
func checkNoStraySpaces(t *testing.T, slug string, src []byte, out string) {
	t.Helper()
	inSource := map[string]bool{}
	// Spaces the author wrote (around emphasis, say) are the author's.
	unmarked := strings.NewReplacer("*", "", "_", "", "`", "").Replace(string(src))
	for _, s := range strayPair.FindAllString(unmarked, -1) {
		inSource[strings.Join(strings.Fields(s), " ")] = true
	}
	for _, line := range strings.Split(ansi.Strip(out), "\n") {
		for _, s := range strayPair.FindAllString(strings.TrimSpace(line), -1) {
			if !inSource[strings.Join(strings.Fields(s), " ")] {
				t.Errorf("%s: stray space %q in %q", slug, s, strings.TrimSpace(line))
			}
		}
	}
}
