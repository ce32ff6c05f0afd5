#!/usr/bin/env bash
# Sets up (first time), builds and runs the whole test suite; ends with ctest's summary.
# Arguments go to ctest, e.g. scripts/test.sh -L unit
#   HEARTH_PRESET=asan scripts/test.sh -L unit   the same with another preset (default release)
set -euo pipefail
. "$(dirname "$0")/env.sh"

preset=${HEARTH_PRESET:-release}
hearth_choose_env
hearth_become_root "$0" "$@"
[ "$HEARTH_BUILD_ENV" = host ] || devroot_ensure
hearth_build "$preset"
# The Vulkan tests must run, not skip: a missing driver is a failure here.
HEARTH_REQUIRE_VULKAN=1 hearth_in_env ctest --preset "$preset" -j "$(nproc)" "$@"
