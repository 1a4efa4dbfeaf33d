package tui

import (
	"fmt"
	"strings"
	"testing"

	"github.com/charmbracelet/x/exp/golden"
)

// Golden screens (styling stripped) at 80×24 and 120×40 in both languages:
// the lesson with a hint and a failed verdict, the lesson list, the help.
// Update them with: go test ./internal/tui/ -run TestGolden -update
func TestGolden(t *testing.T) {
	for _, lang := range []string{"en", "zh"} {
		for _, sz := range [][2]int{{80, 24}, {120, 40}} {
			name := fmt.Sprintf("%s_%dx%d", lang, sz[0], sz[1])
			setup := func(t *testing.T) *harness {
				h, _, _ := standard(t, func(c *Config) {
					c.Lang = lang
					c.Progress = newFakeProgress(false, "01-busy-main", "02-two-listeners")
				})
				h.size(sz[0], sz[1])
				h.until("rendered and watching", func(m *Model) bool { return h.rendered() && m.watching })
				return h
			}
			t.Run("lesson_"+name, func(t *testing.T) {
				h := setup(t)
				save(t, h.m.cfg.Root, h.m.lesson(), strings.Replace(fakeStarter, "return 0", "return 41", 1))
				h.press("r")
				h.until("verdict", func(m *Model) bool { return m.job == nil && m.verdicts[m.lesson().Slug] != nil })
				h.press("h")
				golden.RequireEqual(t, h.screen())
			})
			t.Run("list_"+name, func(t *testing.T) {
				h := setup(t)
				h.press("l")
				golden.RequireEqual(t, h.screen())
			})
			t.Run("help_"+name, func(t *testing.T) {
				h := setup(t)
				h.press("?")
				golden.RequireEqual(t, h.screen())
			})
		}
	}
}
