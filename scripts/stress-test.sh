#!/usr/bin/env bash
# `npm test` N times in a row while another `npm test` runs beside it the whole time (issue #14:
# the suite must not be flaky on a busy 2-core machine). Two fresh clones of HEAD under WORK
# (default /tmp/unres-stress), each with `npm ci`; clone A runs the suite N times (default 10),
# clone B runs it over and over until A is done. Every run's log is kept; one line per run goes to
# WORK/summary.txt. Exits 1 if any of A's runs failed. The end-to-end suites run when their
# prerequisites are there (see .ci/run); set UNRES_E2E_CACHE to share a code-server install.
#
#   scripts/stress-test.sh [N] [WORK]
set -uo pipefail
runs=${1:-10}
work=${2:-/tmp/unres-stress}
root=$(git -C "$(dirname "$0")/.." rev-parse --show-toplevel)
rm -rf "$work" && mkdir -p "$work"
for x in A B; do
  git clone -q "$root" "$work/$x/p" || exit 2
  # The suites read ../shared beside the project, as CI's checkout has it.
  [ -e "$root/../shared" ] && ln -s "$(cd "$root/../shared" && pwd)" "$work/$x/shared"
  (cd "$work/$x/p" && npm ci --no-audit --no-fund >"$work/$x-npm-ci.log" 2>&1) || { echo "npm ci failed in $x: $work/$x-npm-ci.log"; exit 2; }
done
echo "stress: $(git -C "$root" log --oneline -1), $runs runs in A, B beside it; logs in $work"

# one RUN-LABEL: a run of npm test in clone $1, its log as $work/$1-$2.log, a line in summary.txt
one() {
  local s=$SECONDS rc
  (cd "$work/$1/p" && npm test </dev/null >"$work/$1-$2.log" 2>&1)
  rc=$?
  echo "$1 run $2: rc $rc, $((SECONDS - s)) s, ended $(date -u +%H:%M:%S); $(grep -E '^ +[0-9]+ (passing|pending|failing)' "$work/$1-$2.log" | tr -s ' ' | tr '\n' ' ')" | tee -a "$work/summary.txt"
  return $rc
}

( i=0; while [ ! -e "$work/done" ]; do i=$((i + 1)); one B "$i"; done ) &
beside=$!
failed=0
for i in $(seq 1 "$runs"); do one A "$i" || failed=$((failed + 1)); done
touch "$work/done"
wait "$beside"
echo "stress: $((runs - failed)) of $runs runs green with another npm test beside them (summary: $work/summary.txt)"
[ "$failed" -eq 0 ]
