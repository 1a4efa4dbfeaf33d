package gocoursekit

// The two records the kit prints for the grader: a failure (checker/events.go
// reads it) and an explored schedule (checker/schedule.go). They are written
// here by hand because encoding/json, for two flat records, was a tenth of
// every test binary the linker had to write on each save.

import (
	"strconv"
	"unicode/utf8"
)

// failureRecord is {"kind":…,"file":…,"line":…,"en":…,"zh":…,"form":…}, file
// and line left out when there is no place. form is the English format the
// message was made from: two tests that report one problem at one place say
// it with the same form, whatever numbers the schedule put into it.
func failureRecord(kind string, at Pos, en, zh, form string) []byte {
	b := append([]byte(`{"kind":`), jsonString(kind)...)
	if at.File != "" {
		b = append(append(b, `,"file":`...), jsonString(at.File)...)
	}
	if at.Line != 0 {
		b = strconv.AppendInt(append(b, `,"line":`...), int64(at.Line), 10)
	}
	b = append(append(b, `,"en":`...), jsonString(en)...)
	b = append(append(b, `,"zh":`...), jsonString(zh)...)
	b = append(append(b, `,"form":`...), jsonString(form)...)
	return append(b, '}')
}

// scheduleRecord is {"seed":…,"steps":[[hit,site,goroutine,paused],…]}.
func scheduleRecord(seed int64, steps [][4]int64) []byte {
	b := strconv.AppendInt([]byte(`{"seed":`), seed, 10)
	b = append(b, `,"steps":[`...)
	for i, s := range steps {
		if i > 0 {
			b = append(b, ',')
		}
		for j, v := range s {
			b = append(b, "[,"[min(j, 1)])
			b = strconv.AppendInt(b, v, 10)
		}
		b = append(b, ']')
	}
	return append(b, "]}"...)
}

// jsonString quotes s as a JSON string: quotes, backslashes and control
// characters escaped, invalid UTF-8 replaced by U+FFFD (as encoding/json does).
func jsonString(s string) []byte {
	const hex = "0123456789abcdef"
	b := make([]byte, 0, len(s)+2)
	b = append(b, '"')
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			switch {
			case c == '"' || c == '\\':
				b = append(b, '\\', c)
			case c == '\n':
				b = append(b, `\n`...)
			case c == '\t':
				b = append(b, `\t`...)
			case c == '\r':
				b = append(b, `\r`...)
			case c < 0x20 || c == 0x7f:
				b = append(b, '\\', 'u', '0', '0', hex[c>>4], hex[c&0xf])
			default:
				b = append(b, c)
			}
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 {
			b = append(b, `\ufffd`...)
		} else {
			b = append(b, s[i:i+size]...)
		}
		i += size
	}
	return append(b, '"')
}
