#!/usr/bin/env bash
# Regenerates the chat-template goldens (tests/data/templates/*.json) with Debian's Python
# jinja2 (package python3-jinja2), rendering the templates exactly as Hugging Face
# transformers' apply_chat_template does (see template_goldens.py). Runs inside the Debian sid
# root of llamacpp-root.sh (created or extended on first use; needs root). The output is
# deterministic: running it again rewrites byte-identical files.
#
#   tests/reference/make-template-goldens.sh
#
#   HEARTH_MODELS_DIR=DIR       the shared test models (default <repo>/../shared/models);
#                               the templates are read from DIR/templates
#   HEARTH_LLAMACPP_ROOT=DIR    where the sid root lives (default /var/lib/hearth-llamacpp-root)
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source=tests/reference/llamacpp-root.sh
. "$here/llamacpp-root.sh"

models=${HEARTH_MODELS_DIR:-$LLAMACPP_SOURCE_DIR/../shared/models}
if [ ! -d "$models/templates" ]; then
  llamacpp_log "no chat templates in $models/templates (set HEARTH_MODELS_DIR)"
  exit 1
fi
HEARTH_MODELS_DIR=$(cd "$models" && pwd -P)
export HEARTH_MODELS_DIR

llamacpp_root_ensure

# python3 -B: no __pycache__ left in the source tree. (The inner script is single-quoted on
# purpose: sh expands it inside the root.)
# shellcheck disable=SC2016
DEVROOT_BINDS="$HEARTH_MODELS_DIR" llamacpp_root_exec /bin/sh -c \
  'cd "$1" && exec python3 -B tests/reference/template_goldens.py "$2/templates" tests/data/templates' \
  sh "$LLAMACPP_SOURCE_DIR" "$HEARTH_MODELS_DIR"
