package scenario

import (
	"testing"

	gk "GOCOURSE_KIT"
)

// The point of the exercise is to write the walk: calling one of the standard
// library's walkers would pass every other test without learning anything.
func ListDirectoryIsWrittenWithoutWalkDir(t *testing.T, api API) {
	sites := gk.Calls(t, "io/fs", "WalkDir")
	sites = append(sites, gk.Calls(t, "path/filepath", "Walk", "WalkDir")...)
	for _, s := range sites {
		gk.Report(t, gk.KindLint, s.Pos,
			"This exercise asks you to write the walk yourself, with fs.ReadDir: calling fs.WalkDir, filepath.Walk or filepath.WalkDir hands the whole job to the standard library.",
			"这个练习要求你用 fs.ReadDir 亲手写出遍历：调用 fs.WalkDir、filepath.Walk 或 filepath.WalkDir，等于把整件事交给了标准库。")
	}
}
