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
# npm (the OpenAI client's test) trusts what the host trusts, e.g. a proxy's certificate,
# which the build root's own certificate list lacks.
if [ "$HEARTH_BUILD_ENV" != host ] && [ -z "${HEARTH_NPM_CAFILE:-}" ] &&
  [ -f /etc/ssl/certs/ca-certificates.crt ]; then
  cp /etc/ssl/certs/ca-certificates.crt "$HEARTH_SOURCE_DIR/build/host-ca.crt"
  export HEARTH_NPM_CAFILE=$HEARTH_SOURCE_DIR/build/host-ca.crt
fi
# The Vulkan tests must run, not skip: a missing driver is a failure here.
HEARTH_REQUIRE_VULKAN=1 hearth_in_env ctest --preset "$preset" -j "$(nproc)" "$@"
