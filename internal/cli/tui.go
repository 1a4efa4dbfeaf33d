package cli

import "fmt"

// cmdTUI opens the interactive course.
func cmdTUI(e *env, args []string) int {
	fset, lang := e.flags("")
	if _, err := e.parse(fset, lang, args); err != nil {
		return exitError
	}
	fmt.Fprint(e.stdout, txtUsage.in(e.lang))
	return exitPass
}
