// Package gocourse holds the course itself — lesson manifests, content in both
// languages, starters, reference solutions, hidden tests and the grading kit —
// embedded in the binary, so an installed gocourse needs nothing else.
package gocourse

import "embed"

// Files is the whole course as it was when the binary was built. Paths are
// the repository's: lessons/04-search-timeout.toml, content/zh/04-search-timeout.md,
// exercises/04-search-timeout/search.go, checker/testdata/hidden/..., go.mod.
//
//go:embed lessons/*.toml content exercises solutions checker/testdata/hidden checker/testdata/kit go.mod go.sum
var Files embed.FS
