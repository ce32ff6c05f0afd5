#!/usr/bin/env bash
# Checks what the package installs besides the programs: the .desktop file, the AppStream
# metainfo, the man pages against the programs' --help, the versions in the metainfo and
# the Debian changelog, the Flatpak manifest, and the packaging scripts (shellcheck).
# Run by ctest (label packaging) and by scripts/package.sh.
#   check-metadata.sh SOURCE_DIR BIN_DIR VERSION
# Exits 77 (ctest: skipped) when desktop-file-validate or appstreamcli is missing.
set -euo pipefail
src=$1 bin=$2 version=$3
linux=$src/packaging/linux
failed=0
fail() { printf 'check-metadata: %s\n' "$*" >&2; failed=1; }
need() { command -v "$1" >/dev/null || { fail "needs $1 (Debian: apt install $2)"; exit 77; }; }
need desktop-file-validate desktop-file-utils
need appstreamcli appstream

desktop-file-validate "$linux/org.hearth.Hearth.desktop" || fail "desktop-file-validate"
# Strict, except the homepage: Hearth has no public web address yet (add <url type="homepage">
# and drop the override when it has one).
appstreamcli validate --strict --no-net --explain --override=url-homepage-missing=pedantic \
  "$linux/org.hearth.Hearth.metainfo.xml" ||
  fail "appstreamcli validate"

# The newest release named in the metainfo and the changelog is this version.
grep -m1 -o '<release version="[^"]*"' "$linux/org.hearth.Hearth.metainfo.xml" |
  grep -qx "<release version=\"$version\"" || fail "metainfo: the first <release> is not $version"
head -n 1 "$src/packaging/debian/changelog" | grep -q "^hearth ($version)" ||
  fail "packaging/debian/changelog: the first entry is not $version"

# Every long option a program lists in --help is in its man page.
for program in hearth hearth-cli; do
  page=$src/packaging/man/$program.1
  options=$(QT_QPA_PLATFORM=offscreen "$bin/$program" --help | grep -oE -- '--[a-z][a-z-]*' | sort -u)
  for option in $options; do
    # grep without -q: stopping at the first match would end sed with SIGPIPE, which
    # pipefail reports as a failure once the page is long enough.
    sed 's/\\-/-/g; s/\\f[BIPR]//g' "$page" | grep -e "$option\b" >/dev/null ||
      fail "$program.1 lacks $option (in $program --help)"
  done
done

# The Flatpak manifest parses and names the app (flatpak-builder reads it when present).
manifest=$src/packaging/flatpak/org.hearth.Hearth.yml
python3 - "$manifest" <<'PY' || fail "flatpak manifest"
import sys, yaml
m = yaml.safe_load(open(sys.argv[1]))
assert m["id"] == "org.hearth.Hearth", "id"
assert m["runtime"] == "org.kde.Platform" and float(m["runtime-version"]) >= 6.8, "runtime"
args = m["finish-args"]
assert not any(a.startswith("--filesystem") for a in args), "no file system access"
assert m["modules"][-1]["name"] == "hearth", "hearth is the last module"
PY
if command -v flatpak-builder >/dev/null; then
  shown=$(flatpak-builder --show-manifest "$manifest" 2>&1) ||
    fail "flatpak-builder --show-manifest: $shown"
fi
# The packaging scripts stay shellcheck-clean.
if command -v shellcheck >/dev/null; then
  (cd "$src" && shellcheck -x scripts/package.sh tests/packaging/*.sh) || fail "shellcheck"
fi
exit $failed
