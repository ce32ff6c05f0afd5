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
        for (const TensorView* t : {&l.wq, &l.wk, &l.wv, &l.wo, &l.w_gate, &l.w_up, &l.w_down,
                                    &l.router, &l.gate_exps, &l.up_exps, &l.down_exps}) {
            if (t->present()) {
                m.push_back(t);
            }
        }
    }
    return m;
}

} // namespace

Result<std::unique_ptr<FastSession>> FastSession::create(const Model& model, uint32_t n_ctx,
                                                         unsigned threads, const Kernels* variant,
                                                         uint32_t first_layer) {
    if (n_ctx == 0) {
        return Error{"the context must hold at least one token"};
    }
    if (first_layer >= model.config.n_layer) {
        return Error{"a back session needs at least one layer to run"};
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
    const uint64_t cache_bytes = kv_cache_bytes(c, n_ctx, kMaxBatch);
    if (cache_bytes > (uint64_t(1) << 37)) {
        return Error{"a context of " + std::to_string(n_ctx) + " tokens needs more memory (" +
                     std::to_string(cache_bytes >> 20) + " MiB) than is sensible"};
    }
    return std::unique_ptr<FastSession>(new FastSession(
        model, n_ctx, threads == 0 ? physical_cores() : threads, *variant, first_layer));
}

FastSession::FastSession(const Model& model, uint32_t n_ctx, unsigned threads, const Kernels& k,
                         uint32_t first_layer)
    : model_(model), c_(model.config.for_context(n_ctx)), kern_(k), pool_(threads),
      mm_(k, pool_, kMaxBatch, std::max({c_.n_embd, c_.q_dim(), c_.n_ff, c_.n_ff_exp})),
      n_ctx_(n_ctx), first_layer_(first_layer), kv_(c_, n_ctx, kMaxBatch, uint32_t(k.lanes)) {
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
    const size_t B = kMaxBatch;
    size_t cache = 0;
    for (uint32_t l = 0; l < c_.n_layer; ++l) { // a front's layers keep their cache there
        k_at_.push_back(cache);
        v_at_.push_back(cache);
        cache += l < first_layer_ ? 0 : size_t(kv_.capacity(l)) * c_.kv_dim();
    }
    k_cache_ = Aligned<uint16_t>(cache);
    v_cache_ = Aligned<uint16_t>(cache);
    x_ = Aligned<float>(B * c_.n_embd);
    h_ = Aligned<float>(B * c_.n_embd);
    q_ = Aligned<float>(B * c_.q_dim());
    att_ = Aligned<float>(B * c_.q_dim());
    k_ = Aligned<float>(B * c_.kv_dim());
    v_ = Aligned<float>(B * c_.kv_dim());
    const size_t slots = B * c_.moe.n_expert_used; // 0 without experts
    const size_t ff = std::max(size_t(c_.n_ff), slots * c_.n_ff_exp / B);
    gate_ = Aligned<float>(B * ff);
    up_ = Aligned<float>(B * ff);
    if (c_.moe.n_expert > 0) {
        router_ = Aligned<float>(B * c_.moe.n_expert);
        picks_.resize(slots);
        start_.resize(c_.moe.n_expert + 1);
        routed_.resize(slots);
        slot_.resize(slots);
        xs_ = Aligned<float>(slots * c_.n_embd);
        ys_ = Aligned<float>(slots * c_.n_embd);
        bool floats = false;
        for (const LayerWeights& l : model.weights.layers) {
            for (const TensorView* t : {&l.gate_exps, &l.up_exps, &l.down_exps}) {
                floats = floats || (t->present() && !k.quantized(t->type));
            }
        }
        mm_.reserve_grouped(slots, c_.moe.n_expert, floats);
        products_.reserve(2 * c_.moe.n_expert_used);
        inputs_.reserve(c_.moe.n_expert_used);
    }
    rope_ = Aligned<float>(c_.rope.size() * B * std::max(c_.n_rot, 2u));
    o_ = Aligned<float>(B * c_.n_embd);
    k16_ = Aligned<uint16_t>(B * c_.kv_dim());
    visible_.resize(B * c_.n_head);
    logits_.resize(c_.n_vocab);
}

BackendDescription FastSession::backend_description() const {
    return {"cpu", kern_.name};
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

Result<void> FastSession::check_room(size_t tokens) const {
    if (tokens == 0) {
        return Error{"no tokens to evaluate"};
    }
    if (tokens > n_ctx_ - n_past_) {
        return Error{"the context is full (" + std::to_string(n_ctx_) + " tokens)"};
    }
    return {};
}

Result<std::span<const float>> FastSession::eval_hidden(std::span<const float> hidden) {
    const size_t E = c_.n_embd, tokens = hidden.size() / E;
    if (first_layer_ == 0 || hidden.size() % E != 0) {
        return Error{"eval_hidden takes [n][n_embd] states on a back session"};
    }
    if (Result<void> ok = check_room(tokens); !ok) {
        return ok.error();
    }
    for (size_t i = 0; i < tokens; i += kMaxBatch) {
        const size_t n = std::min<size_t>(kMaxBatch, tokens - i);
        std::copy_n(hidden.data() + i * E, n * E, x_.get());
        rope_tables(n_past_, n);
        run_layers(n);
        n_past_ += uint32_t(n);
        kv_.written(n_past_);
    }
    return std::span<const float>(logits_);
}

Result<std::span<const float>> FastSession::eval_batch(std::span<const Token> tokens) {
    if (Result<void> ok = check_room(tokens.size()); !ok) {
        return ok.error();
    }
    if (first_layer_ > 0) {
        return Error{"this CPU session runs only the last layers of the model"};
    }
    for (Token token : tokens) {
        if (token < 0 || uint32_t(token) >= c_.n_vocab) {
            return Error{"token " + std::to_string(token) + " is outside the vocabulary"};
        }
    }
    for (size_t i = 0; i < tokens.size(); i += kMaxBatch) {
        const auto batch = tokens.subspan(i, std::min<size_t>(kMaxBatch, tokens.size() - i));
        forward(batch);
        n_past_ += uint32_t(batch.size());
        kv_.written(n_past_);
    }
    return std::span<const float>(logits_);
}

static_assert(FastSession::kMaxBatch <= kLargestPass);

void FastSession::truncate(uint32_t n) {
    n_past_ = kv_.resumable(std::min(n_past_, n));
    if (n_past_ == 0) {
        kv_.reset();
    }
}

// cos and sin of every rotated pair's angle, per RoPE variant and token (model/rope.h).
void FastSession::rope_tables(uint32_t pos0, size_t tokens) {
    for (size_t v = 0; v < c_.rope.size(); ++v) {
        for (size_t t = 0; t < tokens; ++t) {
            rope_cos_sin(c_.rope[v], double(pos0 + t), rope_table(v, t));
        }
    }
}

float* FastSession::rope_table(size_t variant, size_t t) const {
    return rope_.get() + (variant * kMaxBatch + t) * c_.n_rot;
}

// x += residual_scale * o for tokens [t0, t1), o plus its bias (if any: gpt-oss's attn_output)
// and normalised first when the architecture norms its block outputs (gemma3's post-attention
// and post-FFN norms).
void FastSession::add_block_output(const std::vector<float>& bias,
                                   const std::vector<float>& post_norm, size_t t0, size_t t1) {
    const size_t E = c_.n_embd;
    for (size_t t = t0; t < t1; ++t) {
        float* o = o_.get() + t * E;
        if (!bias.empty()) {
            kern_.ops.add(o, bias.data(), E);
        }
        if (c_.post_norms) {
            kern_.ops.rms_norm(o, post_norm.data(), o, E, c_.rms_eps);
        }
        if (c_.residual_scale != 1.0f) {
            kern_.ops.scale(o, E, c_.residual_scale);
        }
        kern_.ops.add(x_.get() + t * E, o, E);
    }
}

// Position pos goes to slot s = pos % capacity; keys into lane s % lanes of block s / lanes of
// each head (transposed blocks, so the attention kernel scores a block of positions with one
// vector per dimension).
void FastSession::store_kv(uint32_t layer, size_t t, uint32_t pos) {
    const size_t kv = c_.kv_dim(), hd = c_.head_dim, L = kern_.lanes;
    const size_t capacity = kv_.capacity(layer), s = kv_.slot(layer, pos);
    uint16_t* k16 = k16_.get() + t * kv;
    kern_.ops.to_f16(k_.get() + t * kv, k16, kv);
    for (size_t h = 0; h < c_.n_head_kv; ++h) {
        uint16_t* block = k_cache_.get() + k_at_[layer] + (h * capacity + s / L * L) * hd;
        for (size_t d = 0; d < hd; ++d) {
            block[d * L + s % L] = k16[h * hd + d];
        }
    }
    kern_.ops.to_f16(v_.get() + t * kv, v_cache_.get() + v_at_[layer] + s * kv, kv);
}

void FastSession::attention_block(uint32_t layer, size_t tokens, uint32_t pos0) {
    const Weights& w = model_.weights;
    const LayerWeights& lw = w.layers[layer];
    const LayerVectors& lv = layers_[layer];
    const LayerConfig& lc = c_.layers[layer];
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
            const auto norm_qk = [&] {
                for (size_t h = 0; h < c_.n_head; ++h) {
                    ops.rms_norm(q + h * hd, lv.q_norm.data(), q + h * hd, hd, c_.rms_eps);
                }
                for (size_t h = 0; h < c_.n_head_kv; ++h) {
                    ops.rms_norm(k + h * hd, lv.k_norm.data(), k + h * hd, hd, c_.rms_eps);
                }
            };
            if (c_.qk_norm && c_.qk_norm_at == QkNormAt::BeforeRope) {
                norm_qk();
            }
            if (lc.rope >= 0) {
                const bool neox = c_.rope_style == RopeStyle::Neox;
                const float* cs = rope_table(size_t(lc.rope), t);
                ops.rope(q, c_.n_head, hd, c_.n_rot, neox, cs);
                ops.rope(k, c_.n_head_kv, hd, c_.n_rot, neox, cs);
            }
            if (c_.qk_norm && c_.qk_norm_at == QkNormAt::AfterRope) {
                norm_qk();
            }
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
            a.k = k_cache_.get() + k_at_[layer] + h * kv_.capacity(layer) * hd;
            a.v = v_cache_.get() + v_at_[layer] + h * hd;
            a.v_stride = KV;
            a.head_dim = hd;
            a.scale = c_.kq_scale() * c_.temperature(pos0 + uint32_t(t));
            a.out = att_.get() + t * Q + h * group * hd;
            a.out_stride = hd;
            a.window = lc.window;
            a.ring = kv_.capacity(layer);
            a.sinks = lv.sinks.empty() ? nullptr : lv.sinks.data() + h * group;
            ops.attention(a);
        }
    });
    run_block_output(matrix(lw.wo), att_.get(), Q, tokens, lv.bo, lv.post_attn_norm);
}

// y = W x (+ bias) added to the residual stream: straight into it (scaled) when nothing comes
// between, else through o_ and add_block_output.
void FastSession::run_block_output(const Matrix& w, const float* x, size_t cols, size_t tokens,
                                   const std::vector<float>& bias,
                                   const std::vector<float>& post_norm) {
    if (!c_.post_norms && bias.empty()) {
        const Product p[] = {{w, {x_.get(), c_.n_embd, true, c_.residual_scale}}};
        mm_.run(x, cols, tokens, cols, p);
        return;
    }
    const Product p[] = {{w, {o_.get(), c_.n_embd, false}}};
    mm_.run(x, cols, tokens, cols, p);
    for_tokens(tokens, [&](size_t t0, size_t t1) { add_block_output(bias, post_norm, t0, t1); });
}

GatedKernel FastSession::gated_kernel() const {
    switch (c_.activation) {
    case Activation::Silu:
        break;
    case Activation::GeluTanh:
        return kern_.ops.geglu;
    case Activation::SwigluOai:
        return kern_.ops.swiglu_oai;
    }
    return kern_.ops.swiglu;
}

void FastSession::dense_ffn(uint32_t layer, size_t tokens) {
    const LayerWeights& lw = model_.weights.layers[layer];
    const size_t E = c_.n_embd, F = c_.n_ff;
    const Product gate_up[] = {{matrix(lw.w_gate), {gate_.get(), F, false}},
                               {matrix(lw.w_up), {up_.get(), F, false}}};
    mm_.run(h_.get(), E, tokens, E, gate_up);
    const GatedKernel act = gated_kernel();
    for_tokens(tokens, [&](size_t t0, size_t t1) {
        act(gate_.get() + t0 * F, up_.get() + t0 * F, gate_.get() + t0 * F, (t1 - t0) * F);
    });
    run_block_output(matrix(lw.w_down), gate_.get(), F, tokens, {}, layers_[layer].post_ffn_norm);
}

void FastSession::forward(std::span<const Token> tokens) {
    const Weights& w = model_.weights;
    const size_t T = tokens.size(), E = c_.n_embd;
    rope_tables(n_past_, T);
    for_tokens(T, [&](size_t t0, size_t t1) {
        for (size_t t = t0; t < t1; ++t) {
            dequantize(w.token_embd.type, w.token_embd.row(uint64_t(tokens[t])),
                       std::span<float>(x_.get() + t * E, E));
            if (c_.embedding_scale != 1.0f) {
                kern_.ops.scale(x_.get() + t * E, E, c_.embedding_scale);
            }
        }
    });
    run_layers(T);
}

void FastSession::run_layers(size_t T) {
    const Weights& w = model_.weights;
    const size_t E = c_.n_embd;
    const uint32_t pos0 = n_past_;
    const OpKernels& ops = kern_.ops;
    for (uint32_t l = first_layer_; l < c_.n_layer; ++l) {
        attention_block(l, T, pos0);

        // Feed-forward block: norm -> act(gate) * up -> down, or the chosen experts' weighted
        // sum of that, added to the residual.
        for_tokens(T, [&](size_t t0, size_t t1) {
            for (size_t t = t0; t < t1; ++t) {
                ops.rms_norm(x_.get() + t * E, layers_[l].ffn_norm.data(), h_.get() + t * E, E,
                             c_.rms_eps);
            }
        });
        if (c_.layers[l].moe) {
            moe_ffn(l, T);
        } else {
            dense_ffn(l, T);
        }
    }
    // Logits of the last token only.
    ops.rms_norm(x_.get() + (T - 1) * E, output_norm_.data(), h_.get(), E, c_.rms_eps);
    const Product logits[] = {
        {matrix(w.output), {logits_.data(), c_.n_vocab, false, 1.0f / c_.logit_scale}}};
    mm_.run(h_.get(), E, 1, E, logits);
    if (c_.final_logit_softcap > 0.0f) {
        ops.softcap(logits_.data(), logits_.size(), c_.final_logit_softcap);
    }
}

} // namespace hearth::fast
