package checker

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// The facts the kit answers FuncPos, Calls, EmptySelects and GoStmts from
// (kit/source.go): renamed and dot imports followed, function values
// counted, methods of generic types named as the tests ask for them.
func TestSourceFacts(t *testing.T) {
	dir := t.TempDir()
	src := `package p

import (
	"log"
	. "os"
	lg "log"
)

type Box[T any] struct{ v T }

func (b *Box[T]) Put(v T) { b.v = v }

var fatal = log.Fatal

func main() {
	log.Fatalf("x")
}

func run() {
	go func() { select {} }()
	lg.Println("a"); Exit(2)
}
`
	for name, data := range map[string]string{"a.go": src, "a_test.go": "package p\nfunc TestX() { select {} }\n"} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(data), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	out := filepath.Join(t.TempDir(), "facts")
	if err := writeSourceFacts(dir, out); err != nil {
		t.Fatal(err)
	}
	data, _ := os.ReadFile(out)
	want := strings.Join([]string{
		"func\tBox.Put\ta.go\t11",
		"func\tmain\ta.go\t15",
		"func\trun\ta.go\t19",
		"go\ta.go\t20\trun",
		"select0\ta.go\t20\trun",
		"call\tlog\tFatalf\ta.go\t16\tmain",
		"call\tlog\tPrintln\ta.go\t21\trun",
		"call\tos\tExit\ta.go\t21\trun",
		"ref\tlog\tFatal\ta.go\t13\t",
		"ref\tlog\tFatalf\ta.go\t16\tmain",
		"ref\tlog\tPrintln\ta.go\t21\trun",
	}, "\n") + "\n"
	if string(data) != want {
		t.Errorf("facts:\n%s\nwant:\n%s", data, want)
	}

	// A file that does not parse becomes one error fact, not a failed grading.
	if err := os.WriteFile(filepath.Join(dir, "b.go"), []byte("package p\nfunc {"), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := writeSourceFacts(dir, out); err != nil {
		t.Fatal(err)
	}
	if data, _ := os.ReadFile(out); !strings.Contains(string(data), "error\tb.go:2:6: expected 'IDENT', found '{'") {
		t.Errorf("facts of a file that does not parse:\n%s", data)
	}
}
