package lint

import (
	"go/ast"
	"go/parser"
	"testing"
)

func TestBadFormat(t *testing.T) {
	for _, tc := range []struct {
		format string
		n      int
		bad    bool
	}{
		{"Wait returned %v after %v", 2, false},
		{"%[1]s panicked: %[3]v\n%[4]s", 4, false}, // English, skipping the Chinese name
		{"%[2]s panic 了：%[3]v\n%[4]s", 4, false},
		{"%s panicked: %v\n%s", 4, true}, // the bug this check exists for: EXTRA
		{"Event with %s returned %v", 1, true},
		{"%[5]d", 2, true},
		{"100%% done", 0, false},
	} {
		if got := badFormat(tc.format, tc.n) != ""; got != tc.bad {
			t.Errorf("badFormat(%q, %d) = %q, want bad=%v", tc.format, tc.n, badFormat(tc.format, tc.n), tc.bad)
		}
	}
}

func TestReportFormatArg(t *testing.T) {
	for src, want := range map[string]int{
		`gcReport(t, gcKindTest, at, "en", "zh")`:   3,
		`gk.Report(t, gk.KindTest, at, "en", "zh")`: 3,
		`gk.ErrorAt(t, at, "en", "zh")`:             2,
		`gcErrorf(t, "en", "zh")`:                   1,
		`gk.Fatalf(t, "en", "zh")`:                  1,
		`t.Errorf("%v", x)`:                         -1, // testing's own: vet checks it
		`fmt.Errorf("%w", err)`:                     -1,
	} {
		e, err := parser.ParseExpr(src)
		if err != nil {
			t.Fatal(err)
		}
		if got := reportFormatArg(e.(*ast.CallExpr).Fun); got != want {
			t.Errorf("%s: %d, want %d", src, got, want)
		}
	}
}
