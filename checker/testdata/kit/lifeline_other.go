//go:build !unix

package gocoursekit

import (
	"net"
	"time"
)

// killGroup: on Windows the grading's Job Object kills the tree once
// gocourse's handle to it is gone; this binary only has to exit.
func killGroup() {}

// connectLifeline connects to addr; wait blocks until the connection closes.
func connectLifeline(addr string) (wait func(), err error) {
	c, err := net.DialTimeout("tcp", addr, 5*time.Second)
	if err != nil {
		return nil, err
	}
	return func() {
		var b [1]byte
		_, _ = c.Read(b[:])
	}, nil
}
