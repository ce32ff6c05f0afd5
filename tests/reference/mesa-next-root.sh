#!/usr/bin/env bash
# A Debian unstable (sid) root with a newer Mesa than the trixie build root, so that the
# Vulkan tests can run on a lavapipe that offers what trixie's (Mesa 25.0) does not, above
# all VK_KHR_cooperative_matrix (trixie's 25.0 lacks it; sid's 26.2 has it). Nothing is built
# here: the test binaries come from the build root's build folder (same path, bind-mounted)
# and run against sid's Qt, Highway, Vulkan loader, lavapipe and validation layer, which are
# newer than trixie's and keep their sonames.
#
#   mesa-next-root.sh [ensure]     create or finish the root; a no-op (well under a second) when done
#   mesa-next-root.sh exec CMD...  run CMD inside the root; the repository and the paths in
#                                  DEVROOT_BINDS are bind-mounted at the same place, e.g.
#     tests/reference/mesa-next-root.sh exec ctest --test-dir "$PWD/build/release" -R tst_vk_coopmat
#   mesa-next-root.sh path         print where the root lives
#
#   HEARTH_MESA_NEXT_ROOT=DIR      where the root lives (default /var/lib/hearth-sidroot)
#
# Cost: about 150 MB and a few minutes once (debootstrap + the packages below); afterwards
# `ensure` is a file check.

MESA_NEXT_SOURCE_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
# shellcheck source=scripts/devroot.sh
. "$MESA_NEXT_SOURCE_DIR/scripts/devroot.sh"

MESA_NEXT_ROOT=${HEARTH_MESA_NEXT_ROOT:-/var/lib/hearth-sidroot}

# mesa-vulkan-drivers: lavapipe; vulkan-tools: vulkaninfo (to see what it offers);
# vulkan-validationlayers: the _validated runs; libqt6test6 (pulls Qt Core), libhwy1t64 and
# libvulkan1: what the engine's test binaries and hearth-cli link; cmake: ctest, to run the
# build folder's test entries (their commands are absolute paths) with their environment.
MESA_NEXT_PACKAGES=(mesa-vulkan-drivers vulkan-tools vulkan-validationlayers libvulkan1
  libqt6test6 libhwy1t64 cmake)

mesa_next_log() { printf '[mesa-next-root] %s\n' "$*" >&2; }

mesa_next_packages_hash() {
  printf '%s\n' "${MESA_NEXT_PACKAGES[@]}" | sha256sum | cut -c1-16
}

mesa_next_ready() {
  [ -f "$MESA_NEXT_ROOT/.hearth-base-done" ] &&
    [ "$(cat "$MESA_NEXT_ROOT/.hearth-packages" 2>/dev/null)" = "$(mesa_next_packages_hash)" ]
}

mesa_next_exec() {
  devroot_require_root || return 1
  HEARTH_DEVROOT=$MESA_NEXT_ROOT DEVROOT_BINDS="$MESA_NEXT_SOURCE_DIR ${DEVROOT_BINDS:-}" \
    devroot_exec_as_root "$@"
}

mesa_next_apt_update() {
  local log=$MESA_NEXT_ROOT.apt-update.log conf=$MESA_NEXT_ROOT/etc/apt/apt.conf.d/99hearth-no-valid-until
  local expired='expired|no longer valid'
  if mesa_next_exec apt-get update -q >"$log" 2>&1 && ! grep -qiE "$expired" "$log"; then
    return 0
  fi
  # sid's Release file carries a Valid-Until date; an older mirror is accepted in this root only.
  if grep -qiE "$expired" "$log"; then
    mesa_next_log "apt: $(grep -iE -m 1 "$expired" "$log"); disabling Check-Valid-Until here"
    echo 'Acquire::Check-Valid-Until "false";' >"$conf"
    mesa_next_exec apt-get update -q >"$log" 2>&1 && return 0
  fi
  mesa_next_log "apt-get update failed; see $log"
  return 1
}

mesa_next_build() {
  local start=$SECONDS mirror
  mirror=$(devroot_host_mirror /debian)
  devroot_bootstrap "$MESA_NEXT_ROOT" sid "$mirror" || return 1
  mesa_next_apt_update || return 1
  mesa_next_log "installing ${MESA_NEXT_PACKAGES[*]} into the root"
  mesa_next_exec bash -c 'export DEBIAN_FRONTEND=noninteractive
    apt-get install -y -q --no-install-recommends --no-upgrade "$@"' _ "${MESA_NEXT_PACKAGES[@]}" \
    >"$MESA_NEXT_ROOT.apt-install.log" 2>&1 || {
    mesa_next_log "package installation failed; see $MESA_NEXT_ROOT.apt-install.log"
    return 1
  }
  mesa_next_exec apt-get clean
  mesa_next_packages_hash >"$MESA_NEXT_ROOT/.hearth-packages"
  mesa_next_log "Mesa root ready in $((SECONDS - start)) s"
}

mesa_next_ensure() {
  mesa_next_ready && return 0
  devroot_require_root || return 1
  local lock status=0
  mkdir -p "$(dirname "$MESA_NEXT_ROOT")"
  exec {lock}>"$MESA_NEXT_ROOT.lock"
  flock "$lock"
  mesa_next_ready || mesa_next_build || status=$?
  exec {lock}>&-
  return "$status"
}

if [ "${BASH_SOURCE[0]}" = "$0" ]; then
  set -euo pipefail
  case ${1:-ensure} in
    ensure) mesa_next_ensure ;;
    exec)
      shift
      [ $# -gt 0 ] || { mesa_next_log "usage: $0 exec CMD..."; exit 2; }
      mesa_next_ensure
      models=${HEARTH_MODELS_DIR:-$MESA_NEXT_SOURCE_DIR/../shared/models}
      if [ -d "$models" ]; then
        HEARTH_MODELS_DIR=$(cd "$models" && pwd -P)
        export HEARTH_MODELS_DIR
        DEVROOT_BINDS="$HEARTH_MODELS_DIR ${DEVROOT_BINDS:-}"
      fi
      DEVROOT_BINDS=${DEVROOT_BINDS:-} mesa_next_exec "$@"
      ;;
    path) printf '%s\n' "$MESA_NEXT_ROOT" ;;
    *) mesa_next_log "usage: $0 [ensure | exec CMD... | path]"; exit 2 ;;
  esac
fi
