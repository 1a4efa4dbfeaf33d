package scenario

import (
	"errors"
	"fmt"
	"io/fs"
	"testing"
	"testing/fstest"
	"testing/synctest"

	gk "GOCOURSE_KIT"
)

// l05LinkTree has a symbolic link to a directory next to that directory:
//
//	.
//	├── a/
//	│   └── x.txt
//	├── link -> a     (a symbolic link)
//	└── z.txt
func l05LinkTree() fstest.MapFS {
	return fstest.MapFS{
		"a/x.txt": {Data: []byte("x\n"), Mode: 0o644},
		"link":    {Data: []byte("a"), Mode: fs.ModeSymlink | 0o777},
		"z.txt":   {Data: []byte("z\n"), Mode: 0o644},
	}
}

func ListDirectoryReportsASymlinkWithoutFollowingIt(t *testing.T, api API) {
	gk.Bubble(t, func(t *testing.T) {
		l05Check(t, api, l05Case{
			en:   `Walking a tree where "link" is a symbolic link to the directory "a" (fs.WalkDir reports "link" as an entry of its own and never reads through it: decide with the DirEntry's type, never with fs.Stat, which follows links)`,
			zh:   `遍历一棵树，其中 "link" 是指向目录 "a" 的符号链接（fs.WalkDir 把 "link" 当作一个独立的条目报告，从不顺着它读下去：用 DirEntry 的类型来判断，别用会跟随链接的 fs.Stat）`,
			tree: l05LinkTree(), root: ".",
		})
	})
}

// l05Panic is what the test's fn panics with.
type l05Panic struct{ path string }

func ListDirectoryLeavesNothingRunningWhenFnPanics(t *testing.T, api API) {
	gk.Bubble(t, func(t *testing.T) {
		big := fstest.MapFS{}
		for i := range 10 {
			for j := range 20 {
				p := fmt.Sprintf("d%02d/f%02d.txt", i, j)
				big[p] = &fstest.MapFile{Data: []byte(p), Mode: 0o644}
			}
		}
		const at = "d00/f03.txt"
		var got any
		func() {
			defer func() { got = recover() }()
			api.ListDirectory(big, ".", func(p string, d fs.DirEntry, err error) error {
				if p == at {
					panic(l05Panic{p})
				}
				return err
			})
		}()
		if _, ok := got.(l05Panic); !ok && got != nil {
			gk.ErrorAt(t, gk.FuncPos(t, "ListDirectory"),
				"fn panicked at %q, and the panic that reached the caller was a different one: %v",
				"fn 在 %q 处 panic 了，而传到调用方的却是另一个 panic：%v", at, got)
		}
		// Whatever ListDirectory started must stop although fn never
		// returned: gk.Bubble reports any goroutine still blocked.
		synctest.Wait()
	})
}

// l05BrokenFindTree has an unreadable directory before the name:
//
//	.
//	├── a/         (cannot be read)
//	└── b/
//	    └── needle
func l05BrokenFindTree() fstest.MapFS {
	return fstest.MapFS{
		"a/secret": {Data: []byte("s\n"), Mode: 0o644},
		"b/needle": {Data: []byte("n\n"), Mode: 0o644},
	}
}

func FindReturnsAReadErrorMetBeforeTheName(t *testing.T, api API) {
	gk.Bubble(t, func(t *testing.T) {
		at := gk.FuncPos(t, "Find")
		for _, c := range []struct{ name, en, zh string }{
			{"needle", `"needle" exists, but only after "a"`, `"needle" 是存在的，但排在 "a" 之后`},
			{"missing", `nothing is named "missing"`, `没有任何条目叫 "missing"`},
		} {
			got, err := api.Find(l05NewFS(l05BrokenFindTree(), "a"), ".", c.name)
			switch {
			case err == nil:
				gk.ErrorAt(t, at,
					"The directory \"a\" cannot be read (%s) and "+l05Esc(c.en)+"; Find(fsys, \".\", %q) returned (%q, nil). The walk meets the read error before it finds the name: Find must return that error, not walk past it",
					"目录 \"a\" 读不出来（%s），而且"+l05Esc(c.zh)+"；Find(fsys, \".\", %q) 却返回了 (%q, nil)。遍历在找到名字之前就遇到了读取错误：Find 应当返回这个错误，而不是跳过它继续走",
					l05ErrUnreadable.Error(), c.name, got)
				return
			case !errors.Is(err, l05ErrUnreadable) || errors.Is(err, fs.ErrNotExist):
				gk.ErrorAt(t, at,
					"The directory \"a\" cannot be read (%s) and "+l05Esc(c.en)+"; Find(fsys, \".\", %q) returned the error %s. It must return the read error (errors.Is(err, readErr)), not report \"not found\" (fs.ErrNotExist): the name may well be in the directory it could not read",
					"目录 \"a\" 读不出来（%s），而且"+l05Esc(c.zh)+"；Find(fsys, \".\", %q) 返回的 error 是 %s。它应当返回这个读取错误（errors.Is(err, readErr)），而不是报告“没找到”（fs.ErrNotExist）：名字完全可能就在那个读不出来的目录里",
					l05ErrUnreadable.Error(), c.name, l05ErrText(err))
				return
			}
			if synctest.Wait(); l05Leaked() {
				return
			}
		}
	})
}
