#!/usr/bin/env bash
# Sets up (first time), builds and runs the whole test suite; ends with ctest's summary.
# Arguments go to ctest, e.g. scripts/test.sh -L unit
set -euo pipefail
. "$(dirname "$0")/env.sh"

hearth_choose_env
hearth_become_root "$0" "$@"
[ "$HEARTH_BUILD_ENV" = host ] || devroot_ensure
hearth_build release
# The Vulkan tests must run, not skip: a missing driver is a failure here.
HEARTH_REQUIRE_VULKAN=1 hearth_in_env ctest --preset release -j "$(nproc)" "$@"
