#!/usr/bin/env bash
# Every verdict of one lesson, in both languages, as `gocourse check --json`
# prints it without its duration: the solution, the starter and every
# fixture. For refactoring hidden tests: save the output before and after,
# and diff them — the same file must get the same verdict.
#   scripts/verdicts.sh 4 > before.txt
set -euo pipefail
n=$1
root=$(cd "$(dirname "$0")/.." && pwd)
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
go build -o "$tmp/gocourse" "$root/cmd/gocourse"
"$tmp/gocourse" init "$tmp/ws" >/dev/null
slug=$(cd "$tmp/ws/exercises" && ls -d "$(printf '%02d' "$n")"-*)
subs=("$root/solutions/$slug" "$root/exercises/$slug")
for d in "$root/checker/testdata/fixtures/$slug"/*/; do subs+=("${d%/}"); done
for d in "${subs[@]}"; do
  rm -f "$tmp/ws/exercises/$slug"/*.go
  cp "$d"/*.go "$tmp/ws/exercises/$slug/"
  for lang in en zh; do
    rm -f "$tmp/ws/.gocourse/schedules.json"   # no seeds remembered from the last submission
    echo "== ${d#"$root/"} ($lang)"
    "$tmp/gocourse" check "$n" --dir "$tmp/ws" --lang "$lang" --json | grep -v '"duration_ms"' || true
  done
done
