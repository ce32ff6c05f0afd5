#include "sampling/sampler.h"

#include <algorithm>
#include <cmath>
#include <string>
#include <unordered_map>

namespace hearth {

namespace {

// Softmax of the candidates' logits into p (candidates sorted or not).
void softmax(std::vector<Candidate>& cands) {
    float max_logit = -INFINITY;
    for (const Candidate& c : cands) {
        max_logit = std::max(max_logit, c.logit);
    }
    double total = 0.0;
    for (Candidate& c : cands) {
        c.p = static_cast<float>(std::exp(double(c.logit) - max_logit));
        total += c.p;
    }
    for (Candidate& c : cands) {
        c.p = static_cast<float>(c.p / total);
    }
}

// Most likely first; equal logits in token order, so results never depend on the sort.
bool before(const Candidate& a, const Candidate& b) {
    return a.logit > b.logit || (a.logit == b.logit && a.token < b.token);
}

} // namespace

SamplingParams sampling_from_gguf(const gguf::File& file, SamplingParams p) {
    for (const SamplingFieldInfo& f : kSamplingFields) {
        if (f.gguf.empty()) {
            continue;
        }
        const gguf::Value* v = file.find("general.sampling." + std::string(f.gguf));
        if (v == nullptr) {
            continue;
        }
        if (f.integer && v->as_int()) {
            p.set(f.field, static_cast<double>(*v->as_int()));
        } else if (!f.integer && v->as_float()) {
            p.set(f.field, *v->as_float());
        }
    }
    return p;
}

Sampler::Sampler(const SamplingParams& params) : params_(params), rng_(params.seed) {}

void Sampler::accept(Token token) {
    history_.push_back(token);
    while (history_.size() > size_t(std::max(0, params_.penalty_last_n))) {
        history_.pop_front();
    }
}

void Sampler::reset() {
    history_.clear();
    rng_.seed(params_.seed);
}

std::vector<Candidate> Sampler::penalised(std::span<const float> logits) const {
    std::vector<Candidate> cands(logits.size());
    for (size_t i = 0; i < logits.size(); ++i) {
        cands[i] = {Token(i), logits[i], 0.0f};
    }
    std::unordered_map<Token, int> counts;
    for (Token t : history_) {
        ++counts[t];
    }
    for (const auto& [token, count] : counts) {
        if (token < 0 || size_t(token) >= cands.size()) {
            continue;
        }
        float& logit = cands[size_t(token)].logit;
        // Dividing a positive logit and multiplying a negative one both make it less likely.
        logit = logit > 0 ? logit / params_.repeat_penalty : logit * params_.repeat_penalty;
        logit -= float(count) * params_.frequency_penalty + params_.presence_penalty;
    }
    return cands;
}

std::vector<Candidate> Sampler::distribution(std::span<const float> logits) const {
    std::vector<Candidate> cands = penalised(logits);
    if (cands.empty()) {
        return cands;
    }
    if (params_.temperature <= 0.0f) {
        const Candidate best = *std::min_element(cands.begin(), cands.end(), before);
        return {{best.token, best.logit, 1.0f}};
    }
    if (params_.top_k > 0 && size_t(params_.top_k) < cands.size()) {
        std::partial_sort(cands.begin(), cands.begin() + params_.top_k, cands.end(), before);
        cands.resize(size_t(params_.top_k));
    } else {
        std::sort(cands.begin(), cands.end(), before);
    }
    if (params_.top_p < 1.0f) {
        softmax(cands);
        double cumulative = 0.0;
        size_t keep = cands.size();
        for (size_t i = 0; i < cands.size(); ++i) {
            cumulative += cands[i].p;
            if (cumulative >= params_.top_p) {
                keep = i + 1;
                break;
            }
        }
        cands.resize(keep);
    }
    if (params_.min_p > 0.0f) {
        // p >= min_p * p_max  <=>  logit >= max_logit + log(min_p)
        const float threshold = cands.front().logit + std::log(params_.min_p);
        auto end = std::find_if(cands.begin() + 1, cands.end(),
                                [&](const Candidate& c) { return c.logit < threshold; });
        cands.erase(end, cands.end());
    }
    for (Candidate& c : cands) {
        c.logit /= params_.temperature;
    }
    softmax(cands);
    return cands;
}

Token Sampler::sample(std::span<const float> logits) {
    const bool penalties = params_.repeat_penalty != 1.0f || params_.frequency_penalty != 0.0f ||
                           params_.presence_penalty != 0.0f;
    if (params_.temperature <= 0.0f && !penalties) { // greedy: no copy of the vocabulary
        if (logits.empty()) {
            return -1;
        }
        return Token(std::max_element(logits.begin(), logits.end()) - logits.begin());
    }
    const std::vector<Candidate> cands = distribution(logits);
    if (cands.empty()) {
        return -1;
    }
    if (cands.size() == 1) {
        return cands.front().token;
    }
    // A uniform double in [0, 1) from the top 53 bits: the same on every standard library.
    const double u = double(rng_() >> 11) * 0x1.0p-53;
    double cumulative = 0.0;
    for (const Candidate& c : cands) {
        cumulative += c.p;
        if (u < cumulative) {
            return c.token;
        }
    }
    return cands.back().token;
}

} // namespace hearth
