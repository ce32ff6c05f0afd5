// Picks the next token from logits. Order as in llama.cpp: penalties -> top-k -> top-p ->
// min-p -> temperature -> draw. Temperature <= 0 means greedy (argmax after penalties).
// Draws are reproducible for a seed on every platform (own uniform conversion).
#pragma once

#include "gguf/gguf_file.h"
#include "sampling_params.h"
#include "token.h"

#include <cstdint>
#include <deque>
#include <random>
#include <span>
#include <vector>

namespace hearth {

// SamplingParams, its fields' defaults and ranges: sampling_params.h (inference/base).

// The model's recommended values (`general.sampling.*` keys) over `defaults`, each brought
// into its field's range.
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
