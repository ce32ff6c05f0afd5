#!/usr/bin/env bash
# Sets up (first time), builds and launches Hearth. Arguments go to the app, e.g.
#   scripts/run.sh --screenshot window.png
set -euo pipefail
. "$(dirname "$0")/env.sh"

hearth_choose_env
hearth_become_root "$0" "$@"
[ "$HEARTH_BUILD_ENV" = host ] || devroot_ensure
hearth_build release --target hearth
# In the build root the app still keeps its data in the user's home folder, and relative
# paths in the arguments mean what they meant where the command was typed.
DEVROOT_BINDS="${HOME:-} $PWD" HEARTH_WORKDIR=$PWD \
  hearth_in_env "$HEARTH_SOURCE_DIR/build/release/bin/hearth" "$@"
