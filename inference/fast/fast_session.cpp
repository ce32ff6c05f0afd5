#include "fast/fast_session.h"

#include "cpu/ops.h"
#include "tensor/dequant.h"

#include <algorithm>
#include <cmath>

namespace hearth::fast {

namespace {

// Every matrix of the model, for checking that the kernels have its type.
std::vector<const TensorView*> matrices(const Weights& w) {
    std::vector<const TensorView*> m{&w.token_embd, &w.output};
    for (const LayerWeights& l : w.layers) {
        for (const TensorView* t : {&l.wq, &l.wk, &l.wv, &l.wo, &l.w_gate, &l.w_up, &l.w_down}) {
            m.push_back(t);
        }
    }
    return m;
}

} // namespace

// fn(t0, t1) over tokens [0, tokens): split among the threads, or on this thread alone for a
// few tokens, where waking the others costs more than the work.
template <class Fn> void FastSession::for_tokens(size_t tokens, Fn&& fn) {
    if (tokens < MatmulRunner::kGemmTokens) {
        fn(size_t(0), tokens);
        return;
    }
    pool_.run([&](unsigned th, unsigned n) { fn(tokens * th / n, tokens * (th + 1) / n); });
}

Result<std::unique_ptr<FastSession>> FastSession::create(const Model& model, uint32_t n_ctx,
                                                         unsigned threads, const Kernels* variant) {
    if (n_ctx == 0) {
        return Error{"the context must hold at least one token"};
    }
    if (variant == nullptr) {
        Result<const Kernels*> chosen = choose_variant();
        if (!chosen) {
            return chosen.error();
        }
        variant = *chosen;
    }
    const ModelConfig& c = model.config;
    if (c.head_dim > 512) {
        return Error{"attention heads of " + std::to_string(c.head_dim) +
                     " dimensions are more than the CPU kernels handle (512)"};
    }
    for (const TensorView* t : matrices(model.weights)) {
        if (t != &model.weights.token_embd && !variant->quantized(t->type) &&
            !variant->floating(t->type)) {
            return Error{"the CPU kernels cannot multiply " + std::string(t->name) + " (" +
                         std::string(type_name(t->type)) + ")"};
        }
    }
    const uint64_t cache_bytes = 2ull * 2 * c.n_layer * (uint64_t(n_ctx) + 64) * c.kv_dim();
    if (cache_bytes > (uint64_t(1) << 37)) {
        return Error{"a context of " + std::to_string(n_ctx) + " tokens needs more memory (" +
                     std::to_string(cache_bytes >> 20) + " MiB) than is sensible"};
    }
    return std::unique_ptr<FastSession>(
        new FastSession(model, n_ctx, threads == 0 ? physical_cores() : threads, *variant));
}

FastSession::FastSession(const Model& model, uint32_t n_ctx, unsigned threads, const Kernels& k)
    : model_(model), c_(model.config), kern_(k), pool_(threads),
      mm_(k, pool_, kMaxBatch, std::max({c_.n_embd, c_.q_dim(), c_.n_ff})), n_ctx_(n_ctx),
      ctx_blocks_((n_ctx + k.lanes - 1) / k.lanes) {
    for (const LayerWeights& l : model.weights.layers) {
        layers_.push_back({cpu::to_floats(l.attn_norm), cpu::to_floats(l.ffn_norm),
                           cpu::to_floats(l.bq), cpu::to_floats(l.bk), cpu::to_floats(l.bv),
                           cpu::to_floats(l.q_norm), cpu::to_floats(l.k_norm)});
    }
    output_norm_ = cpu::to_floats(model.weights.output_norm);
    const std::vector<float> factors = cpu::to_floats(model.weights.rope_freqs);
    for (uint32_t i = 0; i < c_.n_rot / 2; ++i) {
        double f = c_.rope_freq_scale * std::pow(double(c_.rope_freq_base), -2.0 * i / c_.n_rot);
        inv_freq_.push_back(factors.empty() ? f : f / factors[i]);
    }
    const size_t B = kMaxBatch;
    k_cache_ = Aligned<uint16_t>(size_t(c_.n_layer) * c_.kv_dim() * ctx_blocks_ * k.lanes);
    v_cache_ = Aligned<uint16_t>(size_t(c_.n_layer) * c_.kv_dim() * n_ctx);
    x_ = Aligned<float>(B * c_.n_embd);
    h_ = Aligned<float>(B * c_.n_embd);
    q_ = Aligned<float>(B * c_.q_dim());
    att_ = Aligned<float>(B * c_.q_dim());
    k_ = Aligned<float>(B * c_.kv_dim());
    v_ = Aligned<float>(B * c_.kv_dim());
    gate_ = Aligned<float>(B * c_.n_ff);
    up_ = Aligned<float>(B * c_.n_ff);
    rope_ = Aligned<float>(B * std::max(c_.n_rot, 2u));
    k16_ = Aligned<uint16_t>(B * c_.kv_dim());
    visible_.resize(B * c_.n_head);
    logits_.resize(c_.n_vocab);
}

std::string FastSession::backend_name() const {
    return "cpu (" + kern_.name + ")";
}

Matrix FastSession::matrix(const TensorView& t) const {
    return {reinterpret_cast<const uint8_t*>(t.data.data()), t.type, t.rows, t.cols,
            row_bytes(t.type, t.cols)};
}

Result<std::span<const float>> FastSession::eval(Token token) {
    return eval_batch(std::span<const Token>(&token, 1));
}

Result<Token> FastSession::eval_greedy(Token token) {
    Result<std::span<const float>> logits = eval(token);
    if (!logits) {
        return logits.error();
    }
    return Token(kern_.ops.argmax(logits->data(), logits->size()));
}

Result<std::span<const float>> FastSession::eval_batch(std::span<const Token> tokens) {
    if (tokens.empty()) {
        return Error{"no tokens to evaluate"};
    }
    for (Token token : tokens) {
        if (token < 0 || uint32_t(token) >= c_.n_vocab) {
            return Error{"token " + std::to_string(token) + " is outside the vocabulary"};
        }
    }
    if (tokens.size() > n_ctx_ - n_past_) {
        return Error{"the context is full (" + std::to_string(n_ctx_) + " tokens)"};
    }
    for (size_t i = 0; i < tokens.size(); i += kMaxBatch) {
        const auto batch = tokens.subspan(i, std::min<size_t>(kMaxBatch, tokens.size() - i));
        forward(batch);
        n_past_ += uint32_t(batch.size());
    }
    return std::span<const float>(logits_);
}

// cos and sin of every rotated pair's angle, per token: theta_i = pos * inv_freq_i.
void FastSession::rope_tables(uint32_t pos0, size_t tokens) {
    const size_t half = c_.n_rot / 2;
    for (size_t t = 0; t < tokens; ++t) {
        float* row = rope_.get() + t * 2 * half;
        for (size_t i = 0; i < half; ++i) {
            const double theta = double(pos0 + t) * inv_freq_[i];
            row[i] = float(std::cos(theta));
            row[half + i] = float(std::sin(theta));
        }
    }
}

// Keys go into lane pos % lanes of block pos / lanes of each head (transposed blocks, so the
// attention kernel scores a block of positions with one vector per dimension).
void FastSession::store_kv(uint32_t layer, size_t t, uint32_t pos) {
    const size_t kv = c_.kv_dim(), hd = c_.head_dim, L = kern_.lanes;
    uint16_t* k16 = k16_.get() + t * kv;
    kern_.ops.to_f16(k_.get() + t * kv, k16, kv);
    for (size_t h = 0; h < c_.n_head_kv; ++h) {
        uint16_t* block =
            k_cache_.get() + ((size_t(layer) * c_.n_head_kv + h) * ctx_blocks_ + pos / L) * hd * L;
        for (size_t d = 0; d < hd; ++d) {
            block[d * L + pos % L] = k16[h * hd + d];
        }
    }
    kern_.ops.to_f16(v_.get() + t * kv, v_cache_.get() + (size_t(layer) * n_ctx_ + pos) * kv, kv);
}

void FastSession::attention_block(uint32_t layer, size_t tokens, uint32_t pos0) {
    const Weights& w = model_.weights;
    const LayerWeights& lw = w.layers[layer];
    const LayerVectors& lv = layers_[layer];
    const size_t E = c_.n_embd, Q = c_.q_dim(), KV = c_.kv_dim(), hd = c_.head_dim;
    const OpKernels& ops = kern_.ops;

    for_tokens(tokens, [&](size_t t0, size_t t1) {
        for (size_t t = t0; t < t1; ++t) {
            ops.rms_norm(x_.get() + t * E, lv.attn_norm.data(), h_.get() + t * E, E, c_.rms_eps);
        }
    });
    const Product qkv[] = {{matrix(lw.wq), {q_.get(), Q, false}},
                           {matrix(lw.wk), {k_.get(), KV, false}},
                           {matrix(lw.wv), {v_.get(), KV, false}}};
    mm_.run(h_.get(), E, tokens, E, qkv);

    // Biases, q/k norms, RoPE, then into the cache.
    for_tokens(tokens, [&](size_t t0, size_t t1) {
        for (size_t t = t0; t < t1; ++t) {
            float *q = q_.get() + t * Q, *k = k_.get() + t * KV, *v = v_.get() + t * KV;
            if (c_.qkv_bias) {
                ops.add(q, lv.bq.data(), Q);
                ops.add(k, lv.bk.data(), KV);
                ops.add(v, lv.bv.data(), KV);
            }
            if (c_.qk_norm) {
                for (size_t h = 0; h < c_.n_head; ++h) {
                    ops.rms_norm(q + h * hd, lv.q_norm.data(), q + h * hd, hd, c_.rms_eps);
                }
                for (size_t h = 0; h < c_.n_head_kv; ++h) {
                    ops.rms_norm(k + h * hd, lv.k_norm.data(), k + h * hd, hd, c_.rms_eps);
                }
            }
            const bool neox = c_.rope_style == RopeStyle::Neox;
            const float* cs = rope_.get() + t * 2 * (c_.n_rot / 2);
            ops.rope(q, c_.n_head, hd, c_.n_rot, neox, cs);
            ops.rope(k, c_.n_head_kv, hd, c_.n_rot, neox, cs);
            store_kv(layer, t, pos0 + uint32_t(t));
        }
    });

    // One work item per (KV head, token): the query heads of the group attend together.
    const size_t group = c_.n_head / c_.n_head_kv, items = c_.n_head_kv * tokens;
    for (size_t t = 0; t < tokens; ++t) {
        std::fill_n(visible_.begin() + ptrdiff_t(t * c_.n_head), c_.n_head, pos0 + t + 1);
    }
    pool_.run([&](unsigned th, unsigned n) {
        for (size_t item = items * th / n; item < items * (th + 1) / n; ++item) {
            const size_t h = item % c_.n_head_kv, t = item / c_.n_head_kv;
            AttentionArgs a;
            a.q = q_.get() + t * Q + h * group * hd;
            a.q_stride = hd;
            a.rows = group;
            a.visible = visible_.data() + t * c_.n_head;
            a.k = k_cache_.get() +
                  (size_t(layer) * c_.n_head_kv + h) * ctx_blocks_ * hd * kern_.lanes;
            a.v = v_cache_.get() + size_t(layer) * n_ctx_ * KV + h * hd;
            a.v_stride = KV;
            a.head_dim = hd;
            a.scale = float(1.0 / std::sqrt(double(hd)));
            a.out = att_.get() + t * Q + h * group * hd;
            a.out_stride = hd;
            ops.attention(a);
        }
    });
    const Product out[] = {{matrix(lw.wo), {x_.get(), E, true}}};
    mm_.run(att_.get(), Q, tokens, Q, out);
}

void FastSession::forward(std::span<const Token> tokens) {
    const Weights& w = model_.weights;
    const size_t T = tokens.size(), E = c_.n_embd, F = c_.n_ff;
    const uint32_t pos0 = n_past_;
    const OpKernels& ops = kern_.ops;
    rope_tables(pos0, T);
    for_tokens(T, [&](size_t t0, size_t t1) {
        for (size_t t = t0; t < t1; ++t) {
            dequantize(w.token_embd.type, w.token_embd.row(uint64_t(tokens[t])),
                       std::span<float>(x_.get() + t * E, E));
        }
    });
    for (uint32_t l = 0; l < c_.n_layer; ++l) {
        attention_block(l, T, pos0);

        // Feed-forward block: norm -> SiLU(gate) * up -> down, added to the residual.
        const LayerWeights& lw = w.layers[l];
        for_tokens(T, [&](size_t t0, size_t t1) {
            for (size_t t = t0; t < t1; ++t) {
                ops.rms_norm(x_.get() + t * E, layers_[l].ffn_norm.data(), h_.get() + t * E, E,
                             c_.rms_eps);
            }
        });
        const Product gate_up[] = {{matrix(lw.w_gate), {gate_.get(), F, false}},
                                   {matrix(lw.w_up), {up_.get(), F, false}}};
        mm_.run(h_.get(), E, T, E, gate_up);
        for_tokens(T, [&](size_t t0, size_t t1) {
            ops.swiglu(gate_.get() + t0 * F, up_.get() + t0 * F, gate_.get() + t0 * F,
                       (t1 - t0) * F);
        });
        const Product down[] = {{matrix(lw.w_down), {x_.get(), E, true}}};
        mm_.run(gate_.get(), F, T, F, down);
    }
    // Logits of the last token only.
    ops.rms_norm(x_.get() + (T - 1) * E, output_norm_.data(), h_.get(), E, c_.rms_eps);
    const Product logits[] = {{matrix(w.output), {logits_.data(), c_.n_vocab, false}}};
    mm_.run(h_.get(), E, 1, E, logits);
}

} // namespace hearth::fast
