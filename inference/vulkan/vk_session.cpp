#include "vulkan/vk_session.h"

#include "cpu/ops.h"
#include "shader_interface.h"
#include "vulkan/vk_autotune.h"
#include "vulkan/vk_ops.h"

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <cstring>
#include <string_view>

namespace hearth::vk {

namespace {

// Every weight type of the model must be one the kernels decode, with whole units of 32.
Result<void> check_model(const ModelConfig& c, const Weights& w) {
    // The router keeps every score in shared memory and the picks in registers.
    if (c.moe.n_expert > HEARTH_MOE_MAX_EXPERTS || c.moe.n_expert_used > HEARTH_MOE_MAX_USED) {
        return Error{"the Vulkan backend routes up to " + std::to_string(HEARTH_MOE_MAX_USED) +
                     " of " + std::to_string(HEARTH_MOE_MAX_EXPERTS) +
                     " experts per token; this model chooses " +
                     std::to_string(c.moe.n_expert_used) + " of " + std::to_string(c.moe.n_expert)};
    }
    std::vector<const TensorView*> matrices = {&w.token_embd, &w.output};
    for (const LayerWeights& l : w.layers) {
        matrices.insert(matrices.end(), {&l.wq, &l.wk, &l.wv, &l.wo, &l.w_gate, &l.w_up, &l.w_down,
                                         &l.router, &l.gate_exps, &l.up_exps, &l.down_exps});
    }
    for (const TensorView* m : matrices) {
        if (m->present() && (!kernel_supports(m->type) || m->cols % 32 != 0)) {
            return Error{"the Vulkan backend cannot run tensor " + std::string(m->name) + " (" +
                         std::string(type_name(m->type)) + ", " + std::to_string(m->cols) +
                         " columns)"};
        }
    }
    if (c.head_dim % 2 != 0 || c.head_dim > 4 * Kernels::kAttentionWorkgroup ||
        c.n_rot > c.head_dim || c.n_rot % 2 != 0) {
        return Error{"the Vulkan backend cannot run attention heads of " +
                     std::to_string(c.head_dim) + " dimensions"};
    }
    return {};
}

} // namespace

Result<std::shared_ptr<Device>> Device::open(const std::string& selector,
                                             const std::string& pipeline_cache,
                                             Kernels::Sharing sharing, Kernels::Prefill prefill) {
    auto device = std::make_shared<Device>();
    Result<std::unique_ptr<Context>> ctx = Context::create(selector);
    if (!ctx) {
        return ctx.error();
    }
    device->context = std::move(ctx.value());
    device->pipeline_cache = pipeline_cache;
    if (!pipeline_cache.empty()) {
        if (Result<void> loaded = device->context->load_pipeline_cache(pipeline_cache); !loaded) {
            return loaded.error();
        }
    }
    // The prefill tile: measured once per device and driver, cached beside the pipelines.
    Result<TileChoice> tile =
        choose_tile(*device->context, pipeline_cache.empty() ? "" : pipeline_cache + ".tiles");
    if (!tile) {
        return tile.error();
    }
    device->tile = *tile;
    Result<std::unique_ptr<Kernels>> kernels =
        Kernels::create(*device->context, sharing, prefill, &device->tile.tile);
    if (!kernels) {
        return kernels.error();
    }
    device->kernels = std::move(kernels.value());
    return device;
}

Result<void> Device::save_pipeline_cache() const {
    return pipeline_cache.empty() ? Result<void>{} : context->save_pipeline_cache(pipeline_cache);
}

Result<std::unique_ptr<VulkanSession>> VulkanSession::create(const Model& model,
                                                             std::shared_ptr<Device> device,
                                                             const VulkanOptions& options) {
    if (options.n_ctx == 0 || options.max_batch == 0 || options.moe_max_batch == 0) {
        return Error{"the context must hold at least one token"};
    }
    if (Result<void> ok = check_model(model.config, model.weights); !ok) {
        return ok.error();
    }
    VulkanOptions batched = options;
    if (model.config.moe.n_expert > 0) {
        batched.max_batch = options.moe_max_batch;
    }
    std::unique_ptr<VulkanSession> s(new VulkanSession(model, std::move(device), batched));
    UploadOptions upload;
    upload.progress = options.progress;
    upload.memory_budget = options.memory_budget;
    upload.layers = options.layers;
    upload.path = options.upload_path;
    Result<GpuWeights> weights = upload_weights(*s->device_->context, model.weights, upload);
    if (!weights) {
        return weights.error();
    }
    s->weights_ = std::move(weights.value());
    if (Result<void> ok = s->allocate(); !ok) {
        return ok.error();
    }
    // Compile the pipelines of the model's types now (not on the first token), then keep
    // them for the next start.
    if (Result<const Kernel*> k = s->device_->kernels->embed(s->weights_.token_embd.type); !k) {
        return k.error();
    }
    for (const GpuLayer& l : s->weights_.layers) {
        for (const GpuTensor* t :
             {&l.wq, &l.wk, &l.wv, &l.wo, &l.w_gate, &l.w_up, &l.w_down, &l.router}) {
            if (!t->present()) {
                continue;
            }
            for (bool batched : {false, true}) {
                if (Result<const Kernel*> k = s->device_->kernels->matvec(t->type, batched); !k) {
                    return k.error();
                }
            }
            if (s->device_->kernels->uses_matmul()) {
                if (Result<const Kernel*> k = s->device_->kernels->matmul(t->type); !k) {
                    return k.error();
                }
            }
        }
    }
    for (const GpuLayer& l : s->weights_.layers) {
        for (const GpuTensor* t : {&l.gate_exps, &l.up_exps, &l.down_exps}) {
            if (!t->present()) {
                continue;
            }
            if (Result<const Kernel*> k = s->device_->kernels->moe_matvec(t->type); !k) {
                return k.error();
            }
            if (s->device_->kernels->uses_matmul()) {
                if (Result<const Kernel*> k = s->device_->kernels->moe_matmul(t->type); !k) {
                    return k.error();
                }
            }
        }
    }
    if (s->weights_.output.present()) {
        if (Result<const Kernel*> k = s->device_->kernels->matvec(s->weights_.output.type, false);
            !k) {
            return k.error();
        }
    }
    (void)s->device_->save_pipeline_cache(); // a cache that cannot be written costs time only
    return s;
}

std::string VulkanSession::backend_details() const {
    return device_->kernels->describe();
}

BackendDescription VulkanSession::backend_description() const {
    return {"vulkan", device_->context->info().name};
}

Result<void> VulkanSession::check_tokens(std::span<const Token> tokens, bool hidden_only) const {
    if (!lost_.empty()) {
        return Error{lost_};
    }
    for (Token t : tokens) {
        if (t < 0 || uint32_t(t) >= c_.n_vocab) {
            return Error{"token " + std::to_string(t) + " is outside the vocabulary"};
        }
    }
    if (front() && !hidden_only) {
        return Error{"this Vulkan session runs only the first layers of the model"};
    }
    if (tokens.empty() || n_past_ + tokens.size() > n_ctx_) {
        return Error{tokens.empty()
                         ? "no tokens to evaluate"
                         : "the context is full (" + std::to_string(n_ctx_) + " tokens)"};
    }
    return {};
}

Result<std::span<const float>> VulkanSession::eval(Token token) {
    return eval_batch(std::span(&token, 1));
}

Result<std::span<const float>> VulkanSession::eval_batch(std::span<const Token> tokens) {
    if (Result<void> ok = check_tokens(tokens); !ok) {
        return ok.error();
    }
    for (size_t at = 0; at < tokens.size(); at += options_.max_batch) {
        const size_t n = std::min<size_t>(options_.max_batch, tokens.size() - at);
        if (Result<void> ok = forward(tokens.subspan(at, n), false); !ok) {
            return ok.error();
        }
    }
    return std::span<const float>(reinterpret_cast<const float*>(logits_.mapped().data()),
                                  c_.n_vocab);
}

Result<std::span<const float>> VulkanSession::eval_hidden(std::span<const Token> tokens) {
    if (Result<void> ok = check_tokens(tokens, true); !ok) {
        return ok.error();
    }
    if (!front() || tokens.size() > options_.max_batch) {
        return Error{"eval_hidden takes up to one batch of a front session's tokens"};
    }
    if (Result<void> ok = forward(tokens, false); !ok) {
        return ok.error();
    }
    return std::span<const float>(reinterpret_cast<const float*>(hidden_.mapped().data()),
                                  tokens.size() * c_.n_embd);
}

void VulkanSession::truncate(uint32_t n) {
    n_past_ = kv_.resumable(std::min(n_past_, n));
    if (n_past_ == 0) {
        kv_.reset();
    }
}

Result<Token> VulkanSession::eval_greedy(Token token) {
    if (Result<void> ok = check_tokens(std::span(&token, 1)); !ok) {
        return ok.error();
    }
    if (Result<void> ok = forward(std::span(&token, 1), true); !ok) {
        return ok.error();
    }
    uint32_t index;
    std::memcpy(&index, argmax_.mapped().data(), 4);
    return static_cast<Token>(index);
}

// Records the forward pass of n tokens at pos0 (plus position_'s value when `replayed`)
// into `batch`: logits of the last token, and its argmax when `greedy`.
Result<void> VulkanSession::record(Batch& batch, uint32_t n, uint32_t pos0, bool greedy,
                                   bool replayed) {
    ++recordings_;
    Recorder rec(*device_->kernels, batch, options_.binding_limit);
    if (q8_.size() != 0) {
        rec.set_q8_scratch(whole(q8_));
    }
    if (replayed) {
        rec.set_position_buffer(whole(position_));
    }
    rec.embed(weights_.token_embd, whole(ids_), whole(x_), n);
    if (c_.embedding_scale != 1.0f) {
        rec.axpby(whole(x_), whole(x_), n * c_.n_embd, c_.embedding_scale, 0.0f);
    }
    for (uint32_t l = 0; l < weights_.layers.size(); ++l) {
        record_layer(rec, l, n, pos0);
    }
    if (front()) {
        // The residual stream goes to host memory for the CPU's layers: hidden = 0 * hidden + x
        // (axpby is the copy there is); forward() zeroes hidden before every submit, replays
        // included, so that no stale value, not even a NaN, survives the 0 *.
        rec.axpby(whole(hidden_), whole(x_), n * c_.n_embd, 0.0f, 1.0f);
    } else {
        record_head(rec, n, greedy);
    }
    return rec.status();
}

// Every piece replays a recording of its token count (made on its first use; HEARTH_VK_REPLAY=0
// turns this off): nothing of a piece's dispatches depends on its position except the
// position itself, which rope, kv_store and attention read from position_. A decode step's
// recording (n = 1) includes the argmax. While profiling, every piece is recorded afresh.
Result<void> VulkanSession::forward(std::span<const Token> tokens, bool greedy) {
    const uint32_t n = static_cast<uint32_t>(tokens.size()), pos0 = n_past_;
    std::memcpy(ids_.mapped().data(), tokens.data(), n * sizeof(Token));
    Batch* replayed = profiler_ == nullptr ? replayable(n) : nullptr;
    Batch& batch = replayed ? *replayed : *batch_;
    if (replayed) {
        std::memcpy(position_.mapped().data(), &pos0, 4);
    }
    if (!replayed || !replayed->recorded()) {
        const bool argmax = greedy || (replayed && n == 1);
        if (Result<void> ok = record(batch, n, replayed ? 0 : pos0, argmax, replayed != nullptr);
            !ok) {
            // A half-made recording is never replayed.
            std::erase_if(replays_, [&](const Recording& r) { return r.batch.get() == replayed; });
            return ok.error();
        }
    }
    if (front()) {
        std::memset(hidden_.mapped().data(), 0, size_t(n) * c_.n_embd * 4);
    }
    if (Result<void> ok = batch.submit_and_wait(); !ok) {
        lost_ = ok.error().message; // the device state is unknown now
        return ok.error();
    }
    n_past_ = pos0 + n;
    kv_.written(n_past_);
    return {};
}

// The output norm and head on the last of n tokens: its logits (and their argmax).
void VulkanSession::record_head(Recorder& rec, uint32_t n, bool greedy) {
    rec.rms_norm(whole(x_), whole(weights_.output_norm), whole(h_), n, c_.n_embd, c_.rms_eps);
    MatvecIo out{whole(h_), whole(logits_)};
    out.x_offset = (n - 1) * c_.n_embd;
    rec.matvec(weights_.output, out);
    if (c_.logit_scale != 1.0f || c_.final_logit_softcap > 0.0f) {
        rec.axpby(whole(logits_), whole(logits_), c_.n_vocab, 1.0f / c_.logit_scale, 0.0f,
                  c_.final_logit_softcap);
    }
    if (greedy) {
        rec.argmax(whole(logits_), c_.n_vocab, whole(argmax_));
    }
}

// One transformer block for n tokens at positions pos0..: norm -> q, k, v (+bias) -> q/k
// norm and RoPE (in the architecture's order) -> cache -> attention -> output (-> norm) +
// residual -> norm -> act(gate) * up -> down (-> norm) + residual.
void VulkanSession::record_layer(Recorder& rec, uint32_t l, uint32_t n, uint32_t pos0) {
    const GpuLayer& w = weights_.layers[l];
    const LayerConfig& lc = c_.layers[l];
    const bool neox = c_.rope_style == RopeStyle::Neox;
    rec.rms_norm(whole(x_), whole(w.attn_norm), whole(h_), n, c_.n_embd, c_.rms_eps);
    auto project = [&](const GpuTensor& m, const Buffer& y, const GpuTensor& bias) {
        MatvecIo io{whole(h_), whole(y), n};
        io.bias = c_.qkv_bias ? &bias : nullptr;
        rec.matvec(m, io);
    };
    project(w.wq, q_, w.bq);
    project(w.wk, k_, w.bk);
    project(w.wv, v_, w.bv);
    auto norm_qk = [&] {
        rec.rms_norm(whole(q_), whole(w.q_norm), whole(q_), n * c_.n_head, c_.head_dim, c_.rms_eps);
        rec.rms_norm(whole(k_), whole(w.k_norm), whole(k_), n * c_.n_head_kv, c_.head_dim,
                     c_.rms_eps);
    };
    if (c_.qk_norm && c_.qk_norm_at == QkNormAt::BeforeRope) {
        norm_qk();
    }
    if (lc.rope >= 0) {
        const Buffer& table = rope_tables_[size_t(lc.rope)];
        rec.rope(whole(q_), whole(table), n, c_.n_head, c_.head_dim, c_.n_rot, pos0, neox);
        rec.rope(whole(k_), whole(table), n, c_.n_head_kv, c_.head_dim, c_.n_rot, pos0, neox);
    }
    if (c_.qk_norm && c_.qk_norm_at == QkNormAt::AfterRope) {
        norm_qk();
    }
    rec.kv_store(whole(k_), whole(v_), whole(k_cache_[l]), whole(v_cache_[l]), n, c_.kv_dim(), pos0,
                 kv_.capacity(l));
    rec.attention(whole(q_), whole(k_cache_[l]), whole(v_cache_[l]), whole(att_),
                  {n, pos0, c_.n_head, c_.n_head_kv, c_.head_dim, c_.kq_scale(), lc.window,
                   c_.attention_temperature_beta, c_.attention_temperature_length, kv_.capacity(l),
                   w.sinks.present() ? whole(w.sinks) : BufferRange{}});
    block_output(rec, w.wo, w.bo, att_, n, w.post_attn_norm);

    rec.rms_norm(whole(x_), whole(w.ffn_norm), whole(h_), n, c_.n_embd, c_.rms_eps);
    if (lc.moe) {
        moe_ffn(rec, w, n);
        return;
    }
    rec.matvec(w.w_gate, {whole(h_), whole(gate_), n});
    rec.matvec(w.w_up, {whole(h_), whole(up_), n});
    activate(rec, n * c_.n_ff);
    block_output(rec, w.w_down, GpuTensor{}, gate_, n, w.post_ffn_norm);
}

// The gated FFN activation of the first `count` elements of gate_ and up_, into gate_.
void VulkanSession::activate(Recorder& rec, uint32_t count) {
    if (c_.activation == Activation::SwigluOai) {
        rec.swiglu_oai(whole(gate_), whole(up_), count);
    } else {
        rec.gated_act(whole(gate_), whole(up_), count, c_.activation == Activation::GeluTanh);
    }
}

// x += residual_scale * (W in + bias), normed first when the architecture norms its block
// outputs: straight into x when nothing comes between, else through o_. The bias (gpt-oss's
// attention output bias, or none) joins before the norm, as in llama.cpp.
void VulkanSession::block_output(Recorder& rec, const GpuTensor& w, const GpuTensor& bias,
                                 const Buffer& in, uint32_t n, const GpuTensor& post_norm) {
    MatvecIo io{whole(in), whole(o_), n};
    io.bias = bias.present() ? &bias : nullptr;
    if (!c_.post_norms && c_.residual_scale == 1.0f) {
        io.y = whole(x_);
        io.accumulate = true;
        rec.matvec(w, io);
        return;
    }
    rec.matvec(w, io);
    if (c_.post_norms) {
        rec.rms_norm(whole(o_), whole(post_norm), whole(o_), n, c_.n_embd, c_.rms_eps);
    }
    rec.axpby(whole(x_), whole(o_), n * c_.n_embd, 1.0f, c_.residual_scale);
}

} // namespace hearth::vk
