#!/usr/bin/env bash
# Hearth's fast CPU backend against llama.cpp's CPU backend on the same GGUF, the same thread
# count and the same machine, in one run: prompt processing (pp) and generation (tg) in
# tokens/s, the ratio Hearth/llama.cpp, the GB/s generation achieves, and the machine's
# memory read bandwidth (stream_read) as the roofline of tg. Both run inside the Debian sid
# root of tests/reference/llamacpp-root.sh; hearth-bench, make_bench_model and stream_read
# come from BUILD_DIR (they need only libc, libvulkan and libhwy, which that root has too).
#
#   tests/bench/cpu_vs_llamacpp.sh [BUILD_DIR]        (default: build/release)
#
# Build first: cmake --build BUILD_DIR --target hearth-bench make_bench_model stream_read
# Environment:
#   ARCH=llama                  the architecture: llama, or any of make_tiny_models.py's (gemma3,
#                               hunyuan-dense, seed_oss, phi3, smollm3, mistral3, granite)
#   TYPES="F16 Q8_0 Q4_0 Q4_K_M Q5_K_M Q6_K"   model types, generated once into BUILD_DIR/bench-models
#   MODEL_ARGS="--embd 1024 --layers 16 --heads 16 --kv-heads 4 --ff 2816"   shape (GQA 16/4)
#   P="64 512" N=32 R=3         prompt lengths, generated tokens, repetitions
#   THREADS=<physical cores>    threads of both
set -euo pipefail
repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
build=$(cd "${1:-$repo/build/release}" && pwd)
for tool in bin/hearth-bench bin/make_bench_model tests/bench/stream_read; do
  [ -x "$build/$tool" ] || {
    echo "missing $build/$tool; build it: cmake --build $build --target $(basename "$tool")" >&2
    exit 1
  }
done
mkdir -p "$build/bench-models"
cores=$(lscpu -p=core,socket 2>/dev/null | grep -v '^#' | sort -u | wc -l)
[ "$cores" -gt 0 ] || cores=$(nproc)

export BENCH_BUILD=$build BENCH_TYPES=${TYPES:-F16 Q8_0 Q4_0 Q4_K_M Q5_K_M Q6_K}
export BENCH_P=${P:-64 512} BENCH_N=${N:-32} BENCH_R=${R:-3} BENCH_THREADS=${THREADS:-$cores}
export BENCH_MODEL_ARGS=${MODEL_ARGS:---embd 1024 --layers 16 --heads 16 --kv-heads 4 --ff 2816}
DEVROOT_BINDS="$build ${DEVROOT_BINDS:-}" "$repo/tests/reference/llamacpp-root.sh" exec \
  env BENCH_BUILD="$BENCH_BUILD" BENCH_REPO="$repo" BENCH_ARCH="${ARCH:-llama}" BENCH_TYPES="$BENCH_TYPES" BENCH_P="$BENCH_P" \
  BENCH_N="$BENCH_N" BENCH_R="$BENCH_R" BENCH_THREADS="$BENCH_THREADS" \
  BENCH_MODEL_ARGS="$BENCH_MODEL_ARGS" bash -c '
set -euo pipefail
. "$BENCH_REPO/tests/bench/bench_model.sh"
results=$(mktemp -d)
"$BENCH_BUILD/tests/bench/stream_read" --threads "$BENCH_THREADS" >"$results/stream.json"
for type in $BENCH_TYPES; do
  model=$(bench_model "$type")
  for p in $BENCH_P; do
    echo "hearth-bench $type pp$p" >&2
    "$BENCH_BUILD/bin/hearth-bench" --model "$model" --backend cpu -t "$BENCH_THREADS" \
      -p "$p" -n 0 -r "$BENCH_R" --json >"$results/hearth-$type-pp$p.json"
  done
  echo "hearth-bench $type tg$BENCH_N" >&2
  "$BENCH_BUILD/bin/hearth-bench" --model "$model" --backend cpu -t "$BENCH_THREADS" \
    -p 0 -n "$BENCH_N" -r "$BENCH_R" --json >"$results/hearth-$type-tg.json"
  echo "llama-bench $type" >&2
  llama-bench -m "$model" -ngl 0 -dev none -t "$BENCH_THREADS" -p "$(echo $BENCH_P | tr " " ,)" \
    -n "$BENCH_N" -r "$BENCH_R" -o json 2>/dev/null >"$results/llama-$type.json"
done
python3 - "$results" "$BENCH_P" $BENCH_TYPES <<"PY"
import json, os, sys
results, prompts, types = sys.argv[1], [int(p) for p in sys.argv[2].split()], sys.argv[3:]
stream = json.load(open(results + "/stream.json"))
head = ["model"]
for p in prompts:
    head += ["hearth pp%d" % p, "llama.cpp pp%d" % p, "ratio"]
head += ["hearth tg", "llama.cpp tg", "ratio", "hearth GB/s (tg)", "llama.cpp GB/s (tg)"]
print("| " + " | ".join(head) + " |")
print("|" + " --- |" * len(head))
variant = ""
for t in types:
    runs = json.load(open(results + "/llama-" + t + ".json"))
    row = [os.environ["BENCH_ARCH"] + " " + t]
    for p in prompts:
        h = json.load(open("%s/hearth-%s-pp%d.json" % (results, t, p)))
        l = next(r for r in runs if r["n_prompt"] == p and r["n_gen"] == 0)
        row += ["%.1f ± %.1f" % (h["pp"]["mean"], h["pp"]["sd"]),
                "%.1f ± %.1f" % (l["avg_ts"], l["stddev_ts"]), "**%.2f**" % (h["pp"]["mean"] / l["avg_ts"])]
    h = json.load(open("%s/hearth-%s-tg.json" % (results, t)))
    variant = h["backend"]
    l = next(r for r in runs if r["n_gen"] > 0 and r["n_prompt"] == 0)
    row += ["%.1f ± %.1f" % (h["tg"]["mean"], h["tg"]["sd"]), "%.1f ± %.1f" % (l["avg_ts"], l["stddev_ts"]),
            "**%.2f**" % (h["tg"]["mean"] / l["avg_ts"]), "%.1f" % h["gbs"],
            "%.1f" % (h["bytes_per_token"] * l["avg_ts"] / 1e9)]
    print("| " + " | ".join(row) + " |")
print()
print("hearth: %s; llama.cpp: %s, %s; %s threads; memory read bandwidth (stream_read, %d MiB): %.1f GB/s"
      % (variant, runs[0]["build_commit"] if "build_commit" in runs[0] else "?", runs[0]["cpu_info"],
         runs[0]["n_threads"], stream["mib"], stream["gbs"]))
PY
rm -rf "$results"
'
