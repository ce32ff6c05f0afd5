#include "model/kv_cache.h"

#include <algorithm>

namespace hearth {

namespace {

uint64_t round_up(uint64_t n, uint32_t align) {
    return (n + align - 1) / align * align;
}

} // namespace

uint32_t kv_capacity(uint32_t n_ctx, uint32_t window, uint32_t batch, uint32_t align) {
    align = std::max(align, 1u);
    const uint64_t all = round_up(n_ctx, align);
    if (window == 0) {
        return uint32_t(all);
    }
    return uint32_t(std::min(all, round_up(uint64_t(window) + batch, align)));
}

uint64_t kv_cache_bytes(const ModelConfig& c, uint32_t n_ctx, uint32_t batch) {
    uint64_t positions = 0;
    for (const LayerConfig& l : c.layers) {
        positions += kv_capacity(n_ctx, l.window, batch);
    }
    return positions * c.kv_dim() * 2 /* K and V */ * 2 /* f16 */;
}

KvLayout::KvLayout(const ModelConfig& c, uint32_t n_ctx, uint32_t batch, uint32_t align) {
    for (const LayerConfig& l : c.layers) {
        capacity_.push_back(kv_capacity(n_ctx, l.window, batch, align));
        window_.push_back(l.window);
    }
}

void KvLayout::written(uint32_t end) {
    high_ = std::max(high_, end);
}

uint32_t KvLayout::resumable(uint32_t n) const {
    for (size_t l = 0; l < capacity_.size(); ++l) {
        // Slot p % capacity has held every position written since p, up to high_ - 1: the
        // ring still holds [high_ - capacity, high_). Layer l needs [n - window, n).
        const uint32_t kept_from = high_ > capacity_[l] ? high_ - capacity_[l] : 0;
        const uint32_t needed_from = window_[l] > 0 && n > window_[l] ? n - window_[l] : 0;
        if (n > 0 && needed_from < kept_from) {
            return 0;
        }
    }
    return n;
}

} // namespace hearth
