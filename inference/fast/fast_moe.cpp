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
// in one pass, and their down products in another. Expert biases (gpt-oss) join the gate and up
// outputs before the activation and the down output before the weighting; without them nothing
// extra runs.
void FastSession::moe_ffn(uint32_t layer, size_t tokens) {
    const LayerWeights& lw = model_.weights.layers[layer];
    const LayerVectors& lv = layers_[layer];
    const size_t E = c_.n_embd, F = c_.n_ff_exp, N = c_.moe.n_expert, K = c_.moe.n_expert_used;
    const OpKernels& ops = kern_.ops;
    const GatedKernel act = gated_kernel();
    const bool biased = !lv.gate_bias.empty() || !lv.up_bias.empty() || !lv.down_bias.empty();
    const auto one = [&](const TensorView& stack, uint32_t e) {
        return matrix(expert(stack, uint32_t(N), e));
    };
    // gate and up rows [0, n) of expert e plus its biases.
    const auto add_gate_up_bias = [&](uint32_t e, float* gate, float* up, size_t n) {
        const float *bg = row_of(lv.gate_bias, e, F), *bu = row_of(lv.up_bias, e, F);
        for (size_t i = 0; i < n; ++i) {
            if (bg != nullptr) {
                ops.add(gate + i * F, bg, F);
            }
            if (bu != nullptr) {
                ops.add(up + i * F, bu, F);
            }
        }
    };
    route(layer, tokens);
    std::fill_n(o_.get(), tokens * E, 0.0f);

    if (tokens == 1) {
        products_.clear();
        for (size_t k = 0; k < K; ++k) {
            const uint32_t e = picks_[k].expert;
            products_.push_back({one(lw.gate_exps, e), {gate_.get() + k * F, F, false}});
            products_.push_back({one(lw.up_exps, e), {up_.get() + k * F, F, false}});
        }
        mm_.run(h_.get(), E, 1, E, products_);
        for (size_t k = 0; biased && k < K; ++k) {
            add_gate_up_bias(picks_[k].expert, gate_.get() + k * F, up_.get() + k * F, 1);
        }
        act(gate_.get(), up_.get(), gate_.get(), K * F);
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
    } else {
        // Counting sort of the (token, pick) pairs by expert.
        std::fill(start_.begin(), start_.end(), 0u);
        for (size_t i = 0; i < tokens * K; ++i) {
            ++start_[picks_[i].expert + 1];
        }
        for (size_t e = 0; e < N; ++e) {
            start_[e + 1] += start_[e];
        }
        for (size_t i = 0; i < tokens * K; ++i) {
            routed_[start_[picks_[i].expert]++] = uint32_t(i);
        }
        for (size_t e = N; e > 0; --e) { // back to each expert's first entry
            start_[e] = start_[e - 1];
        }
        start_[0] = 0;
        for (uint32_t e = 0; e < N; ++e) {
            const size_t first = start_[e], n = start_[e + 1] - first;
            if (n == 0) {
                continue;
            }
            for (size_t i = 0; i < n; ++i) {
                const size_t t = routed_[first + i] / K;
                std::copy_n(h_.get() + t * E, E, xs_.get() + i * E);
            }
            const Product gate_up[] = {{one(lw.gate_exps, e), {gate_.get(), F, false}},
                                       {one(lw.up_exps, e), {up_.get(), F, false}}};
            mm_.run(xs_.get(), E, n, E, gate_up);
            if (biased) {
                add_gate_up_bias(e, gate_.get(), up_.get(), n);
            }
            act(gate_.get(), up_.get(), gate_.get(), n * F);
            const Product down[] = {{one(lw.down_exps, e), {ys_.get(), E, false}}};
            mm_.run(gate_.get(), F, n, F, down);
            const float* bd = row_of(lv.down_bias, e, E);
            for (size_t i = 0; i < n; ++i) {
                const uint32_t pair = routed_[first + i];
                float* y = ys_.get() + i * E;
                if (bd != nullptr) {
                    ops.add(y, bd, E);
                }
                ops.scale(y, E, picks_[pair].weight);
                ops.add(o_.get() + size_t(pair / K) * E, y, E);
            }
        }
    }
    for_tokens(tokens,
               [&](size_t t0, size_t t1) { add_block_output({}, lv.post_ffn_norm, t0, t1); });
}

} // namespace hearth::fast
