// Picks the next token from logits. Order as in llama.cpp: penalties -> top-k -> top-p ->
// min-p -> temperature -> draw. Temperature <= 0 means greedy (argmax after penalties).
// Draws are reproducible for a seed on every platform (own uniform conversion).
#pragma once

#include "gguf/gguf_file.h"
#include "token.h"

#include <cstdint>
#include <deque>
#include <random>
#include <span>
#include <vector>

namespace hearth {

struct SamplingParams {
    float temperature = 0.8f;
    int32_t top_k = 40;          // <= 0: off
    float top_p = 0.95f;         // >= 1: off
    float min_p = 0.05f;         // <= 0: off
    float repeat_penalty = 1.0f; // 1: off; > 1 discourages repeats
    float frequency_penalty = 0.0f;
    float presence_penalty = 0.0f;
    int32_t penalty_last_n = 64; // how many recent tokens the penalties look at
    uint64_t seed = 0;
};

// The model's recommended values (`general.sampling.*` keys) over `defaults`.
SamplingParams sampling_from_gguf(const gguf::File& file, SamplingParams defaults = {});

struct Candidate {
    Token token;
    float logit;
    float p; // probability after all filters (filled by distribution())
};

class Sampler {
public:
    explicit Sampler(const SamplingParams& params);

    // Chooses a token (-1 for empty logits); does not add it to the history (call accept()).
    Token sample(std::span<const float> logits);
    // Adds a token (prompt or generated) to the penalty history.
    void accept(Token token);
    void reset();

    // The candidates that survive the filters, most likely first, with their probabilities
    // at the final temperature: what sample() draws from (for tests and diagnostics).
    std::vector<Candidate> distribution(std::span<const float> logits) const;
    const SamplingParams& params() const { return params_; }

private:
    std::vector<Candidate> penalised(std::span<const float> logits) const;

    SamplingParams params_;
    std::mt19937_64 rng_;
    std::deque<Token> history_;
};

} // namespace hearth
