#!/usr/bin/env bash
# Hearth's build root: a Debian 13 (trixie) tree made with debootstrap, for hosts whose
# own packages are too old (Debian 12 lacks Qt >= 6.8 and KF6). Sourced by build.sh.
#
#   devroot_ensure          create or finish the root; a no-op (well under a second) when done
#   devroot_exec CMD...     run CMD inside the root, source tree bind-mounted at the same path
#
# Layout of the root's state (outside the source tree, $HEARTH_DEVROOT):
#   .hearth-base-done       debootstrap finished (without it the tree is half-made: redone)
#   .hearth-packages        hash of the package list installed last (a change reinstalls)

HEARTH_DEVROOT=${HEARTH_DEVROOT:-/var/lib/hearth-devroot}

# Everything the project needs to build, test and run, installed without recommends.
DEVROOT_PACKAGES=(
  build-essential cmake ninja-build ccache pkg-config git clang-format
  qt6-base-dev qt6-declarative-dev qt6-tools-dev qt6-tools-dev-tools qt6-l10n-tools
  qt6-httpserver-dev qt6-websockets-dev
  qml6-module-qtquick qml6-module-qtquick-controls qml6-module-qtquick-layouts
  qml6-module-qtquick-window qml6-module-qtquick-templates qml6-module-qtqml-workerscript
  qml6-module-qtquick-dialogs qml6-module-qttest qml6-module-qtcore
  qml6-module-qt-labs-platform qml6-module-qtqml-models
  libqt6svg6 qt6-svg-dev qt6-svg-plugins qt6-qpa-plugins qt6-wayland
  libkf6syntaxhighlighting-dev libmd4c-dev libmd4c-html0-dev libpcre2-dev libhwy-dev
  libvulkan-dev libvulkan-memory-allocator-dev vulkan-tools glslc glslang-tools spirv-tools
  mesa-vulkan-drivers libgl1-mesa-dri libegl-mesa0 libglx-mesa0 libsqlite3-dev
  xvfb xauth fonts-noto-core fonts-noto-cjk fonts-noto-mono
  ca-certificates procps
  # the server test drives Hearth with the official OpenAI JavaScript client (npm package `openai`)
  nodejs npm
  # documents and speech: text from PDFs and the PDF viewer (Qt PDF), PDF export checked with
  # poppler's tools and qpdf (encrypts a PDF for the password test), answers read aloud
  # (Qt TextToSpeech: flite offline, speech-dispatcher)
  qt6-pdf-dev qml6-module-qtquick-pdf poppler-utils qpdf
  qt6-speech-dev qml6-module-qttexttospeech qt6-speech-flite-plugin qt6-speech-speechd-plugin
  # the Vulkan tests run under the Khronos validation layer
  vulkan-validationlayers
  clang libclang-rt-dev
  # packaging: PNG icons, the .deb's checks (scripts/package.sh), the Flatpak manifest's lint
  desktop-file-utils appstream lintian librsvg2-bin shellcheck python3-yaml flatpak-builder
)

devroot_log() { printf '[devroot] %s\n' "$*" >&2; }

# First archive URI of the host's apt configuration matching $1 (a path suffix such as
# "/debian" or "/debian-security"); empty when the host names none.
devroot_host_mirror() {
  local suffix=$1 file
  for file in /etc/apt/sources.list /etc/apt/sources.list.d/*.list /etc/apt/sources.list.d/*.sources; do
    [ -f "$file" ] && sed 's/#.*//' "$file"
  done | grep -oE 'https?://[^ ]+' | sed 's:/*$::' | grep -E "${suffix}\$" | head -n 1 || true
}

devroot_packages_hash() {
  printf '%s\n' "${DEVROOT_PACKAGES[@]}" | sha256sum | cut -c1-16
}

devroot_ready() {
  [ -f "$HEARTH_DEVROOT/.hearth-base-done" ] &&
    [ "$(cat "$HEARTH_DEVROOT/.hearth-packages" 2>/dev/null)" = "$(devroot_packages_hash)" ]
}

devroot_require_root() {
  if [ "$(id -u)" -ne 0 ]; then
    devroot_log "creating the build root needs root; re-run with sudo (or install the dependencies listed in the README)"
    return 1
  fi
}

devroot_write_sources() {
  local mirror=$1 security=$2
  mkdir -p "$HEARTH_DEVROOT/etc/apt/sources.list.d"
  rm -f "$HEARTH_DEVROOT/etc/apt/sources.list"
  cat >"$HEARTH_DEVROOT/etc/apt/sources.list.d/debian.sources" <<SOURCES
Types: deb
URIs: $mirror
Suites: trixie trixie-updates
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg

Types: deb
URIs: $security
Suites: trixie-security
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg
SOURCES
}

# Makes the base system of a Debian root at ROOT (debootstrap minbase of SUITE from MIRROR,
# or debootstrap's default archive when MIRROR is empty), unless ROOT/.hearth-base-done says
# it is there. A half-made root is removed first. Shared with tests/reference/llamacpp-root.sh.
devroot_bootstrap() {
  local root=$1 suite=$2 mirror=$3
  [ -f "$root/.hearth-base-done" ] && return 0
  if [ -e "$root" ]; then
    devroot_log "found a half-made root at $root; starting it again"
    # Mounts left by tools run outside our namespaces (older versions) would stop rm.
    awk -v r="$root/" 'index($5, r) == 1 { print $5 }' /proc/self/mountinfo |
      sort -r | while read -r m; do umount -l "$m"; done
    rm -rf --one-file-system "$root"
  fi
  command -v debootstrap >/dev/null || {
    devroot_log "installing debootstrap on the host"
    DEBIAN_FRONTEND=noninteractive apt-get update -qq &&
      DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends debootstrap >/dev/null
  } || return 1
  devroot_log "debootstrap $suite into $root (a few minutes, once)"
  mkdir -p "$root"
  # Its own mounts (/proc in the target) live in a private namespace, so killing it leaves
  # none behind.
  unshare --mount --pid --fork --kill-child --propagation private \
    debootstrap --variant=minbase "$suite" "$root" ${mirror:+"$mirror"} >"$root.debootstrap.log" 2>&1 || {
    devroot_log "debootstrap failed; see $root.debootstrap.log"
    return 1
  }
  touch "$root/.hearth-base-done"
}

devroot_ensure() {
  devroot_ready && return 0
  devroot_require_root || return 1
  # One builder at a time: a second run waits for the first, then finds the root ready.
  local lock
  mkdir -p "$(dirname "$HEARTH_DEVROOT")"
  exec {lock}>"$HEARTH_DEVROOT.lock"
  flock "$lock"
  if devroot_ready; then
    exec {lock}>&-
    return 0
  fi
  devroot_build
  local status=$?
  exec {lock}>&-
  return $status
}

devroot_build() {
  local start=$SECONDS mirror security
  mirror=$(devroot_host_mirror /debian)
  security=$(devroot_host_mirror /debian-security)

  devroot_bootstrap "$HEARTH_DEVROOT" trixie "$mirror" || return 1

  [ -n "$mirror" ] || mirror=$(sed -n 's/^deb \([^ ]*\) trixie main$/\1/p' "$HEARTH_DEVROOT/etc/apt/sources.list" 2>/dev/null | head -n 1)
  [ -n "$security" ] || security="${mirror%/debian}/debian-security"
  devroot_write_sources "$mirror" "$security"
  devroot_log "installing ${#DEVROOT_PACKAGES[@]} packages into the root"
  devroot_exec_as_root bash -c 'export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq && apt-get install -y -qq --no-install-recommends "$@" >/dev/null' \
    _ "${DEVROOT_PACKAGES[@]}" || {
    devroot_log "package installation failed"
    return 1
  }
  devroot_packages_hash >"$HEARTH_DEVROOT/.hearth-packages"
  devroot_log "build root ready in $((SECONDS - start)) s"
}

# Environment passed into the root: the project's own HEARTH_* settings and what a
# test run or a display needs. Everything else is cleared.
devroot_passthrough_env() {
  local name
  for name in $(compgen -e); do
    case $name in
      HEARTH_DEVROOT) ;;
      HEARTH_* | CI | CTEST_* | QT_* | DISPLAY | XAUTHORITY | WAYLAND_DISPLAY | TERM | HOME)
        printf '%s=%s\0' "$name" "${!name}" ;;
    esac
  done
}

# Runs "$@" in the root inside fresh mount and PID namespaces. When this process dies (even
# by SIGKILL) the kernel kills everything in the PID namespace and drops every mount with it.
# Extra paths to bind at the same place come from DEVROOT_BINDS (space-separated).
devroot_exec_as_root() {
  local envs=() binds=${DEVROOT_BINDS:-}
  mapfile -d '' envs < <(devroot_passthrough_env)
  # An X authority file in /tmp (xvfb-run puts it there) must stay visible over the fresh /tmp.
  [ -n "${XAUTHORITY:-}" ] && [ -f "$XAUTHORITY" ] && binds="$binds $(dirname "$XAUTHORITY")"
  unshare --mount --pid --fork --kill-child --propagation private -- bash -euc '
    root=$1 binds=$2 nenv=$3; shift 3
    envs=("${@:1:nenv}"); shift "$nenv"
    mount --rbind /dev "$root/dev"
    mount -t tmpfs -o mode=1777,nosuid,nodev shm "$root/dev/shm"
    mount -t proc proc "$root/proc"
    mount --rbind /sys "$root/sys"
    mount -t tmpfs -o mode=1777 tmp "$root/tmp"
    cp /etc/resolv.conf "$root/etc/resolv.conf" 2>/dev/null || true
    for path in $binds; do
      [ -e "$path" ] || continue
      mkdir -p "$root$path"
      mount --rbind "$path" "$root$path"
    done
    if [ -d /tmp/.X11-unix ]; then
      mkdir -p "$root/tmp/.X11-unix" && mount --bind /tmp/.X11-unix "$root/tmp/.X11-unix"
    fi
    mkdir -p "$root/run/user/0" && chmod 700 "$root/run/user/0"
    exec chroot "$root" /usr/bin/env -i HOME=/root TERM=dumb "${envs[@]}" \
      LANG=C.UTF-8 LC_ALL=C.UTF-8 XDG_RUNTIME_DIR=/run/user/0 \
      PATH=/usr/lib/qt6/bin:/usr/local/bin:/usr/bin:/bin:/usr/sbin:/sbin \
      CCACHE_DIR=/var/cache/hearth-ccache "$@"
  ' devroot "$HEARTH_DEVROOT" "$binds" "${#envs[@]}" "${envs[@]}" "$@"
}

devroot_exec() {
  devroot_require_root || return 1
  devroot_exec_as_root "$@"
}
