#include "vulkan/vk_weights.h"

#include "cpu/ops.h"

#include <algorithm>
#include <cstring>

namespace hearth::vk {

namespace {

constexpr uint64_t kMiB = 1ull << 20;

// "123 MiB", or with one decimal below 10 MiB ("0.3 MiB"), rounded up.
std::string mib(uint64_t bytes) {
    if (bytes >= 10 * kMiB) {
        return std::to_string((bytes + kMiB - 1) / kMiB) + " MiB";
    }
    const uint64_t tenths = (bytes * 10 + kMiB - 1) / kMiB;
    return std::to_string(tenths / 10) + "." + std::to_string(tenths % 10) + " MiB";
}

uint64_t align_up(uint64_t value, uint64_t alignment) {
    return (value + alignment - 1) / alignment * alignment;
}

// One tensor to upload: its bytes (from the mapped file, or converted to f32 here) and the
// slot that receives its place.
struct Item {
    GpuTensor* slot;
    std::span<const std::byte> bytes;
    std::vector<std::byte> converted;
    size_t block = 0;
};

class Planner {
public:
    explicit Planner(std::vector<Item>& items) : items_(items) {}

    // A matrix, uploaded in its own type; absent ones (a dense layer's experts, a mixture of
    // experts' dense FFN) stay absent.
    void matrix(GpuTensor& slot, const TensorView& view) {
        if (!view.present()) {
            return;
        }
        slot = {view.type,
                uint32_t(view.rows),
                uint32_t(view.cols),
                row_bytes(view.type, view.cols),
                nullptr,
                0};
        items_.push_back({&slot, view.data, {}});
    }

    // A vector (norm, bias), converted to f32; absent optional vectors stay absent.
    void vector(GpuTensor& slot, const TensorView& view) {
        if (!view.present()) {
            return;
        }
        const std::vector<float> values = cpu::to_floats(view);
        slot = {GgmlType::F32, 1, uint32_t(values.size()), values.size() * sizeof(float),
                nullptr,       0};
        Item item{&slot, {}, std::vector<std::byte>(values.size() * sizeof(float))};
        std::memcpy(item.converted.data(), values.data(), item.converted.size());
        items_.push_back(std::move(item));
        items_.back().bytes = items_.back().converted;
    }

private:
    std::vector<Item>& items_;
};

} // namespace

Result<GpuWeights> upload_weights(const Context& ctx, const Weights& weights,
                                  const UploadOptions& options) {
    GpuWeights gpu;
    std::vector<Item> items;
    items.reserve(4 + 28 * weights.layers.size());
    Planner plan(items);
    plan.matrix(gpu.token_embd, weights.token_embd);
    gpu.layers.resize(weights.layers.size());
    for (size_t i = 0; i < weights.layers.size(); ++i) {
        const LayerWeights& l = weights.layers[i];
        GpuLayer& g = gpu.layers[i];
        plan.vector(g.attn_norm, l.attn_norm);
        plan.matrix(g.wq, l.wq);
        plan.matrix(g.wk, l.wk);
        plan.matrix(g.wv, l.wv);
        plan.vector(g.bq, l.bq);
        plan.vector(g.bk, l.bk);
        plan.vector(g.bv, l.bv);
        plan.vector(g.q_norm, l.q_norm);
        plan.vector(g.k_norm, l.k_norm);
        plan.matrix(g.wo, l.wo);
        plan.vector(g.bo, l.bo);
        plan.vector(g.sinks, l.sinks);
        plan.vector(g.ffn_norm, l.ffn_norm);
        plan.matrix(g.w_gate, l.w_gate);
        plan.matrix(g.w_up, l.w_up);
        plan.matrix(g.w_down, l.w_down);
        plan.matrix(g.router, l.router);
        plan.matrix(g.gate_exps, l.gate_exps);
        plan.matrix(g.up_exps, l.up_exps);
        plan.matrix(g.down_exps, l.down_exps);
        plan.vector(g.router_bias, l.router_bias);
        plan.vector(g.gate_exps_bias, l.gate_exps_bias);
        plan.vector(g.up_exps_bias, l.up_exps_bias);
        plan.vector(g.down_exps_bias, l.down_exps_bias);
        plan.vector(g.post_attn_norm, l.post_attn_norm);
        plan.vector(g.post_ffn_norm, l.post_ffn_norm);
    }
    plan.vector(gpu.output_norm, weights.output_norm);
    const bool tied = weights.output.data.data() == weights.token_embd.data.data();
    if (!tied) {
        plan.matrix(gpu.output, weights.output);
    }

    // Layout: tensors in order, each at an aligned offset, a new block when the current one
    // is full. 16 spare bytes after each tensor let kernels read whole 32-bit words at its end.
    const DeviceInfo& info = ctx.info();
    const uint64_t alignment = std::max<uint64_t>(info.min_storage_offset_alignment, 64);
    const uint64_t max_allocation =
        info.max_allocation_bytes ? info.max_allocation_bytes : 1ull << 30;
    const uint64_t block_limit =
        options.block_bytes ? options.block_bytes : std::min<uint64_t>(256 * kMiB, max_allocation);
    std::vector<uint64_t> block_sizes{0};
    uint64_t total = 0;
    for (Item& item : items) {
        const uint64_t size = align_up(item.bytes.size() + 16, alignment);
        if (size > max_allocation) {
            return Error{"tensor " + std::to_string(item.bytes.size()) + " bytes large exceeds " +
                         info.name + "'s largest allocation (" + mib(max_allocation) + ")"};
        }
        if (block_sizes.back() != 0 && block_sizes.back() + size > block_limit) {
            block_sizes.push_back(0);
        }
        item.block = block_sizes.size() - 1;
        item.slot->offset = block_sizes.back();
        block_sizes.back() += size;
        total += size;
    }
    const uint64_t budget = options.memory_budget ? options.memory_budget : info.device_local_bytes;
    if (budget != 0 && total > budget) {
        return Error{"the model needs " + mib(total) + " of device memory; " + info.name + " has " +
                     mib(budget)};
    }
    for (uint64_t size : block_sizes) {
        Result<Buffer> block = Buffer::create(ctx, size, Buffer::Memory::DeviceLocal);
        if (!block) {
            return Error{"cannot allocate " + mib(size) + " for the weights (" + mib(total) +
                         " needed in all, " + info.name + " has " + mib(info.device_local_bytes) +
                         "): " + block.error().message};
        }
        gpu.blocks.push_back(std::make_unique<Buffer>(std::move(block.value())));
    }
    gpu.device_bytes = total;
    for (Item& item : items) {
        item.slot->buffer = gpu.blocks[item.block].get();
    }

    // Copy through the staging buffer: fill it with whole tensors or pieces of one, copy,
    // repeat. Regions never cross blocks because each region lies within one tensor.
    uint64_t payload = 0;
    for (const Item& item : items) {
        payload += item.bytes.size();
    }
    const uint64_t staging_size = std::max<uint64_t>(1, std::min(options.staging_bytes, payload));
    Result<Buffer> staging = Buffer::create(ctx, staging_size, Buffer::Memory::HostVisible);
    if (!staging) {
        return staging.error();
    }
    std::span<std::byte> stage = staging->mapped();
    std::vector<VkBufferCopy> regions;
    const Buffer* region_target = nullptr;
    uint64_t used = 0, done = 0;
    auto flush = [&]() -> Result<void> {
        if (regions.empty()) {
            return {};
        }
        Result<void> copied = copy_buffer(ctx, *staging, *region_target, regions);
        done += used;
        regions.clear();
        used = 0;
        if (copied && options.progress) {
            options.progress(done, payload);
        }
        return copied;
    };
    for (const Item& item : items) {
        uint64_t at = 0;
        while (at < item.bytes.size()) {
            // One copy command targets one buffer: flush when the block changes.
            if (used == staging_size || (region_target && region_target != item.slot->buffer)) {
                if (Result<void> r = flush(); !r) {
                    return r.error();
                }
            }
            region_target = item.slot->buffer;
            const uint64_t n = std::min<uint64_t>(item.bytes.size() - at, staging_size - used);
            std::memcpy(stage.data() + used, item.bytes.data() + at, n);
            regions.push_back({used, item.slot->offset + at, n});
            used += n;
            at += n;
        }
    }
    if (Result<void> r = flush(); !r) {
        return r.error();
    }
    if (tied) {
        gpu.output = gpu.token_embd;
    }
    return gpu;
}

} // namespace hearth::vk
