// The real-time leak check's shim. The grader overlays this file into the
// learner's package, beside the core shim (../kit_test.go), only when the
// lesson's hidden tests use a name it declares; its package clause is
// rewritten to the exercise's and GOCOURSE_KIT_LEAK to the import path of
// the package (leakcheck.go, overlaid as <module>/zz_gocoursekit/leakcheck).
package kit

import gcleak "GOCOURSE_KIT_LEAK"

// gcNoLeaks: goleak after a real-time test, reported as a leak at the
// learner's line.
var gcNoLeaks = gcleak.NoLeaks
