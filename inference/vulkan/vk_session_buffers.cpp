// VulkanSession's memory: the KV cache, activations, RoPE tables and command batches it
// allocates at creation (vk_session.cpp runs the forward pass over them), and their size.
#include "shader_interface.h"
#include "vulkan/vk_ops.h"
#include "vulkan/vk_session.h"

#include <algorithm>
#include <cstdlib>
#include <string_view>

namespace hearth::vk {

Result<void> VulkanSession::allocate() {
    const Context& ctx = *device_->context;
    const uint64_t B = options_.max_batch;
    const uint64_t cache_bytes = uint64_t(kv_.capacity(0)) * c_.kv_dim() * 2; // the largest
    const uint64_t limit =
        options_.binding_limit ? options_.binding_limit : ctx.info().max_storage_buffer_range;
    if (uint64_t(n_ctx_) * c_.kv_dim() * 2 > limit) {
        return Error{"a context of " + std::to_string(n_ctx_) + " tokens needs " +
                     std::to_string(cache_bytes >> 20) +
                     " MiB of KV cache per layer, more than one binding holds"};
    }
    // Expert stacks are bound in pieces of whole experts (Recorder::moe_matvec).
    for (const GpuLayer& l : weights_.layers) {
        for (const GpuTensor* t : {&l.gate_exps, &l.up_exps, &l.down_exps}) {
            const uint64_t expert = t->bytes() / std::max<uint32_t>(c_.moe.n_expert, 1);
            if (t->present() && expert + ctx.info().min_storage_offset_alignment + 4 > limit) {
                return Error{"an expert of " + std::to_string(expert) +
                             " bytes is larger than one binding of the device (" +
                             std::to_string(limit) + " bytes)"};
            }
        }
    }
    std::string failure;
    auto make = [&](Buffer& slot, uint64_t bytes, Buffer::Memory memory) {
        if (!failure.empty()) {
            return;
        }
        Result<Buffer> b = Buffer::create(ctx, bytes, memory);
        if (b) {
            slot = std::move(b.value());
        } else {
            failure = b.error().message;
        }
    };
    const auto device = Buffer::Memory::DeviceLocal, host = Buffer::Memory::HostVisible;
    k_cache_.resize(weights_.layers.size());
    v_cache_.resize(weights_.layers.size());
    for (uint32_t l = 0; l < weights_.layers.size(); ++l) {
        const uint64_t bytes = uint64_t(kv_.capacity(l)) * c_.kv_dim() * 2;
        make(k_cache_[l], bytes, device);
        make(v_cache_[l], bytes, device);
    }
    make(x_, B * c_.n_embd * 4, device);
    make(h_, B * c_.n_embd * 4, device);
    make(q_, B * c_.q_dim() * 4, device);
    make(att_, B * c_.q_dim() * 4, device);
    make(o_, B * c_.n_embd * 4, device);
    make(k_, B * c_.kv_dim() * 4, device);
    make(v_, B * c_.kv_dim() * 4, device);
    // A mixture of experts' slots: k per token, each with its expert's FFN rows.
    const uint64_t k = c_.moe.n_expert_used;
    const uint64_t ffn = std::max<uint64_t>({uint64_t(c_.n_ff), k * c_.n_ff_exp, 1});
    make(gate_, B * ffn * 4, device);
    make(up_, B * ffn * 4, device);
    if (c_.moe.n_expert > 0) {
        make(router_logits_, B * c_.moe.n_expert * 4, device);
        make(expert_ids_, B * k * 4, device);
        make(expert_weights_, B * k * 4, device);
        make(expert_out_, B * k * c_.n_embd * 4, device);
        make(expert_groups_, (c_.moe.n_expert + 1 + B * k) * 4, device);
    }
    if (device_->kernels->uses_integer_dot(GgmlType::Q8_0)) {
        // The largest input of a quantized matvec: h, the attention output, the FFN's.
        const uint64_t cols = std::max<uint64_t>({c_.n_embd, c_.q_dim(), c_.n_ff});
        make(q8_, B * (cols / HEARTH_UNIT) * HEARTH_Q8_BLOCK_WORDS * 4, device);
    }
    make(ids_, B * 4, host);
    if (front()) {
        make(hidden_, B * c_.n_embd * 4, host);
    } else {
        make(logits_, uint64_t(c_.n_vocab) * 4, host);
        make(argmax_, 8, host);
    }
    if (!failure.empty()) {
        return Error{"cannot allocate the KV cache and activations: " + failure};
    }
    for (const RopeSpec& spec : c_.rope) {
        const std::vector<float> table = rope_table(n_ctx_, spec);
        Result<Buffer> uploaded = upload_to_device(ctx, std::as_bytes(std::span(table)));
        if (!uploaded) {
            return uploaded.error();
        }
        rope_tables_.push_back(std::move(uploaded.value()));
    }
    Result<Batch> batch = Batch::create(ctx, max_dispatches(c_.n_layer));
    if (!batch) {
        return batch.error();
    }
    batch_ = std::make_unique<Batch>(std::move(batch.value()));
    const char* replay = std::getenv("HEARTH_VK_REPLAY");
    if (replay == nullptr || std::string_view(replay) != "0") {
        Result<Buffer> position = Buffer::create(ctx, 16, Buffer::Memory::HostVisible);
        if (!position) {
            return position.error();
        }
        position_ = std::move(position.value());
        replay_ = true;
    }
    return {};
}

// Up to kRecordings command buffers of max_dispatches descriptor sets each: a few hundred
// KiB of driver memory. A chat's prompts end in ragged pieces of every size, so sizes come
// and go; the decode step and the full piece, used most, stay.
Batch* VulkanSession::replayable(uint32_t n) {
    if (!replay_) {
        return nullptr;
    }
    ++uses_;
    for (Recording& r : replays_) {
        if (r.n == n) {
            r.used = uses_;
            return r.batch.get();
        }
    }
    if (replays_.size() >= kRecordings) {
        replays_.erase(std::min_element(
            replays_.begin(), replays_.end(),
            [](const Recording& a, const Recording& b) { return a.used < b.used; }));
    }
    Result<Batch> batch = Batch::create(*device_->context, max_dispatches(c_.n_layer), true);
    if (!batch) {
        return nullptr; // recorded afresh in batch_ instead
    }
    replays_.push_back({n, uses_, std::make_unique<Batch>(std::move(batch.value()))});
    return replays_.back().batch.get();
}

Result<void> VulkanSession::enable_profiling() {
    Result<std::unique_ptr<Profiler>> profiler =
        Profiler::create(*device_->context, max_dispatches(c_.n_layer));
    if (!profiler) {
        return profiler.error();
    }
    profiler_ = std::move(profiler.value());
    batch_->set_profiler(profiler_.get());
    return {};
}

uint64_t VulkanSession::device_bytes() const {
    uint64_t bytes = weights_.device_bytes;
    for (const Buffer& table : rope_tables_) {
        bytes += table.size();
    }
    for (const Buffer* b :
         {&x_, &h_, &q_, &att_, &o_, &k_, &v_, &gate_, &up_, &router_logits_, &expert_ids_,
          &expert_weights_, &expert_out_, &ids_, &logits_, &hidden_, &q8_}) {
        bytes += b->size();
    }
    for (size_t l = 0; l < k_cache_.size(); ++l) {
        bytes += k_cache_[l].size() + v_cache_[l].size();
    }
    return bytes;
}

} // namespace hearth::vk
