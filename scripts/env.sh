#!/usr/bin/env bash
# Where Hearth builds: on the host when it has every dependency, otherwise in the Debian 13
# build root of devroot.sh. Sourced by run.sh and test.sh.
#
#   HEARTH_BUILD_ENV=host|devroot   force one (default: host if it qualifies)
#   HEARTH_DEVROOT=DIR              where the build root lives (default /var/lib/hearth-devroot)

HEARTH_SOURCE_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
# shellcheck source=scripts/devroot.sh
. "$HEARTH_SOURCE_DIR/scripts/devroot.sh"

hearth_log() { printf '[hearth] %s\n' "$*" >&2; }

version_at_least() { # version_at_least HAVE NEED
  [ "$(printf '%s\n%s\n' "$2" "$1" | sort -V | head -n 1)" = "$2" ]
}

# Prints what the host lacks, one item a line; prints nothing when it has everything.
host_missing_dependencies() {
  local qt="" tool
  command -v cmake >/dev/null && version_at_least "$(cmake --version | sed -n '1s/[^0-9]*//p')" 3.25 ||
    echo "CMake >= 3.25"
  command -v ninja >/dev/null || echo "Ninja"
  printf 'int main() { return 0; }\n' | c++ -std=c++20 -x c++ - -o /dev/null 2>/dev/null ||
    echo "a C++20 compiler"
  for tool in qtpaths6 qtpaths-qt6 /usr/lib/qt6/bin/qtpaths6 /usr/lib64/qt6/bin/qtpaths; do
    if command -v "$tool" >/dev/null; then
      qt=$("$tool" --qt-version 2>/dev/null) && break
    fi
  done
  [ -n "$qt" ] && version_at_least "$qt" 6.8 || echo "Qt >= 6.8"
  find /usr/lib /usr/lib64 /usr/share /usr/local/lib -maxdepth 4 \
    -name KF6SyntaxHighlightingConfig.cmake -print -quit 2>/dev/null | grep -q . ||
    echo "KF6 SyntaxHighlighting"
  pkg-config --exists vulkan 2>/dev/null || echo "Vulkan headers and loader"
  command -v glslc >/dev/null || echo "glslc"
  { command -v lrelease || command -v lrelease-qt6 || [ -x /usr/lib/qt6/bin/lrelease ] ||
    [ -x /usr/lib64/qt6/bin/lrelease ]; } >/dev/null || echo "Qt Linguist tools (lrelease)"
  pkg-config --exists sqlite3 2>/dev/null || echo "SQLite 3 development files"
  pkg-config --exists libhwy 2>/dev/null || echo "Google Highway (libhwy-dev)"
}

# Decides once where to build; sets HEARTH_BUILD_ENV.
hearth_choose_env() {
  if [ -z "${HEARTH_BUILD_ENV:-}" ]; then
    local missing
    missing=$(host_missing_dependencies)
    if [ -z "$missing" ]; then
      HEARTH_BUILD_ENV=host
    else
      HEARTH_BUILD_ENV=devroot
      devroot_ready || hearth_log "the host lacks: $(echo "$missing" | paste -sd, - | sed 's/,/, /g'); using a Debian 13 build root"
    fi
  fi
  case $HEARTH_BUILD_ENV in
    host | devroot) export HEARTH_BUILD_ENV ;;
    *) hearth_log "HEARTH_BUILD_ENV must be host or devroot" && return 1 ;;
  esac
}

# The build root needs root; without it, run the calling script again through sudo when
# that works without a password, else say what to do. Call as: hearth_become_root "$0" "$@"
hearth_become_root() {
  [ "$HEARTH_BUILD_ENV" = devroot ] && [ "$(id -u)" -ne 0 ] || return 0
  if command -v sudo >/dev/null && sudo -n true 2>/dev/null; then
    exec sudo -n --preserve-env=HOME,DISPLAY,XAUTHORITY,WAYLAND_DISPLAY,CI,HEARTH_DEVROOT,HEARTH_MODELS_DIR,HEARTH_BUILD_ENV,HEARTH_PRESET "$@"
  fi
  hearth_log "this machine needs the Debian 13 build root, which needs root: run with sudo"
  exit 1
}

# Runs "$@" in the chosen environment, in HEARTH_WORKDIR (default: the source tree).
hearth_in_env() {
  local workdir=${HEARTH_WORKDIR:-$HEARTH_SOURCE_DIR}
  if [ "$HEARTH_BUILD_ENV" = host ]; then
    (cd "$workdir" && "$@")
  else
    local models=${HEARTH_MODELS_DIR:-$HEARTH_SOURCE_DIR/../shared/models}
    [ -d "$models" ] && models=$(cd "$models" && pwd)
    DEVROOT_BINDS="$HEARTH_SOURCE_DIR $models ${DEVROOT_BINDS:-}" \
      devroot_exec /bin/sh -c 'cd "$1" && shift && exec "$@"' sh "$workdir" "$@"
  fi
}

# Configures (first time) and builds PRESET; extra arguments go to `cmake --build`.
hearth_build() {
  local preset=$1
  shift
  local configure=(cmake --preset "$preset" -DHEARTH_MODELS_DIR="${HEARTH_MODELS_DIR:-$HEARTH_SOURCE_DIR/../shared/models}")
  hearth_in_env sh -c '"$@" >/dev/null' sh "${configure[@]}" &&
    hearth_in_env cmake --build --preset "$preset" "$@"
}
