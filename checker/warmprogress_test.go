package checker

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"
)

// WarmProgress counts the packages it compiles against those go list says
// are not in the build cache: a fresh submission (a new comment: its hash is
// new) needs at least the learner's package, and the count ends at the total.
func TestWarmProgressCounts(t *testing.T) {
	if testing.Short() {
		t.Skip("builds a test binary with -race")
	}
	lesson, course := selftestLesson(t)
	root := t.TempDir()
	var sum []string
	data, _ := os.ReadFile(filepath.Join(repoRoot(t), "go.sum"))
	for _, line := range strings.Split(string(data), "\n") {
		if strings.HasPrefix(line, "go.uber.org/goleak ") {
			sum = append(sum, line)
		}
	}
	files := map[string]string{
		"go.mod": "module gocourse.local/workspace\n\ngo 1.25\n\nrequire go.uber.org/goleak v1.3.0\n",
		"go.sum": strings.Join(sum, "\n") + "\n",
	}
	src, err := os.ReadFile(filepath.Join(repoRoot(t), "checker/testdata/selftest/fixtures/right/sample.go"))
	if err != nil {
		t.Fatal(err)
	}
	files["ex/sample.go"] = string(src) + fmt.Sprintf("\n// %d\n", time.Now().UnixNano())
	for name, body := range files {
		p := filepath.Join(root, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	var mu sync.Mutex
	var calls [][2]int
	WarmProgress(context.Background(), Request{Lesson: lesson, Course: course, Lang: "en", Dir: filepath.Join(root, "ex")},
		func(built, total int) {
			mu.Lock()
			calls = append(calls, [2]int{built, total})
			mu.Unlock()
		})
	if len(calls) < 2 || calls[0][0] != 0 || calls[0][1] < 1 {
		t.Fatalf("progress calls %v: want (0, total ≥ 1) first, then the packages built", calls)
	}
	for i := 1; i < len(calls); i++ {
		if calls[i][0] != i || calls[i][0] > calls[i][1] {
			t.Fatalf("progress calls %v: not one more package each time", calls)
		}
	}
	if last := calls[len(calls)-1]; last[0] != last[1] || last[1] != calls[0][1] {
		t.Fatalf("progress calls %v: the build should end at the total go list gave", calls)
	}
	t.Logf("progress: %v", calls)
}
