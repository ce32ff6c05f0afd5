#include "model/moe_routing.h"

#include <algorithm>
#include <cmath>

namespace hearth {

namespace {

// Softmax of x in place, accumulated in double (max subtracted for stability).
void softmax(std::span<float> x) {
    float max = -INFINITY;
    for (float v : x) {
        max = std::max(max, v);
    }
    double sum = 0.0;
    for (float& v : x) {
        v = float(std::exp(double(v) - double(max)));
        sum += v;
    }
    for (float& v : x) {
        v = float(double(v) / sum);
    }
}

bool chosen(std::span<const ExpertPick> picks, uint32_t e) {
    return std::any_of(picks.begin(), picks.end(),
                       [e](const ExpertPick& p) { return p.expert == e; });
}

} // namespace

void route_token(const MoeRouting& r, std::span<float> logits, std::span<const float> bias,
                 std::span<ExpertPick> out) {
    const uint32_t n = r.n_expert, k = std::min<uint32_t>(r.n_expert_used, n);
    std::span<float> probs = logits.first(n);
    switch (r.gating) {
    case ExpertGating::Softmax:
        softmax(probs);
        break;
    case ExpertGating::Sigmoid:
        for (float& v : probs) {
            v = float(1.0 / (1.0 + std::exp(-double(v))));
        }
        break;
    case ExpertGating::SoftmaxWeight: // chosen on the logits, weighted below
        break;
    }
    const auto score = [&](uint32_t e) {
        const float s = probs[e] + (bias.empty() ? 0.0f : bias[e]);
        return std::isnan(s) ? -INFINITY : s;
    };
    // Top k by repeated selection (k is small): only a strictly greater score replaces the
    // best so far, so ties keep the lower index.
    for (uint32_t i = 0; i < k; ++i) {
        uint32_t best = n;
        float best_score = -INFINITY;
        for (uint32_t e = 0; e < n; ++e) {
            if (chosen(out.first(i), e)) {
                continue;
            }
            const float s = score(e);
            if (best == n || s > best_score) {
                best = e;
                best_score = s;
            }
        }
        out[i] = {best, probs[best]};
    }
    if (r.gating == ExpertGating::SoftmaxWeight && k > 0) {
        float max = -INFINITY;
        for (uint32_t i = 0; i < k; ++i) {
            max = std::max(max, out[i].weight);
        }
        double sum = 0.0;
        for (uint32_t i = 0; i < k; ++i) {
            out[i].weight = float(std::exp(double(out[i].weight) - double(max)));
            sum += out[i].weight;
        }
        for (uint32_t i = 0; i < k; ++i) {
            out[i].weight = float(double(out[i].weight) / sum);
        }
    }
    if (r.normalize) {
        double sum = 0.0;
        for (uint32_t i = 0; i < k; ++i) {
            sum += out[i].weight;
        }
        sum = std::max(sum, double(MoeRouting::kMinWeightSum));
        for (uint32_t i = 0; i < k; ++i) {
            out[i].weight = float(double(out[i].weight) / sum);
        }
    }
    if (r.scale != 1.0f) {
        for (uint32_t i = 0; i < k; ++i) {
            out[i].weight *= r.scale;
        }
    }
}

} // namespace hearth
