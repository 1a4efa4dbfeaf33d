package scenario

import (
	"errors"
	"fmt"
	"io/fs"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	gk "GOCOURSE_KIT"
)

// l05Case is one walk to run both with fs.WalkDir and with ListDirectory.
type l05Case struct {
	en, zh string // what the case does, as the start of a sentence
	tree   fstest.MapFS
	broken []string
	root   string
	decide func(l05Call) error // nil: fn always returns nil
}

// l05Check runs c with fs.WalkDir and with the learner's ListDirectory and
// reports the first way they differ: fn's calls, the result, or a directory
// read that fs.WalkDir does not read. It reports at most one failure and
// says whether c passed.
func l05Check(t *testing.T, api API, c l05Case) bool {
	t.Helper()
	at := gk.FuncPos(t, "ListDirectory")
	want, wantErr, wantListed := l05Walk(fs.WalkDir, c.tree, c.broken, c.root, c.decide)
	got, gotErr, gotListed := l05Walk(api.ListDirectory, c.tree, c.broken, c.root, c.decide)
	leaked := l05Leaked() // gk.Bubble reports it when the test ends
	esc := l05Esc

	if errors.Is(gotErr, l05ErrTooMany) {
		gk.ErrorAt(t, at, esc(c.en)+": ListDirectory(fsys, %q, fn) called fn more than 5000 times on a tree of a few entries: it seems to walk in circles.\nFirst calls:\n%s",
			esc(c.zh)+"：ListDirectory(fsys, %q, fn) 在只有几个条目的树上调用了 fn 超过 5000 次，看起来在兜圈子。\n最开始的几次调用：\n%s",
			c.root, l05Show(got[:8], 100))
		return false
	}
	if i := l05FirstDiff(want, got); i >= 0 {
		gk.ErrorAt(t, at,
			esc(c.en)+": ListDirectory(fsys, %q, fn) differs from fs.WalkDir at call %d (marked →).\nfs.WalkDir calls:\n%s\nyour ListDirectory calls:\n%s",
			esc(c.zh)+"：ListDirectory(fsys, %q, fn) 从第 %d 次调用起与 fs.WalkDir 不同（标了 → 的一行）。\nfs.WalkDir 的调用：\n%s\n你的 ListDirectory 的调用：\n%s",
			c.root, i+1, l05Show(want, i), l05Show(got, i))
		return false
	}
	if !l05SameResult(wantErr, gotErr) {
		switch {
		case wantErr == nil && (gotErr == fs.SkipAll || gotErr == fs.SkipDir):
			gk.ErrorAt(t, at,
				esc(c.en)+": ListDirectory(fsys, %q, fn) returned %s. fs.SkipDir and fs.SkipAll are instructions from fn to the walk, not errors: once the walk has obeyed, it returns nil.",
				esc(c.zh)+"：ListDirectory(fsys, %q, fn) 返回了 %s。fs.SkipDir 和 fs.SkipAll 是 fn 给遍历下的指令，不是错误：遍历照做之后应当返回 nil。",
				c.root, l05ErrName(gotErr))
		case wantErr == nil:
			gk.ErrorAt(t, at,
				esc(c.en)+": ListDirectory(fsys, %q, fn) returned the error %s; fs.WalkDir returns nil here (fn returned no error that stops the walk).",
				esc(c.zh)+"：ListDirectory(fsys, %q, fn) 返回了错误 %s；fs.WalkDir 在这里返回 nil（fn 没有返回任何终止遍历的错误）。",
				c.root, l05ErrText(gotErr))
		default:
			gk.ErrorAt(t, at,
				esc(c.en)+": ListDirectory(fsys, %q, fn) returned %s; it should return the error fn returned to stop the walk (%s), as fs.WalkDir does.",
				esc(c.zh)+"：ListDirectory(fsys, %q, fn) 返回了 %s；它应当像 fs.WalkDir 一样，返回 fn 用来终止遍历的那个错误（%s）。",
				c.root, l05ErrName(gotErr), l05ErrName(wantErr))
		}
		return false
	}
	for _, dir := range gotListed {
		if slices.Contains(wantListed, dir) || !l05Under(dir, c.root) {
			continue // reading outside the walked tree is not reading ahead
		}
		why := ""
		if c.decide != nil {
			why = l05ErrName(c.decide(l05Call{path: dir, hasD: true, isDir: true}))
		}
		if why != "nil" && why != "" {
			gk.ErrorAt(t, at,
				esc(c.en)+": ListDirectory(fsys, %q, fn) read directory %q although fn returned %s for it. fn must be called for a directory before the directory is read, so that SkipDir or SkipAll (or an error) avoids the read entirely — that is the point of a callback: the caller decides how much work is done.",
				esc(c.zh)+"：fn 对目录 %[2]q 返回了 %[3]s，ListDirectory(fsys, %[1]q, fn) 却仍然读取了它。对一个目录必须先调用 fn、再读取目录，这样 SkipDir、SkipAll（或一个错误）才能完全省掉这次读取——回调的意义就在这里：做多少工作由调用方决定。",
				c.root, dir, why)
		} else {
			gk.ErrorAt(t, at,
				esc(c.en)+": ListDirectory(fsys, %q, fn) read directory %q, which fs.WalkDir never reads in this walk: by then fn had skipped it or stopped the walk. A walk that reads ahead of fn does work nobody asked for.",
				esc(c.zh)+"：ListDirectory(fsys, %q, fn) 读取了目录 %q，而 fs.WalkDir 在这次遍历中根本不会读它：在那之前 fn 已经跳过了它，或者已经终止了遍历。抢在 fn 前面读目录，做的是没人要的工作。",
				c.root, dir)
		}
		return false
	}
	return !leaked
}

// l05Describe lists a tree's paths (directories end in "/") on one line.
func l05Describe(m fstest.MapFS) string {
	seen := map[string]bool{}
	for p, f := range m {
		if f.Mode.IsDir() {
			seen[p+"/"] = true
		} else {
			seen[p] = true
		}
		for dir := p; ; {
			i := strings.LastIndex(dir, "/")
			if i < 0 {
				break
			}
			dir = dir[:i]
			seen[dir+"/"] = true
		}
	}
	var all []string
	for p := range seen {
		all = append(all, p)
	}
	slices.Sort(all)
	if len(all) == 0 {
		return "—"
	}
	return strings.Join(all, " ")
}

// l05DescribeDecisions lists what a generated fn returns, where it is not nil.
func l05DescribeDecisions(dec map[string]error) string {
	var keys []string
	for k, v := range dec {
		if v != nil {
			keys = append(keys, k)
		}
	}
	if len(keys) == 0 {
		return "nil"
	}
	slices.Sort(keys)
	var parts []string
	for _, k := range keys {
		v := dec[k]
		name := l05ErrName(v)
		if v == l05ReturnErr {
			name = "err"
		}
		if p, ok := strings.CutSuffix(k, "!"); ok {
			parts = append(parts, fmt.Sprintf("%q (err≠nil) → %s", p, name))
		} else {
			parts = append(parts, fmt.Sprintf("%q → %s", k, name))
		}
	}
	return strings.Join(parts, "; ")
}
