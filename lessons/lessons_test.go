package lessons

import (
	"strings"
	"testing"
	"testing/fstest"
)

const goodManifest = `number = 1
slug = "01-demo"
package = "demo"
file = "demo.go"
leak = "synctest"
time_limit = "20s"
starter_fails_with = "leak"
[title]
en = "Demo"
zh = "演示"
[summary]
en = "A demo."
zh = "一个演示。"
[[hints]]
en = "Look."
zh = "看。"
[[hints]]
en = "Look harder."
zh = "再仔细看。"
`

func demoCourse() fstest.MapFS {
	return fstest.MapFS{
		"lessons/01-demo.toml":                      {Data: []byte(goodManifest)},
		"content/en/01-demo.md":                     {Data: []byte("# Demo\n")},
		"content/zh/01-demo.md":                     {Data: []byte("# 演示\n")},
		"exercises/01-demo/demo.go":                 {Data: []byte("package demo\n")},
		"solutions/01-demo/demo.go":                 {Data: []byte("package demo\n")},
		"checker/testdata/hidden/01-demo/a_test.go": {Data: []byte("package demo\nimport \"testing\"\nfunc TestB(t *testing.T) {}\nfunc TestA(t *testing.T) {}\nfunc Testlower(t *testing.T) {}\n")},
	}
}

func TestLoadGoodLesson(t *testing.T) {
	cat, err := Load(demoCourse())
	if err != nil {
		t.Fatal(err)
	}
	l, err := cat.Find("1")
	if err != nil {
		t.Fatal(err)
	}
	if l.Title.In("zh") != "演示" || l.Title.In("en") != "Demo" || l.TimeLimit.String() != "20s" {
		t.Errorf("got %+v", l)
	}
	if strings.Join(l.HiddenTests, ",") != "TestA,TestB" {
		t.Errorf("hidden tests %v, want TestA,TestB (Testlower is not a test)", l.HiddenTests)
	}
	for _, arg := range []string{"01", "01-demo", "1"} {
		if _, err := cat.Find(arg); err != nil {
			t.Errorf("Find(%q): %v", arg, err)
		}
	}
	if _, err := cat.Find("7"); err == nil || !strings.Contains(err.Error(), "01-demo") {
		t.Errorf("Find(7) should fail listing the lessons, got %v", err)
	}
	if h, lvl := l.Hint(9, "zh"); lvl != 2 || h != "再仔细看。" {
		t.Errorf("Hint(9) = %q, %d", h, lvl)
	}
}

// Each broken course must be rejected with a message naming the problem.
func TestLoadBrokenLessons(t *testing.T) {
	cases := []struct {
		name   string
		break_ func(fstest.MapFS)
		want   string
	}{
		{"missing translation", func(m fstest.MapFS) { delete(m, "content/zh/01-demo.md") }, "content/zh/01-demo.md is missing"},
		{"one hint", func(m fstest.MapFS) {
			replaceManifest(m, "[[hints]]\nen = \"Look harder.\"\nzh = \"再仔细看。\"\n", "")
		}, "at least two [[hints]]"},
		{"hint in one language", func(m fstest.MapFS) { replaceManifest(m, "zh = \"再仔细看。\"", "zh = \"\"") }, "hint 2 needs both en and zh"},
		{"unknown key", func(m fstest.MapFS) { replaceManifest(m, "leak =", "leek = \"x\"\nleak =") }, `unknown key "leek"`},
		{"wrong package", func(m fstest.MapFS) {
			m["solutions/01-demo/demo.go"] = &fstest.MapFile{Data: []byte("package other\n")}
		}, "solutions/01-demo is package other"},
		{"slug mismatch", func(m fstest.MapFS) { replaceManifest(m, `slug = "01-demo"`, `slug = "01-demos"`) }, "must match the file name"},
		{"bad limit", func(m fstest.MapFS) { replaceManifest(m, `"20s"`, `"soon"`) }, "time_limit"},
		{"bad kind", func(m fstest.MapFS) { replaceManifest(m, `starter_fails_with = "leak"`, `starter_fails_with = "oops"`) }, "starter_fails_with"},
		{"no hidden tests", func(m fstest.MapFS) { delete(m, "checker/testdata/hidden/01-demo/a_test.go") }, "no hidden tests"},
		{"hidden not _test", func(m fstest.MapFS) {
			m["checker/testdata/hidden/01-demo/b.go"] = &fstest.MapFile{Data: []byte("package demo\n")}
		}, "must end in _test.go"},
		{"hidden TestMain", func(m fstest.MapFS) {
			m["checker/testdata/hidden/01-demo/m_test.go"] = &fstest.MapFile{Data: []byte("package demo\nimport \"testing\"\nfunc TestMain(m *testing.M) {}\n")}
		}, "TestMain belongs to the grading kit"},
		{"gap in numbers", func(m fstest.MapFS) {
			replaceManifest(m, "number = 1", "number = 2")
			replaceManifest(m, `slug = "01-demo"`, `slug = "02-demo"`)
			m["lessons/02-demo.toml"] = m["lessons/01-demo.toml"]
			delete(m, "lessons/01-demo.toml")
		}, "must run 1, 2, 3"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			m := demoCourse()
			tc.break_(m)
			_, err := Load(m)
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("error %v, want one containing %q", err, tc.want)
			}
		})
	}
}

func replaceManifest(m fstest.MapFS, old, new string) {
	f := m["lessons/01-demo.toml"]
	m["lessons/01-demo.toml"] = &fstest.MapFile{Data: []byte(strings.Replace(string(f.Data), old, new, 1))}
}
