#!/usr/bin/env bash
# Fuzzes the GGUF reader with libFuzzer (clang, ASan + UBSan) for N seconds (default 60).
# Needs only clang with its fuzzer runtime (no Qt): builds straight from the engine sources.
#   tests/fuzz/run-fuzzer.sh [SECONDS]
# New interesting inputs land in build/fuzz/corpus; crashes in build/fuzz/crash-*. Copy a
# fixed crash input into tests/fuzz/corpus so the replay test guards against regressions.
set -euo pipefail
src=$(cd "$(dirname "$0")/../.." && pwd)
seconds=${1:-60}
out=${HEARTH_FUZZ_DIR:-$src/build/fuzz}
cxx=${CXX:-clang++}
mkdir -p "$out/corpus" "$out/seeds"
cd "$src"

engine=(inference/gguf/mapped_file.cpp inference/gguf/gguf_file.cpp inference/gguf/gguf_value.cpp
  inference/tensor/ggml_type.cpp
  inference/tensor/dequant.cpp inference/tensor/dequant_small_blocks.cpp
  inference/tensor/dequant_k_quants.cpp inference/model/model_config.cpp inference/model/weights.cpp)
tools=(tests/tools/gguf_writer.cpp tests/tools/synthetic_model.cpp tests/tools/quantize*.cpp)
flags=(-std=c++20 -O1 -g -Iinference -Itests/tools)

# Seed models (valid small GGUFs of each architecture) written by the replay tool.
"$cxx" "${flags[@]}" "${engine[@]}" "${tools[@]}" tests/fuzz/fuzz_gguf.cpp \
  tests/fuzz/fuzz_replay.cpp -o "$out/seed_writer"
"$out/seed_writer" --seeds "$out/seeds" >/dev/null

"$cxx" "${flags[@]}" -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=undefined \
  "${engine[@]}" tests/fuzz/fuzz_gguf.cpp -o "$out/fuzz_gguf"
"$out/fuzz_gguf" -max_total_time="$seconds" -max_len=1048576 -rss_limit_mb=4096 \
  -artifact_prefix="$out/" "$out/corpus" "$out/seeds" tests/fuzz/corpus
