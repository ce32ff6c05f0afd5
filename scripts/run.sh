#!/usr/bin/env bash
# Sets up (first time), builds and launches Hearth. Arguments go to the app, e.g.
#   scripts/run.sh --screenshot window.png
set -euo pipefail
. "$(dirname "$0")/env.sh"

hearth_choose_env
hearth_build release --target hearth
# In the build root the app still keeps its data in the user's home folder.
DEVROOT_BINDS="${HOME:-}" hearth_in_env build/release/bin/hearth "$@"
