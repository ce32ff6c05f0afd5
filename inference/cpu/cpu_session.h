// The CPU reference forward pass: one token at a time through every layer, with a float32
// KV cache. It reads top to bottom like the architecture (its differences are data in
// ModelConfig) and is the oracle for the other backends; speed is not its job.
#pragma once

#include "cpu/thread_pool.h"
#include "model/model.h"
#include "result.h"
#include "session.h"
#include "token.h"

#include <memory>
#include <span>
#include <vector>

namespace hearth {

class CpuSession : public Session {
public:
    // n_ctx: positions the KV cache holds (at most the model's training context is sensible,
    // not enforced). threads == 0: all hardware threads. f16_cache: round every key and
    // value to f16 (nearest even) as it enters the cache, as the Vulkan backend stores them,
    // so that the two can be compared closely.
    static Result<std::unique_ptr<CpuSession>> create(const Model& model, uint32_t n_ctx,
                                                      unsigned threads = 0, bool f16_cache = false);

    Result<std::span<const float>> eval(Token token) override;
    uint32_t n_past() const override { return n_past_; }
    uint32_t n_ctx() const override { return n_ctx_; }
    void truncate(uint32_t n) override { n_past_ = std::min(n_past_, n); }
    BackendDescription backend_description() const override { return {"cpu-reference", {}}; }

private:
    CpuSession(const Model& model, uint32_t n_ctx, unsigned threads, bool f16_cache);
    void attention(uint32_t layer, uint32_t first, uint32_t end);
    void dense_ffn(const LayerWeights& lw);

    struct LayerVectors { // small tensors converted once: norms, biases, q/k norms, sinks
        std::vector<float> attn_norm, ffn_norm, bq, bk, bv, q_norm, k_norm;
        std::vector<float> post_attn_norm, post_ffn_norm;
        std::vector<float> bo, sinks;                     // [n_embd], [n_head] or empty
        std::vector<float> router_bias;                   // [n_expert] or empty
        std::vector<float> gate_bias, up_bias, down_bias; // [n_expert][n_ff_exp or n_embd]
    };
    void moe_ffn(const LayerWeights& lw, const LayerVectors& lv);

    const Model& model_;
    const ModelConfig c_; // the model's, fitted to this context (for_context)
    ThreadPool pool_;
    uint32_t n_ctx_;
    uint32_t n_past_ = 0;
    bool f16_cache_;
    std::vector<LayerVectors> layers_;
    std::vector<float> output_norm_; // [n_embd]
    std::vector<float> k_cache_;     // [n_layer][n_ctx][kv_dim]
    std::vector<float> v_cache_;     // [n_layer][n_ctx][kv_dim]
    // Activations of the current token.
    std::vector<float> x_, h_;      // [n_embd] residual stream, normalised copy
    std::vector<float> q_, att_;    // [q_dim]
    std::vector<float> k_, v_;      // [kv_dim]
    std::vector<float> o_;          // [n_embd]
    std::vector<float> gate_, up_;  // [max(n_ff, n_ff_exp)]
    std::vector<float> y_;          // [n_embd] one expert's output
    std::vector<float> router_;     // [n_expert] router logits, then probabilities
    std::vector<ExpertPick> picks_; // [n_expert_used]
    std::vector<float> scores_;     // [n_ctx]
    std::vector<float> logits_;     // [n_vocab]
};

} // namespace hearth
