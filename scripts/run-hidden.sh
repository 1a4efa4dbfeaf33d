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
mkdir -p "$tmp/kit/net" "$tmp/goid" "$tmp/scenario" "$tmp/hidden"
# The goid package (assembly) goes to the module's root, which must then hold
# no Go files of its own; otherwise its pure-Go stand-in (as the grader does).
if compgen -G "$modroot/*.go" >/dev/null; then
  goidpath=$modpath/zz_gocoursekit/goid goiddir=$modroot/zz_gocoursekit/goid
  cp "$root/checker/testdata/kit/goid/getg_none.go.txt" "$tmp/goid/zz_gocourse_getg_none.go"
else
  goidpath=$modpath goiddir=$modroot
  for f in "$root/checker/testdata/kit/goid"/*; do
    case "$f" in *.txt) ;; *) cp "$f" "$tmp/goid/zz_gocourse_$(basename "$f")" ;; esac
  done
fi
imports=(-e "s#\"GOCOURSE_KIT\"#\"$modpath/zz_gocoursekit\"#" -e "s#\"GOCOURSE_KIT_NET\"#\"$modpath/zz_gocoursekit/net\"#"
  -e "s#\"GOCOURSE_KIT_GOID\"#\"$goidpath\"#" -e "s#\"GOCOURSE_SCENARIO\"#\"$modpath/zz_gocoursekit/scenario/$slug\"#")
# The lesson's scenario package, if it has one, and its hidden test files.
for f in "$root/checker/testdata/hidden/$slug/scenario"/*.go; do
  [ -e "$f" ] && sed "${imports[@]}" "$f" > "$tmp/scenario/$(basename "$f")"
done
for f in "$root/checker/testdata/hidden/$slug"/*_test.go; do
  sed "${imports[@]}" "$f" > "$tmp/hidden/zz_gocourse_$(basename "$f")"
done
for f in "$root/checker/testdata/kit"/*.go "$root/checker/testdata/kit/net"/*.go; do
  case "$f" in *_test.go) ;; *) sed "${imports[@]}" "$f" > "$tmp/kit/${f#"$root/checker/testdata/kit/"}" ;; esac
done
sed -e "0,/^package kit$/s//package $pkg/" "${imports[@]}" \
  "$root/checker/testdata/kit/kit_test.go" > "$tmp/zz_gocourse__kit_test.go"
# The network's shim, for lessons that use it (the grader decides by name).
sed -e "0,/^package kit$/s//package $pkg/" "${imports[@]}" \
  "$root/checker/testdata/kit/net/net_test.go" > "$tmp/zz_gocourse__kitnet_test.go"
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
  for f in "$tmp/kit"/*.go "$tmp/kit/net"/*.go; do
    echo "\"$modroot/zz_gocoursekit/${f#"$tmp/kit/"}\": \"$f\","
  done
  for f in "$tmp/goid"/*; do
    echo "\"$goiddir/$(basename "$f")\": \"$f\","
  done
  for f in "$tmp/scenario"/*.go; do
    [ -e "$f" ] && echo "\"$modroot/zz_gocoursekit/scenario/$slug/$(basename "$f")\": \"$f\","
  done
  netnames=$(grep -oE '^\s*gc[A-Za-z]+' "$root/checker/testdata/kit/net/net_test.go" | tr -d '\t ' | paste -sd'|')
  if grep -qwE "$netnames" "$root/checker/testdata/hidden/$slug"/*_test.go; then
    echo "\"$dir/zz_gocourse__kitnet_test.go\": \"$tmp/zz_gocourse__kitnet_test.go\","
  fi
  echo "\"$dir/zz_gocourse__kit_test.go\": \"$tmp/zz_gocourse__kit_test.go\""
  for f in "$tmp/hidden"/*_test.go; do
    echo ",\"$dir/$(basename "$f")\": \"$f\""
  done
  for f in "$dir"/*_test.go; do [ -e "$f" ] && echo ",\"$f\": \"\""; done
  echo '}}'
} > "$tmp/overlay.json"
cd "$dir"
GOCOURSE_SITES="$sites" GORACE=atexit_sleep_ms=0 go test -race -vet=off -count=1 -v -overlay "$tmp/overlay.json" "$@" .
