#!/usr/bin/env bash
# Partial offload's speed on one Vulkan device: the benchmark model (bench_model.sh) with
# N = 0 (the fast CPU backend alone), L/2 (split: the first half on the device, the rest on the
# CPU) and L (the whole model on the device) layers on the GPU, side by side in one run, through
# hearth-bench --gpu-layers. On lavapipe the "GPU" is this CPU too, so the split shows the cost
# of the hand-over and of two backends sharing the cores, not a real card's gain.
#
#   tests/bench/offload_bench.sh [BUILD_DIR]        (default: build/release)
#
# Build first: cmake --build BUILD_DIR --target hearth-bench make_bench_model
# Output: one JSON line per N (hearth-bench --json with "gpu_layers" added), then a table.
# Environment:
#   TYPE=Q4_0                  the model's type
#   MODEL_ARGS="--embd 1024 --layers 16 --heads 16 --kv-heads 4 --ff 2816"   its shape
#   P=64 N=16 R=2              prompt tokens, generated tokens, repetitions
#   DEVICE=0 THREADS=0         Vulkan device, CPU threads (0: one per physical core)
#   HEARTH_MODELS_DIR          where tiny/tiny-llama-Q8_0.gguf (the vocabulary) is; default:
#                              the build's HEARTH_MODELS_DIR
set -euo pipefail
repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
build=$(cd "${1:-$repo/build/release}" && pwd)
for tool in hearth-bench make_bench_model; do
  [ -x "$build/bin/$tool" ] || {
    echo "missing $build/bin/$tool; build it: cmake --build $build --target $tool" >&2
    exit 1
  }
done
if [ -z "${HEARTH_MODELS_DIR:-}" ]; then
  HEARTH_MODELS_DIR=$(sed -n 's/^HEARTH_MODELS_DIR:[A-Z]*=//p' "$build/CMakeCache.txt")
fi
export HEARTH_MODELS_DIR BENCH_BUILD=$build BENCH_ARCH=llama
export BENCH_MODEL_ARGS=${MODEL_ARGS:---embd 1024 --layers 16 --heads 16 --kv-heads 4 --ff 2816}
mkdir -p "$build/bench-models"
# shellcheck source=tests/bench/bench_model.sh
. "$repo/tests/bench/bench_model.sh"
model=$(bench_model "${TYPE:-Q4_0}")
layers=$(sed -n 's/.*--layers \([0-9]*\).*/\1/p' <<<"$BENCH_MODEL_ARGS")
[ -n "$layers" ] || layers=16

results=$(mktemp -d)
trap 'rm -rf "$results"' EXIT
for n in 0 $((layers / 2)) "$layers"; do
  echo "hearth-bench --gpu-layers $n" >&2
  "$build/bin/hearth-bench" --model "$model" --backend vulkan --device "${DEVICE:-0}" \
    --gpu-layers "$n" -t "${THREADS:-0}" -p "${P:-64}" -n "${N:-16}" -r "${R:-2}" --json |
    sed "s/^{/{\"gpu_layers\": $n, \"layers\": $layers, /" >"$results/$n.json"
  cat "$results/$n.json"
done
python3 - "$results" 0 $((layers / 2)) "$layers" <<"PY"
import json, sys
results, counts = sys.argv[1], sys.argv[2:]
print()
print("| GPU layers | backend | pp t/s | tg t/s | load ms |")
print("| --- | --- | --- | --- | --- |")
for n in counts:
    h = json.load(open(results + "/" + n + ".json"))
    print("| %s of %d | %s | %.2f ± %.2f | %.2f ± %.2f | %.0f |" % (
        n, h["layers"], h["backend"], h["pp"]["mean"], h["pp"]["sd"], h["tg"]["mean"],
        h["tg"]["sd"], h["load_ms"]))
PY
