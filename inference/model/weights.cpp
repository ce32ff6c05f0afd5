#include "model/weights.h"

namespace hearth {

namespace {

std::string shape_text(uint64_t rows, uint64_t cols) {
    return rows == 1 ? "[" + std::to_string(cols) + "]"
                     : "[" + std::to_string(rows) + " x " + std::to_string(cols) + "]";
}

class Binder {
public:
    explicit Binder(const gguf::File& file) : file_(file) {}

    // A tensor of shape [rows][cols] (rows == 1: a vector). Absent + optional: empty view.
    Result<TensorView> get(const std::string& name, uint64_t rows, uint64_t cols,
                           bool optional = false) const {
        const gguf::TensorInfo* info = file_.find_tensor(name);
        if (info == nullptr) {
            if (optional) {
                return TensorView{};
            }
            return Error{file_.name() + " lacks the tensor " + name + ", which the model needs"};
        }
        const bool matrix = rows > 1;
        const bool shape_ok = info->ne[0] == cols && info->ne[1] == (matrix ? rows : 1) &&
                              info->ne[2] == 1 && info->ne[3] == 1;
        if (!shape_ok) {
            return Error{"tensor " + name + " has shape " + shape_text(info->rows(), info->ne[0]) +
                         ", expected " + shape_text(rows, cols)};
        }
        if (!traits(info->type).dequantizable) {
            return Error{"tensor " + name + " has type " + std::string(type_name(info->type)) +
                         ", which Hearth cannot run yet"};
        }
        return TensorView{info->name, info->type, info->rows(), info->ne[0],
                          file_.tensor_data(*info)};
    }

private:
    const gguf::File& file_;
};

} // namespace

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

    Binder bind(file);
    Weights w;
    std::vector<Error> errors;
    auto take = [&](TensorView& slot, Result<TensorView> r) {
        if (r) {
            slot = *r;
        } else {
            errors.push_back(r.error());
        }
    };
    take(w.token_embd, bind.get("token_embd.weight", c.n_vocab, c.n_embd));
    take(w.output_norm, bind.get("output_norm.weight", 1, c.n_embd));
    take(w.output, bind.get("output.weight", c.n_vocab, c.n_embd, true));
    take(w.rope_freqs, bind.get("rope_freqs.weight", 1, c.n_rot / 2, true));
    for (uint32_t i = 0; i < c.n_layer && errors.empty(); ++i) {
        const std::string p = "blk." + std::to_string(i) + ".";
        LayerWeights& l = w.layers.emplace_back();
        take(l.attn_norm, bind.get(p + "attn_norm.weight", 1, c.n_embd));
        take(l.wq, bind.get(p + "attn_q.weight", c.q_dim(), c.n_embd));
        take(l.wk, bind.get(p + "attn_k.weight", c.kv_dim(), c.n_embd));
        take(l.wv, bind.get(p + "attn_v.weight", c.kv_dim(), c.n_embd));
        take(l.bq, bind.get(p + "attn_q.bias", 1, c.q_dim(), true));
        take(l.bk, bind.get(p + "attn_k.bias", 1, c.kv_dim(), true));
        take(l.bv, bind.get(p + "attn_v.bias", 1, c.kv_dim(), true));
        take(l.q_norm, bind.get(p + "attn_q_norm.weight", 1, c.head_dim, true));
        take(l.k_norm, bind.get(p + "attn_k_norm.weight", 1, c.head_dim, true));
        take(l.wo, bind.get(p + "attn_output.weight", c.n_embd, c.q_dim()));
        take(l.ffn_norm, bind.get(p + "ffn_norm.weight", 1, c.n_embd));
        take(l.w_gate, bind.get(p + "ffn_gate.weight", c.n_ff, c.n_embd));
        take(l.w_up, bind.get(p + "ffn_up.weight", c.n_ff, c.n_embd));
        take(l.w_down, bind.get(p + "ffn_down.weight", c.n_embd, c.n_ff));
    }
    if (!errors.empty()) {
        return errors.front();
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
    return w;
}

} // namespace hearth
