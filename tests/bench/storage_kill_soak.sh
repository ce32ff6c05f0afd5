#!/usr/bin/env bash
# The SIGKILL test at soak length: 1000 kills (CTest runs 60) of a child streaming into a
# conversation database, each followed by the checks of tests/storage/tst_kill.cpp
# (integrity, every committed message intact, at most one checkpoint interval lost).
# Prints the test's summary line: trials, kills mid-answer, most text lost.
#
#   tests/bench/storage_kill_soak.sh [BUILD_DIR] [TRIALS] [SEED]
#
# BUILD_DIR defaults to build/release; run it where the build lives (in the build root
# on hosts that use one: hearth_in_env tests/bench/storage_kill_soak.sh build/...).
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
build=${1:-$root/build/release}
test=$build/tests/storage/tst_kill
[ -x "$test" ] || { echo "no $test: build the tst_kill target first" >&2; exit 1; }
export HEARTH_KILL_TRIALS=${2:-1000}
[ -n "${3:-}" ] && export HEARTH_KILL_SEED=$3
# Qt Test stops a test function after 5 minutes unless told otherwise.
export QTEST_FUNCTION_TIMEOUT=$((HEARTH_KILL_TRIALS * 2000))
echo "storage kill soak: $HEARTH_KILL_TRIALS trials (about $((HEARTH_KILL_TRIALS * 4 / 10)) s)" >&2
"$test" -maxwarnings 0 | grep -E '^(kill-test|FAIL|PASS|Totals)|Loc:'
