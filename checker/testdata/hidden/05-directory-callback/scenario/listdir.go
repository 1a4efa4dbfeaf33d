package scenario

import (
	"fmt"
	"io/fs"
	"testing"
	"testing/fstest"

	gk "GOCOURSE_KIT"
)

// The tree these tests walk is drawn above l05Tree (helpers.go). Every
// expectation is fs.WalkDir's own behaviour on the same tree, recorded with
// the same fn.

func ListDirectoryVisitsEverythingDepthFirstInLexicalOrder(t *testing.T, api API) {
	gk.Bubble(t, func(t *testing.T) {
		for _, c := range []l05Case{{
			en:   `Walking the whole tree from "." (fn always returns nil; names sort byte by byte: "B.txt" < "a" < "a-b.txt" < "a.txt", and a directory's contents come before its next sibling)`,
			zh:   `从 "." 遍历整棵树（fn 总是返回 nil；名字按字节排序："B.txt" < "a" < "a-b.txt" < "a.txt"，目录里的内容排在它的下一个兄弟之前）`,
			tree: l05Tree(), root: ".",
		}, {
			en:   `Walking from the subdirectory "c" (paths start with the root as given)`,
			zh:   `从子目录 "c" 开始遍历（路径以传入的 root 开头）`,
			tree: l05Tree(), root: "c",
		}, {
			en:   `Walking from "a.txt", which is a file (fn is called once, for the file)`,
			zh:   `从文件 "a.txt" 开始遍历（只为这个文件调用一次 fn）`,
			tree: l05Tree(), root: "a.txt",
		}} {
			if !l05Check(t, api, c) {
				return
			}
		}
	})
}

func ListDirectorySkipDirOnADirectorySkipsOnlyThatDirectory(t *testing.T, api API) {
	gk.Bubble(t, func(t *testing.T) {
		for _, c := range []l05Case{{
			en:   `With fn returning fs.SkipDir for directory "a" (its contents are skipped, the walk goes on with "a-b.txt")`,
			zh:   `fn 对目录 "a" 返回 fs.SkipDir 时（跳过它的内容，遍历从 "a-b.txt" 继续）`,
			tree: l05Tree(), root: ".", decide: l05At("a", fs.SkipDir),
		}, {
			en:   `With fn returning fs.SkipDir for the nested directory "c/d"`,
			zh:   `fn 对嵌套目录 "c/d" 返回 fs.SkipDir 时`,
			tree: l05Tree(), root: ".", decide: l05At("c/d", fs.SkipDir),
		}, {
			en:   `With fn returning fs.SkipDir for the root "." (nothing else is visited, and the result is nil)`,
			zh:   `fn 对根目录 "." 返回 fs.SkipDir 时（其他条目都不再访问，结果是 nil）`,
			tree: l05Tree(), root: ".", decide: l05At(".", fs.SkipDir),
		}} {
			if !l05Check(t, api, c) {
				return
			}
		}
	})
}

func ListDirectorySkipDirOnAFileSkipsTheRestOfItsDirectory(t *testing.T, api API) {
	gk.Bubble(t, func(t *testing.T) {
		for _, c := range []l05Case{{
			en:   `With fn returning fs.SkipDir for the file "c/a.txt" (the rest of "c" — "c/d" and "c/g.txt" — is skipped, and the walk goes on with "empty")`,
			zh:   `fn 对文件 "c/a.txt" 返回 fs.SkipDir 时（跳过 "c" 里剩下的 "c/d" 和 "c/g.txt"，遍历从 "empty" 继续）`,
			tree: l05Tree(), root: ".", decide: l05At("c/a.txt", fs.SkipDir),
		}, {
			en:   `With fn returning fs.SkipDir for the file "B.txt" (everything after it in "." is skipped)`,
			zh:   `fn 对文件 "B.txt" 返回 fs.SkipDir 时（"." 里排在它后面的全部跳过）`,
			tree: l05Tree(), root: ".", decide: l05At("B.txt", fs.SkipDir),
		}, {
			en:   `With fn returning fs.SkipDir for "a.txt" when the walk starts at that file`,
			zh:   `从文件 "a.txt" 开始遍历、fn 对它返回 fs.SkipDir 时`,
			tree: l05Tree(), root: "a.txt", decide: l05At("a.txt", fs.SkipDir),
		}} {
			if !l05Check(t, api, c) {
				return
			}
		}
	})
}

func ListDirectorySkipAllStopsTheWalkAndReturnsNil(t *testing.T, api API) {
	gk.Bubble(t, func(t *testing.T) {
		for _, c := range []l05Case{{
			en:   `With fn returning fs.SkipAll for directory "a/sub" (no more calls, nothing more read, result nil)`,
			zh:   `fn 对目录 "a/sub" 返回 fs.SkipAll 时（不再调用 fn，不再读取任何目录，结果是 nil）`,
			tree: l05Tree(), root: ".", decide: l05At("a/sub", fs.SkipAll),
		}, {
			en:   `With fn returning fs.SkipAll for the file "a-b.txt"`,
			zh:   `fn 对文件 "a-b.txt" 返回 fs.SkipAll 时`,
			tree: l05Tree(), root: ".", decide: l05At("a-b.txt", fs.SkipAll),
		}, {
			en:   `With fn returning fs.SkipAll for the root "."`,
			zh:   `fn 对根目录 "." 返回 fs.SkipAll 时`,
			tree: l05Tree(), root: ".", decide: l05At(".", fs.SkipAll),
		}} {
			if !l05Check(t, api, c) {
				return
			}
		}
	})
}

func ListDirectoryStopsAndReturnsTheErrorFnReturns(t *testing.T, api API) {
	gk.Bubble(t, func(t *testing.T) {
		for _, c := range []l05Case{{
			en:   `With fn returning the error errStop for the file "a/x.txt" (no more calls, and ListDirectory returns errStop)`,
			zh:   `fn 对文件 "a/x.txt" 返回错误 errStop 时（不再调用 fn，ListDirectory 返回 errStop）`,
			tree: l05Tree(), root: ".", decide: l05At("a/x.txt", l05ErrStop),
		}, {
			en:   `With fn returning the error errStop for directory "c" (it is not read)`,
			zh:   `fn 对目录 "c" 返回错误 errStop 时（不读取这个目录）`,
			tree: l05Tree(), root: ".", decide: l05At("c", l05ErrStop),
		}} {
			if !l05Check(t, api, c) {
				return
			}
		}
	})
}

func ListDirectoryPassesReadErrorsToFn(t *testing.T, api API) {
	gk.Bubble(t, func(t *testing.T) {
		secondCall := func(dir string, ret error) func(l05Call) error {
			return func(c l05Call) error {
				if c.path == dir && c.err != nil {
					return ret
				}
				return nil
			}
		}
		for _, c := range []l05Case{{
			en:   `When directories "a/sub" and "c/d" cannot be read (fn is called for each of them twice: first with err == nil before the read, then with the read error errUnreadable; fn returns nil, so the walk goes on)`,
			zh:   `当目录 "a/sub" 和 "c/d" 读取失败时（对它们各调用两次 fn：读取之前一次，err == nil；读取失败后再一次，err 是读取错误 errUnreadable。fn 返回 nil，遍历继续）`,
			tree: l05Tree(), broken: []string{"a/sub", "c/d"}, root: ".",
		}, {
			en:   `When directory "a/sub" cannot be read and fn returns the error it is given (the walk stops and ListDirectory returns errUnreadable)`,
			zh:   `当目录 "a/sub" 读取失败、fn 把收到的错误原样返回时（遍历终止，ListDirectory 返回 errUnreadable）`,
			tree: l05Tree(), broken: []string{"a/sub"}, root: ".", decide: secondCall("a/sub", l05ReturnErr),
		}, {
			en:   `When directory "a/sub" cannot be read and fn returns fs.SkipDir for the read error (the walk goes on with "a/x.txt")`,
			zh:   `当目录 "a/sub" 读取失败、fn 对这个读取错误返回 fs.SkipDir 时（遍历从 "a/x.txt" 继续）`,
			tree: l05Tree(), broken: []string{"a/sub"}, root: ".", decide: secondCall("a/sub", fs.SkipDir),
		}, {
			en:   `When directory "c" cannot be read but fn returns fs.SkipDir for it before it is read (no read is attempted, so fn gets no error)`,
			zh:   `当目录 "c" 无法读取，但 fn 在读取之前就对它返回了 fs.SkipDir 时（根本不去读，所以 fn 也不会收到错误）`,
			tree: l05Tree(), broken: []string{"c"}, root: ".", decide: l05At("c", fs.SkipDir),
		}, {
			en:   `When the root "." itself cannot be read (fn("." , …, nil), then fn(".", …, errUnreadable), and the walk is over)`,
			zh:   `当根目录 "." 本身读取失败时（先 fn(".", …, nil)，再 fn(".", …, errUnreadable)，遍历结束）`,
			tree: l05Tree(), broken: []string{"."}, root: ".",
		}} {
			if !l05Check(t, api, c) {
				return
			}
		}
	})
}

func ListDirectoryPassesTheRootsStatErrorToFn(t *testing.T, api API) {
	gk.Bubble(t, func(t *testing.T) {
		always := func(ret error) func(l05Call) error {
			return func(c l05Call) error {
				if c.err != nil {
					return ret
				}
				return nil
			}
		}
		for _, c := range []l05Case{{
			en:   `When the root "nope" does not exist (fn is called once, as fn("nope", nil, err) with err wrapping fs.ErrNotExist; fn returns nil, so ListDirectory returns nil)`,
			zh:   `当根 "nope" 不存在时（只调用一次 fn：fn("nope", nil, err)，err 包装了 fs.ErrNotExist；fn 返回 nil，所以 ListDirectory 返回 nil）`,
			tree: l05Tree(), root: "nope",
		}, {
			en:   `When the root "a/nope" does not exist and fn returns the error it is given (ListDirectory returns it)`,
			zh:   `当根 "a/nope" 不存在、fn 把收到的错误原样返回时（ListDirectory 返回这个错误）`,
			tree: l05Tree(), root: "a/nope", decide: always(l05ReturnErr),
		}, {
			en:   `When the root "nope" does not exist and fn returns fs.SkipAll for the error`,
			zh:   `当根 "nope" 不存在、fn 对这个错误返回 fs.SkipAll 时`,
			tree: l05Tree(), root: "nope", decide: always(fs.SkipAll),
		}} {
			if !l05Check(t, api, c) {
				return
			}
		}
	})
}

// A caller that stops early must not leave anything behind: gk.Bubble reports
// any goroutine still blocked once the test is over. The tree is large (over
// 600 entries), so that a producer goroutine with a buffered channel has
// still more to send when the caller stops.
func ListDirectoryLeavesNothingRunningWhenFnStopsEarly(t *testing.T, api API) {
	gk.Bubble(t, func(t *testing.T) {
		big := fstest.MapFS{}
		for i := range 20 {
			for j := range 30 {
				p := fmt.Sprintf("d%02d/f%02d.txt", i, j)
				big[p] = &fstest.MapFile{Data: []byte(p), Mode: 0o644}
			}
		}
		for _, c := range []l05Case{{
			en:   `On a tree of 20 directories of 30 files each, with fn returning fs.SkipAll at the first file, "d00/f00.txt"`,
			zh:   `在一棵有 20 个目录、每个目录 30 个文件的树上，fn 在第一个文件 "d00/f00.txt" 处返回 fs.SkipAll 时`,
			tree: big, root: ".", decide: l05At("d00/f00.txt", fs.SkipAll),
		}, {
			en:   `On a tree of 20 directories of 30 files each, with fn returning the error errStop for "d01/f05.txt"`,
			zh:   `在一棵有 20 个目录、每个目录 30 个文件的树上，fn 对 "d01/f05.txt" 返回错误 errStop 时`,
			tree: big, root: ".", decide: l05At("d01/f05.txt", l05ErrStop),
		}, {
			en:   `With fn returning fs.SkipAll at the first file, "B.txt"`,
			zh:   `fn 在第一个文件 "B.txt" 处返回 fs.SkipAll 时`,
			tree: l05Tree(), root: ".", decide: l05At("B.txt", fs.SkipAll),
		}} {
			if !l05Check(t, api, c) {
				return
			}
		}
	})
}
