//go:build amd64 || arm64

// Package gocoursegoid gives the kit the current goroutine's runtime struct
// (see the kit's goid.go). The grader places it at the module's root: the go
// command runs the assembler in the package's directory, so this package
// cannot live in an overlay-only directory as the kit does (go.dev/issue/39958).
package gocoursegoid

import "unsafe"

// Getg is in getg_amd64.s and getg_arm64.s.
func Getg() unsafe.Pointer
