#!/usr/bin/env bash
# Regenerates Hearth's golden reference data with Debian's packaged llama.cpp, run inside the
# Debian sid root of llamacpp-root.sh (created on first use; needs root). The output is
# deterministic: running it again rewrites byte-identical files (see tests/data/golden/README.md).
#
#   tests/reference/make-goldens.sh [STEP...]   STEP: tokenizer model-vocabs llama qwen perplexity
#                                               arch-models arch (default: all but arch-models)
#
#   HEARTH_MODELS_DIR=DIR       the shared test models (default <repo>/../shared/models)
#   HEARTH_LLAMACPP_ROOT=DIR    where the sid root lives (default /var/lib/hearth-llamacpp-root)
#   HEARTH_ARCHS=a,b            steps arch-models and arch: only these architectures
#
# Writes tests/data/golden/*.json and tests/data/tokenizer/*.multilingual.out (+ the check of
# the tokenizer invocation against the shared fixtures, shared-fixture-check.txt); model-vocabs
# writes small vocabularies shaped like the issue-15 models' and their goldens
# (tests/data/tokenizer/synthetic/).
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source=tests/reference/llamacpp-root.sh
. "$here/llamacpp-root.sh"

models=${HEARTH_MODELS_DIR:-$LLAMACPP_SOURCE_DIR/../shared/models}
if [ ! -d "$models/tiny" ] || [ ! -d "$models/vocab" ]; then
  llamacpp_log "no test models in $models (set HEARTH_MODELS_DIR)"
  exit 1
fi
# An absolute, symlink-free path: it is bind-mounted at the same place inside the root, and
# the generators write it into the goldens only as "$HEARTH_MODELS_DIR/...".
HEARTH_MODELS_DIR=$(cd "$models" && pwd -P)
export HEARTH_MODELS_DIR

steps=("$@")
[ ${#steps[@]} -gt 0 ] || steps=(tokenizer model-vocabs llama qwen perplexity arch)
model_steps=()
arch_steps=()
run_tokenizer=false
run_model_vocabs=false
for step in "${steps[@]}"; do
  case $step in
    tokenizer) run_tokenizer=true ;;
    model-vocabs) run_model_vocabs=true ;;
    llama | qwen | perplexity) model_steps+=("$step") ;;
    arch-models) arch_steps+=(models) ;; # rewrites tests/data/models/{arch,split}: review the diff
    arch) arch_steps+=(arch) ;;
    *)
      llamacpp_log "unknown step '$step' (tokenizer, model-vocabs, llama, qwen, perplexity, arch-models, arch)"
      exit 2
      ;;
  esac
done

llamacpp_root_ensure

# Runs a generator from the repository root inside the sid root. python3 -B: no __pycache__
# left in the source tree. (The inner script is single-quoted on purpose: sh expands it.)
in_root() {
  # shellcheck disable=SC2016
  DEVROOT_BINDS="$HEARTH_MODELS_DIR" llamacpp_root_exec \
    /bin/sh -c 'cd "$1" && shift && exec "$@"' sh "$LLAMACPP_SOURCE_DIR" python3 -B "$@"
}

start=$SECONDS
if $run_tokenizer; then
  in_root tests/reference/tokenizer_goldens.py
fi
if $run_model_vocabs; then
  in_root tests/reference/model_tokenizer_goldens.py
fi
if [ ${#model_steps[@]} -gt 0 ]; then
  in_root tests/reference/model_goldens.py "${model_steps[@]}"
fi
if [ ${#arch_steps[@]} -gt 0 ]; then
  in_root tests/reference/arch_goldens.py "${arch_steps[@]}"
fi
llamacpp_log "goldens written in $((SECONDS - start)) s"
