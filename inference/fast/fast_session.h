// The fast CPU backend: the same architecture-as-data forward pass as the reference
// (cpu/cpu_session.h), with SIMD kernels chosen for this CPU (kernels.h), 8-bit activations
// against the weights as they lie in the mapped file, prompt batches as matrix x matrix
// products, an f16 KV cache and a persistent thread pool. Nothing is allocated per token.
#pragma once

#include "fast/acts.h"
#include "fast/kernels.h"
#include "fast/matmul.h"
#include "fast/spin_pool.h"
#include "model/kv_cache.h"
#include "model/model.h"
#include "result.h"
#include "session.h"

#include <memory>
#include <string>
#include <vector>

namespace hearth::fast {

class FastSession : public Session {
public:
    // threads == 0: one per physical core. variant: null for choose_variant().
    // first_layer > 0 makes a back session for partial offload: it runs layers
    // [first_layer, n_layer) and the head on hidden states another backend computed
    // (eval_hidden), and keeps the KV cache of those layers only.
    static Result<std::unique_ptr<FastSession>> create(const Model& model, uint32_t n_ctx,
                                                       unsigned threads = 0,
                                                       const Kernels* variant = nullptr,
                                                       uint32_t first_layer = 0);

    // A back session's pass: `hidden` holds [n][n_embd] residual-stream states after layer
    // first_layer - 1 for positions n_past().. ; returns the logits after the last one. The
    // token calls below are errors on a back session.
    Result<std::span<const float>> eval_hidden(std::span<const float> hidden);
    uint32_t first_layer() const { return first_layer_; }

    Result<std::span<const float>> eval(Token token) override;
    Result<std::span<const float>> eval_batch(std::span<const Token> tokens) override;
    Result<Token> eval_greedy(Token token) override; // the vectorised argmax
    uint32_t n_past() const override { return n_past_; }
    uint32_t n_ctx() const override { return n_ctx_; }
    void truncate(uint32_t n) override;
    BackendDescription backend_description() const override;
    // Dense models run as fast in pieces of 64 as in larger ones; a mixture of experts gives
    // each expert more tokens per grouped product in a whole batch (qwen3moe: about 1.6x).
    uint32_t prompt_batch() const override { return c_.moe.n_expert > 0 ? kMaxBatch : 64; }

    const Kernels& kernels() const { return kern_; }
    unsigned threads() const { return pool_.size(); }

    // Prompt tokens per forward pass (longer batches are split).
    static constexpr uint32_t kMaxBatch = 256;

private:
    FastSession(const Model& model, uint32_t n_ctx, unsigned threads, const Kernels& k,
                uint32_t first_layer);
    Matrix matrix(const TensorView& t) const;
    Result<void> check_room(size_t tokens) const;
    void forward(std::span<const Token> tokens);
    void run_layers(size_t tokens); // layers [first_layer_, n_layer) and the head on x_
    void rope_tables(uint32_t pos0, size_t tokens);
    float* rope_table(size_t variant, size_t t) const;
    void run_block_output(const Matrix& w, const float* x, size_t cols, size_t tokens,
                          const std::vector<float>& bias, const std::vector<float>& post_norm);
    void add_block_output(const std::vector<float>& bias, const std::vector<float>& post_norm,
                          size_t t0, size_t t1);
    GatedKernel gated_kernel() const;
    void attention_block(uint32_t layer, size_t tokens, uint32_t pos0);
    void store_kv(uint32_t layer, size_t t, uint32_t pos);
    void dense_ffn(uint32_t layer, size_t tokens);
    void moe_ffn(uint32_t layer, size_t tokens); // fast_moe.cpp
    void route(uint32_t layer, size_t tokens);
    void moe_token(uint32_t layer);
    void moe_batch(uint32_t layer, size_t tokens);
    void add_gate_up_bias(uint32_t layer, uint32_t e, float* gate, float* up, size_t n) const;
    template <class Fn> void for_tokens(size_t tokens, Fn&& fn);

    struct LayerVectors { // small tensors converted once: norms, biases, sinks
        std::vector<float> attn_norm, ffn_norm, bq, bk, bv, q_norm, k_norm;
        std::vector<float> post_attn_norm, post_ffn_norm;
        std::vector<float> bo, sinks;                     // [n_embd], [n_head] or empty
        std::vector<float> router_bias;                   // [n_expert] or empty
        std::vector<float> gate_bias, up_bias, down_bias; // [n_expert][n_ff_exp or n_embd]
    };

    const Model& model_;
    const ModelConfig c_; // the model's, fitted to this context (for_context)
    const Kernels& kern_;
    SpinPool pool_;
    MatmulRunner mm_;
    uint32_t n_ctx_;
    uint32_t first_layer_; // 0, or where a back session starts
    uint32_t n_past_ = 0;
    KvLayout kv_;                     // positions per layer: sliding layers keep a ring
    std::vector<size_t> k_at_, v_at_; // where each layer's keys and values start

    std::vector<LayerVectors> layers_;
    std::vector<float> output_norm_;
    // Caches, f16, per layer of capacity C (a multiple of lanes; position p in slot p % C):
    // keys [n_head_kv][C / lanes][head_dim][lanes] (transposed blocks, see op_kernels.h),
    // values [C][kv_dim].
    Aligned<uint16_t> k_cache_, v_cache_;
    // Activations of a batch of B = kMaxBatch tokens.
    Aligned<float> x_, h_;     // [B][n_embd] residual stream, normalised copy
    Aligned<float> q_, att_;   // [B][q_dim]
    Aligned<float> k_, v_;     // [B][kv_dim]
    Aligned<float> gate_, up_; // [B][n_ff] or [B * n_expert_used][n_ff_exp]
    Aligned<float> rope_;      // [rope variants][B][n_rot]: cos then sin of each angle
    Aligned<float> o_;         // [B][n_embd] a block's output when it is normed or scaled first
    Aligned<uint16_t> k16_;    // [B][kv_dim] keys as f16 before they are scattered
    // Mixture of experts: router outputs, each token's picks, the (token, pick) pairs grouped
    // by expert into slots (counting sort: expert e's slots are [start_[e], start_[e + 1]),
    // slot s holds pair routed_[s], pair p is in slot slot_[p]), the slots' inputs and down
    // outputs, and the products of one token's pass.
    Aligned<float> router_;            // [B][n_expert]
    std::vector<ExpertPick> picks_;    // [B][n_expert_used]
    std::vector<uint32_t> start_;      // [n_expert + 1]
    std::vector<uint32_t> routed_;     // [B * n_expert_used] token * n_expert_used + pick
    std::vector<uint32_t> slot_;       // [B * n_expert_used]
    Aligned<float> xs_, ys_;           // [B * n_expert_used][n_embd]
    std::vector<Product> products_;    // capacity 2 n_expert_used
    std::vector<const float*> inputs_; // capacity n_expert_used: the down products' inputs
    std::vector<uint32_t> visible_;    // [B * n_head] positions each query row attends to
    std::vector<float> logits_;        // [n_vocab]
};

// fn(t0, t1) over tokens [0, tokens): split among the threads, or on this thread alone for a
// few tokens, where waking the others costs more than the work.
template <class Fn> void FastSession::for_tokens(size_t tokens, Fn&& fn) {
    if (tokens < MatmulRunner::kGemmTokens) {
        fn(size_t(0), tokens);
        return;
    }
    pool_.run([&](unsigned th, unsigned n) { fn(tokens * th / n, tokens * (th + 1) / n); });
}

} // namespace hearth::fast
