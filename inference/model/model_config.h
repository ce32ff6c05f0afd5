// Hyper-parameters of a transformer, read from a GGUF file's `{arch}.*` keys. Architecture
// differences are data here (a table of traits per architecture name, and per-layer
// choices), so one forward pass per backend serves every supported architecture.
#pragma once

#include "gguf/gguf_file.h"
#include "model/moe_routing.h"
#include "model/rope.h"
#include "result.h"

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace hearth {

// How RoPE pairs the dimensions of a head: Norm rotates adjacent pairs (x[2i], x[2i+1])
// (llama; its converter permuted Q/K for this), Neox rotates (x[i], x[i + n_rot/2]).
enum class RopeStyle { Norm, Neox };

// The FFN's gate activation: SiLU (SwiGLU), the tanh form of GELU (GeGLU, Gemma), or gpt-oss's
// clamped SwiGLU: g = min(gate, 7), u = clamp(up, -7, 7), g sigma(1.702 g) (u + 1) (llama.cpp's
// swiglu_oai; the + 1 and the clamps are how the model was trained).
enum class Activation { Silu, GeluTanh, SwigluOai };

// Where the per-head RMSNorm of q and k (attn_q_norm / attn_k_norm) sits.
enum class QkNormAt { BeforeRope, AfterRope };

struct ArchitectureTraits {
    std::string_view name;    // general.architecture
    std::string_view display; // the family's name, for people
    RopeStyle rope;
    Activation activation = Activation::Silu;
    QkNormAt qk_norm_at = QkNormAt::BeforeRope;
    // Tensor names that differ from llama's (seed_oss: its pre-FFN norm).
    std::string_view ffn_norm = "ffn_norm";
    // gemma3: block outputs are normed (post_attention_norm, post_ffw_norm) before the
    // residual add, embeddings are scaled by sqrt(n_embd), 5 of every 6 layers attend within
    // a sliding window with RoPE base 10000 unscaled, and final-logit soft-capping applies only
    // to a file without a window (llama.cpp's non-SWA graph).
    bool post_norms = false;
    bool scale_embeddings = false;
    uint32_t sliding_pattern = 0; // layer i slides iff i % pattern < pattern - 1 (0: none)
    bool local_rope = false;      // sliding layers have their own RoPE (gemma3's), else the global
    bool softcap_needs_no_window = false;
    // smollm3: every `no_rope_every`-th layer (i + 1 divisible) has no RoPE (0: none).
    uint32_t no_rope_every = 0;
    // granite: rope.scaling.finetuned = false switches RoPE off in every layer.
    bool rope_finetuned_key = false;
    // qwen3moe: every layer's FFN is a mixture of experts ({arch}.expert_count,
    // expert_used_count, expert_feed_forward_length); the chosen experts' weights are
    // renormalised unless {arch}.expert_weights_norm says otherwise.
    bool moe = false;
    bool moe_normalize = false;
    ExpertGating gating = ExpertGating::Softmax; // when {arch}.expert_gating_func is absent or 0
    // gpt-oss: every projection has a bias (q, k, v, o, the router, each expert's gate, up and
    // down) and every query head a sink logit (attn_sinks); the file must have them all.
    bool projection_biases = false;
    bool attention_sinks = false;
};
// Architectures the engine runs, in the order they are listed to users.
std::span<const ArchitectureTraits> supported_architectures();
const ArchitectureTraits* find_architecture(std::string_view name); // null: not supported

// What differs between the layers of one model.
struct LayerConfig {
    uint32_t window = 0; // attends to the last `window` positions only (0: all)
    int rope = 0;        // index into ModelConfig::rope, or -1: no RoPE
    bool moe = false;    // the FFN is a mixture of experts (ModelConfig::moe)
};

struct ModelConfig {
    std::string architecture;
    RopeStyle rope_style = RopeStyle::Norm;
    Activation activation = Activation::Silu;
    QkNormAt qk_norm_at = QkNormAt::BeforeRope;
    std::string ffn_norm_name = "ffn_norm";
    uint32_t n_vocab = 0;
    uint32_t n_embd = 0;
    uint32_t n_layer = 0;
    uint32_t n_head = 0;
    uint32_t n_head_kv = 0;
    uint32_t head_dim = 0; // {arch}.attention.key_length, default n_embd / n_head
    uint32_t n_ff = 0;
    uint32_t n_ctx_train = 0;
    // Mixture of experts (n_expert 0: none): the routing, and each expert's FFN width.
    MoeRouting moe;
    uint32_t n_ff_exp = 0;
    uint32_t n_rot = 0; // rotated dimensions per head, default head_dim
    float rms_eps = 1e-5f;
    float rope_freq_base = 10000.0f;
    float rope_freq_scale = 1.0f; // linear scaling or YaRN: positions are multiplied by this
    uint32_t n_ctx_orig = 0;      // the context RoPE was trained for before scaling
    // RoPE variants (global layers first; gemma3's sliding layers use a second one) and each
    // layer's choices. Frequency factors (rope_freqs) are filled in by bind_weights; LongRoPE's
    // two sets (phi3) are kept here and chosen by for_context().
    std::vector<RopeSpec> rope;
    std::vector<float> rope_factors_short, rope_factors_long;
    std::vector<LayerConfig> layers;
    // Scales: embeddings (gemma3 sqrt(n_embd), granite), each block's output before its
    // residual add (granite), q.k (0: 1 / sqrt(head_dim)), logits (granite: 1 / scale).
    float embedding_scale = 1.0f;
    float residual_scale = 1.0f;
    float attention_scale = 0.0f;
    float logit_scale = 1.0f;
    float final_logit_softcap = 0.0f; // logits = c tanh(logits / c) (0: none)
    // mistral3: q is multiplied by 1 + beta ln(1 + floor(pos / n)) (0: off).
    float attention_temperature_beta = 0.0f;
    uint32_t attention_temperature_length = 0;
    bool post_norms = false;
    bool projection_biases = false; // the architecture requires every bias (gpt-oss)
    bool attention_sinks = false;   // ... and attn_sinks (see ArchitectureTraits)
    // Set from the tensors present (see bind_weights):
    bool tied_embeddings = false;   // no output.weight: token_embd is the output projection
    bool qkv_bias = false;          // attn_{q,k,v}.bias (qwen2, seed_oss)
    bool qk_norm = false;           // per-head RMSNorm of q and k (qwen3, gemma3, hunyuan)
    bool rope_freq_factors = false; // rope_freqs.weight divides each frequency (llama 3.1+)

    uint32_t q_dim() const { return n_head * head_dim; }
    uint32_t kv_dim() const { return n_head_kv * head_dim; }
    // The q.k scale of attention, and its factor for a query at `pos` (mistral3's attention
    // temperature: 1 + beta ln(1 + floor(pos / length)); 1 without).
    float kq_scale() const;
    float temperature(uint32_t pos) const;
    // This configuration for a session of `n_ctx` positions: LongRoPE's long factors when
    // n_ctx exceeds the original context (llama.cpp's rule), its short ones otherwise.
    ModelConfig for_context(uint32_t n_ctx) const;
};

Result<ModelConfig> load_config(const gguf::File& file);

} // namespace hearth
