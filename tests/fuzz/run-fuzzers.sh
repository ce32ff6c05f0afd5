#!/usr/bin/env bash
# Fuzzes each target for MINUTES (default 1) with libFuzzer, ASan and UBSan, one after the
# other, and prints per target: executions, coverage (edges and features), corpus size and
# whether it found anything.
#   tests/fuzz/run-fuzzers.sh [MINUTES] [TARGET...]   (targets: gguf jinja markdown archive
#                                                      tokenizer server_request document;
#                                                      default: all)
# Builds the "fuzz" preset (clang) in the build environment of scripts/env.sh. Each target
# starts from its seed corpus (tests/fuzz/corpus/<target>, plus generated GGUF seeds, the
# hostile templates and the shared templates) and its dictionary; inputs that find new
# coverage are kept in build/fuzz/corpus/<target>. A crash, a sanitizer report, a hang
# (over 10 s) or a run out of memory leaves build/fuzz/artifacts/<target>-crash-* (or
# -timeout-, -oom-) and a non-zero exit: copy the input into tests/fuzz/corpus/<target>
# once it is fixed, so that the replay test in CTest guards against its return.
set -euo pipefail
minutes=${1:-1}
shift || true
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(gguf jinja markdown archive tokenizer server_request document)

. "$(dirname "$0")/../../scripts/env.sh"
hearth_choose_env
hearth_become_root "$0" "$minutes" "${targets[@]}"
[ "$HEARTH_BUILD_ENV" = host ] || devroot_ensure
hearth_build fuzz --target fuzzers
hearth_build release --target fuzz_gguf_seeds # a plain tool: no need for the fuzz build

src=$HEARTH_SOURCE_DIR
out=$src/build/fuzz
models=${HEARTH_MODELS_DIR:-$src/../shared/models}
seconds=$(awk -v m="$minutes" 'BEGIN { printf "%d", m * 60 }')
mkdir -p "$out/artifacts" "$out/logs"
hearth_in_env "$src/build/release/tests/fuzz/fuzz_gguf_seeds" "$out/seeds/gguf"

status=0
printf '%-10s %12s %10s %10s %8s  %s\n' target executions exec/s edges corpus result
for t in "${targets[@]}"; do
  mkdir -p "$out/corpus/$t"
  seeds=("$src/tests/fuzz/corpus/$t")
  case $t in
    gguf) seeds+=("$out/seeds/gguf") ;;
    jinja)
      seeds+=("$src/tests/data/templates/hostile")
      [ -d "$models/templates" ] && seeds+=("$(cd "$models/templates" && pwd)")
      ;;
  esac
  log=$out/logs/$t.log
  result=clean
  HEARTH_MODELS_DIR=$models hearth_in_env "$out/fuzzers/fuzz_$t" \
    -max_total_time="$seconds" -timeout=10 -rss_limit_mb=4096 -print_final_stats=1 \
    -dict="$src/tests/fuzz/$t.dict" -artifact_prefix="$out/artifacts/$t-" \
    "$out/corpus/$t" "${seeds[@]}" >"$log" 2>&1 || { result="FOUND SOMETHING (see $log)"; status=1; }
  # A run that never started (a bad dictionary, say) has none of these: "?".
  runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -n 1)
  speed=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log" | tail -n 1)
  edges=$({ grep -oE 'cov: [0-9]+' "$log" || true; } | tail -n 1 | cut -d' ' -f2)
  corpus=$({ grep -oE 'corp: [0-9]+' "$log" || true; } | tail -n 1 | cut -d' ' -f2)
  printf '%-10s %12s %10s %10s %8s  %s\n' "$t" "${runs:-?}" "${speed:-?}" "${edges:-?}" \
    "${corpus:-?}" "$result"
done
exit $status
