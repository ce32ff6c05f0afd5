#!/usr/bin/env bash
# A Debian unstable (sid) root holding Debian's packaged llama.cpp, used only to produce
# independent reference data ("goldens") for Hearth's engine and tokenizer tests. It is
# separate from the project's trixie build root (scripts/devroot.sh): sid carries a much
# newer llama.cpp, and the reference must not share code or libraries with Hearth.
#
#   llamacpp-root.sh [ensure]     create or finish the root; a no-op (well under a second) when done
#   llamacpp-root.sh exec CMD...  run CMD inside the root; the repository, $HEARTH_MODELS_DIR
#                                 (default <repo>/../shared/models) and the paths in DEVROOT_BINDS
#                                 are bind-mounted at the same place, e.g.
#     tests/reference/llamacpp-root.sh exec sh -c 'llama-tokenize -m "$HEARTH_MODELS_DIR/vocab/ggml-vocab-gpt-2.gguf" -p hi'
#   llamacpp-root.sh path         print where the root lives
#
# Can also be sourced: it then only defines the llamacpp_root_* functions.
#
#   HEARTH_LLAMACPP_ROOT=DIR      where the root lives (default /var/lib/hearth-llamacpp-root)
#
# State files inside the root (mirroring devroot.sh's convention):
#   .hearth-base-done     debootstrap finished (without it the tree is half-made and is redone)
#   .hearth-packages      hash of the package list installed last (a change reinstalls)

LLAMACPP_SOURCE_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
# Reuse the project's root helpers: host mirror lookup, namespace+chroot exec, logging.
# shellcheck source=scripts/devroot.sh
. "$LLAMACPP_SOURCE_DIR/scripts/devroot.sh"

LLAMACPP_ROOT=${HEARTH_LLAMACPP_ROOT:-/var/lib/hearth-llamacpp-root}

# llama.cpp-tools has llama-completion and llama-server; llama-tokenize and llama-perplexity
# are in llama.cpp-tools-extra. ggml's CPU backends ship in libggml0 (a dependency).
# python3 drives llama-server's HTTP API (urllib + json from the standard library).
# python3-jinja2 renders chat templates as transformers does (make-template-goldens.sh).
# libhwy1t64 (Google Highway, which Hearth's CPU kernels use) lets hearth-bench run here too.
# python3-gguf (llama.cpp's gguf-py) and python3-numpy write the tiny random models of every
# architecture (make_tiny_models.py) and the benchmark models of each architecture.
# libggml0-backend-vulkan and mesa-vulkan-drivers (lavapipe) let tests/bench/ compare Hearth's
# Vulkan backend with llama.cpp's on the same device; llama.cpp ignores CPU-type Vulkan
# devices unless GGML_VK_VISIBLE_DEVICES selects one, so the goldens stay on the CPU.
# python3-gguf (llama.cpp's gguf-py) and python3-numpy write the small test vocabularies and
# models that llama.cpp then reads.
LLAMACPP_PACKAGES=(llama.cpp-tools llama.cpp-tools-extra python3 python3-jinja2
  libggml0-backend-vulkan mesa-vulkan-drivers libhwy1t64 python3-gguf python3-numpy)

llamacpp_log() { printf '[llamacpp-root] %s\n' "$*" >&2; }

llamacpp_packages_hash() {
  printf '%s\n' "${LLAMACPP_PACKAGES[@]}" | sha256sum | cut -c1-16
}

llamacpp_root_ready() {
  [ -f "$LLAMACPP_ROOT/.hearth-base-done" ] &&
    [ "$(cat "$LLAMACPP_ROOT/.hearth-packages" 2>/dev/null)" = "$(llamacpp_packages_hash)" ]
}

# Runs "$@" inside the root through devroot.sh's namespace/chroot helper. The repository is
# always bound so scripts and output paths are the same inside and outside.
llamacpp_root_exec() {
  devroot_require_root || return 1
  HEARTH_DEVROOT=$LLAMACPP_ROOT DEVROOT_BINDS="$LLAMACPP_SOURCE_DIR ${DEVROOT_BINDS:-}" \
    devroot_exec_as_root "$@"
}

llamacpp_root_ensure() {
  llamacpp_root_ready && return 0
  devroot_require_root || return 1
  # One creator at a time: a second run waits for the first, then finds the root ready.
  local lock status
  mkdir -p "$(dirname "$LLAMACPP_ROOT")"
  exec {lock}>"$LLAMACPP_ROOT.lock"
  flock "$lock"
  if llamacpp_root_ready; then
    exec {lock}>&-
    return 0
  fi
  status=0
  llamacpp_root_build || status=$?
  exec {lock}>&-
  return "$status"
}

# apt-get update inside the root. sid's Release file carries a Valid-Until date; a mirror
# (or snapshot) older than that makes apt refuse it, so in that case (only) the check is
# switched off for this root and the update retried.
llamacpp_apt_update() {
  local log=$LLAMACPP_ROOT.apt-update.log conf=$LLAMACPP_ROOT/etc/apt/apt.conf.d/99hearth-no-valid-until
  local expired='expired|no longer valid'
  if llamacpp_root_exec apt-get update -q >"$log" 2>&1 && ! grep -qiE "$expired" "$log"; then
    return 0
  fi
  if grep -qiE "$expired" "$log"; then
    llamacpp_log "apt: $(grep -iE -m 1 "$expired" "$log")"
    llamacpp_log "disabling Check-Valid-Until in this root (only) and retrying"
    echo 'Acquire::Check-Valid-Until "false";' >"$conf"
    llamacpp_root_exec apt-get update -q >"$log" 2>&1 && return 0
  fi
  llamacpp_log "apt-get update failed; see $log"
  return 1
}

llamacpp_root_build() {
  local start=$SECONDS mirror
  # The mirror comes from the host's apt configuration; with none, debootstrap's default.
  mirror=$(devroot_host_mirror /debian)

  devroot_bootstrap "$LLAMACPP_ROOT" sid "$mirror" || return 1

  llamacpp_apt_update || return 1
  llamacpp_log "installing ${LLAMACPP_PACKAGES[*]} into the root"
  # --no-upgrade: a longer package list adds packages to an existing root without moving the
  # ones already there (the recorded goldens name their llama.cpp version).
  llamacpp_root_exec bash -c 'export DEBIAN_FRONTEND=noninteractive
    apt-get install -y -q --no-install-recommends --no-upgrade "$@"' _ "${LLAMACPP_PACKAGES[@]}" \
    >"$LLAMACPP_ROOT.apt-install.log" 2>&1 || {
    llamacpp_log "package installation failed; see $LLAMACPP_ROOT.apt-install.log"
    return 1
  }
  # Keep the root small: downloaded .debs are not needed after installation.
  llamacpp_root_exec apt-get clean
  llamacpp_packages_hash >"$LLAMACPP_ROOT/.hearth-packages"
  llamacpp_log "llama.cpp root ready in $((SECONDS - start)) s"
}

# Executed (not sourced): dispatch on the first argument.
if [ "${BASH_SOURCE[0]}" = "$0" ]; then
  set -euo pipefail
  case ${1:-ensure} in
    ensure) llamacpp_root_ensure ;;
    exec)
      shift
      [ $# -gt 0 ] || { llamacpp_log "usage: $0 exec CMD..."; exit 2; }
      llamacpp_root_ensure
      # The shared test models are what the root is for: bind them too when present, and
      # point HEARTH_MODELS_DIR (passed into the root) at their absolute path.
      models=${HEARTH_MODELS_DIR:-$LLAMACPP_SOURCE_DIR/../shared/models}
      if [ -d "$models" ]; then
        HEARTH_MODELS_DIR=$(cd "$models" && pwd -P)
        export HEARTH_MODELS_DIR
        DEVROOT_BINDS="$HEARTH_MODELS_DIR ${DEVROOT_BINDS:-}"
      fi
      DEVROOT_BINDS=${DEVROOT_BINDS:-} llamacpp_root_exec "$@"
      ;;
    path) printf '%s\n' "$LLAMACPP_ROOT" ;;
    *) llamacpp_log "usage: $0 [ensure | exec CMD... | path]"; exit 2 ;;
  esac
fi
