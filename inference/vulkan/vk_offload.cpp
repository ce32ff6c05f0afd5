#include "vulkan/vk_offload.h"

#include "model/kv_cache.h"
#include "vulkan/vk_weights.h"

#include <algorithm>
#include <cstdlib>

namespace hearth::vk {

OffloadSizes offload_sizes(const DeviceInfo& info, const Model& model, uint32_t n_ctx,
                           uint32_t batch) {
    const ModelConfig c = model.config.for_context(n_ctx);
    const WeightBytes weights = weight_bytes(info, model.weights);
    const KvLayout kv(c, n_ctx, batch);
    OffloadSizes sizes;
    // Activations of one batch, f32 (VulkanSession::allocate): x, h, o [B][n_embd]; q, att
    // [B][q_dim]; k, v [B][kv_dim]; gate, up [B][max(n_ff, k * n_ff_exp)]; with experts the
    // router logits, ids, weights, outputs and groups; the token ids.
    const uint64_t B = batch, k = c.moe.n_expert_used;
    const uint64_t ffn = std::max<uint64_t>({uint64_t(c.n_ff), k * c.n_ff_exp, 1});
    uint64_t activations = B * (3 * c.n_embd + 2 * c.q_dim() + 2 * c.kv_dim() + 2 * ffn + 1) * 4;
    if (c.moe.n_expert > 0) {
        activations +=
            (B * c.moe.n_expert + 2 * B * k + B * k * c.n_embd + c.moe.n_expert + 1 + B * k) * 4;
    }
    const uint64_t rope = uint64_t(c.rope.size()) * n_ctx * std::max(c.n_rot, 2u) * 4;
    // A front session also reads its hidden states back through [B][n_embd] host memory.
    sizes.front = weights.embedding + activations + rope + B * c.n_embd * 4;
    sizes.head = weights.head + uint64_t(c.n_vocab) * 4 + 8;
    for (uint32_t l = 0; l < c.n_layer; ++l) {
        const uint64_t cache = 2 * uint64_t(kv.capacity(l)) * c.kv_dim() * 2; // keys, values f16
        sizes.layers.push_back(weights.layers[l] + cache);
    }
    return sizes;
}

uint64_t usable_budget(uint64_t budget) {
    return budget - budget / 10;
}

uint32_t layers_that_fit(const OffloadSizes& sizes, uint64_t budget) {
    const uint64_t usable = usable_budget(budget);
    uint64_t used = sizes.front;
    if (used > usable) {
        return 0;
    }
    uint32_t n = 0;
    for (uint64_t layer : sizes.layers) {
        if (used + layer > usable) {
            return n;
        }
        used += layer;
        ++n;
    }
    if (used + sizes.head <= usable) {
        return n;
    }
    return n == 0 ? 0 : n - 1; // the head does not fit beside every layer: leave one to the CPU
}

uint64_t offload_budget(const Context& ctx, uint64_t cap) {
    uint64_t budget = ctx.memory_budget();
    if (const char* env = std::getenv("HEARTH_VK_BUDGET_MB"); env != nullptr && *env != '\0') {
        char* end = nullptr;
        const unsigned long long mib = std::strtoull(env, &end, 10);
        if (end != env && *end == '\0') {
            budget = std::min<uint64_t>(budget, mib << 20);
        }
    }
    return cap != 0 ? std::min(budget, cap) : budget;
}

} // namespace hearth::vk
