// Mixture-of-experts routing: which experts a token's hidden state goes to and with what
// weights (llama.cpp's build_moe_ffn, ../shared/ENGINE-FACTS-2.md "MoE routing"). The router
// matrix's outputs (logits) become probabilities by the gating function; a selection bias, if
// any, is added for choosing only; the top k are chosen; their weights are the unbiased
// probabilities, optionally divided by their sum and multiplied by a scale. Qt-free, and the
// same function serves every backend.
#pragma once

#include <cstdint>
#include <span>

namespace hearth {

// How logits become probabilities ({arch}.expert_gating_func: 1 softmax, 2 sigmoid;
// SoftmaxWeight is gpt-oss's: choose on the raw logits, then softmax over the chosen ones).
enum class ExpertGating { Softmax, Sigmoid, SoftmaxWeight };

struct MoeRouting {
    uint32_t n_expert = 0;      // experts per layer (0: the model has none)
    uint32_t n_expert_used = 0; // chosen per token (k)
    ExpertGating gating = ExpertGating::Softmax;
    bool normalize = false; // divide the chosen weights by their sum (at least kMinWeightSum)
    float scale = 1.0f;     // multiplies the chosen weights

    // llama.cpp clamps the sum it divides by to this (the smallest normal f16).
    static constexpr float kMinWeightSum = 6.103515625e-5f;
};

struct ExpertPick {
    uint32_t expert = 0;
    float weight = 0.0f;
};

// Chooses r.n_expert_used experts for one token. logits: [n_expert] the router's outputs for
// it, overwritten with the gating probabilities; bias: empty, or [n_expert] added to them for
// choosing only; out: [n_expert_used], the picks in decreasing order of their selection score.
// Equal scores go to the lower expert index (llama.cpp's top-k leaves the order of exact ties
// unspecified; with real routers they do not occur). A NaN score is never preferred.
void route_token(const MoeRouting& r, std::span<float> logits, std::span<const float> bias,
                 std::span<ExpertPick> out);

} // namespace hearth
