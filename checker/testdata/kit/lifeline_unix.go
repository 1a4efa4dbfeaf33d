//go:build unix

package gocoursekit

import (
	"errors"
	"strconv"
	"strings"
	"syscall"
	"time"
)

// killGroup kills this binary's process group: gocourse made the go command
// its leader, so that is the go command, this binary and its children.
func killGroup() { _ = syscall.Kill(0, syscall.SIGKILL) }

// connectLifeline connects to addr ("127.0.0.1:port") with the system's
// calls rather than package net: no floor binary links net, and linking it
// into every test binary cost ~25 ms of each check. wait blocks until the
// connection closes.
func connectLifeline(addr string) (wait func(), err error) {
	sa, err := parseIPv4Port(addr)
	if err != nil {
		return nil, err
	}
	fd, err := syscall.Socket(syscall.AF_INET, syscall.SOCK_STREAM, 0)
	if err != nil {
		return nil, err
	}
	syscall.CloseOnExec(fd) // the learner's children must not hold it open
	// Interrupted (rare: Go's signal handlers restart system calls), the
	// connect goes on in the kernel: ask again until it says it is done
	// (EISCONN) or failed.
	for err = syscall.Connect(fd, sa); err == syscall.EINTR || err == syscall.EALREADY; {
		time.Sleep(time.Millisecond)
		err = syscall.Connect(fd, sa)
	}
	if err == syscall.EISCONN {
		err = nil
	}
	if err != nil {
		syscall.Close(fd)
		return nil, err
	}
	return func() {
		var b [1]byte
		for {
			if _, err := syscall.Read(fd, b[:]); err != syscall.EINTR {
				return // EOF or an error: the connection is gone
			}
		}
	}, nil
}

// parseIPv4Port parses "127.0.0.1:port", the address gocourse listens on.
func parseIPv4Port(addr string) (*syscall.SockaddrInet4, error) {
	bad := errors.New("lifeline: not an IPv4 address and port: " + addr)
	host, port, ok := strings.Cut(addr, ":")
	p, err := strconv.Atoi(port)
	if !ok || err != nil || p <= 0 || p > 65535 {
		return nil, bad
	}
	sa := &syscall.SockaddrInet4{Port: p}
	parts := strings.Split(host, ".")
	if len(parts) != 4 {
		return nil, bad
	}
	for i, s := range parts {
		v, err := strconv.Atoi(s)
		if err != nil || v < 0 || v > 255 {
			return nil, bad
		}
		sa.Addr[i] = byte(v)
	}
	return sa, nil
}
