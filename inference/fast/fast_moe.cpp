// The fast CPU backend's mixture-of-experts FFN (FastSession::moe_ffn): routing, then each
// chosen expert's FFN over the tokens that chose it.
#include "fast/fast_session.h"

#include <algorithm>

namespace hearth::fast {

namespace {

// Row e of a [n][width] bias stack, or null when there is none.
const float* row_of(const std::vector<float>& stack, uint32_t e, size_t width) {
    return stack.empty() ? nullptr : stack.data() + size_t(e) * width;
}

} // namespace

// The router's logits for every token (plus its bias, which then weights as well as chooses:
// gpt-oss) and its picks (model/moe_routing.h).
void FastSession::route(uint32_t layer, size_t tokens) {
    const LayerWeights& lw = model_.weights.layers[layer];
    const std::vector<float>& bias = layers_[layer].router_bias;
    const size_t E = c_.n_embd, N = c_.moe.n_expert, K = c_.moe.n_expert_used;
    const Product router[] = {{matrix(lw.router), {router_.get(), N, false}}};
    mm_.run(h_.get(), E, tokens, E, router);
    for (size_t t = 0; t < tokens; ++t) {
        float* logits = router_.get() + t * N;
        if (!bias.empty()) {
            kern_.ops.add(logits, bias.data(), N);
        }
        route_token(c_.moe, std::span<float>(logits, N), {},
                    std::span<ExpertPick>(picks_.data() + t * K, K));
    }
}

// The mixture of experts: each chosen expert's FFN over the tokens that chose it, so that its
// matrices are read once per batch (and the other experts' not at all); o = the weighted sum,
// then the residual. One token (generation) runs the gate and up products of all its experts
// in one pass, and their down products in another. A batch (prefill) sorts its (token, pick)
// pairs by expert and runs every expert's gate and up products in one grouped pass, then every
// down product in another (MatmulRunner::run_grouped). Expert biases (gpt-oss) join the gate
// and up outputs before the activation and the down output before the weighting; without them
// nothing extra runs.
void FastSession::moe_ffn(uint32_t layer, size_t tokens) {
    route(layer, tokens);
    if (tokens == 1) {
        moe_token(layer);
    } else {
        moe_batch(layer, tokens);
    }
}

// Gate and up rows [0, n) of expert e (rows i * F) plus its biases.
void FastSession::add_gate_up_bias(uint32_t layer, uint32_t e, float* gate, float* up,
                                   size_t n) const {
    const LayerVectors& lv = layers_[layer];
    const size_t F = c_.n_ff_exp;
    const float *bg = row_of(lv.gate_bias, e, F), *bu = row_of(lv.up_bias, e, F);
    for (size_t i = 0; i < n; ++i) {
        if (bg != nullptr) {
            kern_.ops.add(gate + i * F, bg, F);
        }
        if (bu != nullptr) {
            kern_.ops.add(up + i * F, bu, F);
        }
    }
}

void FastSession::moe_token(uint32_t layer) {
    const LayerWeights& lw = model_.weights.layers[layer];
    const LayerVectors& lv = layers_[layer];
    const size_t E = c_.n_embd, F = c_.n_ff_exp, N = c_.moe.n_expert, K = c_.moe.n_expert_used;
    const bool biased = !lv.gate_bias.empty() || !lv.up_bias.empty();
    const auto one = [&](const TensorView& stack, uint32_t e) {
        return matrix(expert(stack, uint32_t(N), e));
    };
    std::fill_n(o_.get(), E, 0.0f);
    products_.clear();
    for (size_t k = 0; k < K; ++k) {
        const uint32_t e = picks_[k].expert;
        products_.push_back({one(lw.gate_exps, e), {gate_.get() + k * F, F, false}});
        products_.push_back({one(lw.up_exps, e), {up_.get() + k * F, F, false}});
    }
    mm_.run(h_.get(), E, 1, E, products_);
    for (size_t k = 0; biased && k < K; ++k) {
        add_gate_up_bias(layer, picks_[k].expert, gate_.get() + k * F, up_.get() + k * F, 1);
    }
    gated_kernel()(gate_.get(), up_.get(), gate_.get(), K * F);
    products_.clear();
    inputs_.clear();
    for (size_t k = 0; k < K; ++k) {
        products_.push_back(
            {one(lw.down_exps, picks_[k].expert), {o_.get(), E, true, picks_[k].weight}});
        inputs_.push_back(gate_.get() + k * F);
    }
    mm_.run_summed(products_, inputs_, F);
    for (size_t k = 0; k < K; ++k) {
        const ExpertPick pick = picks_[k];
        if (const float* bd = row_of(lv.down_bias, pick.expert, E); bd != nullptr) {
            for (size_t i = 0; i < E; ++i) {
                o_.get()[i] += pick.weight * bd[i];
            }
        }
    }
    add_block_output({}, lv.post_ffn_norm, 0, 1);
}

// Slot s of the grouped batch is (token, pick) pair routed_[s] (token * K + pick); expert e's
// slots are [start_[e], start_[e + 1]) and slot_[pair] is the pair's slot. Rows of xs_ (the
// tokens' normalised inputs), gate_ and up_ (then the activation) and ys_ (the down outputs)
// are slots.
void FastSession::moe_batch(uint32_t layer, size_t tokens) {
    const LayerWeights& lw = model_.weights.layers[layer];
    const LayerVectors& lv = layers_[layer];
    const size_t E = c_.n_embd, F = c_.n_ff_exp, N = c_.moe.n_expert, K = c_.moe.n_expert_used;
    const size_t slots = tokens * K;
    const bool biased = !lv.gate_bias.empty() || !lv.up_bias.empty();
    const GatedKernel act = gated_kernel();
    const auto stack = [&](const TensorView& s, float* y, size_t ld) {
        const Matrix first = matrix(expert(s, uint32_t(N), 0));
        return ExpertStack{first, first.rows * first.row_bytes, {y, ld, false}};
    };
    // Counting sort of the pairs by expert.
    std::fill(start_.begin(), start_.end(), 0u);
    for (size_t i = 0; i < slots; ++i) {
        ++start_[picks_[i].expert + 1];
    }
    for (size_t e = 0; e < N; ++e) {
        start_[e + 1] += start_[e];
    }
    for (size_t i = 0; i < slots; ++i) {
        routed_[start_[picks_[i].expert]++] = uint32_t(i);
    }
    for (size_t e = N; e > 0; --e) { // back to each expert's first slot
        start_[e] = start_[e - 1];
    }
    start_[0] = 0;
    for (size_t s = 0; s < slots; ++s) {
        slot_[routed_[s]] = uint32_t(s);
    }

    for_tokens(slots, [&](size_t s0, size_t s1) {
        for (size_t s = s0; s < s1; ++s) {
            std::copy_n(h_.get() + size_t(routed_[s] / K) * E, E, xs_.get() + s * E);
        }
    });
    const ExpertStack gate_up[] = {stack(lw.gate_exps, gate_.get(), F),
                                   stack(lw.up_exps, up_.get(), F)};
    mm_.run_grouped(xs_.get(), E, start_, gate_up);
    for_tokens(slots, [&](size_t s0, size_t s1) {
        for (size_t s = s0; biased && s < s1; ++s) {
            add_gate_up_bias(layer, picks_[routed_[s]].expert, gate_.get() + s * F,
                             up_.get() + s * F, 1);
        }
        act(gate_.get() + s0 * F, up_.get() + s0 * F, gate_.get() + s0 * F, (s1 - s0) * F);
    });
    const ExpertStack down[] = {stack(lw.down_exps, ys_.get(), E)};
    mm_.run_grouped(gate_.get(), F, start_, down);

    // o[t] = sum over its picks of weight * (down output + down bias), in pick order.
    for_tokens(tokens, [&](size_t t0, size_t t1) {
        for (size_t t = t0; t < t1; ++t) {
            float* o = o_.get() + t * E;
            std::fill_n(o, E, 0.0f);
            for (size_t k = 0; k < K; ++k) {
                const ExpertPick pick = picks_[t * K + k];
                float* y = ys_.get() + size_t(slot_[t * K + k]) * E;
                if (const float* bd = row_of(lv.down_bias, pick.expert, E); bd != nullptr) {
                    kern_.ops.add(y, bd, E);
                }
                kern_.ops.scale(y, E, pick.weight);
                kern_.ops.add(o, y, E);
            }
        }
        add_block_output({}, lv.post_ffn_norm, t0, t1);
    });
}

} // namespace hearth::fast
