// Hyper-parameters of a transformer, read from a GGUF file's `{arch}.*` keys. Architecture
// differences are data here (rope pairing, optional biases and norms), so one forward pass
// serves every supported architecture.
#pragma once

#include "gguf/gguf_file.h"
#include "result.h"

#include <cstdint>
#include <span>
#include <string>
#include <string_view>

namespace hearth {

// How RoPE pairs the dimensions of a head: Norm rotates adjacent pairs (x[2i], x[2i+1])
// (llama; its converter permuted Q/K for this), Neox rotates (x[i], x[i + n_rot/2]).
enum class RopeStyle { Norm, Neox };

struct ArchitectureTraits {
    std::string_view name;
    RopeStyle rope;
};

// Architectures the engine runs, in the order they are listed to users.
std::span<const ArchitectureTraits> supported_architectures();

struct ModelConfig {
    std::string architecture;
    RopeStyle rope_style = RopeStyle::Norm;
    uint32_t n_vocab = 0;
    uint32_t n_embd = 0;
    uint32_t n_layer = 0;
    uint32_t n_head = 0;
    uint32_t n_head_kv = 0;
    uint32_t head_dim = 0; // {arch}.attention.key_length, default n_embd / n_head
    uint32_t n_ff = 0;
    uint32_t n_ctx_train = 0;
    uint32_t n_rot = 0; // rotated dimensions per head, default head_dim
    float rms_eps = 1e-5f;
    float rope_freq_base = 10000.0f;
    float rope_freq_scale = 1.0f; // linear scaling: positions are multiplied by this
    // Set from the tensors present (see bind_weights):
    bool tied_embeddings = false;   // no output.weight: token_embd is the output projection
    bool qkv_bias = false;          // attn_{q,k,v}.bias (qwen2)
    bool qk_norm = false;           // per-head RMSNorm of q and k before RoPE (qwen3)
    bool rope_freq_factors = false; // rope_freqs.weight divides each frequency (llama 3.1+)

    uint32_t q_dim() const { return n_head * head_dim; }
    uint32_t kv_dim() const { return n_head_kv * head_dim; }
};

Result<ModelConfig> load_config(const gguf::File& file);

} // namespace hearth
