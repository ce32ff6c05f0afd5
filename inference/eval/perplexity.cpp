#include "eval/perplexity.h"

#include <algorithm>
#include <cmath>

namespace hearth {

Result<PerplexityResult> perplexity(const Model& model, std::span<const Token> tokens,
                                    uint32_t n_ctx, Token bos, SessionOptions options) {
    if (n_ctx < 4) {
        return Error{"perplexity needs a context of at least 4 tokens"};
    }
    PerplexityResult result;
    result.chunks = tokens.size() / n_ctx;
    if (result.chunks == 0) {
        return Error{"the text has " + std::to_string(tokens.size()) +
                     " tokens, fewer than one context of " + std::to_string(n_ctx)};
    }
    options.n_ctx = n_ctx;
    Result<std::unique_ptr<Session>> session = create_session(model, options);
    if (!session) {
        return session.error();
    }
    const uint32_t first = n_ctx / 2;
    double nll = 0.0;
    for (size_t chunk = 0; chunk < result.chunks; ++chunk) {
        const std::span<const Token> window = tokens.subspan(chunk * n_ctx, n_ctx);
        (*session)->truncate(0);
        for (uint32_t pos = 0; pos + 1 < n_ctx; ++pos) {
            const Token input = pos == 0 && bos >= 0 ? bos : window[pos];
            Result<std::span<const float>> logits = (*session)->eval(input);
            if (!logits) {
                return logits.error();
            }
            if (pos < first) {
                continue;
            }
            // -log softmax(logits)[next], computed stably in double.
            const std::span<const float> l = *logits;
            const Token next = window[pos + 1];
            if (next < 0 || size_t(next) >= l.size()) {
                return Error{"token " + std::to_string(next) + " is outside the vocabulary"};
            }
            const float max_logit = *std::max_element(l.begin(), l.end());
            double sum = 0.0;
            for (float v : l) {
                sum += std::exp(double(v) - max_logit);
            }
            nll += std::log(sum) - (double(l[size_t(next)]) - max_logit);
            ++result.scored_tokens;
        }
        result.running.push_back(std::exp(nll / double(result.scored_tokens)));
    }
    result.perplexity = result.running.back();
    return result;
}

} // namespace hearth
