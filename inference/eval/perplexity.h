// Perplexity of a model on a token sequence, computed the way llama.cpp's llama-perplexity
// does so the two can be compared: the tokens are cut into chunks of n_ctx; each chunk
// starts with BOS (replacing its first token) and is evaluated from an empty cache; the
// logits at positions n_ctx/2 .. n_ctx-2 are scored against the following token.
// `options` choose the backend (and threads); their n_ctx is replaced by the argument.
#pragma once

#include "model/model.h"
#include "result.h"
#include "session.h"
#include "token.h"

#include <span>
#include <vector>

namespace hearth {

struct PerplexityResult {
    double perplexity = 0.0;
    size_t chunks = 0;
    size_t scored_tokens = 0;
    std::vector<double> running; // perplexity after each chunk
};

Result<PerplexityResult> perplexity(const Model& model, std::span<const Token> tokens,
                                    uint32_t n_ctx, Token bos, SessionOptions options = {});

} // namespace hearth
