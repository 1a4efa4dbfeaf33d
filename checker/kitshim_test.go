package checker

import "testing"

func TestUsesNames(t *testing.T) {
	shim := []byte("package kit\n\nimport gn \"X\"\n\ntype gcNet = gn.Net\n\nvar (\n\tgcNetBubble = gn.NetBubble\n)\n\nfunc gcHelper() {}\n")
	for _, tc := range []struct {
		src  string
		want bool
	}{
		{"func TestA(t *testing.T) { gcNetBubble(t, nil) }", true},
		{"func f(n *gcNet) {}", true},
		{"func f() { gcHelper() }", true},
		{"func TestA(t *testing.T) { gcBubble(t, nil) } // gcNetBubble in a comment", false},
		{`var s = "gcNet"`, false},
		{"func f() { gcNetwork() }", false},
	} {
		if got := usesNames([]byte(tc.src), shim); got != tc.want {
			t.Errorf("usesNames(%q) = %v, want %v", tc.src, got, tc.want)
		}
	}
}
