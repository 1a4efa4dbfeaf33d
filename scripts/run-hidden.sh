#!/usr/bin/env bash
# Runs a lesson's hidden tests against any directory of Go files exactly as
# the grader does (the same overlay, kit, scenarios and schedule rewrite),
# printing plain `go test -v` output: for authors debugging a hidden test or
# proving it is not flaky (-count=20).
#   scripts/run-hidden.sh 04-search-timeout solutions/04-search-timeout [go test flags]
# GOCOURSE_NO_SCHEDULES=1: the files as they are; GOCOURSE_LANG=zh: Chinese.
set -euo pipefail
lesson=$1 dir=$(cd "$2" && pwd); shift 2
cd "$(dirname "$0")/.."
exec go run ./scripts/runhidden "$lesson" "$dir" "$@"
