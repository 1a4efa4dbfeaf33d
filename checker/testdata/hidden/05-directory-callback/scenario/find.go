package scenario

import (
	"errors"
	"io/fs"
	"slices"
	"testing"
	"testing/fstest"
	"testing/synctest"

	gk "GOCOURSE_KIT"
)

// l05FindTree:
//
//	.
//	├── a.txt
//	├── b/
//	│   ├── a/
//	│   │   └── needle
//	│   └── needle/
//	│       └── x
//	├── needle
//	├── x/
//	│   └── sub/
//	│       └── f.txt
//	└── y/
//	    └── sub        (a file)
func l05FindTree() fstest.MapFS {
	m := fstest.MapFS{}
	for _, p := range []string{"a.txt", "b/a/needle", "b/needle/x", "needle", "x/sub/f.txt", "y/sub"} {
		m[p] = &fstest.MapFile{Data: []byte(p + "\n"), Mode: 0o644}
	}
	return m
}

func FindReturnsTheFirstMatchInWalkOrder(t *testing.T, api API) {
	gk.Bubble(t, func(t *testing.T) {
		at := gk.FuncPos(t, "Find")
		for _, c := range []struct {
			root, name, want string
			en, zh           string
		}{
			{".", "needle", "b/a/needle",
				`the walk is depth-first: "b/a/needle" comes before "b/needle" and "needle"`,
				`遍历是深度优先的："b/a/needle" 排在 "b/needle" 和 "needle" 之前`},
			{".", "sub", "x/sub",
				`a directory is an entry too: the directory "x/sub" comes before the file "y/sub"`,
				`目录也是条目：目录 "x/sub" 排在文件 "y/sub" 之前`},
			{"b/needle", "x", "b/needle/x",
				`paths start with the root as given`,
				`路径以传入的 root 开头`},
			{".", "a.txt", "a.txt",
				`a file right under the root`,
				`就在根目录下的文件`},
		} {
			got, err := api.Find(l05FindTree(), c.root, c.name)
			if err != nil {
				gk.ErrorAt(t, at,
					"Find(fsys, %q, %q) returned the error %q; expected (%q, nil).",
					"Find(fsys, %q, %q) 返回了错误 %q；应当返回 (%q, nil)。",
					c.root, c.name, err.Error(), c.want)
				return
			}
			if got != c.want {
				gk.ErrorAt(t, at,
					"Find(fsys, %q, %q) returned %q; expected %q: "+l05Esc(c.en)+".",
					"Find(fsys, %q, %q) 返回了 %q；应当返回 %q："+l05Esc(c.zh)+"。",
					c.root, c.name, got, c.want)
				return
			}
			if synctest.Wait(); l05Leaked() {
				return // one leaky call is enough: gk.Bubble reports it
			}
		}
	})
}

func FindReturnsAnErrorWrappingErrNotExist(t *testing.T, api API) {
	gk.Bubble(t, func(t *testing.T) {
		at := gk.FuncPos(t, "Find")
		for _, c := range []struct{ root, name, en, zh string }{
			{".", "missing", `no entry has that name`, `没有叫这个名字的条目`},
			{"nope", "needle", `the root does not exist`, `root 不存在`},
		} {
			got, err := api.Find(l05FindTree(), c.root, c.name)
			if !errors.Is(err, fs.ErrNotExist) {
				gk.ErrorAt(t, at,
					"Find(fsys, %q, %q) returned (%q, %s) when "+l05Esc(c.en)+"; expected an error for which errors.Is(err, fs.ErrNotExist) holds (wrap it with fmt.Errorf and %%w).",
					"在"+l05Esc(c.zh)+"时，Find(fsys, %q, %q) 返回了 (%q, %s)；应当返回一个满足 errors.Is(err, fs.ErrNotExist) 的错误（用 fmt.Errorf 和 %%w 包装）。",
					c.root, c.name, got, l05ErrText(err))
				return
			}
			if synctest.Wait(); l05Leaked() {
				return // one leaky call is enough: gk.Bubble reports it
			}
		}
	})
}

func FindStopsReadingAsSoonAsItFindsTheName(t *testing.T, api API) {
	gk.Bubble(t, func(t *testing.T) {
		at := gk.FuncPos(t, "Find")
		// In walk order: . a a/needle.txt | a/x.txt a/zz a/zz/deep.txt b b/c …
		m := fstest.MapFS{}
		for _, p := range []string{"a/needle.txt", "a/x.txt", "a/zz/deep.txt", "b/needle.txt", "b/c/d.txt", "c/e/f.txt", "c/needle.txt"} {
			m[p] = &fstest.MapFile{Data: []byte(p + "\n"), Mode: 0o644}
		}
		for _, c := range []struct {
			root, name, want string
			allowed          []string // directories a right Find may read
		}{
			{".", "needle.txt", "a/needle.txt", []string{".", "a"}},
			{".", "zz", "a/zz", []string{".", "a", "a/zz"}}, // reading the found directory itself is tolerated
			{"a", "needle.txt", "a/needle.txt", []string{"a"}},
		} {
			fsys := l05NewFS(m)
			got, err := api.Find(fsys, c.root, c.name)
			synctest.Wait() // let anything Find left running do what it will
			if err != nil || got != c.want {
				gk.ErrorAt(t, at,
					"Find(fsys, %q, %q) returned (%q, %s); expected (%q, nil).",
					"Find(fsys, %q, %q) 返回了 (%q, %s)；应当返回 (%q, nil)。",
					c.root, c.name, got, l05ErrText(err), c.want)
				return
			}
			for _, dir := range fsys.Listed() {
				if !slices.Contains(c.allowed, dir) && l05Under(dir, c.root) {
					gk.ErrorAt(t, at,
						"Find(fsys, %q, %q) found %q but also read directory %q, which comes after it in walk order (it read: %s). Find must stop the walk as soon as it has the answer: return fs.SkipAll from its fn.",
						"Find(fsys, %q, %q) 找到了 %q，却还读取了遍历顺序在它之后的目录 %q（它读取了：%s）。Find 一拿到答案就应当终止遍历：在它的 fn 里返回 fs.SkipAll。",
						c.root, c.name, got, dir, l05Quote(fsys.Listed()))
					return
				}
			}
			if l05Leaked() {
				return // one leaky call is enough: gk.Bubble reports it
			}
		}
	})
}
