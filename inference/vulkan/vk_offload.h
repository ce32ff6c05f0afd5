// Partial offload's plan: how many of a model's layers a device's memory holds. The first N
// layers run on the device and the rest on the CPU (split_session.h), so the plan needs what
// the front costs whatever N is (the embedding, activations of one batch, RoPE tables), what
// each layer adds (its weights and its keys and values at the requested context) and what
// the whole model adds on top (the output norm, head and logits), against the device-local
// memory this process may still take.
#pragma once

#include "model/model.h"
#include "vulkan/vk_context.h"

#include <cstdint>
#include <vector>

namespace hearth::vk {

struct OffloadSizes {
    uint64_t front = 0;           // bytes on the device for any N > 0
    uint64_t head = 0;            // added when every layer is on the device
    std::vector<uint64_t> layers; // [n_layer] each layer's weights and KV cache
};

// The sizes of `model` on a device with `info`'s alignment, for a context of n_ctx and
// prompt batches of `batch` tokens (VulkanSession's allocations, as vk_session.cpp makes them).
OffloadSizes offload_sizes(const DeviceInfo& info, const Model& model, uint32_t n_ctx,
                           uint32_t batch);

// A tenth of the budget stays free: the driver's own allocations, the weights' block ends
// and whatever else starts meanwhile.
uint64_t usable_budget(uint64_t budget);

// The most leading layers whose sizes fit usable_budget(budget): every layer when the front,
// all layers and the head fit; else the largest N with front + layers[0, N) fitting (the head
// then runs on the CPU); 0 when not even the front fits.
uint32_t layers_that_fit(const OffloadSizes& sizes, uint64_t budget);

// The device-local bytes this process may take: Context::memory_budget(), lowered to
// HEARTH_VK_BUDGET_MB (mebibytes) when that is set, and to `cap` when it is non-zero (tests
// and the options make a small device out of a large one).
uint64_t offload_budget(const Context& ctx, uint64_t cap = 0);

} // namespace hearth::vk
