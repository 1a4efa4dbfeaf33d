//go:build !unix

package gocoursekit

// killGroup: on Windows the grading's Job Object kills the tree once
// gocourse's handle to it is gone; this binary only has to exit.
func killGroup() {}
