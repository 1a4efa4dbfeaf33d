package cli

import (
	"fmt"
	"os"
	"strings"
)

// detectLang picks the learner's language: --lang wins, then the locale
// (LC_ALL, LC_MESSAGES, LANG, as POSIX orders them); zh for any zh_* locale,
// English otherwise.
func detectLang(flag string) (string, error) {
	switch flag {
	case "zh", "en":
		return flag, nil
	case "":
	default:
		return "", fmt.Errorf("--lang %q: use zh or en", flag)
	}
	for _, v := range []string{"LC_ALL", "LC_MESSAGES", "LANG"} {
		if val := os.Getenv(v); val != "" {
			if strings.HasPrefix(strings.ToLower(val), "zh") {
				return "zh", nil
			}
			return "en", nil
		}
	}
	return "en", nil
}

// text is a CLI message in both languages; format verbs are shared.
type text struct{ en, zh string }

func (t text) in(lang string, args ...any) string {
	f := t.en
	if lang == "zh" {
		f = t.zh
	}
	return fmt.Sprintf(f, args...)
}
