#!/usr/bin/env bash
# Builds the Debian package build/release/hearth_<version>_<arch>.deb (in the Debian 13 build
# root unless the host qualifies, as scripts/test.sh decides) and checks it: the desktop
# file, AppStream metainfo and man pages (tests/packaging/check-metadata.sh), then lintian,
# which must report no errors. tests/packaging/install-test.sh installs it into a fresh root.
set -euo pipefail
# shellcheck source=scripts/env.sh
. "$(dirname "$0")/env.sh"

hearth_choose_env
hearth_become_root "$0" "$@"
[ "$HEARTH_BUILD_ENV" = host ] || devroot_ensure
cd "$HEARTH_SOURCE_DIR"
build=build/release
hearth_build release --target hearth hearth-cli hearth_icons hearth_docs
version=$(sed -n 's/^CMAKE_PROJECT_VERSION:STATIC=//p' "$build/CMakeCache.txt")

rm -f "$build"/hearth_*.deb
HEARTH_WORKDIR=$HEARTH_SOURCE_DIR/$build hearth_in_env cpack -G DEB >/dev/null
deb=$(ls "$build"/hearth_"$version"_*.deb)
hearth_in_env tests/packaging/check-metadata.sh "$HEARTH_SOURCE_DIR" "$build/bin" "$version"
# Errors fail; warnings and informational tags are listed. Run as nobody: lintian warns
# against root.
hearth_in_env setpriv --reuid=65534 --regid=65534 --clear-groups env HOME=/tmp \
  lintian --fail-on error --display-info --tag-display-limit 0 "$deb"
hearth_log "$deb: $(du -k "$deb" | cut -f1) KiB"
hearth_in_env dpkg-deb --field "$deb" Depends Recommends
