// log softmax(logits)[token], computed in double: how the golden tests compare a backend's
// distribution with llama.cpp's recorded log-probabilities.
#pragma once

#include "token.h"

#include <algorithm>
#include <cmath>
#include <span>

namespace hearth::test {

inline double log_prob(std::span<const float> logits, Token token) {
    const float max_logit = *std::max_element(logits.begin(), logits.end());
    double sum = 0.0;
    for (float v : logits) {
        sum += std::exp(double(v) - max_logit);
    }
    return double(logits[size_t(token)]) - max_logit - std::log(sum);
}

} // namespace hearth::test
