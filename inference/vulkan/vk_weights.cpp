#include "vulkan/vk_weights.h"

#include "cpu/ops.h"
#include "vulkan/vk_buffer_staging.h"

#include <algorithm>
#include <cstdlib>
#include <cstring>
#include <string_view>

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

// One tensor to upload: its bytes (from the mapped file, or converted to f32 here; only its
// size when measuring) and the slot that receives its place.
struct Item {
    GpuTensor* slot;
    std::span<const std::byte> bytes;
    std::vector<std::byte> converted;
    size_t block = 0;
    uint64_t size = 0; // bytes.size(), known without converting
};

class Planner {
public:
    Planner(std::vector<Item>& items, bool convert) : items_(items), convert_(convert) {}

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
        items_.push_back({&slot, view.data, {}, 0, view.data.size()});
    }

    // A vector (norm, bias), converted to f32; absent optional vectors stay absent.
    void vector(GpuTensor& slot, const TensorView& view) {
        if (!view.present()) {
            return;
        }
        const uint64_t count = view.rows * view.cols;
        slot = {GgmlType::F32, 1, uint32_t(count), count * sizeof(float), nullptr, 0};
        Item item{&slot, {}, {}, 0, count * sizeof(float)};
        if (convert_) {
            const std::vector<float> values = cpu::to_floats(view);
            item.converted.resize(values.size() * sizeof(float));
            std::memcpy(item.converted.data(), values.data(), item.converted.size());
        }
        items_.push_back(std::move(item));
        items_.back().bytes = items_.back().converted;
    }

private:
    std::vector<Item>& items_;
    bool convert_;
};

// The tensors of the embedding, layers [0, layers) and, with every layer, the head, in
// upload order; `layer_end[i]` is the item count after layer i. `tied`: the head is the
// embedding (not planned again).
void plan_tensors(GpuWeights& gpu, const Weights& weights, uint32_t layers, bool convert,
                  std::vector<Item>& items, std::vector<size_t>& layer_end, bool& tied) {
    const size_t n = std::min<size_t>(layers, weights.layers.size());
    items.reserve(4 + 28 * n);
    Planner plan(items, convert);
    plan.matrix(gpu.token_embd, weights.token_embd);
    gpu.layers.resize(n);
    for (size_t i = 0; i < n; ++i) {
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
        layer_end.push_back(items.size());
    }
    tied = weights.output.data.data() == weights.token_embd.data.data();
    if (n == weights.layers.size()) {
        plan.vector(gpu.output_norm, weights.output_norm);
        if (!tied) {
            plan.matrix(gpu.output, weights.output);
        }
    }
}

uint64_t alignment_of(const DeviceInfo& info) {
    return std::max<uint64_t>(info.min_storage_offset_alignment, 64);
}

// A tensor's place: its bytes, 16 spare bytes after it (kernels read whole 32-bit words at
// its end), aligned.
uint64_t placed_size(const Item& item, uint64_t alignment) {
    return align_up(item.size + 16, alignment);
}

uint64_t payload_of(const std::vector<Item>& items) {
    uint64_t payload = 0;
    for (const Item& item : items) {
        payload += item.bytes.size();
    }
    return payload;
}

// Unified memory: each block is mapped; tensors are copied straight into it, in pieces of
// staging_bytes so that progress moves as often as with staging.
Result<void> write_in_place(const std::vector<Item>& items, const UploadOptions& options) {
    const uint64_t payload = payload_of(items),
                   piece = std::max<uint64_t>(options.staging_bytes, 1);
    uint64_t done = 0, reported = 0;
    for (const Item& item : items) {
        const std::span<std::byte> block = item.slot->buffer->mapped();
        for (uint64_t at = 0; at < item.bytes.size(); at += piece) {
            if (options.cancelled && options.cancelled()) {
                return Error{"loading the model was cancelled"};
            }
            const uint64_t n = std::min<uint64_t>(piece, item.bytes.size() - at);
            std::memcpy(block.data() + item.slot->offset + at, item.bytes.data() + at, n);
            done += n;
            if (options.progress && (done - reported >= piece || done == payload)) {
                reported = done;
                options.progress(done, payload);
            }
        }
    }
    return {};
}

// Copy through a ring of staging buffers (vk_buffer_staging.h; two by default): fill one with whole
// tensors or pieces of one while the device copies from the other, submit, repeat. Regions
// never cross blocks because each region lies within one tensor; one copy command targets
// one block, so a block change submits the slot early. Progress counts the bytes whose
// copies have finished.
Result<void> copy_through_staging(const Context& ctx, const std::vector<Item>& items,
                                  const UploadOptions& options, uint32_t slots) {
    const uint64_t payload = payload_of(items);
    slots = std::max<uint32_t>(slots, 1);
    const uint64_t slot_size =
        std::max<uint64_t>(1, std::min(options.staging_bytes / slots, payload));
    Result<StagingRing> ring = StagingRing::create(ctx, slot_size, slots);
    if (!ring) {
        return ring.error();
    }
    std::span<std::byte> stage;
    std::vector<VkBufferCopy> regions;
    const Buffer* region_target = nullptr;
    uint64_t used = 0, reported = 0;
    auto report = [&] {
        if (options.progress && ring->completed() != reported) {
            reported = ring->completed();
            options.progress(reported, payload);
        }
    };
    auto flush = [&]() -> Result<void> {
        if (regions.empty()) {
            return {};
        }
        Result<void> submitted = ring->submit(*region_target, regions, used);
        regions.clear();
        used = 0;
        stage = {};
        return submitted;
    };
    for (const Item& item : items) {
        uint64_t at = 0;
        while (at < item.bytes.size()) {
            if (used == slot_size || (region_target && region_target != item.slot->buffer)) {
                if (Result<void> r = flush(); !r) {
                    return r.error();
                }
            }
            if (stage.empty()) {
                if (options.cancelled && options.cancelled()) {
                    return Error{"loading the model was cancelled"};
                }
                Result<std::span<std::byte>> acquired = ring->acquire();
                if (!acquired) {
                    return acquired.error();
                }
                stage = *acquired;
                report();
            }
            region_target = item.slot->buffer;
            const uint64_t n = std::min<uint64_t>(item.bytes.size() - at, slot_size - used);
            std::memcpy(stage.data() + used, item.bytes.data() + at, n);
            regions.push_back({used, item.slot->offset + at, n});
            used += n;
            at += n;
        }
    }
    if (Result<void> r = flush(); !r) {
        return r.error();
    }
    if (Result<void> r = ring->finish(); !r) {
        return r.error();
    }
    report();
    return {};
}

} // namespace

WeightBytes weight_bytes(const DeviceInfo& info, const Weights& weights) {
    GpuWeights scratch;
    std::vector<Item> items;
    std::vector<size_t> layer_end;
    bool tied = false;
    plan_tensors(scratch, weights, UINT32_MAX, false, items, layer_end, tied);
    const uint64_t alignment = alignment_of(info);
    const auto sum = [&](size_t begin, size_t end) {
        uint64_t bytes = 0;
        for (size_t i = begin; i < end; ++i) {
            bytes += placed_size(items[i], alignment);
        }
        return bytes;
    };
    WeightBytes out;
    out.embedding = sum(0, 1);
    size_t begin = 1;
    for (size_t end : layer_end) {
        out.layers.push_back(sum(begin, end));
        begin = end;
    }
    out.head = sum(begin, items.size());
    return out;
}

Result<GpuWeights> upload_weights(const Context& ctx, const Weights& weights,
                                  const UploadOptions& options) {
    GpuWeights gpu;
    std::vector<Item> items;
    std::vector<size_t> layer_end;
    bool tied = false;
    plan_tensors(gpu, weights, options.layers, true, items, layer_end, tied);
    const bool head = gpu.layers.size() == weights.layers.size();

    // Layout: tensors in order, each at an aligned offset, a new block when the current one
    // is full.
    const DeviceInfo& info = ctx.info();
    const uint64_t alignment = alignment_of(info);
    const uint64_t max_allocation =
        info.max_allocation_bytes ? info.max_allocation_bytes : 1ull << 30;
    const uint64_t block_limit =
        options.block_bytes ? options.block_bytes : std::min<uint64_t>(256 * kMiB, max_allocation);
    std::vector<uint64_t> block_sizes{0};
    uint64_t total = 0;
    for (Item& item : items) {
        const uint64_t size = placed_size(item, alignment);
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
    UploadOptions::Path path = options.path;
    uint32_t slots = options.staging_slots;
    if (const char* how = std::getenv("HEARTH_VK_UPLOAD");
        how && path == UploadOptions::Path::Auto) {
        const std::string_view way(how);
        path = way == "direct"                               ? UploadOptions::Path::Direct
               : way == "staging" || way == "staging-serial" ? UploadOptions::Path::Staging
                                                             : path;
        slots = way == "staging-serial" ? 1 : slots;
    }
    const bool direct = path == UploadOptions::Path::Direct ||
                        (path == UploadOptions::Path::Auto && ctx.unified_memory());
    const Buffer::Memory memory =
        direct ? Buffer::Memory::DeviceMapped : Buffer::Memory::DeviceLocal;
    for (uint64_t size : block_sizes) {
        Result<Buffer> block = Buffer::create(ctx, size, memory);
        if (!block) {
            return Error{"cannot allocate " + mib(size) + " for the weights (" + mib(total) +
                         " needed in all, " + info.name + " has " + mib(info.device_local_bytes) +
                         "): " + block.error().message};
        }
        gpu.blocks.push_back(std::make_unique<Buffer>(std::move(block.value())));
    }
    gpu.device_bytes = total;
    gpu.direct = direct;
    for (Item& item : items) {
        item.slot->buffer = gpu.blocks[item.block].get();
    }
    Result<void> written =
        direct ? write_in_place(items, options) : copy_through_staging(ctx, items, options, slots);
    if (!written) {
        return written.error();
    }
    if (tied && head) {
        gpu.output = gpu.token_embd;
    }
    return gpu;
}

} // namespace hearth::vk
