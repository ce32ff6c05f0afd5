// Random-weight tiny models for every architecture and tensor type, written as real GGUF
// files (through GgufWriter and the reference quantizers), so every arch x type combination
// runs without downloads. All sizes are multiples of 256 so K-quants apply everywhere.
#pragma once

#include "tensor/ggml_type.h"

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace hearth::test {

struct SyntheticSpec {
    std::string architecture = "llama"; // llama, qwen2 (q/k/v biases), qwen3 (q/k norms),
                                        // qwen3moe (q/k norms, a mixture of experts) or gpt-oss
                                        // (experts, every bias, sinks, window 8 on even
                                        // layers, YaRN)
    GgmlType type = GgmlType::F32;      // every matrix, token_embd included
    uint32_t n_vocab = 300;
    uint32_t n_embd = 256;
    uint32_t n_layer = 2;
    uint32_t n_head = 4;
    uint32_t n_head_kv = 2;
    uint32_t head_dim = 64;
    uint32_t n_ff = 512;
    // qwen3moe, gpt-oss: experts per layer, chosen per token, each one's FFN width (the router is
    // F32, as llama-quantize leaves it; the expert stacks have the spec's type).
    uint32_t n_expert = 8;
    uint32_t n_expert_used = 2;
    uint32_t n_ff_exp = 256;
    uint32_t n_ctx = 128;
    bool tied_embeddings = false; // no output.weight
    bool rope_freqs = false;      // llama 3 style frequency divisors
    float rope_freq_base = 10000.0f;
    uint64_t seed = 1;
    // A GGUF whose tokenizer.* keys are copied (n_vocab then follows its token count);
    // empty: no tokenizer.
    std::string vocabulary;
    // tokenizer.chat_template (replacing the vocabulary's); empty: the vocabulary's, if any.
    std::string chat_template;
};

// The GGUF bytes of a model following `spec`. Biases exist for qwen2 and gpt-oss, q/k norms for
// qwen3 and qwen3moe, experts for qwen3moe and gpt-oss.
// Empty when the vocabulary file cannot be read.
std::vector<std::byte> make_synthetic_model(const SyntheticSpec& spec);

} // namespace hearth::test
