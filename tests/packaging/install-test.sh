#!/usr/bin/env bash
# Installs the Debian package into a fresh minimal Debian 13 root and uses it as a user would:
# apt resolves every dependency from the archive (Recommends left out, so Depends must
# suffice), `hearth --version` works without a display, `hearth --screenshot` renders,
# hearth-cli answers with a tiny test model, and `apt-get purge` leaves none of the
# package's files behind while the user's data folder stays.
#   tests/packaging/install-test.sh [DEB]   default: build/release/hearth_*.deb
#   HEARTH_INSTALL_ROOT=DIR  the cached minimal root each run copies
#                            (default /var/lib/hearth-install-root; made once, a few minutes)
# The packages apt downloads are kept in DIR.apt-archives, so later runs download nothing.
# shellcheck disable=SC2016 # the single-quoted scripts and formats expand in the root
set -euo pipefail
src=$(cd "$(dirname "$0")/../.." && pwd)
# shellcheck source=scripts/env.sh
. "$src/scripts/env.sh"

if [ "$(id -u)" -ne 0 ]; then
  if ! sudo -n true 2>/dev/null; then
    echo "install-test: needs root (debootstrap, chroot): run with sudo" >&2
    exit 1
  fi
  exec sudo -n --preserve-env=HEARTH_MODELS_DIR,HEARTH_INSTALL_ROOT "$0" "$@"
fi
# No display inside the root: hearth must do without one.
unset DISPLAY WAYLAND_DISPLAY XAUTHORITY QT_QPA_PLATFORM
start=$SECONDS
log() { printf '[install-test] %s\n' "$*" >&2; }
die() { log "FAILED: $*"; exit 1; }

deb=${1:-$(find "$src/build/release" -maxdepth 1 -name 'hearth_*.deb' | sort | tail -n 1)}
[ -f "$deb" ] || die "no package (run scripts/package.sh first)"
models=${HEARTH_MODELS_DIR:-$src/../shared/models}
model=$(cd "$models" && pwd)/tiny/tiny-llama-Q8_0.gguf
[ -f "$model" ] || die "no test model at $model"

# The cached base: debootstrap minbase with the host's Debian mirror, remade when this recipe
# changes (its hash is kept in the root, as scripts/devroot.sh does with its package list).
base=${HEARTH_INSTALL_ROOT:-/var/lib/hearth-install-root}
recipe="minbase trixie; sources trixie trixie-updates trixie-security main"
key=$(printf '%s\n' "$recipe" | sha256sum | cut -c1-16)
cache=$base.apt-archives
mkdir -p "$(dirname "$base")" "$cache/partial"
exec {lock}>"$base.lock"
flock "$lock"
if [ "$(cat "$base/.hearth-recipe" 2>/dev/null)" != "$key" ]; then
  [ -e "$base" ] && rm -rf --one-file-system "$base"
  mirror=$(devroot_host_mirror /debian)
  security=$(devroot_host_mirror /debian-security)
  devroot_bootstrap "$base" trixie "$mirror" || die "debootstrap"
  [ -n "$mirror" ] || mirror=$(sed -n 's/^deb \([^ ]*\) trixie main$/\1/p' "$base/etc/apt/sources.list" | head -n 1)
  [ -n "$security" ] || security="${mirror%/debian}/debian-security"
  HEARTH_DEVROOT=$base devroot_write_sources "$mirror" "$security"
  echo "$key" >"$base/.hearth-recipe"
  log "base root made in $((SECONDS - start)) s"
fi

# This run's root: a copy of the base, removed at the end.
run=$(mktemp -d /var/tmp/hearth-install-test.XXXXXX)
trap 'rm -rf --one-file-system "$run"' EXIT
cp -a "$base" "$run/root"
exec {lock}>&-
cp "$deb" "$run/root/var/tmp/"
in_root() { HEARTH_DEVROOT=$run/root DEVROOT_BINDS="$cache $(dirname "$model")" devroot_exec_as_root "$@"; }
as_user() {
  in_root setpriv --reuid=1000 --regid=1000 --clear-groups \
    env HOME=/home/user XDG_RUNTIME_DIR=/run/user/1000 "$@"
}

log "apt-get install ./$(basename "$deb")"
t=$SECONDS
in_root bash -c 'export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq && apt-get install -y -qq --no-install-recommends \
    -o Dir::Cache::Archives="$1/" "/var/tmp/$2" >/var/tmp/apt.log 2>&1 ||
    { tail -n 30 /var/tmp/apt.log; exit 1; }' _ "$cache" "$(basename "$deb")" ||
  die "apt-get install did not resolve the package's dependencies"
log "installed in $((SECONDS - t)) s"
in_root dpkg-query -W -f='${Version}\n' hearth >/dev/null || die "hearth is not installed"
in_root dpkg -L hearth >"$run/files"

in_root sh -c 'useradd -m -u 1000 user && mkdir -p -m 700 /run/user/1000 && chown user: /run/user/1000'
version=$(as_user hearth --version) || die "hearth --version"
[ "$version" = "Hearth $(dpkg-deb --field "$deb" Version)" ] || die "hearth --version: $version"
log "hearth --version: $version"
as_user hearth --screenshot /home/user/shot.png >/dev/null 2>"$run/screenshot.log" ||
  { cat "$run/screenshot.log" >&2; die "hearth --screenshot"; }
[ "$(head -c 8 "$run/root/home/user/shot.png" | od -An -tx1 | tr -d ' \n')" = 89504e470d0a1a0a ] ||
  die "the screenshot is not a PNG"
shot=$src/build/release/test-output/install-test.png
mkdir -p "$(dirname "$shot")" && cp "$run/root/home/user/shot.png" "$shot"
log "hearth --screenshot: $(du -k "$shot" | cut -f1) KiB PNG, kept as ${shot#"$src"/}"
answer=$(as_user hearth-cli -m "$model" --raw -p "Once upon a time" -n 8 --temp 0 2>/dev/null) ||
  die "hearth-cli"
[ -n "$answer" ] || die "hearth-cli printed nothing"
log "hearth-cli: Once upon a time$(echo "$answer" | tr '\n' ' ')"

# The user's data: what the app made, and a file of the user's own beside it.
data=$run/root/home/user/.local/share/Hearth
as_user sh -c 'mkdir -p ~/.local/share/Hearth && echo kept >~/.local/share/Hearth/mine.txt'
before=$(cd "$data" && find . | sort)
log "the user's data folder: $(echo "$before" | tr '\n' ' ')"

in_root bash -c 'DEBIAN_FRONTEND=noninteractive apt-get purge -y -qq hearth >/dev/null' ||
  die "apt-get purge"
status=$(in_root dpkg-query -W -f='${db:Status-Status}' hearth 2>/dev/null || true)
[ -z "$status" ] || [ "$status" = not-installed ] || die "hearth is $status after the purge"
left=()
while read -r path; do
  # Shared folders (/usr/bin, the icon theme's) stay; the package's own files and folders go.
  if [ -L "$run/root$path" ] || [ -f "$run/root$path" ] ||
    { [ -d "$run/root$path" ] && [[ $path == *hearth* ]]; }; then
    left+=("$path")
  fi
done <"$run/files"
[ ${#left[@]} -eq 0 ] || die "purge left: ${left[*]}"
[ "$(cd "$data" && find . | sort)" = "$before" ] || die "purge changed the user's data folder"
log "purged: none of $(wc -l <"$run/files") paths left; the user's data folder stays"
log "passed in $((SECONDS - start)) s"
