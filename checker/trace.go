package checker

// Rendering an explored schedule's trace (the kit's raw steps) as the
// learner's own lines, in both languages.

import (
	"encoding/binary"
	"fmt"
	"os"
	"sort"
	"strconv"
	"strings"
)

// traceStep is one yield the kit recorded: the hit number, the site, the
// goroutine (a small number) and whether the schedule paused it there.
type traceStep struct {
	n      int64
	site   yieldSite
	g      int64
	paused bool
}

// maxPhrases is how many phrases a trace shows.
const maxPhrases = 10

func (s *scheduleRun) steps(raw [][4]int64) []traceStep {
	var out []traceStep
	for _, r := range raw {
		site, ok := s.sites[int(r[1])]
		if !ok {
			continue
		}
		out = append(out, traceStep{n: r[0], site: site, g: r[2], paused: r[3] == 1})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].n < out[j].n })
	return out
}

// crashTrace reads the trace the kit left in its shared file when the test
// binary died (kit/trace_unix.go): the seed, then the ring of entries.
func (s *scheduleRun) crashTrace() (seed int64, raw [][4]int64) {
	data, err := os.ReadFile(s.traceFile)
	if err != nil || len(data) < 16 {
		return 0, nil
	}
	seed = int64(binary.NativeEndian.Uint64(data))
	for i := 8; i+8 <= len(data); i += 8 {
		v := binary.NativeEndian.Uint64(data[i:])
		if v == 0 {
			continue
		}
		raw = append(raw, [4]int64{int64(v >> 40), int64(v>>16) & 0xffffff, int64(v>>1) & 0x7fff, int64(v & 1)})
	}
	return seed, raw
}

// describeTrace renders steps: consecutive steps of one goroutine become one
// phrase ("Shutdown at tracker.go:84→86 (closed)"), the pause that made the
// schedule is said, and at most maxPhrases phrases are kept, from just
// before the last pause to the end.
func describeTrace(steps []traceStep, lang string) string {
	if len(steps) == 0 {
		return ""
	}
	// A goroutine is named by the learner function it was first seen in; a
	// name several goroutines share gets a number.
	label := map[int64]string{}
	count := map[string]int{}
	var order []int64
	for _, st := range steps {
		if _, ok := label[st.g]; ok {
			continue
		}
		fn := st.site.Func
		if strings.HasSuffix(fn, ".func") {
			fn = msgGoroutineOf.in(lang, strings.TrimSuffix(fn, ".func"))
		}
		label[st.g] = fn
		count[fn]++
		order = append(order, st.g)
	}
	seen := map[string]int{}
	for _, g := range order {
		if fn := label[g]; count[fn] > 1 {
			seen[fn]++
			label[g] = fmt.Sprintf("%s #%d", fn, seen[fn])
		}
	}
	type phrase struct {
		g           int64
		file        string
		first, last int
		op          string
		paused      bool
	}
	var ps []phrase
	for _, st := range steps {
		if k := len(ps) - 1; k >= 0 && ps[k].g == st.g && ps[k].file == st.site.File && !ps[k].paused && st.site.Line >= ps[k].last {
			p := &ps[k]
			p.last, p.op, p.paused = st.site.Line, opWord(st.site), st.paused
			continue
		}
		ps = append(ps, phrase{st.g, st.site.File, st.site.Line, st.site.Line, opWord(st.site), st.paused})
	}
	start := max(0, len(ps)-maxPhrases)
	for i := len(ps) - 1; i >= 0; i-- {
		if ps[i].paused {
			start = max(0, min(start, i-1))
			break
		}
	}
	if len(ps)-start > maxPhrases+2 {
		start = len(ps) - maxPhrases - 2
	}
	var out []string
	if start > 0 {
		out = append(out, "…")
	}
	for _, p := range ps[start:] {
		at := p.file + ":" + strconv.Itoa(p.first)
		if p.last != p.first {
			at += "→" + strconv.Itoa(p.last)
		}
		text := msgStepAt.in(lang, label[p.g], at)
		if p.op != "" {
			text += msgStepOp.in(lang, opText(p.op, lang))
		}
		if p.paused {
			text += msgStepPaused.in(lang)
		}
		if n := len(out); n > 0 && strings.TrimSuffix(out[n-1], msgStepTwice.in(lang)) == text {
			out[n-1] = text + msgStepTwice.in(lang) // the same steps again (a second call)
			continue
		}
		out = append(out, text)
	}
	return strings.Join(out, msgStepThen.in(lang))
}

var (
	msgGoroutineOf = msg{"goroutine of %s", "%s 的 goroutine"}
	msgStepAt      = msg{"%s at %s", "%s 在 %s"}
	msgStepOp      = msg{" (%s)", "（%s）"}
	msgStepPaused  = msg{" — paused here while the others ran", "，在这里被暂停，其他 goroutine 先运行"}
	msgStepThen    = msg{"; then ", "；然后 "}
	msgStepTwice   = msg{", again", "，又一次"}
)

// opWord says what a goroutine had just done (or was about to do) at a site.
func opWord(s yieldSite) string {
	switch s.Op + " " + s.When {
	case "send after", "case-send after":
		return "sent"
	case "send before":
		return "about to send"
	case "recv after", "case-recv after":
		return "received"
	case "recv before":
		return "about to receive"
	case "select before":
		return "entering select"
	case "case-default after":
		return "select took default"
	case "close after":
		return "closed"
	case "close before":
		return "about to close"
	case "go after":
		return "started a goroutine"
	case "lock after":
		return "locked"
	case "lock before":
		return "locking"
	case "unlock after":
		return "unlocked"
	case "wait before":
		return "about to wait"
	case "wait after":
		return "done waiting"
	case "atomic before", "atomic after":
		return "atomic"
	}
	return ""
}

var opZH = map[string]string{
	"sent": "已发送", "about to send": "即将发送", "received": "已接收", "about to receive": "即将接收",
	"entering select": "进入 select", "select took default": "select 走了 default",
	"closed": "已关闭", "about to close": "即将关闭", "started a goroutine": "启动了 goroutine",
	"locked": "已加锁", "locking": "正在加锁", "unlocked": "已解锁", "about to wait": "即将等待",
	"done waiting": "等待结束", "atomic": "原子操作",
}

func opText(en, lang string) string {
	if z, ok := opZH[en]; ok && lang == "zh" {
		return z
	}
	return en
}
