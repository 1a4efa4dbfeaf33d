// The virtual network's shim. The grader overlays this file into the
// learner's package, beside the core shim (../kit_test.go), only when the
// lesson's hidden tests use one of the names it declares; its package clause
// is rewritten to the exercise's and GOCOURSE_KIT_NET to the import path of
// the network package (net.go, overlaid as <module>/zz_gocoursekit/net).
package kit

import gcnet "GOCOURSE_KIT_NET"

// In-memory listeners, connections and an HTTP client whose every wait is
// durably blocking inside a bubble, listeners the test breaks on demand, and
// slow handlers (net.go).
type (
	gcNet      = gcnet.Net
	gcListener = gcnet.Listener
	gcResponse = gcnet.Response
	gcPending  = gcnet.Pending
	gcSlow     = gcnet.Slow
)

var (
	gcNewNet     = gcnet.NewNet
	gcNetBubble  = gcnet.NetBubble
	gcNetExplore = gcnet.NetExplore
	gcBreakAll   = gcnet.BreakAll
	gcText       = gcnet.Text
)
