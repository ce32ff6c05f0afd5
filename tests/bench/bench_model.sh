# Sourced by tests/bench/*_vs_llamacpp.sh inside the llama.cpp root. bench_model TYPE prints the
# path of the 246 M-parameter benchmark model of architecture $BENCH_ARCH (default llama) in
# ggml type TYPE, made on first use under $BENCH_BUILD/bench-models: llama by make_bench_model
# (shape $BENCH_MODEL_ARGS), the other architectures by tests/reference/make_tiny_models.py
# --shape bench (the same shape with each architecture's extras: sliding windows, post norms,
# fused tensors, ...). They take the tiny llama's 32,000-token vocabulary; phi3 takes Phi-3's
# (32,064 tokens), whose chat tokens llama.cpp's phi3 loader looks up.
bench_model() {
  local type=$1 arch=${BENCH_ARCH:-llama} dir=$BENCH_BUILD/bench-models model
  local vocab=$HEARTH_MODELS_DIR/tiny/tiny-llama-Q8_0.gguf
  [ "$arch" != phi3 ] || vocab=$HEARTH_MODELS_DIR/vocab/ggml-vocab-phi-3.gguf
  if [ "$arch" = llama ]; then
    model=$dir/bench-$type.gguf
    if [ ! -s "$model" ]; then
      echo "generating $model" >&2
      # shellcheck disable=SC2086
      "$BENCH_BUILD/bin/make_bench_model" "$model.tmp" --type "$type" --vocab "$vocab" \
        $BENCH_MODEL_ARGS >&2
      mv "$model.tmp" "$model"
    fi
  else
    model=$dir/$arch/$arch-$type.gguf
    if [ ! -s "$model" ]; then
      echo "generating $model" >&2
      python3 -B "$BENCH_REPO/tests/reference/make_tiny_models.py" "$dir/$arch" --arch "$arch" \
        --types "$type" --shape bench --vocab "$vocab" >&2
      rm -f "$dir/$arch/$arch-F32.gguf"
    fi
  fi
  echo "$model"
}
