package tui

import (
	"strings"
	"testing"
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
