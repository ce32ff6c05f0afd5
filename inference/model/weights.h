// The weights of a model as views into the mapped GGUF file: nothing is copied or converted
// here. Shapes are written [rows][cols]: a matrix of `rows` output rows of `cols` contiguous
// input elements (GGUF ne = {cols, rows}).
#pragma once

#include "gguf/gguf_file.h"
#include "model/model_config.h"
#include "result.h"
#include "tensor/ggml_type.h"

#include <span>
#include <string_view>
#include <vector>

namespace hearth {

struct TensorView {
    std::string_view name;
    GgmlType type = GgmlType::F32;
    uint64_t rows = 0;
    uint64_t cols = 0;
    std::span<const std::byte> data;

    bool present() const { return !data.empty(); }
    std::span<const std::byte> row(uint64_t r) const {
        const uint64_t bytes = row_bytes(type, cols);
        return data.subspan(r * bytes, bytes);
    }
};

struct LayerWeights {
    TensorView attn_norm;      // [n_embd]
    TensorView wq;             // [n_head * head_dim][n_embd]
    TensorView wk;             // [n_head_kv * head_dim][n_embd]
    TensorView wv;             // [n_head_kv * head_dim][n_embd]
    TensorView bq, bk, bv;     // [q_dim], [kv_dim], [kv_dim]   (qkv_bias only)
    TensorView q_norm, k_norm; // [head_dim]                    (qk_norm only)
    TensorView wo;             // [n_embd][n_head * head_dim]
    TensorView bo;             // [n_embd]                      (optional; gpt-oss)
    TensorView sinks;          // [n_head] a logit per query head (attention_sinks only)
    TensorView post_attn_norm; // [n_embd] normalises the attention output (post_norms only)
    TensorView ffn_norm;       // [n_embd]
    TensorView w_gate;         // [n_ff][n_embd]                (dense layers)
    TensorView w_up;           // [n_ff][n_embd]
    TensorView w_down;         // [n_embd][n_ff]
    // A mixture-of-experts layer instead: the router, and every expert's matrices stacked
    // (GGUF's 3-D {cols, rows, n_expert} tensors, one expert after another; expert() views one).
    TensorView router;    // [n_expert][n_embd]             ffn_gate_inp
    TensorView gate_exps; // [n_expert * n_ff_exp][n_embd]
    TensorView up_exps;   // [n_expert * n_ff_exp][n_embd]
    TensorView down_exps; // [n_expert * n_embd][n_ff_exp]
    // Their biases (optional; gpt-oss): the router's is added to its logits, an expert's to its
    // gate, up and down outputs (GGUF {out, n_expert}: expert e's row e).
    TensorView router_bias;    // [n_expert]
    TensorView gate_exps_bias; // [n_expert][n_ff_exp]
    TensorView up_exps_bias;   // [n_expert][n_ff_exp]
    TensorView down_exps_bias; // [n_expert][n_embd]
    TensorView post_ffn_norm;  // [n_embd] normalises the FFN output (post_norms only)
};

// Expert e's matrix of a stack of n_expert equal matrices: a view of its rows, nothing copied
// (expert e starts at byte e * rows * row_bytes).
TensorView expert(const TensorView& stack, uint32_t n_expert, uint32_t e);

struct Weights {
    TensorView token_embd; // [n_vocab][n_embd]: one row per token
    std::vector<LayerWeights> layers;
    TensorView output_norm; // [n_embd]
    TensorView output;      // [n_vocab][n_embd]; the same view as token_embd when tied
    TensorView rope_freqs;  // [n_rot / 2] frequency divisors (rope_freq_factors only)
    TensorView rope_factors_long, rope_factors_short; // [n_rot / 2] LongRoPE's (phi3)
};

// Finds and checks every tensor the architecture needs (shape and a type the engine can
// run), splits fused ones into views (phi3's attn_qkv and gate+up), and records optional ones
// (biases, q/k norms, RoPE frequency factors, tied output) in `config`.
Result<Weights> bind_weights(const gguf::File& file, ModelConfig& config);

} // namespace hearth
