#include "model/weights.h"

#include "tensor/dequant.h"

#include <array>
#include <cmath>

namespace hearth {

namespace {

// A tensor's extent along one axis, in terms of the configuration.
enum class Dim { One, Embd, Q, Kv, Head, Heads, Ff, Vocab, HalfRot, Expert, FfExp };

// Whether a file must have a tensor: always; when the architecture has post norms; unless
// the file fuses it (attn_qkv, or a double-height ffn_up, hold it); in a dense layer (unless
// fused); in a mixture-of-experts layer; never; a bias, required when the architecture has
// projection biases (MoeBias: of a mixture-of-experts layer); when it has attention sinks.
enum class Need { Always, PostNorms, Unfused, Dense, Moe, Optional, Bias, MoeBias, Sinks };

// The tensors of one layer, named as llama.cpp's GGUF files name them after "blk.N.": where
// each goes in LayerWeights and its shape [rows][cols]. `base` empty: the architecture's
// pre-FFN norm name (ModelConfig::ffn_norm_name).
struct LayerTensor {
    std::string_view base, suffix;
    TensorView LayerWeights::* slot;
    Dim rows, cols;
    Need need;
};

constexpr std::array kLayerTensors = {
    LayerTensor{"attn_norm", "weight", &LayerWeights::attn_norm, Dim::One, Dim::Embd, Need::Always},
    LayerTensor{"attn_q", "weight", &LayerWeights::wq, Dim::Q, Dim::Embd, Need::Unfused},
    LayerTensor{"attn_k", "weight", &LayerWeights::wk, Dim::Kv, Dim::Embd, Need::Unfused},
    LayerTensor{"attn_v", "weight", &LayerWeights::wv, Dim::Kv, Dim::Embd, Need::Unfused},
    LayerTensor{"attn_q", "bias", &LayerWeights::bq, Dim::One, Dim::Q, Need::Bias},
    LayerTensor{"attn_k", "bias", &LayerWeights::bk, Dim::One, Dim::Kv, Need::Bias},
    LayerTensor{"attn_v", "bias", &LayerWeights::bv, Dim::One, Dim::Kv, Need::Bias},
    LayerTensor{"attn_q_norm", "weight", &LayerWeights::q_norm, Dim::One, Dim::Head,
                Need::Optional},
    LayerTensor{"attn_k_norm", "weight", &LayerWeights::k_norm, Dim::One, Dim::Head,
                Need::Optional},
    LayerTensor{"attn_output", "weight", &LayerWeights::wo, Dim::Embd, Dim::Q, Need::Always},
    LayerTensor{"attn_output", "bias", &LayerWeights::bo, Dim::One, Dim::Embd, Need::Bias},
    LayerTensor{"attn_sinks", "weight", &LayerWeights::sinks, Dim::One, Dim::Heads, Need::Sinks},
    LayerTensor{"post_attention_norm", "weight", &LayerWeights::post_attn_norm, Dim::One, Dim::Embd,
                Need::PostNorms},
    LayerTensor{"", "weight", &LayerWeights::ffn_norm, Dim::One, Dim::Embd, Need::Always},
    LayerTensor{"ffn_gate", "weight", &LayerWeights::w_gate, Dim::Ff, Dim::Embd, Need::Dense},
    LayerTensor{"ffn_up", "weight", &LayerWeights::w_up, Dim::Ff, Dim::Embd, Need::Dense},
    LayerTensor{"ffn_down", "weight", &LayerWeights::w_down, Dim::Embd, Dim::Ff, Need::Dense},
    LayerTensor{"ffn_gate_inp", "weight", &LayerWeights::router, Dim::Expert, Dim::Embd, Need::Moe},
    LayerTensor{"ffn_gate_inp", "bias", &LayerWeights::router_bias, Dim::One, Dim::Expert,
                Need::MoeBias},
    LayerTensor{"ffn_gate_exps", "bias", &LayerWeights::gate_exps_bias, Dim::Expert, Dim::FfExp,
                Need::MoeBias},
    LayerTensor{"ffn_up_exps", "bias", &LayerWeights::up_exps_bias, Dim::Expert, Dim::FfExp,
                Need::MoeBias},
    LayerTensor{"ffn_down_exps", "bias", &LayerWeights::down_exps_bias, Dim::Expert, Dim::Embd,
                Need::MoeBias},
    LayerTensor{"post_ffw_norm", "weight", &LayerWeights::post_ffn_norm, Dim::One, Dim::Embd,
                Need::PostNorms},
};

// The expert stacks of a mixture-of-experts layer: n_expert matrices of [rows][cols] each.
struct ExpertTensor {
    std::string_view name;
    TensorView LayerWeights::* slot;
    Dim rows, cols;
};

constexpr std::array kExpertTensors = {
    ExpertTensor{"ffn_gate_exps.weight", &LayerWeights::gate_exps, Dim::FfExp, Dim::Embd},
    ExpertTensor{"ffn_up_exps.weight", &LayerWeights::up_exps, Dim::FfExp, Dim::Embd},
    ExpertTensor{"ffn_down_exps.weight", &LayerWeights::down_exps, Dim::Embd, Dim::FfExp},
};

// Model-wide tensors.
struct GlobalTensor {
    std::string_view name;
    TensorView Weights::* slot;
    Dim rows, cols;
    Need need;
};

constexpr std::array kGlobalTensors = {
    GlobalTensor{"token_embd.weight", &Weights::token_embd, Dim::Vocab, Dim::Embd, Need::Always},
    GlobalTensor{"output_norm.weight", &Weights::output_norm, Dim::One, Dim::Embd, Need::Always},
    GlobalTensor{"output.weight", &Weights::output, Dim::Vocab, Dim::Embd, Need::Optional},
    GlobalTensor{"rope_freqs.weight", &Weights::rope_freqs, Dim::One, Dim::HalfRot, Need::Optional},
    GlobalTensor{"rope_factors_long.weight", &Weights::rope_factors_long, Dim::One, Dim::HalfRot,
                 Need::Optional},
    GlobalTensor{"rope_factors_short.weight", &Weights::rope_factors_short, Dim::One, Dim::HalfRot,
                 Need::Optional},
};

uint64_t extent(Dim d, const ModelConfig& c) {
    switch (d) {
    case Dim::One:
        return 1;
    case Dim::Embd:
        return c.n_embd;
    case Dim::Q:
        return c.q_dim();
    case Dim::Kv:
        return c.kv_dim();
    case Dim::Head:
        return c.head_dim;
    case Dim::Heads:
        return c.n_head;
    case Dim::Ff:
        return c.n_ff;
    case Dim::Vocab:
        return c.n_vocab;
    case Dim::HalfRot:
        return c.n_rot / 2;
    case Dim::Expert:
        return c.moe.n_expert;
    case Dim::FfExp:
        return c.n_ff_exp;
    }
    return 0;
}

std::string shape_text(uint64_t rows, uint64_t cols, uint64_t depth = 1) {
    const std::string stack = depth > 1 ? std::to_string(depth) + " x " : "";
    return rows == 1 && depth == 1
               ? "[" + std::to_string(cols) + "]"
               : "[" + stack + std::to_string(rows) + " x " + std::to_string(cols) + "]";
}

class Binder {
public:
    explicit Binder(const gguf::File& file) : file_(file) {}

    // A tensor of shape [rows][cols] (rows == 1: a vector), or a stack of `depth` of them
    // (GGUF {cols, rows, depth}; the view has depth * rows rows). Absent + optional: empty view.
    Result<TensorView> get(const std::string& name, uint64_t rows, uint64_t cols, bool optional,
                           uint64_t depth = 1) const {
        const gguf::TensorInfo* info = file_.find_tensor(name);
        if (info == nullptr) {
            if (optional) {
                return TensorView{};
            }
            return Error{file_.name() + " lacks the tensor " + name + ", which the model needs"};
        }
        const bool shape_ok =
            info->ne[0] == cols && info->ne[1] == rows && info->ne[2] == depth && info->ne[3] == 1;
        if (!shape_ok) {
            return Error{"tensor " + name + " has shape " +
                         shape_text(info->ne[1], info->ne[0], info->ne[2] * info->ne[3]) +
                         ", expected " + shape_text(rows, cols, depth)};
        }
        if (!traits(info->type).dequantizable) {
            return Error{"tensor " + name + " has type " + std::string(type_name(info->type)) +
                         ", which Hearth cannot run yet"};
        }
        return TensorView{info->name, info->type, info->rows(), info->ne[0],
                          file_.tensor_data(*info)};
    }

    bool has(const std::string& name) const { return file_.find_tensor(name) != nullptr; }
    uint64_t rows(const std::string& name) const {
        const gguf::TensorInfo* info = file_.find_tensor(name);
        return info != nullptr ? info->rows() : 0;
    }

private:
    const gguf::File& file_;
};

// Rows [first, first + count) of a matrix: a view of contiguous rows, nothing copied.
TensorView rows_of(const TensorView& m, uint64_t first, uint64_t count) {
    const uint64_t bytes = row_bytes(m.type, m.cols);
    if (m.data.empty()) { // a header-only file (gguf::File::parse_header): no bytes to view
        return TensorView{m.name, m.type, count, m.cols, {}};
    }
    return TensorView{m.name, m.type, count, m.cols, m.data.subspan(first * bytes, count * bytes)};
}

// Phi-3 fuses q, k and v into attn_qkv [q_dim + 2 kv_dim][n_embd] (rows in that order) and
// gate and up into ffn_up [2 n_ff][n_embd] (gate rows first); the parts are row ranges.
Result<void> bind_fused(const Binder& bind, const std::string& p, const ModelConfig& c,
                        LayerWeights& l) {
    if (bind.has(p + "attn_qkv.weight")) {
        Result<TensorView> qkv =
            bind.get(p + "attn_qkv.weight", c.q_dim() + 2ull * c.kv_dim(), c.n_embd, false);
        if (!qkv) {
            return qkv.error();
        }
        l.wq = rows_of(*qkv, 0, c.q_dim());
        l.wk = rows_of(*qkv, c.q_dim(), c.kv_dim());
        l.wv = rows_of(*qkv, c.q_dim() + c.kv_dim(), c.kv_dim());
    }
    if (!bind.has(p + "ffn_gate.weight") && bind.rows(p + "ffn_up.weight") == 2ull * c.n_ff) {
        Result<TensorView> up = bind.get(p + "ffn_up.weight", 2ull * c.n_ff, c.n_embd, false);
        if (!up) {
            return up.error();
        }
        l.w_gate = rows_of(*up, 0, c.n_ff);
        l.w_up = rows_of(*up, c.n_ff, c.n_ff);
    }
    return {};
}

std::vector<float> floats(const TensorView& t) {
    std::vector<float> out(t.cols);
    if (t.present()) {
        dequantize(t.type, t.data, out);
    } else {
        out.clear();
    }
    return out;
}

} // namespace

TensorView expert(const TensorView& stack, uint32_t n_expert, uint32_t e) {
    const uint64_t rows = stack.rows / n_expert;
    return rows_of(stack, uint64_t(e) * rows, rows);
}

Result<Weights> bind_weights(const gguf::File& file, ModelConfig& c) {
    const gguf::TensorInfo* embd = file.find_tensor("token_embd.weight");
    if (embd == nullptr) {
        return Error{file.name() + " lacks the tensor token_embd.weight, which the model needs"};
    }
    if (embd->ne[1] == 0 || embd->ne[1] > UINT32_MAX) {
        return Error{"tensor token_embd.weight has no usable vocabulary size"};
    }
    c.n_vocab = static_cast<uint32_t>(embd->ne[1]);
    // Every token of the vocabulary needs its embedding row and output logit, and no logit
    // may stand for a token the tokenizer does not know (llama.cpp requires the same).
    if (const gguf::Value* tokens = file.find("tokenizer.ggml.tokens");
        tokens != nullptr && tokens->is_array_of(gguf::ValueType::String) &&
        tokens->count != c.n_vocab) {
        return Error{file.name() + " has a vocabulary of " + std::to_string(tokens->count) +
                     " tokens but token_embd.weight has " + std::to_string(c.n_vocab) +
                     " rows; they must match"};
    }

    const Binder bind(file);
    Weights w;
    for (const GlobalTensor& t : kGlobalTensors) {
        Result<TensorView> r = bind.get(std::string(t.name), extent(t.rows, c), extent(t.cols, c),
                                        t.need == Need::Optional);
        if (!r) {
            return r.error();
        }
        w.*t.slot = *r;
    }
    for (uint32_t i = 0; i < c.n_layer; ++i) {
        const std::string p = "blk." + std::to_string(i) + ".";
        LayerWeights& l = w.layers.emplace_back();
        if (Result<void> r = bind_fused(bind, p, c, l); !r) {
            return r.error();
        }
        const bool moe = c.layers[i].moe;
        for (const LayerTensor& t : kLayerTensors) {
            // A fused view has a name even without bytes (a header-only file).
            if (!(l.*t.slot).name.empty() || (t.need == Need::PostNorms && !c.post_norms) ||
                (t.need == Need::Dense && moe) ||
                ((t.need == Need::Moe || t.need == Need::MoeBias) && !moe) ||
                (t.need == Need::Sinks && !c.attention_sinks)) {
                continue; // bound from a fused tensor, or not part of this architecture/layer
            }
            const std::string name = p + std::string(t.base.empty() ? c.ffn_norm_name : t.base) +
                                     "." + std::string(t.suffix);
            const bool bias = t.need == Need::Bias || t.need == Need::MoeBias;
            const bool optional = t.need == Need::Optional || (bias && !c.projection_biases);
            Result<TensorView> r = bind.get(name, extent(t.rows, c), extent(t.cols, c), optional);
            if (!r) {
                return r.error();
            }
            l.*t.slot = *r;
        }
        for (const ExpertTensor& t : kExpertTensors) {
            if (!moe) {
                break;
            }
            Result<TensorView> r = bind.get(p + std::string(t.name), extent(t.rows, c),
                                            extent(t.cols, c), false, c.moe.n_expert);
            if (!r) {
                return r.error();
            }
            l.*t.slot = *r;
        }
    }

    // Optional parts must be all there or all absent across layers.
    c.qkv_bias = w.layers[0].bq.present();
    c.qk_norm = w.layers[0].q_norm.present();
    for (const LayerWeights& l : w.layers) {
        const bool bias = l.bq.present() && l.bk.present() && l.bv.present();
        const bool no_bias = !l.bq.present() && !l.bk.present() && !l.bv.present();
        const bool norm = l.q_norm.present() && l.k_norm.present();
        const bool no_norm = !l.q_norm.present() && !l.k_norm.present();
        if ((c.qkv_bias ? !bias : !no_bias) || (c.qk_norm ? !norm : !no_norm)) {
            return Error{file.name() + " has q/k/v biases or q/k norms in some layers only"};
        }
    }
    c.tied_embeddings = !w.output.present();
    if (c.tied_embeddings) {
        w.output = w.token_embd;
    }
    c.rope_freq_factors = w.rope_freqs.present();
    if (c.rope_freq_factors) { // Llama 3.1's divisors apply to the global RoPE
        c.rope[0].factors = floats(w.rope_freqs);
    }
    if (w.rope_factors_long.present() != w.rope_factors_short.present()) {
        return Error{file.name() + " has only one of LongRoPE's two factor sets"};
    }
    c.rope_factors_long = floats(w.rope_factors_long);
    c.rope_factors_short = floats(w.rope_factors_short);
    for (const std::vector<float>* set :
         {&c.rope[0].factors, &c.rope_factors_long, &c.rope_factors_short}) {
        for (float f : *set) {
            if (!(f > 0.0f) || !std::isfinite(f)) {
                return Error{file.name() + " has a RoPE frequency factor of " + std::to_string(f)};
            }
        }
    }
    return w;
}

} // namespace hearth
