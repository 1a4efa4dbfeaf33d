package scenario

import (
	"fmt"
	"io/fs"
	"math/rand/v2"
	"path"
	"slices"
	"testing"
	"testing/fstest"

	gk "GOCOURSE_KIT"
)

// l05Names are the names generated trees use. They are chosen so that any
// order other than "depth-first, each directory sorted by name byte by byte"
// shows: "B" < "Z" < "_x" < "a" < "a-b" < "a.txt" < "a0" < "ab", and sorting
// whole paths instead puts "a-b" before "a/…".
var l05Names = []string{"a", "b", "B", "Z", "_x", "a-b", "a.txt", "a0", "ab", "m.go"}

// l05Scenario is one generated walk.
type l05Scenario struct {
	tree      fstest.MapFS
	broken    []string
	root      string
	decisions map[string]error // "p": fn's answer for p with err == nil; "p!": with err != nil
}

func (s l05Scenario) decide(c l05Call) error {
	key := c.path
	if c.err != nil {
		key += "!"
	}
	return s.decisions[key]
}

// l05Generate builds a random tree with at most width entries per directory
// and depth levels, which directories fail to read, a root, and what fn
// answers where.
func l05Generate(r *rand.Rand, width, depth int) l05Scenario {
	s := l05Scenario{tree: fstest.MapFS{}, decisions: map[string]error{}}
	dirs := []string{"."}
	var files []string
	var fill func(dir string, level int)
	fill = func(dir string, level int) {
		names := slices.Clone(l05Names)
		r.Shuffle(len(names), func(i, j int) { names[i], names[j] = names[j], names[i] })
		for _, name := range names[:r.IntN(width+1)] {
			p := path.Join(dir, name)
			if level < depth && r.IntN(5) < 2 {
				dirs = append(dirs, p)
				before := len(s.tree)
				fill(p, level+1)
				if len(s.tree) == before { // an empty directory must be listed explicitly
					s.tree[p] = &fstest.MapFile{Mode: fs.ModeDir | 0o755}
				}
				continue
			}
			files = append(files, p)
			s.tree[p] = &fstest.MapFile{Data: []byte(p), Mode: 0o644}
		}
	}
	fill(".", 1)

	for _, d := range dirs {
		if r.IntN(100) < 12 {
			s.broken = append(s.broken, d)
		}
	}
	switch n := r.IntN(100); {
	case n < 70 || len(dirs) == 1 && n < 85:
		s.root = "."
	case n < 85:
		s.root = dirs[1+r.IntN(len(dirs)-1)]
	case n < 90 && len(files) > 0:
		s.root = files[r.IntN(len(files))]
	default:
		s.root = path.Join(dirs[r.IntN(len(dirs))], "nope")
	}

	firstCall := func(p string) {
		switch n := r.IntN(100); {
		case n < 7:
			s.decisions[p] = fs.SkipDir
		case n < 10:
			s.decisions[p] = fs.SkipAll
		case n < 12:
			s.decisions[p] = l05ErrStop
		}
	}
	errorCall := func(p string) {
		switch n := r.IntN(100); {
		case n < 25:
			s.decisions[p+"!"] = fs.SkipDir
		case n < 40:
			s.decisions[p+"!"] = fs.SkipAll
		case n < 70:
			s.decisions[p+"!"] = l05ReturnErr
		}
	}
	for _, p := range append(slices.Clone(dirs), files...) {
		firstCall(p)
	}
	for _, d := range s.broken {
		errorCall(d)
	}
	if path.Base(s.root) == "nope" {
		errorCall(s.root) // fn(root, nil, err)
	}
	return s
}

func ListDirectoryMatchesWalkDirOnGeneratedTrees(t *testing.T, api API) {
	gk.Bubble(t, func(t *testing.T) {
		r := rand.New(rand.NewPCG(2026, 5))
		const small, total = 150, 400 // small trees first, so a failure is shown on one
		for i := range total {
			width, depth := 3, 2
			if i >= small {
				width, depth = 5, 4
			}
			s := l05Generate(r, width, depth)
			c := l05Case{
				en: fmt.Sprintf("On generated tree %d of %d — tree: %s; unreadable directories: %s; root: %q; fn returns: %s (otherwise nil)",
					i+1, total, l05Describe(s.tree), l05Quote(s.broken), s.root, l05DescribeDecisions(s.decisions)),
				zh: fmt.Sprintf("在第 %d 棵（共 %d 棵）生成的树上——树：%s；读取失败的目录：%s；root：%q；fn 的返回值：%s（其余为 nil）",
					i+1, total, l05Describe(s.tree), l05Quote(s.broken), s.root, l05DescribeDecisions(s.decisions)),
				tree: s.tree, broken: s.broken, root: s.root, decide: s.decide,
			}
			if !l05Check(t, api, c) {
				return
			}
		}
	})
}
