// Recording of the mixture-of-experts kernels (the rest of Recorder is vk_ops.cpp): the
// router's gating and top-k, the expert-indexed products over the chosen experts (a matvec
// per slot for one token; for a prompt the slots grouped by expert and a tiled matmul per
// expert), and the weighted sum. The choice stays on the device from the router to the sum: the
// expert kernels read the ids the router wrote, so a layer needs no host round trip.
#include "shader_interface.h"
#include "vulkan/vk_ops.h"

#include <algorithm>

namespace hearth::vk {

namespace {

uint32_t ceil_div(uint64_t a, uint64_t b) {
    return static_cast<uint32_t>((a + b - 1) / b);
}

uint32_t gating_id(ExpertGating g) {
    switch (g) {
    case ExpertGating::Softmax:
        return HEARTH_GATING_SOFTMAX;
    case ExpertGating::Sigmoid:
        return HEARTH_GATING_SIGMOID;
    case ExpertGating::SoftmaxWeight:
        return HEARTH_GATING_SOFTMAX_WEIGHT;
    }
    return HEARTH_GATING_SOFTMAX;
}

} // namespace

void Recorder::moe_route(BufferRange logits, const GpuTensor* sel_bias, BufferRange ids,
                         BufferRange weights, uint32_t n, const MoeRouting& r) {
    if (r.n_expert == 0 || r.n_expert > HEARTH_MOE_MAX_EXPERTS || r.n_expert_used == 0 ||
        r.n_expert_used > HEARTH_MOE_MAX_USED || r.n_expert_used > r.n_expert) {
        return fail("the Vulkan router takes up to " + std::to_string(HEARTH_MOE_MAX_EXPERTS) +
                    " experts and " + std::to_string(HEARTH_MOE_MAX_USED) +
                    " chosen per token, not " + std::to_string(r.n_expert_used) + " of " +
                    std::to_string(r.n_expert));
    }
    const gpu::MoeRoutePush push{r.n_expert,
                                 r.n_expert_used,
                                 n,
                                 gating_id(r.gating),
                                 sel_bias != nullptr ? 1u : 0u,
                                 r.normalize ? 1u : 0u,
                                 MoeRouting::kMinWeightSum,
                                 r.scale};
    const BufferRange bias = sel_bias != nullptr ? whole(*sel_bias) : logits; // unread without
    batch_.dispatch(kernels_.moe_route(), row_groups(n, 1), push, {logits, bias, ids, weights});
}

// The stack is bound in pieces of whole experts (an expert stack is often larger than one
// binding: 128 Q8_0 experts of 768 x 2048 take 214 MB, lavapipe binds 128 MiB); each piece's
// dispatch covers every slot (or every expert's tiles) and skips those whose expert lies
// elsewhere. piece(range, byte offset in it, first expert, experts) records one dispatch.
template <class Fn>
void Recorder::expert_pieces(const GpuTensor& stack, uint32_t n_expert, const MoeMatvecIo& io,
                             Fn&& piece) {
    const uint32_t rows = n_expert ? stack.rows / n_expert : 0;
    const uint32_t x_stride = io.x_stride ? io.x_stride : stack.cols;
    if (rows == 0 || uint64_t(rows) * n_expert != stack.rows || stack.cols % HEARTH_UNIT != 0 ||
        x_stride % 4 != 0 || io.x_group == 0) {
        return fail("an expert stack of " + std::to_string(stack.rows) + " rows x " +
                    std::to_string(stack.cols) + " columns cannot hold " +
                    std::to_string(n_expert) + " experts of whole units of 32");
    }
    const uint64_t expert_bytes = uint64_t(rows) * stack.row_bytes;
    const uint64_t alignment = kernels_.context().info().min_storage_offset_alignment;
    const uint64_t usable = limit_ > alignment + 4 ? limit_ - alignment - 4 : 0;
    const uint64_t per_piece = std::min<uint64_t>(usable / expert_bytes, n_expert);
    if (per_piece == 0) {
        return fail("an expert of " + std::to_string(expert_bytes) +
                    " bytes exceeds the binding limit of " + std::to_string(limit_) + " bytes");
    }
    for (uint64_t e0 = 0; e0 < n_expert; e0 += per_piece) {
        const uint64_t count = std::min<uint64_t>(per_piece, n_expert - e0);
        const VkDeviceSize start = stack.offset + e0 * expert_bytes;
        const VkDeviceSize bound = start / alignment * alignment;
        const VkDeviceSize bytes = (start - bound + count * expert_bytes + 3) / 4 * 4;
        piece(BufferRange{stack.buffer, bound, bytes}, static_cast<uint32_t>(start - bound),
              static_cast<uint32_t>(e0), static_cast<uint32_t>(count));
    }
}

void Recorder::moe_matvec(const GpuTensor& stack, uint32_t n_expert, const MoeMatvecIo& io) {
    Result<const Kernel*> kernel = kernels_.moe_matvec(stack.type);
    if (!kernel) {
        return fail(kernel.error().message);
    }
    const uint32_t rows = n_expert ? stack.rows / n_expert : 0;
    const BufferRange bias = io.bias != nullptr ? whole(*io.bias) : io.x; // unread without
    const uint32_t rows_per_group = kernels_.matvec_rows();
    expert_pieces(
        stack, n_expert, io, [&](BufferRange w, uint32_t offset, uint32_t e0, uint32_t count) {
            const gpu::MoeMatvecPush push{stack.cols,
                                          rows,
                                          io.n_slots,
                                          static_cast<uint32_t>(stack.row_bytes),
                                          offset,
                                          static_cast<uint32_t>(uint64_t(rows) * stack.row_bytes),
                                          e0,
                                          e0 + count,
                                          io.x_group,
                                          io.x_stride ? io.x_stride : stack.cols,
                                          io.y_stride ? io.y_stride : rows,
                                          io.bias != nullptr ? HEARTH_MATVEC_BIAS : 0u};
            batch_.dispatch(**kernel, row_groups(ceil_div(rows, rows_per_group), io.n_slots), push,
                            {w, io.x, io.y, bias, io.ids});
        });
}

void Recorder::moe_group(BufferRange ids, BufferRange groups, uint32_t n_slots, uint32_t n_expert) {
    if (n_expert == 0 || n_expert > HEARTH_MOE_MAX_EXPERTS) {
        return fail("the Vulkan expert grouping takes up to " +
                    std::to_string(HEARTH_MOE_MAX_EXPERTS) + " experts, not " +
                    std::to_string(n_expert));
    }
    const gpu::MoeGroupPush push{n_expert, n_slots};
    batch_.dispatch(kernels_.moe_group(), {1, 1, 1}, push, {ids, groups});
}

void Recorder::moe_matmul(const GpuTensor& stack, uint32_t n_expert, const MoeMatvecIo& io,
                          BufferRange groups, uint32_t per_expert) {
    Result<const Kernel*> kernel = kernels_.moe_matmul(stack.type);
    if (!kernel) {
        return fail(kernel.error().message);
    }
    const uint32_t rows = n_expert ? stack.rows / n_expert : 0;
    const BufferRange bias = io.bias != nullptr ? whole(*io.bias) : io.x; // unread without
    const Kernels::MatmulTile& tile = kernels_.moe_tile();
    const uint32_t tiles = std::max(ceil_div(std::min(per_expert, io.n_slots), tile.bn), 1u);
    const uint32_t max_z = 65535; // Vulkan's least maxComputeWorkGroupCount[2]
    if (uint64_t(tiles) * n_expert > max_z) {
        return fail("a batch of " + std::to_string(per_expert) + " tokens over " +
                    std::to_string(n_expert) + " experts needs more than " + std::to_string(max_z) +
                    " workgroups");
    }
    expert_pieces(
        stack, n_expert, io, [&](BufferRange w, uint32_t offset, uint32_t e0, uint32_t count) {
            const gpu::MoeMatmulPush push{stack.cols,
                                          rows,
                                          static_cast<uint32_t>(stack.row_bytes),
                                          offset,
                                          static_cast<uint32_t>(uint64_t(rows) * stack.row_bytes),
                                          e0,
                                          n_expert,
                                          tiles,
                                          io.x_group,
                                          io.x_stride ? io.x_stride : stack.cols,
                                          io.y_stride ? io.y_stride : rows,
                                          io.bias != nullptr ? HEARTH_MATVEC_BIAS : 0u};
            batch_.dispatch(**kernel, row_groups(ceil_div(rows, tile.bm), count * tiles), push,
                            {w, io.x, io.y, bias, groups});
        });
}

void Recorder::moe_combine(BufferRange e, BufferRange weights, BufferRange y, uint32_t n,
                           uint32_t k, uint32_t cols, bool accumulate) {
    const gpu::MoeCombinePush push{cols, k, accumulate ? 1u : 0u};
    batch_.dispatch(kernels_.moe_combine(), {ceil_div(cols, 64), n, 1}, push, {e, weights, y});
}

} // namespace hearth::vk
