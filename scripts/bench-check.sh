#!/usr/bin/env bash
# Save-to-verdict speed of `gocourse check` against the floor: `go test -race`
# of the same package with one empty test. Each round edits the exercise's code
# (as a save does: a new function, not a comment, which would compile to the
# same object and let both sides reuse the cached link). Prints medians and the ratio.
#   scripts/bench-check.sh [lesson=4] [rounds=15]
set -euo pipefail
lesson=${1:-4} rounds=${2:-15}
root=$(cd "$(dirname "$0")/.." && pwd)
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
go build -o "$tmp/gocourse" "$root/cmd/gocourse"
"$tmp/gocourse" init "$tmp/ws" >/dev/null
slug=$(cd "$tmp/ws/exercises" && ls -d "$(printf '%02d' "$lesson")"-*)
dir="$tmp/ws/exercises/$slug"
file=$(ls "$dir"/*.go | head -1)
pkg=$(awk '/^package /{print $2; exit}' "$file")
printf 'package %s\nimport "testing"\nfunc TestEmpty(t *testing.T) {}\n' "$pkg" > "$tmp/empty_test.go"
printf '{"Replace":{"%s/zz_empty_test.go":"%s/empty_test.go"}}' "$dir" "$tmp" > "$tmp/overlay.json"

ms() { local s; s=$(date +%s%N); "$@" >/dev/null 2>&1 || true; echo $(( ($(date +%s%N) - s) / 1000000 )); }
floor() { (cd "$dir" && GORACE=atexit_sleep_ms=0 go test -race -count=1 -overlay="$tmp/overlay.json" -run TestEmpty .); }
check() { "$tmp/gocourse" check "$lesson" --dir "$tmp/ws"; }
floor >/dev/null 2>&1; check >/dev/null 2>&1 || true   # warm both
for i in $(seq "$rounds"); do   # interleaved, so load hits both alike
  echo "func gocourseSaveF$i() int { return $i }" >> "$file"; ms floor >> "$tmp/floor"
  echo "func gocourseSaveC$i() int { return $i }" >> "$file"; ms check >> "$tmp/check"
done
median() { sort -n "$1" | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
f=$(median "$tmp/floor") c=$(median "$tmp/check")
echo "lesson $slug, $rounds rounds: gocourse check median ${c} ms, floor median ${f} ms, ratio $(awk -v c="$c" -v f="$f" 'BEGIN{printf "%.2f", c/f}')"
