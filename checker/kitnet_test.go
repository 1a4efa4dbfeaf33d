package checker

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"github.com/gocourse/gocourse/lessons"
)

// TestKitNet grades the kit's own tests of its virtual network
// (testdata/selftest/kitnet/hidden) against a one-function exercise: the
// right Serve passes every one of them in virtual time; a Serve that leaves
// its server in a goroutine is reported as a leak at its line.
func TestKitNet(t *testing.T) {
	course := os.DirFS(repoRoot(t))
	tests, files, err := lessons.HiddenTests(course, "checker/testdata/selftest/kitnet/hidden", "sample")
	if err != nil {
		t.Fatal(err)
	}
	lesson := &lessons.Lesson{Number: 0, Slug: "00-kitnet", Package: "sample", File: "sample.go",
		HiddenTests: tests, HiddenFiles: files, TimeLimit: 20 * time.Second}
	fixtures := filepath.Join(repoRoot(t), "checker/testdata/selftest/kitnet/fixtures")
	Warm(context.Background(), Request{Lesson: lesson, Course: course, Lang: "en", Dir: filepath.Join(fixtures, "right")})
	grade := func(name string) Verdict {
		return Grade(context.Background(), Request{Lesson: lesson, Course: course,
			Dir: filepath.Join(fixtures, name), Display: "exercises/00-kitnet", Lang: "en"})
	}
	if v := grade("right"); v.Status != StatusPass {
		t.Fatalf("right: status %q, want pass; failures:\n%s", v.Status, describe(v))
	}
	v := grade("leaky")
	if !slices.ContainsFunc(v.Failures, func(f Failure) bool {
		return f.Kind == KindLeak && f.Test == "TestKitNetLeakedServer" && f.File == "exercises/00-kitnet/sample.go" && f.Line == 10
	}) {
		t.Errorf("leaky: want a leak at sample.go:10 from TestKitNetLeakedServer; failures:\n%s", describe(v))
	}
}
