#include "cpu/cpu_session.h"

#include "cpu/ops.h"
#include "tensor/dequant.h"
#include "tensor/half.h"

#include <algorithm>
#include <cmath>

namespace hearth {

namespace {

void add_bias(std::vector<float>& x, const std::vector<float>& bias) {
    for (size_t i = 0; i < bias.size(); ++i) {
        x[i] += bias[i];
    }
}

// x += s * o
void add_scaled(std::vector<float>& x, const std::vector<float>& o, float s) {
    for (size_t i = 0; i < x.size(); ++i) {
        x[i] += s * o[i];
    }
}

void scale(std::vector<float>& x, float s) {
    if (s != 1.0f) {
        for (float& v : x) {
            v *= s;
        }
    }
}

// RMSNorm of each head of `x` ([n_heads][head_dim]) with the shared weight `w` [head_dim].
void head_norm(std::vector<float>& x, const std::vector<float>& w, float eps) {
    const int heads = static_cast<int>(x.size() / w.size());
    cpu::rms_norm(x, w, x, heads, eps);
}

} // namespace

Result<std::unique_ptr<CpuSession>> CpuSession::create(const Model& model, uint32_t n_ctx,
                                                       unsigned threads, bool f16_cache) {
    if (n_ctx == 0) {
        return Error{"the context must hold at least one token"};
    }
    const uint64_t cache_floats = 2ull * model.config.n_layer * n_ctx * model.config.kv_dim();
    if (cache_floats > (uint64_t(1) << 36)) {
        return Error{"a context of " + std::to_string(n_ctx) + " tokens needs more memory (" +
                     std::to_string(cache_floats * 4 >> 20) + " MiB) than is sensible"};
    }
    return std::unique_ptr<CpuSession>(new CpuSession(model, n_ctx, threads, f16_cache));
}

CpuSession::CpuSession(const Model& model, uint32_t n_ctx, unsigned threads, bool f16_cache)
    : model_(model), c_(model.config.for_context(n_ctx)), pool_(threads), n_ctx_(n_ctx),
      f16_cache_(f16_cache) {
    for (const LayerWeights& l : model.weights.layers) {
        layers_.push_back({cpu::to_floats(l.attn_norm), cpu::to_floats(l.ffn_norm),
                           cpu::to_floats(l.bq), cpu::to_floats(l.bk), cpu::to_floats(l.bv),
                           cpu::to_floats(l.q_norm), cpu::to_floats(l.k_norm),
                           cpu::to_floats(l.post_attn_norm), cpu::to_floats(l.post_ffn_norm),
                           cpu::to_floats(l.bo), cpu::to_floats(l.sinks),
                           cpu::to_floats(l.router_bias), cpu::to_floats(l.gate_exps_bias),
                           cpu::to_floats(l.up_exps_bias), cpu::to_floats(l.down_exps_bias)});
    }
    output_norm_ = cpu::to_floats(model.weights.output_norm);
    const size_t cache = size_t(c_.n_layer) * n_ctx * c_.kv_dim();
    k_cache_.resize(cache);
    v_cache_.resize(cache);
    x_.resize(c_.n_embd);
    h_.resize(c_.n_embd);
    q_.resize(c_.q_dim());
    att_.resize(c_.q_dim());
    k_.resize(c_.kv_dim());
    v_.resize(c_.kv_dim());
    o_.resize(c_.n_embd);
    gate_.resize(std::max(c_.n_ff, c_.n_ff_exp));
    up_.resize(gate_.size());
    y_.resize(c_.n_embd);
    router_.resize(c_.moe.n_expert);
    picks_.resize(c_.moe.n_expert_used);
    scores_.resize(n_ctx);
    logits_.resize(c_.n_vocab);
}

Result<std::span<const float>> CpuSession::eval(Token token) {
    if (token < 0 || uint32_t(token) >= c_.n_vocab) {
        return Error{"token " + std::to_string(token) + " is outside the vocabulary"};
    }
    if (n_past_ >= n_ctx_) {
        return Error{"the context is full (" + std::to_string(n_ctx_) + " tokens)"};
    }
    const Weights& w = model_.weights;
    const uint32_t pos = n_past_;
    dequantize(w.token_embd.type, w.token_embd.row(uint64_t(token)), x_);
    scale(x_, c_.embedding_scale);

    for (uint32_t l = 0; l < c_.n_layer; ++l) {
        const LayerWeights& lw = w.layers[l];
        const LayerVectors& lv = layers_[l];
        const LayerConfig& lc = c_.layers[l];

        // Attention block: norm -> q, k, v (+bias) -> q/k norm and RoPE (in the
        // architecture's order) -> cache -> attend -> output (-> norm) -> residual.
        cpu::rms_norm(x_, lv.attn_norm, h_, 1, c_.rms_eps);
        cpu::matvec(lw.wq, h_, q_, pool_);
        cpu::matvec(lw.wk, h_, k_, pool_);
        cpu::matvec(lw.wv, h_, v_, pool_);
        if (c_.qkv_bias) {
            add_bias(q_, lv.bq);
            add_bias(k_, lv.bk);
            add_bias(v_, lv.bv);
        }
        if (c_.qk_norm && c_.qk_norm_at == QkNormAt::BeforeRope) {
            head_norm(q_, lv.q_norm, c_.rms_eps);
            head_norm(k_, lv.k_norm, c_.rms_eps);
        }
        if (lc.rope >= 0) {
            const RopeSpec& spec = c_.rope[size_t(lc.rope)];
            cpu::rope(q_, c_.n_head, c_.head_dim, c_.rope_style, spec, pos);
            cpu::rope(k_, c_.n_head_kv, c_.head_dim, c_.rope_style, spec, pos);
        }
        if (c_.qk_norm && c_.qk_norm_at == QkNormAt::AfterRope) {
            head_norm(q_, lv.q_norm, c_.rms_eps);
            head_norm(k_, lv.k_norm, c_.rms_eps);
        }
        if (f16_cache_) {
            for (uint32_t i = 0; i < c_.kv_dim(); ++i) {
                k_[i] = f16_to_f32(f32_to_f16(k_[i]));
                v_[i] = f16_to_f32(f32_to_f16(v_[i]));
            }
        }
        const size_t slot = (size_t(l) * n_ctx_ + pos) * c_.kv_dim();
        std::copy(k_.begin(), k_.end(), k_cache_.begin() + ptrdiff_t(slot));
        std::copy(v_.begin(), v_.end(), v_cache_.begin() + ptrdiff_t(slot));
        // The current token attends to itself and, in a sliding layer, the window - 1 before.
        const uint32_t first = lc.window > 0 && pos + 1 > lc.window ? pos + 1 - lc.window : 0;
        attention(l, first, pos + 1);
        cpu::matvec(lw.wo, att_, o_, pool_);
        add_bias(o_, lv.bo);
        if (c_.post_norms) {
            cpu::rms_norm(o_, lv.post_attn_norm, o_, 1, c_.rms_eps);
        }
        add_scaled(x_, o_, c_.residual_scale);

        // Feed-forward block: norm -> act(gate) * up -> down, or the weighted sum of that of
        // the chosen experts (-> norm) -> residual.
        cpu::rms_norm(x_, lv.ffn_norm, h_, 1, c_.rms_eps);
        if (lc.moe) {
            moe_ffn(lw, lv);
        } else {
            dense_ffn(lw);
        }
        if (c_.post_norms) {
            cpu::rms_norm(o_, lv.post_ffn_norm, o_, 1, c_.rms_eps);
        }
        add_scaled(x_, o_, c_.residual_scale);
    }

    cpu::rms_norm(x_, output_norm_, h_, 1, c_.rms_eps);
    cpu::matvec(w.output, h_, logits_, pool_);
    scale(logits_, 1.0f / c_.logit_scale);
    if (c_.final_logit_softcap > 0.0f) {
        const double cap = c_.final_logit_softcap;
        for (float& v : logits_) {
            v = static_cast<float>(cap * std::tanh(double(v) / cap));
        }
    }
    n_past_ = pos + 1;
    return std::span<const float>(logits_);
}

namespace {

// gate = act(gate) * up over the first n elements.
void gated_activation(Activation a, std::vector<float>& gate, const std::vector<float>& up,
                      uint32_t n) {
    for (uint32_t i = 0; i < n; ++i) {
        gate[i] = cpu::gated(a, gate[i], up[i]);
    }
}

// x += row e of a [n][x.size()] bias stack (empty: none).
void add_expert_bias(std::span<float> x, const std::vector<float>& stack, uint32_t e) {
    if (!stack.empty()) {
        for (size_t i = 0; i < x.size(); ++i) {
            x[i] += stack[size_t(e) * x.size() + i];
        }
    }
}

} // namespace

// o = W_down (act(W_gate h) * W_up h)
void CpuSession::dense_ffn(const LayerWeights& lw) {
    const std::span<float> gate = std::span(gate_).first(c_.n_ff),
                           up = std::span(up_).first(c_.n_ff);
    cpu::matvec(lw.w_gate, h_, gate, pool_);
    cpu::matvec(lw.w_up, h_, up, pool_);
    gated_activation(c_.activation, gate_, up_, c_.n_ff);
    cpu::matvec(lw.w_down, gate, o_, pool_);
}

// o = sum over the chosen experts e of w_e W_down,e (act(W_gate,e h) * W_up,e h): the router
// chooses (model/moe_routing.h); only the chosen experts' matrices are read. With biases
// (gpt-oss) the router's joins its logits (so it weights as well as chooses) and an expert's
// join each of its products, the down one before the weighting.
void CpuSession::moe_ffn(const LayerWeights& lw, const LayerVectors& lv) {
    const uint32_t n = c_.moe.n_expert, F = c_.n_ff_exp;
    cpu::matvec(lw.router, h_, router_, pool_);
    add_bias(router_, lv.router_bias);
    route_token(c_.moe, router_, {}, picks_);
    std::fill(o_.begin(), o_.end(), 0.0f);
    const std::span<float> gate = std::span(gate_).first(F), up = std::span(up_).first(F);
    for (const ExpertPick& p : picks_) {
        cpu::matvec(expert(lw.gate_exps, n, p.expert), h_, gate, pool_);
        cpu::matvec(expert(lw.up_exps, n, p.expert), h_, up, pool_);
        add_expert_bias(gate, lv.gate_bias, p.expert);
        add_expert_bias(up, lv.up_bias, p.expert);
        gated_activation(c_.activation, gate_, up_, F);
        cpu::matvec(expert(lw.down_exps, n, p.expert), gate, y_, pool_);
        add_expert_bias(y_, lv.down_bias, p.expert);
        add_scaled(o_, y_, p.weight);
    }
}

// Causal attention of the current token (at end - 1) over positions [first, end) of
// `layer`'s cache. Query head h reads key/value head h / (n_head / n_head_kv) (grouped-query
// attention). A sink (gpt-oss) is one more logit s_h in head h's softmax with no value: it
// only takes its share exp(s_h - max) of the denominator.
void CpuSession::attention(uint32_t layer, uint32_t first, uint32_t end) {
    const uint32_t group = c_.n_head / c_.n_head_kv;
    const double scale = double(c_.kq_scale()) * c_.temperature(end - 1);
    const size_t base = size_t(layer) * n_ctx_ * c_.kv_dim();
    const std::vector<float>& sinks = layers_[layer].sinks;
    for (uint32_t h = 0; h < c_.n_head; ++h) {
        const float* q = q_.data() + size_t(h) * c_.head_dim;
        const size_t kv_offset = size_t(h / group) * c_.head_dim;
        double max_score = -INFINITY;
        for (uint32_t t = first; t < end; ++t) {
            const float* k = k_cache_.data() + base + size_t(t) * c_.kv_dim() + kv_offset;
            double dot = 0.0;
            for (uint32_t d = 0; d < c_.head_dim; ++d) {
                dot += double(q[d]) * k[d];
            }
            scores_[t] = static_cast<float>(dot * scale);
            max_score = std::max(max_score, double(scores_[t]));
        }
        if (!sinks.empty()) {
            max_score = std::max(max_score, double(sinks[h]));
        }
        double total = sinks.empty() ? 0.0 : std::exp(double(sinks[h]) - max_score);
        std::vector<double> out(c_.head_dim, 0.0);
        for (uint32_t t = first; t < end; ++t) {
            const double p = std::exp(double(scores_[t]) - max_score); // stable softmax
            total += p;
            const float* v = v_cache_.data() + base + size_t(t) * c_.kv_dim() + kv_offset;
            for (uint32_t d = 0; d < c_.head_dim; ++d) {
                out[d] += p * v[d];
            }
        }
        float* dst = att_.data() + size_t(h) * c_.head_dim;
        for (uint32_t d = 0; d < c_.head_dim; ++d) {
            dst[d] = static_cast<float>(out[d] / total);
        }
    }
}

} // namespace hearth
