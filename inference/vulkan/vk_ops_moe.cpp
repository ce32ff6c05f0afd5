// Recording of the mixture-of-experts kernels (the rest of Recorder is vk_ops.cpp): the
// router's gating and top-k, the expert-indexed matvec over the chosen experts, and the
// weighted sum. The choice stays on the device from the router to the sum: the expert kernels
// read the ids the router wrote, so a layer needs no host round trip.
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
// dispatch covers every slot and skips those whose expert lies elsewhere.
void Recorder::moe_matvec(const GpuTensor& stack, uint32_t n_expert, const MoeMatvecIo& io) {
    const uint32_t rows = n_expert ? stack.rows / n_expert : 0;
    const uint32_t x_stride = io.x_stride ? io.x_stride : stack.cols;
    if (rows == 0 || uint64_t(rows) * n_expert != stack.rows || stack.cols % HEARTH_UNIT != 0 ||
        x_stride % 4 != 0 || io.x_group == 0) {
        return fail("an expert stack of " + std::to_string(stack.rows) + " rows x " +
                    std::to_string(stack.cols) + " columns cannot hold " +
                    std::to_string(n_expert) + " experts of whole units of 32");
    }
    Result<const Kernel*> kernel = kernels_.moe_matvec(stack.type);
    if (!kernel) {
        return fail(kernel.error().message);
    }
    const uint64_t expert_bytes = uint64_t(rows) * stack.row_bytes;
    const uint64_t alignment = kernels_.context().info().min_storage_offset_alignment;
    const uint64_t usable = limit_ > alignment + 4 ? limit_ - alignment - 4 : 0;
    const uint64_t per_piece = std::min<uint64_t>(usable / expert_bytes, n_expert);
    if (per_piece == 0) {
        return fail("an expert of " + std::to_string(expert_bytes) +
                    " bytes exceeds the binding limit of " + std::to_string(limit_) + " bytes");
    }
    const BufferRange bias = io.bias != nullptr ? whole(*io.bias) : io.x; // unread without
    const uint32_t rows_per_group = kernels_.matvec_rows();
    for (uint64_t e0 = 0; e0 < n_expert; e0 += per_piece) {
        const uint64_t count = std::min<uint64_t>(per_piece, n_expert - e0);
        const VkDeviceSize start = stack.offset + e0 * expert_bytes;
        const VkDeviceSize bound = start / alignment * alignment;
        const VkDeviceSize bytes = (start - bound + count * expert_bytes + 3) / 4 * 4;
        const gpu::MoeMatvecPush push{stack.cols,
                                      rows,
                                      io.n_slots,
                                      static_cast<uint32_t>(stack.row_bytes),
                                      static_cast<uint32_t>(start - bound),
                                      static_cast<uint32_t>(expert_bytes),
                                      static_cast<uint32_t>(e0),
                                      static_cast<uint32_t>(e0 + count),
                                      io.x_group,
                                      x_stride,
                                      io.y_stride ? io.y_stride : rows,
                                      io.bias != nullptr ? HEARTH_MATVEC_BIAS : 0u};
        batch_.dispatch(**kernel, row_groups(ceil_div(rows, rows_per_group), io.n_slots), push,
                        {{stack.buffer, bound, bytes}, io.x, io.y, bias, io.ids});
    }
}

void Recorder::moe_combine(BufferRange e, BufferRange weights, BufferRange y, uint32_t n,
                           uint32_t k, uint32_t cols, bool accumulate) {
    const gpu::MoeCombinePush push{cols, k, accumulate ? 1u : 0u};
    batch_.dispatch(kernels_.moe_combine(), {ceil_div(cols, 64), n, 1}, push, {e, weights, y});
}

} // namespace hearth::vk
