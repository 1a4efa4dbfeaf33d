#!/usr/bin/env bash
# Runs a lesson's hidden tests (plus the grading kit) against any directory of
# Go files, the way the grader does, printing plain `go test -v` output: for
# authors debugging a hidden test or proving it is not flaky (-count=20).
#   scripts/run-hidden.sh 04-search-timeout solutions/04-search-timeout [go test flags]
set -euo pipefail
slug=$1 dir=$(cd "$2" && pwd); shift 2
root=$(cd "$(dirname "$0")/.." && pwd)
pkg=$(grep -m1 -h '^package ' "$dir"/*.go | awk '{print $2}')
read -r modroot modpath < <(cd "$dir" && go list -m -f '{{.Dir}} {{.Path}}')
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
mkdir "$tmp/kit"
for f in "$root/checker/testdata/kit"/*.go; do
  case "$f" in *_test.go) ;; *) cp "$f" "$tmp/kit/" ;; esac
done
sed -e "0,/^package kit$/s//package $pkg/" -e "s#\"GOCOURSE_KIT\"#\"$modpath/zz_gocoursekit\"#" \
  "$root/checker/testdata/kit/kit_test.go" > "$tmp/zz_gocourse_kit_test.go"
# The grader's schedule rewrite (yield points for gcExplore): the same files
# the grader compiles, so explored schedules explore here too.
# GOCOURSE_NO_REWRITE=1 runs the learner's files untouched.
rewritten=""
sites=""
if [ -z "${GOCOURSE_NO_REWRITE:-}" ]; then
  mkdir "$tmp/rw"
  rewritten=$(cd "$root" && go run ./scripts/rewrite "$dir" "$tmp/rw")
  sites=$(printf '%s\n' "$rewritten" | sed -n 's/^SITES=//p')
  rewritten=$(printf '%s\n' "$rewritten" | grep -v '^SITES=' || true)
fi
{
  echo '{"Replace":{'
  printf '%s\n' "$rewritten"
  for f in "$tmp/kit"/*.go; do
    echo "\"$modroot/zz_gocoursekit/$(basename "$f")\": \"$f\","
  done
  echo "\"$dir/zz_gocourse_kit_test.go\": \"$tmp/zz_gocourse_kit_test.go\""
  for f in "$root/checker/testdata/hidden/$slug"/*_test.go; do
    echo ",\"$dir/zz_gocourse_$(basename "$f")\": \"$f\""
  done
  for f in "$dir"/*_test.go; do [ -e "$f" ] && echo ",\"$f\": \"\""; done
  echo '}}'
} > "$tmp/overlay.json"
cd "$dir"
GOCOURSE_SITES="$sites" GORACE=atexit_sleep_ms=0 go test -race -vet=off -count=1 -v -overlay "$tmp/overlay.json" "$@" .
