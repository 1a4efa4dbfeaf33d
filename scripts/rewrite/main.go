// Command rewrite writes the grader's schedule rewrite of a package (the
// kit's yield points, see checker/rewrite.go) into a directory and prints
// the overlay entries as JSON lines, then the site table's path; used by
// scripts/run-hidden.sh so that gcExplore explores there too.
//
//	go run ./scripts/rewrite PKGDIR OUTDIR
package main

import (
	"encoding/json"
	"fmt"
	"os"

	"github.com/gocourse/gocourse/checker"
)

func main() {
	if len(os.Args) != 3 {
		fmt.Fprintln(os.Stderr, "usage: rewrite PKGDIR OUTDIR")
		os.Exit(2)
	}
	replace, sites, notes, err := checker.RewriteForSchedules(os.Args[1], os.Args[2])
	if err != nil {
		fmt.Fprintln(os.Stderr, "rewrite:", err)
		os.Exit(1)
	}
	for _, n := range notes {
		fmt.Fprintln(os.Stderr, "note:", n)
	}
	for k, v := range replace {
		b, _ := json.Marshal(k)
		c, _ := json.Marshal(v)
		fmt.Printf("%s: %s,\n", b, c)
	}
	fmt.Fprintln(os.Stderr, "sites:", sites)
	fmt.Println("SITES=" + sites)
}
