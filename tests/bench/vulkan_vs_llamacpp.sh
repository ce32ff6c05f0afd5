#!/usr/bin/env bash
# Hearth's Vulkan backend against llama.cpp's on the same GGUF and the same device, in one
# run: prompt processing (pp) and generation (tg) in tokens/s, and the ratio Hearth/llama.cpp.
# Both run inside the Debian sid root of tests/reference/llamacpp-root.sh (llama.cpp-tools,
# libggml0-backend-vulkan, Mesa's Vulkan drivers), so both load the same Vulkan driver;
# hearth-bench and make_bench_model come from BUILD_DIR (they need only libvulkan and libc++).
#
#   tests/bench/vulkan_vs_llamacpp.sh [BUILD_DIR]        (default: build/vk)
#
# Build first: cmake --build BUILD_DIR --target hearth-bench make_bench_model
# Environment:
#   ARCH=llama                 the architecture: llama, or any of make_tiny_models.py's
#   TYPES="Q4_0 Q8_0 Q4_K_M"   model types; each model is generated once, into BUILD_DIR/bench-models
#   MODEL_ARGS="--embd 1024 --layers 16 --heads 16 --kv-heads 4 --ff 2816"   its shape (GQA 16/4)
#   P=128 N=32 R=3             prompt tokens, generated tokens, repetitions
#   DEVICE=0                   Vulkan device index for both; llama.cpp skips CPU-type devices
#                              (lavapipe) unless GGML_VK_VISIBLE_DEVICES names one, as here
#   THREADS=$(nproc)           CPU threads of llama.cpp (it keeps some work on the CPU)
# "host ms/token" and "host ms/piece": the CPU time hearth-bench's own thread spends per
# generated token and per prompt piece of up to 64 tokens (recording and submitting;
# HEARTH_VK_REPLAY=0 records every step and piece afresh). "load ms": reading the model,
# uploading it and compiling the pipelines (HEARTH_VK_UPLOAD=staging copies through staging
# buffers even where the device could be written in place, as on lavapipe).
# HEARTH_VK_F16_TILES=1/0 forces the prompt kernels' f16 tiles on or off (default: the device's
# choice, off on lavapipe).
set -euo pipefail
repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
build=$(cd "${1:-$repo/build/vk}" && pwd)
for tool in hearth-bench make_bench_model; do
  [ -x "$build/bin/$tool" ] || {
    echo "missing $build/bin/$tool; build it: cmake --build $build --target $tool" >&2
    exit 1
  }
done
mkdir -p "$build/bench-models"

export BENCH_BUILD=$build BENCH_TYPES=${TYPES:-Q4_0 Q8_0 Q4_K_M} BENCH_P=${P:-128} BENCH_N=${N:-32}
export BENCH_R=${R:-3} BENCH_DEVICE=${DEVICE:-0} BENCH_THREADS=${THREADS:-$(nproc)}
export BENCH_MODEL_ARGS=${MODEL_ARGS:---embd 1024 --layers 16 --heads 16 --kv-heads 4 --ff 2816}
DEVROOT_BINDS="$build ${DEVROOT_BINDS:-}" "$repo/tests/reference/llamacpp-root.sh" exec \
  env HEARTH_VK_REPLAY="${HEARTH_VK_REPLAY:-}" HEARTH_VK_UPLOAD="${HEARTH_VK_UPLOAD:-}" \
  HEARTH_VK_F16_TILES="${HEARTH_VK_F16_TILES:-}" \
  BENCH_BUILD="$BENCH_BUILD" BENCH_REPO="$repo" BENCH_ARCH="${ARCH:-llama}" BENCH_TYPES="$BENCH_TYPES" BENCH_P="$BENCH_P" \
  BENCH_N="$BENCH_N" BENCH_R="$BENCH_R" BENCH_DEVICE="$BENCH_DEVICE" \
  BENCH_THREADS="$BENCH_THREADS" BENCH_MODEL_ARGS="$BENCH_MODEL_ARGS" bash -c '
set -euo pipefail
. "$BENCH_REPO/tests/bench/bench_model.sh"
results=$(mktemp -d)
for type in $BENCH_TYPES; do
  model=$(bench_model "$type")
  echo "hearth-bench $type" >&2
  "$BENCH_BUILD/bin/hearth-bench" --model "$model" --backend vulkan --device "$BENCH_DEVICE" \
    -p "$BENCH_P" -n "$BENCH_N" -r "$BENCH_R" --json >"$results/hearth-$type.json"
  echo "llama-bench $type" >&2
  GGML_VK_VISIBLE_DEVICES=$BENCH_DEVICE llama-bench -m "$model" -ngl 99 -t "$BENCH_THREADS" \
    -p "$BENCH_P" -n "$BENCH_N" -r "$BENCH_R" -o json 2>/dev/null >"$results/llama-$type.json"
done
python3 - "$results" $BENCH_TYPES <<"PY"
import json, os, sys
results, types = sys.argv[1], sys.argv[2:]
print("| model | hearth pp | llama.cpp pp | pp ratio | hearth tg | llama.cpp tg | tg ratio | hearth GB/s (tg) | hearth host ms/token (tg) | hearth host ms/piece (pp) | hearth load ms |")
print("| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |")
for t in types:
    h = json.load(open(results + "/hearth-" + t + ".json"))
    runs = json.load(open(results + "/llama-" + t + ".json"))
    lpp = next(r for r in runs if r["n_prompt"] > 0 and r["n_gen"] == 0)
    ltg = next(r for r in runs if r["n_gen"] > 0 and r["n_prompt"] == 0)
    hpp, htg = h["pp"], h["tg"]
    row = [os.environ["BENCH_ARCH"] + " " + t, "%.2f ± %.2f" % (hpp["mean"], hpp["sd"]),
           "%.2f ± %.2f" % (lpp["avg_ts"], lpp["stddev_ts"]), "%.2f" % (hpp["mean"] / lpp["avg_ts"]),
           "%.2f ± %.2f" % (htg["mean"], htg["sd"]),
           "%.2f ± %.2f" % (ltg["avg_ts"], ltg["stddev_ts"]), "%.2f" % (htg["mean"] / ltg["avg_ts"]),
           "%.2f" % h["gbs"], ("%.2f ± %.2f" % (h["tg_host_ms"]["mean"], h["tg_host_ms"]["sd"])
            if "tg_host_ms" in h else "n/a"),
           ("%.2f ± %.2f" % (h["pp_host_ms"]["mean"], h["pp_host_ms"]["sd"])
            if "pp_host_ms" in h else "n/a"), "%.0f" % h["load_ms"]]
    print("| " + " | ".join(row) + " |")
print()
print("device: " + h["backend"] + "; llama.cpp: " + runs[0]["gpu_info"])
PY
rm -rf "$results"
'
