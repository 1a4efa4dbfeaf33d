#!/usr/bin/env bash
# Every verdict's time against the floor (`go test -race` of the same package
# with one empty test), for every lesson's solution, starter and fixtures:
# the table goes to bench-verdicts.txt. Rounds per submission (default 3);
# a lesson filter as a -run pattern (default: all), e.g. '0[46]'.
#   scripts/bench-verdicts.sh [rounds=3] [lessons=.] [submissions=regexp, e.g. ^solution$]
set -euo pipefail
cd "$(dirname "$0")/.."
GOCOURSE_SPEED=${1:-3} GOCOURSE_SPEED_ONLY=${3:-} go test -count=1 -timeout 120m -run "TestVerdictSpeed/${2:-.}" ./checker -v \
  | grep -v '^=== ' | tee bench-verdicts.txt
